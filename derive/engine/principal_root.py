"""An exact test of 0 for a difference with a nested square root, where the identity
holds for the principal (non-negative) root only.

Bent identity's form in g has w = sqrt(g^2 + g + 1), and with g substituted,
w = sqrt(R(z, s)) where s = sqrt(z^2 + 1): the difference is 0 because R = (z/2 + s)^2
and w = z/2 + s, which is >= 0.  Reducing the numerator by w^2 = R cannot see that (it
would be 0 for w = -(z/2 + s) too); ``engine/radicals.py`` stops at a remainder
A + B w (A, B free of w), and this module decides whether it is 0:

1. d A^2 - n B^2 reduces to 0 by the inner radical's relation (R = n/d): then
   w^2 = (A/B)^2, so w = |A/B| wherever B is not 0, and where B = 0, A = 0 too;
2. A B <= 0 on the whole real line: then |A/B| = -A/B, and A + B w = 0.

A B can change sign only where B = 0, n = 0, d = 0 (A = 0 implies one of them) or the
inner radical's base changes sign or has a pole.  Those points are the real roots of
one polynomial in z (each condition's resultant with the inner relation: a superset
of the points where it holds), isolated exactly by ``Poly.intervals``; between two of
them the sign of A B is its sign at one rational point, decided exactly (a + b sqrt(p)
with a, b, p rational: compare a^2 with b^2 p).  On an interval where the inner base is
negative (the line not real) the test gives up.

Anything else (more radicals, a cube root, a parameter, a polynomial past
MAX_DEGREE, an irrational coefficient) is False, "not shown": milliseconds either way.
"""

from __future__ import annotations

from sympy import Dummy, Expr, Poly, Rational, Symbol
from sympy.polys.polyerrors import CoercionFailed, PolynomialError

#: the degree in z past which finding the critical points is not tried
MAX_DEGREE = 40
#: refinements of the root intervals before giving up on separating them
MAX_REFINEMENTS = 8


def principal_root_zero(remainder: Expr, relations: list[tuple[Dummy, Expr]], var: Symbol) -> bool:
    """True when remainder (a polynomial in var and the radicals' symbols, reduced by
    their relations) is 0 for the principal roots on the whole real line where the
    radicals are defined; False when that is not shown."""
    try:
        return _shown_zero(remainder, relations, var)
    except (PolynomialError, CoercionFailed, NotImplementedError, ValueError, TypeError, ZeroDivisionError):
        return False  # a coefficient outside the rationals, a generator that is not one: not shown


def _shown_zero(remainder: Expr, relations: list[tuple[Dummy, Expr]], var: Symbol) -> bool:
    if not 1 <= len(relations) <= 2:
        return False
    w, w_relation = relations[-1]
    s, s_relation = relations[0] if len(relations) == 2 else (Dummy("s"), None)
    if s_relation is not None and s_relation.free_symbols - {s, var}:
        return False  # the inner radical is itself nested: not for this test
    gens = (s, var)  # s first: prem and resultant act on the first generator
    by_w = _poly(remainder, w, *gens)
    square = _square(w_relation, w, gens)
    if by_w is None or square is None or by_w.degree(w) != 1:
        return False
    d, n = square
    a, b = (_part(by_w, k, gens) for k in (0, 1))  # remainder = a + b w
    inner = inner_square = None
    if s_relation is not None:
        inner = _poly(s_relation, *gens)
        inner_square = _square(s_relation, s, (var,))
        if inner is None or inner_square is None:
            return False
    if not all(p.domain.is_ZZ or p.domain.is_QQ for p in (a, b, d, n)):
        return False
    if max(p.total_degree() for p in (a, b, d, n)) > MAX_DEGREE:
        return False
    identity = d * a**2 - n * b**2
    if inner is not None:
        identity = identity.prem(inner)
    if not identity.is_zero:
        return False  # w is not +-a/b
    critical = [_eliminated(p, inner) for p in (b, n, d)]
    if inner is not None:
        critical += list(inner_square)
    samples = _sample_points(critical)
    if samples is None:
        return False
    return all(_negative_product(a, b, inner_square, t) for t in samples)


def _poly(expr: Expr, *gens) -> Poly | None:
    try:
        return Poly(expr, *gens)
    except Exception:  # a radical left in a coefficient, or not a polynomial in gens
        return None


def _square(relation: Expr, s: Dummy, gens: tuple) -> tuple[Poly, Poly] | None:
    """(d, n) for a relation d s^2 - n (a square root), as polynomials in gens; None for
    any other relation."""
    poly = _poly(relation, s, *gens)
    if poly is None or poly.degree(s) != 2 or not _part(poly, 1, gens).is_zero:
        return None
    return _part(poly, 2, gens), -_part(poly, 0, gens)


def _part(poly: Poly, k: int, gens: tuple) -> Poly:
    """The coefficient of the first generator's k-th power, a polynomial in gens."""
    terms = {m[1:]: c for m, c in poly.terms() if m[0] == k}
    return Poly.from_dict(terms or {(0,) * len(gens): 0}, *gens, domain=poly.domain)


def _eliminated(p: Poly, inner: Poly | None) -> Poly:
    """A polynomial in var alone that is 0 wherever p is (for either inner root)."""
    if inner is None or p.degree(p.gens[0]) <= 0:
        return _in_var(p)
    return _in_var(p.resultant(inner))


def _in_var(p) -> Poly:
    var = p.gens[-1]
    return Poly(p.as_expr(), var)


def _sample_points(polynomials: list[Poly]) -> list[Rational] | None:
    """One rational point in each open interval between the real roots of the
    polynomials (all in var, rational coefficients, none 0); None where that fails."""
    product = None
    for poly in polynomials:
        if poly.is_zero or not (poly.domain.is_QQ or poly.domain.is_ZZ):
            return None
        product = poly if product is None else product * poly
    if product.degree() > MAX_DEGREE * 4:
        return None
    product = product.sqf_part()
    if product.degree() > MAX_DEGREE:
        return None
    if product.degree() <= 0:
        return [Rational(0)]
    eps = None
    for _ in range(MAX_REFINEMENTS):
        spans = sorted(span for span, _ in (product.intervals(eps=eps) if eps else product.intervals()))
        if not spans:
            return [Rational(0)]  # no real root: one interval, the whole line
        points = [spans[0][0] - 1]
        for (_, right), (left, _) in zip(spans, spans[1:]):
            points.append((right + left) / 2)
        points.append(spans[-1][1] + 1)
        separated = all(right < left for (_, right), (left, _) in zip(spans, spans[1:]))
        if separated and all(product.eval(t) != 0 for t in points):
            return [Rational(t) for t in points]
        eps = Rational(1, 16) if eps is None else eps / 16
    return None


def _negative_product(a: Poly, b: Poly, inner_square, t: Rational) -> bool:
    """a b < 0 at var = t (principal inner root), decided exactly."""
    root_square = None
    if inner_square is not None:
        d_t, n_t = (p.eval(t) for p in inner_square)
        if d_t == 0:
            return False
        root_square = Rational(n_t) / d_t
        if root_square <= 0:
            return False  # the inner radical is not real (or 0) here: not for this test
    signs = [_sign_at(p, t, root_square) for p in (a, b)]
    return signs[0] * signs[1] < 0


def _sign_at(p: Poly, t: Rational, root_square) -> int:
    """The sign of p at var = t, where p is c0 + c1 s with s = sqrt(root_square) > 0
    (s's degree in p is at most 1: p was reduced by s's relation)."""
    at = p.eval(p.gens[-1], t)  # a polynomial in s
    c0 = Rational(at.coeff_monomial(1))
    c1 = Rational(at.coeff_monomial(at.gens[0])) if at.degree() >= 1 else Rational(0)
    if at.degree() > 1 or (c1 != 0 and root_square is None):
        return 0  # not reduced: no sign, and then no proof
    c0_sign, c1_sign = _sign(c0), _sign(c1)
    if c1_sign == 0 or c0_sign == c1_sign:
        return c0_sign or c1_sign
    if c0_sign == 0:
        return c1_sign
    gap = c0**2 - c1**2 * root_square  # opposite signs: the larger magnitude wins
    return c0_sign if gap > 0 else c1_sign if gap < 0 else 0


def _sign(value: Rational) -> int:
    return 1 if value > 0 else -1 if value < 0 else 0
