"""Review 2, reader findings: how a hand derivation's text becomes rows, lines and expressions.

Each case file in tests/data/review2/ is one a student or lecturer typed (its first line states
the reviewer's truth).  Here the truth is established again, independently of derive: every
line of the derivation is written out by hand in sympy and compared with sympy.diff of the
definition at points of both signs; the test then asserts derive's verdict and first wrong line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy
from sympy import Rational, exp, sech, tanh

import derive
from tests.helpers import Z, numerically_equal

DATA = Path(__file__).parent / "data" / "review2"
SIGMOID = 1 / (1 + exp(-Z))
TANH = tanh(Z)
ALPHA = sympy.Symbol("alpha", positive=True)


def _first_wrong(definition, lines) -> int | None:
    """The first wrong line (numbered as derive numbers them: the definition is line 1) of a
    derivation whose lines after the definition are (order, expression) written by hand."""
    for k, (order, expr) in enumerate(lines, 2):
        if not numerically_equal(expr, sympy.diff(definition, Z, order)):
            return k
    return None


def _holds(a, b) -> bool:
    try:
        return numerically_equal(a, b)
    except AssertionError:
        return False


def _first_wrong_safe(definition, lines) -> int | None:
    for k, (order, expr) in enumerate(lines, 2):
        if not _holds(expr, sympy.diff(definition, Z, order)):
            return k
    return None


def _check(name: str, **options) -> dict:
    return derive.check((DATA / name).read_text(), **options)


def _assert_verdict(result: dict, first_wrong: int | None) -> None:
    assert result["unreadable"] == 0, [(l["index"], l["message"]) for l in result["lines"]]
    assert result["first_error"] == first_wrong, [(l["index"], l["verdict"], l["text"]) for l in result["lines"]]
    assert result["valid"] is (first_wrong is None)


# --- finding 1: a LaTeX row with \text{since ...} and more maths after it never vanishes ----------

TEXT_TAIL_CASES = [
    # (file, definition, the lines after it as written, by hand)
    ("l91_wrong_row_with_text_tail_vanishes.tex", TANH,
     [(1, sech(Z) ** 2), (1, 1 + tanh(Z) ** 2), (1, 1 - TANH ** 2)]),
    ("l91b_wrong_row_for_all_z.tex", SIGMOID,
     [(1, exp(-Z) / (1 + exp(-Z)) ** 2), (1, SIGMOID * (1 + SIGMOID))]),
    ("l93_text_tail_row_vanishes_next_called_wrong.tex", TANH,
     [(1, 1 - tanh(Z) ** 2), (1, 1 - TANH ** 2)]),
    ("l108_overset_rule_names_valid.tex", SIGMOID,
     [(1, exp(-Z) / (1 + exp(-Z)) ** 2), (1, SIGMOID * (1 - SIGMOID))]),
    ("m118_markdown_text_tail_row_vanishes.md", TANH,
     [(1, sech(Z) ** 2), (1, 1 + tanh(Z) ** 2), (1, 1 - TANH ** 2)]),
]


@pytest.mark.parametrize("name,definition,lines", TEXT_TAIL_CASES, ids=[c[0] for c in TEXT_TAIL_CASES])
def test_row_with_text_then_maths_is_checked(name, definition, lines):
    result = _check(name)
    assert len(result["lines"]) == 1 + len(lines)  # no row vanished
    _assert_verdict(result, _first_wrong(definition, lines))


@pytest.mark.parametrize("tail", [
    r"\quad \text{since } \cosh^2 z - \sinh^2 z = 1",
    r"\qquad \text{(since } \cosh^2 z - \sinh^2 z = 1\text{)}",
    r"\quad \text{using } \cosh^2 z = 1 + \sinh^2 z",
    r"\quad \text{for all } z",
    r"\qquad \text{by } (2)",
    r"\text{ for } z \neq 0",
    r"\quad \mbox{since } \cosh^2 z - \sinh^2 z = 1",
])
def test_wrong_row_with_a_remark_after_it_is_caught(tail):
    text = "\\begin{align*}\ng(z) &= \\tanh z \\\\\ng'(z) &= 1 + \\tanh^2 z " + tail + "\n\\end{align*}\n"
    assert not _holds(1 + tanh(Z) ** 2, sympy.diff(TANH, Z))
    result = derive.check(text)
    assert result["first_error"] == 2 and not result["valid"]


def test_text_in_a_step_that_is_no_remark_is_unreadable_not_dropped():
    text = "\\begin{align*}\ng(z) &= \\tanh z \\\\\ng'(z) &= 1 - \\tanh z \\text{ times } \\tanh z\n\\end{align*}\n"
    result = derive.check(text)
    assert len(result["lines"]) == 2
    assert result["lines"][1]["verdict"] == "unreadable"


# --- finding 6: piece headings "\text{For } z > 0", "\intertext{For $z>0$:}", "Case 1: z > 0" -------

ELU_POSITIVE = Z  # g on z > 0
ELU_NEGATIVE = ALPHA * (exp(Z) - 1)  # g on z <= 0


def test_elu_piece_lines_hold_on_their_pieces_by_sympy():
    assert sympy.simplify(sympy.diff(ELU_POSITIVE, Z) - 1) == 0
    assert numerically_equal(ALPHA * exp(Z), sympy.diff(ELU_NEGATIVE, Z))
    assert numerically_equal(ELU_NEGATIVE + ALPHA, sympy.diff(ELU_NEGATIVE, Z))


@pytest.mark.parametrize("name", ["l72_elu_headings_valid.tex", "l74_elu_intertext_headings_valid.tex",
                                  "p75_relu_case_headings_valid.txt"])
def test_capitalised_case_and_intertext_headings(name):
    result = _check(name)
    _assert_verdict(result, None)
    assert all(l["verdict"] in ("proved", "numerically equal", "definition") for l in result["lines"])


@pytest.mark.parametrize("heading", [r"\text{For } z \le 0\text{:}", r"\text{For } z \le 0,",
                                     r"\text{Case 2: } z \le 0", r"\intertext{For $z \le 0$:}"])
def test_a_wrong_piece_under_a_heading_is_caught_at_its_line(heading):
    # e^z (the factor alpha lost) is not the derivative of alpha(e^z - 1) on z <= 0
    assert not _holds(exp(Z), sympy.diff(ELU_NEGATIVE, Z))
    text = ("\\begin{align*}\ng(z) &= \\begin{cases} z & z > 0 \\\\ \\alpha\\left(e^{z}-1\\right) & z \\le 0"
            " \\end{cases} \\\\\n&\\text{For } z > 0\\text{:} \\\\\ng'(z) &= 1 \\\\\n"
            + heading + (" \\\\" if "intertext" not in heading else "") + "\ng'(z) &= e^{z}\n\\end{align*}\n")
    result = derive.check(text)
    assert result["first_error"] == 3, [(l["index"], l["verdict"], l["text"]) for l in result["lines"]]


@pytest.mark.parametrize("heading", ["Case 1: z > 0", "Case z > 0:", "CASE 1: z > 0", "For z > 0:"])
def test_plain_case_headings(heading):
    # ReLU: g' = 1 on z > 0 (sympy), so "g'(z) = 1" holds there and "g'(z) = z" does not
    assert sympy.diff(Z, Z) == 1
    valid = derive.check(f"g(z) = max(0, z)\n{heading}\ng'(z) = 1\n")
    assert valid["valid"] and valid["unreadable"] == 0
    wrong = derive.check(f"g(z) = max(0, z)\n{heading}\ng'(z) = 2\n")
    assert wrong["first_error"] == 2


# --- finding 3: primes typed ’ " ʹ; a left side that cannot be read never makes its right side wrong --

@pytest.mark.parametrize("name,lines", [
    ("p85_smart_quote_prime_valid.txt", [(1, exp(-Z) / (1 + exp(-Z)) ** 2), (1, SIGMOID * (1 - SIGMOID))]),
    ("p86_double_quote_second_valid.txt", [(1, exp(-Z) / (1 + exp(-Z)) ** 2),
                                          (2, exp(-Z) * (exp(-Z) - 1) / (1 + exp(-Z)) ** 3)]),
])
def test_typed_primes(name, lines):
    _assert_verdict(_check(name), _first_wrong(SIGMOID, lines))


@pytest.mark.parametrize("prime", ["ʹ", "’", "'"])
def test_modifier_letter_prime_and_a_wrong_line(prime):
    assert not _holds(SIGMOID * (1 + SIGMOID), sympy.diff(SIGMOID, Z))
    result = derive.check(f"g(z) = 1/(1+e^-z)\ng{prime}(z) = g(z)(1 + g(z))\n")
    assert result["first_error"] == 2 and result["unreadable"] == 0


def test_an_unreadable_left_side_never_makes_its_right_side_wrong():
    # \tilde\sigma(z) is not read; sigma(1 - sigma) is sigma' (sympy), and is not called wrong
    # (\dot\sigma(z), l106, is read now: the derivative, tests/test_reader3_notation.py)
    assert numerically_equal(SIGMOID * (1 - SIGMOID), sympy.diff(SIGMOID, Z))
    result = derive.check((DATA / "l106_dot_derivative_valid.tex").read_text()
                          .replace("\\dot", "\\tilde"))
    assert result["errors"] == 0 and result["unreadable"] >= 1
    assert all(l["verdict"] != "wrong" for l in result["lines"])


# --- finding 32: Unicode Φ, φ in plain text --------------------------------------------------------

def test_unicode_phi_is_the_normal_cdf_and_density():
    gelu = Z / 2 * (1 + sympy.erf(Z / sympy.sqrt(2)))
    cdf = (1 + sympy.erf(Z / sympy.sqrt(2))) / 2
    density = exp(-Z ** 2 / 2) / sympy.sqrt(2 * sympy.pi)
    assert numerically_equal(cdf + Z * density, sympy.diff(gelu, Z))
    _assert_verdict(_check("p87_gelu_unicode_phi_valid.txt"), None)
    assert not _holds(cdf + density, sympy.diff(gelu, Z))
    wrong = derive.check("g(z) = z/2 (1 + erf(z/sqrt(2)))\ng'(z) = Φ(z) + φ(z)\n")
    assert wrong["first_error"] == 2 and wrong["unreadable"] == 0


# --- finding 5: σ' = σ(1 − σ), the textbook form, is σ times (1 − σ) --------------------------------

@pytest.mark.parametrize("name", ["l66_sigma_bare_textbook_valid.tex", "p66b_sigma_bare_plain_valid.txt"])
def test_bare_sigma_textbook_form(name):
    result = _check(name)
    assert numerically_equal(SIGMOID * (1 - SIGMOID), sympy.diff(SIGMOID, Z))
    _assert_verdict(result, None)


@pytest.mark.parametrize("line,truth", [
    ("σ' = σ(1 + σ)", SIGMOID * (1 + SIGMOID)),  # a slip: wrong, at its line
    ("σ' = σ(1 − σ)", SIGMOID * (1 - SIGMOID)),
    ("σ'(z) = σ (1 - σ)", SIGMOID * (1 - SIGMOID)),
    ("σ'(z) = σ(z)σ(-z)", SIGMOID * SIGMOID.subs(Z, -Z)),  # σ applied where σ is not in the bracket
    ("σ' = σ σ(-z)", SIGMOID * SIGMOID.subs(Z, -Z)),
])
def test_bare_sigma_against_sympy(line, truth):
    result = derive.check(f"σ(z) = 1/(1+e^-z)\n{line}\n")
    expected = None if _holds(truth, sympy.diff(SIGMOID, Z)) else 2
    _assert_verdict(result, expected)


def test_bare_sigma_latex_spaced():
    result = derive.check("\\[ \\sigma(z) = \\frac{1}{1+e^{-z}} \\]\n\\[ \\sigma' = \\sigma\\,(1-\\sigma) \\]\n")
    _assert_verdict(result, None)


# --- finding 10: H(z), θ(z) are never read as a product (H·z): unreadable, with a hint ---------------

@pytest.mark.parametrize("name", ["p39_relu_H_valid.txt", "p39b_relu_theta_valid.txt"])
def test_letter_applied_to_the_variable_is_unreadable_not_wrong(name):
    result = _check(name)
    assert result["errors"] == 0 and result["unreadable"] == 1
    assert "heaviside" in result["lines"][1]["message"]


def test_heaviside_spelled_out_is_read():
    # ReLU' = heaviside(z) away from 0 (sympy.diff of max(0, z) per piece)
    assert sympy.diff(Z, Z) == 1 and sympy.diff(sympy.Integer(0), Z) == 0
    _assert_verdict(derive.check("g(z) = max(0, z)\ng'(z) = heaviside(z)\n"), None)


@pytest.mark.parametrize("line,truth", [
    ("g'(z) = α(e^z)", ALPHA * exp(Z)),  # a bracket that is not (z) alone: still a product
    ("g'(z) = α e^z", ALPHA * exp(Z)),
])
def test_a_letter_before_other_brackets_is_still_a_product(line, truth):
    definition = ALPHA * (exp(Z) - 1)
    assert numerically_equal(truth, sympy.diff(definition, Z))
    _assert_verdict(derive.check(f"g(z) = α(e^z - 1)\n{line}\n"), None)


# --- finding 4 (and 8 for a function's name): a helper defined before the activation --------------

SWISH = Z * SIGMOID


@pytest.mark.parametrize("name,lines", [
    ("p107_helper_defined_first_swish_valid.txt", [(1, SIGMOID + Z * SIGMOID * (1 - SIGMOID))]),
    ("l107b_helper_defined_first_swish_valid.tex", [(1, SIGMOID + Z * SIGMOID * (1 - SIGMOID)),
                                                    (1, SWISH + SIGMOID * (1 - SWISH))]),
])
def test_helper_defined_before_the_activation(name, lines):
    result = _check(name)
    _assert_verdict(result, _first_wrong(SWISH, lines))
    assert result["function"] == "g"
    definition = [l for l in result["lines"] if l["verdict"] == "definition"]
    assert [l["index"] for l in definition] == [2]  # g(z) = z σ(z) defines g, not g·z


def test_a_wrong_helper_definition_is_caught_at_its_line():
    assert not _holds(1 / (1 + exp(Z)), SIGMOID)
    result = derive.check("σ(z) = 1/(1+e^z)\ng(z) = z σ(z)\ng'(z) = σ(z) + z σ(z)(1 - σ(z))\n")
    assert result["first_error"] == 1 and not result["valid"]


def test_helper_defined_after_the_activation():
    assert numerically_equal(SIGMOID + Z * SIGMOID * (1 - SIGMOID), sympy.diff(SWISH, Z))
    _assert_verdict(derive.check("g(z) = z σ(z)\nσ(z) = 1/(1+e^-z)\ng'(z) = σ(z) + z σ(z)(1 - σ(z))\n"), None)


def test_a_known_function_recalled_on_its_own_row_is_a_side_fact():
    gelu = Z * (1 + sympy.erf(Z / sympy.sqrt(2))) / 2
    density = exp(-Z ** 2 / 2) / sympy.sqrt(2 * sympy.pi)
    assert numerically_equal((1 + sympy.erf(Z / sympy.sqrt(2))) / 2 + Z * density, sympy.diff(gelu, Z))
    _assert_verdict(_check("l117_gelu_phi_identity_row_valid.tex"), None)
    wrong = derive.check("\\begin{align*}\ng(z) &= z\\,\\Phi(z) \\\\\n\\phi(z) &= \\frac{1}{\\sqrt{\\pi}}e^{-z^2/2}"
                         "\n\\end{align*}\n")
    assert wrong["first_error"] == 2


# --- findings 7 and 12: a plain-text justification ("since ...") or ", where u = ..." after a step ----

def test_plain_since_justification_is_not_a_constant():
    lines = [(1, sech(Z) ** 2), (1, 1 - tanh(Z) ** 2), (1, 1 - TANH ** 2)]
    _assert_verdict(_check("p92_plain_since_justification_valid.txt"), _first_wrong(TANH, lines))


@pytest.mark.parametrize("tail", ["   since cosh^2 z - sinh^2 z = 1", ", since cosh^2(z) - sinh^2(z) = 1",
                                  " because sech = 1/cosh", " using 1 - tanh^2 = sech^2"])
def test_a_wrong_step_before_a_justification_is_caught(tail):
    assert not _holds(1 + tanh(Z) ** 2, sympy.diff(TANH, Z))
    result = derive.check(f"g(z) = tanh(z)\ng'(z) = sech^2(z)\n= 1 + tanh^2(z){tail}\n= 1 - g(z)^2\n")
    assert result["first_error"] == 3 and result["unreadable"] == 0


def test_where_on_the_same_plain_row():
    u = 1 + exp(-Z)
    assert numerically_equal(-1 / u ** 2 * (-exp(-Z)), sympy.diff(SIGMOID, Z))
    _assert_verdict(_check("p37_where_same_row_valid.txt"), None)
    assert not _holds(1 / u ** 2 * (-exp(-Z)), sympy.diff(SIGMOID, Z))
    wrong = derive.check("g(z) = 1/(1+e^-z)\ng'(z) = 1/u^2 · (-e^-z), where u = 1 + e^-z\n")
    assert wrong["first_error"] == 2 and wrong["unreadable"] == 0


def test_a_piece_condition_after_a_step_is_not_cut():
    # "= 0 for z < 0" is not "= 0": never cut to a line that would be called wrong
    result = derive.check("g(z) = max(0, z)\ng'(z) = 0 for z < 0\n")
    assert result["errors"] == 0


# --- finding 9: dσ/du (a derivative in another variable) is never read as dσ/dz: after u = U(z) it is
# d/du of σ written in u (tests/test_reader3_notation.py), and every line of the route is read ------

@pytest.mark.parametrize("name", ["p38_dsigma_du_lhs_valid.txt", "l38b_dsigma_du_latex_valid.tex",
                                  "p22_leibniz_chain_u_valid.txt"])
def test_leibniz_in_another_variable_is_never_called_wrong(name):
    u = sympy.Symbol("u")
    # the lecture's route holds: dσ/du = -1/u^2, du/dz = -e^-z, their product at u = 1 + e^-z is σ'
    assert numerically_equal((-1 / u ** 2).subs(u, 1 + exp(-Z)) * sympy.diff(1 + exp(-Z), Z),
                             sympy.diff(SIGMOID, Z))
    result = _check(name)
    assert result["errors"] == 0, [(l["index"], l["verdict"], l["text"]) for l in result["lines"]]
    assert result["unreadable"] == 0 and result["valid"]


def test_a_wrong_line_after_the_leibniz_route_is_still_caught():
    assert not _holds(exp(-Z) / (1 + exp(-Z)), sympy.diff(SIGMOID, Z))
    text = ("σ(z) = 1/(1+e^-z)\nu = 1 + e^-z\ndσ/du = -1/u^2\ndσ/dz = -1/u^2 · (-e^-z)\n"
            "= e^-z/(1+e^-z)\n")
    result = derive.check(text)
    assert result["first_error"] == 4


def test_a_consequence_on_the_same_row_is_checked():
    # "Let u = 1 + e^-z, so σ = u^-1": u^-1 is σ (true); "so σ = u^-2" is not, and is caught
    assert numerically_equal((1 + exp(-Z)) ** -1, SIGMOID)
    assert not _holds((1 + exp(-Z)) ** -2, SIGMOID)
    result = derive.check("σ(z) = 1/(1+e^-z)\nLet u = 1 + e^-z, so σ = u^-2.\n")
    assert result["first_error"] == 2


# --- S2 layout: bare rows with cases (#17), Beamer overlays (#18), code fences (#21),
# --- align inside $$ (#22), boxes and end marks (#23) -----------------------------------------------

SOFTPLUS = sympy.log(1 + exp(Z))


def test_bare_latex_rows_with_cases():
    # ReLU' = 1 on z > 0, 0 on z < 0 (sympy.diff per piece)
    assert sympy.diff(Z, Z) == 1 and sympy.diff(sympy.Integer(0), Z) == 0
    _assert_verdict(_check("l89_bare_rows_with_cases_valid.tex"), None)
    wrong = derive.check("g(z) = \\max(0, z)\ng'(z) = \\begin{cases} 1 & z > 0 \\\\ 1 & z < 0 \\end{cases}\n")
    assert wrong["first_error"] == 2


@pytest.mark.parametrize("name,first", [("l111_own_beamer_output_edited.tex", 4), ("l112_beamer_pause_wrong.tex", 3)])
def test_beamer_overlays_are_read_through(name, first):
    # l111: line 4 is -1/(1+e^-z)^2 · e^-z (the inner minus lost); l112: line 3 is σ(1 + σ)
    assert not _holds(-1 / (1 + exp(-Z)) ** 2 * exp(-Z), sympy.diff(SIGMOID, Z))
    assert not _holds(SIGMOID * (1 + SIGMOID), sympy.diff(SIGMOID, Z))
    _assert_verdict(_check(name), first)


@pytest.mark.parametrize("entry", ["sigmoid", "tanh", "softplus"])
def test_derives_own_beamer_output_checks_back(entry):
    from click.testing import CliRunner

    from derive.cli import cli
    slides = CliRunner().invoke(cli, [entry, "--format", "beamer"]).output
    assert "\\onslide" in slides
    result = derive.check(slides)
    assert result["valid"] and result["unreadable"] == 0 and len(result["lines"]) >= 3


def test_markdown_code_fence():
    assert numerically_equal(exp(Z) / (1 + exp(Z)), sympy.diff(SOFTPLUS, Z))
    assert numerically_equal(exp(Z) / (1 + exp(Z)) ** 2, sympy.diff(SOFTPLUS, Z, 2))
    _assert_verdict(_check("m51_code_fence_valid.md"), None)


def test_align_inside_double_dollars():
    _assert_verdict(_check("m96_jupyter_align_in_dollars_valid.md"), _first_wrong(
        SIGMOID, [(1, exp(-Z) / (1 + exp(-Z)) ** 2), (1, SIGMOID * (1 - SIGMOID))]))


@pytest.mark.parametrize("name", ["l67_boxed_answer_valid.tex", "l67b_qed_square_valid.tex"])
def test_boxed_answer_and_end_marks(name):
    _assert_verdict(_check(name), None)


@pytest.mark.parametrize("mark", ["∎", "✓", "\\blacksquare", "\\square", "\\boxed"])
def test_a_wrong_boxed_or_marked_answer_is_caught(mark):
    assert not _holds(SIGMOID * (1 + SIGMOID), sympy.diff(SIGMOID, Z))
    if mark == "\\boxed":
        text = "\\[ g(z) = \\frac{1}{1+e^{-z}} \\]\n\\[ g'(z) = \\boxed{g(z)(1+g(z))} \\]\n"
    elif mark.startswith("\\"):
        text = f"\\[ g(z) = \\frac{{1}}{{1+e^{{-z}}}} \\]\n\\[ g'(z) = g(z)(1+g(z)) \\qquad {mark} \\]\n"
    else:
        text = f"g(z) = 1/(1+e^-z)\ng'(z) = g(z)(1+g(z)) {mark}\n"
    result = derive.check(text)
    assert result["first_error"] == 2 and result["unreadable"] == 0


# --- finding 20: labels before a step; "- = ..." bullets ----------------------------------------------

@pytest.mark.parametrize("name,definition,lines", [
    ("p21_label_prefix_valid.txt", SIGMOID, [(1, exp(-Z) / (1 + exp(-Z)) ** 2)]),
    ("p40_label_exam_part_valid.txt", SIGMOID, [(1, exp(-Z) / (1 + exp(-Z)) ** 2), (1, SIGMOID * (1 - SIGMOID))]),
    ("p40b_label_name_valid.txt", SIGMOID, [(1, exp(-Z) / (1 + exp(-Z)) ** 2)]),
    ("m52_bold_steps_valid.md", SIGMOID, [(1, exp(-Z) / (1 + exp(-Z)) ** 2), (1, SIGMOID * (1 - SIGMOID))]),
    ("m116_bullets_with_equals_rows_valid.md", TANH, [(1, 1 - tanh(Z) ** 2), (1, 1 - TANH ** 2)]),
])
def test_labels_and_bullets(name, definition, lines):
    result = _check(name)
    _assert_verdict(result, _first_wrong(definition, lines))
    assert len(result["lines"]) == 1 + len(lines)


def test_softplus_with_a_named_first_sentence():
    x = sympy.Symbol("x", real=True)
    f = sympy.log(1 + exp(x))
    for line in (exp(x) / (1 + exp(x)), 1 / (exp(-x) + 1), 1 / (1 + exp(-x))):
        assert numerically_equal(line, sympy.diff(f, x), var=x)
    result = _check("p06_softplus_valid.txt")
    assert result["valid"] and result["unreadable"] == 0


@pytest.mark.parametrize("label", ["(b) ", "b) ", "**Step 2:** ", "Derivative: "])
def test_a_wrong_labelled_step_is_caught(label):
    assert not _holds(SIGMOID * (1 + SIGMOID), sympy.diff(SIGMOID, Z))
    result = derive.check(f"(a) g(z) = 1/(1+e^-z)\n{label}g'(z) = g(z)(1 + g(z))\n")
    assert result["first_error"] == 2 and result["unreadable"] == 0


# --- finding 31: the activation's own name as the definition -----------------------------------------

def test_activation_named_by_its_name():
    assert numerically_equal(exp(Z) / (1 + exp(Z)), sympy.diff(SOFTPLUS, Z))
    _assert_verdict(_check("l68_softplus_operatorname_def_valid.tex"), None)
    _assert_verdict(_check("p113_relu_named_def_valid.txt"), None)  # ReLU' = heaviside, z != 0


@pytest.mark.parametrize("text,first", [
    ("ReLU(z) = max(0, z)\nReLU'(z) = 0\n", 2),  # not the derivative on z > 0
    ("GELU(x) = x Phi(x)\nGELU'(x) = Phi(x) + x phi(x)\n", None),
    ("GELU(x) = x Phi(x)\nGELU'(x) = Phi(x) + phi(x)\n", 2),
    ("\\[ \\mathrm{ReLU}(z) = \\max(0, z) \\]\n\\[ \\frac{d}{dz}\\mathrm{ReLU}(z) = z \\]\n", 2),
])
def test_named_activation_against_sympy(text, first):
    x = sympy.Symbol("x", real=True)
    cdf = (1 + sympy.erf(x / sympy.sqrt(2))) / 2
    density = exp(-x ** 2 / 2) / sympy.sqrt(2 * sympy.pi)
    assert numerically_equal(cdf + x * density, sympy.diff(x * cdf, x), var=x)
    assert not _holds((cdf + density).subs(x, Z), sympy.diff(x * cdf, x).subs(x, Z))
    result = derive.check(text)
    assert result["first_error"] == first and result["unreadable"] == 0, result["lines"]


# --- finding 4, second part: two exercises in one file, σ then g: each checked in its own name ------

def test_two_exercises_in_one_file_are_never_called_wrong():
    assert numerically_equal(SIGMOID * (1 - SIGMOID), sympy.diff(SIGMOID, Z))
    assert numerically_equal(1 - tanh(Z) ** 2, sympy.diff(TANH, Z))
    result = _check("l115_two_exercises_one_file_valid.tex")
    assert result["errors"] == 0 and result["unreadable"] == 0 and result["valid"]
    second = [l for l in result["lines"] if l["row"] >= 12]
    assert [l["lhs"] for l in second] == ["g(z)", "g'(z)"]  # as written, never as σ(z) = tanh z
    assert second[0]["message"] == "defines g"


def test_left_side_in_another_variable_is_shown_as_written():
    result = _check("p38_dsigma_du_lhs_valid.txt")
    assert result["lines"][1]["lhs"] == "dσ/du"


# --- finding 33 (smaller): // comments, ÷, zero-width spaces --------------------------------------

@pytest.mark.parametrize("text,first", [
    ("g(z) = 1 ÷ (1+e^-z)\ng'(z) = g(z)(1 - g(z))  // by the chain rule\n", None),
    ("g(z) = 1/(1+e^-z)\ng'(z) = g(z)(1 + g(z))  // by the chain rule\n", 2),
    ("g(z) = 1/(1+e^-z)\ng'(z) = g(z)\u200b(1 - g(z))\n", None),
    ("g(z) = 1/(1+e^-z)\ng'(z) = g(z)\u200b(1 + g(z))\n", 2),
])
def test_small_typed_notation(text, first):
    assert numerically_equal(SIGMOID * (1 - SIGMOID), sympy.diff(SIGMOID, Z))
    assert not _holds(SIGMOID * (1 + SIGMOID), sympy.diff(SIGMOID, Z))
    result = derive.check(text)
    assert result["first_error"] == first and result["unreadable"] == 0
