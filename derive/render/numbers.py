"""Numbers as a lecturer writes them, for every renderer: a parameter with a long value by
its name (SELU's lambda and alpha), a terminating fraction with a factor 5 in its
denominator as the decimal it is (GELU's 0.044715, not 8943/200000).  Each replacement
is an exact equality: the renderer shows the same number, written differently."""

from __future__ import annotations

from decimal import Decimal, localcontext

from sympy import (Add, And, Expr, Float, GreaterThan, Integer, LessThan, Mul, Or, Piecewise, Pow, Rational,
                   StrictGreaterThan, StrictLessThan, Symbol)
from sympy.core.relational import Relational

from ..engine.derivation import Derivation


def terminating(r: Rational) -> bool:
    """r's decimal ends (its denominator has no prime but 2 and 5)."""
    q = r.q
    for p in (2, 5):
        while q % p == 0:
            q //= p
    return q == 1


def _significant(r: Rational) -> int:
    """How many significant digits a terminating fraction has as a decimal (0.044715: 5)."""
    digits = str(as_decimal(abs(r))).replace(".", "").lstrip("0").rstrip("0")
    return len(digits)


def as_decimal(r: Rational) -> Float:
    """A terminating fraction as the decimal it is, every digit kept."""
    with localcontext() as context:
        context.prec = len(str(r.p)) + len(str(r.q)) + 5
        digits = format(Decimal(r.p) / Decimal(r.q), "f")
    return Float(digits, max(15, len(digits)))


def numbers(d: Derivation) -> dict[Expr, Expr]:
    """What the renderer writes for a number of the chain (an exact equality each time):
    a parameter with a long value by its name (SELU's lambda, alpha and their product),
    a terminating fraction with a factor 5 in its denominator, or a parameter the
    framework writes as a decimal, as that decimal (alpha = 0.01, not 1/100)."""
    out: dict[Expr, Expr] = {}
    long = [(Symbol(name), v) for name, v in d.params if v.is_Rational and len(str(v)) > 12]
    for i, (a, va) in enumerate(long):
        out[va], out[-va] = a, -a
        for b, vb in long[i + 1:]:
            out[va * vb], out[-va * vb] = a * b, -a * b
    for _, v in d.params:
        if v.is_Rational and not v.is_Integer and v not in out and terminating(v):
            out[v] = as_decimal(v)
            out[-v] = as_decimal(-v)
    return out


def written(expr: Expr, numbers: dict[Expr, Expr]) -> Expr:
    """expr with its numbers as ``numbers`` says, and a terminating fraction with a factor
    5 in its denominator and more than three digits as a decimal (0.044715, not
    8943/200000; z/5 stays as typed)."""
    expr = sympify_number(expr)
    if not expr.args:
        if expr.is_Rational and not expr.is_Integer:
            if expr in numbers:
                return numbers[expr]
            if expr.q % 5 == 0 and terminating(expr) and _significant(expr) > 3:
                return as_decimal(expr)
            return expr
        return numbers.get(expr, expr)
    if isinstance(expr, Piecewise):
        pairs = [(written(e, numbers), _condition(c)) for e, c in expr.args]
        return Piecewise(*pairs, evaluate=False)
    args = [written(a, numbers) for a in expr.args]
    if all(a is b for a, b in zip(args, expr.args)):
        return expr
    if isinstance(expr, (Add, Mul)):
        return expr.func(*args, evaluate=False)
    if isinstance(expr, Pow):
        return Pow(*args, evaluate=False)
    if isinstance(expr, Relational):  # a note's fact, as stated: not decided again (Eq: 38 ms)
        return expr.func(*args, evaluate=False)
    return expr.func(*args)


def _condition(c):
    """A piece's condition in its shortest exact form: z > 1/2 or z < -1/2 or -1/2 < z < 1/2,
    not the product of the pieces' conditions a second derivative leaves (the same set of z)."""
    if not isinstance(c, (And, Or)) or len(c.free_symbols) != 1 or _one_interval(c):
        return c
    try:
        simpler = c.as_set().as_relational(next(iter(c.free_symbols)))
    except (NotImplementedError, TypeError, ValueError):
        return c
    return simpler if len(str(simpler)) < len(str(c)) else c


def _one_interval(c) -> bool:
    """Whether c is a < z < b (either end open or closed, a < b): already its shortest
    form, as SymPy's sets would write it back, told without them (``as_set`` solves each
    inequality and imports SymPy's solvers: 30 ms of a cold ``derive hard-sigmoid``)."""
    if not isinstance(c, And) or len(c.args) != 2:
        return False
    bounds = []
    for r in c.args:
        if not isinstance(r, (StrictLessThan, LessThan, StrictGreaterThan, GreaterThan)):
            return False
        small, large = (r.lhs, r.rhs) if isinstance(r, (StrictLessThan, LessThan)) else (r.rhs, r.lhs)
        if small.is_Symbol and large.is_number and large.is_extended_real:
            bounds.append(("upper", large))
        elif large.is_Symbol and small.is_number and small.is_extended_real:
            bounds.append(("lower", small))
        else:
            return False
    ends = dict(bounds)
    return len(ends) == 2 and bool(ends["lower"] < ends["upper"])


def sympify_number(x):
    """A Python number in a note (the order 1 of 'the derivative of order 1') as SymPy's."""
    return Integer(x) if isinstance(x, int) else x
