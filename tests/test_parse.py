"""The safe parser: what it reads (against expressions built by hand), what it refuses."""

import pytest
from sympy import Abs, E, Max, Piecewise, Rational, Symbol, erf, exp, log, sqrt, tanh

from derive.engine.functions import sigmoid
from derive.parse import ParseError, read

z = Symbol("z", real=True)
alpha = Symbol("alpha", real=True)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1/(1+exp(-2*z))", 1 / (1 + exp(-2 * z))),
        ("z*tanh(log(1+exp(z)))", z * tanh(log(1 + exp(z)))),
        ("2z^2", 2 * z**2),
        ("z(1+z)", z * (1 + z)),
        ("(1+z)(1-z)", (1 + z) * (1 - z)),
        ("e^-z", exp(-z)),
        ("-z^2", -(z**2)),
        ("2^-z", 2 ** (-z)),
        ("z**3", z**3),
        ("0.1z", Rational(1, 10) * z),
        ("1e-3 z", Rational(1, 1000) * z),
        ("1/2z", z / 2),
        ("|z|/(1+|z|)", Abs(z) / (1 + Abs(z))),
        ("max(0, z)", Max(0, z)),
        ("where(z > 0, z, alpha(e^z - 1))", Piecewise((z, z > 0), (alpha * (exp(z) - 1), True))),
        ("sigma(z)(1 - σ(z))", sigmoid(z) * (1 - sigmoid(z))),
        ("g(z) = z·tanh(z)", z * tanh(z)),
        ("z − 1", z - 1),
        (r"\frac{1}{1+e^{-z}}", 1 / (1 + exp(-z))),
        (r"\frac{e^{z}-e^{-z}}{e^z+e^{-z}}", (exp(z) - exp(-z)) / (exp(z) + exp(-z))),
        (r"$\tanh z$", tanh(z)),
        (r"\sigma(z)\left(1-\sigma(z)\right)", sigmoid(z) * (1 - sigmoid(z))),
        (r"\alpha\left(e^{z} - 1\right)", alpha * (exp(z) - 1)),
        (r"\frac{z}{2}\left(1 + \operatorname{erf}\left(\frac{z}{\sqrt{2}}\right)\right)", z / 2 * (1 + erf(z / sqrt(2)))),
        (r"z \cdot \sigma(z)", z * sigmoid(z)),
        (r"\ln\left(1 + e^{z}\right)", log(1 + E**z)),
        # numbers are whole in LaTeX too: 100 is not 1 0 0; letters multiply, as in TeX
        (r"\frac{z}{100}", z / 100),
        (r"0.25 z", z / 4),
        (r"e^{-z/30}", exp(-z / 30)),
        (r"\frac{1}{1+e^{-kz}}", 1 / (1 + exp(-Symbol("k", real=True) * z))),
    ],
)
def test_reads(text, expected):
    assert read(text) == expected


def test_other_variable():
    x = Symbol("x", real=True)
    assert read("1/(1+exp(-x))", var="x") == 1 / (1 + exp(-x))


@pytest.mark.parametrize(
    "text, column, words",
    [
        ("1 + ", 5, "ends too early"),
        ("((z)", 5, "expected ')'"),
        ("z + )", 5, "unexpected ')'"),
        ("tahn(z)", 1, "did you mean 'tan' or 'tanh'"),
        ("exp z", 5, "exp needs its argument in brackets"),
        ("1/0", 3, "division by zero"),
        ("z^200", 2, "exponent 200 is too large"),
        ("9^9^9^9", 4, "too large to compute"),
        ("z $ 2", 3, "unexpected '$'"),
        (r"\input{/etc/passwd}", 1, r"\input is not read here"),
        (r"\frac{1}{1+e^{-z}} \\ z", 20, "not several lines"),
    ],
)
def test_errors_point_at_the_column(text, column, words):
    with pytest.raises(ParseError) as raised:
        read(text)
    assert raised.value.column == column
    assert words in str(raised.value)


def test_bounds():
    with pytest.raises(ParseError, match="at most 1000"):
        read("z+" * 600 + "z")
    with pytest.raises(ParseError, match="nested more than 40"):
        read("(" * 50 + "z" + ")" * 50)
    with pytest.raises(ParseError, match="more than 80 digits"):
        read("1" * 90 + "z")
