"""Review finding: a side computation in a hand derivation (``d/dz (1 + e^{-z}) = -e^{-z}``,
``\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))`` stated in a derivation of swish) was compared with g'
and marked wrong ("the definition contradicts itself"), though every line is true.

Each line's truth is worked out here with sympy.diff: a side line against the derivative of its
own left side, a chain line against the derivative of g.
"""

from __future__ import annotations

import sympy
from sympy import exp

import derive
from tests.helpers import Z, from_json_expr, numerically_equal

SIGMOID = 1 / (1 + exp(-Z))
SWISH = Z * SIGMOID


def _report(text: str) -> dict:
    return derive.check(text)


def test_a_stated_sigma_prime_in_a_swish_derivation_is_right():
    text = ("g(z) = z\\sigma(z)\n"
            "\\sigma'(z) = \\sigma(z)(1-\\sigma(z))\n"
            "g'(z) = \\sigma(z) + z\\sigma'(z)\n"
            "= \\sigma(z) + z\\sigma(z)(1-\\sigma(z))\n")
    report = _report(text)
    side, first, second = report["lines"][1:]
    assert numerically_equal(from_json_expr(side["expr"], SWISH), sympy.diff(SIGMOID, Z))
    for line in (first, second):
        assert numerically_equal(from_json_expr(line["expr"], SWISH), sympy.diff(SWISH, Z))
    assert [line["credit"] for line in report["lines"][1:]] == [True, True, True]
    assert report["valid"] and report["first_error"] is None
    assert side["lhs"] == "\\sigma'(z)"


def test_an_inner_derivative_worked_out_on_its_own_line_is_right():
    text = ("g(z) = \\frac{1}{1+e^{-z}}\n"
            "\\frac{d}{dz}(1+e^{-z}) = -e^{-z}\n"
            "g'(z) = \\frac{e^{-z}}{(1+e^{-z})^2}\n"
            "= g(z)(1-g(z))\n")
    report = _report(text)
    side = report["lines"][1]
    assert numerically_equal(from_json_expr(side["expr"], SIGMOID), sympy.diff(1 + exp(-Z), Z))
    assert report["valid"], [(line["verdict"], line["message"]) for line in report["lines"]]


def test_a_wrong_side_computation_is_the_wrong_line_and_the_chain_goes_on():
    # d/dz (1 + e^{-z}) = -e^{-z}; e^{-z} has lost the chain rule's minus
    text = "g(z) = 1/(1+e^-z)\nd/dz (1+e^-z) = e^-z\ng'(z) = e^-z/(1+e^-z)^2\n"
    report = _report(text)
    side = report["lines"][1]
    assert numerically_equal(from_json_expr(side["expr"], SIGMOID), -sympy.diff(1 + exp(-Z), Z))
    assert side["verdict"] == "wrong"
    assert report["first_error"] == 2 and report["errors"] == 1
    assert report["lines"][2]["credit"]  # g' itself is right: checked against g, not the side line


def test_a_side_computation_continued_on_the_same_row():
    text = "g(z) = 1/(1+e^-z)\nd/dz (1+e^-z) = -e^-z = -1/e^z\ng'(z) = e^-z/(1+e^-z)^2\n"
    report = _report(text)
    assert [line["verdict"] for line in report["lines"]][1:3] == ["proved", "proved"]
    assert report["valid"]


def test_d_dz_of_tanh_written_out_is_the_derivative_of_g():
    tanh = sympy.tanh(Z)
    report = _report("g(z) = tanh(z)\nd/dz tanh(z) = 1 - tanh(z)^2\n= 1 - g(z)^2\n")
    for line in report["lines"][1:]:
        assert numerically_equal(from_json_expr(line["expr"], tanh), sympy.diff(tanh, Z))
    assert report["valid"]


def test_the_author_s_own_derivative_in_brackets_is_still_the_chain():
    # d/dz [x σ(x)] is g' itself: checked against g', a wrong right side is wrong
    report = _report("g(z) = z\\sigma(z)\n\\frac{d}{dz}\\left[z\\sigma(z)\\right] = \\sigma(z)\n")
    line = report["lines"][1]
    assert numerically_equal(from_json_expr(line["expr"], SWISH), SIGMOID)
    assert not numerically_equal(SIGMOID, sympy.diff(SWISH, Z))
    assert line["verdict"] == "wrong"


def test_the_author_s_own_wrong_derivative_substituted_later_is_carried():
    # g' = 1 + g² is wrong (tanh' = 1 - g²); g'' = 2g g' follows from it; writing 2g(1 + g²) puts
    # the author's own g' in: the same error carried, not a second mistake
    tanh = sympy.tanh(Z)
    text = "g(z) = tanh(z)\ng'(z) = 1 + g(z)^2\ng''(z) = 2 g(z) g'(z)\n= 2g(z)(1 + g(z)^2)\n"
    report = _report(text)
    second = from_json_expr(report["lines"][1]["expr"], tanh)
    assert not numerically_equal(second, sympy.diff(tanh, Z))
    fourth = from_json_expr(report["lines"][3]["expr"], tanh)
    assert numerically_equal(fourth, 2 * tanh * second)  # line 3 with the author's g'
    assert [line["verdict"] for line in report["lines"]][1:] == ["wrong", "carried forward", "carried forward"]
    assert report["errors"] == 1 and report["lines"][3]["carried_from"] == 2


def test_a_new_mistake_after_the_own_derivative_is_still_wrong():
    text = "g(z) = tanh(z)\ng'(z) = 1 + g(z)^2\ng''(z) = 2 g(z) g'(z)\n= 3g(z)(1 + g(z)^2)\n"
    report = _report(text)
    assert report["lines"][3]["verdict"] == "wrong" and report["errors"] == 2


def test_d_dz_of_a_miscopied_g_is_the_chain_s_step_and_wrong():
    # 1/(1 + e^{z}) is not part of g = 1/(1 + e^{-z}): not a side computation that is right, but
    # the derivative of g miscopied, checked against g' (it is -g')
    report = _report("g(z) = 1/(1+e^{-z})\nd/dz (1/(1+e^{z})) = -e^{z}/(1+e^{z})^2\n")
    line = report["lines"][1]
    assert numerically_equal(from_json_expr(line["expr"], SIGMOID), -sympy.diff(SIGMOID, Z))
    assert line["verdict"] == "wrong" and not report["valid"]


def test_sigma_needs_no_definition_line():
    # a published derivation starts at d/dx σ(x) = ...: σ is the sigmoid; it was "does not define σ"
    x = sympy.Symbol("x")  # as from_json_expr reads it
    text = ("\\begin{align}\n\\dfrac{d}{dx} \\sigma(x) &= \\dfrac{d}{dx} \\left[ \\dfrac{1}{1 + e^{-x}} \\right] \\\\\n"
            "&= -(1 + e^{-x})^{-2}(-e^{-x}) \\\\\n&= \\sigma(x) \\cdot (1 - \\sigma(x))\n\\end{align}\n")
    report = _report(text)
    assert report["problem"] is None and report["valid"], report
    s = 1 / (1 + exp(-x))
    assert numerically_equal(from_json_expr(report["lines"][1]["expr"], s, var=x), sympy.diff(s, x), var=x)
    wrong = _report("\\tanh'(x) = 1 + \\tanh^2(x)\n")
    assert wrong["lines"][0]["verdict"] == "wrong"
