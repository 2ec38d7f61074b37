"""Lines as written: expressions that keep the order and grouping a lecture uses.

The lines of a derivation are SymPy expressions built with ``evaluate=False``: their
sums and products keep the order they were written in, and ``UnevaluatedExpr`` marks
a factor that stays a factor, e.g. the ``(-1)`` and ``(-e^{-z})`` of the sigmoid chain.
Every printer (LaTeX, terminal, JSON) prints them as they are and never reorders, so
the engine decides the order once, here, for all of them.
"""

from __future__ import annotations

from sympy import Add, Expr, Mul, Pow, UnevaluatedExpr


def as_written(expr: Expr) -> Expr:
    """expr rebuilt unevaluated, its sums and products in SymPy's printing order."""
    if not expr.args or expr.is_Atom:
        return expr
    if isinstance(expr, Add):
        return Add(*(as_written(t) for t in expr.as_ordered_terms()), evaluate=False)
    if isinstance(expr, Mul):
        # the numeric coefficient stays whole: -2 z, not (-1) 2 z
        coefficient, rest = expr.as_coeff_Mul()
        if _over_decimal(coefficient):  # g'(z)/1.7159, not 10000 g'(z)/17159
            return Mul(as_written(rest), Pow(1 / coefficient, -1, evaluate=False), evaluate=False)
        parts = ([coefficient] if coefficient != 1 else []) + [as_written(f) for f in rest.as_ordered_factors()]
        return Mul(*parts, evaluate=False) if len(parts) > 1 else parts[0]
    if isinstance(expr, Pow):
        return Pow(as_written(expr.base), expr.exp, evaluate=False)
    return expr.func(*(as_written(a) for a in expr.args))


def sign_into_sum(expr: Expr) -> Expr:
    """-a (x - 1) g as a (1 - x) g: a product's minus sign taken into the one sum of its
    factors that then starts with a positive term (the generalized logistic's
    alpha beta g (1 - g^(1/alpha)), not -alpha beta (g^(1/alpha) - 1) g).  Equal as it
    stands; anything else is returned as it is."""
    if not isinstance(expr, Mul) or not expr.could_extract_minus_sign():
        return expr
    sums = [f for f in expr.args if isinstance(f, Add)]
    if len(sums) != 1 or len(sums[0].args) != 2:
        return expr
    total = sums[0]
    flipped = Add(*(-t for t in total.args))
    if sum(t.could_extract_minus_sign() for t in flipped.args) != 1:
        return expr
    rest = [f for f in expr.args if f is not total]
    if Mul(*rest).is_Number:
        return expr  # 2 (1 - x) would be multiplied out into 2 - 2x
    return Mul(-Mul(*rest), flipped)


def replaced(expr: Expr, old: Expr, new: Expr) -> Expr:
    """expr with old replaced by new, nothing evaluated on the way (``xreplace`` rebuilds
    each product it passes through, multiplying 1.7159 (2/3) (-2) into -3.4318 (2/3))."""
    if expr == old:
        return new
    if not expr.args or expr.is_Atom:
        return expr
    args = [replaced(a, old, new) for a in expr.args]
    if all(a is b for a, b in zip(args, expr.args)):
        return expr
    if isinstance(expr, (Add, Mul, Pow)):
        return expr.func(*args, evaluate=False)
    return expr.func(*args)


def _over_decimal(c: Expr) -> bool:
    """c is 1/d with d a decimal given as such (1.7159 = 17159/10000): a positive fraction
    whose reciprocal has a power of 10 for its denominator and no power of 10 on top."""
    if not (c.is_Rational and c.is_positive and not c.is_Integer) or c.p == 1:
        return False
    d = 1 / c
    q = d.q
    while q % 10 == 0:
        q //= 10
    return q == 1 and d.q > 1


def terms(expr: Expr) -> list[Expr]:
    """The terms of a sum as written (nested unevaluated sums flattened)."""
    if isinstance(expr, UnevaluatedExpr):
        return terms(expr.args[0]) if isinstance(expr.args[0], Add) else [expr]
    if isinstance(expr, Add):
        return [t for a in expr.args for t in terms(a)]
    return [expr]


def factors(expr: Expr) -> list[Expr]:
    """The factors of a product as written (nested unevaluated products flattened)."""
    if isinstance(expr, Mul):
        return [f for a in expr.args for f in factors(a)]
    return [expr]


def shape(expr: Expr) -> Expr:
    """What a reader sees change: products and powers combined, sums kept term by term.

    Two lines with the same shape differ only in how factors are grouped or signs are
    placed, so showing both would be a step that does nothing; ``1 + e^{-z} - 1``
    keeps its shape, because the terms a reader adds up are still there.
    """
    if isinstance(expr, UnevaluatedExpr):
        return shape(expr.args[0])
    if not expr.args or expr.is_Atom:
        return expr
    if isinstance(expr, Add):
        return Add(*(shape(t) for t in terms(expr)), evaluate=False)
    return expr.func(*(shape(a) for a in expr.args))


def same_shape(a: Expr, b: Expr) -> bool:
    return _key(shape(a)) == _key(shape(b))


def _key(expr: Expr):
    # Sums compare as multisets of terms: the order of terms is not a step either.
    if isinstance(expr, Add):
        return ("+", tuple(sorted(map(repr, (_key(t) for t in terms(expr))))))
    if not expr.args or expr.is_Atom:
        return expr
    return (expr.func, tuple(_key(a) for a in expr.args))
