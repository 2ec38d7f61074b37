"""Equality for hand derivations: stricter about evidence than the engine needs to be.

A line typed by a person is compared with what it should equal by

1. evaluation at 24 fixed points of both signs (30 digits, absolute plus relative
   tolerance, points where either side is undefined skipped); a disagreement at two
   points or more is a counterexample, so one unlucky point near a pole proves nothing;
2. a symbolic proof attempt under a time bound (expansion, the exponentials as powers
   of one symbol, ``rewrite(exp)``, ``rewrite(Piecewise)``, ``simplify``).

``simplify(a - b) == 0`` alone is not trusted: it misses true identities and has known
false zeros.
"""

from __future__ import annotations

from sympy import Expr, Piecewise, Symbol

from ..engine.verify import Comparison, sample_points, proves_zero, sample

POINTS = sample_points(24, seed=4_10)


def compare(a: Expr, b: Expr, var: Symbol, *, seconds: float = 2.0) -> Comparison:
    agree, wrong = sample(a, b, var, POINTS)
    if len(wrong) >= 2:
        return Comparison("wrong", agree, wrong[0])
    if agree + len(wrong) < 3:
        return Comparison("undecided", agree)
    difference = a - b
    if proves_zero(difference, var, seconds=seconds) or (
        difference.has(Piecewise) is False and proves_zero(difference.rewrite(Piecewise), var, seconds=seconds)
    ):
        return Comparison("proved", agree)
    # one disagreement alone is no counterexample (a point near a pole, a cancellation):
    # the verdict rests on the points that agree
    return Comparison("numerically equal", agree)
