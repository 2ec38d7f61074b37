"""The form in g by inverting g: where g is strictly monotone, z = h(g), and then
g'(z) = g'(h(g)) is a function of g alone.

g is inverted layer by layer, from the outside in: g = c + k u gives u = (g - c)/k,
g = f(u) gives u = f^{-1}(g) for the functions whose inverse derive knows
(exp <-> log, tanh <-> artanh, sigma <-> logit, atan <-> tan, sinh <-> arsinh, powers,
1/u, ...).  Where z occurs more than once (z/sqrt(1 + z^2)), SymPy's ``solve`` is asked,
under a time bound.  An even power or cosh has two inverses (z = +-sqrt(-ln g) for the
Gaussian's z^2): each is a candidate, and only a candidate that checks equal at points
of both signs is kept, so an inverse that holds on one side only is never used.

The first derivative is also built layer by layer: g = f(u) has
g' = f'(u) u' = f'(f^{-1}(g)) F_u(f^{-1}(g)), where F_u is u's own form in its value,
found the same way; each factor f'(f^{-1}(g)) is simplified on its own (sigma'(logit g)
= g(1 - g), tanh'(artanh g) = 1 - g^2, atan'(tan g) = cos^2 g).  That keeps the work
linear in the depth of a composition (tanh nested n times).

``tidy`` simplifies under the range of g: g's values at the sample points say which
factors keep one sign on it, and those become positive symbols while SymPy simplifies
(sqrt(1/(1 - g^2)) (1 - g^2)^2 = (1 - g^2)^{3/2} for g in (-1, 1)).  Every candidate is
checked numerically against g' with g = g(z) before it is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sympy import (
    Add,
    Dummy,
    Expr,
    Float,
    Mul,
    Pow,
    Rational,
    S,
    Symbol,
    acosh,
    asinh,
    atan,
    atanh,
    cancel,
    cosh,
    count_ops,
    diff,
    erf,
    erfc,
    erfcinv,
    erfinv,
    exp,
    expand,
    factor_list,
    factor_terms,
    fraction,
    log,
    powdenest,
    powsimp,
    sinh,
    solve,
    tan,
    tanh,
    trigsimp,
)

from sympy.functions.elementary.hyperbolic import HyperbolicFunction
from sympy.functions.elementary.trigonometric import TrigonometricFunction

from .budget import Budget
from .factoring import Factoring
from .functions import G, sigmoid
from .radical_inverse import quadratic_inverses
from .verify import PARAMETER_VALUES, POINTS, _quick_verdict, close, evaluate, quick_float

#: f -> the inverses of f (two where f is even: both are candidates)
INVERSES: dict[type, Callable[[Expr], tuple[Expr, ...]]] = {
    exp: lambda y: (log(y),),
    log: lambda y: (exp(y),),
    tanh: lambda y: (atanh(y),),
    atanh: lambda y: (tanh(y),),
    sigmoid: lambda y: (log(y / (1 - y)),),
    atan: lambda y: (tan(y),),
    tan: lambda y: (atan(y),),
    sinh: lambda y: (asinh(y),),
    asinh: lambda y: (sinh(y),),
    cosh: lambda y: (acosh(y), -acosh(y)),
    erf: lambda y: (erfinv(y),),
    erfc: lambda y: (erfcinv(y),),
}
#: a form longer than this (operations) is no help to a reader: it is not shown
MAX_OPS = 120
#: inverses that are no elementary functions: a form through them exists but is not closed
NOT_ELEMENTARY = {erf: "erfinv", erfc: "erfcinv"}


@dataclass(frozen=True)
class Inverse:
    """z = expr(y) on some interval; ``needs`` names non-elementary functions it uses."""

    expr: Expr
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    """A form F(y) of a derivative, and how z was written in g to get it."""

    form: Expr
    inverse: Expr | None  # z = inverse(y), when the form came from one
    needs: tuple[str, ...] = ()


def inverses(expr: Expr, var: Symbol, y: Expr, budget: Budget, *, needs: tuple[str, ...] = ()) -> list[Inverse]:
    """Candidates for z with expr(z) = y, peeling the outermost layer first."""
    if expr == var:
        return [Inverse(y, needs)]
    if not expr.has(var):
        return []
    if isinstance(expr, Add):
        c, rest = expr.as_independent(var, as_Add=True)
        if c != 0:
            return inverses(rest, var, y - c, budget, needs=needs)
    if isinstance(expr, Mul):
        k, rest = expr.as_independent(var, as_Add=False)
        if k != 1:
            return inverses(rest, var, y / k, budget, needs=needs)
    if isinstance(expr, Pow):
        base, p = expr.args
        if not p.has(var):
            return [i for r in _roots(y, p) for i in inverses(base, var, r, budget, needs=needs)]
        if not base.has(var):
            return inverses(p, var, log(y) / log(base), budget, needs=needs)
    f = type(expr)
    if f in INVERSES and len(expr.args) == 1:
        more = needs + ((NOT_ELEMENTARY[f],) if f in NOT_ELEMENTARY else ())
        return [i for r in INVERSES[f](y) for i in inverses(expr.args[0], var, r, budget, needs=more)]
    if not expr.is_algebraic_expr(var):
        return []  # z e^z = y and z - tanh z = y: no elementary inverse for solve to find
    # one square root and a quadratic once squared: solve's candidates, a third of its cost
    solved = budget.run(lambda: quadratic_inverses(expr, var, y), at_most=1.0)
    if solved is not None:
        # real for some y (a square root of a polynomial in y at most), and each checked at
        # the sample points before use (``inverts``, ``holds``): no assumption query (5 ms)
        return [Inverse(s, needs) for s in solved]
    # unchecked and unsimplified: each candidate is checked at the sample points instead
    # (``inverts``, ``holds``), and solve's own checks and simplify cost 0.2-0.6 s
    solved = budget.run(lambda: solve(expr - y, var, check=False, simplify=False), at_most=1.0) or []
    return [Inverse(s, needs) for s in solved if not s.has(var) and s.is_real is not False]


def _roots(y: Expr, p: Expr) -> tuple[Expr, ...]:
    """u with u^p = y: one root, or two (+-) where p's numerator is even (u^2 = y)."""
    root = Pow(y, 1 / p)
    if isinstance(p, Rational) and p.p % 2 == 0:
        return (root, -root)
    return (root,)


def layered_form(expr: Expr, var: Symbol, y: Dummy, budget: Budget) -> Found | None:
    """F with d/dz expr = F(expr), built layer by layer (see the module's docstring)."""
    if expr == var:
        return Found(S.One, None)
    if not expr.has(var):
        return None
    if isinstance(expr, Add):
        c, rest = expr.as_independent(var, as_Add=True)
        if c != 0:
            inner = layered_form(rest, var, y, budget)
            return None if inner is None else Found(inner.form.subs(y, y - c), None, inner.needs)
    if isinstance(expr, Mul):
        k, rest = expr.as_independent(var, as_Add=False)
        if k != 1:
            inner = layered_form(rest, var, y, budget)
            return None if inner is None else Found(k * inner.form.subs(y, y / k), None, inner.needs)
    if isinstance(expr, Pow) and expr.exp.has(var) and not expr.base.has(var):
        return layered_form(exp(expr.exp * log(expr.base)), var, y, budget)
    if isinstance(expr, Pow) and not expr.exp.has(var):
        inner_expr, w = expr.base, Dummy("w")
        outer, inverse, needs = Pow(w, expr.exp), _roots(y, expr.exp)[0], ()
    elif type(expr) in INVERSES and len(expr.args) == 1:
        inner_expr, w = expr.args[0], Dummy("w")
        outer, inverse = type(expr)(w), INVERSES[type(expr)](y)[0]
        needs = (NOT_ELEMENTARY[type(expr)],) if type(expr) in NOT_ELEMENTARY else ()
    else:
        return None
    inner = layered_form(inner_expr, var, y, budget)
    if inner is None:
        return None
    slope = budget.run(lambda: _small(_on_positive(diff(outer, w).subs(w, inverse), y, expr)), at_most=1.0)
    if slope is None:
        return None
    form = _multiplied_out(slope * inner.form.subs(y, inverse))
    if count_ops(form) > MAX_OPS:  # sigma nested n times: logit nested n times doubles each time
        budget.too_long = True
        return None
    return Found(form, None, needs + inner.needs)


def _multiplied_out(form: Expr) -> Expr:
    """form, or form multiplied out where that is shorter: log(1 + e^z)'s e^(-y) (e^y - 1) is
    1 - e^(-y), and tanh(softplus(z))'s form in g (1 - g^2) (1 - e^(-atanh g)), not (1 - g^2)
    (e^(atanh g) - 1) e^(-atanh g)."""
    if count_ops(form) > MAX_OPS:
        return form
    spread = expand(form, deep=False, mul=True, multinomial=False, power_exp=False, power_base=False, log=False)
    return spread if count_ops(spread) < count_ops(form) else form


def _on_positive(slope: Expr, y: Dummy, layer: Expr) -> Expr:
    """The slope of a power layer u^p with u > 0 (so its value y > 0) and p real, written
    with y positive: (y^(-1/a))^(-a - 1) is y^((a + 1)/a) there (the generalized logistic's
    (1 + e^(-bz))^(-a), whose form in g was a b (1 - g^(1/a))/(g^(-1/a))^a, not a b g
    (1 - g^(1/a))).  Elsewhere the slope as it is."""
    if not (isinstance(layer, Pow) and layer.base.is_positive and layer.exp.is_real) or y.is_positive:
        return slope
    positive = Dummy("y", positive=True)
    return slope.xreplace({y: positive}).xreplace({positive: y})


def _small(expr: Expr) -> Expr:
    """The shortest of a few rewritings of a small expression (sigma(logit y) is y)."""
    candidates = [expr, cancel(expr)]
    if expr.has(sigmoid):
        candidates.append(cancel(expr.rewrite(exp)))
    if candidates[-1].has(TrigonometricFunction, HyperbolicFunction):
        candidates.append(trigsimp(candidates[-1]))  # atan'(tan y) = 1/(1 + tan^2 y) = cos^2 y
    return min(candidates, key=lambda e: (count_ops(e), str(e)))


def tidy(form: Expr, y: Dummy, values: Sequence[float], budget: Budget) -> list[Expr]:
    """Rewritings of form, simplified under the range of g (its values at the sample points)."""
    out = [form]
    factoring = Factoring()  # factor(form) is also deep's last step: worked out once
    for step in (cancel, factoring):
        done = budget.run(lambda: step(form), at_most=1.5)
        if done is not None:
            out.append(done)
    # the radicands factored (sqrt(y^4 + 2y^2 + 1) is y^2 + 1, a positive square), over one
    # denominator: what simplify found here, without its cost (and its first-use import of
    # sympy.physics.units)
    deep = budget.run(lambda: factoring.deep(form), at_most=1.5)
    if deep is not None:
        done = budget.run(lambda: cancel(deep), at_most=1.5)
        if done is not None:
            out.append(done)
    # each rewriting factored (deep) and simplified on g's range, each factoring once: for
    # factor(form) and the line above that factoring is `deep` itself (every form of the
    # catalog at orders 1-3, 59 of 59), not worked out again (3-8 ms each)
    factorings = [deep] if deep is not None and any(_fractional_powers(f) for f in out[2:]) else []
    if form.has(TrigonometricFunction, HyperbolicFunction):
        done = budget.run(lambda: trigsimp(out[-1]), at_most=1.5)
        if done is not None:
            out.append(done)
            if _fractional_powers(done):
                factorings.append(budget.run(lambda: factoring.deep(done), at_most=1.0))
    for factored in dict.fromkeys(f for f in factorings if f is not None):
        ranged = budget.run(lambda: _ranged(factored, y, values, form), at_most=1.0)
        if ranged is not None:
            out.append(ranged)
    return list(dict.fromkeys(out))


def on_range(form: Expr, y: Dummy, values: Sequence[float]) -> Expr:
    """form with every polynomial factor that keeps one sign on g's values made a positive
    symbol while powers are combined: (1 - y)^(3/2) (1 + y)^(3/2) = (1 - y^2)^(3/2)."""
    if not _fractional_powers(form):
        return form
    return _ranged(Factoring().deep(form), y, values, form)


def _fractional_powers(form: Expr) -> bool:
    return any(not p.exp.is_integer for p in form.atoms(Pow))


def _ranged(factored: Expr, y: Dummy, values: Sequence[float], form: Expr) -> Expr:
    """on_range, given form factored (deep); form itself where no factor keeps one sign."""
    polys = set()
    for p in factored.atoms(Pow):
        for part in p.base.as_numer_denom():
            if part.has(y) and part.is_polynomial(y):
                polys.update(f for f, _ in factor_list(part, y)[1])
    to_symbol, back = {}, {}
    for f in sorted(polys, key=str):
        signs = {_sign(f, y, v) for v in values}
        if signs == {1} or signs == {-1}:
            s = signs.pop()
            w = Dummy("w", positive=True)
            to_symbol[f], to_symbol[-f] = s * w, -s * w
            back[w] = s * f
    if not to_symbol:
        return form
    positive = powsimp(powdenest(factored.xreplace(to_symbol)), force=True)
    combined = powsimp(positive.xreplace(back), combine="base", force=True)
    return combined.replace(lambda e: isinstance(e, Pow) and isinstance(e.base, Mul),
                            lambda e: Pow(expand(e.base), e.exp))


def _sign(f: Expr, y: Dummy, value: float) -> int:
    v = f.xreplace({y: value})  # a polynomial factor: subs' value, at a quarter of its cost
    return 1 if v > 0 else (-1 if v < 0 else 0)


@lru_cache(maxsize=32)
def range_values(definition: Expr, var: Symbol) -> tuple:
    """g at the sample points: what tidy takes as g's range (worked out once for both of
    ``first_form``'s routes), each right to 30 digits: by the quick evaluation where its
    error bound says so, by SymPy's evalf otherwise (ten times the cost)."""
    if definition.free_symbols - {var}:
        return ()  # a parameter left symbolic: g has no value at a point (evalf's answer, 2 ms each)
    out = []
    for point in POINTS:
        at = {var: point}
        v = quick_float(definition, at)
        if not isinstance(v, Float):  # None, or an exact 0 (evalf's is the Float 0.0)
            v = evaluate(definition, at)
        if v is not None:
            out.append(v)
    return tuple(out)


def simplest_verified(candidates: list[Expr], y: Dummy, definition: Expr, target: Expr, var: Symbol) -> Expr | None:
    """The shortest candidate F with F(g(z)) equal to target at the sample points."""
    for form in sorted(dict.fromkeys(candidates), key=lambda e: (count_ops(e), str(e))):
        if form.has(var) or form.has(S.ImaginaryUnit):
            continue
        if holds(form.subs(y, definition), target, var):
            return _signs_cancelled(factor_terms(form))  # g(1 - g) L (1 - L), not (g - g^2)(L - L^2)
    return None


def _signs_cancelled(form: Expr) -> Expr:
    """-a/(b - c) written a/(c - b): the same fraction, without a sign on top."""
    top, bottom = fraction(form)
    if top.could_extract_minus_sign() and isinstance(bottom, Add):
        return (-top) / expand(-bottom)
    return form


def form_by_inversion(definition: Expr, target: Expr, var: Symbol, budget: Budget, *, shown: bool = True
                      ) -> Found | None:
    """target (g', g'', ...) as a function of G through z = h(G), for each candidate h;
    with ``shown``, also z = h(G) as the chain's note writes it (``derive list`` shows no
    note: rewriting h costs ISRU, ISRLU and bent identity 20-25 ms each)."""
    values = range_values(definition, var)
    y = _symbol(values)
    candidates = inverses(definition, var, y, budget)
    # an inverse that holds on the whole line first: it is the one worth showing (each
    # checked once, the answer kept for the note; those after the first such one only
    # if it gives no form: bent identity's second root is not checked)
    whole: dict[Expr, bool] = {}

    def holds_everywhere(inverse: Inverse) -> bool:
        if inverse.expr not in whole:
            whole[inverse.expr] = inverts(inverse.expr, y, definition, var)
        return whole[inverse.expr]

    first = next((i for i in candidates if holds_everywhere(i)), None)

    def in_order():  # candidates sorted by (not whole), stably, the rest checked when reached
        if first is not None:
            yield first
        yield from sorted((i for i in candidates if i is not first), key=lambda i: not holds_everywhere(i))

    through: list[Expr | None] = []  # target through g's radical: worked out once, when first needed
    for inverse in in_order():
        if count_ops(inverse.expr) > MAX_OPS:
            budget.too_long = True
            continue
        if not through:
            through.append(budget.run(lambda: through_radicals(definition, target, var, y), at_most=0.5))
        raw = budget.run(lambda: (through[0] if through[0] is not None else target).subs(var, inverse.expr),
                         at_most=1.0)
        if raw is None:
            continue
        form = simplest_verified(tidy(raw, y, values, budget), y, definition, target, var)
        if form is not None:
            note = _shown(inverse.expr, y, values, definition, var, budget) if shown and holds_everywhere(inverse) else None
            return Found(form.xreplace({y: G}), note, inverse.needs)
    return None


def through_radicals(definition: Expr, target: Expr, var: Symbol, y: Dummy) -> Expr | None:
    """target with the radical of g's definition written through g itself, or None.

    g = z + (sqrt(z^2 + 1) - 1)/2 gives sqrt(z^2 + 1) = 2g + 1 - 2z, so bent identity's
    g' = 1 + z/(2 sqrt(z^2 + 1)) is 1 + z/(2(2g + 1 - 2z)): only z is then left to
    substitute, and the form comes out as short as 3 sqrt(g^2 + g + 1)/(4 sqrt(g^2 + g + 1)
    - 2g - 1), where substituting z into the radical too nests one root in another.  A
    power of the radicand in target is rewritten where it is an integer power of the
    radical (squareplus: sqrt(z^2 + 4) itself; ISRU: (1 + z^2)^{-3/2} = ((1 + z^2)^{-1/2})^3)."""
    roots = sorted((p for p in definition.atoms(Pow)
                    if p.base.has(var) and isinstance(p.exp, Rational) and not p.exp.is_Integer), key=str)
    for root in roots:
        s = Dummy("s")
        with_s = definition.xreplace({root: s})
        slope = diff(with_s, s)
        if slope == 0 or slope.has(s) or with_s.has(root.base):
            continue  # not linear in the radical, or its radicand elsewhere in g too
        value = (y - expand(with_s - slope * s)) / slope
        base, p = root.base, root.exp

        def through(e: Expr) -> Expr:
            return value ** int(e.exp / p)

        rewritten = target.replace(lambda e: isinstance(e, Pow) and e.base == base and (e.exp / p).is_integer,
                                   through)
        if not rewritten.has(base):
            return cancel(rewritten)
    return None


def _shown(inverse: Expr, y: Dummy, values: Sequence[float], definition: Expr, var: Symbol, budget: Budget) -> Expr | None:
    """z = h(G) as a note shows it: the shortest rewriting that still inverts g (h does)."""
    # the shortest that inverts g: checked from the shortest up (each check 3 ms), not all
    for h in sorted(tidy(inverse, y, values, budget), key=lambda e: (count_ops(e), str(e))):
        if h == inverse or inverts(h, y, definition, var):
            return h.xreplace({y: G})
    return None


def inverts(inverse: Expr, y: Dummy, definition: Expr, var: Symbol) -> bool:
    """Whether z = inverse(g(z)) at every sample point (both signs): a true inverse."""
    return holds(inverse.subs(y, definition), var, var)


def holds(candidate: Expr, target: Expr, var: Symbol) -> bool:
    """candidate = target at every sample point where target is a finite real, and at 6 at
    least: a candidate undefined where target is defined fails ((z^3)^(2/3) is not z^2 for
    z < 0, a check that skipped such points would take it on the positive points alone)."""
    agree = 0
    params = sorted((candidate.free_symbols | target.free_symbols) - {var}, key=lambda s: s.name)
    at_params = {p: PARAMETER_VALUES[i % len(PARAMETER_VALUES)] for i, p in enumerate(params)}
    for point in POINTS:
        at = {var: point, **at_params}
        quick = _quick_verdict(candidate, target, at)  # both sides in mpmath: ~10x faster than evalf
        if quick is not None:
            if quick is not True:
                return False
            agree += 1
            continue
        expected = evaluate(target, at)
        if expected is None:
            continue
        value = evaluate(candidate, at)
        if value is None or not close(value, expected):
            return False
        agree += 1
    return agree >= 6


def _symbol(values: Sequence[float]) -> Dummy:
    """g's stand-in: positive where every value of g is (so sqrt(g^2) is g)."""
    if values and all(v > 0 for v in values):
        return Dummy("y", positive=True)
    return Dummy("y", real=True)


def first_form(definition: Expr, derivative: Expr, var: Symbol, budget: Budget, *, shown: bool = True
               ) -> Found | None:
    """g' as a function of G, by layers first, then by substituting an inverse (written
    for the chain's note with ``shown``)."""
    values = range_values(definition, var)
    y = _symbol(values)
    layered = layered_form(definition, var, y, budget)
    if layered is not None and layered.form != 0:
        form = simplest_verified(tidy(layered.form, y, values, budget), y, definition, derivative, var)
        if form is not None:
            return Found(form.xreplace({y: G}), None, layered.needs)
    if budget.too_long:
        return None  # substituting the inverse gives the same form, just as long
    return form_by_inversion(definition, derivative, var, budget, shown=shown)
