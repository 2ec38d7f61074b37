"""Review 2, how lines are compared and judged (findings 2, 8, 11, 13, 14, 15).

Each case is a file as a user typed it (tests/data/review2_evidence/, its first line the
reviewer's truth).  The truth is re-established here, independently of derive: each line's
mathematics written in sympy and compared with sympy.diff of the definition (piecewise: by
its pieces) at points of both signs, or an identity's two sides compared at those points.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy
from sympy import Max, Min, Piecewise, Rational, erf, exp, log, pi, sqrt

import derive
from tests.helpers import Z

DATA = Path(__file__).parent / "data" / "review2_evidence"
SIGMOID = 1 / (1 + exp(-Z))
POINTS = (-7.3, -3.1, -2.3, -1.7, -0.6, 0.45, 1.3, 2.2, 2.4, 2.7, 6.4, 8.1)
ALPHA, BETA = Rational(73, 100), Rational(137, 100)


def _same(a, b, points=POINTS) -> bool:
    """a == b at every point where both are defined (30 digits)."""
    for p in points:
        at = Rational(str(p))
        va, vb = sympy.N(a.subs(Z, at), 30), sympy.N(b.subs(Z, at), 30)
        if va.is_real and vb.is_real and abs(va - vb) > 1e-20 * (1 + abs(va)):
            return False
    return True


def _check(name: str, function: str | None = None) -> dict:
    text = (DATA / name).read_text().split("\n", 1)[1]  # the truth line is the reviewer's note
    return derive.check(text, function=function)


def _verdicts(report: dict) -> list[str]:
    return [line["verdict"] for line in report["lines"]]


# --- 2: one disagreeing point, and the pieces' breakpoints ------------------------

def test_hard_sigmoid_with_breakpoints_2_instead_of_2_5_is_wrong():
    g = Max(0, Min(1, Rational(1, 5) * Z + Rational(1, 2)))
    written = Piecewise((Rational(1, 5), (Z > -2) & (Z < 2)), (0, True))
    truth = sympy.diff(g, Z)
    assert not _same(written, truth, points=(2.2, 2.4, -2.2, -2.4))  # wrong on 2 < |z| < 2.5
    assert _same(written, truth, points=(-3.1, -0.6, 0.45, 1.3, 2.7))  # right at most points
    report = _check("l65_hard_sigmoid_breakpoints.tex")
    assert report["first_error"] == 2 and not report["valid"]
    z0 = float(report["lines"][1]["counterexample"]["at"])
    assert 2 < abs(z0) < 2.5
    # the line is right on most of -2.5 < z < 2.5: it is said to be wrong on a part of it
    assert "wrong for part of -5/2 < z < 5/2" in report["lines"][1]["message"]


def test_relu6_with_its_cap_forgotten_is_wrong():
    g = Min(Max(0, Z), 6)
    written = Piecewise((1, Z > 0), (0, Z < 0))
    assert not _same(written, sympy.diff(g, Z), points=(6.4, 8.1))
    report = _check("l64_relu6_cap_forgotten.tex")
    assert report["first_error"] == 2 and not report["valid"]
    assert float(report["lines"][1]["counterexample"]["at"]) > 6
    assert report["lines"][1]["kind"] != "chain_factor"  # no inner derivative Heaviside(z) is missing


@pytest.mark.parametrize("t", ["0.05", "0.1", "-0.1", "0.3"])
def test_a_relu_step_at_the_wrong_place_is_wrong(t):
    assert not _same(sympy.Heaviside(Z - sympy.Float(t)), sympy.Heaviside(Z),
                     points=(float(t) / 2, -float(t) / 2))
    report = derive.check(f"g(z) = max(0, z)\ng'(z) = where(z > {t}, 1, 0)\n")
    assert report["first_error"] == 2


def test_right_pieces_stay_right():
    # ReLU6 with its cap, hard sigmoid with ±2.5: both equal sympy.diff by pieces
    report = derive.check("g(z) = min(max(0, z), 6)\ng'(z) = where(z > 6, 0, where(z > 0, 1, 0))\n")
    assert report["valid"], report
    report = derive.check("g(z) = max(0, min(1, 0.2z + 0.5))\n"
                          "g'(z) = where(z > 2.5, 0, where(z > -2.5, 0.2, 0))\n")
    assert report["valid"], report


def test_a_correct_line_with_a_pole_is_not_made_wrong():
    # tan has poles at ±π/2 (near the sample); a correct derivative stays right
    assert _same(sympy.diff(sympy.tan(Z), Z), 1 + sympy.tan(Z) ** 2)
    report = derive.check("g(z) = tan(z)\ng'(z) = 1 + tan(z)^2\n")
    assert report["valid"], report


# --- 13: a side computation on its own row, then the chain ---------------------

def test_side_computation_then_chain_rows_are_right():
    assert _same(sympy.diff(1 + exp(-Z), Z), -exp(-Z))
    truth = sympy.diff(SIGMOID, Z)
    assert _same(-1 / (1 + exp(-Z)) ** 2 * (-exp(-Z)), truth)
    assert _same(exp(-Z) / (1 + exp(-Z)) ** 2, truth)
    report = _check("p94_side_computation_then_chain_valid.txt")
    assert report["valid"] and report["first_error"] is None


def test_swish_side_fact_then_chain_row_is_right():
    swish = Z * SIGMOID
    assert _same(SIGMOID + Z * SIGMOID * (1 - SIGMOID), sympy.diff(swish, Z))
    report = _check("p95_swish_side_after_step_valid.txt")
    assert report["valid"] and report["first_error"] is None


def test_a_wrong_chain_row_after_a_side_computation_is_wrong_at_its_line():
    # the inner minus lost: e^{-z}/(1+e^{-z})^2 is sigma', this is its negative
    assert not _same(-1 / (1 + exp(-Z)) ** 2 * exp(-Z), sympy.diff(SIGMOID, Z))
    report = derive.check("g(z) = 1/(1+e^-z)\ng'(z) = -1/(1+e^-z)^2 · d/dz(1+e^-z)\n"
                          "d/dz(1+e^-z) = -e^-z\n= -1/(1+e^-z)^2 · (e^-z)\n= e^-z/(1+e^-z)^2\n")
    assert report["first_error"] == 4 and report["errors"] == 1


# --- 8, 11: identities on their own rows ---------------------------------------

def test_identity_rows_are_checked_against_their_own_left_side():
    assert _same(1 - SIGMOID, exp(-Z) / (1 + exp(-Z)))
    assert _same(1 - SIGMOID, SIGMOID.subs(Z, -Z))
    for name in ("p56_identity_line_valid.txt", "p69_identity_e_minus_z_valid.txt"):
        report = _check(name)
        assert report["valid"] and report["first_error"] is None, name


def test_gelu_density_recalled_on_its_own_row_is_right():
    phi = exp(-Z ** 2 / 2) / sqrt(2 * pi)
    Phi = (1 + erf(Z / sqrt(2))) / 2
    assert _same(sympy.diff(Z * Phi, Z), Phi + Z * phi)
    report = _check("l117_gelu_phi_identity_row_valid.tex")
    assert report["valid"] and report["first_error"] is None


def test_logarithmic_differentiation_is_right():
    assert _same(log(SIGMOID), -log(1 + exp(-Z)))
    assert _same(sympy.diff(SIGMOID, Z) / SIGMOID, exp(-Z) / (1 + exp(-Z)))
    report = _check("p07_sigmoid_logdiff_valid.txt")
    assert report["valid"] and report["first_error"] is None
    assert report["lines"][1]["lhs"] == "ln y"


def test_implicit_differentiation_is_right():
    softplus = log(1 + exp(Z))
    assert _same(exp(softplus), 1 + exp(Z))
    assert _same(exp(softplus) * sympy.diff(softplus, Z), exp(Z))
    report = _check("l98_softplus_implicit_valid.tex")
    assert report["valid"] and report["first_error"] is None


def test_a_false_identity_is_wrong_at_its_line():
    assert not _same(1 - SIGMOID, SIGMOID)
    report = derive.check("σ(z) = 1/(1+e^-z)\nσ'(z) = e^-z/(1+e^-z)^2\n1 - σ(z) = 1/(1+e^-z)\n"
                          "σ'(z) = σ(z)(1 - σ(z))\n")
    assert report["first_error"] == 3 and report["errors"] == 1


def test_a_chain_row_without_equals_sign_first_is_still_a_chain_step():
    # "A = B" where A is the chain's next line: A is a step (right), B too
    report = derive.check("g(z) = 1/(1+e^-z)\ng'(z) = e^-z/(1+e^-z)^2\ng(z)(1-g(z)) = g(z) - g(z)^2\n")
    assert report["valid"], report
    report = derive.check("g(z) = 1/(1+e^-z)\ng'(z) = e^-z/(1+e^-z)^2\ng(z)(1-g(z)) = g(z) + g(z)^2\n")
    assert report["first_error"] == 4


# --- 14: a table derivative stated as a fact -----------------------------------

def test_a_table_derivative_of_erf_is_a_side_fact():
    gelu = Z / 2 * (1 + erf(Z / sqrt(2)))
    assert _same(sympy.diff(erf(Z), Z), 2 / sqrt(pi) * exp(-Z ** 2))
    assert _same(sympy.diff(gelu, Z), (1 + erf(Z / sqrt(2))) / 2 + Z / 2 * 2 / sqrt(pi) * exp(-Z ** 2 / 2) / sqrt(2))
    report = _check("l109_table_fact_side_line_valid.tex")
    assert report["valid"] and report["first_error"] is None
    assert report["lines"][1]["lhs"].startswith("\\frac{d}{dz}\\operatorname{erf}")


def test_a_miscopied_g_alone_is_still_its_derivative_and_wrong():
    # g = tanh(2z): d/dz tanh(z) = 1 - tanh(z)^2 is true, but it is not g'
    assert not _same(1 - sympy.tanh(Z) ** 2, sympy.diff(sympy.tanh(2 * Z), Z))
    report = derive.check("g(z) = tanh(2z)\nd/dz tanh(z) = 1 - tanh(z)^2\n")
    assert report["first_error"] == 2


# --- 15: --function with a parameter the text writes ---------------------------

def test_function_swish_keeps_the_authors_beta():
    b = sympy.Symbol("b", positive=True)
    swish = Z / (1 + exp(-b * Z))
    s = 1 / (1 + exp(-b * Z))
    assert _same((s + b * Z * s * (1 - s)).subs(b, BETA), sympy.diff(swish, Z).subs(b, BETA))
    report = _check("p102_function_swish_beta.txt", function="swish")
    assert report["valid"], report


def test_function_elu_keeps_the_authors_alpha():
    a = sympy.Symbol("a", positive=True)
    piece = a * (exp(Z) - 1)
    assert _same(sympy.diff(piece, Z).subs(a, ALPHA), (piece + a).subs(a, ALPHA), points=(-3.1, -0.6, -2.3))
    report = _check("p103_function_elu_alpha.txt", function="elu")
    assert report["valid"], report


def test_function_swish_without_beta_is_the_default_and_a_wrong_factor_is_wrong():
    assert not _same(SIGMOID + 2 * Z * SIGMOID * (1 - SIGMOID), sympy.diff(Z * SIGMOID, Z))
    assert derive.check("g'(z) = σ(z) + z σ(z)(1 - σ(z))\n", function="swish")["valid"]
    assert derive.check("g'(z) = σ(z) + 2 z σ(z)(1 - σ(z))\n", function="swish")["first_error"] == 1


# --- 29: a counterexample says the parameters' values ----------------------------

def test_a_counterexample_with_a_parameter_says_its_value():
    report = _check("l43_leaky_alpha_wrong.tex")
    line = report["lines"][1]
    assert report["first_error"] == 2
    example = line["counterexample"]
    alpha, at = sympy.Float(example["parameters"]["alpha"]), sympy.Float(example["at"])
    assert at < 0
    # the numbers shown can be reproduced: the line is alpha*z there, leaky ReLU' is alpha
    assert abs(alpha * at - sympy.Float(example["line"])) < 1e-4
    assert abs(alpha - sympy.Float(example["expected"])) < 1e-4
    assert f"α = {example['parameters']['alpha']}" in line["message"]


# --- 27, 28: which minus, which factor -------------------------------------------

def test_the_inner_minus_lost_is_a_chain_factor_when_the_reciprocal_minus_is_written():
    written = -1 / (1 + exp(-Z)) ** 2 * exp(-Z)
    assert _same(written, -sympy.diff(SIGMOID, Z))  # the line is -σ': one minus lost
    report = _check("p88_inner_minus_lost_diagnosis.txt")
    line = report["lines"][1]
    assert report["first_error"] == 2 and line["kind"] == "chain_factor"
    assert "reciprocal" not in line["message"]


def test_a_dropped_inner_derivative_is_not_called_a_sigma_table_slip():
    written = 1 / (1 + exp(-Z)) ** 2
    assert _same(written * (-1) * (-exp(-Z)), sympy.diff(SIGMOID, Z))  # missing: −1 and −e^{−z}
    report = _check("p101_chain_factor_dropped_diagnosed_as_table.txt")
    line = report["lines"][1]
    assert report["first_error"] == 2 and line["kind"] == "chain_factor"
    assert "σ" not in line["message"] and "sigma" not in (line["corrected"] or "")


# --- 30: a parameter as the missing chain factor; constants in the parameters -------

def test_a_missing_parameter_chain_factor_is_diagnosed():
    b = sympy.Symbol("b", positive=True)
    softplus = log(1 + exp(b * Z)) / b
    written = exp(b * Z) / (1 + exp(b * Z)) / b
    assert _same((written * b).subs(b, BETA), sympy.diff(softplus, Z).subs(b, BETA))  # the factor β missing
    report = _check("l59b_softplus_beta_chain_missing.tex")
    line = report["lines"][1]
    assert report["first_error"] == 2 and line["kind"] == "chain_factor"
    assert "β" in line["message"]


def test_a_constant_off_by_a_parameter_is_said_in_the_parameter():
    a = sympy.Symbol("a", positive=True)
    g_neg = a * (exp(Z) - 1)
    truth = sympy.diff(g_neg, Z)  # ELU' on z <= 0 is a e^z = g + a
    assert _same((g_neg - a - truth).subs(a, ALPHA), (-2 * a + 0 * Z).subs(a, ALPHA), points=(-3.1, -0.6))
    report = _check("l10_elu_cases_alpha_wrong_last.tex")
    wrong = [line for line in report["lines"] if line["verdict"] == "wrong"]
    assert [line["index"] for line in wrong] == [report["first_error"]]
    assert wrong[0]["kind"] == "constant" and "-2·α more" in wrong[0]["message"]


def test_an_identity_goes_on_on_the_next_align_row():
    assert _same(exp(-Z) / (1 + exp(-Z)), SIGMOID.subs(Z, -Z))
    assert _same(SIGMOID * SIGMOID.subs(Z, -Z), sympy.diff(SIGMOID, Z))
    report = derive.check((DATA / "identity_rows_align.tex").read_text())
    assert report["valid"] and [line["verdict"] for line in report["lines"]][2:4] == ["proved", "proved"]
    # the same rows with the next one wrong (σ(z) for σ(−z)): wrong at its line
    text = (DATA / "identity_rows_align.tex").read_text().replace("&= \\sigma(-z)", "&= \\sigma(z)")
    assert not _same(exp(-Z) / (1 + exp(-Z)), SIGMOID)
    report = derive.check(text)
    assert report["first_error"] == 4 and report["errors"] == 1


def test_a_wrong_last_row_written_as_a_equals_b_is_never_credited_as_an_identity():
    # tanh' = 1 - tanh², so "1 + tanh² = 1 + g²" as the conclusion is wrong (a true identity,
    # but not the derivative): a last row is the author's conclusion, a chain step
    assert not _same(1 + sympy.tanh(Z) ** 2, sympy.diff(sympy.tanh(Z), Z))
    report = derive.check("g(z) = tanh(z)\ng'(z) = sech(z)^2\n1 + tanh(z)^2 = 1 + g(z)^2\n")
    assert report["first_error"] == 3 and not report["valid"]
    # stated again as g'(z): caught there
    report = derive.check("g(z) = tanh(z)\ng'(z) = sech(z)^2\n1 + tanh(z)^2 = 1 + g(z)^2\ng'(z) = 1 + g(z)^2\n")
    assert report["first_error"] == 4 and not report["valid"]


def test_a_chain_factor_missing_in_one_term_is_diagnosed():
    b = sympy.Symbol("b", positive=True)
    s = 1 / (1 + exp(-b * Z))
    written = s + Z * s * (1 - s)  # the β of σ(βz)' missing in the second term
    truth = sympy.diff(Z * s, Z)
    assert not _same(written.subs(b, BETA), truth.subs(b, BETA))
    assert _same((s + b * Z * s * (1 - s)).subs(b, BETA), truth.subs(b, BETA))
    report = _check("l49b_swish_beta_chain_missing.tex")
    assert report["first_error"] == 2 and report["lines"][1]["kind"] == "chain_factor"
    gelu = Z / 2 * (1 + erf(Z / sqrt(2)))
    written = Rational(1, 2) * (1 + erf(Z / sqrt(2))) + Z / 2 * 2 / sqrt(pi) * exp(-Z ** 2 / 2)
    assert not _same(written, sympy.diff(gelu, Z))
    report = _check("p84_gelu_plain_chain_missing.txt")
    line = report["lines"][1]
    assert report["first_error"] == 2 and line["kind"] == "chain_factor" and "in the term" in line["message"]
