"""The engine's own checks: equality decided right, and a wrong line never printed."""

import pytest
from sympy import Abs, Heaviside, Piecewise, sign, sqrt, tanh, exp, UnevaluatedExpr, Integer

from derive import derive
from derive.engine import in_g
from derive.engine.functions import sigmoid
from derive.engine.verify import compare, numeric_compare
from derive.errors import EngineFault

from .helpers import Z


def test_true_identity_that_simplify_alone_misses_is_accepted():
    result = compare(tanh(Z), 2 * sigmoid(2 * Z) - 1, Z)
    assert result.verdict == "proved"


def test_piecewise_identity():
    assert compare(2 * Heaviside(Z) - 1, sign(Z), Z).equal


def test_sqrt_of_square_is_not_z():
    # equal for z > 0 only: the negative sample points catch it
    result = compare(sqrt(Z**2), Z, Z)
    assert result.verdict == "wrong"
    z0, left, right = result.counterexample
    assert z0 < 0 and abs(left + right) < 1e-20


def test_counterexample_values_are_the_two_sides():
    result = numeric_compare(exp(Z), exp(Z) + Z**2 / 10**6, Z)
    assert result.verdict == "wrong"
    z0, left, right = result.counterexample
    assert abs(left - exp(z0)) < 1e-20
    assert abs(right - left - z0**2 / 10**6) < 1e-20


def test_a_wrong_line_raises_instead_of_printing(monkeypatch):
    def broken(form, definition, previous, var):
        # the sigmoid's line 5 with the add-and-subtract done wrong: (1 + e^{-z} + 1)
        return in_g.Exposure(UnevaluatedExpr(Integer(2)) * previous, (("a wrong step",),))

    monkeypatch.setattr(in_g, "exposed", broken)
    with pytest.raises(EngineFault, match="line 5"):
        derive("sigmoid")


def test_every_printed_line_carries_its_verdict():
    for name in ("sigmoid", "tanh"):
        lines = derive(name).lines
        assert lines[0].check is None
        assert all(line.check.verdict == "proved" for line in lines[1:])


def test_abs_sign_step_verified_away_from_zero():
    assert compare(Abs(Z).diff(Z), sign(Z), Z).equal
    assert compare(Piecewise((1, Z > 0), (0, True)), Heaviside(Z), Z).equal
