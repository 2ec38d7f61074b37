"""Piecewise activations cut into branches: the open intervals where one formula holds,
and the points between them, where g may jump or bend.

``Max``, ``Min``, ``Abs``, ``Heaviside`` and ``Piecewise`` are all rewritten as
``Piecewise``; a condition linear in z has one point as its boundary, any other
(max(0, z^2 - 1)) the real roots of its two sides' difference, if there are finitely
many.  Between consecutive boundaries the formula in force is found by evaluating the
conditions at a point inside; adjacent intervals with the same formula are merged.
Boundaries may be symbolic (softshrink's +-lambda) as long as SymPy can order them
under the parameters' assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import (
    Abs,
    Expr,
    Heaviside,
    Max,
    Min,
    Mul,
    Piecewise,
    Poly,
    Rational,
    FiniteSet,
    S,
    Symbol,
    diff,
    limit,
    oo,
    sign,
    solveset,
)
from sympy.core.relational import Relational

from ..errors import DeriveError
from .verify import decides_zero, time_limit

PIECEWISE = (Piecewise, Max, Min, Abs, Heaviside, sign)


@dataclass(frozen=True)
class Piece:
    low: Expr  # -oo or a boundary
    high: Expr  # a boundary or oo
    expr: Expr  # g on the open interval (low, high)


@dataclass(frozen=True)
class Kink:
    """A boundary between two pieces: g's one-sided limits and slopes there."""

    point: Expr
    value: Expr  # g(point)
    left: Expr  # g(point-), g(point+)
    right: Expr
    left_slope: Expr  # g'(point-), g'(point+)
    right_slope: Expr
    framework: Expr | None  # g'(point) as PyTorch's backward takes it, when the catalog says

    @property
    def continuous(self) -> bool | None:
        """True, False, or None where it depends on parameters left symbolic."""
        return _all_zero(self.left - self.value, self.right - self.value)

    @property
    def differentiable(self) -> bool | None:
        continuous = self.continuous
        if continuous is False:
            return False
        slopes = _all_zero(self.left_slope - self.right_slope)
        return None if continuous is None or slopes is None else slopes


def _all_zero(*differences: Expr) -> bool | None:
    """True if every difference is 0; False if one is not; None if that depends on a symbol."""
    undecided = False
    for d in differences:
        zero = is_zero(d) if not d.free_symbols else (True if d.expand() == 0 else d.is_zero)
        if zero is False:
            return False
        if zero is None:
            undecided = True
    return None if undecided else True


def is_piecewise(expr: Expr) -> bool:
    return expr.has(*PIECEWISE)


def pieces(expr: Expr, var: Symbol) -> tuple[Piece, ...]:
    """The open intervals of expr, left to right, each with its formula."""
    folded = unfolded(expr)
    points = _ordered(_boundaries(folded, var))
    ends = [-oo, *points, oo]
    out: list[Piece] = []
    for low, high in zip(ends, ends[1:]):
        inside = _inside(low, high)
        formula = _formula_at(folded, var, inside)
        if out and is_zero(out[-1].expr - formula, var) and _same_at(folded, var, low, formula):
            out[-1] = Piece(out[-1].low, high, out[-1].expr)
        else:
            out.append(Piece(low, high, formula))
    return tuple(out)


def kinks(expr: Expr, var: Symbol, parts: tuple[Piece, ...], sides: tuple[str, ...] = ()) -> tuple[Kink, ...]:
    """The boundaries between pieces; ``sides`` says which slope a framework takes at each."""
    out = []
    for i, (left, right) in enumerate(zip(parts, parts[1:])):
        p = left.high
        value = _value_at(unfolded(expr), var, p)
        dl, dr = diff(left.expr, var), diff(right.expr, var)
        slopes = (_limit(dl, var, p, "-"), _limit(dr, var, p, "+"))
        framework = None
        if i < len(sides):
            framework = slopes[0] if sides[i] == "left" else slopes[1]
        out.append(Kink(p, value, _limit(left.expr, var, p, "-"), _limit(right.expr, var, p, "+"),
                        *slopes, framework))
    return tuple(out)


def _limit(expr: Expr, var: Symbol, point: Expr, side: str) -> Expr:
    value = expr.subs(var, point)
    if value.is_finite:
        return value  # every formula here is continuous inside its own piece's closure
    if point in (oo, -oo):
        leading = _limit_of_powers(expr, var, 1 if point == oo else -1)
        if leading is not None:
            return leading
    return limit(expr, var, point, side)


def _limit_of_powers(expr: Expr, var: Symbol, direction: int) -> Expr | None:
    """The limit of expr as var -> direction * oo where expr is a product of numbers and
    rational powers of polynomials with rational coefficients; None for anything else.

    Each polynomial is lc z^n (1 + o(1)), that is lead |z|^n (1 + o(1)) with lead =
    lc direction^n, so the product is C |z|^D (1 + o(1)), C the product of lead^e, D of
    n e: 0 for D < 0, C for D = 0, sign(C) oo for D > 0.  A non-integer power of a
    polynomial negative for large |z| is not real: None.  ISRLU's z/sqrt(z^2 + 1) at -oo
    is -1 in microseconds, where ``limit`` takes 20 ms."""
    coefficient, degree = S.One, S.Zero
    for factor in Mul.make_args(expr):
        if not factor.has(var):
            coefficient *= factor
            continue
        base, e = factor.as_base_exp()
        if not (e.is_Rational and base.is_polynomial(var)) or base.free_symbols != {var}:
            return None
        poly = Poly(base, var)
        if not poly.domain.is_ZZ and not poly.domain.is_QQ:
            return None
        lead = poly.LC() * direction ** poly.degree()
        if lead < 0 and not e.is_integer:
            return None
        coefficient *= lead**e
        degree += poly.degree() * e
    if not coefficient.is_real or coefficient == 0:
        return None
    if degree < 0:
        return S.Zero
    if degree == 0:
        return coefficient
    positive = coefficient.is_positive
    return None if positive is None else (oo if positive else -oo)


#: at most this many points where a formula changes (max(0, z^2 - 1) has 2)
MAX_BOUNDARIES = 12


def _boundaries(expr: Expr, var: Symbol) -> set[Expr]:
    """Every point where a case of expr may switch: a superset of the boundaries (a point
    where nothing changes is merged away by ``pieces``)."""
    points = set()
    for node in sorted(expr.atoms(*PIECEWISE), key=str):
        for quantity, relation in _switching(node):
            points.update(_sign_changes(quantity, var, relation))
    return points


def _switching(node: Expr) -> list[tuple[Expr, Expr]]:
    """(quantity, the condition it comes from): a case of node switches where one changes sign."""
    if isinstance(node, (Max, Min)):
        return [(a - b, node) for i, a in enumerate(node.args) for b in node.args[i + 1:]]
    if isinstance(node, Piecewise):
        return [(r.lhs - r.rhs, r) for _, condition in node.args for r in condition.atoms(Relational)]
    return [(node.args[0], node)]  # Abs, sign, Heaviside: where the argument is 0


def _sign_changes(difference: Expr, var: Symbol, relation: Expr) -> set[Expr]:
    """Where difference may change sign; a difference with cases of its own (max(0, min(1,
    z)) compares 0 with min(1, z)) may change sign where any of its formulas does (the
    points where its own cases switch are collected from those cases)."""
    inner = [n for n in difference.atoms(*PIECEWISE) if not any(a.has(*PIECEWISE) for a in n.args)]
    if inner:
        node = min(inner, key=str)
        return set().union(*(_sign_changes(difference.xreplace({node: f}), var, relation)
                             for f in _formulas(node)))
    slope = diff(difference, var)
    if slope == 0:
        return set()
    if not slope.has(var) and difference.is_polynomial(var):
        return {-difference.subs(var, 0) / slope}
    return set(_roots(difference, var, relation))  # max(0, z^2 - 1), max(tanh z, 0): the real roots


def _formulas(node: Expr) -> tuple[Expr, ...]:
    """Every formula a case node takes somewhere."""
    if isinstance(node, (Max, Min)):
        return node.args
    if isinstance(node, Piecewise):
        return tuple(e for e, _ in node.args)
    if isinstance(node, Abs):
        return (node.args[0], -node.args[0])
    return (S.Zero, S.One) if isinstance(node, Heaviside) else (S.NegativeOne, S.Zero, S.One)


def _roots(difference: Expr, var: Symbol, relation: Expr) -> list[Expr]:
    """The real roots of a condition's two sides' difference, if SymPy finds finitely many
    (and few) within a time bound; each must be a number (or order-able)."""
    try:
        with time_limit(2.0):
            roots = solveset(difference, var, S.Reals)
    except TimeoutError:
        roots = None
    if not isinstance(roots, FiniteSet) or len(roots) > MAX_BOUNDARIES or not all(r.is_real for r in roots):
        raise DeriveError(f"cannot find where the condition {relation} changes: derive needs finitely many "
                          f"points where {difference} = 0")
    return list(roots)


def _ordered(points: set[Expr]) -> list[Expr]:
    out: list[Expr] = []
    for p in sorted(points, key=str):  # a fixed order in which to insert, for determinism
        at = 0
        while at < len(out):
            before = p < out[at]
            if before not in (True, False):
                raise DeriveError(f"cannot order the points {p} and {out[at]} where the formula changes")
            if before:
                break
            at += 1
        out.insert(at, p)
    return out


def _inside(low: Expr, high: Expr) -> Expr:
    if low == -oo and high == oo:
        return Rational(0)
    if low == -oo:
        return high - 1
    if high == oo:
        return low + 1
    return (low + high) / 2


def unfolded(expr: Expr) -> Expr:
    """expr with its cases as they are (max, min, |x|, H, sign, Piecewise), resolved at a
    point by ``_formula_at``: SymPy's ``rewrite(Piecewise)`` of a nested max/min and its
    ``piecewise_fold`` simplify the combined conditions (``simplify_logic``, ``as_set``),
    importing ``sympy.physics.units`` on first use: ~100 ms of hard sigmoid's 200."""
    return expr


def _formula_at(expr: Expr, var: Symbol, at: Expr) -> Expr:
    """The formula in force around ``at`` (no boundary in between): each case, innermost
    first, replaced by the formula it takes at ``at``."""
    while True:
        inner = [n for n in expr.atoms(*PIECEWISE) if not any(a.has(*PIECEWISE) for a in n.args)]
        if not inner:
            return expr
        expr = expr.xreplace({n: _case_at(n, var, at) for n in inner})


def _case_at(node: Expr, var: Symbol, at: Expr) -> Expr:
    if isinstance(node, Piecewise):
        for formula, condition in node.args:
            holds = condition.subs(var, at)
            if holds not in (True, False):
                raise DeriveError(f"cannot decide where {condition} holds")
            if holds:
                return formula
        raise DeriveError(f"the function is not defined near {var} = {at}")
    if isinstance(node, (Max, Min)):
        for a in node.args:
            wins = [(a >= b if isinstance(node, Max) else a <= b).subs(var, at) for b in node.args if b is not a]
            if any(w not in (True, False) for w in wins):
                raise DeriveError(f"cannot decide where {node} switches")
            if all(wins):
                return a
    x = node.args[0].subs(var, at)
    positive, negative = x.is_positive, x.is_negative
    if not (positive or negative):
        raise DeriveError(f"cannot decide the sign of {node.args[0]} near {var} = {at}")
    if isinstance(node, Abs):
        return node.args[0] if positive else -node.args[0]
    if isinstance(node, Heaviside):
        return S.One if positive else S.Zero
    return S.One if positive else S.NegativeOne


def _value_at(expr: Expr, var: Symbol, point: Expr) -> Expr:
    """g(point), the cases evaluated at the point itself (Heaviside(0) is 1/2 in SymPy)."""
    return expr.subs(var, point)


def _same_at(folded: Expr, var: Symbol, point: Expr, formula: Expr) -> bool:
    """Whether g(point) is what ``formula`` gives there: then point is no boundary at all."""
    return is_zero(_value_at(folded, var, point) - formula.subs(var, point), var)


def is_zero(difference: Expr, var: Symbol | None = None) -> bool:
    """Whether difference is identically 0: decided by verify's exact tests and samples
    where they can (milliseconds), else by ``Expr.equals``, whose ``simplify`` costs a
    first-use import of ``sympy.physics.units`` (~240 ms) on every piecewise entry."""
    decided = decides_zero(difference, var if var is not None else Symbol("_unused"))
    return decided if decided is not None else bool(difference.equals(0))
