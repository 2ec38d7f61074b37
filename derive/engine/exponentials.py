"""Exponentials of a variable as powers of one new symbol, t = e^{cz/L}.

An activation built from e^{z}, e^{-z}, e^{-2kz}, ... becomes a rational function of
t, where ``cancel`` decides equality exactly and a Groebner basis can eliminate t.
The slopes may be symbolic (e^{-kz}) as long as their ratios are rational numbers.
"""

from __future__ import annotations

from functools import reduce
from math import lcm

from sympy import Dummy, Expr, Rational, Symbol, exp, expand


def exp_as_powers(expr: Expr, var: Symbol, t: Dummy, *, shifted: bool = False) -> Expr | None:
    """expr with each e^{a z + b} written e^b t^n; None if var remains anywhere else.

    ``shifted``: where every exponent is a rational multiple of one, a z + b (σ(3z + 2)'s
    e^{-3z - 2} and e^{-6z - 4}), t stands for e^{(a z + b)/L} and the powers carry no
    factor e^b: the same function of z, now with rational coefficients, which ``cancel``
    handles three times faster than coefficients in e^{-2}.  For a test of 0 on one
    expression; two expressions meant to share t (``in_g``) leave it off."""
    exps = [e for e in expr.atoms(exp) if e.has(var)]
    if not exps:
        return None
    # an exponential inside an exponent (tanh nested, rewritten) is no power of t: say so
    # before differentiating and sorting exponents that may be thousands of terms long
    if any(e.args[0].has(exp) for e in exps):
        return None
    slopes = [e.args[0].diff(var) for e in exps]
    if any(s.has(var) for s in slopes):
        return None
    order = sorted(range(len(exps)), key=lambda i: str(exps[i]))
    exps, slopes = [exps[i] for i in order], [slopes[i] for i in order]
    ratios = [s / slopes[0] for s in slopes]
    if not all(isinstance(r, Rational) for r in ratios):
        return None
    scale = reduce(lcm, (r.q for r in ratios), 1)
    first = exps[0].args[0]
    if shifted and all(expand(e.args[0] - r * first) == 0 for e, r in zip(exps, ratios)):
        replaced = expr.xreplace({e: t ** int(r * scale) for e, r in zip(exps, ratios)})
    else:
        replaced = expr.xreplace(
            {e: exp(e.args[0].subs(var, 0)) * t ** int(r * scale) for e, r in zip(exps, ratios)}
        )
    return None if replaced.has(var) else replaced
