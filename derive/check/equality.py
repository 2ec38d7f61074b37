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
from contextlib import nullcontext

from sympy import Dummy, Expr, Float, Piecewise, Symbol, exp

from ..engine.exponentials import exp_as_powers
from ..engine.verify import (CASES, PRECISION, Comparison, breakpoints, close, constant_gap, evaluate, parameter_values,
                             proves_zero, quick_decision, quick_float, quick_memory, quick_value, rational_zero,
                             sample_points, time_limit, unlocated_switches)
from .memo import Memo

POINTS = sample_points(24, seed=4_10)

#: (a, b, var, seconds) -> Comparison
_COMPARED = Memo("comparisons", 4096)
#: (expr, var, parameters) -> per point: its quick (value, error), None (no quick value), or _UNSEEN
_QUICK = Memo("quick values", 4096)
#: (expr, var, parameters) -> per point: its 30-digit value by evalf, None (undefined), or _UNSEEN
_EXACT = Memo("evalf values", 4096)
#: (var, parameters) -> per point: the quick evaluation's memory there (every sub-expression's value)
_POINT_MEMORY = Memo("sub-expression values", 8)
#: sub-expressions one point's memory holds before it starts afresh
SUBEXPRESSIONS = 2_000
_UNSEEN = object()
_INDEX = {id(p): i for i, p in enumerate(POINTS)}


def compare(a: Expr, b: Expr, var: Symbol, *, seconds: float = 2.0) -> Comparison:
    key = (a, b, var, seconds)
    known = _COMPARED.lookup(key)
    if known is not None:
        return known
    gap = constant_gap(a, b, var)
    if gap is not None:  # off by a number too small for the sample's tolerance: still wrong
        return _kept(key, Comparison("wrong", 0, gap, _named(a, b, var)))
    agree, wrong = sample(a, b, var)
    if len(wrong) < 2 and agree + len(wrong) < len(POINTS):
        # points skipped, a side undefined there: a line that is not a real number where what it
        # should equal is one (1/(1 + (z^3)^(1/3))^2 for softsign' at z < 0) is no match there
        wrong = wrong + not_real(a, b, var)
    if len(wrong) == 1 or (not wrong and (a.has(*CASES) or b.has(*CASES))):
        wrong = wrong + closer_look(a, b, var, wrong)
    if len(wrong) >= 2:
        return _kept(key, Comparison("wrong", agree, wrong[0], _named(a, b, var)))
    if agree + len(wrong) < 3:
        return _kept(key, Comparison("undecided", agree))
    undisturbed = _undisturbed(seconds)
    difference = a - b
    if _cancels_in_exp(difference, var, seconds) or proves_zero(difference, var, seconds=seconds) or (
        difference.has(Piecewise) is False and proves_zero(difference.rewrite(Piecewise), var, seconds=seconds)
    ):
        return _kept(key, Comparison("proved", agree))
    # one disagreement alone, not confirmed around it, is no counterexample (a point near a
    # pole, a cancellation): the verdict rests on the points that agree
    result = Comparison("numerically equal", agree)
    # a proof that failed only because the file's own deadline interrupted it is not the
    # proof's verdict: not remembered
    return _kept(key, result) if undisturbed else result


#: around a lone disagreeing point: a disagreement on an interval is a counterexample
NEIGHBOURS = (Float("-0.0173", 30), Float("-0.0031", 30), Float("0.0031", 30), Float("0.0173", 30))
#: on both sides of a switching point of the cases (the pieces' own breakpoints)
ASIDE = (Float("0.0137", 30), Float("0.31", 30))
#: beyond the outermost switching point (a cap at 6 lies past every sample point)
BEYOND = Float("1.73", 30)
#: where a case switches at a quantity not linear in the variable (e^z < 1000, z^3 > 216), its
#: switching points are looked for here (a sign change, then bisection) ...
SCAN = tuple(Float(v, 30) for v in (
    "-100", "-50", "-30", "-20", "-15", "-12", "-10", "-8", "-7", "-6", "-5", "-4", "-3.5", "-3", "-2.5", "-2", "-1.5",
    "-1", "-0.5", "0", "0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4", "5", "6", "7", "8", "10", "12", "15", "20",
    "30", "50", "100"))
#: ... and the line is compared at these distances from 0 too (both signs), past the sample's ±4
FAR = tuple(Float(v, 30) for v in ("4.37", "5.21", "6.13", "7.09", "8.31", "9.67", "11.3", "13.9", "17.2", "23.5",
                                   "41.0", "97.0"))
FAR_BOTH_SIGNS = tuple(p for far in FAR for p in (far, -far))
_FAR_IDS = frozenset(id(p) for p in FAR_BOTH_SIGNS)
#: CPU seconds for the scan, and again for the far points, of a line with such a condition
SCAN_SECONDS = 1.0


def closer_look(a: Expr, b: Expr, var: Symbol, wrong: list) -> list:
    """More disagreeing points (z, a, b), looked for only where the fixed sample cannot settle it:

    * one point disagrees: the points just around it (within 0.02).  A line equal to its target
      but for a point near a pole or a cancellation agrees there; a wrong line is wrong on an
      interval, so at least two of them disagree too (else none is reported);
    * a side has cases: both sides of every breakpoint of either side (known exactly), three
      points between two breakpoints and beyond the outermost ones, where the sample may have
      no point (hard sigmoid's breakpoints ±2.5 written ±2; ReLU6's cap at 6 forgotten).
      Never at a breakpoint itself, where cases may differ by convention.  A case that switches
      where a quantity not linear in the variable changes sign (e^z < 1000, z^3 > 216) has its
      switching points found on SCAN, and the line is compared at FAR too: the fixed sample lies
      within ±4, and such a condition may put a mistake only beyond (ReLU' as 1 for 0 < z < ln 1000).
    Values by SymPy's evalf at 30 digits; a side undefined at a point says nothing there."""
    params = parameter_values(a, b, var)
    left, right = a.xreplace(params), b.xreplace(params)
    found = []
    if wrong:
        z0 = wrong[0][0]
        around = [d for d in (_disagreement(left, right, var, z0 + h) for h in NEIGHBOURS) if d is not None]
        if len(around) >= 2:
            found.extend(around)
    if left.has(*CASES) or right.has(*CASES):
        unlocated = unlocated_switches(left, var) + unlocated_switches(right, var)
        scanned = set()
        try:
            with time_limit(SCAN_SECONDS) if unlocated else nullcontext():
                for quantity in unlocated:
                    scanned |= set(_scanned_roots(quantity, var))
        except TimeoutError:
            pass  # (e^(e^(e^z)) - 5 far out): the switching points found so far
        edges = sorted(set(breakpoints(left, var)) | set(breakpoints(right, var)) | scanned)
        edges = [r for r in edges if abs(r) < 1000]
        points = list(FAR_BOTH_SIGNS) if unlocated else []
        if edges:
            points += [r + s * h for r in edges for h in ASIDE for s in (-1, 1)]
            # inside each interval between two switching points, at three places: a wrong line is
            # wrong on the whole of a narrow one (a cap at 5.99 for 6), and two points must show it
            points += [r + (t - r) * k / 4 for r, t in zip(edges, edges[1:]) for k in (1, 2, 3)]
            outer = max(abs(r) for r in edges) + BEYOND
            points += [outer, -outer]
        if points:
            try:
                # far out a side may take long to evaluate (e^(e^(e^z)) at 97): bounded, where
                # the far points are looked at
                with time_limit(SCAN_SECONDS) if unlocated else nullcontext():
                    _look(left, right, var, points, edges, found)
            except TimeoutError:
                pass  # the disagreements found so far
    return found


def _look(left: Expr, right: Expr, var: Symbol, points: list, edges: list, found: list) -> None:
    """The disagreements at the points (never at a breakpoint itself), added to found."""
    seen = set()
    for point in points:
        key = round(float(point), 9)
        if key in seen or any(abs(point - r) < Float("1e-6") for r in edges):
            continue
        seen.add(key)
        if id(point) in _FAR_IDS and (quick_value(left, {var: point}) is None
                                      or quick_value(right, {var: point}) is None):
            continue  # far out, too large to evaluate quickly (e^(e^(e^z)) at 97): it says nothing
        d = _disagreement(left, right, var, point)
        if d is not None:
            found.append(d)


def not_real(a: Expr, b: Expr, var: Symbol) -> list:
    """The sample points (z, a, b) where a is a number with an imaginary part (not rounding's)
    and b a real one: a line that is complex where the value it should have is real.  Where
    both are non-real, or either undefined (a pole, a piece not covering the point), nothing."""
    params = parameter_values(a, b, var)
    found = []
    for point in POINTS:
        at = {var: point, **params}
        right = evaluate(b, at)
        if right is None or evaluate(a, at) is not None:
            continue
        try:
            value = a.xreplace(at).evalf(PRECISION)
            real, imaginary = value.as_real_imag()
        except (ArithmeticError, TypeError, ValueError, AttributeError):
            continue
        if real.is_Number and imaginary.is_Number and real.is_finite and imaginary.is_finite \
                and abs(imaginary) > Float("1e-12") * (1 + abs(real)):
            found.append((point, value, right))
    return found


def _scanned_roots(quantity: Expr, var: Symbol) -> list[Float]:
    """Where a quantity not linear in var changes sign on SCAN (e^z - 1000: ln 1000), each
    found by bisection to about 1e-12: the switching points ``breakpoints`` cannot locate."""
    values = [(p, _sign_at(quantity, var, p)) for p in SCAN]
    values = [(p, v) for p, v in values if v is not None]
    roots = []
    for (low, a), (high, b) in zip(values, values[1:]):
        if a == b:
            continue
        for _ in range(48):
            middle = (low + high) / 2
            m = _sign_at(quantity, var, middle)
            if m is None:
                break
            if m == a:
                low = middle
            else:
                high = middle
        roots.append((low + high) / 2)
    return roots


def _sign_at(quantity: Expr, var: Symbol, point: Float) -> bool | None:
    """Whether quantity > 0 at point, by the quick evaluation where its error bound says so;
    None where it cannot say (0, too close to 0, too large to evaluate quickly)."""
    quick = quick_value(quantity, {var: Float(point, 30)})
    if quick is None:
        return None
    value, error = quick
    try:
        return bool(value > 0) if abs(value) > 2 * error else None
    except (TypeError, ValueError):
        return None


def _disagreement(a: Expr, b: Expr, var: Symbol, point: Float):
    """(point, a, b) where both are defined there and differ at 30 digits and again at 60
    (a cancellation that 30 digits cannot resolve is no disagreement), else None."""
    left, right = evaluate(a, {var: point}), evaluate(b, {var: point})
    if left is None or right is None or close(left, right):
        return None
    try:
        at = {var: Float(point, 70)}
        finer_left, finer_right = a.xreplace(at).evalf(60), b.xreplace(at).evalf(60)
    except (ArithmeticError, TypeError, ValueError):
        return None
    if not (finer_left.is_Number and finer_right.is_Number and finer_left.is_real and finer_right.is_real) \
            or close(Float(finer_left, 60), Float(finer_right, 60)):
        return None
    return point, left, right


def _named(a: Expr, b: Expr, var: Symbol) -> tuple:
    """The parameters' values at every point, to say with a counterexample (α = 0.73)."""
    return tuple((p.name, v) for p, v in parameter_values(a, b, var).items())


def _cancels_in_exp(difference: Expr, var: Symbol, seconds: float) -> bool:
    """The difference is 0 once written in exponentials: as it stands (tanh(z) against its
    definition), or as a rational function of t = e^{z/L} (a quotient rule worked out).
    These are ``proves_zero``'s own exact tests, which it reaches only after expanding the
    difference as written (tanh, quotients and all: often the dearest part of a check).
    Without cases only, where ``proves_zero`` always reaches them: what this proves,
    ``proves_zero`` proves too.  Bounded by a quarter of ``seconds``; past it, or when it
    shows nothing, ``proves_zero`` runs as before with its whole bound."""
    if difference.has(*CASES):
        return False
    try:
        with time_limit(seconds / 4):
            rewritten = difference.rewrite(exp)
            if rewritten == 0:
                return True
            rational = exp_as_powers(rewritten, var, Dummy("t", positive=True), shifted=True)
            return rational is not None and rational_zero(rational)
    except (TimeoutError, ArithmeticError, TypeError, ValueError, AttributeError, NotImplementedError):
        return False


def _kept(key: tuple, result: Comparison) -> Comparison:
    _COMPARED.put(key, result)
    return result


def _undisturbed(seconds: float) -> bool:
    """No enclosing alarm (the file's --timeout) can fire during the proof attempts (the
    exponential one bounded by seconds / 4, the two of ``proves_zero`` by 1.5 × seconds
    each), so a failed proof is the proofs' own verdict."""
    if not hasattr(signal, "getitimer") or threading.current_thread() is not threading.main_thread():
        return True  # no alarm here at all: nothing interrupts a proof
    remaining = signal.getitimer(signal.ITIMER_REAL)[0]
    return remaining == 0 or remaining > 3.25 * seconds + 1


def sample(a: Expr, b: Expr, var: Symbol) -> tuple[int, list]:
    """``engine.verify.sample(a, b, var, POINTS)``, each side's values at the points
    remembered: (how many points agree, the points (z, a, b) that disagree)."""
    at_params = tuple(parameter_values(a, b, var).items())
    left_quick, right_quick = _values(_QUICK, a, var, at_params), _values(_QUICK, b, var, at_params)
    left_exact = right_exact = None
    agree, wrong = 0, []
    for i, point in enumerate(POINTS):
        left = _value_at(left_quick, i, True, a, var, at_params)
        right = _value_at(right_quick, i, True, b, var, at_params) if left is not None else None
        quick = quick_decision(left, right) if right is not None else None
        if quick is True:
            agree += 1
            continue
        if quick is not None:
            wrong.append((point, *quick))
            continue
        if left_exact is None:
            left_exact, right_exact = _values(_EXACT, a, var, at_params), _values(_EXACT, b, var, at_params)
        left = _value_at(left_exact, i, False, a, var, at_params)
        right = _value_at(right_exact, i, False, b, var, at_params)
        if left is None or right is None:
            continue
        if close(left, right):
            agree += 1
        else:
            wrong.append((point, left, right))
    return agree, wrong


def _values(memo: Memo, expr: Expr, var: Symbol, at_params: tuple) -> list:
    return memo.get((expr, var, at_params), lambda: [_UNSEEN] * len(POINTS))


def _value_at(values: list, i: int, quick: bool, expr: Expr, var: Symbol, at_params: tuple):
    """expr at POINTS[i], remembered in ``values``: its quick (value, error), or its value by evalf."""
    value = values[i]
    if value is _UNSEEN:
        at = {var: POINTS[i], **dict(at_params)}
        value = values[i] = quick_value(expr, at, _memory(var, i, at_params)) if quick else evaluate(expr, at)
    return value


def _memory(var: Symbol, i: int, at_params: tuple) -> dict:
    """The quick evaluation's memory at POINTS[i] (and the parameters' values)."""
    memories = _POINT_MEMORY.get((var, at_params), lambda: [None] * len(POINTS))
    memory = memories[i]
    if memory is None or len(memory) > SUBEXPRESSIONS:
        memory = memories[i] = quick_memory({var: POINTS[i], **dict(at_params)})
    return memory


def value_at(expr: Expr, var: Symbol, point) -> Float | None:
    """expr at a point (no parameters) to 30 digits, or None where it is undefined: the
    quick evaluation where its error bound makes it right to 30 digits, else SymPy's evalf."""
    at = {var: point}
    i = _INDEX.get(id(point))
    memory = _memory(var, i, ()) if i is not None and POINTS[i] is point else None
    value = quick_float(expr, at, memory)
    return value if value is not None else evaluate(expr, at)


def points_key(points) -> tuple:
    """A cheap key for some of POINTS (their places), else the points themselves."""
    places = tuple(_INDEX.get(id(p), -1) for p in points)
    if all(i >= 0 and POINTS[i] is p for i, p in zip(places, points)):
        return places
    return tuple(points)
