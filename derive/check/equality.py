"""Equality for hand derivations: stricter about evidence than the engine needs to be.

A line typed by a person is compared with what it should equal by

1. evaluation at 24 fixed points of both signs (30 digits, absolute plus relative
   tolerance, points where either side is undefined skipped); a disagreement at two
   points or more is a counterexample, so one unlucky point near a pole proves nothing;
2. a symbolic proof attempt under a time bound (expansion, the exponentials as powers
   of one symbol, ``rewrite(exp)``, ``rewrite(Piecewise)``, ``simplify``).

``simplify(a - b) == 0`` alone is not trusted: it misses true identities and has known
false zeros.

The same values and comparisons come back again and again (a line is compared with the
line before it, then is the line before the next; the true derivative is every file's;
a class writes the same lines), so each expression's values at the points and each
comparison are remembered (``memo``): the points and the decisions are exactly those of
``engine.verify.sample``, computed once.
"""

from __future__ import annotations

import signal
import threading

from sympy import Expr, Piecewise, Symbol

from ..engine.verify import (PARAMETER_VALUES, Comparison, close, evaluate, proves_zero, quick_decision,
                             quick_value, sample_points)
from .memo import Memo

POINTS = sample_points(24, seed=4_10)

#: (a, b, var, seconds) -> Comparison
_COMPARED = Memo("comparisons", 4096)
#: (expr, var, parameters) -> per point: its quick (value, error), None (no quick value), or _UNSEEN
_QUICK = Memo("quick values", 4096)
#: (expr, var, parameters) -> per point: its 30-digit value by evalf, None (undefined), or _UNSEEN
_EXACT = Memo("evalf values", 4096)
_UNSEEN = object()


def compare(a: Expr, b: Expr, var: Symbol, *, seconds: float = 2.0) -> Comparison:
    key = (a, b, var, seconds)
    known = _COMPARED.lookup(key)
    if known is not None:
        return known
    agree, wrong = sample(a, b, var)
    if len(wrong) >= 2:
        return _kept(key, Comparison("wrong", agree, wrong[0]))
    if agree + len(wrong) < 3:
        return _kept(key, Comparison("undecided", agree))
    undisturbed = _undisturbed(seconds)
    difference = a - b
    if proves_zero(difference, var, seconds=seconds) or (
        difference.has(Piecewise) is False and proves_zero(difference.rewrite(Piecewise), var, seconds=seconds)
    ):
        return _kept(key, Comparison("proved", agree))
    # one disagreement alone is no counterexample (a point near a pole, a cancellation):
    # the verdict rests on the points that agree
    result = Comparison("numerically equal", agree)
    # a proof that failed only because the file's own deadline interrupted it is not the
    # proof's verdict: not remembered
    return _kept(key, result) if undisturbed else result


def _kept(key: tuple, result: Comparison) -> Comparison:
    _COMPARED.put(key, result)
    return result


def _undisturbed(seconds: float) -> bool:
    """No enclosing alarm (the file's --timeout) can fire during the two proof attempts
    (each bounded by 1.5 × seconds), so a failed proof is the proofs' own verdict."""
    if not hasattr(signal, "getitimer") or threading.current_thread() is not threading.main_thread():
        return True  # no alarm here at all: nothing interrupts a proof
    remaining = signal.getitimer(signal.ITIMER_REAL)[0]
    return remaining == 0 or remaining > 3 * seconds + 1


def sample(a: Expr, b: Expr, var: Symbol) -> tuple[int, list]:
    """``engine.verify.sample(a, b, var, POINTS)``, each side's values at the points
    remembered: (how many points agree, the points (z, a, b) that disagree)."""
    params = sorted((a.free_symbols | b.free_symbols) - {var}, key=lambda s: s.name)
    at_params = tuple((p, PARAMETER_VALUES[i % len(PARAMETER_VALUES)]) for i, p in enumerate(params))
    left_quick, right_quick = _values(_QUICK, a, var, at_params), _values(_QUICK, b, var, at_params)
    left_exact = right_exact = None
    agree, wrong = 0, []
    for i, point in enumerate(POINTS):
        left = _value_at(left_quick, i, quick_value, a, var, point, at_params)
        right = _value_at(right_quick, i, quick_value, b, var, point, at_params) if left is not None else None
        quick = quick_decision(left, right) if right is not None else None
        if quick is True:
            agree += 1
            continue
        if quick is not None:
            wrong.append((point, *quick))
            continue
        if left_exact is None:
            left_exact, right_exact = _values(_EXACT, a, var, at_params), _values(_EXACT, b, var, at_params)
        left = _value_at(left_exact, i, evaluate, a, var, point, at_params)
        right = _value_at(right_exact, i, evaluate, b, var, point, at_params)
        if left is None or right is None:
            continue
        if close(left, right):
            agree += 1
        else:
            wrong.append((point, left, right))
    return agree, wrong


def _values(memo: Memo, expr: Expr, var: Symbol, at_params: tuple) -> list:
    return memo.get((expr, var, at_params), lambda: [_UNSEEN] * len(POINTS))


def _value_at(values: list, i: int, how, expr: Expr, var: Symbol, point, at_params: tuple):
    value = values[i]
    if value is _UNSEEN:
        value = values[i] = how(expr, {var: point, **dict(at_params)})
    return value
