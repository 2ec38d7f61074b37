"""The exact test of 0 for radicals of z: true identities proved, false ones never."""

from __future__ import annotations

import pytest
from sympy import Abs, Rational, Symbol, diff, exp, sqrt

from derive.engine.functions import variable
from derive.engine.radicals import radical_zero

z = variable("z")


def test_forms_in_g_of_the_catalog_are_proved():
    isru = z / sqrt(1 + z**2)
    assert radical_zero((1 - isru**2) ** Rational(3, 2) - diff(isru, z), z)
    squareplus = (z + sqrt(z**2 + 4)) / 2
    assert radical_zero(squareplus**2 / (squareplus**2 + 1) - diff(squareplus, z), z)
    softsign = z / (1 + z)  # its piece for z > 0: a fraction of z alone
    assert radical_zero((1 - softsign) ** 2 - diff(softsign, z), z)


def test_a_radical_of_a_quotient_with_a_positive_denominator_is_split():
    assert radical_zero(sqrt(1 / (z**2 + 1)) * sqrt(z**2 + 1) - 1, z)
    assert radical_zero((1 - z**2 / (z**2 + 1)) ** Rational(3, 2) - (z**2 + 1) ** Rational(-3, 2), z)


@pytest.mark.parametrize("difference", [
    sqrt(z**2) - z,  # |z|, not z
    sqrt((z + 1) ** 2) - (z + 1),
    sqrt(z**2 + 1) - (z + 1),
    (1 - (z / sqrt(1 + z**2)) ** 2) ** Rational(3, 2) - 2 / (1 + z**2) ** Rational(3, 2),
    sqrt(z**2 + 1) * sqrt(z**2 + 2) - sqrt((z**2 + 1) * (z**2 + 3)),
    z / (1 + z) - 1 / (1 + z),
    Abs(z) - z,
])
def test_what_is_not_identically_zero_is_never_proved(difference):
    assert not radical_zero(difference, z)


def test_what_it_does_not_handle_is_not_shown():
    k = Symbol("k", positive=True)
    assert not radical_zero(sqrt(z**2 + k) - sqrt(z**2 + k) * 1 + exp(z) - exp(z) + sqrt(z**2 + k) - z, z)
    assert not radical_zero(z ** k - z ** k * 2, z)
