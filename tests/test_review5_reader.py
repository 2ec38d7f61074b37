"""Review 5, the checker's reader: notation as people type or paste it (tests/data/review5/FINDINGS.md).

Every expected verdict comes from the truth established here, independently of derive: each
step after the definition is written out by hand in sympy and compared with sympy.diff of the
definition at random points of both signs (tests.helpers.numerically_equal).  What derive
cannot read must be unreadable with a hint, never guessed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy
from sympy import Rational, exp, log, sech, tanh

import derive
from tests.helpers import Z, numerically_equal

CASES = Path(__file__).parent / "data" / "review5" / "cases"
SIGMOID = 1 / (1 + exp(-Z))
D_SIGMOID = sympy.diff(SIGMOID, Z)
TANH = tanh(Z)
SOFTPLUS = log(1 + exp(Z))
X = sympy.Symbol("x", real=True)


def _first_wrong(definition, steps, var=Z) -> int | None:
    """The first wrong step, numbered as derive numbers them (the definition is step 1), of
    steps (order, expression) written out by hand."""
    for k, (order, expr) in enumerate(steps, 2):
        if not numerically_equal(expr, sympy.diff(definition, var, order), var):
            return k
    return None


def _assert_checks(text: str, definition, steps, var=Z, **options) -> dict:
    """derive reads every step (none unreadable, none lost) and finds the truth's first wrong step."""
    result = derive.check(text, **options)
    assert result["problem"] is None, result["problem"]
    lines = result["lines"]
    assert [l["verdict"] for l in lines if l["verdict"] == "unreadable"] == [], \
        [(l["index"], l["message"]) for l in lines]
    assert len(lines) == 1 + len(steps), [(l["index"], l["text"]) for l in lines]
    first = _first_wrong(definition, steps, var)
    assert result["first_error"] == first, [(l["index"], l["verdict"], l["text"]) for l in lines]
    assert result["valid"] is (first is None)
    return result


def _unreadable(text: str, index: int, *words: str) -> dict:
    result = derive.check(text)
    line = next(l for l in result["lines"] if l["index"] == index)
    assert line["verdict"] == "unreadable", (line["verdict"], line["text"])
    for word in words:
        assert word in line["message"], line["message"]
    assert not any(l["verdict"] == "wrong" for l in result["lines"])
    return result


# --- S1: an equation number at the end of a step is never a factor -----------------------------

@pytest.mark.parametrize("label", ["(2)", "[2]", "(2.1)", "(*)", "(ii)", "\t(2)"])
def test_equation_number_set_apart_is_dropped(label):
    text = f"g(z) = tanh(z)                 (1)\ng'(z) = 1 - g(z)^2          {label}\n"
    _assert_checks(text, TANH, [(1, 1 - TANH ** 2)])


def test_equation_number_never_hides_a_mistake():
    text = "g(z) = 1/(1 + e^-z)           (1)\ng'(z) = g(z)(1 + g(z))        (2)\n"
    _assert_checks(text, SIGMOID, [(1, SIGMOID * (1 + SIGMOID))])


def test_equation_numbers_of_the_case_file():
    _assert_checks((CASES / "u07_equation_numbers_right_valid.txt").read_text(), TANH,
                   [(1, 1 - TANH ** 2), (1, 1 - TANH ** 2)])
    _assert_checks((CASES / "u42_equation_number_brackets_valid.txt").read_text(), SIGMOID,
                   [(1, SIGMOID * (1 - SIGMOID))])


def test_number_in_brackets_one_space_away_reads_two_ways():
    # 1 - g(z)^2 (2): an equation number, or 1 - 2 g(z)^2?  Not guessed.
    assert not numerically_equal(1 - 2 * TANH ** 2, sympy.diff(TANH, Z))
    _unreadable("g(z) = tanh(z)\ng'(z) = 1 - g(z)^2 (2)\n", 2, "equation number", "*2")
    _unreadable("\\[ g(z) = \\tanh z \\]\n\\[ g'(z) = 1 - g(z)^2 \\, (2) \\]\n", 2, "equation number")


def test_number_in_brackets_against_a_factor_is_a_product():
    # g(z)^2(2) is written against its factor: 2 g(z)^2, and the line is wrong
    _assert_checks("g(z) = tanh(z)\ng'(z) = 1 - g(z)^2(2)\n", TANH, [(1, 1 - 2 * TANH ** 2)])


@pytest.mark.parametrize("label", [r"\qquad (2)", r"\hfill (2)", r"\quad \text{(2)}", r"\qquad (3.1)", r"\eqno(2)"])
def test_latex_equation_number_by_hand_is_dropped(label):
    text = f"\\[ g(z) = \\tanh z \\]\n\\[ g'(z) = 1 - g(z)^2 {label} \\]\n"
    _assert_checks(text, TANH, [(1, 1 - TANH ** 2)])


def test_latex_equation_number_never_hides_a_mistake():
    text = (CASES / "v13_md_bullets_equation_numbers_wrong.md").read_text()
    _assert_checks(text, TANH, [(1, 1 - tanh(Z ** 2))])


# --- S1: Mathematica's E is not read as a constant ---------------------------------------------

def test_capital_e_is_unreadable_not_a_parameter():
    result = _unreadable((CASES / "u30_mathematica_capital_E_valid.txt").read_text(), 2, "Euler")
    assert result["first_error"] is None


def test_lower_case_e_is_eulers_number():
    _assert_checks("g(z) = 1/(1 + e^-z)\ng'(z) = e^-z/(1 + e^-z)^2\n", SIGMOID, [(1, exp(-Z) / (1 + exp(-Z)) ** 2)])


# --- S1: inline maths ending a sentence does not go on from the row before ---------------------

def test_inline_maths_ending_a_sentence_goes_on_with_its_step():
    text = (CASES / "m14_inline_dollars_in_prose_chain_valid.md").read_text()
    # the sentence's σ(z)(1 - σ(z)) is σ' (true), not σ: read as a row after the definition it was "wrong"
    assert not numerically_equal(SIGMOID * (1 - SIGMOID), SIGMOID)
    _assert_checks(text, SIGMOID, [(1, exp(-Z) / (1 + exp(-Z)) ** 2), (1, SIGMOID * (1 - SIGMOID))])


def test_inline_continuation_after_prose_is_checked():
    text = ("$$\\sigma(z) = \\frac{1}{1+e^{-z}}$$\n$$\\sigma'(z) = \\frac{e^{-z}}{(1+e^{-z})^2}$$\n"
            "which simplifies to\n$\\sigma(z)(1+\\sigma(z))$\n")
    _assert_checks(text, SIGMOID, [(1, D_SIGMOID), (1, SIGMOID * (1 + SIGMOID))])


def test_inline_step_in_a_sentence_without_a_continuation_stays_prose():
    text = "$$g(z) = \\tanh z$$\nRecall that $\\sigma'(z) = 7$ in another course.\n$$g'(z) = 1 - \\tanh^2 z$$\n"
    _assert_checks(text, TANH, [(1, 1 - tanh(Z) ** 2)])


def test_inline_maths_alone_after_a_colon_is_still_a_row():
    text = "We have:\n\n$g(z) = \\tanh z$\n\nand so:\n$g'(z) = 1 - \\tanh^2 z$\n"
    _assert_checks(text, TANH, [(1, 1 - tanh(Z) ** 2)])


# --- S2: spellings pasted from Word, PDFs, code ------------------------------------------------

def test_word_math_italic_letters():
    _assert_checks((CASES / "u18_word_math_italic_letters_valid.txt").read_text(), SIGMOID,
                   [(1, SIGMOID * (1 - SIGMOID))])


def test_word_double_struck_d_and_e():
    _assert_checks((CASES / "v06_word_double_struck_d_valid.txt").read_text(), SIGMOID,
                   [(1, SIGMOID * (1 - SIGMOID))])


def test_word_math_italic_wrong_line_is_caught():
    text = "𝜎(𝑧) = 1/(1 + 𝑒^(−𝑧))\n𝜎′(𝑧) = 𝜎(𝑧)(1 + 𝜎(𝑧))\n"
    _assert_checks(text, SIGMOID, [(1, SIGMOID * (1 + SIGMOID))])


def test_numpy_calls_and_log1p():
    _assert_checks((CASES / "u28_numpy_code_valid.txt").read_text(), SIGMOID, [(1, D_SIGMOID)])
    _assert_checks((CASES / "u14_log1p_valid.txt").read_text(), SOFTPLUS, [(1, exp(Z) / (1 + exp(Z)))])
    # a wrong line in numpy spelling is caught (the chain factor of exp(-z) dropped)
    text = "g(z) = 1/(1 + np.exp(-z))\ng'(z) = -np.exp(-z)/(1 + np.exp(-z))**2\n"
    _assert_checks(text, SIGMOID, [(1, -exp(-Z) / (1 + exp(-Z)) ** 2)])


def test_unknown_module_is_not_dropped():
    _unreadable("g(z) = 1/(1 + foo.exp(-z))\ng'(z) = g(z)(1 - g(z))\n", 1)


def test_matlab_elementwise_operators_are_named():
    _unreadable((CASES / "u29_matlab_elementwise_valid.txt").read_text(), 2, "MATLAB", "write /")


# --- S2: labels, comments, tails of plain text -------------------------------------------------

@pytest.mark.parametrize("name", ["u24_step_labels_em_dash_valid.txt"])
def test_step_labels_with_a_dash(name):
    _assert_checks((CASES / name).read_text(), SIGMOID, [(1, D_SIGMOID), (1, SIGMOID * (1 - SIGMOID))])


def test_roman_numeral_labels():
    _assert_checks((CASES / "u25_roman_labels_valid.txt").read_text(), TANH,
                   [(1, 1 - tanh(Z) ** 2), (1, 1 - TANH ** 2)])


@pytest.mark.parametrize("comment", ["   % table", "      <-- table", "   <- the hyperbolic rule", "  ← table"])
def test_comment_after_a_step(comment):
    _assert_checks(f"g(z) = tanh(z)\ng'(z) = 1 - tanh(z)^2{comment}\n", TANH, [(1, 1 - tanh(Z) ** 2)])


def test_comment_never_hides_a_mistake():
    _assert_checks("g(z) = tanh(z)\ng'(z) = 1 - g(z)    % should be 1 - g(z)^2\n", TANH, [(1, 1 - TANH)])


def test_statements_split_at_semicolons():
    _assert_checks((CASES / "v07_email_semicolon_two_steps_valid.txt").read_text(), TANH,
                   [(1, 1 - tanh(Z) ** 2), (1, 1 - TANH ** 2)])
    _assert_checks("g(z) = tanh(z); g'(z) = 1 + tanh(z)^2\n", TANH, [(1, 1 + tanh(Z) ** 2)])


def test_domain_after_a_step():
    _assert_checks((CASES / "v08_domain_in_R_valid.txt").read_text(), SIGMOID, [(1, SIGMOID * (1 - SIGMOID))])
    _assert_checks("g(z) = 1/(1 + e^-z), z ∈ ℝ\ng'(z) = g(z)(1 + g(z)) for all z ∈ ℝ\n", SIGMOID,
                   [(1, SIGMOID * (1 + SIGMOID))])


# --- S2: LaTeX and Markdown --------------------------------------------------------------------

def test_align_comment_column_with_text_split_across_groups():
    _assert_checks((CASES / "s24_alignat_text_comment_column_valid.tex").read_text(), SIGMOID,
                   [(1, D_SIGMOID), (1, SIGMOID * (1 - SIGMOID))])
    _assert_checks((CASES / "w04_text_column_wrong_line.tex").read_text(), SIGMOID,
                   [(1, -exp(-Z) / (1 + exp(-Z)) ** 2)])


def test_comment_column_with_maths_never_hides_a_mistake():
    text = ("\\begin{align*}\ng(z) &= \\tanh z \\\\\ng'(z) &= 1 + \\tanh^2 z && \\text{(as } 1 - \\tanh^2 z"
            "\\text{ is wrong)}\n\\end{align*}\n")
    _assert_checks(text, TANH, [(1, 1 + tanh(Z) ** 2)])


def test_alignat_equals_after_double_ampersand_is_the_step():
    _assert_checks((CASES / "s04_alignat_double_ampersand_valid.tex").read_text(), TANH,
                   [(1, sech(Z) ** 2), (1, 1 - tanh(Z) ** 2), (1, 1 - TANH ** 2)])


def test_github_math_fence_and_inline():
    _assert_checks((CASES / "m06_github_math_fence_valid.md").read_text(), SIGMOID, [(1, SIGMOID * (1 - SIGMOID))])
    _assert_checks((CASES / "m07_github_dollar_backtick_inline_valid.md").read_text(), TANH,
                   [(1, 1 - tanh(Z) ** 2), (1, 1 - TANH ** 2)])
    text = "```math\ng(z) = \\tanh z\n```\n\n```math\ng'(z) = 1 - \\tanh z\n```\n"
    _assert_checks(text, TANH, [(1, 1 - TANH)])


def test_sympy_latex_call_braces():
    _assert_checks((CASES / "s27_sympy_latex_output_valid.tex").read_text(), SIGMOID,
                   [(1, D_SIGMOID), (1, (1 - SIGMOID) * SIGMOID)])
    _assert_checks((CASES / "s28_sympy_latex_tanh_sech_valid.tex").read_text(), TANH,
                   [(1, 1 - tanh(Z) ** 2), (1, sech(Z) ** 2)])
    text = ("\\begin{align*}\ng{\\left(z \\right)} &= \\tanh{\\left(z \\right)}\\\\\n"
            "\\frac{d}{d z} g{\\left(z \\right)} &= 1 + \\tanh^{2}{\\left(z \\right)}\n\\end{align*}\n")
    _assert_checks(text, TANH, [(1, 1 + tanh(Z) ** 2)])


def test_cases_with_commas_and_a_full_stop():
    leaky = sympy.Piecewise((Z, Z > 0), (Z / 100, True))
    _assert_checks((CASES / "w15_leaky_relu_cases_dfrac_valid.tex").read_text(), leaky,
                   [(1, sympy.Piecewise((1, Z > 0), (Rational(1, 100), True)))])
    text = ("\\begin{align*}\ng(z) &= \\begin{cases} z, & z > 0,\\\\ 0.01\\,z, & z \\le 0. \\end{cases}\\\\\n"
            "g'(z) &= \\begin{cases} 1, & z > 0,\\\\ \\dfrac{1}{10}, & z < 0. \\end{cases}\n\\end{align*}\n")
    _assert_checks(text, leaky, [(1, sympy.Piecewise((1, Z > 0), (Rational(1, 10), True)))])


def test_full_stop_inside_a_case_elsewhere_is_unreadable():
    text = "\\[ g(z) = \\begin{cases} z & z > 0 \\\\ 0 & . z \\le 0 \\end{cases} \\]\n\\[ g'(z) = 1 \\]\n"
    result = derive.check(text)
    assert result["lines"][0]["verdict"] == "unreadable"


def test_every_review5_case_file_has_a_truth_line():
    files = sorted(p for p in CASES.iterdir() if p.suffix in (".txt", ".tex", ".md"))
    assert len(files) >= 100
    for path in files:
        assert "TRUTH:" in path.read_text(encoding="utf-8-sig").splitlines()[0], path.name


# --- S1: a function's argument without brackets before '/' reads two ways ----------------------

def test_unbracketed_argument_before_a_slash_is_unreadable():
    # the author of x01 means tanh(z/2): then line 2 is right; read as tanh(z)/2 it was "wrong"
    assert numerically_equal(sech(Z / 2) ** 2 / 2, sympy.diff(tanh(Z / 2), Z))
    assert not numerically_equal(sech(Z / 2) ** 2 / 2, sympy.diff(tanh(Z) / 2, Z))
    _unreadable((CASES / "x01_tanh_z_over_2_unbracketed.txt").read_text(), 1, "tanh(z/...)", "tanh(z)/...")
    _unreadable((CASES / "x03_exp_loose_argument_before_slash.tex").read_text(), 2, "exp(z/...)")


@pytest.mark.parametrize("written,value", [("tanh(z/2)", tanh(Z / 2)), ("tanh(z)/2", tanh(Z) / 2),
                                           ("\\tanh\\frac{z}{2}", tanh(Z / 2)), ("\\tanh 2z", tanh(2 * Z))])
def test_bracketed_or_fraction_arguments_still_read(written, value):
    text = f"\\[ g(z) = {written} \\]\n\\[ g'(z) = {sympy.latex(sympy.diff(value, Z))} \\]\n"
    _assert_checks(text, value, [(1, sympy.diff(value, Z))])


def test_semicolon_then_equals_goes_on():
    _assert_checks("g(z) = tanh(z)\ng'(z) = 1 + tanh(z)^2; = 1 - g(z)^2\n", TANH,
                   [(1, 1 + tanh(Z) ** 2), (1, 1 - TANH ** 2)])


def test_semicolon_in_a_sentence_is_no_split():
    text = "Recall: we showed g(z) = z sigma(z); g' = sigma + z sigma(1 - sigma) (sympy).\ng(z) = tanh(z)\n" \
           "g'(z) = 1 - tanh(z)^2\n"
    _assert_checks(text, TANH, [(1, 1 - tanh(Z) ** 2)])


# --- S2: a left side restated after a wrong line carries the error (one mistake, one line) -----

def test_restated_left_side_after_a_wrong_line_carries_the_error():
    text = (CASES / "w21_numbered_restated_after_wrong.txt").read_text()
    wrong, restated = 1 + tanh(Z) ** 2, 1 + TANH ** 2
    assert not numerically_equal(wrong, sympy.diff(TANH, Z)) and numerically_equal(restated, wrong)
    result = _assert_checks(text, TANH, [(1, wrong), (1, restated), (1, 1 - TANH ** 2)])
    assert [l["verdict"] for l in result["lines"]][1:] == ["wrong", "carried forward", "proved"]  # a restated left side is a claim: right, proved
    assert result["errors"] == 1


def test_restated_left_side_with_a_new_mistake_is_wrong():
    text = "1) g(z) = tanh(z)\n2) g'(z) = 1 + tanh(z)^2\n3) g'(z) = 2 + g(z)^2\n"
    result = _assert_checks(text, TANH, [(1, 1 + tanh(Z) ** 2), (1, 2 + TANH ** 2)])
    assert [l["verdict"] for l in result["lines"]][1:] == ["wrong", "wrong"]


# --- S1: the product rule written out with operators, d/dz before an unbracketed product in a sum --

SWISH = Z / (1 + exp(-Z))


@pytest.mark.parametrize("name", ["y01_product_rule_operators_cdot.tex", "y02_product_rule_operators_plain.txt"])
def test_operator_before_a_product_in_a_sum_is_unreadable(name):
    # as meant, (d/dz z)·σ + z·σ' is swish's derivative; read as d/dz(z σ) + z σ' it is not
    meant = sympy.diff(SWISH, Z)
    assert numerically_equal(SIGMOID + Z * D_SIGMOID, sympy.diff(SWISH, Z))
    assert not numerically_equal(sympy.diff(Z * SIGMOID, Z) + Z * D_SIGMOID, meant)
    result = _unreadable((CASES / name).read_text(), 2, "reads two ways", "brackets")
    assert result["lines"][2]["verdict"] == "proved"  # the line after it: against g' itself


def test_operator_with_bracketed_operands_reads_the_product_rule():
    _assert_checks((CASES / "y03_product_rule_bracketed_valid.tex").read_text(), SWISH,
                   [(1, SIGMOID + Z * D_SIGMOID), (1, SIGMOID + Z * SIGMOID * (1 - SIGMOID))])
    _assert_checks((CASES / "y04_product_rule_bracketed_term_dropped.tex").read_text(), SWISH,
                   [(1, SIGMOID + Z * D_SIGMOID), (1, Z * SIGMOID * (1 - SIGMOID))])


def test_operator_before_a_product_alone_is_the_whole_product():
    _assert_checks((CASES / "y05_whole_product_operator_alone_valid.txt").read_text(), SWISH,
                   [(1, sympy.diff(SWISH, Z)), (1, SIGMOID + Z * SIGMOID * (1 - SIGMOID))])


# --- S2: a Jupyter notebook (.ipynb) is read as its Markdown cells -----------------------------

def test_notebook_markdown_cells_are_the_derivation():
    _assert_checks(CASES / "n01_jupyter_notebook_tanh_valid.ipynb", TANH, [(1, 1 - tanh(Z) ** 2), (1, 1 - TANH ** 2)])
    _assert_checks(CASES / "n02_jupyter_notebook_sigmoid_sign_wrong.ipynb", SIGMOID,
                   [(1, exp(-Z) / (1 + exp(-Z)) ** 2), (1, SIGMOID * (1 + SIGMOID))])


def test_text_that_only_looks_like_json_is_read_as_text():
    text = '{"nbformat": "cells", oops\ng(z) = tanh(z)\ng\'(z) = 1 - tanh(z)^2\n'
    result = derive.check(text)
    assert result["first_error"] is None and not any(l["verdict"] == "wrong" for l in result["lines"])


# --- S2: \left\{ \begin{array} ... \end{array} \right. is a function by cases ----------------------

RELU = sympy.Piecewise((Z, Z > 0), (0, True))


def test_left_brace_array_is_cases():
    _assert_checks((CASES / "z01_relu_left_brace_array_valid.tex").read_text(), RELU,
                   [(1, sympy.Piecewise((1, Z > 0), (0, True)))])
    _assert_checks((CASES / "z02_relu_left_brace_array_swapped.tex").read_text(), RELU,
                   [(1, sympy.Piecewise((0, Z > 0), (1, True)))])


def test_array_that_is_no_cases_is_not_rewritten():
    # a matrix-like array without \left\{ ... \right. stays what it was (not read as cases)
    text = "\\[ g(z) = \\tanh z \\]\n\\[ g'(z) = \\begin{array}{l} 1 - \\tanh^2 z \\end{array} \\]\n"
    result = derive.check(text)
    assert not any(l["verdict"] == "wrong" for l in result["lines"])


# --- S2: Markdown tables and inline code ---------------------------------------------------------

def test_markdown_table_cells_are_rows():
    _assert_checks((CASES / "z04_markdown_table_cells_wrong.md").read_text(), TANH,
                   [(1, 1 - tanh(Z) ** 2), (1, 1 + TANH ** 2)])


def test_markdown_inline_code_is_read():
    _assert_checks((CASES / "z05_markdown_inline_code_valid.md").read_text(), TANH,
                   [(1, 1 - tanh(Z) ** 2), (1, 1 - TANH ** 2)])
    _assert_checks("`g(z) = tanh(z)`\n`g'(z) = 1 - g(z)`\n", TANH, [(1, 1 - TANH)])


# --- S1: the derivative of a bracket by primes as a left side ------------------------------------

def test_bracket_prime_left_side_is_the_derivative():
    _assert_checks((CASES / "q01_bracket_prime_left_side_latex_valid.tex").read_text(), SIGMOID,
                   [(1, SIGMOID * (1 - SIGMOID))])
    _assert_checks((CASES / "q02_bracket_prime_left_side_plain_valid.txt").read_text(), SIGMOID,
                   [(1, exp(-Z) / (1 + exp(-Z)) ** 2), (1, SIGMOID * (1 - SIGMOID))])
    _assert_checks((CASES / "q03_bracket_second_prime_plain_wrong.txt").read_text(), TANH,
                   [(1, 1 - TANH ** 2), (2, -2 * TANH)])


def test_bracket_prime_of_an_expression_is_a_side_computation():
    result = derive.check((CASES / "q04_side_computation_by_primes_wrong.txt").read_text())
    side, chain = result["lines"][1], result["lines"][2]
    # (1 + e^-z)' is -e^-z, not e^-z: the side computation is wrong; the chain's line is right
    assert not numerically_equal(exp(-Z), sympy.diff(1 + exp(-Z), Z))
    assert side["verdict"] == "wrong" and side["kind"] == "chain_factor"
    assert numerically_equal(exp(-Z) / (1 + exp(-Z)) ** 2, D_SIGMOID) and chain["verdict"] == "proved"


def test_brackets_that_do_not_close_in_order_are_no_left_side():
    from derive.parse.left import left_side

    assert left_side("(a)+(b)'", False) is None


def test_value_at_a_point_is_named_in_the_message():
    _unreadable((CASES / "s12_left_right_bar_at_point.tex").read_text(), 3, "a value at a point")


# --- S2: a statement of what the variable is ("Let z = w x + b") is context, no step -------------

def test_the_variable_named_from_the_weights_is_no_step():
    _assert_checks((CASES / "q05_preactivation_named_first_valid.txt").read_text(), SIGMOID,
                   [(1, SIGMOID * (1 - SIGMOID))])
    _assert_checks((CASES / "q06_preactivation_and_activation_letters_wrong.txt").read_text(), SIGMOID,
                   [(1, SIGMOID * (1 + SIGMOID))])


def test_fraction_and_division_slashes():
    _assert_checks("σ(z) = 1⁄(1 + e^(−z))\nσ′(z) = e^(−z) ∕ (1 + e^(−z))²\n", SIGMOID, [(1, D_SIGMOID)])
    _assert_checks("σ(z) = 1⁄(1 + e^(−z))\nσ′(z) = −e^(−z) ∕ (1 + e^(−z))²\n", SIGMOID, [(1, -D_SIGMOID)])


# --- S1: after an unreadable left side and an unreadable step on its row, the next step's target is not known --

def test_steps_after_an_unreadable_left_side_and_step_are_not_compared_with_an_earlier_order():
    # \\foo[2]{g}{z} may name the second derivative: -2 tanh z (1 - tanh^2 z) is g'' (right), not g'
    text = ("\\begin{align*}\ng(z) &= \\tanh z\\\\\ng'(z) &= 1 - \\tanh^2 z\\\\\n"
            "\\foo[2]{g}{z} &= \\foo{z}(1 - \\tanh^2 z) = -2\\tanh z\\,(1-\\tanh^2 z)\n\\end{align*}\n")
    assert numerically_equal(-2 * TANH * (1 - TANH ** 2), sympy.diff(TANH, Z, 2))
    result = derive.check(text)
    assert not any(l["verdict"] == "wrong" for l in result["lines"]), [(l["index"], l["verdict"]) for l in result["lines"]]
    assert result["lines"][-1]["verdict"] == "unreadable"


def test_physics_package_derivatives():
    _assert_checks((CASES / "q07_physics_package_dv_valid.tex").read_text(), TANH,
                   [(1, 1 - tanh(Z) ** 2), (2, -2 * TANH * (1 - TANH ** 2)), (2, -2 * TANH * (1 - TANH ** 2))])
    _assert_checks((CASES / "q08_physics_package_pdv_wrong.tex").read_text(), SIGMOID,
                   [(1, SIGMOID * (1 + SIGMOID))])


def test_a_definition_in_words_is_unreadable():
    # "g(z) = touch CANARY" is no function of z: read as two constants, g' = 0 was "proved"
    result = _unreadable("g(z) = touch CANARY\ng'(z) = 0\n", 1, "word")
    assert result["valid"] is False
    # a parameter with a name of one letter (or Greek) is still a parameter
    _assert_checks("g(z) = k z\ng'(z) = k\n", sympy.Symbol("k", real=True) * Z, [(1, sympy.Symbol("k", real=True))])
