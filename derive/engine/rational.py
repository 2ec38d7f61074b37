"""The next derivative of a rational function of z and functions of z, in a polynomial ring.

A high derivative that ``cancel`` keeps over one denominator is a fraction P/Q of
polynomials in a few generators: z, e^z, tanh(ln(1 + e^z)) (mish), whose own
derivatives are fractions in the same generators (tanh(u)' = (1 - tanh(u)^2) u').  The
next one is then pure polynomial arithmetic in SymPy's sparse ring:

    (P/Q)' = (P' Q - P Q') / Q^2,   P' = sum over generators x of dP/dx * x'

with the common factors cancelled by the ring's gcd.  ``diff`` followed by ``cancel``
computes the same fraction by way of an expression tree that grows with every order,
and of SymPy's assumptions on every node of it (mish's 12th derivative: 4.4 s of the
two, here 0.2 s).  ``None`` where the generators' derivatives leave the ring (a
generator whose derivative needs another function) or where a generator is a root of z
(algebraic: the ring's gcd cannot use sqrt(u)^2 = u): the caller goes the slow way.
"""

from __future__ import annotations

from sympy import Expr, Symbol, diff, fraction
from sympy.polys.polyerrors import BasePolynomialError
from sympy.polys.rings import PolyElement, PolyRing, sring

from ..record import Record, record


@record
class Fraction(Record):
    """P/Q in a polynomial ring, with each generator's derivative as a fraction in it."""

    ring: PolyRing
    numerator: PolyElement
    denominator: PolyElement
    slopes: tuple[tuple[PolyElement, PolyElement], ...]  # (above, below) of each generator's derivative

    def derivative(self) -> "Fraction":
        """(P/Q)' over the least common denominator of the generators' derivatives, cancelled."""
        common = self.ring.one
        for _, below in self.slopes:
            common = common.lcm(below)
        scaled = [(above * common.exquo(below)) for above, below in self.slopes]

        def slope(p: PolyElement) -> PolyElement:  # p' * common
            out = self.ring.zero
            for i, factor in enumerate(scaled):
                if factor:
                    out += p.diff(self.ring.gens[i]) * factor
            return out

        p, q = self.numerator, self.denominator
        numerator = slope(p) * q - p * slope(q)
        denominator = common * q**2
        numerator, denominator = numerator.cancel(denominator)
        return Fraction(self.ring, numerator, denominator, self.slopes)

    def as_expr(self) -> Expr:
        """As ``cancel`` writes a fraction: P/Q with the ring's generators put back."""
        return self.numerator.as_expr() / self.denominator.as_expr()


def fraction_of(expr: Expr, var: Symbol) -> Fraction | None:
    """expr as a Fraction whose generators' derivatives stay in its ring, or None."""
    try:
        numerator, denominator = fraction(expr)
        ring, (p, q) = sring((numerator, denominator))
        slopes = [_in_ring(ring, diff(x, var)) for x in ring.symbols]
    except (BasePolynomialError, ValueError, TypeError, ZeroDivisionError, NotImplementedError):
        return None
    if not ring.domain.is_Exact or any(not b for _, b in slopes):
        return None
    if any(x.is_Pow and x.exp.is_Rational and x.has(var) for x in ring.symbols):
        return None  # a root of z: the ring knows no sqrt(u)^2 = u, and its fractions would not be cancel's
    return Fraction(ring, p, q, tuple(slopes))


def _in_ring(ring: PolyRing, expr: Expr) -> tuple[PolyElement, PolyElement]:
    """expr as (numerator, denominator) in the ring; a constant denominator the ring holds
    as its inverse (GELU's 1/sqrt(pi) is a generator, sqrt(pi) is not): as a factor."""
    above, below = fraction(expr.together())
    try:
        return ring.from_expr(above), ring.from_expr(below)
    except ValueError:
        if below.free_symbols:
            raise
        return ring.from_expr((above * (1 / below)).expand()), ring.one
