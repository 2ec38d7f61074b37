"""Exponentials of a variable as powers of one new symbol, t = e^{z/L}.

An activation built from e^{z}, e^{-z}, e^{-2z}, ... becomes a rational function of
t, where ``cancel`` decides equality exactly and a Groebner basis can eliminate t.
"""

from __future__ import annotations

from functools import reduce
from math import lcm

from sympy import Dummy, Expr, Rational, Symbol, exp


def exp_as_powers(expr: Expr, var: Symbol, t: Dummy) -> Expr | None:
    """expr with each e^{cz + k} written e^k t^{cL}; None if var remains anywhere else."""
    exps = [e for e in expr.atoms(exp) if e.has(var)]
    if not exps:
        return None
    slopes = [e.args[0].diff(var) for e in exps]
    if not all(isinstance(s, Rational) for s in slopes):
        return None
    scale = reduce(lcm, (s.q for s in slopes), 1)
    replaced = expr.xreplace(
        {e: exp(e.args[0].subs(var, 0)) * t ** int(s * scale) for e, s in zip(exps, slopes)}
    )
    return None if replaced.has(var) else replaced
