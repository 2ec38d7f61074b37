"""Printer and command-line defects of issue 11, each with a test that failed before."""

import pytest
from click.testing import CliRunner
from rich.console import Console
from sympy import Derivative, Mul, UnevaluatedExpr, diff, exp, log

from derive import derive
from derive.cli import cli
from derive.engine.functions import g
from derive.render.latex import latex
from derive.render.text import DerivationView

from .helpers import Z, numerically_equal


def invoke(*args):
    return CliRunner().invoke(cli, [*args, "--no-cache"])


def test_a_derivative_before_other_factors_is_bracketed_in_latex():
    tex = invoke("sigmoid", "--order", "3", "--format", "latex").stdout
    assert r"\left[\frac{d}{d z} \left(1 - 2 g(z)\right)\right] \left(1 - g(z)\right) g(z)" in tex
    assert r"\frac{d}{d z} \left(1 - 2 g(z)\right) \left(1 - g(z)\right)" not in tex


def test_a_derivative_that_ends_a_product_needs_no_brackets():
    last = Mul(UnevaluatedExpr(1 - g(Z)), Derivative(1 - 2 * g(Z), Z), evaluate=False)
    assert latex(last) == r"\left(1 - g(z)\right) \frac{d}{d z} \left(1 - 2 g(z)\right)"


def test_the_terminal_brackets_it_too():
    console = Console(width=200, color_system=None, record=True)
    console.print(DerivationView(derive("sigmoid", order=3), notes=False))
    text = console.export_text()
    assert "⎡d             ⎤" in text and "⎣dz            ⎦" in text


@pytest.mark.parametrize("formula, truth", [
    ("-log(sigmoid(-z))", log(1 + exp(Z))),
    ("-z", -Z),
    ("-2z", -2 * Z),
])
def test_a_formula_may_begin_with_a_minus(formula, truth):
    result = invoke(formula, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert numerically_equal(derive(formula).derivative, diff(truth, Z))


def test_options_still_read_after_a_formula_with_a_minus():
    result = invoke("-z^3", "-n", "2", "-f", "latex")
    assert result.exit_code == 0 and "g''(z)" in result.stdout


def test_symbolic_is_allowed_for_typed_formulas():
    result = invoke("a tanh(b z)", "--symbolic", "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_no_form_wording_reads_as_a_sentence():
    from dataclasses import replace

    from derive.render.facts import form_facts
    from derive.render.linear import note_text

    bare = replace(derive("sinusoid"), in_terms_of_g=None, in_terms_of_g_and_z=None, no_form_in_g=None)
    assert [note_text(f) for f in form_facts(bare)] == ["derive found no way to write g'(z) in terms of g alone"]


def test_list_shows_conditions_on_g_when_the_engine_gives_them():
    from dataclasses import replace

    from sympy import Rational

    from derive.engine.functions import G
    from derive.render.slopes import slope_summary

    relu = replace(derive("relu"), in_terms_of_g_cases=((Rational(1), G > 0), (Rational(0), G < 0)))
    assert slope_summary(relu) == "1 if g > 0; 0 if g < 0"


def test_list_has_a_source_column():
    result = CliRunner().invoke(cli, ["list", "--no-cache"], env={"COLUMNS": "250"})
    assert "┃ source" in result.stdout
    assert "Carlile et al. 2017, arXiv:1710.09967" in result.stdout
