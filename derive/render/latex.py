"""LaTeX output: the chain as an amsmath ``aligned`` block, typeset like the lecture.

``LectureLatexPrinter`` is SymPy's LaTeX printer with the lecture's conventions: lines
print in the order they were written, ``(-1)`` stays a factor, a negative factor keeps
its brackets (``(-e^{-z})``; SymPy's own printer drops them and the product reads as a
subtraction), ``(g(z))^2`` rather than ``g^{2}(z)``, and ``g'(z)``, ``\\sigma(z)``; a name
SymPy would print with a package's macro or raw (``xscr``, ``_``) is set literally.

Then, for every LaTeX output (the aligned block, the article, Beamer, the notes): the
numbers of a chain as a lecturer writes them (``numbers``), a line too wide for the page
broken at + and - the way a typesetter breaks a display (``broken``, widths estimated by
``width.py``), and explanations as sentences with their formulas in math mode (``prose``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from sympy import Add, Equality, Derivative, Expr, Indexed, Mul, Pow, Rational, UnevaluatedExpr
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter, accepted_latex_functions

from ..engine import forms
from ..errors import DeriveError
from ..engine.derivation import Derivation, Line, Note
from . import layout
from .numbers import numbers, sympify_number, written
from .width import width


#: names SymPy prints well: letters (a Greek name is a letter), then digits or one subscript
_PLAIN_NAME = re.compile(r"[A-Za-z]+[0-9]*(_[A-Za-z0-9]+)?")
#: what such a name may become without a package beyond amsmath
_SAFE_MACROS = {"\\" + g for g in (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho "
    "varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi "
    "Psi Omega mathrm hat bar dot ddot tilde vec check breve acute grave prime boldsymbol").split()}


class LectureLatexPrinter(LatexPrinter):
    """Prints a line as written; the typography of Module 4.9."""

    def __init__(self, settings=None):
        super().__init__({"order": "none", **(settings or {})})

    def _print_UnevaluatedExpr(self, expr: UnevaluatedExpr) -> str:
        return self._print(expr.args[0])

    def _print_Add(self, expr, order=None) -> str:
        tex = ""
        for i, term in enumerate(forms.terms(expr)):
            negative, magnitude = layout.signed(term)
            body = self._print(magnitude)
            if layout.unwrap(magnitude).is_Add:
                body = rf"\left({body}\right)"
            if i == 0:
                tex = f"- {body}" if negative else body
            else:
                tex += f" - {body}" if negative else f" + {body}"
        return tex

    def _print_Mul(self, expr) -> str:
        p = layout.product(expr)
        tex = self._product(p.numerator) if p.numerator else "1"
        if p.negated_sum:
            tex = rf"\left({tex}\right)"
        if p.denominator:
            if p.numerator_is_grouped:
                tex = rf"\left({tex}\right)"
            tex = rf"\frac{{{tex}}}{{{self._product(p.denominator)}}}"
        return f"- {tex}" if p.negative else tex

    def _product(self, factors) -> str:
        tex = ""
        for i, factor in enumerate(factors):
            body = self._print(factor)
            if layout.derivative_needs_brackets(factor, last=i == len(factors) - 1):
                body = rf"\left[{body}\right]"
            elif len(factors) > 1 and layout.factor_needs_brackets(factor, first=i == 0):
                body = rf"\left({body}\right)"
            if tex:
                # digits next to digits need a visible product sign: 2 \cdot 3, and so does a
                # bracketed number after a number: 2 (3) reads as a mixed number 2 + 3
                numbers = layout.unwrap(factors[i - 1]).is_Number and layout.unwrap(factor).is_Number
                tex += r" \cdot " if numbers or (tex[-1].isdigit() and body[0].isdigit()) else " "
            tex += body
        return tex

    def _print_Pow(self, expr: Pow) -> str:
        base, exponent = expr.args
        if exponent.is_number and exponent.is_negative:
            positive = base if exponent == -1 else Pow(base, -exponent, evaluate=False)
            return rf"\frac{{1}}{{{self._print(positive)}}}"
        if exponent == Rational(1, 2):
            return rf"\sqrt{{{self._print(base)}}}"
        body = self._print(base)
        if layout.base_needs_brackets(base):
            body = rf"\left({body}\right)"
        return f"{body}^{{{self._print(exponent)}}}"

    def _print_Derivative(self, expr: Derivative) -> str:
        if isinstance(expr.expr, AppliedUndef):
            order = sum(n for _, n in expr.variable_count)
            primes = "'" * order if order <= 3 else f"^{{({order})}}"
            return f"{expr.expr.func.__name__}{primes}({self._print(expr.variables[0])})"
        var = expr.variables[0]
        if isinstance(var, Indexed):  # softmax: partial derivatives
            if isinstance(expr.expr, Indexed):
                return rf"\frac{{\partial {self._print(expr.expr)}}}{{\partial {self._print(var)}}}"
            return rf"\frac{{\partial}}{{\partial {self._print(var)}}} \left({self._print(expr.expr)}\right)"
        if len(expr.variable_count) == 1 and expr.derivative_count == 1:
            # d/dz (u v): the operand in brackets unless it is one symbol, function or power, so
            # that d/dz g(z) (1 - g(z)) can never be read as (d/dz g(z)) (1 - g(z))
            operand = layout.unwrap(expr.expr)
            body = self._print(operand)
            if not layout.derivative_operand_alone(operand):
                body = rf"\left({body}\right)"
            return rf"\frac{{d}}{{d {self._print(var)}}} {body}"
        # d/dz even beside a parameter (SymPy writes a partial derivative when k is in sight)
        return super()._print_Derivative(expr).replace(r"\partial", "d")

    def _print_Function(self, expr, exp=None) -> str:
        name = expr.func.__name__
        if isinstance(expr, AppliedUndef) or (len(expr.args) == 1 and name in accepted_latex_functions):
            head = name if isinstance(expr, AppliedUndef) else "\\" + name
            if exp is not None:
                head += f"^{{{exp}}}"
            return f"{head}{self._argument(expr.args[0])}"
        return super()._print_Function(expr, exp)

    def _print_Heaviside(self, expr, exp=None) -> str:
        # \operatorname{heaviside}(z), as derive reads it back: \theta\left(z, 0\right) reads as a
        # product, and its 0 (the value at 0) is the cases' business
        head = r"\operatorname{heaviside}" + (f"^{{{exp}}}" if exp is not None else "")
        return f"{head}{self._argument(expr.args[0])}"

    def _print_And(self, expr) -> str:
        # -1/2 < z < 1/2, as a lecture writes an interval
        parts = expr.args
        if len(parts) == 2 and all(getattr(p, "rel_op", None) in ("<", "<=", ">", ">=") for p in parts):
            low, high = sorted(parts, key=lambda p: p.rel_op in ("<", "<=") and p.lhs.is_Symbol)
            low = low.reversed if low.lhs.is_Symbol else low
            return f"{self._print(low.lhs)} {self._relation(low.rel_op)} {self._print(high)}"
        return super()._print_And(expr)

    def _relation(self, op: str) -> str:
        return {"<": "<", "<=": r"\leq", ">": ">", ">=": r"\geq"}[op]

    def _print_Rational(self, expr) -> str:
        text = layout.decimal(expr)
        if text is None:
            return super()._print_Rational(expr)
        return f"- {text[1:]}" if text.startswith("-") else text

    def _print_Symbol(self, expr, style="plain") -> str:
        # SymPy reads modifiers out of a name (xscr -> \mathscr{x}, needing a package) and
        # leaves _ raw: a name outside the plain forms is set literally, in italics
        name = expr.name
        tex = super()._print_Symbol(expr, style)
        if _PLAIN_NAME.fullmatch(name) and set(re.findall(r"\\[A-Za-z]+", tex)) <= _SAFE_MACROS:
            # rrelu's lower: one name, not the product l o w e r (with e Euler's number)
            return rf"\mathit{{{tex}}}" if re.fullmatch(r"[A-Za-z]{2,}", tex) else tex
        return rf"\mathit{{{escape(name)}}}"

    def _print_Float(self, expr) -> str:
        # a decimal as written (0.01): the shortest digits that give the same value
        text = format(Decimal(str(expr)), "f") if abs(expr) >= 1e-6 else super()._print_Float(expr)
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"- {text[1:]}" if text.startswith("-") else text

    def _print_sigmoid(self, expr, exp=None) -> str:
        head = r"\sigma" if exp is None else rf"\sigma^{{{exp}}}"
        return f"{head}{self._argument(expr.args[0])}"

    def _print_log(self, expr, exp=None) -> str:
        head = r"\ln" if exp is None else rf"\ln^{{{exp}}}"
        return f"{head}{self._argument(expr.args[0])}"

    def _argument(self, arg: Expr) -> str:
        body = self._print(arg)
        return f"({body})" if arg.is_Atom else rf"\left({body}\right)"



_printer = LectureLatexPrinter()


def latex(expr: Expr) -> str:
    """One expression, typeset as the lecture does."""
    return _printer.doprint(expr)


# -- rows of an aligned block, long lines broken ------------------------------------------

#: text widths in em of the font the display is set in, a little short of the real ones
#: (tests/test_overfull.py compiles every entry in every format and finds no overfull box)
#: (the estimate is within about 15 per cent of TeX's own width, hence the margin)
ARTICLE = 30.0  # the default article: 345 pt at 10 pt
STANDALONE = 38.0  # derive's own article: 11 pt, 2 cm margins, 484 pt
NOTES = 34.5  # the same, less the equation numbers
BEAMER = 26.5  # a frame at \small: about 307 pt at 10 pt (26.5: swish-beta's second derivative was 6 pt over at 28)
NOTES_TEXT = 36.0  # a display inside a list of the notes


@dataclass(frozen=True)
class Row:
    """One row of a chain as TeX: ``lhs &= rhs`` with its note, a row of words (a
    piece's heading), or the continuation of a line too long for one row."""

    lhs: str
    rhs: str | None  # None: a row of words (a piece's heading)
    note: str = ""
    line: int = 0  # which line of the chain (1-based; 0 for a heading)
    continued: bool = False  # the rest of the line before, broken at an operator

    def aligned(self) -> str:
        if self.continued:
            return rf"&\quad {self.rhs}"
        return f"{self.lhs} &= {self.rhs}" if self.rhs is not None else f"&{self.lhs}"


def shown(expr: Expr, mapping: dict) -> Expr:
    """A chain line's right-hand side as every LaTeX output writes it (the rows of
    ``--format latex``, Beamer, the notes, and the JSON's ``latex``): its numbers as
    ``numbers`` says, a piece's condition in its shortest form (z \neq 0)."""
    return written(expr, mapping)


def line_latex(expr: Expr, mapping: dict) -> str:
    """``shown`` typeset whole, unbroken: the JSON's ``latex`` of a line."""
    return latex(shown(expr, mapping))


def lhs(line: Line) -> str:
    return latex(line.lhs) if line.lhs is not None else ""


def rows(derivation: Derivation, *, facts: bool = False, em: float = ARTICLE, pieces: bool = True) -> list[Row]:
    """The chain's rows: its lines; for a piecewise activation a heading and the lines of
    each piece.  A line wider than ``em`` is broken at + and - (inside brackets if it has
    to) into continuation rows.  ``facts`` is accepted for old callers: the facts are
    prose (``facts.py``), set outside the chain."""
    mapping = numbers(derivation)
    out: list[Row] = []
    count = 0

    def add(lines) -> None:
        nonlocal count
        for line in lines:
            count += 1
            left = lhs(line)
            budget = em - width(left) - 1.4
            parts = broken(shown(line.rhs, mapping), budget)
            out.append(Row(left, parts[0], note(line), count))
            out.extend(Row("", part, "", count, continued=True) for part in parts[1:])

    add(derivation.lines)
    for branch in derivation.branches if pieces else ():
        out.append(Row(rf"\text{{for }} {latex(branch.condition(derivation.var))}\text{{:}}", None))
        add(branch.derivation.lines)
    return out


def aligned(derivation: Derivation, *, facts: bool = False, em: float = ARTICLE) -> str:
    r"""The chain as ``\begin{aligned} ... \end{aligned}``, one line per row, ``=`` aligned;
    only the chain (what it establishes besides is prose, see ``document.py``)."""
    body = " \\\\\n".join(row.aligned() for row in rows(derivation, em=em))
    return "\\begin{aligned}\n" + body + "\n\\end{aligned}"


@dataclass(frozen=True)
class Piece:
    """A stretch of a line that stays on one row."""

    tex: str
    breakable: bool = False  # a row may start with this piece
    opens: int = 0  # \left( it opens (closed by a later piece)
    closes: int = 0
    lead: str = ""  # what a row starting here begins with (a centred dot between factors)


def broken(expr: Expr, budget: float) -> list[str]:
    """expr as one or more rows: whole if it fits ``budget`` em, else broken before a
    + or - (or between the factors of a product) as a typesetter breaks a display, a
    bracket split across rows closed with ``\\right.`` and reopened with ``\\left.``."""
    whole = latex(expr)
    if width(whole) <= budget:
        return [whole]
    pieces = _pieces(expr, budget)
    rows_: list[str] = []
    current, depth, used = "", 0, 0.0
    limit = budget
    for piece in pieces:
        w = width(piece.tex)
        if current and piece.breakable and used + w > limit:
            rows_.append(current + r" \right." * depth)
            current, used = r"\left. " * depth + "{} ", 0.0
            limit = budget - 1.0  # the continuation is indented by a quad
            current += piece.lead
        current = f"{current} {piece.tex}".strip() if current else piece.tex
        used += w
        depth += piece.opens - piece.closes
    rows_.append(current)
    return rows_


def _pieces(expr: Expr, budget: float) -> list[Piece]:
    """The pieces of expr between the places a row may break (none inside a piece that fits)."""
    x = layout.unwrap(expr)
    if width(latex(expr)) <= budget * 0.5 and not isinstance(x, Add):
        return [Piece(latex(expr))]
    if isinstance(x, Add):
        out: list[Piece] = []
        for i, term in enumerate(forms.terms(x)):
            negative, magnitude = layout.signed(term)
            inner = _bracketed(magnitude, budget) if layout.unwrap(magnitude).is_Add else _pieces(magnitude, budget)
            sign = "- " if negative else ("" if i == 0 else "+ ")
            out += [replace(inner[0], tex=sign + inner[0].tex, breakable=i > 0, lead=""), *inner[1:]]
        return out
    if isinstance(x, Mul):
        return _product_pieces(x, budget)
    if isinstance(x, Derivative) and len(x.variable_count) == 1 and x.derivative_count == 1 and \
            not isinstance(x.expr, AppliedUndef) and not isinstance(x.variables[0], Indexed):
        operand = layout.unwrap(x.expr)
        if isinstance(operand, (Add, Mul)):
            head = rf"\frac{{d}}{{d {latex(x.variables[0])}}}"
            inner = _bracketed(operand, budget)
            return [replace(inner[0], tex=head + " " + inner[0].tex), *inner[1:]]
    if isinstance(x, Pow) and layout.base_needs_brackets(x.base) and isinstance(layout.unwrap(x.base), Add) and \
            not (x.exp.is_number and x.exp.is_negative) and x.exp != Rational(1, 2):
        inner = _bracketed(x.base, budget)
        return inner[:-1] + [replace(inner[-1], tex=inner[-1].tex + f"^{{{latex(x.exp)}}}")]
    return [Piece(latex(expr))]


def _bracketed(expr: Expr, budget: float) -> list[Piece]:
    inner = _pieces(expr, budget)
    if len(inner) == 1:
        return [Piece(rf"\left({inner[0].tex}\right)")]
    inner[0] = replace(inner[0], tex=r"\left(" + inner[0].tex, opens=inner[0].opens + 1)
    inner[-1] = replace(inner[-1], tex=inner[-1].tex + r"\right)", closes=inner[-1].closes + 1)
    return inner


def _product_pieces(x: Mul, budget: float) -> list[Piece]:
    """A product too wide for a row: 1/(denominator) first, then the factors, each a
    place to break (the row after starts with a centred dot)."""
    p = layout.product(x)
    out: list[Piece] = []
    if p.denominator:
        out.append(Piece(rf"\frac{{1}}{{{_printer._product(p.denominator)}}}"))
    factors = list(p.numerator)
    if p.negated_sum or (p.denominator and p.numerator_is_grouped):
        factors = [UnevaluatedExpr(Add(*forms.terms(factors[0]), evaluate=False))]  # one bracketed sum
    for i, factor in enumerate(factors):
        needs = layout.factor_needs_brackets(factor, first=i == 0 and not out) or \
            (len(factors) + len(out) > 1 and isinstance(layout.unwrap(factor), Add))
        if layout.derivative_needs_brackets(factor, last=i == len(factors) - 1):
            # d/dz (u) before other factors would read as d/dz of the whole product: one
            # piece in square brackets, as the one-row printer writes it
            inner = [Piece(rf"\left[{latex(factor)}\right]")]
        else:
            inner = _bracketed(layout.unwrap(factor), budget) if needs else _pieces(factor, budget)
        if out:
            inner[0] = replace(inner[0], breakable=True, lead=r"\cdot ")
        out += inner
    if p.negative and out:
        out[0] = replace(out[0], tex="- " + out[0].tex)
    return out


def note(line: Line) -> str:
    """The explanation of a line, as math (words in \\text): for a cell beside the line."""
    return text(line.note)


def text(note: Note) -> str:
    """Words as \\text (escaped), formulas as math, phrases joined by ';'."""
    phrases = (
        r"\ ".join(rf"\text{{{escape(p)}}}" if isinstance(p, str) else latex(p) for p in phrase) for phrase in note
    )
    return r"\text{; }".join(phrases)


# -- prose: the explanations and facts as sentences ------------------------------------------

#: the formulas inside the engine's rule titles, as a lecturer typesets them
RULE_FORMULAS = {
    "d/dz g(z) = g'(z)": r"\frac{d}{dz} g(z) = g'(z)",
    "d/dz z = 1": r"\frac{d}{dz} z = 1",
    "d/du e^u = e^u": r"\frac{d}{du} e^u = e^u",
    "d/du ln(u) = 1/u": r"\frac{d}{du} \ln(u) = \frac{1}{u}",
    "d/du erf(u) = 2/sqrt(pi) e^{-u^2}": r"\frac{d}{du} \operatorname{erf}(u) = \frac{2}{\sqrt{\pi}} e^{-u^2}",
    "d/du sigma(u) = sigma(u)(1 - sigma(u))": r"\frac{d}{du} \sigma(u) = \sigma(u)\left(1 - \sigma(u)\right)",
    "d/du |u| = sign(u)": r"\frac{d}{du} |u| = \operatorname{sign}(u)",
}
_RULE = re.compile("|".join(re.escape(k) for k in sorted(RULE_FORMULAS, key=len, reverse=True)))
#: a bare variable or g(z) inside words ("the form in g and z") is maths too
_LETTER = re.compile(r"(?<![\w'])(g'*\([a-z]\)|g'+|g|z)(?![\w'(])")
_CODE_OR_LETTER = re.compile(r"torch\.[\w.]+(\([\w=']*\))?|" + _LETTER.pattern)


def words(phrase: str) -> str:
    """Words for running text: TeX's specials literal, hyphens between numbers and the
    formulas of rule titles in math mode (a true minus sign, fractions)."""
    out, at = [], 0
    for m in _RULE.finditer(phrase):
        out.append(_plain(phrase[at:m.start()]))
        out.append(f"${RULE_FORMULAS[m.group()]}$")
        at = m.end()
    out.append(_plain(phrase[at:]))
    return "".join(out)


def _plain(s: str) -> str:
    """Words, with a bare g, g', g(z) or z among them set as maths, and a framework's
    name (torch.nn.SELU) as code."""
    parts, at = [], 0
    for m in _CODE_OR_LETTER.finditer(s):
        parts.append(escape(s[at:m.start()]))
        parts.append(rf"\texttt{{{escape(m.group())}}}" if m.group().startswith("torch.") else f"${m.group()}$")
        at = m.end()
    parts.append(escape(s[at:]))
    return "".join(parts)


def prose(note: Note, *, capital: bool = True, end: str = ".", numbers_: dict | None = None,
          em: float = NOTES_TEXT) -> str:
    """A note as a sentence: words as text, formulas in math mode, phrases joined by ';',
    the first letter upper case.  A formula too long for a line of ``em`` is displayed,
    broken like a line of the chain."""
    phrases = []
    for phrase in note:
        parts = []
        for p in phrase:
            if isinstance(p, str):
                parts.append(words(p))
                continue
            p = written(sympify_number(p), numbers_ or {})
            tex = latex(p)
            if width(tex) <= em * 0.6:
                parts.append(f"${tex}$")
                continue
            left, right = (latex(p.lhs), p.rhs) if isinstance(p, Equality) else ("", p)
            rows_ = broken(right, em - width(left) - 2.5)
            body = (f"{left} &= " if left else "&") + rows_[0] + "".join(rf" \\ &\quad {r}" for r in rows_[1:])
            parts.append("\n\\[\n\\begin{aligned}\n" + body + "\n\\end{aligned}\n\\]\n")
        phrases.append(" ".join(parts).replace(" ,", ","))
    sentence = "; ".join(phrases)
    if capital and sentence[:1].isalpha():
        sentence = sentence[0].upper() + sentence[1:]
    return sentence + end if sentence and not sentence.endswith((".", ":")) else sentence


_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\~{}", "<": r"\textless{}", ">": r"\textgreater{}",
            "|": r"\textbar{}"}

#: Greek letters in a title or a name: set in math mode
GREEK = {chr(0x3B1 + i): n for i, n in enumerate(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi o pi rho varsigma sigma tau upsilon "
    "phi chi psi omega".split())}
GREEK.update({"Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma",
              "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega"})


def escape(words: str) -> str:
    """Words for text: TeX's special characters made literal, Greek letters in math mode,
    and any other character pdflatex cannot set refused with one line."""
    out = []
    for c in words:
        if c in _SPECIAL:
            out.append(_SPECIAL[c])
        elif c in GREEK and GREEK[c] != "o":
            out.append(rf"\ensuremath{{\{GREEK[c]}}}")
        elif c == "\u2212":  # a true minus sign
            out.append(r"\ensuremath{-}")
        elif c in "\u2018\u2019\u201c\u201d\u2013\u2014":
            out.append({"\u2018": "`", "\u2019": "'", "\u201c": "``", "\u201d": "''", "\u2013": "--",
                        "\u2014": "---"}[c])
        elif c == "\t" or c == "\n":
            out.append(" ")
        elif (" " <= c <= "~") or ("\u00c0" <= c <= "\u017f" and c not in "\u00d7\u00f7"):
            out.append(c)  # ASCII, and the accented Latin letters inputenc sets
        else:
            raise DeriveError(f"TeX cannot set the character {c!r} (U+{ord(c):04X}) in {_short(words)!r}")
    return "".join(out)


def _short(s: str) -> str:
    return s if len(s) <= 40 else s[:37] + "..."
