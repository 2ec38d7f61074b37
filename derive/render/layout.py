"""Typographic decisions shared by every printer: signs, fractions, brackets.

The LaTeX and the terminal printers draw differently but decide alike, so that
``derive sigmoid`` and ``derive sigmoid --format latex`` show the same lines.  A line
is printed as it was written (see ``derive.engine.forms``): nothing is reordered.
"""

from __future__ import annotations

from sympy import Add, Derivative, Expr, Function, Mul, Pow, S, Sum, UnevaluatedExpr, exp

from sympy.core.function import AppliedUndef

from ..linear import decimal  # noqa: F401 -- layout.decimal: the shared one-line notation's, used by every printer
from ..record import Record, record
from ..engine import forms


def unwrap(expr: Expr) -> Expr:
    while isinstance(expr, UnevaluatedExpr):
        expr = expr.args[0]
    return expr


@record
class Product(Record):
    """A product as printed: an optional leading minus, a numerator, a denominator."""

    negative: bool
    numerator: tuple[Expr, ...]
    denominator: tuple[Expr, ...]

    @property
    def negated_sum(self) -> bool:
        """-(1 - g): a minus before a lone sum needs the sum's brackets, or it reads -1 - g."""
        return self.negative and not self.denominator and len(self.numerator) == 1 and \
            isinstance(unwrap(self.numerator[0]), Add)

    @property
    def numerator_is_grouped(self) -> bool:
        """A quotient-rule numerator (v u' - u v') with its derivatives still unevaluated
        is set in brackets, as the lecture does, to show it is one expression."""
        return len(self.numerator) == 1 and isinstance(self.numerator[0], Add) and self.numerator[0].has(Derivative)


def product(expr: Expr) -> Product:
    factors = forms.factors(expr)
    # in a line of a chain (it has kept factors) a coefficient 1/2 stays a factor
    keeps_factors = any(isinstance(f, (UnevaluatedExpr, Derivative)) for f in factors)
    negative = False
    if factors and factors[0].is_Number and factors[0].is_negative:
        negative = True
        factors = ([-factors[0]] if factors[0] != -1 else []) + factors[1:]
    top, bottom = [], []
    for f in factors:
        if isinstance(f, Pow) and f.exp.is_number and f.exp.is_negative:
            bottom.append(f.base if f.exp == -1 else Pow(f.base, -f.exp, evaluate=False))
        elif f.is_Rational and not f.is_Integer and not keeps_factors and decimal(f) is None:
            if f.p != 1:
                top.append(S(f.p))
            bottom.append(S(f.q))
        else:
            top.append(f)
    return Product(negative, tuple(top), tuple(bottom))


def signed(term: Expr) -> tuple[bool, Expr]:
    """(is the term subtracted, what is subtracted): a - 2b is a + (-2 b)."""
    if term.is_Number and term.is_negative:
        return True, -term
    if isinstance(term, Mul):
        first, *rest = forms.factors(term)
        if first.is_Number and first.is_negative:
            head = [] if first == -1 else [-first]
            parts = head + rest
            return True, Mul(*parts, evaluate=False) if len(parts) > 1 else parts[0]
    return False, term


def is_negative(expr: Expr) -> bool:
    x = unwrap(expr)
    if x.is_Number:
        return bool(x.is_negative)
    return signed(x)[0] if isinstance(x, Mul) else False


def is_fraction(expr: Expr) -> bool:
    x = unwrap(expr)
    if isinstance(x, Pow):
        return bool(x.exp.is_number and x.exp.is_negative)
    return isinstance(x, Mul) and bool(product(x).denominator)


def factor_needs_brackets(factor: Expr, *, first: bool) -> bool:
    """In a product: sums, negative factors such as (-1) and (-e^{-z}), and a fraction
    with a numerator other than 1 after another factor (the sigmoid's second factor)."""
    x = unwrap(factor)
    if isinstance(x, Add) or is_negative(factor):
        return True
    if not first and is_fraction(x) and product(x).numerator:
        return True
    # a number after another factor would run into it: 3 (z^2 + 1)^2 (2 z)
    if not first and (x.is_Number or (isinstance(x, Mul) and forms.factors(x)[0].is_Number)):
        return True
    return False


def derivative_needs_brackets(factor: Expr, *, last: bool) -> bool:
    """d/dz (1 - 2g(z)) before another factor reads as the derivative of the whole product:
    such a factor is set in square brackets, [d/dz (1 - 2g(z))] (1 - g(z)) g(z).  g'(z) and
    a derivative that ends the product read as they are."""
    x = unwrap(factor)
    return not last and isinstance(x, Derivative) and not isinstance(x.expr, AppliedUndef)


def derivative_operand_alone(operand: Expr) -> bool:
    """d/dz's operand set without brackets: a symbol, a number that is not negative, a
    function, or a power of one of them.  d/dz -1 would read as d/dz minus 1."""
    x = unwrap(operand)
    if x.is_Atom:
        return not (x.is_number and x.is_negative)
    if isinstance(x, Function):
        return True
    return isinstance(x, Pow) and (x.base.is_Atom or isinstance(x.base, Function)) and not is_negative(x.base)


def base_needs_brackets(base: Expr) -> bool:
    """Under a power: anything but a symbol or a positive integer, so (g(z))^2, (e^z + e^{-z})^2."""
    x = unwrap(base)
    if x.is_Symbol or (x.is_Integer and x.is_positive):
        return False
    return isinstance(x, (Add, Mul, Pow, exp, Derivative, Function, Sum)) or x.is_Number
