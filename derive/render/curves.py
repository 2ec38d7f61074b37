"""What a picture of g and g' draws: continuous stretches as lines, jumps as dots.

The samples (``derive.engine.samples``) break the curves at every boundary between
pieces.  Here each break is decided by what the derivation proved about the point: g
continuous there (ReLU, hardswish at -3 and 3, ELU at 0) is drawn through it and the
kink marked; a true jump (a step, the threshold) gets a filled dot at the value g takes
and an open dot at the limit it does not reach.  g' likewise: drawn through where g is
differentiable, open dots where the two one-sided slopes differ.  Both the matplotlib
plot and the notes' pgfplots picture draw from this.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..engine.derivation import Derivation
from ..engine.samples import samples

Point = tuple[float, float]


@dataclass(frozen=True)
class Curves:
    g: tuple[tuple[Point, ...], ...]  # the continuous stretches of g
    dg: tuple[tuple[Point, ...], ...]
    g_filled: tuple[Point, ...]  # at a jump: the value g takes
    g_open: tuple[Point, ...]  # at a jump: a limit g does not take
    dg_filled: tuple[Point, ...]
    dg_open: tuple[Point, ...]
    kinks: tuple[Point, ...]  # where g is continuous but has no derivative
    low: float
    high: float
    bottom: float
    top: float


def _number(x) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def curves(d: Derivation) -> Curves:
    s = samples(d)
    g_fill: dict[float, float] = {}
    dg_fill: dict[float, float] = {}
    g_filled, g_open, dg_filled, dg_open, kinks = [], [], [], [], []
    for k in d.kinks:
        p = _number(k.point)
        if p is None:
            continue
        value, left, right = _number(k.value), _number(k.left), _number(k.right)
        slopes = _number(k.left_slope), _number(k.right_slope)
        if k.continuous is not False and value is not None and left is not None and \
                math.isclose(left, value, abs_tol=1e-9) and right is not None and math.isclose(right, value, abs_tol=1e-9):
            g_fill[p] = value
            if k.differentiable is True and slopes[0] is not None:
                dg_fill[p] = slopes[0]
            else:
                kinks.append((p, value))
        else:
            if value is not None:
                g_filled.append((p, value))
            g_open.extend((p, v) for v in (left, right) if v is not None and (value is None or
                                                                               not math.isclose(v, value, abs_tol=1e-9)))
        if p not in dg_fill:
            dg_open.extend((p, v) for v in dict.fromkeys(x for x in slopes if x is not None))
    g = _segments(s.z, s.g, g_fill)
    dg = _segments(s.z, s.dg, dg_fill)
    finite = [v for seg in g + dg for _, v in seg] + [v for _, v in g_filled + g_open + dg_open]
    low, high = (min(finite), max(finite)) if finite else (-1.0, 1.0)
    low, high = max(low, -10.0), min(high, 10.0)
    pad = 0.08 * (high - low or 1)
    return Curves(tuple(g), tuple(dg), tuple(g_filled), tuple(g_open), tuple(dg_filled), tuple(dg_open),
                  tuple(kinks), s.low, s.high, low - pad, high + pad)


def _segments(zs, values, fill: dict[float, float]) -> list[tuple[Point, ...]]:
    """Runs of finite values; a break at a point in ``fill`` is filled with its value."""
    out: list[tuple[Point, ...]] = []
    run: list[Point] = []
    for z, v in zip(zs, values):
        if math.isnan(v) and z in fill:
            v = fill[z]
        if math.isnan(v):
            if run:
                out.append(tuple(run))
            run = []
        else:
            run.append((z, v))
    if run:
        out.append(tuple(run))
    return out
