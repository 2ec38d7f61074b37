"""Review findings on reading hand derivations: d/dz written with a slash in a LaTeX line.

In LaTeX letters are single (kz is k times z), so `d/dz` in a line with a brace or a
backslash was read as d ÷ d × z = z: `d/dz(1 + e^{-z})` became z(1 + e^{-z}) and a correct
line was marked wrong.  The truth of every line below is worked out with sympy.diff here.
"""

from __future__ import annotations

import pytest
import sympy
from sympy import exp

import derive
from tests.helpers import Z, from_json_expr, numerically_equal

SIGMOID = 1 / (1 + exp(-Z))


def _line(text: str, index: int = 1) -> dict:
    return derive.check(text)["lines"][index]


@pytest.mark.parametrize("written", [
    r"-\frac{1}{(1+e^{-z})^2} d/dz(1+e^{-z})",  # the reciprocal rule's line, d/dz typed with a slash
    r"-(1+e^{-z})^{-2} \cdot d/dz\left(1+e^{-z}\right)",
    r"d/dz \frac{1}{1+e^{-z}}",
    r"dg/dz",
])
def test_slash_derivative_in_latex_is_the_derivative(written):
    line = _line(f"g(z) = \\frac{{1}}{{1+e^{{-z}}}}\ng'(z) = {written}\n")
    truth = sympy.diff(SIGMOID, Z)
    assert numerically_equal(from_json_expr(line["expr"], SIGMOID), truth)
    assert line["verdict"] in ("proved", "numerically equal"), line


def test_second_derivative_with_slash_in_latex():
    tanh = sympy.tanh(Z)
    line = _line("g(z) = \\tanh(z)\ng''(z) = d^2/dz^2 \\tanh(z)\n")
    assert numerically_equal(from_json_expr(line["expr"], tanh), sympy.diff(tanh, Z, 2))
    assert line["credit"]


@pytest.mark.parametrize("text", [
    "g(z) = \\sigma(z)\ng'(z) = d/dx \\left(1+e^{-z}\\right)^{-1}\n",  # LaTeX
    "g(z) = z^2\ng'(z) = d/dx z^2\n",  # typed: was d·z²/dx, two made-up constants
])
def test_derivative_in_another_variable_is_unreadable(text):
    line = _line(text)
    assert line["verdict"] == "unreadable"
    assert "respect to x" in line["message"]


def test_wrong_line_with_slash_derivative_still_wrong():
    # (1/v)' = -v'/v^2: without the minus the line is the negative of g'
    line = _line("g(z) = \\frac{1}{1+e^{-z}}\ng'(z) = \\frac{1}{(1+e^{-z})^2} d/dz(1+e^{-z})\n")
    truth = sympy.diff(SIGMOID, Z)
    assert numerically_equal(from_json_expr(line["expr"], SIGMOID), -truth)
    assert line["verdict"] == "wrong"


@pytest.mark.parametrize("written, meant", [
    ("e^z + ze^z", "z e"),  # z e^z typed without a space: was a constant 'ze' to the power z
    ("e^z + zz e^z/z", "z z"),
])
def test_letters_written_together_are_unreadable_not_a_new_constant(written, meant):
    line = _line(f"g(z) = z e^z\ng'(z) = {written}\n")
    assert line["verdict"] == "unreadable"
    assert meant in line["message"]


def test_sqrt2_typed_is_unreadable_not_a_constant():
    # GELU' typed with sqrt2 for sqrt(2): was a constant named sqrt2, the line marked wrong
    text = ("g(z) = z/2 (1 + erf(z/sqrt(2)))\n"
            "g'(z) = (1 + erf(z/sqrt2))/2 + z exp(-z^2/2)/sqrt(2 pi)\n")
    line = _line(text)
    assert line["verdict"] == "unreadable"
    assert "sqrt(2)" in line["message"]


def test_the_same_lines_with_spaces_are_right():
    gelu = Z / 2 * (1 + sympy.erf(Z / sympy.sqrt(2)))
    report = derive.check("g(z) = z/2 (1 + erf(z/sqrt(2)))\n"
                          "g'(z) = (1 + erf(z/sqrt(2)))/2 + z exp(-z^2/2)/sqrt(2 pi)\n")
    line = report["lines"][1]
    assert numerically_equal(from_json_expr(line["expr"], gelu), sympy.diff(gelu, Z))
    assert line["credit"]
    xe = Z * exp(Z)
    line = _line("g(z) = z e^z\ng'(z) = e^z + z e^z\n")
    assert numerically_equal(from_json_expr(line["expr"], xe), sympy.diff(xe, Z))
    assert line["credit"]


def test_a_greek_parameter_is_still_a_parameter():
    line = _line("g(t) = theta t\ng'(t) = theta\n")
    assert line["credit"]


def test_a_wrong_line_with_made_up_words_is_not_dropped_as_prose():
    # 1 - tanh² + ab/ab is g' + 1: two letters 'ab' twice made the row "prose", dropped unseen,
    # and the derivation was reported valid
    tanh = sympy.tanh(Z)
    report = derive.check("g(z) = tanh(z)\ng'(z) = 1 - tanh(z)^2\n= 1 - tanh(z)^2 + ab/ab\n= 1 - g(z)^2\n")
    assert len(report["lines"]) == 4
    third = report["lines"][2]
    value = from_json_expr(third["expr"], tanh)
    assert numerically_equal(value, sympy.diff(tanh, Z) + 1)
    assert third["verdict"] == "wrong" and report["first_error"] == 3 and not report["valid"]


def test_k_z_written_together_in_brackets_is_read_not_dropped():
    # e^(kz)/(1 + e^(kz)): the row vanished as prose and "sigma(kz)" lost its bracket ("= sigma")
    report = derive.check("g(z) = log(1 + e^(k z))/k\ng'(z) = e^(kz)/(1+e^(kz))\n= sigma(kz)\n")
    texts = [line["text"] for line in report["lines"]]
    assert texts == ["log(1 + e^(k z))/k", "e^(kz)/(1+e^(kz))", "sigma(kz)"]
    for line in report["lines"][1:]:
        assert line["verdict"] == "unreadable" and "k z" in line["message"]


def test_a_remark_in_brackets_is_still_a_remark():
    report = derive.check("g(z) = tanh(z)\ng'(z) = 1 - tanh(z)^2 (chain rule)\n= 1 - g(z)^2 (QED)\n")
    assert [line["text"] for line in report["lines"]][1:] == ["1 - tanh(z)^2", "1 - g(z)^2"]
    assert report["valid"]


@pytest.mark.parametrize("left", [r"\frac{{\rm d}\sigma}{{\rm d}z}", r"{\rm d}\sigma/{\rm d}z"])
def test_old_style_upright_d_is_leibniz(left):
    # {\rm d}: the group's brace hid the d, and the fraction read (d σ)/(d z) = σ/z
    report = derive.check(f"\\sigma(z) = \\frac{{1}}{{1+e^{{-z}}}}\n{left} = \\sigma(z)(1-\\sigma(z))\n")
    assert len(report["lines"]) == 2
    line = report["lines"][1]
    assert numerically_equal(from_json_expr(line["expr"], SIGMOID), sympy.diff(SIGMOID, Z))
    assert report["valid"]


def test_upright_d_slash_operator_takes_the_derivative():
    line = _line("g(z) = z^2\ng'(z) = {\\rm d}/{\\rm d}z (z^2)\n")
    assert numerically_equal(from_json_expr(line["expr"], Z ** 2), 2 * Z)
    assert line["credit"]


def test_rm_e_still_eulers_number():
    line = _line("g(z) = \\frac{1}{1+{\\rm e}^{-z}}\n= \\frac{{\\rm e}^{z}}{1+{\\rm e}^{z}}\n")
    assert numerically_equal(from_json_expr(line["expr"], SIGMOID), SIGMOID)
    assert line["credit"]


@pytest.mark.parametrize("first, second", [
    ("1) ", "2) "), ("(1) ", "(2) "), ("1. ", "2. "), ("Step 1: ", "Step 2: "), ("- ", "- "), ("* ", "* "),
    ("", "=> "), ("", "⇒ "), ("", "∴ "),
])
def test_a_bullet_number_or_arrow_before_a_step(first, second):
    # "2) g'(z)" was no left side ("does not define g"); "=> g'(z) = ..." split at the arrow's "=",
    # and its right side, compared with g, was marked wrong
    report = derive.check(f"{first}g(z) = 1/(1+e^-z)\n{second}g'(z) = e^-z/(1+e^-z)^2\n")
    assert len(report["lines"]) == 2, report
    line = report["lines"][1]
    assert numerically_equal(from_json_expr(line["expr"], SIGMOID), sympy.diff(SIGMOID, Z))
    assert report["valid"]


@pytest.mark.parametrize("arrow", [r"\Rightarrow", r"\implies", r"\therefore"])
def test_a_latex_arrow_before_a_step(arrow):
    text = ("\\begin{align*}\ng(z) &= \\frac{1}{1+e^{-z}} \\\\\n"
            f"{arrow} g'(z) &= \\frac{{e^{{-z}}}}{{(1+e^{{-z}})^2}}\n\\end{{align*}}\n")
    report = derive.check(text)
    assert len(report["lines"]) == 2
    assert numerically_equal(from_json_expr(report["lines"][1]["expr"], SIGMOID), sympy.diff(SIGMOID, Z))
    assert report["valid"]


def test_a_minus_row_without_a_left_side_still_continues_the_row_before():
    # 1 - e^{-2z} over two rows: the second starts with '-' and is no bullet
    report = derive.check("g(z) = tanh(z)\n= (1 - e^(-2z))/(1 + e^(-2z))\n= 1/(1 + e^(-2z))\n- e^(-2z)/(1 + e^(-2z))\n")
    assert len(report["lines"]) == 3
    assert numerically_equal(from_json_expr(report["lines"][2]["expr"], sympy.tanh(Z)), sympy.tanh(Z))
    assert report["valid"]


@pytest.mark.parametrize("written", ["0 if z > 0, 1 if z < 0", "{0 if z > 0; 1 if z < 0}"])
def test_a_step_written_with_if_is_never_dropped_as_prose(written):
    # ReLU' with its pieces swapped (0 for z > 0 is wrong: d/dz z = 1): the row had two words
    # ("if", "if"), was dropped as prose, and the derivation was "valid: every line holds", exit 0
    report = derive.check(f"g(z) = max(0, z)\ng'(z) = {written}\n")
    assert len(report["lines"]) == 2
    # read as the cases it says, it is wrong; in a notation not read (braces, ';'), unreadable
    assert report["lines"][1]["verdict"] == ("wrong" if written.startswith("0 if") else "unreadable")
    assert not report["valid"]


def test_the_definition_alone_is_not_a_valid_derivation():
    report = derive.check("g(z) = max(0, z)\n")
    assert not report["valid"] and report["problem"]
    assert "nothing after the definition" in report["problem"]


def test_the_command_exits_2_for_a_definition_alone(tmp_path):
    import subprocess
    import sys
    path = tmp_path / "only.txt"
    path.write_text("g(z) = tanh(z)\n")
    run = subprocess.run([sys.executable, "-m", "derive", "check", str(path)], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "nothing after the definition" in run.stderr


@pytest.mark.parametrize("written", ["1/2sqrt(z)", "1/2\\sqrt{z}"])
def test_one_over_two_sqrt_reads_two_ways_in_a_hand_derivation(written):
    # (√z)' = 1/(2√z): "1/2sqrt(z)" was read (1/2)·√z and marked wrong ("a power is off")
    line = _line(f"g(z) = sqrt(z)\ng'(z) = {written}\n")
    assert line["verdict"] == "unreadable" and "two ways" in line["message"]


def test_the_written_out_readings_are_read():
    root = sympy.sqrt(Z)
    report = derive.check("g(z) = sqrt(z)\ng'(z) = 1/(2sqrt(z))\n= 1/2 z^(-1/2)\n")
    for line in report["lines"][1:]:
        assert numerically_equal(from_json_expr(line["expr"], root).subs(Z, Z ** 2),
                                 sympy.diff(root, Z).subs(Z, Z ** 2))  # z² > 0: the real branch
    assert report["valid"]


def test_a_typed_formula_keeps_the_documented_reading():
    # README: in a typed formula 1/2z is (1/2)·z
    assert derive.derive("1/2z").in_terms_of_g is not None
    assert sympy.simplify(derive.derive("1/2z").derivative - sympy.Rational(1, 2)) == 0


def test_gelu_derivative_in_phi_notation():
    # GELU' = Φ(z) + zφ(z), as derive itself prints it: \Phi was "not read", and z\phi(z) was
    # a made-up constant φ times z², the line marked wrong
    gelu = Z * (1 + sympy.erf(Z / sympy.sqrt(2))) / 2
    report = derive.check("g(z) = \\frac{z}{2}\\left(1+\\operatorname{erf}\\left(\\frac{z}{\\sqrt 2}\\right)\\right)\n"
                          "g'(z) = \\Phi(z) + z\\varphi\\left(z\\right)\n= \\Phi(z) - z\\phi(z)\n")
    right, wrong = report["lines"][1:]
    density = sympy.exp(-Z ** 2 / 2) / sympy.sqrt(2 * sympy.pi)
    assert numerically_equal(sympy.diff(gelu, Z), (1 + sympy.erf(Z / sympy.sqrt(2))) / 2 + Z * density)
    assert numerically_equal(from_json_expr(right["expr"], gelu), sympy.diff(gelu, Z))
    assert right["credit"] and wrong["verdict"] == "wrong"


def test_phi_without_a_bracket_is_still_a_parameter():
    line = _line("g(z) = z\\sigma(\\phi z)\ng'(z) = \\sigma(\\phi z) + \\phi z\\sigma(\\phi z)(1-\\sigma(\\phi z))\n")
    assert line["credit"]
