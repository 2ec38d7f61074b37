"""Review finding: a student names a part of the formula (u = 1 + e^{-z}, "Let u = ...",
"..., where u = ...") and uses u in the next lines.  derive read the row "u = 1 + e^{-z}" as two
steps of the chain (u, a constant, then 1 + e^{-z}, both "wrong"), and u in later lines as a
constant: a correct derivation got two or three wrong lines.  Truth here by sympy.diff.
"""

from __future__ import annotations

import pytest
import sympy
from sympy import exp

import derive
from tests.helpers import Z, from_json_expr, numerically_equal

SIGMOID = 1 / (1 + exp(-Z))


@pytest.mark.parametrize("text", [
    "g(z) = 1/(1+e^-z)\nu = 1 + e^-z\ng'(z) = -1/u^2 * (-e^-z)\n",
    "g(z) = 1/(1+e^-z)\nLet u = 1 + e^-z\ng'(z) = -1/u^2 * (-e^-z)\n",
    "g(z) = 1/(1+e^-z)\ng'(z) = e^-z/u^2\nwhere u = 1 + e^-z\n",
    "\\begin{align*}\ng(z) &= \\frac{1}{1+e^{-z}} \\\\\ng'(z) &= \\frac{e^{-z}}{u^2}, \\quad \\text{where } u = 1 + e^{-z}\n"
    "\\end{align*}\n",
    "\\begin{align*}\ng(z) &= \\frac{1}{1+e^{-z}} \\\\\ng'(z) &= \\frac{e^{-z}}{u^2}, \\\\\n\\text{where } u &= 1 + e^{-z}\n"
    "\\end{align*}\n",
])
def test_a_named_part_is_put_in_the_lines(text):
    report = derive.check(text)
    assert len(report["lines"]) == 2, [(line["text"], line["verdict"]) for line in report["lines"]]
    line = report["lines"][1]
    assert numerically_equal(from_json_expr(line["expr"], SIGMOID), sympy.diff(SIGMOID, Z))
    assert report["valid"]


def test_a_wrong_line_with_a_named_part_is_still_wrong():
    report = derive.check("g(z) = 1/(1+e^-z)\nu = 1 + e^-z\ng'(z) = 1/u^2 * (-e^-z)\n")
    line = report["lines"][1]
    assert numerically_equal(from_json_expr(line["expr"], SIGMOID), -sympy.diff(SIGMOID, Z))
    assert line["verdict"] == "wrong"


def test_a_parameter_s_value_is_a_remark_not_a_step():
    k = sympy.Symbol("k")  # as from_json_expr makes it
    swish = Z / (1 + exp(-k * Z))
    report = derive.check("g(z) = z sigma(k z)\nwith k = 2\ng'(z) = sigma(k z) + k z sigma(k z)(1 - sigma(k z))\n")
    assert len(report["lines"]) == 2
    assert numerically_equal(from_json_expr(report["lines"][1]["expr"], swish), sympy.diff(swish, Z))
    assert report["valid"]


def test_the_derivative_of_a_named_part_is_a_side_computation():
    report = derive.check("g(z) = 1/(1+e^-z)\nu = 1 + e^-z\nu' = -e^-z\ng'(z) = -(-e^-z)/u^2\n")
    side = report["lines"][1]
    assert numerically_equal(from_json_expr(side["expr"], SIGMOID), sympy.diff(1 + exp(-Z), Z))
    assert report["valid"]
    wrong = derive.check("g(z) = 1/(1+e^-z)\nu = 1 + e^-z\nu' = e^-z\n")["lines"][1]
    assert wrong["verdict"] == "wrong"


def test_a_left_side_that_cannot_be_read_makes_its_line_unreadable_not_wrong():
    # h'(z) is no function of the text: the line was compared with g' and marked wrong
    line = derive.check("g(z) = 1/(1+e^-z)\nh'(z) = -e^-z\n")["lines"][1]
    assert line["verdict"] == "unreadable"
