"""Forms of g' a lecturer quotes (a last note), each against sympy.diff of a definition
written here by hand."""

import pytest
from click.testing import CliRunner
from sympy import Rational, Symbol, diff, erf, exp, log, sech, sqrt, tanh

from derive import derive
from derive.cli import cli
from derive.engine.functions import g, sigmoid

from .helpers import Z, numerically_equal

SIG = 1 / (1 + exp(-Z))
BY_HAND = {
    "tanh": tanh(Z),
    "softplus": log(1 + exp(Z)),
    "gelu": Z / 2 * (1 + erf(Z / sqrt(2))),
    "silu": Z * SIG,
}


def _meaning(form, definition):
    return form.xreplace({g(Z): definition}).rewrite(erf).rewrite(exp)


@pytest.mark.parametrize("name", sorted(BY_HAND))
def test_each_quoted_form_equals_the_derivative(name):
    (form, words), = derive(name).alternatives
    assert numerically_equal(_meaning(form, BY_HAND[name]), diff(BY_HAND[name], Z))


def test_the_forms_are_the_ones_lecturers_quote():
    assert derive("tanh").alternatives[0][0] == sech(Z) ** 2
    assert derive("softplus").alternatives[0][0] == sigmoid(Z)
    silu = derive("silu").alternatives[0][0]
    assert (silu - (g(Z) + sigmoid(Z) * (1 - g(Z)))).expand() == 0


def test_gelu_form_is_defined_at_zero():
    (form, _), = derive("gelu").alternatives
    at_zero = _meaning(form, BY_HAND["gelu"]).subs(Z, 0)
    assert at_zero == Rational(1, 2)  # Phi(0) + 0 phi(0); g/z is 0/0 there


def test_swish_with_beta_kept_as_a_symbol():
    beta = Symbol("beta", positive=True)
    (form, _), = derive("swish-beta").alternatives
    definition = Z / (1 + exp(-beta * Z))
    assert numerically_equal(_meaning(form, definition), diff(definition, Z))


@pytest.mark.parametrize("name", ["sigmoid", "relu", "mish", "lecun tanh"])
def test_no_quoted_form_where_there_is_none(name):
    assert derive(name).alternatives == ()


def test_no_quoted_form_at_higher_orders():
    assert derive("tanh", order=2).alternatives == ()


def test_rendered_as_the_last_note():
    runner = CliRunner()
    text = runner.invoke(cli, ["tanh", "--no-cache"], env={"COLUMNS": "100"}).stdout
    assert text.rstrip().splitlines()[-1] == "also written g'(z) = sech(z)^2; with the hyperbolic secant"
    # findings are prose after the chain: in a whole document, not in the pasted aligned block
    tex = runner.invoke(cli, ["gelu", "--format", "latex", "--standalone", "--no-cache"]).stdout
    assert r"\Phi\left(z\right) + z \varphi\left(z\right)" in tex.split(r"\end{aligned}")[1]
    data = runner.invoke(cli, ["softplus", "--format", "json", "--no-cache"]).stdout
    assert '"expr": "sigmoid(z)"' in data
