"""z with expr(z) = y where expr has one square root of a polynomial (ISRU's
z/sqrt(z^2 + 1), bent identity's z + sqrt(z^2 + 1)/2): the candidates SymPy's ``solve``
gives, in the same form, at a third of its cost.

The root sqrt(B) becomes a symbol s; the numerator of expr - y is N0 + N1 s once
reduced by s^2 = B, and every solution is a root of N0^2 - N1^2 B.  Where that is a
quadratic in z its two roots are the candidates (``roots_quadratic``, as ``solve`` finds
them through ``unrad``, without its other attempts first: 20-30 ms there, 6-8 here); where
it is a line (squareplus), its one root (solve's 13 ms, 1 ms here).
Squaring adds roots of the other sign of the square root, as ``solve(..., check=False)``
keeps them: each candidate is checked at the sample points before it is used
(``inversion.inverts``).  Anything else (two radicals, a cube root, a degree past 2,
a parameter) is None, and ``solve`` is asked as before.
"""

from __future__ import annotations

from sympy import Dummy, Expr, Poly, Pow, Symbol, cancel, expand, fraction, prem
from sympy.polys.polyroots import roots_quadratic


def quadratic_inverses(expr: Expr, var: Symbol, y: Expr) -> list[Expr] | None:
    """The roots z of the squared equation expr(z) = y (see the module's docstring); None
    where it is not a quadratic in z with one square root."""
    if expr.free_symbols != {var}:
        return None  # a parameter: a leading coefficient that may vanish (solve's care)
    radicals = {p for p in expr.atoms(Pow)
                if p.base.has(var) and p.exp.is_Rational and not p.exp.is_Integer}
    bases = {p.base for p in radicals}
    if len(bases) != 1 or any(p.exp.q != 2 for p in radicals):
        return None
    base = bases.pop()
    if not base.is_polynomial(var):
        return None
    s = Dummy("s")
    with_s = expr.xreplace({p: s ** (2 * p.exp) for p in radicals})
    numerator = expand(fraction(cancel(with_s - y))[0])
    if not numerator.is_polynomial(var, s):
        return None
    reduced = expand(prem(numerator, s**2 - base, s)) if numerator.has(s) else numerator
    rational, radical = reduced.coeff(s, 0), reduced.coeff(s, 1)
    squared = expand(rational**2 - radical**2 * base)
    if squared.has(s) or not squared.is_polynomial(var):
        return None
    poly = Poly(squared, var)
    if poly.degree() == 1:  # squareplus: (z + sqrt(z^2 + b))/2 = y squares to a line in z
        c1, c0 = poly.all_coeffs()
        return [expand(-c0 / c1)]
    if poly.degree() != 2:
        return None
    return list(roots_quadratic(poly))
