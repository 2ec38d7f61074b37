"""High derivatives as fractions in a polynomial ring (engine/rational.py), and mish up to the
documented maximum order on time.  Truth: mpmath's numerical differentiation of the
definition (no SymPy, no derive) and ``sympy.diff``, at points of both signs."""

from __future__ import annotations

import random
import time

import mpmath
import pytest
from sympy import Function, Symbol, diff, exp, log, sqrt, tanh

from derive import derive
from derive.engine import chain
from derive.engine import rules as R
from derive.engine.chain import derivative_of_order
from derive.engine.rational import fraction_of
from derive.errors import EngineFault

z = Symbol("z", real=True)
MISH = z * tanh(log(1 + exp(z)))


def _mish(x):
    return x * mpmath.tanh(mpmath.log(1 + mpmath.exp(x)))


def _points(count: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    return [round(rng.uniform(0.2, 3.0) * (-1) ** i, 6) for i in range(count)]


def _value(expr, x):
    return mpmath.mpf(str(expr.subs(z, mpmath.mpf(x)).evalf(40)))


@pytest.mark.parametrize("order", [7, 10, 12])
def test_mish_derivative_of_order_is_mpmaths_numerical_derivative(order):
    nth = derivative_of_order(MISH, z, order)
    with mpmath.workdps(60):
        for x in _points(4, order):
            truth = mpmath.diff(_mish, mpmath.mpf(x), order)
            assert abs(_value(nth, x) - truth) <= mpmath.mpf("1e-20") * (1 + abs(truth)), (order, x)


@pytest.mark.parametrize("expr", [
    z * tanh(log(1 + exp(z))) / (1 + exp(z)),
    exp(2 * z) / (1 + exp(z)) ** 3 - z ** 2 * tanh(z),
    (z ** 3 - 1) / (z ** 2 + exp(-z)),
])
def test_a_fractions_derivative_in_the_ring_is_sympys(expr):
    expr = expr.together()  # one fraction P/Q, as cancel leaves a derivative
    ring = fraction_of(expr, z)
    assert ring is not None
    ours, truth = ring.derivative().as_expr(), diff(expr, z)
    with mpmath.workdps(40):
        for x in _points(8, 5):
            a, b = _value(ours, x), _value(truth, x)
            assert abs(a - b) <= mpmath.mpf("1e-25") * (1 + abs(b)), x


def test_no_ring_for_a_root_or_an_unknown_function():
    assert fraction_of(sqrt(z ** 2 + 4) / (z + 1), z) is None  # algebraic: not cancel's fractions
    assert fraction_of(Function("f")(z) / (1 + exp(z)), z) is None  # f' is not in any ring


def test_mish_at_the_maximum_order_on_time_and_every_line_checked():
    start = time.process_time()
    d = derive("mish", order=12)
    assert time.process_time() - start < 15  # was over 60 s at order 10
    assert d.lines and all(line.check is None or line.check.equal for line in d.lines)
    with mpmath.workdps(60):
        for x in _points(3, 12):
            truth = mpmath.diff(_mish, mpmath.mpf(x), 12)
            assert abs(_value(d.derivative, x) - truth) <= mpmath.mpf("1e-20") * (1 + abs(truth))


def test_a_wrong_rule_on_a_long_node_is_still_caught(monkeypatch):
    """A long node of the step tree (mish's 8th derivative, a quotient) is checked against
    its input's derivative in the ring: a quotient rule with its sign flipped raises."""
    right = R.QuotientRule.eval
    monkeypatch.setattr(R.QuotientRule, "eval", lambda self: -right(self))
    with pytest.raises(EngineFault):
        chain.differentiate(derivative_of_order(MISH, z, 8), z)
