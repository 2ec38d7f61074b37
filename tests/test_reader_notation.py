"""The reader takes the notation students type in plain-text derivations: Unicode superscripts
(σ(z)², e⁻ᶻ, (1+e⁻ᶻ)⁻¹), the radical sign (√(1+z²), √z) and plain TeX's {a \\over b}.
What is read is compared with the expression built here by hand; where the notation could
mean two things it must be unreadable (never a guess), with a hint."""

from __future__ import annotations

import pytest
import sympy
from sympy import Rational, atanh, exp, sqrt, tanh

from derive.engine.functions import sigmoid
from derive.parse import ParseError, parse
from tests.helpers import Z, numerically_equal

beta = sympy.Symbol("beta", real=True)


@pytest.mark.parametrize("text, meant", [
    ("e⁻ᶻ", exp(-Z)),
    ("eᶻ", exp(Z)),
    ("1/(1+e⁻ᶻ)", 1 / (1 + exp(-Z))),
    ("(1+e⁻ᶻ)⁻¹", 1 / (1 + exp(-Z))),
    ("(1 + e⁻ᶻ)⁻²", (1 + exp(-Z)) ** -2),
    ("e⁻²ᶻ", exp(-2 * Z)),
    ("eᶻ⁻¹", exp(Z - 1)),  # the whole raised run is the exponent
    ("z²", Z ** 2),
    ("z²³", Z ** 23),  # one number, not z^(2^3)
    ("2³", sympy.Integer(8)),
    ("(1+z²)⁻³ᐟ²", (1 + Z ** 2) ** Rational(-3, 2)),
    ("e⁻ᵝᶻ", exp(-beta * Z)),
    ("e^(-z²)", exp(-Z ** 2)),  # a superscript inside a typed exponent's bracket is plain
    ("tanh⁻¹(z)", atanh(Z)),  # after a function's name, ⁻¹ is the inverse
    ("tanh²(z)", tanh(Z) ** 2),
    ("sigmoid(z)²", sigmoid(Z) ** 2),
    ("√(1+z²)", sqrt(1 + Z ** 2)),
    ("z/√(1+z²)", Z / sqrt(1 + Z ** 2)),
    ("√z", sqrt(Z)),
    ("1/√z", 1 / sqrt(Z)),
    ("√2/2", sqrt(2) / 2),
    ("2√z", 2 * sqrt(Z)),
    ("√tanh(z)", sqrt(tanh(Z))),
    ("√(1+z)·(1−z)", sqrt(1 + Z) * (1 - Z)),
])
def test_typed_notation_is_read_as_meant(text, meant):
    read = parse(text)
    assert read == meant, (text, read)


@pytest.mark.parametrize("text, meant", [
    (r"{1 \over 1+e^{-z}}", 1 / (1 + exp(-Z))),
    (r"{e^{-z} \over (1+e^{-z})^2}", exp(-Z) / (1 + exp(-Z)) ** 2),
    (r"e^{1 \over 2}", exp(Rational(1, 2))),  # the group that ^ takes stays one
    (r"\sqrt{1 \over z}", sqrt(1 / Z)),
    (r"\frac{{1 \over 2}}{z}", 1 / (2 * Z)),
    (r"{{1 \over z} \over 2}", 1 / (2 * Z)),
    (r"2{1\over z} + 1", 2 / Z + 1),
    (r"\sigma(z)²", sigmoid(Z) ** 2),
    (r"\frac{1}{1+e⁻ᶻ}", 1 / (1 + exp(-Z))),
    (r"\frac{1}{√z}", 1 / sqrt(Z)),
])
def test_latex_notation_is_read_as_meant(text, meant):
    read = parse(text, latex=True)
    assert read == meant, (text, read)


def test_a_superscript_order_is_a_derivative_after_a_function_name():
    g = sympy.Function("g")
    assert parse("σ⁽²⁾(z)", notation=True, function="sigma") == sympy.Derivative(g(Z), (Z, 2))
    assert parse("tanh⁽²⁾(z)", notation=True) == sympy.diff(tanh(Z), Z, 2)
    with pytest.raises(ParseError, match="derivative's order"):
        parse("(1+z)⁽²⁾", notation=True)  # not a function: neither an order nor (surely) a power


def test_the_over_derivative_operator_in_a_derivation():
    g = sympy.Function("g")
    for text in (r"{d \over dz} \sigma(z)", r"{d\sigma \over dz}"):
        read = parse(text, latex=True, notation=True, function="sigma")
        assert read == sympy.Derivative(g(Z), Z), (text, read)


@pytest.mark.parametrize("text, column, words", [
    ("√1+z", 3, "reads two ways"),  # √(1+z) or (√1)+z: plain text has no bar over the radicand
    ("√z+1", 3, "reads two ways"),
    ("√2z", 3, "reads two ways"),
    ("√z²", 3, "reads two ways"),  # √(z²) = |z| or (√z)² = z
    ("√(1+z)²", 7, "reads two ways"),
    ("√", 2, "√ of what"),
    ("e⁻", 2, "not read as an exponent"),
    ("z²⁻", 2, "not read as an exponent"),
    ("e⁻ᶻ²", 2, "not read as an exponent"),  # e^(-z²) or e^(-2z)? a superscript cannot be raised again
    ("g⁽²⁾(z)", 2, "derivative's order"),  # g is no function here: an order after a name only
    ("g⁽⁻¹⁾(z)", 2, "derivative's order"),
    ("z⁼", 2, "not read as an exponent"),
    ("e^(-z)²", 7, "reads two ways"),  # (e^(-z))² as it looks, or e^((-z)²) as ^ groups
    ("e^-z²", 5, "reads two ways"),
    ("z^2²", 4, "reads two ways"),
])
def test_what_reads_two_ways_is_unreadable(text, column, words):
    with pytest.raises(ParseError) as error:
        parse(text)
    assert error.value.column == column and words in error.value.reason, error.value


@pytest.mark.parametrize("text, column, words", [
    (r"1 \over 1+z", 3, "outside braces"),  # it would divide the whole line, = and all
    (r"{1 \over 2 \over 3}", 12, "two \\over"),
    (r"{\over 2}", 2, "above and below"),
    (r"e^{-z}²", 7, "reads two ways"),
])
def test_latex_that_reads_two_ways_is_unreadable(text, column, words):
    with pytest.raises(ParseError) as error:
        parse(text, latex=True)
    assert error.value.column == column and words in error.value.reason, error.value


def test_typed_and_superscript_forms_agree_numerically():
    # the same formula, typed with ^ and with superscripts: both equal the hand-built value
    truth = -(1 + exp(-Z)) ** -2 * (-exp(-Z))
    for text in ("-(1+e^(-z))^(-2)*(-e^(-z))", "−(1+e⁻ᶻ)⁻²·(−e⁻ᶻ)"):
        assert numerically_equal(parse(text), truth), text


def test_superscript_digits_make_one_number_and_stay_bounded():
    assert parse("z²³") == Z ** 23
    assert parse("e⁻¹²ᶻ") == exp(-12 * Z)
    for text in ("z⁹⁹⁹⁹⁹⁹", "2⁹⁹⁹⁹⁹⁹⁹⁹⁹"):
        with pytest.raises(ParseError, match="too large"):
            parse(text)


def test_nested_radicals_are_bounded():
    assert parse("√√z") == Z ** Rational(1, 4)
    with pytest.raises(ParseError, match="nested"):
        parse("√" * 50 + "z")


def test_scrambled_notation_is_read_or_refused_in_one_line():
    # superscripts, radicals and \over in any order: an expression or a ParseError, nothing else
    import random

    alphabet = list("z2e⁻ᶻ²³⁽⁾¹ᐟ√()+-*/^σ ˣ⁺.") + [r"\over", "{", "}", "tanh"]
    rng = random.Random(14)
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        for options in ({}, {"notation": True, "function": "sigma"}, {"latex": True}, {"latex": True, "notation": True}):
            try:
                parse(text, **options)
            except ParseError as error:
                assert "\n" not in str(error)


@pytest.mark.parametrize("text, meant", [
    ("½(1 + tanh(z/2))", (1 + tanh(Z / 2)) / 2),
    ("¼z", Z / 4),
    ("e^(½z)", exp(Z / 2)),
    ("(¾)²", Rational(9, 16)),
])
def test_fractions_in_one_character(text, meant):
    assert parse(text) == meant


def test_a_number_before_a_fraction_character_reads_two_ways():
    with pytest.raises(ParseError, match="reads two ways") as error:
        parse("2½")  # two and a half, or 2·½
    assert error.value.column == 2
