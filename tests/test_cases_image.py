"""The values of g on a piece (engine/cases._image) are an interval between its ends only
where g turns nowhere inside: a slope of one sign on the whole line is told by SymPy's
assumptions, the rest by solveset; both give what solveset alone gives."""

import pytest
from sympy import Interval, S, exp, oo, solveset, sqrt

from derive import derive
from derive.engine import cases
from derive.engine.derivation import Branch, Derivation
from derive.engine.functions import variable

z = variable("z")

PIECES = [(z / sqrt(1 + z**2), -oo, 0), (z * (z + 3) / 6, -3, 3), (z / (1 - z), -oo, 0), (z**2 / 4 + z, -2, 0),
          (exp(z) - 1, -oo, 0), (z - z**3, -2, 2), (-z**2, 1, 4), (z**3, -1, 1)]


def _branch(expr, low, high):
    return Branch(low, high, Derivation(None, z, 1, expr, (), expr.diff(z), None, None))


@pytest.mark.parametrize("expr, low, high", PIECES, ids=str)
def test_a_piece_turns_exactly_where_solveset_says(expr, low, high):
    turns = solveset(expr.diff(z), z, Interval.open(low, high)) != S.EmptySet
    if turns:
        with pytest.raises(ValueError):
            cases._image(_branch(expr, low, high), z)
    else:
        image = cases._image(_branch(expr, low, high), z)
        # the ends' limits, lower first (by hand: ISRU from -1 to 0, z/(1 - z) from -1 to 0)
        assert image.low <= image.high


def test_isrlu_keeps_its_cases_in_g():
    d = derive("isrlu")
    assert [str(c) for _, c in d.in_terms_of_g_cases] == ["g < 0", "g > 0"]
