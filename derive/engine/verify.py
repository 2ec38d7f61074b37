"""Deciding whether two expressions are equal: a symbolic proof and numeric evidence.

``simplify(a - b) == 0`` alone is not enough: it misses true identities and has known
false zeros from low-precision evaluation.  So equality is decided by

0. an exact proof where one is cheap (expansion, the cases of a piecewise function
   interval by interval, the exponentials as powers of one symbol, square roots as
   symbols with their relations, a nested one with its sign: ``radicals``,
   ``principal_root``): a line proved so needs no samples;
1. evaluation at fixed sample points (both signs, away from 0 and from the integers
   where piecewise functions switch) with 30 significant digits, absolute plus
   relative tolerance, skipping points where either side is not a finite real.
   Each point is first evaluated quickly, straight in mpmath with 40 digits (no SymPy
   expression is built).  A difference found so is confirmed at 60 digits: where both
   evaluations agree to 32 digits the values stand; otherwise (a cancellation), and
   wherever the quick evaluation cannot evaluate a side, SymPy's own ``evalf`` at 30
   digits decides, as it did for every point before, at ten times the cost;
2. a symbolic proof attempt: the exact tests of 0 (every e^{cz} written as a power of
   one new symbol t = e^{z/L}, so the difference becomes a rational function of t that
   ``cancel`` decides exactly), then, under a time bound, ``simplify``.

The sample points are fixed, so every run gives the same verdicts.
"""

from __future__ import annotations

import math
import random
import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator, Mapping

import mpmath
from sympy import (
    Abs,
    Dummy,
    Heaviside,
    Max,
    Min,
    Poly,
    Pow,
    S,
    sign,
    Expr,
    Float,
    Function,
    Piecewise,
    Symbol,
    cancel,
    count_ops,
    exp,
    expand,
    fraction,
    piecewise_fold,
    postorder_traversal,
    simplify,
    together,
)
from sympy.core.relational import Relational

from ..record import Record, record
from .exponentials import exp_as_powers
from .functions import sigmoid
from .radicals import has_nested_radical, radical_zero

PRECISION = 30
TOLERANCE = Float("1e-18")


def sample_points(count: int, seed: int) -> tuple[Float, ...]:
    rng = random.Random(seed)
    points = []
    while len(points) < count:
        x = rng.uniform(0.05, 4.0) * (1 if len(points) % 2 == 0 else -1)
        points.append(Float(repr(round(x, 6)), 40))
    return tuple(points)


#: Values of the variable; half positive, half negative.
POINTS = sample_points(12, seed=4_9)
#: Values of free parameters (alpha, beta, ...); positive, as activation parameters are.
PARAMETER_VALUES = tuple(Float(v, 40) for v in ("0.73", "1.37", "0.41", "2.19", "1.08", "0.62"))


@record
class Comparison(Record):
    """How two expressions compare: ``proved``, ``numerically equal``, ``wrong`` or ``undecided``."""

    verdict: str
    points: int = 0  # points at which both sides were evaluated and agreed
    counterexample: tuple[Float, Float, Float] | None = None  # (z, left, right)
    #: the free parameters' values at the counterexample: ((name, value), ...), sorted by name
    parameters: tuple = ()

    @property
    def equal(self) -> bool:
        return self.verdict in ("proved", "numerically equal")


def evaluate(expr: Expr, at: Mapping[Symbol, Float]) -> Float | None:
    """expr at a point, as a finite real Float, or None where it is undefined there."""
    if beyond_reach(expr, at):
        return None  # no value here, as at a pole
    try:
        value = expr.xreplace(dict(at)).evalf(PRECISION)
    except (ArithmeticError, TypeError, ValueError):
        return None
    if not value.is_Number or value.is_real is not True or not value.is_finite:
        return None
    return Float(value, PRECISION)


#: |x| past which e^x is no number a derivation means: its exponent alone has 15 digits,
#: and mpmath would compute ln 2 to that many bits before it gave up for memory or time
#: (e^(e^(e^(e^z))) at z = 4: an exponent of 10^23 digits)
HUGE = 1e15


def beyond_reach(expr: Expr, at: Mapping[Symbol, Float]) -> bool:
    """Whether an exponential in expr has an exponent beyond HUGE at this point, looked
    at from the inside out where exponentials nest (one that does not nest cannot get there
    from a sample point's |z| < 4)."""
    for node in postorder_traversal(expr):
        exponent = node.args[0] if isinstance(node, exp) else (node.exp if node.is_Pow else None)
        if exponent is None or not exponent.has(exp) and not any(p.exp.free_symbols for p in exponent.atoms(Pow)):
            continue
        try:
            size = exponent.xreplace(dict(at)).evalf(15)
            if size.is_Number and size.is_real and abs(size) > HUGE:
                return True
        except (ArithmeticError, TypeError, ValueError):
            continue
    return False


def close(a: Float, b: Float) -> bool:
    return abs(a - b) <= TOLERANCE * (1 + max(abs(a), abs(b)))


def parameter_values(a: Expr, b: Expr, var: Symbol) -> dict[Symbol, Float]:
    """The fixed positive values the free parameters of a and b take at every sample point."""
    params = sorted((a.free_symbols | b.free_symbols) - {var}, key=lambda s: s.name)
    return {p: PARAMETER_VALUES[i % len(PARAMETER_VALUES)] for i, p in enumerate(params)}


def constant_gap(a: Expr, b: Expr, var: Symbol, points=POINTS) -> tuple[Float, Float, Float] | None:
    """Where a − b is a nonzero number, however small (a line plus 10^-40, below the sample's
    tolerance): the counterexample (z, a, b) at the first sample point where both are
    defined, with digits enough to show the gap; otherwise None."""
    difference = a - b
    if not difference.is_Number or difference.is_zero or not difference.is_finite:
        return None
    size = difference.evalf(15)
    if not size.is_real:
        return None
    digits = PRECISION + max(0, -int(mpmath.floor(mpmath.log10(abs(mpmath.mpf(size._mpf_)))))) + 5
    # the point and the parameters at the working precision (the same binary numbers): a
    # 30-digit Float would hold the evaluation to about 40 digits
    at_params = {p: Float(v, digits) for p, v in parameter_values(a, b, var).items()}
    for point in points:
        at = {var: Float(point, digits), **at_params}
        left, right = a.xreplace(at).evalf(digits), b.xreplace(at).evalf(digits)
        if left.is_Number and right.is_Number and left.is_real and right.is_real:
            return point, Float(left, digits), Float(right, digits)
    return None


def sample(a: Expr, b: Expr, var: Symbol, points) -> tuple[int, list[tuple[Float, Float, Float]]]:
    """(how many points agree, the points (z, a, b) that disagree); points where either
    side is undefined are skipped; free parameters get fixed positive values."""
    at_params = parameter_values(a, b, var)
    agree, wrong = 0, []
    for point in points:
        at = {var: point, **at_params}
        quick = _quick_verdict(a, b, at)
        if quick is True:
            agree += 1
            continue
        if quick is not None:
            wrong.append((point, *quick))
            continue
        left, right = evaluate(a, at), evaluate(b, at)
        if left is None or right is None:
            continue
        if close(left, right):
            agree += 1
        else:
            wrong.append((point, left, right))
    return agree, wrong


# --- the quick evaluation: mpmath numbers, each with a bound on its error ---------------
#
# Every value carries a rigorous bound on its distance from the true value (rounding at
# each operation, propagated: the error of a sum adds, of a product is bounded through
# (|a| + da)(|b| + db) - |ab|, through a function by a bound on its slope).  A
# cancellation (e^{200} + 1 - e^{200}) therefore shows up as a large error instead of a
# wrong value, and the point goes to SymPy's evalf, which raises its precision as needed.
# Values are 40-digit mpmath numbers; the bounds are Python floats (cheap), each formula
# overestimating by a margin far above a float's own rounding (1e-16 relative).

#: Working digits of the quick evaluation.
QUICK_DIGITS = PRECISION + 10
_U = 10.0 ** -(QUICK_DIGITS - 2)  # one rounding, relative, with a margin
_TOL = float(TOLERANCE)
_REPORTABLE = 10.0 ** -(PRECISION + 2)  # a value this exact is right to 30 digits
_SAFE = 1 + 1e-9  # float bounds rounded up


class _NotQuick(Exception):
    """The quick evaluation cannot say (a node it does not know, a complex or infinite
    value, an error bound too large to decide): SymPy's evalf decides instead."""


#: mpmath's working precision is one setting for the whole process: a thread leaving its
#: ``workdps`` block would put another's evaluation, mid-way, back at 15 digits (with its
#: error bounds still those of 40: a wrong "different").  Every block that sets it holds this.
_PRECISION = threading.RLock()


class digits:  # noqa: N801  (a context manager used as a function: ``with digits(30):``)
    """mpmath at ``count`` significant digits in the block, for this thread alone: what
    ``mpmath.workdps`` does, as a plain class (the quick evaluation enters it thousands of
    times per command: 2.7 us instead of a generator's 5.7)."""

    __slots__ = ("count", "saved")

    def __init__(self, count: int) -> None:
        self.count = count

    def __enter__(self) -> None:
        _PRECISION.acquire()
        self.saved = mpmath.mp.prec
        mpmath.mp.dps = self.count

    def __exit__(self, *exc: object) -> None:
        mpmath.mp.prec = self.saved
        _PRECISION.release()


def _quick_verdict(a: Expr, b: Expr, at: Mapping[Symbol, Float]):
    """True (equal at this point), (left, right) as 30-digit Floats (different), or None
    (not decided here: SymPy's evalf decides).  Decided only with the error bounds:
    equal when |a - b| plus both errors is within the tolerance, different when |a - b|
    minus both errors exceeds it and each value is right to 30 digits."""
    try:
        memory = quick_memory(at)  # the pieces both sides share are evaluated once
    except (ArithmeticError, TypeError, ValueError, OverflowError):
        return None
    left = quick_value(a, at, memory)
    right = quick_value(b, at, memory) if left is not None else None
    return quick_decision(left, right) if right is not None else None


def quick_value(expr: Expr, at: Mapping[Symbol, Float], memory: dict | None = None) -> tuple | None:
    """(value, bound on its error) of expr at a point by the quick evaluation, or None
    (it cannot say: SymPy's evalf decides).  A side of ``_quick_verdict``, apart so that
    a caller comparing one expression with many can evaluate it once per point.

    ``memory`` (from ``quick_memory(at)``, for this same point) keeps every sub-expression's
    (value, error) for the next expression evaluated there: a line and the next share most
    of their pieces.  A sub-expression's value and bound depend on it and the point alone."""
    try:
        with digits(QUICK_DIGITS):
            return _quick(expr, memory if memory is not None else quick_memory(at))
    except (_NotQuick, ArithmeticError, TypeError, ValueError, OverflowError):
        return None


def quick_memory(at: Mapping[Symbol, Float]) -> dict:
    """The quick evaluation's memory for one point: its variables' values and errors, then
    every sub-expression evaluated there."""
    with digits(QUICK_DIGITS):
        values = {}
        for s, v in at.items():
            x = mpmath.mpf(v._mpf_)
            values[s] = (x, abs(float(x)) * _U)
        return values


def quick_float(expr: Expr, at: Mapping[Symbol, Float], memory: dict | None = None) -> Float | None:
    """expr at a point as a 30-digit Float by the quick evaluation, when its error bound
    makes it right to 30 digits (as ``_quick_verdict`` reports a counterexample); None
    where it cannot say, and ``evaluate`` (ten times the cost) decides."""
    quick = quick_value(expr, at, memory)
    if quick is None:
        return None
    value, error = quick
    try:
        if error <= _REPORTABLE * (1 + abs(float(value))):
            return Float(value, PRECISION)
    except (ArithmeticError, TypeError, ValueError, OverflowError):
        pass
    return None


def quick_decision(left: tuple, right: tuple):
    """``_quick_verdict`` from the two sides' (value, error): True, (left, right) or None."""
    (left, dl), (right, dr) = left, right
    try:
        with digits(QUICK_DIGITS):
            gap = float(abs(left - right))
            allowed = _TOL * (1 + max(abs(float(left)), abs(float(right))))
            if (gap + dl + dr) * _SAFE <= allowed / _SAFE:
                return True
            if ((gap - dl - dr) / _SAFE > allowed * _SAFE and dl <= _REPORTABLE * (1 + abs(float(left)))
                    and dr <= _REPORTABLE * (1 + abs(float(right)))):
                return Float(left, PRECISION), Float(right, PRECISION)
            return None
    except (ArithmeticError, TypeError, ValueError, OverflowError):
        return None


def _real(value) -> tuple:
    """A value computed with one rounding (or a correctly rounded function), and its error."""
    if not isinstance(value, mpmath.mpf):
        raise _NotQuick
    size = abs(float(value))
    if size == math.inf or size != size:
        raise _NotQuick  # infinite, not a number, or beyond a float's range: SymPy decides
    return value, 3 * _U * size


#: f, and a bound on |f'| on [x - dx, x + dx] (dx at most 1% of max(1, |x|)), as floats.
_SLOPES = {
    "exp": (mpmath.exp, lambda x, fx: 2 * fx),
    "log": (mpmath.log, lambda x, fx: 2 / x),
    "sin": (mpmath.sin, lambda x, fx: 1.0),
    "cos": (mpmath.cos, lambda x, fx: 1.0),
    "sinh": (mpmath.sinh, lambda x, fx: 2 * math.cosh(x) if x < 700 else math.inf),
    "cosh": (mpmath.cosh, lambda x, fx: 2 * fx),
    "tanh": (mpmath.tanh, lambda x, fx: 1.0),
    "sech": (mpmath.sech, lambda x, fx: 1.0),
    "atan": (mpmath.atan, lambda x, fx: 1.0),
    "asinh": (mpmath.asinh, lambda x, fx: 1.0),
    "erf": (mpmath.erf, lambda x, fx: 1.2),
    "erfc": (mpmath.erfc, lambda x, fx: 1.2),
    "Abs": (abs, lambda x, fx: 1.0),
}


def _quick_truth(condition, values) -> bool:
    """A Piecewise condition at the point; _NotQuick where the two sides of a comparison
    are within their errors of each other (on the boundary: SymPy decides)."""
    name = type(condition).__name__
    if name == "BooleanTrue":
        return True
    if name == "BooleanFalse":
        return False
    if name == "And":
        return all(_quick_truth(c, values) for c in condition.args)
    if name == "Or":
        return any(_quick_truth(c, values) for c in condition.args)
    if name == "Not":
        return not _quick_truth(condition.args[0], values)
    if name == "ITE":  # if-then-else: Min/Max rewritten as Piecewise (hardswish) write their cases so
        test, then, otherwise = condition.args
        return _quick_truth(then if _quick_truth(test, values) else otherwise, values)
    compare_sides = _COMPARISONS.get(name)
    if compare_sides is None:
        raise _NotQuick
    (a, da), (b, db) = _quick(condition.lhs, values), _quick(condition.rhs, values)
    if float(abs(a - b)) <= 2 * (da + db) + _TOL * (1 + max(abs(float(a)), abs(float(b)))):
        raise _NotQuick
    return compare_sides(a, b)


_COMPARISONS = {"StrictLessThan": lambda a, b: a < b, "LessThan": lambda a, b: a <= b,
                "StrictGreaterThan": lambda a, b: a > b, "GreaterThan": lambda a, b: a >= b,
                "Equality": lambda a, b: a == b, "Unequality": lambda a, b: a != b}


def _quick(expr: Expr, values: dict) -> tuple:
    """(value, bound on its error) at the current working precision, or _NotQuick.

    ``values`` holds the symbols' values and, once evaluated, every compound
    sub-expression's: one that occurs twice (e^{-z} in 1 + e^{-z} and its square) is
    evaluated once."""
    known = values.get(expr)
    if known is not None:
        return known
    if expr.is_Symbol:
        raise _NotQuick
    if not expr.args:
        return _quick_node(expr, values)
    values[expr] = result = _quick_node(expr, values)
    return result


def _quick_node(expr: Expr, values: dict) -> tuple:
    if expr.is_Integer:
        return _real(mpmath.mpf(int(expr)))
    if expr.is_Rational:
        value, error = _real(mpmath.mpf(int(expr.p)) / int(expr.q))
        return value, 2 * error
    if expr.is_Float:
        return _real(mpmath.mpf(expr._mpf_))
    if expr.is_Add:
        total, error, size = mpmath.mpf(0), 0.0, 0.0
        for term in expr.args:
            v, d = _quick(term, values)
            total += v
            error += d
            size += abs(float(v))
        return _real(total)[0], (error + len(expr.args) * _U * size) * _SAFE
    if expr.is_Mul:
        product, exact, relative, zero_error = mpmath.mpf(1), 1.0, 0.0, None
        for factor in expr.args:
            v, d = _quick(factor, values)
            product *= v
            size = abs(float(v))
            if size == 0:
                zero_error = d if zero_error is None else math.inf  # two factors near 0: not quick
                continue
            exact *= size
            relative += d / size
        n = len(expr.args)
        if zero_error is not None:  # |product| <= (the zero's error) x (the others, with theirs)
            error = zero_error * exact * math.exp(relative)
        else:  # prod(s + d) - prod(s) = prod(s) (prod(1 + d/s) - 1) <= prod(s) expm1(sum d/s)
            error = exact * math.expm1(relative) + 3 * n * _U * exact
        if not math.isfinite(error):
            raise _NotQuick
        return _real(product)[0], error * _SAFE
    if expr.is_Pow:
        return _quick_power(expr, values)
    name = type(expr).__name__
    if isinstance(expr, sigmoid):
        x, dx = _quick(expr.args[0], values)
        value, error = _real(1 / (1 + mpmath.exp(-x)))
        return value, dx / 3 + 2 * error  # |sigma'| <= 1/4
    if name == "UnevaluatedExpr":
        return _quick(expr.args[0], values)
    if name == "Exp1":
        return _real(+mpmath.e)
    if name == "Pi":
        return _real(+mpmath.pi)
    if name in ("Max", "Min"):
        pairs = [_quick(a, values) for a in expr.args]
        pick = max if name == "Max" else min
        return pick(v for v, _ in pairs), max(d for _, d in pairs)
    if name == "Piecewise":
        for value, condition in expr.args:
            if _quick_truth(condition, values):
                return _quick(value, values)
        raise _NotQuick
    if name in ("Heaviside", "sign"):
        if name == "sign" and len(expr.args) != 1:
            raise _NotQuick
        x, dx = _quick(expr.args[0], values)
        if abs(float(x)) <= 2 * dx + _TOL:
            raise _NotQuick  # at (or within its error of) 0 the value is a convention: SymPy's
        return mpmath.mpf(1 if x > 0 else (0 if name == "Heaviside" else -1)), 0.0
    entry = _SLOPES.get(name)
    if entry is None or len(expr.args) != 1:
        raise _NotQuick
    function, slope = entry
    x, dx = _quick(expr.args[0], values)
    fx = abs(float(x))
    if fx > HUGE and name in ("exp", "sinh", "cosh"):
        raise _NotQuick  # no number a derivation means: evaluate says so
    if dx > 0.01 * min(1.0, fx):
        raise _NotQuick  # the slope bounds hold for a small error only (and log needs x - dx > 0)
    if name == "log" and x <= 0:
        raise _NotQuick
    value, error = _real(function(x))
    return value, (slope(fx, abs(float(value))) * dx + error) * _SAFE


def _quick_power(expr: Expr, values) -> tuple:
    base, dbase = _quick(expr.base, values)
    size = abs(float(base))
    if expr.exp.is_Integer:
        n = int(expr.exp)
        if n == 0:
            return mpmath.mpf(1), 0.0
        if n > 0:  # (s + d)^n - s^n = s^n expm1(n log1p(d/s))
            value, error = _real(base**n)
            if size == 0:
                return value, dbase**n * _SAFE
            grown = size**n * math.expm1(n * math.log1p(dbase / size))
            return value, (grown + 3 * (n + 1) * _U * size**n) * _SAFE
        if size <= 2 * dbase or base == 0:
            raise _NotQuick
        m = -n  # (s - d)^-m - s^-m = s^-m expm1(-m log1p(-d/s)): the largest |value| near base
        value, error = _real(base**n)
        grown = size**-m * math.expm1(-m * math.log1p(-dbase / size))
        return value, (grown + 3 * (m + 1) * _U * size**-m) * _SAFE
    power, dpower = _quick(expr.exp, values)
    if base <= 0 or size - dbase <= 0:
        raise _NotQuick  # a real or complex root: SymPy's convention decides
    log_size = abs(math.log(size))
    if abs(float(power)) * log_size > HUGE:
        raise _NotQuick  # no number a derivation means: evaluate says so
    if dbase > 0.01 * size or dpower * log_size > 0.01:
        raise _NotQuick  # the first-order bound below holds for small errors only
    value, error = _real(base**power)
    v = abs(float(value))
    # d(b^p) = p b^(p-1) db + b^p ln(b) dp, doubled for the second order (errors of 1% at most)
    return value, (2 * (abs(float(power)) * v / size * dbase + v * log_size * dpower) + error) * _SAFE


def numeric_compare(a: Expr, b: Expr, var: Symbol, *, points=POINTS) -> Comparison:
    """Evaluate both sides at the sample points: any disagreement is a counterexample."""
    agree, wrong = sample(a, b, var, points)
    if wrong:
        return Comparison("wrong", agree, wrong[0])
    if agree < 3:
        return Comparison("undecided", agree)
    return Comparison("numerically equal", agree)


def compare(a: Expr, b: Expr, var: Symbol, *, seconds: float = 1.0) -> Comparison:
    """An exact proof first where it is cheap (no sample is needed then); otherwise
    numeric evidence (it finds counterexamples), then the slower proof attempts."""
    gap = constant_gap(a, b, var)
    if gap is not None:
        return Comparison("wrong", 0, gap)
    difference = a - b
    if proves_zero(difference, var, slow=False):
        return Comparison("proved")
    numeric = numeric_compare(a, b, var)
    if numeric.verdict == "wrong":
        return numeric
    if proves_zero(difference, var, seconds=seconds, exact=False):  # the exact tests failed above
        return Comparison("proved", numeric.points)
    return numeric


def decides_zero(difference: Expr, var: Symbol) -> bool | None:
    """Whether difference is identically 0, decided cheaply: True when an exact test
    proves it, False when it is a nonzero number or has a counterexample at the sample
    points (30 digits), None when neither (the caller may try ``Expr.equals``).

    For ``engine/piecewise`` and ``engine/branches``, which ask ``Expr.equals(0)``: that
    calls ``simplify``, whose first call imports ``sympy.physics.units`` (~240 ms)."""
    if difference.free_symbols - {var}:
        return None
    if difference.free_symbols and numeric_compare(difference, S.Zero, var).verdict == "wrong":
        return False  # a counterexample first: two pieces' different formulas, without the exact tests
    if proves_zero(difference, var, slow=False):
        return True
    if not difference.free_symbols:
        value = evaluate(difference, {})
        return False if value is not None and abs(value) > TOLERANCE else None
    return None


def proves_zero(difference: Expr, var: Symbol, *, seconds: float = 1.0, slow: bool = True,
                exact: bool = True) -> bool:
    """True only when difference is shown to be identically 0; False means 'not shown'.

    The whole proof is bounded (in the main thread), expansion included: a product of n
    nested tanh expands into thousands of terms, and a proof that takes longer than the
    bound is not needed, the numeric evidence stands."""
    if difference == 0:
        return True
    if not (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()):
        return _proves_zero(difference, var, seconds=seconds, slow=slow, exact=exact)  # no alarm here
    try:
        with time_limit(1.5 * seconds):
            return _proves_zero(difference, var, seconds=seconds, slow=slow, exact=exact)
    except TimeoutError:
        return False


def _proves_zero(difference: Expr, var: Symbol, *, seconds: float, slow: bool, exact: bool) -> bool:
    """proves_zero without its own bound.

    The exact tests (expansion; the cases interval by interval; the exponentials as
    powers of one symbol, decided by ``cancel``; radicals named by symbols) take milliseconds, and run unless
    ``exact`` is False (the caller has run them); ``simplify``, tried last under a time
    bound of `seconds`, can take a second, and runs only with ``slow``."""
    if exact and difference == 0:
        return True
    nested = exact and has_nested_radical(difference, var)
    if nested and radical_zero(difference, var):
        return True  # bent identity's line in g: first, as the other tests (~25 ms) cannot show it
    if exact and (_zero_over_one_denominator(difference) or expand(difference) == 0):
        return True
    if exact and difference.has(*CASES) and zero_on_every_interval(difference, var):
        return True
    if difference.has(Piecewise):
        folded = piecewise_fold(difference)
        if isinstance(folded, Piecewise):  # each piece a new expression: every test on it
            return all(_proves_zero(e, var, seconds=seconds, slow=slow, exact=True) for e, _ in folded.args)
    if exact:
        rewritten = difference.rewrite(exp)
        if rewritten == 0 or expand(rewritten) == 0:
            return True
        rational = exp_as_powers(rewritten, var, Dummy("t", positive=True), shifted=True)
        if rational is not None and rational_zero(rational):
            return True
        if not nested and radical_zero(difference, var):  # sqrt(z^2 + 1), fractions of z: no simplify
            return True
    if not slow:
        return False
    try:
        with time_limit(seconds):
            return simplify(difference) == 0
    except TimeoutError:
        return False


#: operations up to which a difference is first put over one denominator
TOGETHER_OPS = 60


def _zero_over_one_denominator(difference: Expr) -> bool:
    """The difference over one denominator, with a numerator that expands to 0: two forms
    of one fraction (tanh's 1 - A^2/B^2 and (B^2 - A^2)/B^2) in 3 ms, where expanding the
    difference as it stands (4 ms) does not decide and the exponentials-as-powers test
    takes 9 more.  Small differences only: over one denominator a long one grows."""
    if count_ops(difference) > TOGETHER_OPS or any(f.func is not exp for f in difference.atoms(Function)):
        return False  # long; or tanh(z) against its exponentials: rewriting decides that, not this
    numerator, _ = fraction(together(difference))
    return expand(numerator) == 0


#: Functions defined by cases, each equal to one of a few expressions between the
#: points where its switching quantities change sign.
CASES = (Piecewise, Max, Min, Abs, Heaviside, sign)


def zero_on_every_interval(difference: Expr, var: Symbol) -> bool:
    """An exact proof for a function defined by cases (Piecewise, Max, Min, |x|, sign,
    Heaviside): True when the difference is identically 0 on every interval between
    the points where a case changes, and at each of those points.

    The innermost cases are resolved first: each switches where a quantity linear in
    var (a condition's two sides, two arguments of Max, the argument of |x|) changes
    sign; on an open interval between such points each case is one of its branches
    (the one taken at the midpoint), and the outer cases are resolved the same way
    inside it.  With no case left, ``expand`` and the exponentials-as-powers test decide
    exactly; at the switching points the whole difference is evaluated exactly.
    Anything else (a switching quantity not linear in var with rational coefficients,
    another free symbol, an expression these tests cannot decide) is False, "not
    shown", and the slower proofs still run.  Milliseconds, where ``simplify`` takes a
    fifth of a second to fail on ``Max(0, Min(1, z/6 + 1/2))`` against its cases."""
    points: set = set()
    if not _zero_between(difference, var, None, None, points):
        return False
    return all(_zero_at(difference, var, p) for p in points)


def _zero_between(expr: Expr, var: Symbol, low, high, points: set, depth: int = 0) -> bool:
    innermost = [n for n in expr.atoms(*CASES) if not any(a.has(*CASES) for a in n.args)]
    if not innermost:
        return _zero_without_cases(expr, var)
    if depth > 8:
        return False
    inside = set()
    for node in innermost:
        for quantity in _switching(node):
            root = _linear_root(quantity, var)
            if root is False:
                return False
            if root is not None and (low is None or root > low) and (high is None or root < high):
                inside.add(root)
    points |= inside
    edges = [low, *sorted(inside), high]
    for a, b in zip(edges, edges[1:]):
        middle = (a + b) / 2 if a is not None and b is not None else (
            (b - 1 if b is not None else 0) if a is None else a + 1)
        chosen = {}
        for node in innermost:
            branch = _branch(node, var, middle)
            if branch is None:
                return False
            chosen[node] = branch
        if not _zero_between(expr.xreplace(chosen), var, a, b, points, depth + 1):
            return False
    return True


def _switching(node: Expr) -> list[Expr]:
    if isinstance(node, (Max, Min)):
        return [a - b for i, a in enumerate(node.args) for b in node.args[i + 1:]]
    if isinstance(node, Piecewise):
        return [c.lhs - c.rhs for _, cond in node.args for c in cond.atoms(Relational)]
    return [node.args[0]]  # Abs, sign, Heaviside: where the argument is 0


def breakpoints(expr: Expr, var: Symbol, depth: int = 0) -> list[Float]:
    """Where a case of ``expr`` switches (a condition's two sides equal, two arguments of Max
    or Min equal, the argument of |x|, sign or Heaviside 0), sorted: each quantity linear in
    var with real coefficients (0.2z + 0.5: -2.5), or linear once its own cases are resolved
    between their breakpoints (Heaviside(6 - Max(0, z)): 6); the others are not located."""
    roots = set()
    for node in expr.atoms(*CASES):
        for quantity in _switching(node):
            if quantity.free_symbols == {var}:
                roots |= _roots(quantity, var, depth)
    return sorted(roots)


def unlocated_switches(expr: Expr, var: Symbol) -> list[Expr]:
    """The quantities at whose sign change a case of ``expr`` switches that ``breakpoints``
    does not locate: in var alone, free of cases, not linear (e^z - 1000, z^3 - 216)."""
    found = {}
    for node in expr.atoms(*CASES):
        for quantity in _switching(node):
            if quantity.free_symbols == {var} and not quantity.has(*CASES) and _numeric_root(quantity, var) is None:
                found[str(quantity)] = quantity
    return [found[k] for k in sorted(found)]


def _roots(quantity: Expr, var: Symbol, depth: int) -> set:
    if not quantity.has(*CASES):
        root = _numeric_root(quantity, var)
        return set() if root is None else {root}
    if depth > 3:
        return set()
    inner = breakpoints(quantity, var, depth + 1)
    edges = [None, *inner, None]
    out = set()
    for low, high in zip(edges, edges[1:]):
        middle = (low + high) / 2 if low is not None and high is not None else (
            (high - 1 if high is not None else 0) if low is None else low + 1)
        resolved = _resolved(quantity, var, Float(middle, PRECISION))
        if resolved is None:
            continue
        root = _numeric_root(resolved, var)
        if root is not None and (low is None or root > low) and (high is None or root < high):
            out.add(root)
    return out


def _resolved(expr: Expr, var: Symbol, at: Float, rounds: int = 6) -> Expr | None:
    """expr with each case replaced by the branch it takes near ``at`` (numerically), or None."""
    for _ in range(rounds):
        innermost = [n for n in expr.atoms(*CASES) if not any(a.has(*CASES) for a in n.args)]
        if not innermost:
            return expr
        chosen = {}
        for node in innermost:
            try:
                if isinstance(node, (Max, Min)):
                    values = [float(a.subs(var, at)) for a in node.args]
                    pick = max if isinstance(node, Max) else min
                    chosen[node] = node.args[values.index(pick(values))]
                elif isinstance(node, Piecewise):
                    branch = next((value for value, cond in node.args if bool(cond.subs(var, at))), None)
                    if branch is None:
                        return None
                    chosen[node] = branch
                else:
                    inner = float(node.args[0].subs(var, at))
                    if inner == 0:
                        return None
                    if isinstance(node, Abs):
                        chosen[node] = node.args[0] if inner > 0 else -node.args[0]
                    else:
                        chosen[node] = S.One if inner > 0 else (-S.One if isinstance(node, sign) else S.Zero)
            except (TypeError, ValueError):
                return None
        expr = expr.xreplace(chosen)
    return None


def _numeric_root(quantity: Expr, var: Symbol) -> Float | None:
    """The root of a quantity a*var + b with real numbers a != 0, b; else None."""
    if quantity.free_symbols != {var} or not quantity.is_polynomial(var):
        return None
    line = Poly(quantity, var)
    if line.degree() != 1:
        return None
    slope, intercept = line.all_coeffs()
    if not (slope.is_number and intercept.is_number and slope.is_real and intercept.is_real) or slope == 0:
        return None
    return Float(-intercept / slope, PRECISION)


def _linear_root(quantity: Expr, var: Symbol):
    """Where a quantity a*var + b changes sign: -b/a; None if it is a constant; False if
    it is anything else."""
    if quantity.free_symbols - {var}:
        return False
    if var not in quantity.free_symbols:
        return None if quantity.is_Rational or quantity.is_number else False
    if not quantity.is_polynomial(var):
        return False
    line = Poly(quantity, var)
    if line.degree() != 1 or not all(c.is_Rational for c in line.all_coeffs()):
        return False
    slope, intercept = line.all_coeffs()
    return -intercept / slope


def _branch(node: Expr, var: Symbol, at) -> Expr | None:
    """The expression a case takes on an interval around `at` (no switching point inside)."""
    if isinstance(node, (Max, Min)):
        values = [a.subs(var, at) for a in node.args]
        if not all(v.is_Rational for v in values):
            return None
        pick = max if isinstance(node, Max) else min
        return node.args[values.index(pick(values))]
    if isinstance(node, Piecewise):
        for value, cond in node.args:
            truth = cond.subs(var, at)
            if truth is S.true:
                return value
            if truth is not S.false:
                return None
        return None
    inner = node.args[0].subs(var, at)
    if not inner.is_Rational or inner == 0:
        return None
    if isinstance(node, Abs):
        return node.args[0] if inner > 0 else -node.args[0]
    return S.One if inner > 0 else (-S.One if isinstance(node, sign) else S.Zero)


def _zero_at(difference: Expr, var: Symbol, point) -> bool:
    value = difference.subs(var, point)
    return value == 0 or expand(value) == 0


def _zero_without_cases(expr: Expr, var: Symbol) -> bool:
    """The exact tests of ``proves_zero`` on an expression with no cases (no simplify)."""
    if expr == 0 or expand(expr) == 0:
        return True
    rewritten = expr.rewrite(exp)
    if rewritten == 0 or expand(rewritten) == 0:
        return True
    rational = exp_as_powers(rewritten, var, Dummy("t", positive=True), shifted=True)
    return rational is not None and rational_zero(rational)


def rational_zero(rational: Expr) -> bool:
    """A rational function (of t = e^{z/L}) identically 0.  First the cheap sufficient test:
    its numerator over the product of its denominators expands to 0 (a few times faster
    than ``cancel``, which also finds the common factors); where that does not show it,
    ``cancel`` decides as before, so the answer is ``cancel``'s."""
    if not rational.has(S.ComplexInfinity, S.NaN):
        numerator, denominator = rational.as_numer_denom()
        if expand(numerator) == 0 and expand(denominator) != 0:
            return True
    return cancel(rational) == 0


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the block after `seconds` of this process's CPU time (main
    thread with setitimer only).

    CPU time, not the wall clock: a step's bound decides what a search finds or a proof
    shows, and so what derive prints; on a busy machine the step is given the same work
    and the output is the same (the command's --timeout, on the wall clock, still ends
    it).  Elsewhere no bound can be set, so the block is not run at all: the caller
    treats that as a timeout, and no symbolic search can hang a worker thread.
    """
    def on_alarm(signum, frame):
        # again in 50 ms, should this one be swallowed (raised inside a garbage collector's
        # callback or a __del__, Python prints it and goes on): the block ends regardless
        signal.setitimer(signal.ITIMER_PROF, REPEAT)
        raise TimeoutError(f"gave up after {seconds:g} s")

    with alarm(seconds, on_alarm, cpu=True):
        yield


#: seconds after a swallowed TimeoutError at which time_limit raises it again
REPEAT = 0.05

#: the wall clock (SIGALRM) and the process's CPU time, user + system (SIGPROF)
_CLOCKS = {False: (signal.ITIMER_REAL, signal.SIGALRM, time.monotonic),
           True: (signal.ITIMER_PROF, signal.SIGPROF, time.process_time)} if hasattr(signal, "setitimer") else {}


@contextmanager
def alarm(seconds: float, handler, *, cpu: bool = False) -> Iterator[None]:
    """A signal after `seconds` (of the wall clock, or with ``cpu`` of this process's CPU
    time), calling `handler`; nestable: an enclosing alarm on the same clock (a whole
    command's --timeout, an enclosing step's bound) still fires on time, and is restored
    when the block ends."""
    usable = bool(_CLOCKS) and threading.current_thread() is threading.main_thread()
    if not usable:
        raise TimeoutError("no time bound available here")
    timer, signum, clock = _CLOCKS[cpu]
    outer, _ = signal.getitimer(timer)
    start = clock()
    previous = signal.signal(signum, handler)
    signal.setitimer(timer, min(seconds, outer) if outer > 0 else seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signum, previous)
        if outer > 0:  # the enclosing alarm resumes with what is left of it (at once if spent)
            signal.setitimer(timer, max(outer - (clock() - start), 1e-3))
