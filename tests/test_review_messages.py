"""Review finding: a counterexample printed as "it is 0.652712, it should be 0.652712" says
nothing; the two values are shown with digits enough to differ (or with their difference)."""

from __future__ import annotations

import pytest
import sympy
from sympy import exp

import derive
from tests.helpers import Z

SIGMOID = 1 / (1 + exp(-Z))


@pytest.mark.parametrize("extra", [sympy.Rational(1, 10 ** 9), exp(-100 * Z ** 2), exp(-Z ** 2) / 10 ** 8])
def test_the_counterexample_shows_the_difference(extra):
    written = sympy.sstr(SIGMOID + extra).replace("**", "^")
    report = derive.check(f"g(z) = 1/(1+exp(-z))\n= {written}\n")
    line = report["lines"][1]
    assert line["verdict"] == "wrong"
    at = float(line["counterexample"]["at"])
    difference = float((extra).subs(Z, at))
    assert difference != 0
    shown_line, shown_expected = line["counterexample"]["line"], line["counterexample"]["expected"]
    if shown_line == shown_expected:
        assert "differ by" in line["message"]
    else:
        assert (float(shown_line) - float(shown_expected)) * difference > 0
    assert f"it is {shown_line}, it should be {shown_expected}" in line["message"]


def test_g_substituted_is_not_called_tanh_s_definition():
    report = derive.check("g(z) = tanh(z)\ng'(z) = 1 - tanh(z)^2\n= 1 - g(z)^2\n")
    assert report["lines"][2]["rule"] == "g(z) substituted"
    report = derive.check("g(z) = tanh(z)\n= (e^z - e^-z)/(e^z + e^-z)\n")
    assert report["lines"][1]["rule"] == "the definition of tanh"
