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

from sympy import Dummy, Expr, Poly, Rational, Symbol, expand, prem, resultant

#: the degree in z past which finding the critical points is not tried
MAX_DEGREE = 40
#: refinements of the root intervals before giving up on separating them
MAX_REFINEMENTS = 8


def principal_root_zero(remainder: Expr, relations: list[tuple[Dummy, Expr]], var: Symbol) -> bool:
    """True when remainder (a polynomial in var and the radicals' symbols, reduced by
    their relations) is 0 for the principal roots on the whole real line where the
    radicals are defined; False when that is not shown."""
    if not 1 <= len(relations) <= 2:
        return False
    w, w_relation = relations[-1]
    inner = relations[0] if len(relations) == 2 else None
    if inner is not None and inner[1].free_symbols - {inner[0], var}:
        return False  # the inner radical is itself nested: not for this test
    square = _square(w_relation, w)
    if square is None:
        return False
    d, n = square
    as_w = _poly(remainder, w)
    if as_w is None or as_w.degree() != 1:
        return False
    b, a = as_w.all_coeffs()  # remainder = a + b w
    if expand(_reduced(expand(d * a**2 - n * b**2), inner)) != 0:
        return False  # w is not +-a/b
    critical = [b, n, d]
    if inner is not None:
        inner_square = _square(inner[1], inner[0])
        if inner_square is None:
            return False
        critical += list(inner_square)
    samples = _sample_points([_eliminated(e, inner, var) for e in critical], var)
    if samples is None:
        return False
    return all(_negative_product(a, b, inner, var, t) for t in samples)


def _square(relation: Expr, s: Dummy) -> tuple[Expr, Expr] | None:
    """(d, n) for a relation d s^2 - n (a square root); None for any other."""
    poly = _poly(relation, s)
    if poly is None or poly.degree() != 2:
        return None
    d, linear, minus_n = poly.all_coeffs()
    return (d, -minus_n) if linear == 0 else None


def _poly(expr: Expr, s: Dummy) -> Poly | None:
    try:
        return Poly(expr, s)
    except Exception:  # a radical left in a coefficient, or not a polynomial in s
        return None


def _reduced(expr: Expr, inner) -> Expr:
    if inner is None or not expr.has(inner[0]):
        return expr
    return prem(expr, inner[1], inner[0])


def _eliminated(expr: Expr, inner, var: Symbol) -> Expr:
    """A polynomial in var that is 0 wherever expr is (for the principal inner root)."""
    if inner is None or not expr.has(inner[0]):
        return expr
    return resultant(expr, inner[1], inner[0])


def _sample_points(polynomials: list[Expr], var: Symbol) -> list[Rational] | None:
    """One rational point in each open interval between the real roots of the
    polynomials (all in var, rational coefficients, none 0); None where that fails."""
    product = Poly(1, var)
    for p in polynomials:
        try:
            poly = Poly(p, var)
        except Exception:
            return None
        if poly.is_zero or not poly.domain.is_QQ and not poly.domain.is_ZZ:
            return None
        product *= poly
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


def _negative_product(a: Expr, b: Expr, inner, var: Symbol, t: Rational) -> bool:
    """a b < 0 at var = t (principal inner root), decided exactly."""
    root_square = None
    if inner is not None:
        d, n = _square(inner[1], inner[0])
        d_t, n_t = d.subs(var, t), n.subs(var, t)
        if not (d_t.is_Rational and n_t.is_Rational) or d_t == 0:
            return False
        root_square = n_t / d_t
        if root_square <= 0:
            return False  # the inner radical is not real (or 0) here: not for this test
    signs = [_sign_at(e, inner, var, t, root_square) for e in (a, b)]
    return None not in signs and signs[0] * signs[1] < 0


def _sign_at(expr: Expr, inner, var: Symbol, t: Rational, root_square) -> int | None:
    """The sign of expr at var = t: expr is c0 + c1 s with s = sqrt(root_square) > 0."""
    value = expand(expr.subs(var, t))
    if inner is None:
        return _rational_sign(value)
    poly = _poly(value, inner[0])
    if poly is None or poly.degree() > 1:
        return None
    c1, c0 = ([0] * (2 - len(poly.all_coeffs())) + poly.all_coeffs())
    c0_sign, c1_sign = _rational_sign(c0), _rational_sign(c1)
    if c0_sign is None or c1_sign is None:
        return None
    if c1_sign == 0 or c0_sign == c1_sign:
        return c0_sign or c1_sign
    if c0_sign == 0:
        return c1_sign
    gap = c0**2 - c1**2 * root_square  # opposite signs: the larger magnitude wins
    return c0_sign if gap > 0 else c1_sign if gap < 0 else 0


def _rational_sign(value) -> int | None:
    value = Rational(value) if isinstance(value, int) else value
    if not getattr(value, "is_Rational", False):
        return None
    return 1 if value > 0 else -1 if value < 0 else 0
