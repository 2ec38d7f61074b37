"""Exponentials as powers of one symbol (derive/engine/exponentials.py): the rational
function in t is the expression itself once t is put back, with or without the shifts
absorbed into t; shifts are absorbed only where every exponent is a multiple of one."""

import random

import pytest
from sympy import E, Dummy, Float, Rational, Symbol, exp, tanh

from derive.engine.exponentials import exp_as_powers
from derive.engine.verify import proves_zero

z = Symbol("z", real=True)


def _sigmoid(u):
    return 1 / (1 + exp(-u))


#: (expression, t with the shifts absorbed, t without), t worked out by hand
CASES = [
    (_sigmoid(3 * z + 2) * (1 - _sigmoid(3 * z + 2)), exp(-3 * z - 2), exp(-3 * z)),
    ((exp(2 * z - 10) - exp(10 - 2 * z)) / (exp(2 * z - 10) + exp(10 - 2 * z)),  # tanh(2z - 10)
     exp(10 - 2 * z), exp(-2 * z)),
    (exp(-z / 2 + 1) / (1 + exp(-z + 2)) ** 2, exp(1 - z / 2), exp(-z / 2)),
    (exp(z + 1) + exp(z), exp(z), exp(z)),  # shifts of one slope: no multiples of one exponent
    (exp(2 * z) / (exp(z + 3) - 1), exp(z), exp(z)),
]


@pytest.mark.parametrize("shifted", [False, True])
@pytest.mark.parametrize("expr,t_shifted,t_plain", CASES)
def test_the_powers_with_t_put_back_are_the_expression(expr, t_shifted, t_plain, shifted):
    t = Dummy("t", positive=True)
    rational = exp_as_powers(expr, z, t, shifted=shifted)
    assert rational is not None and not rational.has(z)
    rng = random.Random(7)
    for _ in range(6):
        x = Float(rng.uniform(-3, 3), 30)
        want = expr.subs(z, x).evalf(30)
        got = rational.subs(t, (t_shifted if shifted else t_plain).subs(z, x)).evalf(30)
        assert abs(got - want) <= Float("1e-20") * (1 + abs(want))


def test_shifts_are_absorbed_only_where_the_exponents_are_multiples_of_one():
    t = Dummy("t", positive=True)
    assert exp_as_powers(exp(3 * z + 2) + exp(6 * z + 4), z, t, shifted=True) == t + t**2
    assert exp_as_powers(exp(3 * z + 2) + exp(6 * z + 4), z, t) == exp(2) * t + exp(4) * t**2  # not asked
    assert exp_as_powers(exp(z + 1) + exp(z), z, t, shifted=True) == t + E * t  # e^{z+1} = e t


@pytest.mark.parametrize("k,c", [(1, 0), (3, 2), (2, -10), (Rational(1, 2), 7)])
def test_shifted_sigmoids_and_tanh_identities_are_proved_and_a_wrong_one_is_not(k, c):
    u = k * z + c
    s = _sigmoid(u)
    assert proves_zero(k * exp(-u) / (1 + exp(-u)) ** 2 - k * s * (1 - s), z)
    assert proves_zero((exp(u) - exp(-u)) / (exp(u) + exp(-u)) - tanh(u), z)
    assert not proves_zero(k * exp(-u) / (1 + exp(-u)) ** 2 - k * s * (1 + s), z, slow=False)
    assert not proves_zero(exp(u) / (1 + exp(u)) - s + Rational(1, 10**12), z, slow=False)
