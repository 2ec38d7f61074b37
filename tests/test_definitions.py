"""What a user names is one function for ``derive NAME`` and ``derive check --function NAME``."""

import pytest
from click.testing import CliRunner
from sympy import Symbol, exp

from derive import derive
from derive.catalog import CATALOG
from derive.cli import cli
from derive.definitions import definition
from derive.errors import DeriveError


@pytest.mark.parametrize("entry", [e for e in CATALOG if not e.multivariate], ids=lambda e: e.name)
def test_the_checker_reads_the_function_the_engine_differentiates(entry):
    assert definition(entry.name) == derive(entry.name).definition


def test_a_typed_formula_and_another_variable():
    x = Symbol("x", real=True)
    assert definition("1/(1+exp(-2x))", "x") == 1 / (1 + exp(-2 * x))
    assert definition("tanh", "x") == derive("tanh", var="x").definition


@pytest.mark.parametrize("spec, says", [("softmax", "many variables"), ("sigmoidd", "sigmoid"),
                                        ("exp(-y)", "does not depend on z")])
def test_what_cannot_be_checked_against_says_why(spec, says):
    with pytest.raises(DeriveError, match=says):
        definition(spec)


def test_check_with_softmax_is_refused_in_one_line(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("g'(z) = g(z)(1 - g(z))\n")
    result = CliRunner().invoke(cli, ["check", "--function", "softmax", str(path)])
    assert result.exit_code == 2 and "many variables" in result.output and "Traceback" not in result.output
