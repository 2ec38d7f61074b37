"""Whether g is strictly monotone on the reals: then g'(z) is a function of g alone.

Decided without sampling, so that "a form in g exists" is a proof and not a guess:
g' > 0 (or < 0) by SymPy's assumptions (on g' as it stands or in exponentials); or g'
>= 0 with finitely many zeros (tanhshrink: tanh^2 z); or g built from increasing
pieces: compositions of monotone functions, sums of terms that move the same way,
products of positive factors that move the same way (sigma(z) sigma(2z) sigma(3z)).
"""

from __future__ import annotations

from sympy import (
    Add,
    Expr,
    FiniteSet,
    Mul,
    Pow,
    S,
    Symbol,
    asinh,
    atan,
    atanh,
    erf,
    erfc,
    exp,
    log,
    sinh,
    solveset,
    tanh,
)

from .functions import sigmoid

INCREASING = (exp, log, tanh, atanh, sigmoid, atan, sinh, asinh, erf)
DECREASING = (erfc,)


def direction(definition: Expr, derivative: Expr, var: Symbol) -> int | None:
    """+1 if g is strictly increasing, -1 if strictly decreasing, None if not shown."""
    built = structure(definition, var)
    if built:
        return built
    for slope in (derivative, derivative.rewrite(exp)):
        if slope.is_positive:
            return 1
        if slope.is_negative:
            return -1
    for sign, weak in ((1, derivative.is_nonnegative), (-1, derivative.is_nonpositive)):
        if weak and isinstance(solveset(derivative, var, S.Reals), FiniteSet):
            return sign  # isolated zeros: still strictly monotone
    return None


def structure(expr: Expr, var: Symbol) -> int | None:
    """The direction read off how expr is built, or None."""
    if expr == var:
        return 1
    if not expr.has(var):
        return None
    if isinstance(expr, Add):
        moving = [structure(t, var) for t in expr.args if t.has(var)]
        return moving[0] if moving[0] and all(m == moving[0] for m in moving) else None
    if isinstance(expr, Mul):
        k, rest = expr.as_independent(var, as_Add=False)
        if k != 1:
            inner = structure(rest, var)
            if inner and k.is_positive:
                return inner
            if inner and k.is_negative:
                return -inner
            return None
        moving = [structure(f, var) for f in expr.args]
        if all(f.is_positive for f in expr.args) and moving[0] and all(m == moving[0] for m in moving):
            return moving[0]
        return None
    if isinstance(expr, Pow):
        base, p = expr.args
        if p.has(var):
            return structure(exp(p * log(base)), var) if not base.has(var) and base.is_positive else None
        inner = structure(base, var)
        if not inner or not p.is_real:
            return None
        if p.is_integer and p.is_odd and p.is_positive:
            return inner
        if base.is_positive or (p.is_positive and base.is_nonnegative):
            return inner if p.is_positive else (-inner if p.is_negative else None)
        return None
    if isinstance(expr, INCREASING) and len(expr.args) == 1:
        return structure(expr.args[0], var)
    if isinstance(expr, DECREASING) and len(expr.args) == 1:
        inner = structure(expr.args[0], var)
        return -inner if inner else None
    return None
