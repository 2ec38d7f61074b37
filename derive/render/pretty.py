"""Two-dimensional Unicode (or ASCII) layout of a line, for the terminal.

SymPy's pretty printer with the same decisions as the LaTeX printer (``layout``):
lines print as written, ``(-1)`` and ``(-e^{-z})`` stay bracketed factors,
``(g(z))^2``, ``g'(z)``, ``σ(z)``.
"""

from __future__ import annotations

from sympy import Derivative, Expr, Function, Indexed, Pow, Rational, UnevaluatedExpr
from sympy.core.function import AppliedUndef
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.stringpict import prettyForm, stringPict

from ..engine import forms
from . import layout
from ..linear import subscript
from .linear import linear


class TooWide(Exception):
    """A part of the expression alone is wider than the room (``within``)."""


class LecturePrettyPrinter(PrettyPrinter):
    def __init__(self, *, unicode: bool = True):
        # full_prec off: a decimal alone on its line (g'(z) = 0.01) without padding zeros, as inside one
        super().__init__({"order": "none", "use_unicode": unicode, "wrap_line": False, "full_prec": False})
        self.room: int | None = None  # set by ``within``

    def _print(self, expr, **kwargs):
        form = super()._print(expr, **kwargs)
        if self.room is not None and isinstance(form, stringPict) and form.width() > self.room:
            raise TooWide
        return form

    def _print_UnevaluatedExpr(self, expr: UnevaluatedExpr):
        return self._print(expr.args[0])

    def _print_Add(self, expr, order=None):
        result = None
        for term in forms.terms(expr):
            negative, magnitude = layout.signed(term)
            body = self._print(magnitude)
            if layout.unwrap(magnitude).is_Add:
                body = prettyForm(*body.parens())
            if result is None:
                result = prettyForm(*stringPict.next("-", body)) if negative else body
            else:
                result = prettyForm(*stringPict.next(result, " - " if negative else " + ", body))
        result.binding = prettyForm.ADD
        return result

    def _print_Mul(self, expr):
        p = layout.product(expr)
        form = self._product(p.numerator) if p.numerator else prettyForm("1")
        if p.negated_sum:
            form = prettyForm(*form.parens())
        if p.denominator:
            if p.numerator_is_grouped:
                form = prettyForm(*form.parens())
            form = form / self._product(p.denominator)
        if p.negative:
            form = prettyForm(*stringPict.next("-", form), binding=prettyForm.NEG)
        return form

    def _product(self, factors):
        result = None
        for i, factor in enumerate(factors):
            body = self._print(factor)
            if layout.derivative_needs_brackets(factor, last=i == len(factors) - 1):
                body = prettyForm(*body.parens("[", "]"))
            elif len(factors) > 1 and layout.factor_needs_brackets(factor, first=i == 0):
                body = prettyForm(*body.parens())
            result = body if result is None else prettyForm(*stringPict.next(result, "⋅" if self._use_unicode else "*", body))
        if len(factors) > 1:
            result.binding = prettyForm.MUL
        return result

    def _print_Pow(self, expr: Pow):
        base, exponent = expr.args
        if exponent.is_number and exponent.is_negative:
            positive = base if exponent == -1 else Pow(base, -exponent, evaluate=False)
            return prettyForm("1") / self._print(positive)
        if exponent == Rational(1, 2):
            return super()._print_Pow(expr)
        body = self._print(base)
        if layout.base_needs_brackets(base):
            body = prettyForm(*body.parens())
        return body ** self._print(exponent)

    def _print_Derivative(self, expr: Derivative):
        if isinstance(expr.variables[0], Indexed):  # softmax's partial derivatives, on one line
            if isinstance(expr.expr, Indexed):
                return prettyForm(linear(expr, unicode=self._use_unicode))
            d = "∂" if self._use_unicode else "d"
            head = f"{d}/{d}{linear(expr.variables[0], unicode=self._use_unicode)}"
            inner = prettyForm(*self._print(expr.expr).parens())
            return prettyForm(*inner.left(head))
        if isinstance(expr.expr, AppliedUndef):
            order = sum(n for _, n in expr.variable_count)
            primes = "'" * order if order <= 3 else f"^({order})"
            return prettyForm(f"{expr.expr.func.__name__}{primes}({expr.variables[0]})")
        form = super()._print_Derivative(expr)
        # d/dz, not a partial derivative: a parameter (k, alpha) is a constant, not a variable
        picture = "\n".join(line.replace("∂", "d") for line in form.picture)
        return prettyForm(picture, baseline=form.baseline, binding=form.binding)

    def _print_Function(self, expr, sort=False, func_name=None, left="(", right=")"):
        if isinstance(expr, AppliedUndef) and len(expr.args) == 1 and expr.args[0].is_Symbol:
            return prettyForm(f"{expr.func.__name__}({expr.args[0]})", binding=prettyForm.FUNC)
        return super()._print_Function(expr, sort, func_name, left, right)

    def _print_sigmoid(self, expr):
        name = "σ" if self._use_unicode else "sigma"
        return self._print_Function(expr, func_name=name)


    def _print_Rational(self, expr):
        text = layout.decimal(expr)
        return prettyForm(text) if text else super()._print_Rational(expr)

    def _print_Indexed(self, expr):
        return prettyForm(linear(expr, unicode=self._use_unicode))

    _print_KroneckerDelta = _print_Indexed

    def _print_Sum(self, expr):
        (index, _, _), = expr.limits
        head = ("Σ" if self._use_unicode else "sum") + subscript(str(index), unicode=self._use_unicode) + " "
        body = self._print(expr.function)
        return prettyForm(*body.left(head))

    def _print_Heaviside(self, expr):
        # heaviside(z), as derive reads it back (θ(z, 0) reads as a product, its 0 a mystery)
        return self._print_Function(Function("heaviside")(expr.args[0]))

    def _print_Max(self, expr):
        return self._print_Function(expr, func_name="max")

    def _print_Min(self, expr):
        return self._print_Function(expr, func_name="min")

    def _print_And(self, expr):
        return prettyForm(linear(expr, unicode=self._use_unicode))


def pretty(expr: Expr, *, unicode: bool = True) -> str:
    return LecturePrettyPrinter(unicode=unicode).doprint(expr)


def sum_parts(printer: LecturePrettyPrinter, expr: Expr, width: int) -> list[prettyForm] | None:
    """A sum too wide for one row, as parts of whole terms that each fit ``width``: the
    first part as printed, each later one starting with its sign ("+ e^z", "- 1").
    None if ``expr`` is not a sum or one of its terms alone is too wide."""
    x = layout.unwrap(expr)
    if not x.is_Add:
        return None
    parts: list[prettyForm] = []
    current = None
    for i, term in enumerate(forms.terms(x)):
        negative, magnitude = layout.signed(term)
        body = within(printer, magnitude, width)
        if body is None:
            return None  # this term alone is too wide
        if layout.unwrap(magnitude).is_Add:
            body = prettyForm(*body.parens())
        sign = "-" if negative else ("+" if i else "")
        joined = None
        if current is not None:
            joined = prettyForm(*stringPict.next(current, f" {sign} ", body))
        if joined is not None and joined.width() <= width:
            current = joined
            continue
        if current is not None:
            parts.append(current)
        current = prettyForm(*stringPict.next(f"{sign} ", body)) if sign else body
        if current.width() > width:
            return None
    parts.append(current)
    return parts


def within(printer: LecturePrettyPrinter, expr: Expr, width: int) -> prettyForm | None:
    """The 2-D form of expr if it fits ``width`` columns, else None, found out at the first
    part that does not fit: a picture contains its parts' pictures, so the whole is at
    least as wide as any part (gelu tanh's 12th derivative: 2 s of 2-D layout, 50,000
    characters wide, for a line that is then broken as text)."""
    printer.room = width
    try:
        return printer._print(expr)
    except TooWide:
        return None
    finally:
        printer.room = None
