"""g and g' sampled on a range, for pictures: the numbers a plot draws.

The range is chosen per function: [-6, 6], widened to show every kink with room on
both sides.  Between pieces the curves are broken (a NaN), so a jump is not drawn as a
steep line.  Evaluation uses derive's own symbol in the generated code, never a name
from the input.
"""

from __future__ import annotations

import math

from sympy import Expr, Symbol, lambdify

from ..record import Record, record
from .derivation import Derivation


@record
class Samples(Record):
    z: tuple[float, ...]
    g: tuple[float, ...]
    dg: tuple[float, ...]
    low: float
    high: float


def samples(derivation: Derivation, *, count: int = 161) -> Samples:
    points = [float(k.point) for k in derivation.kinks if k.point.is_number]
    low = min([-6.0] + [p - 2 for p in points])
    high = max([6.0] + [p + 2 for p in points])
    g, dg = _function(derivation.definition, derivation.var), _function(derivation.derivative, derivation.var)
    zs, gs, dgs = [], [], []
    step = (high - low) / (count - 1)
    for i in range(count):
        z = low + i * step
        for p in points:  # a break just before each kink
            if z - step < p <= z:
                zs.append(p)
                gs.append(math.nan)
                dgs.append(math.nan)
        zs.append(z)
        gs.append(_value(g, z))
        dgs.append(_value(dg, z))
    return Samples(tuple(zs), tuple(gs), tuple(dgs), low, high)


def _function(expr: Expr, var: Symbol):
    x = Symbol("x", real=True)
    return lambdify(x, expr.xreplace({var: x}), modules="mpmath")


def _value(f, z: float) -> float:
    try:
        v = complex(f(z))
    except (ArithmeticError, TypeError, ValueError):
        return math.nan
    return v.real if abs(v.imag) < 1e-12 and math.isfinite(v.real) else math.nan
