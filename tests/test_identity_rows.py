"""An identity "A = B" on a row of its own, then a "= C" row that goes on with the chain from
the line before the identity (not from B): C is checked against that line.

The truth of each line is established here with SymPy (sympy.diff, and the two sides
evaluated at points of both signs), not taken from the checker.
"""

import random

import pytest
from sympy import Rational, diff, exp, symbols

from derive.batch import check_text

z = symbols("z", real=True)
SIGMOID = 1 / (1 + exp(-z))
TANH = (exp(z) - exp(-z)) / (exp(z) + exp(-z))

#: (the text, the lines as sympy expressions: (g's derivative, A, B, C))
CASES = {
    "sigmoid": ("g(z) = 1/(1+e^{-z})\ng'(z) = e^{-z}/(1+e^{-z})^2\n1 - g(z) = e^{-z}/(1+e^{-z})\n"
                "= g(z)(1 - g(z))\n",
                SIGMOID, exp(-z) / (1 + exp(-z)) ** 2, 1 - SIGMOID, exp(-z) / (1 + exp(-z)),
                SIGMOID * (1 - SIGMOID)),
    "tanh": ("g(z) = tanh(z)\ng'(z) = 4/(e^z + e^{-z})^2\n(e^z + e^{-z})^2 - (e^z - e^{-z})^2 = 4\n"
             "= 1 - g(z)^2\n",
             TANH, 4 / (exp(z) + exp(-z)) ** 2, (exp(z) + exp(-z)) ** 2 - (exp(z) - exp(-z)) ** 2,
             4 + 0 * z, 1 - TANH ** 2),
}


def _equal(a, b):
    rng = random.Random(7)
    points = [Rational(rng.randint(-300, 300), 100) for _ in range(8)]
    return all(abs(complex((a - b).subs(z, p).evalf(30))) < 1e-20 for p in points)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_row_after_an_identity_goes_on_from_the_line_before_it(name):
    text, g, derivative, a, b, c = CASES[name]
    # the truth, independently: line 2 is g', A = B holds, C is g' and not B
    assert _equal(derivative, diff(g, z)) and _equal(a, b)
    assert _equal(c, diff(g, z)) and not _equal(c, b)
    chain, problem = check_text(text)
    assert problem is None and chain.problem is None
    got = [(line.step.index, line.verdict, line.follows) for line in chain.lines]
    assert [v for _, v, _ in got] == ["definition", "proved", "proved", "proved"], got
    assert got[3][2] == 2  # C follows from g'(z), the line before the identity
    assert chain.lines[2].step.claim is not None  # shown as the identity "A = B"
    assert chain.valid


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_wrong_identity_is_still_wrong_and_the_chain_goes_on(name):
    text, g, derivative, a, b, c = CASES[name]
    rows = text.splitlines()
    left, right = rows[2].split(" = ")
    wrong_b = right + " + 1"
    assert not _equal(a, b + 1)  # B + 1 is not A
    chain, _ = check_text("\n".join(rows[:2] + [f"{left} = {wrong_b}"] + rows[3:]) + "\n")
    assert [line.verdict for line in chain.lines] == ["definition", "proved", "wrong", "proved"]
    assert not chain.valid and chain.first_error == 3


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_wrong_row_after_the_identity_stays_wrong(name):
    """C changed so that it equals neither g' nor B: the reading of today (A a step of the
    chain), and the file is wrong."""
    text, g, derivative, a, b, c = CASES[name]
    rows = text.splitlines()
    wrong_c = c + 1
    assert not _equal(wrong_c, diff(g, z)) and not _equal(wrong_c, b)
    chain, _ = check_text("\n".join(rows[:3] + [rows[3] + " + 1"]) + "\n")
    assert not chain.valid
    assert chain.lines[-1].verdict == "wrong"
