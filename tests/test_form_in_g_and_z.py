"""The form in g and z (engine/g_and_z.form_in_g_and_z): its two shortcuts, which skip
work that cannot give a candidate, change no answer, and each form found is g' itself
(checked here by SymPy's own derivative at random points of both signs)."""

import random

import pytest
from sympy import Piecewise, Rational, atan, diff, erf, exp, log, pi, sqrt, tanh

from derive.catalog import CATALOG
from derive.definitions import entry_definition
from derive.engine import g_and_z
from derive.engine.functions import G, sigmoid, variable

z = variable("z")

FORMULAS = [
    z * sigmoid(z), z * sigmoid(2 * z), z * tanh(exp(z)), z**2 * sigmoid(z), (1 + z) * sigmoid(z),
    z * exp(-z**2), z * atan(z), z * tanh(log(1 + exp(z))), z / 2 * (1 + erf(z / sqrt(2))),
    z / 2 * (1 + tanh(sqrt(2 / pi) * (z + Rational(44715, 10**6) * z**3))), z * tanh(z), z - tanh(z),
    3 * z * exp(z), z * exp(2 * z) * sigmoid(z), (z + exp(z)) * tanh(z),
]
# the smooth entries: a piecewise one's pieces are searched one by one (engine/summary.py)
ONE_VARIABLE = [d for d in (entry_definition(e, z) for e in CATALOG
                            if not e.multivariate and all(p.default is not None for p in e.params))
                if not d.has(Piecewise)]


def _found(definition, *, shortcuts: bool, monkeypatch):
    if not shortcuts:
        monkeypatch.setattr(g_and_z, "_may_occur", lambda definition, expr: True)
        monkeypatch.setattr(g_and_z, "_inside_a_function_or_power", lambda expr, s: False)
    found = g_and_z.form_in_g_and_z(definition, diff(definition, z), z)
    monkeypatch.undo()
    return found


@pytest.mark.parametrize("definition", FORMULAS + ONE_VARIABLE, ids=str)
def test_the_shortcuts_change_no_form(definition, monkeypatch):
    with_them = _found(definition, shortcuts=True, monkeypatch=monkeypatch)
    assert with_them == _found(definition, shortcuts=False, monkeypatch=monkeypatch)
    if with_them is not None:
        rng = random.Random(str(definition))
        for _ in range(6):
            x = rng.choice([-1, 1]) * rng.uniform(0.1, 4)
            expected = diff(definition, z).evalf(30, subs={z: x})
            got = with_them.subs(G, definition).evalf(30, subs={z: x})
            assert abs(got - expected) < 1e-20 * (1 + abs(expected))


def test_a_product_whose_factor_is_not_in_the_derivative_is_not_searched():
    definition = z / 2 * (1 + tanh(z**3))
    assert not g_and_z._may_occur(definition, diff(definition, z))
    assert g_and_z._may_occur(z * sigmoid(z), diff(z * sigmoid(z), z).expand())
    assert g_and_z._may_occur(z * exp(2 * z), z**2 * exp(4 * z))  # a power is not ruled out


def test_a_symbol_inside_a_function_or_power_is_not_linear():
    s = variable("s")
    assert g_and_z._inside_a_function_or_power(z * tanh(log(1 + s)), s)
    assert g_and_z._inside_a_function_or_power(z / s, s)
    assert not g_and_z._inside_a_function_or_power(z / 2 * (1 + s), s)
