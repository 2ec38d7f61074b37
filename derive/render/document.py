"""Whole LaTeX documents: an article with the chains, and lecture notes with prose,
explanations, findings and a picture (pgfplots, so that TeX alone draws it).

Everything that comes from a derivation reaches TeX through the LaTeX printer (formulas)
or ``escape`` (words): no user text lands in the document raw.
"""

from __future__ import annotations

import math

from ..engine.derivation import Derivation
from ..engine.samples import samples
from .facts import facts, form_facts
from .latex import escape, latex, rows, text

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{pgfplots}
\pgfplotsset{compat=1.16}
\allowdisplaybreaks
"""


def title_of(d: Derivation) -> str:
    """A section title: the catalog name, or the function's formula."""
    if d.name:
        return escape(d.name)
    return f"$g({latex(d.var)}) = {latex(d.definition)}$"


def article(derivations: list[Derivation], *, title: str | None = None) -> str:
    """``--standalone``: each chain as a display in an article."""
    body = []
    for d in derivations:
        body.append(rf"\section*{{{title_of(d)}}}")
        body.append("\\[\n" + "\\begin{aligned}\n" + " \\\\\n".join(r.aligned() for r in rows(d)) + "\n\\end{aligned}\n\\]")
    head = rf"\title{{{escape(title)}}}\date{{}}" + "\n" if title else ""
    return PREAMBLE + head + "\\begin{document}\n" + (r"\maketitle" + "\n" if title else "") + "\n".join(body) + \
        "\n\\end{document}\n"


def notes(derivations: list[Derivation], *, title: str = "Derivatives of activation functions") -> str:
    """Lecture notes: a section per function, each step explained, the result, a picture."""
    body = []
    for d in derivations:
        body.append(section(d))
    return PREAMBLE + rf"\title{{{escape(title)}}}\date{{}}" + "\n\\begin{document}\n\\maketitle\n" + \
        "\n".join(body) + "\n\\end{document}\n"


def section(d: Derivation) -> str:
    out = [rf"\section{{{title_of(d)}}}"]
    g = f"g({latex(d.var)})"
    order = "" if d.order == 1 else f" of order {d.order}"
    intro = f"We differentiate ${g} = {latex(d.definition)}$"
    if d.source:
        intro += f" (as \\texttt{{{escape(d.source)}}} defines it)"
    out.append(intro + f" step by step, and write its derivative{escape(order)} in terms of ${g}$ itself where "
                       "that can be done.")
    chains = [("", d)] + [(rf"For ${latex(b.condition(d.var))}$:", b.derivation) for b in d.branches]
    number = 0
    for heading, chain in chains:
        if heading:
            out.append(heading)
        lines, explanations = [], []
        for line in chain.lines:
            number += 1
            lhs = latex(line.lhs) if line.lhs is not None else ""
            lines.append(f"{lhs} &= {latex(line.rhs)} \\tag{{{number}}}")
            explanations.append(rf"\item[({number})] ${text(line.note)}$")
        out.append("\\begin{align*}\n" + " \\\\\n".join(lines) + "\n\\end{align*}")
        out.append("\\begin{itemize}\n" + "\n".join(explanations) + "\n\\end{itemize}")
        for fact in form_facts(chain) if chain is not d else ():
            out.append(f"${text(fact)}$.")
    out.append(_result(d))
    for fact in facts(d):
        out.append(f"${text(fact)}$.\n")
    if d.steps is not None and d.var.is_Symbol:
        out.append(picture(d))
    return "\n\n".join(out)


def _result(d: Derivation) -> str:
    g = f"g({latex(d.var)})"
    prime = "'" * d.order if d.order <= 3 else f"^{{({d.order})}}"
    last = d.lines[-1]
    if d.in_terms_of_g is not None and last.rule == "in-g":  # the chain's own last line, as written
        return rf"So $g{prime}({latex(d.var)}) = {latex(last.rhs)}$: the derivative reuses the value of ${g}$."
    if d.in_terms_of_g_and_z is not None:
        return rf"So $g{prime}({latex(d.var)}) = {latex(last.rhs)}$, in terms of ${g}$ and ${latex(d.var)}$."
    if d.branches:
        return "Each piece has its own derivative, above."
    return rf"So $g{prime}({latex(d.var)}) = {latex(d.derivative)}$."


def picture(d: Derivation) -> str:
    """g and g' drawn by pgfplots from sampled coordinates, broken at the kinks."""
    s = samples(d)

    def coordinates(values) -> str:
        return " ".join(f"({z:.4f},{'nan' if math.isnan(v) else f'{v:.5f}'})" for z, v in zip(s.z, values))

    prime = "'" * d.order if d.order <= 3 else f"^{{({d.order})}}"
    return "\n".join([
        r"\begin{center}",
        r"\begin{tikzpicture}",
        rf"\begin{{axis}}[width=0.75\linewidth, height=5.5cm, xmin={s.low:g}, xmax={s.high:g}, grid=major,"
        r" xlabel={$z$}, legend pos=outer north east, unbounded coords=jump, no markers]",
        rf"\addplot[blue, thick] coordinates {{{coordinates(s.g)}}};",
        r"\addlegendentry{$g(z)$}",
        rf"\addplot[red, thick, dashed] coordinates {{{coordinates(s.dg)}}};",
        rf"\addlegendentry{{$g{prime}(z)$}}",
        r"\end{axis}",
        r"\end{tikzpicture}",
        r"\end{center}",
    ])
