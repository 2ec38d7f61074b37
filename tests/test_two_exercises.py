"""Two exercises in one file about functions of different names (σ, then g): each is read in
its own names and checked against its own definition; the second's left sides are written
with its name.

The truth of each line is established here with SymPy (sympy.diff, both sides evaluated at
points of both signs), not taken from the checker.
"""

import json
import random

import pytest
from click.testing import CliRunner
from sympy import Rational, diff, exp, symbols, tanh

from derive.batch import check_text
from derive.cli import cli

z = symbols("z", real=True)
SIGMOID = 1 / (1 + exp(-z))

LATEX = r"""\section*{Exercise 1}
\begin{align*}
\sigma(z) &= \frac{1}{1+e^{-z}} \\
\sigma'(z) &= \sigma(z)\left(1-\sigma(z)\right)
\end{align*}
\section*{Exercise 2}
\begin{align*}
g(z) &= \tanh z \\
g'(z) &= 1 - \tanh^2 z
\end{align*}
"""
PLAIN = "σ(z) = 1/(1 + e^(-z))\nσ'(z) = σ(z)(1 - σ(z))\n\ng(z) = tanh(z)\ng'(z) = 1 - g(z)^2\n"


def _equal(a, b):
    rng = random.Random(3)
    points = [Rational(rng.randint(-300, 300), 100) for _ in range(8)]
    return all(abs(complex((a - b).subs(z, p).evalf(30))) < 1e-20 for p in points)


def test_the_truth_of_both_exercises():
    assert _equal(diff(SIGMOID, z), SIGMOID * (1 - SIGMOID))
    assert _equal(diff(tanh(z), z), 1 - tanh(z) ** 2)
    assert not _equal(diff(tanh(z), z), 1 + tanh(z) ** 2)


@pytest.mark.parametrize("text", [LATEX, PLAIN], ids=["latex", "plain"])
def test_both_exercises_are_checked(text):
    chain, problem = check_text(text)
    assert problem is None
    assert [line.verdict for line in chain.lines] == ["definition", "proved", "definition", "proved"]
    assert chain.valid and chain.right == 2  # the two definitions are given, not graded


@pytest.mark.parametrize("text", [LATEX, PLAIN], ids=["latex", "plain"])
def test_the_second_exercise_is_written_in_its_own_name(text):
    out = CliRunner().invoke(cli, ["check", "-", "--format", "json"], input=text)
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert [line["lhs"] for line in data["lines"]] == ["σ(z)", "σ'(z)", "g(z)", "g'(z)"]
    assert [line["message"] for line in data["lines"]][::2] == ["defines σ", "defines g"]


def test_a_wrong_line_of_the_second_exercise_stays_wrong():
    text = LATEX.replace(r"1 - \tanh^2 z", r"1 + \tanh^2 z")
    out = CliRunner().invoke(cli, ["check", "-", "--format", "json"], input=text)
    assert out.exit_code == 1
    data = json.loads(out.stdout)
    assert [line["verdict"] for line in data["lines"]] == ["definition", "proved", "definition", "wrong"]
    fourth = data["lines"][3]
    assert fourth["lhs"] == "g'(z)" and "sigma" not in (fourth["corrected"] or "")


def test_with_function_the_second_exercise_is_not_called_wrong():
    """--function names the first exercise's function: the second's lines are about another
    function, so what they should equal is not known."""
    out = CliRunner().invoke(cli, ["check", "-", "--function", "sigmoid", "--format", "json"], input=PLAIN)
    data = json.loads(out.stdout)
    assert [line["verdict"] for line in data["lines"]][2:] == ["unreadable", "unreadable"]
    assert out.exit_code == 2
