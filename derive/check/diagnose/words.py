"""Formulas, numbers and conditions as a diagnosis's sentence says them: in the author's names
(σ(x) where the text wrote σ(x)), in the parameters (−2α, not −2.58), a condition as an
interval reads (−1 < z < 1)."""

from __future__ import annotations

from sympy import Expr, Function, Interval, Rational, oo

from ...engine import forms
from ...engine.functions import g
from ...linear import linear
from .situation import Situation
from .values import parameter_value


def condition_words(condition: Expr) -> str:
    """z > 1, z ≤ -1, -1 < z < 1: a condition on the variable as an interval reads."""
    try:
        where = condition.as_set()
    except (NotImplementedError, TypeError, ValueError):
        return linear(condition)
    if not isinstance(where, Interval):
        return linear(condition)
    z = next(iter(condition.free_symbols))
    low = f"{linear(where.start)} {'<' if where.left_open else '≤'} " if where.start != -oo else ""
    high = f" {'<' if where.right_open else '≤'} {linear(where.end)}" if where.end != oo else ""
    if low and not high:
        return f"{z} {'>' if where.left_open else '≥'} {linear(where.start)}"
    return f"{low}{z}{high}"


def short(x) -> str:
    return f"{float(x):.6g}"


def in_parameters(x, s: Situation) -> str:
    """A number a diagnosis found, in the parameters where the lines have some (−2α, not the
    −2.58 of the value a parameter was given): a small fraction times one parameter, or the
    parameter's power; else the number where no parameter is in play, else "a constant"."""
    free = sorted((s.W.free_symbols | s.C.free_symbols | s.definition.free_symbols) - {s.z}, key=str)
    if not free or any(abs(float(x) * q - round(float(x) * q)) < 1e-9 for q in range(1, 13)):
        return short(x)  # a plain number (2, 1/2): the same whatever the parameters
    for p in free:
        value = float(parameter_value(p.name))
        for power in (1, -1, 2, -2):
            k = float(x) / value ** power
            for q in range(1, 13):
                if abs(k * q - round(k * q)) < 1e-9 and round(k * q) != 0:
                    coefficient = Rational(round(k * q), q)
                    return linear(coefficient * p ** power)
    return "a constant"


def formula(expr: Expr, s: Situation) -> str:
    """A formula for a message, in the author's names (σ(x) where the text wrote σ(x))."""
    if s.function != "g":
        expr = expr.xreplace({g(s.z): Function(s.function)(s.z)}) if expr.has(g(s.z)) else expr
    return linear(forms.as_written(expr))
