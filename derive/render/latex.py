"""LaTeX output: the chain as an amsmath ``aligned`` block, typeset like the lecture.

``LectureLatexPrinter`` is SymPy's LaTeX printer with the lecture's conventions: lines
print in the order they were written, ``(-1)`` stays a factor, a negative factor keeps
its brackets (``(-e^{-z})``; SymPy's own printer drops them and the product reads as a
subtraction), ``(g(z))^2`` rather than ``g^{2}(z)``, and ``g'(z)``, ``\\sigma(z)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Derivative, Expr, Function, Indexed, Pow, Rational, UnevaluatedExpr
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter, accepted_latex_functions

from ..engine import forms
from ..engine.derivation import Derivation, Line, Note
from . import layout
from .facts import facts as all_facts
from .facts import form_facts


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
            if len(factors) > 1 and layout.factor_needs_brackets(factor, first=i == 0):
                body = rf"\left({body}\right)"
            if tex:
                # digits next to digits need a visible product sign: 2 \cdot 3
                tex += r" \cdot " if tex[-1].isdigit() and body[0].isdigit() else " "
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
            single = operand.is_Atom or isinstance(operand, Function) or (
                isinstance(operand, Pow) and (operand.base.is_Atom or isinstance(operand.base, Function)))
            if not single:
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


def lhs(line: Line) -> str:
    return latex(line.lhs) if line.lhs is not None else ""


@dataclass(frozen=True)
class Row:
    """One row of a chain as TeX: ``lhs &= rhs`` with its note, or a row of words."""

    lhs: str
    rhs: str | None  # None: a row of words (a piece's heading, a fact)
    note: str = ""

    def aligned(self) -> str:
        return f"{self.lhs} &= {self.rhs}" if self.rhs is not None else f"&{self.lhs}"


def rows(derivation: Derivation, *, facts: bool = True) -> list[Row]:
    """The chain's rows: its lines; for a piecewise activation a heading and the lines of
    each piece; with ``facts``, what the derivation establishes (kinks, the form in g)."""
    out = [Row(lhs(line), latex(line.rhs), note(line)) for line in derivation.lines]
    for branch in derivation.branches:
        out.append(Row(rf"\text{{for }} {latex(branch.condition(derivation.var))}\text{{:}}", None))
        out.extend(Row(lhs(line), latex(line.rhs), note(line)) for line in branch.derivation.lines)
        if facts:
            out.extend(Row(text(fact), None) for fact in form_facts(branch.derivation))
    if facts:
        out.extend(Row(text(fact), None) for fact in all_facts(derivation))
    return out


def aligned(derivation: Derivation, *, facts: bool = True) -> str:
    r"""The chain as ``\begin{aligned} ... \end{aligned}``, one line per row, ``=`` aligned."""
    body = " \\\\\n".join(row.aligned() for row in rows(derivation, facts=facts))
    return "\\begin{aligned}\n" + body + "\n\\end{aligned}"


def note(line: Line) -> str:
    """The explanation of a line: words as \\text, formulas as math, phrases joined by ';'."""
    return text(line.note)


def text(note: Note) -> str:
    """Words as \\text (escaped), formulas as math, phrases joined by ';'."""
    phrases = (
        r"\ ".join(rf"\text{{{escape(p)}}}" if isinstance(p, str) else latex(p) for p in phrase) for phrase in note
    )
    return r"\text{; }".join(phrases)


_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def escape(words: str) -> str:
    """Words for \\text{...}: TeX's special characters made literal."""
    return "".join(_SPECIAL.get(c, c) for c in words)
