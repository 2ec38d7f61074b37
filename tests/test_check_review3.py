"""Review 3, the checker's evidence and diagnoses (FINDINGS.md of branch review3: 2–6).

Each case is a file as a user typed it (tests/data/review3/, its first line the reviewer's
truth).  The truth is re-established here, independently of derive: each line's mathematics
written in sympy and compared with sympy.diff of the definition at points of both signs,
beyond derive's own sample (±4) too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy
from sympy import Abs, Max, Min, Piecewise, Rational, erf, exp, log, pi, sech, sign, sqrt, tanh

import derive
from tests.helpers import Z

DATA = Path(__file__).parent / "data" / "review3"
POINTS = (-9.3, -6.2, -4.4, -3.5, -2.995, -2.2, -0.6, 0.45, 1.3, 2.7, 3.5, 4.4, 5.995, 6.5, 7.1, 9.3)


def _differs(a, b, points=POINTS) -> list[float]:
    """The points where a and b are both defined and differ (30 digits)."""
    out = []
    for p in points:
        at = Rational(str(p))
        va, vb = sympy.N(a.subs(Z, at), 30), sympy.N(b.subs(Z, at), 30)
        if va.is_real and vb.is_real and abs(va - vb) > 1e-20 * (1 + abs(va)):
            out.append(p)
    return out


def _check(name: str, function: str | None = None) -> dict:
    text = (DATA / name).read_text().split("\n", 1)[1]  # the truth line is the reviewer's note
    return derive.check(text, function=function)


def _line(report: dict, index: int) -> dict:
    return report["lines"][index - 1]


RELU = Max(0, Z)
RELU6 = Min(Max(0, Z), 6)
HARD_SIGMOID = Max(0, Min(1, Z / 6 + Rational(1, 2)))
SOFTSIGN = Z / (1 + Abs(Z))


# --- 2: a mistake past the sample, behind a condition not linear in z, or on a narrow interval

def test_relu_derivative_that_stops_at_ln_1000_is_wrong():
    written = Piecewise((1, (exp(Z) > 1) & (exp(Z) < 1000)), (0, True))
    assert _differs(written, sympy.diff(RELU, Z)) == [7.1, 9.3]  # z > ln 1000 = 6.91 only
    report = _check("r130_relu_exp_condition_wrong_beyond_6_9.txt")
    assert report["first_error"] == 2 and not report["valid"]
    assert float(_line(report, 2)["counterexample"]["at"]) > 6.9


def test_softsign_with_a_wrong_piece_past_6_is_wrong():
    written = Piecewise((1 / (1 + Z ** 2), Z ** 3 > 216), (1 / (1 + Abs(Z)) ** 2, True))
    assert _differs(written, sympy.diff(SOFTSIGN, Z)) == [6.5, 7.1, 9.3]
    report = _check("r131_softsign_wrong_piece_beyond_6.txt")
    assert report["first_error"] == 2 and not report["valid"]


@pytest.mark.parametrize("name, written, g, where", [
    ("relu6_cap_at_5_99.txt", Piecewise((1, (Z > 0) & (Z < Rational(599, 100))), (0, True)), RELU6, [5.995]),
    ("hardsigmoid_breakpoint_minus_2_99.txt",
     Piecewise((Rational(1, 6), (Z > Rational(-299, 100)) & (Z < 3)), (0, True)), HARD_SIGMOID, [-2.995]),
])
def test_a_breakpoint_off_by_a_hundredth_is_wrong(name, written, g, where):
    assert _differs(written, sympy.diff(g, Z)) == where  # wrong on an interval 0.01 wide only
    report = _check(name)
    assert report["first_error"] == 2 and not report["valid"]


@pytest.mark.parametrize("name, written, g", [
    ("r132_relu_exp_condition_valid.txt", Piecewise((1, exp(Z) > 1), (0, True)), RELU),
    ("relu6_exp_condition_valid.txt", Piecewise((1, (exp(Z) > 1) & (exp(Z) < exp(6))), (0, True)), RELU6),
])
def test_right_conditions_not_linear_in_z_stay_right(name, written, g):
    assert _differs(written, sympy.diff(g, Z)) == []
    report = _check(name)
    assert report["valid"] and report["first_error"] is None, report


# --- 3: the pieces' values said in the parameters, as the counterexample gives them ---

def test_prelu_pieces_swapped_are_said_in_the_parameter():
    a = sympy.Symbol("a", positive=True)
    g = Piecewise((Z, Z > 0), (a * Z, True))
    written = Piecewise((a, Z > 0), (1, True))
    assert _differs(written.subs(a, Rational(73, 100)), sympy.diff(g, Z).subs(a, Rational(73, 100)))
    message = _line(_check("r09_prelu_slope_swapped.txt"), 2)["message"]
    assert "it is a, it should be 1" in message and "it is 1, it should be a" in message
    assert "1.507" not in message  # a value of a the counterexample never gave


# --- 4: a piece wrong on a part of it only, where that part is past the sample ----------

def test_hard_sigmoid_with_breakpoints_4_is_wrong_on_a_part_of_each_outer_piece():
    written = Piecewise((Rational(1, 6), (Z > -4) & (Z < 4)), (0, True))
    truth = sympy.diff(HARD_SIGMOID, Z)
    assert _differs(written, truth, (-3.5, 3.5)) == [-3.5, 3.5] and _differs(written, truth, (-4.4, 4.4, 9.3)) == []
    line = _line(_check("r40_hardsigmoid_breakpoints_at_4.txt"), 2)
    assert line["verdict"] == "wrong"
    assert "wrong for part of z ≤ -3" in line["message"] and "part of z ≥ 3" in line["message"]


# --- 5: |z|' = sign(z) lost inside a power -----------------------------------------

def test_softsign_second_derivative_without_sign_is_the_absolute_value_slip():
    written = -2 / (1 + Abs(Z)) ** 3
    truth = sympy.diff(SOFTSIGN, Z, 2)
    assert _differs(written, truth, (0.45, 1.3, 2.7)) == []  # right for z > 0
    assert _differs(-written, truth, (-0.6, -2.2)) == []  # the negative for z < 0
    line = _line(_check("r141_softsign_second_sign_dropped.txt"), 3)
    assert line["verdict"] == "wrong" and line["kind"] == "elementary_derivative"
    assert "sign(u)" in line["message"] and "reciprocal" not in line["message"]
    assert _differs(-2 * sign(Z) / (1 + Abs(Z)) ** 3, truth) == []  # the right line stays right
    assert _check("r140_softsign_second_valid.txt")["valid"]


# --- 6: a rounded constant, an approximation: close, still wrong --------------------

U = sqrt(2 / pi) * (Z + Rational(44715, 10 ** 6) * Z ** 3)
GELU_TANH = Z / 2 * (1 + tanh(U))


def _gelu_tanh_derivative(root, three_c, c):
    u = root * (Z + c * Z ** 3)
    return (1 + tanh(u)) / 2 + Z / 2 * sech(u) ** 2 * root * (1 + three_c * Z ** 2)


@pytest.mark.parametrize("name, g, written", [
    ("r21_gelu_tanh_cubic_coefficient_rounded.txt", GELU_TANH,
     _gelu_tanh_derivative(sqrt(2 / pi), Rational(13415, 10 ** 5), Rational(44715, 10 ** 6))),
    ("r22_gelu_tanh_sqrt2pi_as_0_8.txt", GELU_TANH,
     (1 + tanh(U)) / 2 + Z / 2 * sech(U) ** 2 * Rational(4, 5) * (1 + Rational(134145, 10 ** 6) * Z ** 2)),
    ("r24_gelu_erf_def_tanh_derivative.txt", Z / 2 * (1 + erf(Z / sqrt(2))),
     _gelu_tanh_derivative(sqrt(2 / pi), Rational(134145, 10 ** 6), Rational(44715, 10 ** 6))),
])
def test_a_line_close_to_the_right_one_is_wrong_and_said_to_be_close(name, g, written):
    truth = sympy.diff(g, Z)
    points = (-3.5, -2.2, -0.6, 0.45, 1.3, 2.7, 3.5)
    assert len(_differs(written, truth, points)) == len(points)  # wrong at every point
    size = max(abs(sympy.N(truth.subs(Z, Rational(str(p))), 30)) for p in points)
    assert max(abs(sympy.N((written - truth).subs(Z, Rational(str(p))), 30)) for p in points) < size / 100
    line = _line(_check(name), 2)
    assert line["verdict"] == "wrong" and line["kind"] == "constant"
    assert "close to the right one but not equal" in line["message"]


def test_selu_constants_rounded_are_wrong_and_close():
    lam, alpha = Rational(10507009873554805, 10 ** 16), Rational(16732632423543772, 10 ** 16)
    truth = sympy.diff(lam * Piecewise((Z, Z > 0), (alpha * (exp(Z) - 1), True)), Z)
    written = Piecewise((Rational(10507, 10 ** 4), Z > 0), (Rational(17581, 10 ** 4) * exp(Z), True))
    assert _differs(written, truth, (-2.2, 0.45))
    line = _line(_check("r108_function_selu_constants_rounded.txt", function="selu"), 1)
    assert line["verdict"] == "wrong" and line["kind"] == "constant" and "close" in line["message"]


def test_the_right_gelu_tanh_derivative_stays_right():
    written = _gelu_tanh_derivative(sqrt(2 / pi), Rational(134145, 10 ** 6), Rational(44715, 10 ** 6))
    assert _differs(written, sympy.diff(GELU_TANH, Z)) == []
    assert _check("r20_gelu_tanh_valid.txt")["valid"]


def test_far_from_the_right_one_is_not_called_close():
    # swish' with the product rule's second term lost: off by far more than 1 %
    report = derive.check("g(z) = z/(1 + e^-z)\ng'(z) = 1/(1 + e^-z)\n")
    line = _line(report, 2)
    assert line["verdict"] == "wrong" and "close to the right one" not in line["message"]


def test_relu6_as_g_over_z_is_wrong_past_the_cap_and_not_called_close():
    g = Min(Max(0, Z), 6)
    written = g / Z  # 1 for 0 < z < 6 (right), 6/z past the cap (wrong), 0 for z < 0 (right)
    assert _differs(written, sympy.diff(g, Z)) == [6.5, 7.1, 9.3]
    line = _line(_check("r151_relu6_g_over_z_wrong_past_6.txt"), 2)
    assert line["verdict"] == "wrong" and "close" not in line["message"]
    assert "wrong for z ≥ 6" in line["message"]
    assert _differs(Max(0, Z) / Z, sympy.diff(Max(0, Z), Z)) == []  # ReLU' as g/z: right
    assert _check("r150_relu_g_over_z_valid.txt")["valid"]


def test_a_condition_huge_far_out_is_right_and_checked_in_time():
    # e^(e^(e^z)) > e^e is z > 0: ReLU' written so is right; far out the quantity is too large
    # to evaluate quickly, and looking there is bounded
    written = Piecewise((1, exp(exp(exp(Z))) > exp(sympy.E)), (0, True))
    assert _differs(written, sympy.diff(Max(0, Z), Z), (-9.3, -2.2, -0.6, 0.45, 1.3, 2.2)) == []
    report = derive.check("g(z) = max(0, z)\ng'(z) = 1 if e^(e^(e^z)) > e^e, 0 otherwise\n", timeout=10)
    assert report["valid"], report


# --- 11: a wrong side computation is explained as any wrong line ------------------

def test_a_wrong_side_computation_is_diagnosed():
    assert sympy.diff(1 + exp(-Z), Z) == -exp(-Z)  # the text's e^-z is its negative
    report = derive.check("g(z) = 1/(1 + e^-z)\nd/dz(1 + e^-z) = e^-z\ng'(z) = -(1 + e^-z)^(-2) (-e^-z)\n"
                          "= g(z)(1 - g(z))\n")
    line = _line(report, 2)
    assert line["verdict"] == "wrong" and line["kind"] in ("sign", "chain_factor") and line["message"]
    assert report["errors"] == 1 and _line(report, 3)["verdict"] == "proved"
    # the right side computation stays right
    report = derive.check("g(z) = 1/(1 + e^-z)\nd/dz(1 + e^-z) = -e^-z\ng'(z) = -(1 + e^-z)^(-2) (-e^-z)\n")
    assert report["valid"], report


# --- 8: --function and a text that defines another function -----------------------

def test_a_definition_other_than_the_given_function_says_so():
    sig, th = 1 / (1 + exp(-Z)), tanh(Z)
    assert _differs(sig, th, (0.45, -0.6))
    # the text defines σ, the option says tanh: refused in one line, saying both (never that the
    # text contradicts itself, nor a right line called wrong)
    result = derive.check("g(z) = 1/(1 + e^-z)\ng'(z) = g(z)(1 - g(z))\n", function="tanh")
    assert "--function tanh" in result["problem"] and "contradicts itself" not in result["problem"]
    assert result["lines"] == [] and not result["valid"]
    # a text that defines g itself and restates it wrongly still hears that it contradicts itself
    line = _line(derive.check("g(z) = 1/(1 + e^-z)\n= 1/(1 + e^z)\ng'(z) = g(z)(1 - g(z))\n"), 2)
    assert line["verdict"] == "wrong" and "--function" not in line["message"]


# --- 10: a parameter lost with g in a form in g -----------------------------------

BETA = sympy.Symbol("beta", positive=True)
SIG = 1 / (1 + exp(-Z))


@pytest.mark.parametrize("name, right_name, g, form", [
    ("r32_softplus_beta_in_g_beta_dropped.txt", "r31_softplus_beta_in_g_valid.txt",
     log(1 + exp(BETA * Z)) / BETA, lambda G: 1 - exp(-G)),
    ("r35_swish_beta_in_g_beta_dropped.txt", "r34_swish_beta_in_g_valid.txt",
     Z * SIG.subs(Z, BETA * Z), lambda G: G + SIG.subs(Z, BETA * Z) * (1 - G)),
])
def test_a_parameter_lost_with_g_is_named(name, right_name, g, form):
    truth = sympy.diff(g, Z).subs(BETA, Rational(137, 100))
    written, fixed = form(g).subs(BETA, Rational(137, 100)), form(BETA * g).subs(BETA, Rational(137, 100))
    assert _differs(written, truth, (-2.2, 0.45, 1.3)) and not _differs(fixed, truth, (-2.2, 0.45, 1.3))
    line = _line(_check(name), 3)
    assert line["verdict"] == "wrong" and line["kind"] == "chain_factor" and "β" in line["message"]
    assert _check(right_name)["valid"]


# --- 2d: a line that is not a real number where the derivative is ----------------------

def test_a_line_complex_for_negative_z_is_wrong():
    written = 1 / (1 + (Z ** 3) ** Rational(1, 3)) ** 2
    truth = sympy.diff(SOFTSIGN, Z)
    assert _differs(written, truth, (0.45, 1.3, 2.7)) == []  # right for z > 0
    assert all(sympy.N(written.subs(Z, Rational(str(p))), 30).is_real is False for p in (-0.6, -2.2))
    assert all(sympy.N(truth.subs(Z, Rational(str(p))), 30).is_real for p in (-0.6, -2.2))
    report = _check("softsign_cube_root_complex_for_negative_z.txt")
    line = _line(report, 2)
    assert line["verdict"] == "wrong" and float(line["counterexample"]["at"]) < 0
    assert line["counterexample"]["line"] == "not a real number"


def test_log_differentiation_with_logs_of_negative_values_stays_right():
    swish = Z / (1 + exp(-Z))
    sig = 1 / (1 + exp(-Z))
    assert _differs(swish * (1 / Z + 1 - sig), sympy.diff(swish, Z)) == []
    assert _check("swish_log_differentiation_valid.txt")["valid"]


# --- 12c: a corrected line in the author's g alone -----------------------------------

def test_a_corrected_line_after_a_form_in_g_names_g_alone():
    assert _differs(-2 * tanh(Z) * (1 - tanh(Z) ** 2), sympy.diff(tanh(Z), Z, 2)) == []
    report = _check("r161_tanh_two_independent_slips.txt")
    assert [line["index"] for line in report["lines"] if line["verdict"] == "wrong"] == [3, 5]
    corrected = _line(report, 5)["corrected"]
    assert "g(z)" in corrected and "tanh" not in corrected
