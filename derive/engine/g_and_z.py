"""When g'(z) is not a function of g(z) alone: a proof of it, and a form in g and z.

A form g'(z) = F(g(z)) exists only if equal values of g come with equal slopes.  An
activation with a minimum or maximum (swish, GELU, mish, the Gaussian) has two points
either side of it where g is equal and g' has opposite signs: no F can exist, and the
two points are the proof.  ``witness`` finds them numerically (30 digits) and keeps
them only if they show it beyond doubt.

The form in g and z is then found without storing anything per function: the
definition is replaced by g where it occurs in the derivative (swish:
g + sigma(z)(1 - g)), or a function inside the definition, which enters it linearly, is
solved for and substituted (GELU: erf(z/sqrt 2) = 2g/z - 1).  The simplest candidate
that is checked equal to the derivative is kept.
"""

from __future__ import annotations


import mpmath
from sympy import Dummy, Expr, Function, Symbol, collect, count_ops, diff, expand, lambdify
from sympy.core.function import AppliedUndef

from ..record import Record, record
from . import floats
from .functions import G
from .verify import compare, digits, numeric_compare


@record
class Witness(Record):
    """g(first) = g(second) while g'(first) != g'(second): no F(g) can give both slopes."""

    first: float
    second: float
    value: float  # g at both
    slopes: tuple[float, float]


def form_in_g_and_z(definition: Expr, derivative: Expr, var: Symbol) -> Expr | None:
    """The simplest verified F(g, z) with derivative = F(definition, z); None if none."""
    candidates = []
    # expanding a product of n factors makes 2^n terms (sigma nested n times): only small ones
    small = count_ops(derivative) <= 40
    replaced = (expand(derivative) if small else derivative).subs(definition, G)
    if replaced.has(G):
        candidates.append(collect(replaced, _functions(replaced)))
    for inner in _functions(definition):
        s = Dummy("s")
        with_s = definition.xreplace({inner: s})
        slope = diff(with_s, s)
        if slope == 0 or slope.has(s):
            continue
        rest = expand(with_s - slope * s)
        solved = derivative.subs(inner, (G - rest) / slope)
        if not solved.has(inner) and solved.has(G):
            candidates.extend([solved, expand(solved)] if small else [solved])
    # a form keeps a function of the definition only when it is elementary in z: sigma(z)
    # is a fine companion of g, tanh(log(1 + e^z)) is the definition still in hiding
    hidden = {f for f in _functions(definition) if not _linear_argument(f, var)}
    for form in sorted(candidates, key=lambda f: (count_ops(f), str(f))):
        if form.atoms(Function) & hidden:
            continue
        if _equal(form.subs(G, definition), derivative, var):
            return form
    return None


def _equal(a: Expr, b: Expr, var: Symbol) -> bool:
    """a = b: at the sample points where they decide (GELU tanh's form: 3 ms, where the
    exact proof ``compare`` tries first takes 13), by ``compare`` where they do not."""
    numeric = numeric_compare(a, b, var)
    if numeric.verdict != "undecided":
        return numeric.equal
    return compare(a, b, var).equal


def _linear_argument(f: Expr, var: Symbol) -> bool:
    return len(f.args) == 1 and f.args[0].is_polynomial(var) and f.args[0].as_poly(var).degree() <= 1


def _functions(expr: Expr) -> list[Expr]:
    return sorted((f for f in expr.atoms(Function) if not isinstance(f, AppliedUndef)), key=str)


def witness(definition: Expr, derivative: Expr, var: Symbol) -> Witness | None:
    """Two points showing that g' is not a function of g, if g turns on [-6, 6]."""
    if definition.free_symbols - {var}:
        return None  # parameters left symbolic: the shape depends on their values
    signs = _slope_signs(derivative, var)
    if signs is not None and None not in signs and len(set(signs)) == 1:
        return None  # no turning point on the grid: what the 30-digit scan would find, sooner
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
