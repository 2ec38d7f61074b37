"""Limits at +-oo of products of powers of polynomials by their leading terms
(``engine/piecewise._limit_of_powers``): the image of g on a piece that reaches +-oo
(ISRLU's z/sqrt(z^2 + 1) on z < 0 tends to -1).  Truth from SymPy's ``limit`` and from
mpmath at large |z|, apart from derive."""

from __future__ import annotations

import mpmath
import pytest
from sympy import Rational, Symbol, exp, lambdify, limit, oo, sqrt

from derive import derive
from derive.engine.functions import G
from derive.engine.piecewise import _limit, _limit_of_powers

z = Symbol("z")

CASES = [
    z / sqrt(z**2 + 1),
    z / sqrt(2 * z**2 + 1),
    3 * z / (1 - z),
    z**3 / (z**2 + 1),
    -z**3 / (z**2 + 1),
    z**3 * (z**2 + 1) ** Rational(-3, 2),
    (z + 1) / z**2,
    sqrt(z**2 + 4) / (2 * z - 5),
    (z**2 + z + 1) ** Rational(1, 2) * (3 * z + 1) ** -1,
]


@pytest.mark.parametrize("expr", CASES)
@pytest.mark.parametrize("direction", [1, -1])
def test_leading_terms_give_sympys_limit(expr, direction):
    mine = _limit_of_powers(expr, z, direction)
    assert mine is not None
    assert mine == limit(expr, z, direction * oo)
    if mine.is_finite:  # and mpmath far out agrees
        f = lambdify(z, expr, modules="mpmath")
        with mpmath.workdps(30):
            far = f(mpmath.mpf(direction) * mpmath.mpf(10) ** 12)
        assert abs(far - mpmath.mpf(str(mine.evalf(30)))) < 1e-9


@pytest.mark.parametrize("expr, direction", [
    (sqrt(z), -1),  # not real for z < 0
    (z ** Rational(1, 3), -1),  # SymPy's principal cube root is complex there
    (z * exp(z), 1),  # not a power of a polynomial
    (z / sqrt(Symbol("alpha", positive=True) * z**2 + 1), 1),  # a parameter
    (z / sqrt(z**2 + 1) + 1 / z, 1),  # a sum: left to limit
])
def test_anything_else_is_left_to_limit(expr, direction):
    assert _limit_of_powers(expr, z, direction) is None
    assert _limit(z / sqrt(z**2 + 1) + 1 / z, z, oo, "-") == 1  # limit still answers


def test_isrlu_conditions_on_g_from_its_image():
    """On z < 0, g = z/sqrt(z^2 + 1) takes the values (-1, 0); on z > 0, (0, oo)."""
    (negative, below), (positive, above) = derive("isrlu").in_terms_of_g_cases
    assert [bool(below.subs(G, v)) for v in (Rational(-999, 1000), Rational(-1, 10**6), Rational(1, 10**6))] == [True, True, False]
    assert [bool(above.subs(G, v)) for v in (Rational(-1, 2), Rational(1, 10**6), 5)] == [False, True, True]
    # by hand: 1 - g^2 = 1/(1 + z^2), and g' = (1 + z^2)^(-3/2) on z < 0, 1 on z > 0
    assert positive == 1 and negative == (1 - G**2) ** Rational(3, 2)
