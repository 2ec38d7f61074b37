"""The same method on functions whose chains are stored nowhere: the forms in g come
out of elimination, and every line is equal to sympy.diff by an independent check."""

import pytest
import sympy
from sympy import Rational, exp, sinh, cosh, Symbol

from derive import derive
from derive.engine.functions import G
from derive.render.json import derivation_data

from .helpers import Z, from_json_expr, numerically_equal


def form_value(form, definition):
    return sympy.sympify(str(form), locals={"g": G}).subs(G, definition)


CASES = [
    # (definition, the form in g worked out by hand)
    (1 / (1 + exp(-2 * Z)), 2 * G * (1 - G)),  # sigmoid with slope 2
    (exp(Z), G),
    ((1 - exp(-Z)) / (1 + exp(-Z)), (1 - G**2) / 2),  # bipolar sigmoid = tanh(z/2)
    (2 / (1 + exp(-Z)) - 1, (1 - G**2) / 2),
    (exp(Z) - 1, G + 1),
    (1 / (1 + exp(-Z / 3)), G * (1 - G) / 3),
    (sinh(Z) / cosh(Z), 1 - G**2),
]


@pytest.mark.parametrize("definition, by_hand", CASES, ids=[str(c[0]) for c in CASES])
def test_form_in_g_is_found_and_right(definition, by_hand):
    d = derive(definition)
    assert d.in_terms_of_g is not None
    assert sympy.expand(d.in_terms_of_g.doit() - by_hand) == 0
    truth = sympy.diff(definition, Z)
    assert numerically_equal(form_value(d.in_terms_of_g, definition), truth)


@pytest.mark.parametrize("definition, by_hand", CASES, ids=[str(c[0]) for c in CASES])
def test_every_line_is_the_function_or_its_derivative(definition, by_hand):
    data = derivation_data(derive(definition))
    truth = sympy.diff(definition, Z)
    target = definition
    for line in data["lines"]:
        if line["lhs"] == "g'(z)":
            target = truth
        assert numerically_equal(from_json_expr(line["expr"], definition), target), line["expr"]


def test_slope_two_reads_like_the_sigmoid():
    lines = derivation_data(derive(1 / (1 + exp(-2 * Z))))["lines"]
    assert lines[-1]["expr"] == "2*g(z)*(1 - g(z))"
    assert "add and subtract 1" in lines[-2]["explanation"]


def test_exp_needs_no_algebra():
    lines = derivation_data(derive(exp(Z)))["lines"]
    assert [line["expr"] for line in lines] == ["exp(z)", "exp(z)", "g(z)"]


def test_no_form_in_g_is_reported_as_none():
    # swish: g' = g/z + sigma(z)(1 - ...) needs z; no z-free form exists
    d = derive(Z / (1 + exp(-Z)))
    assert d.in_terms_of_g is None
    assert d.uses_var
    assert numerically_equal(d.derivative, sympy.diff(Z / (1 + exp(-Z)), Z))


def test_a_users_own_symbol_is_accepted():
    plain = Symbol("z")
    d = derive(1 / (1 + exp(-plain)))
    assert str(d.in_terms_of_g) == "g*(1 - g)"


def test_parameters_stay_symbolic():
    k = Symbol("k", positive=True)
    d = derive(1 / (1 + exp(-k * Z)))
    assert sympy.expand(d.in_terms_of_g.doit() - k * G * (1 - G)) == 0


def test_rational_slope():
    d = derive(1 / (1 + exp(-Z / 2)))
    assert sympy.expand(d.in_terms_of_g.doit() - Rational(1, 2) * G * (1 - G)) == 0
