"""Correct notation `derive check` used to call unreadable (review 2: #19, #24, #25, #26, #33, l106,
p36, m71): each now reads one way, and reading it never lets a wrong line pass.

Truth is set here, independently of derive: every line after the definition is written out by
hand in sympy and compared with sympy.diff of the definition (piecewise functions: sympy's
derivative of Max/Piecewise, a Heaviside step, compared at points of both signs away from the
kink).  Each correct text has a wrong twin in the same notation, caught at its line.
"""

from __future__ import annotations

import pytest
import sympy
from sympy import Heaviside, Max, Piecewise, Rational, exp, log, tanh

import derive
from tests.helpers import Z, numerically_equal

SIGMOID = 1 / (1 + exp(-Z))
TANH = tanh(Z)
RELU = Max(0, Z)
LEAKY = Piecewise((Z, Z >= 0), (Rational(1, 100) * Z, True))
ALPHA = sympy.Symbol("alpha", real=True)


def _first_wrong(definition, lines) -> int | None:
    """The first wrong line (the definition is line 1) of hand-written (order, expression) lines."""
    for k, (order, expr) in enumerate(lines, 2):
        if not numerically_equal(expr, sympy.diff(definition, Z, order)):
            return k
    return None


def _assert_checked(text: str, definition, lines) -> None:
    result = derive.check(text)
    assert result["unreadable"] == 0, [(line["index"], line["message"]) for line in result["lines"]]
    assert len(result["lines"]) == 1 + len(lines), [line["text"] for line in result["lines"]]
    first = _first_wrong(definition, lines)
    assert result["first_error"] == first, [(line["index"], line["verdict"], line["text"]) for line in result["lines"]]
    assert result["valid"] is (first is None)


def _align(*rows: str) -> str:
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n"


# --- two equations in one display (#19) --------------------------------------------------------

SIGMOID_PRIME = exp(-Z) / (1 + exp(-Z)) ** 2

TWO_EQUATIONS = [
    (r"\[ g(z) = \frac{1}{1+e^{-z}} \qquad g'(z) = \frac{e^{-z}}{(1+e^{-z})^2} \]", SIGMOID, [(1, SIGMOID_PRIME)]),
    (r"\[ g(z) = \frac{1}{1+e^{-z}} \qquad g'(z) = \frac{e^{-z}}{1+e^{-z}} \]", SIGMOID,
     [(1, exp(-Z) / (1 + exp(-Z)))]),
    (r"\[ g(z) = \tanh z \quad\Rightarrow\quad g'(z) = 1 - \tanh^2 z \]", TANH, [(1, 1 - tanh(Z) ** 2)]),
    (r"\[ g(z) = \tanh z \quad\Rightarrow\quad g'(z) = 1 + \tanh^2 z \]", TANH, [(1, 1 + tanh(Z) ** 2)]),
    ("\\[\ng(z) = \\tanh z, \\quad\ng'(z) = 1 - g(z)^2, \\quad g''(z) = -2g(z)(1 - g(z)^2)\n\\]", TANH,
     [(1, 1 - TANH ** 2), (2, -2 * TANH * (1 - TANH ** 2))]),
    ("\\[\ng(z) = \\tanh z, \\quad\ng'(z) = 1 - g(z)^2, \\quad g''(z) = 2g(z)(1 - g(z)^2)\n\\]", TANH,
     [(1, 1 - TANH ** 2), (2, 2 * TANH * (1 - TANH ** 2))]),
    ("\\[\ng(z) = \\begin{cases} z & z \\ge 0 \\\\ 0.01 z & z < 0 \\end{cases}\n\\qquad\n"
     "g'(z) = \\begin{cases} 1 & z > 0 \\\\ 0.01 & z < 0 \\end{cases}\n\\]", LEAKY,
     [(1, Piecewise((1, Z > 0), (Rational(1, 100), True)))]),
    ("\\[\ng(z) = \\begin{cases} z & z \\ge 0 \\\\ 0.01 z & z < 0 \\end{cases}\n\\qquad\n"
     "g'(z) = \\begin{cases} 1 & z > 0 \\\\ 0.01 z & z < 0 \\end{cases}\n\\]", LEAKY,
     [(1, Piecewise((1, Z > 0), (Z / 100, True)))]),
]


@pytest.mark.parametrize("text,definition,lines", TWO_EQUATIONS)
def test_two_equations_in_one_display_are_two_rows(text, definition, lines):
    _assert_checked(text, definition, lines)


def test_a_continuation_after_qquad_is_not_split_off():
    """"g(z) = ... \\qquad = ..." goes on with g: never read as a second equation."""
    text = r"\[ g(z) = \frac{1}{1+e^{-z}} \qquad = \frac{e^{z}}{1+e^{z}} \]" + "\n" + r"\[ g'(z) = g(z)(1-g(z)) \]"
    result = derive.check(text)
    assert [line["verdict"] for line in result["lines"]][0] == "definition"
    assert len(result["lines"]) == 3 and result["lines"][1]["row"] == 1 and result["lines"][1]["lhs"] in (None, "")
    assert numerically_equal(exp(Z) / (1 + exp(Z)), SIGMOID) and result["valid"]


# --- domain tails (#24), \mathrm dz --------------------------------------------------------------

@pytest.mark.parametrize("tail", [r", \quad z \in \mathbb{R}", r"\quad \forall z", r"\qquad \forall z \in \mathbb{R}",
                                  r"\quad \text{for all } z \in \mathbb{R}", r", \; z \in \R"])
@pytest.mark.parametrize("sign", ["-", "+"])
def test_a_domain_after_the_maths_is_a_remark_and_the_line_is_checked(tail, sign):
    text = _align(r"\sigma(z) &= \frac{1}{1+e^{-z}}" + tail,
                  r"\frac{\mathrm d}{\mathrm dz}\sigma(z) &= \frac{e^{-z}}{(1+e^{-z})^2}" + tail,
                  rf"&= \sigma(z)\left(1{sign}\sigma(z)\right)" + tail)
    lines = [(1, SIGMOID_PRIME), (1, SIGMOID * (1 - SIGMOID) if sign == "-" else SIGMOID * (1 + SIGMOID))]
    _assert_checked(text, SIGMOID, lines)


# --- ReLU' with a piece "undefined" at 0 (#25) ------------------------------------------------------

RELU_PRIME = Heaviside(Z)  # sympy.diff(Max(0, z)), away from 0


@pytest.mark.parametrize("cases,hand", [
    (r"1 & z > 0 \\ 0 & z < 0 \\ \text{undefined} & z = 0", Piecewise((1, Z > 0), (0, True))),
    (r"1 & z > 0 \\ \text{does not exist} & z = 0 \\ 0 & z < 0", Piecewise((1, Z > 0), (0, True))),
    (r"1 & z > 0 \\ 0 & z < 0 \\ \text{n/a} & z = 0", Piecewise((1, Z > 0), (0, True))),
    (r"0 & z > 0 \\ 1 & z < 0 \\ \text{undefined} & z = 0", Piecewise((0, Z > 0), (1, True))),
    (r"1 & z < 0 \\ 0 & z > 0 \\ \text{undefined} & z = 0", Piecewise((1, Z < 0), (0, True))),
])
def test_an_undefined_piece_at_one_point_is_left_out(cases, hand):
    assert numerically_equal(sympy.diff(RELU, Z), RELU_PRIME)
    text = _align(r"g(z) &= \max(0, z)", r"g'(z) &= \begin{cases} " + cases + r" \end{cases}")
    _assert_checked(text, RELU, [(1, hand)])
    result = derive.check(text)
    assert any("left out" in (line.get("remark") or "") for line in result["lines"])


@pytest.mark.parametrize("cases", [
    r"1 & z > 0 \\ \text{undefined} & z = 0",  # nothing for z < 0: a whole interval left out
    r"1 & z > 0 \\ \text{undefined} & z \le 0",  # undefined on an interval: no derivative
])
def test_an_undefined_piece_never_covers_an_interval(cases):
    text = _align(r"g(z) &= \max(0, z)", r"g'(z) &= \begin{cases} " + cases + r" \end{cases}")
    result = derive.check(text)
    assert result["lines"][1]["verdict"] == "unreadable" and not result["valid"]


# --- indicators (#26) -------------------------------------------------------------------------------

@pytest.mark.parametrize("written,hand", [
    (r"\mathbb{1}\{z > 0\}", Piecewise((1, Z > 0), (0, True))),
    (r"\mathbb{1}_{z > 0}", Piecewise((1, Z > 0), (0, True))),
    (r"\mathbb{1}[z>0]", Piecewise((1, Z > 0), (0, True))),
    (r"\mathbf{1}\{z \ge 0\}", Piecewise((1, Z >= 0), (0, True))),
    (r"\mathbb{I}(z > 0)", Piecewise((1, Z > 0), (0, True))),
    (r"\operatorname{step}(z)", Heaviside(Z)),
    (r"\mathbb{1}\{z < 0\}", Piecewise((1, Z < 0), (0, True))),
    (r"1 - \mathbb{1}_{z > 0}", 1 - Piecewise((1, Z > 0), (0, True))),
    (r"z\,\mathbb{1}\{z > 0\}", Z * Piecewise((1, Z > 0), (0, True))),
])
def test_the_indicator_reads_as_one_where_its_condition_holds(written, hand):
    _assert_checked(_align(r"g(z) &= \max(0, z)", "g'(z) &= " + written), RELU, [(1, hand)])


def test_leaky_relu_as_a_sum_of_indicators():
    text = _align(r"g(z) &= \max(\alpha z, z)", r"g'(z) &= \mathbb{1}\{z>0\} + \alpha\,\mathbb{1}\{z<0\}")
    result = derive.check(text)
    hand = Piecewise((1, Z > 0), (0, True)) + ALPHA * Piecewise((1, Z < 0), (0, True))
    small = {ALPHA: Rational(7, 10)}  # max(αz, z) is leaky ReLU for 0 < α < 1
    assert numerically_equal(hand.subs(small), sympy.diff(Max(ALPHA * Z, Z), Z).subs(small))
    assert result["unreadable"] == 0 and result["valid"]


@pytest.mark.parametrize("written,hint", [
    (r"\Theta(z)", r"\mathbb{1}\{z > 0\}"), (r"H(z)", r"\mathbb{1}\{z > 0\}"), (r"\theta(z)", "heaviside"),
    (r"\mathbb{R}", r"\mathbb{1}"),
])
def test_step_letters_stay_unreadable_and_name_the_readable_spellings(written, hint):
    result = derive.check(_align(r"g(z) &= \max(0, z)", "g'(z) &= " + written))
    line = result["lines"][1]
    assert line["verdict"] == "unreadable" and hint in line["message"]


# --- Newton's dot (l106) ---------------------------------------------------------------------------

@pytest.mark.parametrize("left,right,hand", [
    (r"\dot\sigma(z)", r"\sigma(z)\left(1-\sigma(z)\right)", SIGMOID * (1 - SIGMOID)),
    (r"\dot{\sigma}(z)", r"\sigma(z)\left(1+\sigma(z)\right)", SIGMOID * (1 + SIGMOID)),
    (r"\dot{g}(z)", r"\frac{e^{-z}}{(1+e^{-z})^2}", SIGMOID_PRIME),
])
def test_a_dot_over_the_function_is_its_derivative(left, right, hand):
    name = "g" if "g" in left else r"\sigma"
    _assert_checked(_align(name + r"(z) &= \frac{1}{1+e^{-z}}", left + " &= " + right), SIGMOID, [(1, hand)])


def test_two_dots_are_the_second_derivative():
    text = _align(r"g(z) &= \tanh z", r"\dot g(z) &= 1 - g(z)^2", r"\ddot g(z) &= 2g(z)(1 - g(z)^2)")
    _assert_checked(text, TANH, [(1, 1 - TANH ** 2), (2, 2 * TANH * (1 - TANH ** 2))])


# --- a definition by pieces as a sentence, plain text (p36) ----------------------------------------

@pytest.mark.parametrize("le", ["≤", "<="])
@pytest.mark.parametrize("last,added", [("g(z) + α", ALPHA), ("g(z) + 2α", 2 * ALPHA)])
def test_elu_defined_as_a_sentence_with_headings(le, last, added):
    text = (f"g(z) = z for z > 0, α(e^z − 1) for z {le} 0\nFor z > 0:\ng'(z) = 1\nFor z {le} 0:\n"
            f"g'(z) = αe^z\n= {last}\n")
    positive, negative = Z, ALPHA * (exp(Z) - 1)  # ELU's pieces
    assert sympy.diff(positive, Z) == 1 and sympy.simplify(sympy.diff(negative, Z) - ALPHA * exp(Z)) == 0
    last_right = sympy.simplify(negative + added - sympy.diff(negative, Z)) == 0
    result = derive.check(text)
    assert result["unreadable"] == 0, [line["message"] for line in result["lines"]]
    assert len(result["lines"]) == 4
    assert result["first_error"] == (None if last_right else 4)


def test_a_definition_sentence_that_leaves_an_interval_out_is_unreadable():
    result = derive.check("g(z) = z for z > 0\ng'(z) = 1\n")
    assert result["lines"][0]["verdict"] == "unreadable" or result["problem"]


# --- a definition inline in a Markdown sentence (m71) ----------------------------------------------

def _softplus_markdown(second: str) -> str:
    return ("Let $g(z) = \\ln(1 + e^z)$ be the softplus.\n\nWe differentiate:\n\n"
            "$g'(z) = \\frac{e^z}{1+e^z}$\n\nand once more,\n\n$g''(z) = " + second + "$\n")


@pytest.mark.parametrize("second,hand", [
    (r"\sigma(z)(1-\sigma(z))", SIGMOID * (1 - SIGMOID)),
    (r"\sigma(z)(1+\sigma(z))", SIGMOID * (1 + SIGMOID)),
])
def test_the_definition_may_be_inline_in_a_sentence(second, hand):
    softplus = log(1 + exp(Z))
    _assert_checked(_softplus_markdown(second), softplus, [(1, exp(Z) / (1 + exp(Z))), (2, hand)])


def test_an_inline_definition_counts_only_where_no_row_defines_the_function():
    text = ("Compare $g(z) = \\tanh z$ from last week.\n\n$$g(z) = \\frac{1}{1+e^{-z}}$$\n\n"
            "$$g'(z) = g(z)(1-g(z))$$\n")
    _assert_checked(text, SIGMOID, [(1, SIGMOID * (1 - SIGMOID))])


# --- plain-text tails, ÷, zero-width space, messages (#33) -------------------------------------------

@pytest.mark.parametrize("sign", ["-", "+"])
@pytest.mark.parametrize("tail", ["  // by the chain rule", " (using 1 - g(z) = e^-z/(1+e^-z))",
                                  " [since 1 - g(z) = g(-z)]"])
def test_plain_remarks_after_a_step_are_dropped_and_the_step_checked(tail, sign):
    text = f"g(z) = 1 ÷ (1+e^-z)\ng'(z) = e^-z/(1+e^-z)^2\n= g(z)(1 {sign} g(z)){tail}\n"
    _assert_checked(text, SIGMOID, [(1, SIGMOID_PRIME), (1, SIGMOID * (1 - SIGMOID) if sign == "-"
                                                         else SIGMOID * (1 + SIGMOID))])


def test_a_zero_width_space_is_ignored():
    _assert_checked("g(z) = 1/(1+e^-z)\ng'(z) = g(z)\u200b(1 - g(z))\n", SIGMOID, [(1, SIGMOID * (1 - SIGMOID))])


def test_both_columns_of_an_unclosed_bracket_count_from_the_row():
    result = derive.check("g(z) = 1/(1+e^-z)\ng'(z) = g(z)(1 - g(z)\n")
    message = result["lines"][1]["message"]
    row = "g'(z) = g(z)(1 - g(z)"
    assert f"at column {row.index('(1') + 1}" in message, message


@pytest.mark.parametrize("frac,part", [(r"\frac{}{1+e^{-z}}", "numerator"), (r"\frac{1}{}", "denominator")])
def test_an_empty_fraction_part_is_named(frac, part):
    result = derive.check(r"\[ g(z) = " + frac + r" \]" + "\n" + r"\[ g'(z) = 0 \]")
    messages = " ".join(line.get("message") or "" for line in result["lines"]) + (result["problem"] or "")
    assert f"empty {part}" in messages


# --- substitution with Leibniz's chain rule: u = 1 + e^-z, dσ/du, du/dz (#9) -------------------------

U = sympy.Symbol("u", real=True)
INNER = 1 + exp(-Z)  # u, as the text names it; σ written in u is 1/u (by hand)


def _route(dsigma_du: str, du_dz: str, product: str, latex: bool = False) -> str:
    if latex:
        return _align(r"\sigma(z) &= \frac{1}{1+e^{-z}}", r"u &= 1 + e^{-z}", r"\frac{d\sigma}{du} &= " + dsigma_du,
                      r"\frac{du}{dz} &= " + du_dz, r"\frac{d\sigma}{dz} &= \frac{d\sigma}{du}\cdot\frac{du}{dz}",
                      "&= " + product)
    return (f"σ(z) = 1/(1+e^-z)\nu = 1 + e^-z\ndσ/du = {dsigma_du}\ndu/dz = {du_dz}\ndσ/dz = dσ/du · du/dz\n"
            f"= {product}\n")


def _route_truth(dsigma_du, du_dz, product) -> int | None:
    """The first wrong line (σ is line 1, u = ... is no step): dσ/du against d/du (1/u), du/dz against
    d/dz u, the product line against σ', the last against σ'."""
    sigma_prime = sympy.diff(SIGMOID, Z)
    assert numerically_equal(sympy.diff(1 / U, U).subs(U, INNER) * sympy.diff(INNER, Z), sigma_prime)
    checks = [numerically_equal(dsigma_du.subs(U, INNER), sympy.diff(1 / U, U).subs(U, INNER)),
              numerically_equal(du_dz, sympy.diff(INNER, Z)), True,
              numerically_equal(product.subs(U, INNER), sigma_prime)]
    return next((k for k, right in enumerate(checks, 2) if not right), None)


ROUTES = [
    (("-1/u^2", "-e^-z", "-1/u^2 · (-e^-z)"), (-1 / U ** 2, -exp(-Z), -1 / U ** 2 * -exp(-Z))),
    (("-1/u", "-e^-z", "-1/u^2 · (-e^-z)"), (-1 / U, -exp(-Z), -1 / U ** 2 * -exp(-Z))),
    (("-1/u^2", "e^-z", "-1/u^2 · (-e^-z)"), (-1 / U ** 2, exp(-Z), -1 / U ** 2 * -exp(-Z))),
    (("-1/u^2", "-e^-z", "-1/u · (-e^-z)"), (-1 / U ** 2, -exp(-Z), -1 / U * -exp(-Z))),
    (("-u^-2", "-e^-z", "e^-z/u^2"), (-U ** -2, -exp(-Z), exp(-Z) / U ** 2)),
]
LATEX_ROUTES = [
    ((r"-\frac{1}{u^2}", r"-e^{-z}", r"\frac{e^{-z}}{u^2}"), (-1 / U ** 2, -exp(-Z), exp(-Z) / U ** 2)),
    ((r"\frac{1}{u^2}", r"-e^{-z}", r"\frac{e^{-z}}{u^2}"), (1 / U ** 2, -exp(-Z), exp(-Z) / U ** 2)),
    ((r"-\frac{1}{u^2}", r"-e^{-z}", r"\frac{e^{-z}}{u}"), (-1 / U ** 2, -exp(-Z), exp(-Z) / U)),
]


@pytest.mark.parametrize("written,hand", ROUTES + LATEX_ROUTES)
def test_the_leibniz_route_is_read_and_each_line_checked(written, hand):
    result = derive.check(_route(*written, latex=(written, hand) in LATEX_ROUTES))
    assert result["unreadable"] == 0, [(line["index"], line["message"]) for line in result["lines"]]
    assert len(result["lines"]) == 5
    assert result["first_error"] == _route_truth(*hand), [(line["index"], line["verdict"]) for line in result["lines"]]


def test_the_leibniz_route_with_let_and_so():
    text = ("σ(z) = 1/(1+e^-z)\nLet u = 1 + e^-z, so σ = u^-1.\ndσ/du = -u^-2\ndu/dz = -e^-z\n"
            "dσ/dz = dσ/du · du/dz\n= -u^-2 · (-e^-z)\n= e^-z/(1+e^-z)^2\n")
    assert numerically_equal((1 / U).subs(U, INNER), SIGMOID)
    result = derive.check(text)
    assert result["unreadable"] == 0 and result["valid"]
    wrong = derive.check(text.replace("= e^-z/(1+e^-z)^2", "= e^-z/(1+e^-z)"))
    assert wrong["first_error"] == 7


def test_a_derivative_in_u_of_a_function_not_written_in_u_alone_stays_unreadable():
    """z/(1 + e^-z) in u = 1 + e^-z still has z: dg/du is not g's derivative in u, never guessed."""
    result = derive.check("g(z) = z/(1+e^-z)\nu = 1 + e^-z\ndg/du = -z/u^2\ndg/dz = 1/u + z e^-z/u^2\n")
    assert result["lines"][1]["verdict"] == "unreadable" and result["errors"] == 0


# --- two exercises in one file: g defined anew after a derivation (l115) ------------------------------

def _two_exercises(first_prime: str, second_prime: str, gap: str = "\n") -> str:
    return f"g(z) = tanh(z)\ng'(z) = {first_prime}\n{gap}g(z) = 1/(1+e^-z)\ng'(z) = {second_prime}\n= g(z) - g(z)^2\n"


@pytest.mark.parametrize("first,second,hand", [
    ("1 - g(z)^2", "g(z)(1 - g(z))", (1 - TANH ** 2, SIGMOID * (1 - SIGMOID))),
    ("1 - g(z)^2", "g(z)(1 + g(z))", (1 - TANH ** 2, SIGMOID * (1 + SIGMOID))),
    ("1 + g(z)^2", "g(z)(1 - g(z))", (1 + TANH ** 2, SIGMOID * (1 - SIGMOID))),
])
def test_a_second_exercise_is_checked_against_its_own_definition(first, second, hand):
    result = derive.check(_two_exercises(first, second, gap="\nExercise 2.\n"))
    truth = [numerically_equal(hand[0], sympy.diff(TANH, Z)), True,
             numerically_equal(hand[1], sympy.diff(SIGMOID, Z)),
             numerically_equal(SIGMOID - SIGMOID ** 2, sympy.diff(SIGMOID, Z))]
    expected = next((k for k, right in enumerate(truth, 2) if not right), None)
    assert result["unreadable"] == 0 and [line["verdict"] for line in result["lines"]][2] == "definition"
    assert result["first_error"] == expected
    assert result["score"]["lines"] == 3  # the definitions are given, not graded


def test_g_redefined_in_the_same_block_is_still_a_wrong_line():
    """No blank line or prose between: g(z) = σ after g = tanh is a step, and not tanh."""
    assert not numerically_equal(SIGMOID, TANH)
    result = derive.check(_two_exercises("1 - g(z)^2", "g(z)(1 - g(z))", gap=""))
    assert result["first_error"] == 3


def test_g_restated_after_a_blank_line_is_a_step_checked_against_g():
    text = "g(z) = tanh(z)\ng'(z) = 1 - g(z)^2\n\ng(z) = 2/(1+e^(-2z)) - 1\ng'(z) = 1 - g(z)^2\n"
    assert numerically_equal(2 / (1 + exp(-2 * Z)) - 1, TANH)
    result = derive.check(text)
    assert [line["verdict"] for line in result["lines"]][2] != "definition" and result["valid"]
    # without a derivative line before it, a different g is no second exercise: a wrong step
    assert not numerically_equal(2 / (1 + exp(-2 * Z)), TANH)
    wrong = derive.check("g(z) = tanh(z)\n\ng(z) = 2/(1+e^(-2z))\ng'(z) = 1 - g(z)^2\n")
    assert wrong["first_error"] == 2
