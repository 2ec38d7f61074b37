"""The float scan in front of witness (engine/floats.py): its values are within their error
scale of the truth (mpmath at 50 digits, independent of derive's evaluators), and it never
answers "no turning point" where the 30-digit scan finds a witness."""

import math
import random

import mpmath
import pytest
from sympy import Abs, Add, Rational, Symbol, atan, cos, diff, erf, exp, lambdify, log, pi, sin, sqrt, tanh

from derive.definitions import entry_definition
from derive.catalog import CATALOG
from derive.engine import floats
from derive.engine.functions import sigmoid
from derive.engine.witness import GRID, _find, _slope_signs, witness

z = Symbol("z", real=True)

EXPRESSIONS = [
    1 / (1 + exp(-z)), tanh(z), (exp(z) - exp(-z)) / (exp(z) + exp(-z)), z * sigmoid(z), z * tanh(log(1 + exp(z))),
    z * (1 + erf(z / sqrt(2))) / 2, atan(z), z / (1 + Abs(z)), exp(-z**2), sin(z) + cos(2 * z),
    (z**2 + 1) ** Rational(1, 2) / 2 - 1 / 2 + z, z**3 - 3 * z, log(1 + exp(z)), exp(z) / (1 + exp(z)) ** 2,
    # a cancellation: two large terms whose difference is small
    Add(exp(3 * z), 1, -exp(3 * z), z * pi / 10**6, evaluate=False),
]


@pytest.mark.parametrize("expr", EXPRESSIONS, ids=str)
def test_values_are_within_their_error_scale_of_the_truth(expr):
    f = floats.compiled(expr, z)
    truth = lambdify(z, expr, modules="mpmath")
    rng = random.Random(7)
    for _ in range(40):
        x = rng.uniform(-6, 6)
        at = floats.value_at(f, x)
        if at is None:
            continue
        value, scale = at
        with mpmath.workdps(50):
            exact = truth(mpmath.mpf(x))
        assert abs(value - float(exact)) <= 1e-13 * scale, (x, value, exact, scale)
        if floats.trusted(value, scale):
            assert (value > 0) == (exact > 0)


def test_unknown_nodes_and_parameters_are_refused():
    alpha = Symbol("alpha", positive=True)
    from sympy import besselj

    for expr in (alpha * z, besselj(0, z)):
        with pytest.raises(floats.NotFloat):
            floats.compiled(expr, z)
    assert floats.value_at(floats.compiled(log(z), z), -1.0) is None  # not a real there
    assert floats.value_at(floats.compiled(sqrt(z), z), -1.0) is None


def test_a_cancellation_is_not_trusted():
    from sympy import Add

    value, scale = floats.compiled(Add(exp(40 * z), 1, -exp(40 * z), evaluate=False), z)(1.0)
    assert not floats.trusted(value, scale)


def _slow_witness(definition, derivative):
    """The 30-digit scan alone (what witness did before the float scan)."""
    x = Symbol("x", real=True)
    g = lambdify(x, definition.xreplace({z: x}), modules="mpmath")
    dg = lambdify(x, derivative.xreplace({z: x}), modules="mpmath")
    with mpmath.workdps(30):
        try:
            return _find(g, dg)
        except (ArithmeticError, TypeError, ValueError):
            return None


def _slope_keeps_its_sign(derivative, var):
    signs = _slope_signs(derivative, var)
    return signs is not None and None not in signs and len(set(signs)) == 1


ONE_VARIABLE = [e for e in CATALOG if not e.multivariate and all(p.default is not None for p in e.params)]


@pytest.mark.parametrize("entry", ONE_VARIABLE, ids=lambda e: e.name)
def test_the_float_scan_never_hides_a_witness(entry):
    definition = entry_definition(entry, z)
    derivative = diff(definition, z)
    slow = _slow_witness(definition, derivative)
    if _slope_keeps_its_sign(derivative, z):
        assert slow is None
        # and the slope really has one sign on the grid, at 30 digits
        dg = lambdify(z, derivative, modules="mpmath")
        with mpmath.workdps(30):
            assert len({dg(x) > 0 for x in GRID}) == 1
    assert witness(definition, derivative, z) == slow


@pytest.mark.parametrize("entry", ONE_VARIABLE, ids=lambda e: e.name)
def test_the_float_signs_are_the_signs_at_30_digits(entry):
    """Where floats give a sign of g' on the grid (witness then takes it instead of the
    30-digit value), it is the sign of g' at the grid point itself at 30 digits."""
    definition = entry_definition(entry, z)
    derivative = diff(definition, z)
    signs = _slope_signs(derivative, z)
    if signs is None:
        return
    dg = lambdify(z, derivative, modules="mpmath")
    with mpmath.workdps(30):
        assert all(s is None or s == (dg(x) > 0) for s, x in zip(signs, GRID))


def test_the_scan_is_skipped_for_sigmoid_and_tanh_and_runs_for_swish():
    assert _slope_keeps_its_sign(diff(1 / (1 + exp(-z)), z), z)
    assert _slope_keeps_its_sign(diff(tanh(z), z), z)
    swish = z * sigmoid(z)
    assert not _slope_keeps_its_sign(diff(swish, z), z)
    found = witness(swish, diff(swish, z), z)
    assert found is not None and found.slopes[0] * found.slopes[1] < 0  # either side of swish's minimum
    g = lambda x: x / (1 + math.exp(-x))  # noqa: E731
    assert math.isclose(g(found.first), g(found.second), rel_tol=1e-9)


POINTS = [-3.7, -1.3, -0.41, 0.05, 0.77, 2.9]


@pytest.mark.parametrize("expr", [e for e in EXPRESSIONS if not e.has(Abs, erf)], ids=str)
def test_a_true_derivative_is_confirmed_and_a_wrong_one_is_not(expr):
    true = diff(expr, z)
    assert floats.slope_confirmed(true, expr, z, POINTS)
    for wrong in (true + Rational(1, 10**6) * exp(-z**2), -true, true * 2, true.subs(z, 1.000001 * z)):
        if wrong != true:
            assert not floats.slope_confirmed(wrong, expr, z, POINTS)


def test_what_floats_cannot_differentiate_is_left_to_sympy():
    assert not floats.slope_confirmed(diff(Abs(z), z), Abs(z), z, POINTS)  # not analytic
    assert not floats.slope_confirmed(diff(erf(z), z), erf(z), z, POINTS)  # no complex erf here
    assert not floats.slope_confirmed(diff(sqrt(z), z), sqrt(z), z, POINTS)  # z < 0: a branch cut


def test_a_wrong_rule_is_still_an_engine_fault(monkeypatch):
    """The confirmation never lets a wrong rule through: a quotient rule with its sign
    flipped raises before any line is made."""
    from derive.engine import chain
    from derive.engine import rules as R
    from derive.errors import EngineFault

    right = R.QuotientRule.eval
    monkeypatch.setattr(R.QuotientRule, "eval", lambda self: -right(self))
    with pytest.raises(EngineFault):
        chain.differentiate((exp(z) - exp(-z)) / (exp(z) + exp(-z)), z)


@pytest.mark.parametrize("name", ["gelu", "gelu tanh", "mish", "swish", "gaussian"])
def test_turning_activations_are_decided_in_floats_and_settled_at_30_digits(name):
    """The witness of an activation with a minimum comes from floats, settled at 30 digits
    (no code generator): the same two points as the 30-digit scan's, and they prove it,
    by an independent 50-digit evaluation of SymPy's derivative."""
    from derive.catalog import lookup
    from derive.engine.witness import _SLOW, _in_floats

    definition = entry_definition(lookup(name), z)
    derivative = diff(definition, z)
    found = _in_floats(definition, derivative, z, _slope_signs(derivative, z))
    assert found is not _SLOW and found is not None
    assert found == _slow_witness(definition, derivative)  # found in floats, settled: the same floats
    g = lambda x: definition.evalf(50, subs={z: x})  # noqa: E731
    dg = lambda x: derivative.evalf(50, subs={z: x})  # noqa: E731
    assert abs(g(found.first) - g(found.second)) < 1e-12
    assert abs(dg(found.first) - dg(found.second)) > 1e-3


def test_a_node_floats_cannot_take_goes_the_30_digit_way():
    from sympy import besselj

    from derive.engine.witness import _SLOW, _in_floats

    wavy = besselj(0, z)
    assert _in_floats(wavy, diff(wavy, z), z, [None] * len(GRID)) is _SLOW
