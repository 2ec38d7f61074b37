"""derive sigmoid and derive tanh against the lecture's own chains (tests/data, copied
from the Module 4.9 reference), line by line, and each line against sympy.diff."""

from pathlib import Path

import pytest
import sympy
from sympy import exp, tanh

from derive import derive
from derive.render.json import derivation_data
from derive.render.latex import aligned

from .helpers import Z, aligned_rows, from_json_expr, numerically_equal

DATA = Path(__file__).parent / "data"

DEFINITIONS = {"sigmoid": 1 / (1 + exp(-Z)), "tanh": (exp(Z) - exp(-Z)) / (exp(Z) + exp(-Z))}


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_latex_matches_the_lecture_line_by_line(name):
    expected = aligned_rows((DATA / f"module-4.9-{name}.tex").read_text())
    produced = aligned_rows(aligned(derive(name), facts=False))  # the chain; notes (tanh's sech^2 z) follow it
    assert len(produced) == len(expected) == 6
    for i, (mine, theirs) in enumerate(zip(produced, expected), start=1):
        assert mine == theirs, f"line {i}"


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_each_line_equals_the_true_derivative(name):
    definition = DEFINITIONS[name]
    truth = sympy.diff(definition, Z)
    data = derivation_data(derive(name))
    lines = data["lines"]
    assert [line["lhs"] for line in lines] == ["g(z)", "", "g'(z)", "", "", ""]
    for line in lines[:2]:
        assert numerically_equal(from_json_expr(line["expr"], definition), definition)
    for line in lines[2:]:
        assert numerically_equal(from_json_expr(line["expr"], definition), truth), line["expr"]


def test_sigmoid_lines_are_the_lectures_forms():
    lines = derivation_data(derive("sigmoid"))["lines"]
    # line 3 keeps the inner derivative unevaluated, line 4 has it evaluated
    assert "Derivative(1 + exp(-z), z)" in lines[2]["expr"]
    assert "Derivative" not in lines[3]["expr"]
    assert lines[5]["expr"] == "g(z)*(1 - g(z))"


def test_tanh_ends_in_one_minus_g_squared():
    data = derivation_data(derive("tanh"))
    assert data["lines"][5]["expr"] == "1 - g(z)**2"
    assert data["in_terms_of_g"] == "1 - g**2"
    assert data["uses_z"] is False


def test_explanations_say_what_happened():
    notes = [line["explanation"] for line in derivation_data(derive("sigmoid"))["lines"]]
    assert notes[2] == "reciprocal rule and chain rule"
    assert notes[3] == "d/dz (1 + e^(-z)) = -e^(-z)"
    assert "add and subtract 1" in notes[4]
    assert notes[5] == "substitute g(z)"
    tanh_notes = [line["explanation"] for line in derivation_data(derive("tanh"))["lines"]]
    assert tanh_notes[2] == "quotient rule"
    assert tanh_notes[4] == "split the fraction"


def test_tanh_definition_is_the_exponential_form():
    assert sympy.simplify(derive("tanh").definition - tanh(Z).rewrite(exp)) == 0
