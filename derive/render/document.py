"""Whole LaTeX documents: an article with the chains, and lecture notes with prose,
explanations, findings and a picture (pgfplots, so that TeX alone draws it).

Everything that comes from a derivation reaches TeX through the LaTeX printer (formulas)
or ``escape`` (words): no user text lands in the document raw.  The displays hold only
the chain; what a derivation establishes besides (kinks, parameters, why no form in g
exists) is set as sentences after it, where TeX can break the lines.
"""

from __future__ import annotations

from sympy import Derivative
from sympy.core.function import AppliedUndef

from ..engine.derivation import Derivation
from .curves import curves
from .facts import facts, form_facts
from .latex import NOTES, STANDALONE, broken, escape, latex, prose, rows, width
from .numbers import numbers, written

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{pgfplots}
\pgfplotsset{compat=1.16}
\numberwithin{equation}{section}
\allowdisplaybreaks
\setlength{\emergencystretch}{3em}
"""

ORDINALS = {2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def title_of(d: Derivation, name: str | None = None) -> str:
    """A section title: the name asked for (or the catalog's), or the function's formula;
    a higher derivative says which."""
    name = name or d.name
    head = escape(name) if name else f"$g({latex(d.var)}) = {latex(d.lines[0].rhs)}$"
    if d.order > 1:
        head += f": the {ORDINALS.get(d.order, f'order-{d.order}')} derivative"
    return head


def display(d: Derivation, em: float) -> str:
    r"""The chain as a display: ``\[\begin{aligned} ... \end{aligned}\]``."""
    body = " \\\\\n".join(r.aligned() for r in rows(d, em=em))
    return "\\[\n\\begin{aligned}\n" + body + "\n\\end{aligned}\n\\]"


def findings(d: Derivation, em: float = NOTES) -> list[str]:
    """What the derivation establishes besides its lines, as sentences."""
    mapping = numbers(d)
    return [prose(f, numbers_=mapping, em=em) for f in facts(d)]


def article(derivations: list[Derivation], *, title: str | None = None, names: list[str | None] | None = None) -> str:
    """``--standalone``: each chain as a display in an article, its findings after it."""
    body = []
    for i, d in enumerate(derivations):
        body.append(rf"\section*{{{title_of(d, names[i] if names else None)}}}")
        body.append(display(d, STANDALONE))
        body.extend(findings(d))
    head = rf"\title{{{escape(title)}}}\date{{}}" + "\n" if title else ""
    return PREAMBLE + head + "\\begin{document}\n" + (r"\maketitle" + "\n" if title else "") + \
        "\n\n".join(body) + "\n\\end{document}\n"


def notes(derivations: list[Derivation], *, title: str = "Derivatives of activation functions",
          names: list[str | None] | None = None) -> str:
    """Lecture notes: a section per function, each step explained, the result, a picture."""
    body = [section(d, names[i] if names else None) for i, d in enumerate(derivations)]
    return PREAMBLE + rf"\title{{{escape(title)}}}\date{{}}" + "\n\\begin{document}\n\\maketitle\n" + \
        "\n".join(body) + "\n\\end{document}\n"


def _intro(d: Derivation) -> str:
    first = d.lines[0]
    mapping = numbers(d)
    if d.steps is None:  # softmax: a vector function, partial derivatives
        return (rf"We differentiate ${latex(first.lhs)} = {latex(first.rhs)}$ with respect to each $z_j$ and "
                r"write the result in terms of the outputs $s$ themselves.")
    g = f"g({latex(d.var)})"
    if d.order > 1:
        prime = _prime(d.order - 1)
        return (rf"We differentiate $g{prime}({latex(d.var)})$ once more, starting from its form found above, "
                rf"and write $g{_prime(d.order)}({latex(d.var)})$ in terms of ${g}$ where that can be done.")
    shown = latex(written(first.rhs, mapping))
    if len(d.lines) > 1 and d.lines[1].lhs is None and d.lines[1].rule == "definition" and first.rule == "name":
        shown += " = " + latex(written(d.lines[1].rhs, mapping))  # tanh(z) = (e^z - e^{-z})/(e^z + e^{-z}), as written
    if width(shown) > 24:  # a long definition is displayed, broken like the chain
        parts = broken(written(first.rhs, mapping), NOTES - 4)
        body = f"{g} &= {parts[0]}" + "".join(rf" \\ &\quad {p}" for p in parts[1:])
        intro = "We differentiate\n\\begin{align*}\n" + body + "\n\\end{align*}\n"
    else:
        intro = f"We differentiate ${g} = {shown}$"
    if d.source:
        intro += rf" (as \texttt{{{escape(d.source)}}} defines it)"
    return intro + f" step by step, and write its derivative in terms of ${g}$ itself where that can be done."


def _prime(order: int) -> str:
    return "'" * order if order <= 3 else f"^{{({order})}}"


def section(d: Derivation, name: str | None = None) -> str:
    out = [rf"\section{{{title_of(d, name)}}}", _intro(d)]
    mapping = numbers(d)
    chains = [("", d)] + [(rf"For ${latex(b.condition(d.var))}$:", b.derivation) for b in d.branches]
    number = 0
    for heading, chain in chains:
        if heading:
            out.append(heading)
        lines, explanations = [], []
        offset = number
        for row in rows(chain, em=NOTES, pieces=False):
            if row.continued:
                lines.append(rf"&\quad {row.rhs} \notag")
                continue
            tag = offset + row.line
            number = max(number, tag)
            lines.append(rf"{row.lhs} &= {row.rhs} \tag{{\thesection.{tag}}}")
            explanations.append(rf"\item[(\thesection.{tag})] {prose(chain.lines[row.line - 1].note, numbers_=mapping)}")
        out.append("\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}")
        out.append("\\begin{itemize}\n" + "\n".join(explanations) + "\n\\end{itemize}")
        for fact in form_facts(chain) if chain is not d else ():
            out.append(prose(fact, numbers_=mapping))
    out.append(_result(d))
    out.extend(findings(d))
    if d.steps is not None and d.var.is_Symbol and d.definition.free_symbols == {d.var}:
        out.append(picture(d))
    return "\n\n".join(out)


def _result(d: Derivation) -> str:
    z = latex(d.var)
    g = f"g({z})"
    mapping = numbers(d)
    in_g = [line for line in d.lines if line.rule == "in-g"]
    if d.steps is None and in_g:  # softmax: the lecture's summary, s_i (delta_ij - s_j)
        line = in_g[-1]
        return rf"So ${latex(d.lines[1].lhs)} = {latex(line.rhs)}$: the derivative reuses the outputs $s$."
    lhs = f"g{_prime(d.order)}({z})"
    last = d.lines[-1]
    if last.rule == "in-g" or (d.in_terms_of_g is not None and last.lhs is None and not last.rhs.has(Derivative)
                               and _uses_g(last.rhs)):
        # the chain's own last line, as written (verified equal to the derivative like every line)
        return _so(lhs, written(last.rhs, mapping), f": the derivative reuses the value of ${g}$.")
    if d.in_terms_of_g_and_z is not None:
        return _so(lhs, written(last.rhs, mapping), f", in terms of ${g}$ and ${z}$.")
    if d.branches:
        return "Each piece has its own derivative, above."
    return _so(lhs, written(d.derivative, mapping), ".")


def _uses_g(expr) -> bool:
    return any(f.func.__name__ == "g" for f in expr.atoms(AppliedUndef))


def _so(lhs: str, rhs, after: str) -> str:
    """So g'(z) = ...: inline where it is short, else a display broken like the chain's lines."""
    tex = latex(rhs)
    if width(tex) < 16 and tex.count(r"\frac") < 2:
        return f"So ${lhs} = {tex}${after}"
    parts = broken(rhs, NOTES - width(lhs) - 1.4)
    body = f"{lhs} &= {parts[0]}" + "".join(rf" \\ &\quad {p}" for p in parts[1:])
    return "So\n\\begin{align*}\n" + body + "\n\\end{align*}\n" + (
        after.lstrip(",: ").capitalize() if after.strip(",:. ") else "")


def picture(d: Derivation) -> str:
    """g and g' drawn by pgfplots: each continuous stretch one line, a jump with an open
    and a filled dot, a kink marked."""
    c = curves(d)

    def coordinates(points) -> str:
        return " ".join(f"({z:.4f},{v:.5f})" for z, v in points)

    prime = _prime(d.order)
    out = [
        r"\begin{center}",
        r"\begin{tikzpicture}",
        rf"\begin{{axis}}[width=0.75\linewidth, height=5.5cm, xmin={c.low:g}, xmax={c.high:g}, "
        rf"ymin={c.bottom:.4f}, ymax={c.top:.4f}, grid=major, xlabel={{$z$}}, legend pos=outer north east, "
        r"no markers, restrict y to domain=-1000:1000]",
    ]
    for i, segment in enumerate(c.g):
        out.append(rf"\addplot[blue, thick{', forget plot' if i else ''}] coordinates {{{coordinates(segment)}}};")
        if i == 0:
            out.append(r"\addlegendentry{$g(z)$}")
    for i, segment in enumerate(c.dg):
        out.append(rf"\addplot[red, thick, dashed{', forget plot' if i else ''}] coordinates {{{coordinates(segment)}}};")
        if i == 0:
            out.append(rf"\addlegendentry{{$g{prime}(z)$}}")
    for points, style in ((c.g_filled, "blue, fill=blue"), (c.g_open, "blue, fill=white"),
                          (c.dg_filled, "red, fill=red"), (c.dg_open, "red, fill=white")):
        if points:
            out.append(rf"\addplot[only marks, mark=*, mark size=1.8pt, mark options={{{style}}}, forget plot] "
                       rf"coordinates {{{coordinates(points)}}};")
    if c.kinks:
        out.append(r"\addplot[only marks, mark=square, mark size=2pt, black, forget plot] "
                   rf"coordinates {{{coordinates(c.kinks)}}};")
    out += [r"\end{axis}", r"\end{tikzpicture}", r"\end{center}"]
    return "\n".join(out)
