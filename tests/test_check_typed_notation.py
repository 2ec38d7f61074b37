"""`derive check` on derivations typed the way students type them: Unicode superscripts,
the radical sign, plain TeX's {a \\over b}.  Each line's right side is also built here by
hand; its truth (equal to the function, or to its derivative from sympy.diff, at points of
both signs) decides which line is the first wrong one, independently of derive."""

from __future__ import annotations

import pytest
import sympy
from click.testing import CliRunner
from sympy import exp, log, sqrt, tanh

import derive
from derive.cli import cli
from tests.helpers import Z, numerically_equal

S = 1 / (1 + exp(-Z))  # σ(z), by hand
T = (exp(Z) - exp(-Z)) / (exp(Z) + exp(-Z))
SP = log(1 + exp(Z))
SW = Z * S
ISRU = Z / sqrt(1 + Z ** 2)

#: name -> (the definition, then (typed line, its right side by hand, order of derivative it claims))
DERIVATIONS = {
    "sigmoid, superscripts": (S, [
        ("σ(z) = (1 + e⁻ᶻ)⁻¹", S, 0),
        ("σ'(z) = −(1 + e⁻ᶻ)⁻²·(−e⁻ᶻ)", -(1 + exp(-Z)) ** -2 * (-exp(-Z)), 1),
        ("= e⁻ᶻ/(1 + e⁻ᶻ)²", exp(-Z) / (1 + exp(-Z)) ** 2, 1),
        ("= σ(z) − σ(z)²", S - S ** 2, 1),
        ("= σ(z)(1 − σ(z))", S * (1 - S), 1),
    ]),
    "sigmoid, a sign dropped": (S, [
        ("σ(z) = 1/(1 + e⁻ᶻ)", S, 0),
        ("σ'(z) = −(1 + e⁻ᶻ)⁻²·(−e⁻ᶻ)", -(1 + exp(-Z)) ** -2 * (-exp(-Z)), 1),
        ("= −e⁻ᶻ/(1 + e⁻ᶻ)²", -exp(-Z) / (1 + exp(-Z)) ** 2, 1),
        ("= −σ(z)(1 − σ(z))", -S * (1 - S), 1),
    ]),
    "sigmoid, the order of a derivative as a superscript": (S, [
        ("σ(z) = 1/(1 + e⁻ᶻ)", S, 0),
        ("σ'(z) = σ(z)(1 − σ(z))", S * (1 - S), 1),
        ("σ⁽²⁾(z) = σ(z)(1 − σ(z))(1 − 2σ(z))", S * (1 - S) * (1 - 2 * S), 2),
    ]),
    "sigmoid, the second derivative's factor 2 dropped": (S, [
        ("σ(z) = 1/(1 + e⁻ᶻ)", S, 0),
        ("σ'(z) = σ(z)(1 − σ(z))", S * (1 - S), 1),
        ("σ⁽²⁾(z) = σ(z)(1 − σ(z))(1 − σ(z))", S * (1 - S) ** 2, 2),
    ]),
    "tanh, superscripts": (T, [
        ("tanh(z) = (eᶻ − e⁻ᶻ)/(eᶻ + e⁻ᶻ)", T, 0),
        ("tanh'(z) = ((eᶻ + e⁻ᶻ)² − (eᶻ − e⁻ᶻ)²)/(eᶻ + e⁻ᶻ)²",
         ((exp(Z) + exp(-Z)) ** 2 - (exp(Z) - exp(-Z)) ** 2) / (exp(Z) + exp(-Z)) ** 2, 1),
        ("= 1 − (eᶻ − e⁻ᶻ)²/(eᶻ + e⁻ᶻ)²", 1 - (exp(Z) - exp(-Z)) ** 2 / (exp(Z) + exp(-Z)) ** 2, 1),
        ("= 1 − tanh²(z)", 1 - tanh(Z) ** 2, 1),
    ]),
    "tanh, the quotient rule's minus as a plus": (T, [
        ("tanh(z) = (eᶻ − e⁻ᶻ)/(eᶻ + e⁻ᶻ)", T, 0),
        ("tanh'(z) = ((eᶻ + e⁻ᶻ)² + (eᶻ − e⁻ᶻ)²)/(eᶻ + e⁻ᶻ)²",
         ((exp(Z) + exp(-Z)) ** 2 + (exp(Z) - exp(-Z)) ** 2) / (exp(Z) + exp(-Z)) ** 2, 1),
        ("= 1 + tanh(z)²", 1 + tanh(Z) ** 2, 1),
    ]),
    "softplus, LaTeX with \\over": (SP, [
        (r"f(z) = \ln(1 + e^{z})", SP, 0),
        (r"f'(z) = {e^{z} \over 1 + e^{z}}", exp(Z) / (1 + exp(Z)), 1),
        (r"= {1 \over 1 + e^{-z}}", 1 / (1 + exp(-Z)), 1),
        (r"= (1 + e⁻ᶻ)⁻¹", 1 / (1 + exp(-Z)), 1),
    ]),
    "softplus, a sign slipped under \\over": (SP, [
        (r"f(z) = \ln(1 + e^{z})", SP, 0),
        (r"f'(z) = {e^{z} \over 1 + e^{z}}", exp(Z) / (1 + exp(Z)), 1),
        (r"= {1 \over 1 - e^{-z}}", 1 / (1 - exp(-Z)), 1),
    ]),
    "swish, superscripts": (SW, [
        ("f(z) = z·σ(z)", SW, 0),
        ("f'(z) = σ(z) + z·σ(z)(1 − σ(z))", S + Z * S * (1 - S), 1),
        ("= σ(z) + z·σ(z) − z·σ(z)²", S + Z * S - Z * S ** 2, 1),
    ]),
    "swish, a square where the product was": (SW, [
        ("f(z) = z·σ(z)", SW, 0),
        ("f'(z) = σ(z) + z·σ(z)(1 − σ(z))", S + Z * S * (1 - S), 1),
        ("= σ(z) + z·σ(z)² − z·σ(z)", S + Z * S ** 2 - Z * S, 1),
    ]),
    "ISRU, the radical sign": (ISRU, [
        ("f(z) = z/√(1 + z²)", ISRU, 0),
        ("f'(z) = 1/√(1 + z²) − z²/(1 + z²)^(3/2)", 1 / sqrt(1 + Z ** 2) - Z ** 2 / (1 + Z ** 2) ** sympy.Rational(3, 2), 1),
        ("= (1 + z²)⁻³ᐟ²", (1 + Z ** 2) ** sympy.Rational(-3, 2), 1),
    ]),
    "ISRU, the quotient rule with a plus": (ISRU, [
        ("f(z) = z/√(1 + z²)", ISRU, 0),
        ("f'(z) = 1/√(1 + z²) + z²/(1 + z²)^(3/2)", 1 / sqrt(1 + Z ** 2) + Z ** 2 / (1 + Z ** 2) ** sympy.Rational(3, 2), 1),
        ("= (1 + 2z²)/(1 + z²)^(3/2)", (1 + 2 * Z ** 2) / (1 + Z ** 2) ** sympy.Rational(3, 2), 1),
    ]),
}


def _first_wrong_by_hand(definition, lines) -> int | None:
    """The first line (1-based) whose hand-built value is not the true one, and that does not
    follow from the line before either (a carried error is not a new one)."""
    truths = {k: sympy.diff(definition, Z, k) for k in range(3)}
    previous, previous_order = None, 0
    for index, (_, value, order) in enumerate(lines, start=1):
        true = numerically_equal(value, truths[order])
        # a "= ..." line follows from the line before; a new left side from its derivative
        before = previous if previous is None or order == previous_order else sympy.diff(previous, Z)
        follows = previous is not None and numerically_equal(value, before)
        if not true and not follows:
            return index
        previous, previous_order = value, order
    return None


@pytest.mark.parametrize("name", DERIVATIONS)
def test_the_first_wrong_line_is_the_one_by_hand(name):
    definition, lines = DERIVATIONS[name]
    expected = _first_wrong_by_hand(definition, lines)
    result = derive.check("\n".join(text for text, _, _ in lines) + "\n")
    verdicts = [line["verdict"] for line in result["lines"]]
    assert "unreadable" not in verdicts, result["lines"]
    assert result["valid"] == (expected is None), verdicts
    assert result["first_error"] == expected, verdicts


def test_the_seeded_mistakes_are_mistakes_by_hand():
    # the premise of the test above: half the derivations are wrong, each at a line of its own
    firsts = {name: _first_wrong_by_hand(*DERIVATIONS[name]) for name in DERIVATIONS}
    assert firsts == {
        "sigmoid, superscripts": None, "sigmoid, a sign dropped": 3,
        "sigmoid, the order of a derivative as a superscript": None,
        "sigmoid, the second derivative's factor 2 dropped": 3,
        "tanh, superscripts": None, "tanh, the quotient rule's minus as a plus": 2,
        "softplus, LaTeX with \\over": None, "softplus, a sign slipped under \\over": 3,
        "swish, superscripts": None, "swish, a square where the product was": 3,
        "ISRU, the radical sign": None, "ISRU, the quotient rule with a plus": 2,
    }


@pytest.mark.parametrize("line, words", [
    ("= √1+e⁻ᶻ", "reads two ways"),
    ("= e^(-z)²", "reads two ways"),
    ("= σ⁽⁻¹⁾(z)", "derivative's order"),
])
def test_a_line_that_reads_two_ways_is_unreadable_not_wrong(line, words):
    result = derive.check(f"σ(z) = 1/(1 + e⁻ᶻ)\nσ'(z) = σ(z)(1 − σ(z))\n{line}\n")
    last = result["lines"][-1]
    assert last["verdict"] == "unreadable" and words in last["message"], last
    assert result["errors"] == 0


def test_the_command_line_grades_a_typed_file(tmp_path):
    right = tmp_path / "sigmoid.txt"
    right.write_text("σ(z) = (1 + e⁻ᶻ)⁻¹\nσ'(z) = e⁻ᶻ/(1 + e⁻ᶻ)²\n= σ(z)(1 − σ(z))\n", encoding="utf-8")
    wrong = tmp_path / "sigmoid-wrong.txt"
    wrong.write_text("σ(z) = (1 + e⁻ᶻ)⁻¹\nσ'(z) = e⁻ᶻ/(1 + e⁻ᶻ)\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["check", str(right)]).exit_code == 0
    result = CliRunner().invoke(cli, ["check", str(wrong), "--format", "json"])
    assert result.exit_code == 1
    assert '"first_error": 2' in result.stdout


# --- the orders of derivatives as documents type them -------------------------------------

@pytest.mark.parametrize("second", ["σ’’(z)", "σ″(z)", "σ^(2)(z)", "σ⁽²⁾(z)"])
def test_a_second_derivative_typed_any_way_is_read(second):
    # σ’ is a word processor's apostrophe; σ^(2) and σ⁽²⁾ are Lagrange's notation typed
    text = f"σ(z) = 1/(1 + e⁻ᶻ)\nσ’(z) = σ(z)(1 − σ(z))\n{second} = σ(z)(1 − σ(z))(1 − 2σ(z))\n"
    assert numerically_equal(S * (1 - S) * (1 - 2 * S), sympy.diff(S, Z, 2))  # the premise, by hand
    result = derive.check(text)
    assert result["valid"], result["lines"]
    assert [line["lhs"] for line in result["lines"]] == ["σ(z)", "σ'(z)", "σ''(z)"]


def test_a_third_derivative_with_three_primes_in_one_character():
    truth = sympy.diff(tanh(Z), Z, 3)
    written = -2 * (1 - tanh(Z) ** 2) * (1 - 3 * tanh(Z) ** 2)
    assert numerically_equal(written, truth)
    result = derive.check("g(z) = tanh(z)\ng’(z) = 1 − g(z)²\ng‴(z) = −2(1 − g(z)²)(1 − 3g(z)²)\n")
    assert result["valid"] and result["lines"][-1]["lhs"] == "g'''(z)", result["lines"]


def test_a_wrong_higher_derivative_gets_no_corrected_line_that_is_wrong():
    # σ''' written as σ: wrong; the table's σ' = σ(1 − σ) is no correction of a third derivative
    result = derive.check("s(z) = 1/(1+e^-z)\ns'(z) = s(z)(1-s(z))\ns'''(z) = s(z)\n")
    line = result["lines"][-1]
    assert line["verdict"] == "wrong" and result["first_error"] == 3
    assert line["corrected"] is None, line


@pytest.mark.parametrize("left", ["∂σ/∂z", "∂/∂z σ(z)", "∂/∂z [σ(z)]"])
def test_a_partial_sign_typed_for_one_variable_is_d(left):
    result = derive.check(f"σ(z) = 1/(1 + e⁻ᶻ)\n{left} = σ(z)(1 − σ(z))\n")
    assert result["valid"] and result["lines"][1]["lhs"] == "σ'(z)", result["lines"]


def test_a_line_whose_left_side_cannot_be_read_is_not_called_wrong():
    # "(d/dz)σ(z) = ..." is not read; its right side may be what that left side names (σ'), so
    # it is unreadable, not wrong after σ; the lines after it follow from it
    text = ("σ(z) = 1/(1 + e⁻ᶻ)\n(d/dz)σ(z) = σ(z)(1 − σ(z))\n= σ(z) − σ(z)²\n= σ(z) + σ(z)²\n"
            "σ''(z) = σ(z)(1 − σ(z))(1 − 2σ(z))\n")
    assert numerically_equal(S - S ** 2, S * (1 - S))  # line 4 follows from line 3, by hand
    assert not numerically_equal(S + S ** 2, S - S ** 2)  # line 5 does not
    assert numerically_equal(S * (1 - S) * (1 - 2 * S), sympy.diff(S, Z, 2))  # line 6 is σ''
    result = derive.check(text)
    verdicts = [line["verdict"] for line in result["lines"]]
    assert verdicts[1:3] == ["unreadable", "unreadable"], result["lines"]
    assert "its left side (d/dz)σ(z) could not be read" in result["lines"][2]["message"]
    assert verdicts[3] in ("proved", "numerically equal") and "follows from line 3" in result["lines"][3]["message"]
    assert verdicts[4] == "wrong" and result["first_error"] == 5
    assert verdicts[5] in ("proved", "numerically equal")


def test_the_sigmoid_through_tanh_with_fraction_characters():
    written = (1 + tanh(Z / 2)) / 2
    assert numerically_equal(written, S)  # by hand: σ(z) = ½(1 + tanh(z/2))
    assert numerically_equal((1 - tanh(Z / 2) ** 2) / 4, sympy.diff(written, Z))
    result = derive.check("σ(z) = ½(1 + tanh(z/2))\nσ'(z) = ¼(1 − tanh²(z/2))\n= ¼ sech²(z/2)\n")
    assert result["valid"], result["lines"]
    wrong = derive.check("σ(z) = ½(1 + tanh(z/2))\nσ'(z) = ½(1 − tanh²(z/2))\n")
    assert wrong["first_error"] == 2
