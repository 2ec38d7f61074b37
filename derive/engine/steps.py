"""Finding the rule that differentiates an expression: the step tree.

``find_rule`` only decides which rule applies and recurses into the parts; the
rules themselves (``rules.py``) know how to evaluate.  ``differentiate`` builds the
tree and checks every node against ``sympy.diff`` before returning it.
"""

from __future__ import annotations

from dataclasses import replace

from sympy import (
    Abs,
    Add,
    Derivative,
    Expr,
    Heaviside,
    Max,
    Min,
    Mul,
    Piecewise,
    Pow,
    S,
    Symbol,
    exp,
    log,
    sign,
)
from sympy.functions import (
    acos,
    acosh,
    acot,
    acoth,
    acsc,
    acsch,
    asec,
    asech,
    asin,
    asinh,
    atan,
    atanh,
    cos,
    cosh,
    cot,
    coth,
    csc,
    csch,
    erf,
    erfc,
    sec,
    sech,
    sin,
    sinh,
    tan,
    tanh,
)

from ..errors import DeriveError
from . import rules as R
from sympy.core.function import AppliedUndef

from .functions import sigmoid

#: Single-argument functions whose derivative comes from the table (``fdiff``), by rule.
TABLE: dict[type, type[R.TableRule]] = {
    **{f: R.TrigRule for f in (sin, cos, tan, cot, sec, csc)},
    **{f: R.HyperbolicRule for f in (sinh, cosh, tanh, coth, sech, csch)},
    **{f: R.InverseTrigRule for f in (asin, acos, atan, acot, asec, acsc)},
    **{f: R.InverseHyperbolicRule for f in (asinh, acosh, atanh, acoth, asech, acsch)},
    erf: R.ErfRule,
    erfc: R.ErfRule,
    sigmoid: R.SigmoidRule,
}


def find_rule(expr: Expr, var: Symbol) -> R.Rule:
    """The rule for d/d(var) expr, with its sub-steps found recursively."""
    if not expr.has(var):
        return R.ConstantRule(expr, var)
    if expr == var:
        return R.VariableRule(expr, var)
    if isinstance(expr, Add):
        return R.SumRule(expr, var, tuple(find_rule(t, var) for t in expr.as_ordered_terms()))
    if isinstance(expr, Mul):
        return _product(expr, var)
    if isinstance(expr, Pow):
        base, exponent = expr.args
        if not exponent.has(var):
            return _chain(R.PowerRule(expr, base, base, exponent), base, var)
        if not base.has(var):
            return _chain(R.ExponentialRule(expr, exponent, base), exponent, var)
        raise DeriveError(f"a power whose base and exponent both depend on {var} is not supported: {expr}")
    if isinstance(expr, exp):
        return _chain(R.ExpRule(expr, expr.args[0]), expr.args[0], var)
    if isinstance(expr, log) and len(expr.args) == 1:
        return _chain(R.LogRule(expr, expr.args[0]), expr.args[0], var)
    if type(expr) in TABLE:
        u = expr.args[0]
        return _chain(TABLE[type(expr)](expr, u), u, var)
    if isinstance(expr, Abs):
        return _chain(R.AbsRule(expr, expr.args[0]), expr.args[0], var)
    if isinstance(expr, (sign, Heaviside)):
        return _chain(R.StepRule(expr, expr.args[0]), expr.args[0], var)
    if isinstance(expr, Piecewise):
        pieces = tuple((find_rule(e, var), c) for e, c in expr.args)
        return R.PiecewiseRule(expr, var, pieces)
    if isinstance(expr, (Max, Min)):
        return R.RewriteRule(expr, var, find_rule(expr.rewrite(Piecewise), var))
    if isinstance(expr, AppliedUndef) and expr.args == (var,):
        return R.ActivationRule(expr, var)
    if isinstance(expr, Derivative):
        raise DeriveError(f"cannot differentiate an unevaluated derivative: {expr}")
    raise DeriveError(f"no differentiation rule for {type(expr).__name__}: {expr}")


def _chain(outer: R.Rule, u: Expr, var: Symbol) -> R.Rule:
    """f(var) needs no chain rule; f(u) does: f'(u) u'."""
    if u == var:
        return replace(outer, var=var)
    return R.ChainRule(outer.expr, var, outer, find_rule(u, var))


def _product(expr: Mul, var: Symbol) -> R.Rule:
    constant, rest = expr.as_independent(var, as_Add=False)
    if constant != 1:
        return R.ConstantMultipleRule(expr, var, constant, find_rule(rest, var))
    numerator, denominator = split_fraction(expr)
    if denominator != 1:
        if numerator == 1:
            # 1/v is handled as v^(-1): the reciprocal rule, as the lecture does.  Unevaluated:
            # 1/(u w) would fall apart into u^(-1) w^(-1), this very product, for ever.
            return find_rule(Pow(denominator, -1, evaluate=False), var)
        return R.QuotientRule(expr, var, find_rule(numerator, var), find_rule(denominator, var))
    factors = tuple(find_rule(f, var) for f in expr.as_ordered_factors())
    return R.ProductRule(expr, var, factors)


def split_fraction(expr: Expr) -> tuple[Expr, Expr]:
    """(numerator, denominator) of a product, by negative numeric exponents only.

    Unlike ``sympy.fraction`` this leaves e^{-z} in the numerator: a lecture writes
    1/(1 + e^{-z}), not e^z/(e^z + 1).
    """
    top, bottom = [], []
    for factor in Mul.make_args(expr):
        if isinstance(factor, Pow) and factor.exp.is_number and factor.exp.is_negative:
            bottom.append(Pow(factor.base, -factor.exp))
        elif factor.is_Rational and factor.q != 1:
            top.append(S(factor.p))
            bottom.append(S(factor.q))
        else:
            top.append(factor)
    return Mul(*top), Mul(*bottom)
