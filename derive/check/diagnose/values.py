"""Lines as numbers: a line's values at the sample points (remembered), a parameter's value of
its own, and the comparisons a diagnosis makes of them (the same, a constant, a multiple, a
small fraction, near)."""

from __future__ import annotations

import zlib

from sympy import Expr, Float, Rational, Symbol, atan, tanh

from ...engine.functions import sigmoid
from ...engine.verify import close, quick_float
from ..equality import POINTS, points_key, value_at
from ..memo import Memo

SAMPLE = POINTS[:10]
#: pieces are also looked at here, past the sample's ±4: a line right again far out (hard
#: sigmoid's breakpoints written ±4) is wrong on a part of a piece, not on all of it
BEYOND_SAMPLE = tuple(Float(v, 30) for v in ("4.61", "-4.61", "5.83", "-5.83", "7.37", "-7.37", "9.71", "-9.71",
                                              "12.9", "-12.9"))
_BEYOND_IDS = frozenset(id(p) for p in BEYOND_SAMPLE)
TINY = Float("1e-25")
#: a line this close to the right one at every point (relative) is near it: a number rounded
NEAR = Float("0.01")

#: what a process remembers (``memo``): each a pure function of its key
_TABLE_FORMS = Memo("table forms", 256)
_VALUES = Memo("diagnosis values", 4096)


def table_forms(definition: Expr, z: Symbol) -> list[Expr]:
    """g as a function of the table (σ(z), tanh(z), arctan(z)) when it is one, whatever
    form the text used: a student who misremembers σ' does so for σ, not for 1/(1 + e^{-z})."""
    return list(_TABLE_FORMS.get((definition, z), lambda: _table_forms(definition, z)))


def _table_forms(definition: Expr, z: Symbol) -> tuple[Expr, ...]:
    values = sample_values(definition, z, SAMPLE)
    return tuple(f(z) for f in (sigmoid, tanh, atan) if same_values(values, sample_values(f(z), z, SAMPLE)))


def sample_values(expr: Expr, z: Symbol, points) -> tuple[Float | None, ...]:
    return _VALUES.get((expr, z, points_key(points)), lambda: _evaluated(expr, z, points))


def _evaluated(expr: Expr, z: Symbol, points) -> tuple[Float | None, ...]:
    """expr at the points; a free parameter (α, β, k) at a value of its own, the same in every
    expression a diagnosis compares (β missing is then a ratio of 1.37..., not undefined)."""
    free = expr.free_symbols - {z}
    if free:
        expr = expr.xreplace({p: parameter_value(p.name) for p in free})
    # past the sample only the quick evaluation: a side may be slow to evaluate far out (e^(e^(e^z)))
    return tuple(quick_float(expr, {z: p}) if id(p) in _BEYOND_IDS else value_at(expr, z, p) for p in points)


def parameter_value(name: str) -> Float:
    """A positive value in [0.6, 1.6) fixed by the parameter's name alone (crc32: no hash seed)."""
    return Float(Rational(600 + zlib.crc32(name.encode()) % 1000, 1000), 30)


def same_values(a: list, b: list) -> bool:
    pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    return len(pairs) >= 5 and all(close(x, y) for x, y in pairs)


def constant_value(values: list) -> Float | None:
    known = [v for v in values if v is not None]
    if len(known) >= 5 and all(close(v, known[0]) for v in known):
        return known[0]
    return None


def multiple_of(w: list, c: list) -> Float | None:
    """r with w = r c at every point where both are defined, the zeros of c included (ReLU' with
    its pieces swapped is 0 where the right one is 1, and 1 where it is 0: no multiple), or None."""
    r = constant_value(divided(w, c))
    if r is None or any(x is not None and y is not None and abs(y) <= TINY and not close(x, r * y)
                        for x, y in zip(w, c)):
        return None
    return r


def all_zero(values: list) -> bool:
    value = constant_value(values)
    return value is not None and abs(value) < TINY


def divided(a: list, b: list) -> list:
    return [x / y if x is not None and y is not None and abs(y) > TINY else None for x, y in zip(a, b)]


def small_fraction(x) -> Rational | None:
    """p/q with q ≤ 12 and |p| ≤ 48 equal to x, or None."""
    for q in range(1, 13):
        p = round(float(x) * q)
        if p != 0 and abs(p) <= 48 and abs(float(x) * q - p) < 1e-9:
            return Rational(p, q)
    return None


def relative_gap(w: list, c: list) -> Float | None:
    """The largest |w - c| over the largest |c|, at the points where both are defined (five at
    least; GELU' crosses 0: a gap relative to c itself would be large there), or None where
    they agree at some point (a line right here and wrong elsewhere is not near the right one)."""
    pairs = [(x, y) for x, y in zip(w, c) if x is not None and y is not None]
    size = max((abs(y) for _, y in pairs), default=0)
    if len(pairs) < 5 or size <= TINY or any(close(x, y) for x, y in pairs):
        return None
    return max(abs(x - y) for x, y in pairs) / size
