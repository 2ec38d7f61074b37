"""The proof that g'(z) is no function of g(z) alone: two points with equal g and unequal g'.

A form g'(z) = F(g(z)) exists only if equal values of g come with equal slopes.  An
activation with a minimum or maximum (swish, GELU, mish, the Gaussian) has two points
either side of it where g is equal and g' has opposite signs: no F can exist, and the
two points are the proof.  ``witness`` finds them and keeps them only if they show it
beyond doubt at 30 digits.

The slope is scanned on a grid for its first change of sign (in floats where their error
bound gives the sign, at 30 digits where it does not); the turning point and a point
left of it where g takes the value it has half a unit right of the turn are found in
floats and settled at 30 digits (``_in_floats``); where floats cannot take the
functions, a 30-digit scan through ``lambdify`` finds the same points (``_find``).
"""

from __future__ import annotations

import mpmath
from sympy import Expr, Float, Symbol, lambdify

from ..record import Record, record
from . import floats
from .verify import QUICK_DIGITS, beyond_reach, digits, quick_memory, quick_value


@record
class Witness(Record):
    """g(first) = g(second) while g'(first) != g'(second): no F(g) can give both slopes."""

    first: float
    second: float
    value: float  # g at both
    slopes: tuple[float, float]



def witness(definition: Expr, derivative: Expr, var: Symbol) -> Witness | None:
    """Two points showing that g' is not a function of g, if g turns on [-6, 6]."""
    if definition.free_symbols - {var}:
        return None  # parameters left symbolic: the shape depends on their values
    signs = _slope_signs(derivative, var)
    if signs is not None and None not in signs and len(set(signs)) == 1:
        return None  # no turning point on the grid: what the 30-digit scan would find, sooner
    if signs is not None:
        found = _in_floats(definition, derivative, var, signs)
        if found is not _SLOW:
            return found
    if any(beyond_reach(derivative, {var: _point(x)}) for x in GRID):
        return None  # a 30-digit scan would write out numbers of 10^15 digits and more
    x = Symbol("x", real=True)  # the generated code names only derive's own symbol
    try:
        g = lambdify(x, definition.xreplace({var: x}), modules="mpmath")
        dg = lambdify(x, derivative.xreplace({var: x}), modules="mpmath")
    except Exception:  # noqa: BLE001 -- a function mpmath cannot evaluate has no witness
        return None
    with digits(30):
        try:
            return _find(g, dg, signs)
        except (ArithmeticError, TypeError, ValueError):
            return None


#: where the slope is scanned for a change of sign: off 0 and the integers
GRID = tuple(mpmath.mpf(k) / 8 - 6 + mpmath.mpf("0.0371") for k in range(96))


def _slope_signs(derivative: Expr, var: Symbol) -> list[bool | None] | None:
    """Whether g' > 0 at each grid point where that is certain in floats (its value far
    above its rounding error): the signs the 30-digit scan below would see, sooner.  None
    at a point where it is not certain (a value near 0, a point floats cannot evaluate):
    the scan decides there; None for all when floats cannot take a node of g'."""
    try:
        slope = floats.compiled(derivative, var)
    except floats.NotFloat:
        return None
    signs = []
    for x in GRID:
        at = floats.value_at(slope, float(x))
        signs.append(at[0] > 0 if at is not None and floats.trusted(*at) else None)
    return signs


def _find(g, dg, signs: list[bool | None] | None = None) -> Witness | None:
    """The witness from a turning point of g: the first change of sign of g' on the grid
    (g' at 30 digits, but where ``signs`` already gives the sign of g' at a point)."""
    grid = GRID
    slopes = [dg(x) if signs is None or signs[k] is None else (1 if signs[k] else -1) for k, x in enumerate(grid)]
    for a, b, sa, sb in zip(grid, grid[1:], slopes, slopes[1:]):
        if sa * sb < 0:
            turn = _bisect(dg, a, b)
            break
    else:
        return None
    second = turn + mpmath.mpf("0.5")
    target = g(second)
    # walk left of the turning point until g crosses g(second) again
    x, at_turn = turn, g(turn) - target
    while x > turn - 12:
        x -= mpmath.mpf("0.125")
        if (g(x) - target) * at_turn < 0:
            first = _bisect(lambda u: g(u) - target, x, x + mpmath.mpf("0.125"))
            break
    else:
        return None
    s1, s2 = dg(first), dg(second)
    if abs(g(first) - target) > mpmath.mpf("1e-20") or abs(s1 - s2) < mpmath.mpf("1e-3"):
        return None
    return Witness(float(first), float(second), float(target), (float(s1), float(s2)))


#: what ``_in_floats`` answers where floats cannot decide: the 30-digit scan then does
_SLOW = object()


def _in_floats(definition: Expr, derivative: Expr, var: Symbol, signs: list[bool | None]):
    """``_find``'s witness, its points found in floats and then settled at 30 digits: a
    Witness, None (g' keeps its sign), or _SLOW where a float is not beyond its rounding
    error.  Compiling to floats costs no code generator and a float bisection a 30-digit
    one's hundredth (GELU-tanh's witness: 15 ms by ``lambdify`` at 30 digits, 2 ms so);
    the points are then refined by Newton's method at 30 digits and checked there as
    ``_find`` checks its own, so that the proof rests on 30-digit values as before."""
    try:
        g, dg = floats.compiled(definition, var), floats.compiled(derivative, var)
    except floats.NotFloat:
        return _SLOW
    signs = [_sign_at(derivative, var, x) if sign is None else sign for sign, x in zip(signs, GRID)]
    if None in signs:
        return _SLOW
    change = next((k for k in range(len(GRID) - 1) if signs[k] != signs[k + 1]), None)
    if change is None:
        return None
    bracket = _float_bracket(lambda x: floats.value_at(dg, x), float(GRID[change]), float(GRID[change + 1]))
    turn = _refined(derivative, var, *bracket) if bracket is not None else None
    if turn is None:
        return _SLOW
    with digits(QUICK_DIGITS):
        second = turn + mpmath.mpf("0.5")  # as _find: the turning point at 30 digits, plus a half
    at_second = floats.value_at(g, float(second))
    if at_second is None:
        return _SLOW
    target = at_second[0]

    def level(x: float):  # g(x) - g(second), with its scale
        at = floats.value_at(g, x)
        return None if at is None else (at[0] - target, at[1] + at_second[1])

    above = _above(definition, var, turn, second)  # g(turn) > g(second), at 30 digits
    if above is None:
        return _SLOW
    start = float(turn)
    x = start
    while x > start - 12:
        x -= 0.125
        here = level(x)
        if here is None:
            return _SLOW
        if not floats.trusted(*here):  # at the root within a float's error (the Gaussian's -1/2)
            bracket = (x, x)
            break
        if (here[0] > 0) != above:
            bracket = _float_bracket(level, x, x + 0.125)
            break
    else:
        return None
    return _settled(definition, derivative, var, bracket[0], second) if bracket is not None else _SLOW


def _above(definition: Expr, var: Symbol, turn, second) -> bool | None:
    """Whether g(turn) > g(second), at 30 digits (g at the turning point itself may be
    out of floats' reach: the Gaussian's e^(-z^2) at 0); None where it cannot say."""
    at_turn, at_second = (quick_value(definition, {var: _point(x)}) for x in (turn, second))
    if at_turn is None or at_second is None or abs(at_turn[0] - at_second[0]) <= at_turn[1] + at_second[1]:
        return None
    return bool(at_turn[0] > at_second[0])


def _sign_at(derivative: Expr, var: Symbol, x) -> bool | None:
    """Whether g' > 0 at a grid point where floats could not say (GELU-tanh's g' left of
    -5 is below its float error), by the quick evaluation at 30 digits; None where that
    cannot say either."""
    at = quick_value(derivative, {var: _point(x)})
    if at is None or abs(at[0]) <= at[1]:
        return None
    return bool(at[0] > 0)


def _float_bracket(f, a: float, b: float) -> tuple[float, float] | None:
    """[a, b] narrowed around a root of f (x -> (value, scale) or None), where f changes
    sign, to a float's precision: halved until the sign at the middle is no longer beyond
    its error (the root is then within that error of it); None where f cannot be evaluated."""
    at_a = f(a)
    if at_a is None:
        return None
    for _ in range(64):
        m = (a + b) / 2
        at_m = f(m)
        if at_m is None:
            return None
        if not floats.trusted(*at_m) or m in (a, b):
            return a, b
        if (at_a[0] > 0) == (at_m[0] > 0):
            a, at_a = m, at_m
        else:
            b = m
    return a, b


def _refined(expr: Expr, var: Symbol, a: float, b: float):
    """The root of expr between a and b (a float bracket) at 30 digits, by the secant
    method from its ends (near linear so close to a simple root: 30 digits in three
    steps), as ``_bisect``'s hundred halvings find it; None where the quick evaluation
    cannot say."""
    with digits(QUICK_DIGITS):
        x0, x1 = mpmath.mpf(a), mpmath.mpf(b)
        f0, f1 = _value(expr, var, x0), _value(expr, var, x1)
        for _ in range(6):
            if f0 is None or f1 is None:
                return None
            if f1 == f0:
                break
            x0, x1, f0 = x1, x1 - f1 * (x1 - x0) / (f1 - f0), f1
            if abs(x1 - x0) < _CLOSE:
                break
            f1 = _value(expr, var, x1)
        return x1 if a <= x1 <= b else None


#: a step this small moves a point of [-18, 6] by less than its 30th digit: refined
_CLOSE = mpmath.mpf("1e-34")


def _point(x) -> Float:
    """x as a 30-digit Float, 0 included (SymPy makes Float(mpf(0)) its integer 0)."""
    return Float(x, QUICK_DIGITS) if x else Float(0.0, QUICK_DIGITS)


def _value(expr: Expr, var: Symbol, x):
    at = quick_value(expr, {var: _point(x)})
    return None if at is None else at[0]


def _settled(definition: Expr, derivative: Expr, var: Symbol, first: float, second):
    """The witness at first (refined by Newton's method at 30 digits) and second, checked
    as ``_find`` checks its own; _SLOW where the quick 30-digit evaluation cannot say."""
    def both(x) -> tuple[tuple, tuple] | None:  # (g, g') at x, sharing their pieces
        at = {var: _point(x)}
        memory = quick_memory(at)
        value = quick_value(definition, at, memory)
        slope = quick_value(derivative, at, memory) if value is not None else None
        return None if slope is None else (value, slope)

    at_second = both(second)
    if at_second is None:
        return _SLOW
    target, slope2 = at_second
    u = mpmath.mpf(first)
    with digits(QUICK_DIGITS):
        for _ in range(4):  # quadratic from a float's 16 digits: 32 after one step
            at_u = both(u)
            if at_u is None or at_u[1][0] == 0:
                return _SLOW
            step = (at_u[0][0] - target[0]) / at_u[1][0]
            u -= step
            if abs(step) < _CLOSE:
                break
        at_u = both(u)
        if at_u is None:
            return _SLOW
        (value, error), slope1 = at_u
        off = abs(value - target[0]) + error + target[1]
        apart = abs(slope1[0] - slope2[0]) - slope1[1] - slope2[1]
        if off > mpmath.mpf("1e-20") or apart < mpmath.mpf("1e-3"):
            return None
    return Witness(float(u), float(second), float(target[0]), (float(slope1[0]), float(slope2[0])))


def _bisect(f, a, b):
    """A root of f in [a, b], where f changes sign (or is 0 at an end): 100 halvings."""
    fa = f(a)
    for _ in range(100):
        m = (a + b) / 2
        fm = f(m)
        if fa * fm <= 0:
            b = m
        else:
            a, fa = m, fm
    return (a + b) / 2
