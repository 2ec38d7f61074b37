"""The exact test for a square root that holds for its principal root only
(``engine/principal_root.py``, reached through ``engine/radicals.py``): bent identity's
form in g nests sqrt(g^2 + g + 1) over sqrt(z^2 + 1).

Truth is established apart from derive: each identity is worked by hand in its comment,
and checked with mpmath at 50 digits at random points of both signs (a true one agrees
everywhere, a false one disagrees somewhere) before derive's verdict is asked for."""

from __future__ import annotations

import random
import time

import mpmath
import pytest
from sympy import Rational, Symbol, cbrt, expand, lambdify, solve, sqrt

from derive import derive
from derive.engine.functions import G
from derive.engine.radical_inverse import quadratic_inverses
from derive.engine.radicals import radical_zero
from derive.engine.verify import compare, proves_zero

z = Symbol("z")
s = sqrt(z**2 + 1)
bent = z + (s - 1) / 2  # bent identity
w = sqrt(bent**2 + bent + 1)  # = z/2 + s: (z/2 + s)^2 = z^2/4 + z s + z^2 + 1 = g^2 + g + 1
bent_slope = 1 + z / (2 * s)
bent_in_g = 3 * w / (4 * w - 2 * bent - 1)  # the form in g, g substituted

TRUE = {
    # the chain's line in g against the line before it
    "bent identity's form in g": bent_in_g - bent_slope,
    # sqrt((z^2 + 1)^2) = z^2 + 1 > 0
    "a square of a positive polynomial": sqrt(expand((z**2 + 1) ** 2)) - (z**2 + 1),
    # (z + s)^2 = 2z^2 + 2zs + 1 and z + s > 0 (s > |z|)
    "z + s under a root": sqrt(2 * z**2 + 2 * z * s + 1) - (z + s),
    # (z - s)^2 = 2z^2 - 2zs + 1 and s - z > 0
    "s - z under a root": sqrt(2 * z**2 - 2 * z * s + 1) - (s - z),
    # 1/sqrt((z + s)^2) = 1/(z + s) = s - z ((s + z)(s - z) = 1)
    "a reciprocal root": 1 / sqrt(2 * z**2 + 2 * z * s + 1) - (s - z),
    # w = z/2 + s, so w - s is z/2
    "the nested root minus the inner one": w - s - z / 2,
}

FALSE = {
    # the negative root: w = -(z/2 + s) squares to the same radicand
    "bent identity's form with the negative root": bent_in_g.subs(w, -(z / 2 + s)) - bent_slope,
    # off by 1e-30
    "bent identity's form off by 1e-30": bent_in_g - bent_slope + Rational(1, 10**30),
    # sqrt(z^2) = |z|: true for z > 0 only
    "sqrt(z^2) = z": sqrt(z**2) - z,
    # sqrt((z + 1)^2) = |z + 1|: true for z >= -1 only
    "sqrt((z + 1)^2) = z + 1": sqrt(z**2 + 2 * z + 1) - (z + 1),
    # z - s < 0 everywhere: the principal root is s - z, never z - s
    "z - s under a root, wrong sign": sqrt(2 * z**2 - 2 * z * s + 1) - (z - s),
    # (z/2 + s)^2 reads as the square of z/2 + s, but w is not 2z + s
    "a different square": w - (2 * z + s),
    # w = z/2 + s, not its absolute value minus something
    "w = z/2 + s - 1e-30": w - (z / 2 + s - Rational(1, 10**30)),
}


def _values(expr, points):
    f = lambdify(z, expr, modules="mpmath")
    with mpmath.workdps(50):
        return [f(mpmath.mpf(p)) for p in points]


def _points(seed: int) -> list[float]:
    rng = random.Random(seed)
    return [rng.uniform(-8, 8) for _ in range(40)] + [-0.5773, 0.5773, -3.0, 3.0, 1e-3, -1e-3]


@pytest.mark.parametrize("name", sorted(TRUE))
def test_true_identities_with_nested_radicals_are_proved(name):
    difference = TRUE[name]
    with mpmath.workdps(50):
        assert all(abs(v) < mpmath.mpf(10) ** -40 for v in _values(difference, _points(1)))  # truth, apart
    start = time.process_time()
    assert radical_zero(difference, z)
    assert time.process_time() - start < 0.5  # milliseconds, where simplify takes half a second
    assert proves_zero(difference, z, slow=False)


@pytest.mark.parametrize("name", sorted(FALSE))
def test_false_identities_are_never_proved(name):
    difference = FALSE[name]
    with mpmath.workdps(50):
        assert any(abs(v) > mpmath.mpf(10) ** -35 for v in _values(difference, _points(2)))  # false, apart
    assert not radical_zero(difference, z)
    assert not proves_zero(difference, z, slow=False)


def test_the_negative_root_is_told_apart_by_its_sign_not_its_square():
    """Both roots square to the radicand: reducing by w^2 = R alone cannot tell them apart,
    and the test must not prove either by that alone."""
    negative = bent_in_g.subs(w, -(z / 2 + s))
    assert expand((z / 2 + s) ** 2 - (bent**2 + bent + 1)) == 0  # the same square
    assert radical_zero(bent_in_g - bent_slope, z)
    assert not radical_zero(negative - bent_slope, z)


@pytest.mark.parametrize("difference", [
    # a cube root of a negative number is complex in SymPy: not for this test
    cbrt(expand((z - s) ** 3)) - (z - s),
    # three radicals, nested twice
    sqrt(1 + sqrt(1 + sqrt(z**2 + 1))) - sqrt(1 + sqrt(1 + s)) - z / 1000,
    # a parameter
    sqrt(Symbol("alpha") ** 2 * z**2 + 1) - s,
    # a radicand negative on part of the line (z^2 - 1 < 0 on (-1, 1))
    sqrt(2 * z**2 - 1 + 2 * z * sqrt(z**2 - 1)) - (z + sqrt(z**2 - 1)),
])
def test_what_the_test_cannot_decide_is_not_shown_and_quick(difference):
    start = time.process_time()
    assert radical_zero(difference, z) is False
    assert time.process_time() - start < 0.5


def test_bent_identity_line_in_g_is_proved():
    """The chain's line in g was only "numerically equal" (simplify failed on it)."""
    d = derive("bent identity")
    assert d.lines[-1].check.verdict == "proved"
    assert all(line.check is None or line.check.verdict == "proved" for line in d.lines)
    # the form itself, checked apart: 3w/(4w - 2g - 1) with g = g(z) is g'
    form = d.in_terms_of_g
    agree = _values(form.subs(G, bent) - bent_slope, _points(3))
    with mpmath.workdps(50):
        assert all(abs(v) < mpmath.mpf(10) ** -40 for v in agree)


def test_compare_proves_the_line_and_still_catches_the_wrong_root():
    assert compare(bent_in_g, bent_slope, z).verdict == "proved"
    wrong = compare(bent_in_g.subs(w, -(z / 2 + s)), bent_slope, z)
    assert wrong.verdict == "wrong"


# z from g where g has one square root: solve's candidates, in solve's form

def _inverse_cases():
    y = Symbol("y", real=True)
    return y, [
        z + sqrt(z**2 + 1) / 2 - Rational(1, 2),  # bent identity
        z / sqrt(z**2 + 1),  # ISRU, ISRLU's z < 0
        z / sqrt(2 * z**2 + 1),
        (z + 1) / sqrt(z**2 + 3),
        2 * z - sqrt(z**2 + 4),
        z + sqrt(z**2 + 4),  # squareplus (times 2): a line in z once squared
        3 - z + sqrt(z**2 + 1),  # a line too
    ]


def test_quadratic_inverses_are_solves_candidates():
    y, cases = _inverse_cases()
    for expr in cases:
        mine = quadratic_inverses(expr, z, y)
        theirs = solve(expr - y, z, check=False, simplify=False)
        assert mine is not None and set(mine) == set(theirs), expr


def test_one_quadratic_inverse_inverts_g_at_points_of_both_signs():
    """Independent of solve: for z of either sign, one candidate at y = g(z) gives z back."""
    y, cases = _inverse_cases()
    rng = random.Random(7)
    for expr in cases:
        candidates = [lambdify(y, c, modules="mpmath") for c in quadratic_inverses(expr, z, y)]
        g_of = lambdify(z, expr, modules="mpmath")
        for _ in range(10):
            point = mpmath.mpf(rng.uniform(-5, 5))
            with mpmath.workdps(40):
                value = g_of(point)
                back = [c(value) for c in candidates]
                assert any(abs(b - point) < mpmath.mpf(10) ** -25 for b in back if mpmath.im(b) == 0), (expr, point)


@pytest.mark.parametrize("expr", [
    sqrt(z**2 + 1) + sqrt(z**2 + 2),  # two radicals
    cbrt(z**2 + 1) + z,  # a cube root
    z * sqrt(z**2 + 1),  # quartic once squared
    z + Symbol("alpha") * sqrt(z**2 + 1),  # a parameter in the radicand's company
])
def test_other_equations_are_left_to_solve(expr):
    assert quadratic_inverses(expr, z, Symbol("y", real=True)) is None
