"""A piecewise activation's g' in terms of g, with the conditions on g instead of z.

A backward kernel that keeps only the output needs to tell the pieces apart by g:
ReLU' is 1 where g > 0 and 0 where g = 0; ELU' is g + alpha where g < 0 and 1 where
g > 0.  That works where the values g takes on the pieces do not overlap.  Each piece's
values are an open interval between its one-sided limits (a point for a constant
piece); sorted, consecutive ones must not overlap.  The conditions are those intervals,
without a bound that no value of g crosses (ELU's g > -alpha), and a constant piece's
condition is g = c.  Each case is then checked at points inside its piece: the
condition holds there, no other one does, and F(g(z)) equals g'(z).
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import And, Eq, Expr, Float, Interval, S, Symbol, fraction, oo, solveset, together

from ..errors import EngineFault
from .budget import Budget
from .derivation import Branch
from .functions import G
from .piecewise import _limit
from .verify import close, evaluate, quick_float


@dataclass(frozen=True)
class Image:
    """The values of g on one piece: the open interval (low, high), or the point low = high."""

    low: Expr
    high: Expr

    @property
    def point(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class Cases:
    cases: tuple[tuple[Expr, Expr], ...]  # (F(G), condition on G), left to right in z
    remark: str = ""  # where there are none: why


def cases_in_g(branches: tuple[Branch, ...], var: Symbol, *, order: int = 1) -> Cases:
    """The cases (F_i(G), condition_i(G)) of the derivative of this order, or a remark
    saying why there are none."""
    forms = []
    for b in branches:
        sub = b.derivation
        F = sub.in_terms_of_g
        if F is None or F.has(var):
            where = _interval_text(b, var)
            name = "g" + "'" * order if order < 4 else f"g^({order})"
            if sub.no_form_in_g is not None:  # two points inside the piece prove it
                return Cases((), f"on {where}, {name} is not a function of g alone, so no condition on g can give it")
            return Cases((), f"on {where}, derive found no form of {name} in g alone, so it gives no conditions on g")
        forms.append(F)
    budget = Budget(2.0)
    images = []
    for b in branches:
        image = budget.run(lambda: _image(b, var), at_most=1.0)
        if image is None:
            return Cases((), "")
        images.append(image)
    ranked = _sorted(images)
    if ranked is None:
        return Cases((), "whether the pieces' values of g overlap depends on the parameters")
    same = all((F - forms[0]).expand() == 0 for F in forms)
    shared = False  # two pieces share values of g and have the same form there
    for i, j in zip(ranked, ranked[1:]):
        apart = _apart(images[i], images[j])
        if apart is None:
            return Cases((), "whether the pieces' values of g overlap depends on the parameters")
        if not apart and (forms[i] - forms[j]).expand() != 0:
            return Cases((), f"the values of g on {_interval_text(branches[i], var)} and on "
                             f"{_interval_text(branches[j], var)} overlap, so g alone cannot tell the pieces apart")
        shared = shared or not apart
    if shared and not same:
        return Cases((), "")
    if same:
        # |z|'' is 0 on both sides, and both sides' g fill g > 0: conditions on g cannot
        # tell the pieces apart, and need not where every piece has the same form (ReLU's
        # g'' = 0, binary step's g' = 0: one case, not "0 if g = 0; 0 if g > 0")
        one = ((forms[0], S.true),)  # one case, for every value of g
        _check(one, branches, var, order)
        return Cases(one)
    lowest, highest = ranked[0], ranked[-1]
    cases = tuple((forms[k], _condition(images[k], k == lowest, k == highest)) for k in range(len(branches)))
    _check(cases, branches, var, order)
    return Cases(cases)


def _interval_text(b: Branch, var: Symbol) -> str:
    """The piece in words, with a true minus sign (U+2212), as prose sets a number."""
    def number(x) -> str:
        return str(x).replace("-", "\u2212")

    if b.low != -oo and b.high != oo:
        return f"{number(b.low)} < {var} < {number(b.high)}"
    if b.low != -oo:
        return f"{var} > {number(b.low)}"
    return f"{var} < {number(b.high)}" if b.high != oo else "the real line"


def _image(b: Branch, var: Symbol) -> Image:
    expr = b.derivation.definition
    if not expr.has(var):
        return Image(expr, expr)
    # the values between the ends only where g is monotone on the piece (hardswish's
    # z(z + 3)/6 on -3 < z < 3 dips to -3/8 below both ends): else no image, no cases
    slope = expr.diff(var)
    # a slope whose numerator (over one denominator) has one sign on the whole line has no
    # zero (ISRU's 1/(1 + z^2)^(3/2), softsign's 1/(1 - z)^2): told by SymPy's assumptions
    # in microseconds, where solveset takes 10-16 ms to find the same empty set
    top = fraction(together(slope))[0]
    if not (top.is_positive or top.is_negative):
        turning = solveset(slope, var, Interval.open(b.low, b.high))
        if turning != S.EmptySet:
            raise ValueError("g turns inside the piece")
    ends = [_limit(expr, var, b.low, "+"), _limit(expr, var, b.high, "-")]
    first = ends[0] <= ends[1]
    if first not in (True, False):
        raise ValueError("undecided order")
    return Image(*(ends if first else ends[::-1]))


def _sorted(images: list[Image]) -> list[int] | None:
    order: list[int] = []
    for k in range(len(images)):
        at = 0
        while at < len(order):
            before = images[k].low < images[order[at]].low
            if before not in (True, False):
                return None
            if before or (images[k].low == images[order[at]].low and images[k].point):
                break
            at += 1
        order.insert(at, k)
    return order


def _apart(a: Image, b: Image) -> bool | None:
    """Whether image a (lower) and image b share no value of g."""
    if a.point and b.point:
        return a.low != b.low
    if a.point or b.point:  # a point c and an open interval: c at or beyond an end
        c, (lo, hi) = (a.low, (b.low, b.high)) if a.point else (b.low, (a.low, a.high))
        outside = (c <= lo) | (c >= hi)
        return outside if outside in (True, False) else None
    apart = a.high <= b.low
    return apart if apart in (True, False) else None


def _condition(image: Image, lowest: bool, highest: bool) -> Expr:
    if image.point:
        return Eq(G, image.low)
    parts = []
    if image.low != -oo and not lowest:
        parts.append(G > image.low)
    if image.high != oo and not highest:
        parts.append(G < image.high)
    return And(*parts) if parts else S.true


def _check(cases, branches, var: Symbol, order: int) -> None:
    """Each case at points inside its piece (or the one case, in every piece): its
    condition holds, no other does, F(g) = g'."""
    for k, b in enumerate(branches):
        expr = b.derivation.definition
        slope = expr.diff((var, order)) if expr.has(var) else S.Zero
        params = sorted((expr.free_symbols | slope.free_symbols) - {var}, key=lambda s: s.name)
        if params or not (b.low.is_number and b.high.is_number):
            # parameters kept symbolic (in the piece or at its ends, softshrink's -lambda < z <
            # lambda): the shape depends on them, checked by the pieces' chains
            continue
        for z in _inside(b):
            g_value = _value(expr, {var: z})
            if g_value is None:
                continue
            # xreplace: a number for the symbol G, the condition then decides itself (subs
            # takes ten times as long for the same replacement)
            holds = [bool(c.xreplace({G: g_value})) for _, c in cases]
            mine = k if len(cases) == len(branches) else 0  # one case for every piece
            F_value = _value(cases[mine][0], {G: g_value})
            true_slope = _value(slope, {var: z})
            if not holds[mine] or sum(holds) != 1 or F_value is None or true_slope is None \
                    or not close(F_value, true_slope):
                raise EngineFault(f"the case {cases[mine]} does not hold at {var} = {z}")


def _value(expr: Expr, at: dict) -> Float | None:
    """expr at a point, right to 30 digits: the quick evaluation where its error bound says
    so, SymPy's evalf otherwise (ten times the cost)."""
    quick = quick_float(expr, at) if all(isinstance(v, Float) for v in at.values()) else None
    return quick if quick is not None else evaluate(expr, at)


def _inside(b: Branch) -> list[Float]:
    lo = float(b.low) if b.low != -oo else (float(b.high) - 4 if b.high != oo else -4.0)
    hi = float(b.high) if b.high != oo else lo + 8 if b.low == -oo else float(b.low) + 4
    if b.low == -oo and b.high == oo:
        lo, hi = -4.0, 4.0
    return [Float(str(round(lo + (hi - lo) * f, 6)), 30) for f in (0.13, 0.37, 0.61, 0.89)]
