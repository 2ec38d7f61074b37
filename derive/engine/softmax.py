"""Softmax: a vector function, so a Jacobian instead of one derivative.

    s_i = e^{z_i} / sum_k e^{z_k},   ds_i/dz_j = s_i (delta_ij - s_j)

The chain is the lecture's: the quotient rule with the two inner derivatives
d e^{z_i}/dz_j = delta_ij e^{z_i} and d(sum_k e^{z_k})/dz_j = e^{z_j}; the fraction split
to expose s_i and s_j; then the two cases i = j and i != j.  Every line is checked
against the one before for n = 3 at every pair (i, j) and two points z, and the first
derivative line against SymPy's derivative of the written-out softmax.
"""

from __future__ import annotations

import mpmath
from sympy import (
    Add,
    Derivative,
    Eq,
    Expr,
    Float,
    Indexed,
    IndexedBase,
    Integer,
    KroneckerDelta,
    Mul,
    Piecewise,
    Pow,
    S,
    Sum,
    Symbol,
    UnevaluatedExpr,
    diff,
    exp,
    symbols,
)

from ..errors import EngineFault
from .derivation import Derivation, Line
from .verify import PRECISION, Comparison, close

POINTS = tuple(tuple(Float(x, 40) for x in p) for p in (("0.3", "-1.2", "2.1"), ("-0.7", "0.4", "-1.9")))


def softmax_derivation(var: Symbol) -> Derivation:
    i, j, k, n = symbols("i j k n", integer=True, positive=True)
    z, s = IndexedBase(var.name), IndexedBase("s")
    total = Sum(exp(z[k]), (k, 1, n))
    delta = KroneckerDelta(i, j)

    def over(top: Expr, bottom: Expr) -> Expr:
        return Mul(top, Pow(bottom, -1, evaluate=False), evaluate=False)

    definition = over(exp(z[i]), total)
    d_top, d_total = Derivative(exp(z[i]), z[j]), Derivative(total, z[j])
    rows = [
        (s[i], definition, "definition", (("the definition",),)),
        (Derivative(s[i], z[j]),
         over(Add(Mul(d_top, total, evaluate=False), Mul(S.NegativeOne, exp(z[i]), d_total, evaluate=False),
                  evaluate=False), Pow(total, 2, evaluate=False)),
         "quotient", (("quotient rule",),)),
        (None,
         over(Add(Mul(delta, exp(z[i]), total, evaluate=False), Mul(S.NegativeOne, exp(z[i]), exp(z[j]),
                                                                     evaluate=False), evaluate=False),
              Pow(total, 2, evaluate=False)),
         "evaluate-inner", ((Eq(d_top, Mul(delta, exp(z[i]), evaluate=False), evaluate=False),),
                            (Eq(d_total, exp(z[j]), evaluate=False),))),
        (None, Mul(over(exp(z[i]), total), Add(delta, Mul(S.NegativeOne, over(exp(z[j]), total),
                                                          evaluate=False), evaluate=False), evaluate=False),
         "expose-g", (("split off a factor of", s[i]),)),
        (None, Mul(s[i], Add(delta, Mul(S.NegativeOne, s[j], evaluate=False), evaluate=False), evaluate=False),
         "in-g", (("substitute", s[i], "and", s[j]),)),
        (None, Piecewise((Mul(s[i], Add(1, Mul(S.NegativeOne, s[i]), evaluate=False), evaluate=False), Eq(i, j)),
                         (Mul(S.NegativeOne, s[i], s[j], evaluate=False), True)),
         "cases", ((delta, "is 1 when i = j and 0 otherwise"),)),
    ]
    lines = _verified(rows, definition, z, s, (i, j, n), total)
    form = Mul(s[i], Add(delta, -s[j]))
    concrete = exp(z[i]) / total
    return Derivation("softmax", var, 1, concrete, lines, Mul(concrete, delta - exp(z[j]) / total), form, None,
                      source="torch.nn.Softmax")


def softmax_summary(var: Symbol) -> Derivation:
    """What ``derive list`` shows of softmax: the Jacobian s_i (delta_ij - s_j), checked
    against SymPy's derivative of the written-out softmax for n = 3 at every pair (i, j)
    and both points, as the chain's line is; no lines (the table shows none)."""
    i, j, k, n = symbols("i j k n", integer=True, positive=True)
    z, s = IndexedBase(var.name), IndexedBase("s")
    total = Sum(exp(z[k]), (k, 1, n))
    delta = KroneckerDelta(i, j)
    form = Mul(s[i], Add(delta, -s[j]))
    size = 3
    for a in range(1, size + 1):
        for b in range(1, size + 1):
            shown = _values(form, z, s, (i, j, n), (a, b, size), total)
            for left, right in zip(shown, _true_derivative(z, a, b, size)):
                if not close(left, right):
                    raise EngineFault(f"softmax: s_i (delta_ij - s_j) differs from the Jacobian at (i, j) = {(a, b)}")
    concrete = exp(z[i]) / total
    return Derivation("softmax", var, 1, concrete, (), Mul(concrete, delta - exp(z[j]) / total), form, None,
                      source="torch.nn.Softmax")


def _verified(rows, definition, z, s, indices, total) -> tuple[Line, ...]:
    i, j, n = indices
    size = 3
    pairs = [(a, b) for a in range(1, size + 1) for b in range(1, size + 1)]
    out: list[Line] = []
    previous: dict | None = None
    for number, (lhs, rhs, rule, note) in enumerate(rows, start=1):
        values = {(a, b): _values(rhs, z, s, (i, j, n), (a, b, size), total) for a, b in pairs}
        if number == 2:
            previous = {(a, b): _true_derivative(z, a, b, size) for a, b in pairs}
        agree = 0
        if previous is not None:
            for pair in pairs:
                for left, right in zip(values[pair], previous[pair]):
                    if not close(left, right):
                        raise EngineFault(f"softmax line {number} ({rule}) differs from the line before "
                                          f"at (i, j) = {pair}: {left} vs {right}")
                    agree += 1
        out.append(Line(lhs, rhs, rule, note, Comparison("numerically equal", agree) if previous is not None else None))
        previous = values
    return tuple(out)


def _values(expr, z, s, symbols_, values, total) -> list[Float]:
    """expr for n = size at (i, j) = (a, b), s written out, at each of the POINTS: each
    node evaluated in mpmath at 40 digits (``_number``), where SymPy rebuilt and
    evaluated the concrete expression at every point (four fifths of the chain's time)."""
    i, j, n = symbols_
    a, b, size = values
    indices = {i: a, j: b, n: size}
    out = []
    for point in POINTS:
        with mpmath.workdps(_DIGITS):
            at_z = [mpmath.mpf(x._mpf_) for x in point]
            total_value = mpmath.fsum(mpmath.exp(x) for x in at_z)
            at_s = [mpmath.exp(x) / total_value for x in at_z]
            env = {z: at_z, s: at_s}
            out.append(Float(_number(expr, env, indices, (z, total, size)), PRECISION))
    return out


def _true_derivative(z, a, b, size) -> list[Float]:
    """SymPy's d s_a/d z_b of the written-out softmax (n = size), at each of the POINTS;
    differentiated in plain symbols for z_1..z_n (by z[b], an Indexed, SymPy takes 2 ms
    for each pair more), then written back in z[m]."""
    plain = symbols(f"x1:{size + 1}", real=True)
    total = sum(exp(x) for x in plain)
    derivative = diff(exp(plain[a - 1]) / total, plain[b - 1]).xreplace({x: z[m] for m, x in enumerate(plain, 1)})
    out = []
    for point in POINTS:
        with mpmath.workdps(_DIGITS):
            env = {z: [mpmath.mpf(x._mpf_) for x in point]}
            out.append(Float(_number(derivative, env, {}, (z, None, size)), PRECISION))
    return out


#: digits of the evaluation (30 are compared: ``verify.close``)
_DIGITS = 40


def _number(expr: Expr, env: dict, indices: dict, context: tuple):
    """expr's value: env gives each IndexedBase's values (z_1.., s_1..), indices the
    values of i, j, n; a d/dz_j (...) is evaluated by SymPy first (the sum over k written
    out for n terms).  Any other node is an EngineFault, never a guess."""
    if isinstance(expr, Indexed):
        values = env[expr.base]
        return values[int(_number(expr.indices[0], env, indices, context)) - 1]
    if expr in indices:
        return mpmath.mpf(indices[expr])
    if expr.is_Rational:
        return mpmath.mpf(expr.p) / expr.q
    if isinstance(expr, Add):
        return mpmath.fsum(_number(a, env, indices, context) for a in expr.args)
    if isinstance(expr, (Mul, UnevaluatedExpr)):
        out = mpmath.mpf(1)
        for a in expr.args:
            out *= _number(a, env, indices, context)
        return out
    if isinstance(expr, Pow):
        return _number(expr.base, env, indices, context) ** _number(expr.exp, env, indices, context)
    if isinstance(expr, exp):
        return mpmath.exp(_number(expr.args[0], env, indices, context))
    if isinstance(expr, KroneckerDelta):
        first, second = (_number(a, env, indices, context) for a in expr.args)
        return mpmath.mpf(first == second)
    if isinstance(expr, Sum):
        (k, low, high), = expr.limits
        first, last = (int(_number(e, env, indices, context)) for e in (low, high))
        return mpmath.fsum(_number(expr.function, env, {**indices, k: m}, context) for m in range(first, last + 1))
    if isinstance(expr, Derivative):
        z, total, size = context
        written_out = Add(*(exp(z[m]) for m in range(1, size + 1)))
        concrete = expr.xreplace({total: written_out}).xreplace({k: Integer(v) for k, v in indices.items()})
        return _number(concrete.doit(), env, indices, context)
    if isinstance(expr, Piecewise):
        for value, condition in expr.args:
            truth = condition.xreplace({k: Integer(v) for k, v in indices.items()})
            if truth is S.true:
                return _number(value, env, indices, context)
            if truth is not S.false:
                break
    raise EngineFault(f"softmax: cannot evaluate {expr}")
