"""An expression of one variable as a plain Python function on floats, with an error scale.

``witness`` (engine/witness.py) scans g' on a grid of 96 points for a change of sign.  Evaluating each point
in 30-digit mpmath through ``lambdify`` costs a code generator's start and 96 slow
evaluations, for functions (σ, tanh, ...) whose slope never changes sign.  ``compiled``
turns the expression tree into nested closures over ``math`` once (no generated code),
each returning ``(value, scale)``: the rounding error of ``value`` is at most a few
float epsilons times ``scale`` (errors propagated node by node: a sum adds its terms'
scales, a product its factors' relative ones, a function scales its argument's by its
slope).  A value well above its scale (``trusted``) has the sign it shows; one that is
not (a cancellation) sends the caller the slow way, as does a node not known here or a
value that is not a finite real (``NotFloat``).

The same closures confirm a rule's result in ``engine.chain`` (``slope_confirmed``): its
value against the complex-step derivative of the rule's input, so that SymPy's own
derivative is built only where floats cannot decide.
"""

from __future__ import annotations

import cmath
import math
from typing import Callable

from sympy import Expr, Symbol

from .functions import sigmoid


class NotFloat(Exception):
    """Not evaluable here in floats: an unknown node, a complex or infinite value."""


Compiled = Callable[[float], tuple[float, float]]


def _sigmoid(u: float) -> float:
    return 1 / (1 + math.exp(-u)) if u >= 0 else math.exp(u) / (1 + math.exp(u))


#: functions of one argument by SymPy class name: the function, and a bound on its slope
#: at u (given u and the value there)
_UNARY: dict[str, tuple[Callable[[float], float], Callable[[float, float], float]]] = {
    "exp": (math.exp, lambda u, v: abs(v)),
    "log": (math.log, lambda u, v: 1 / abs(u)),
    "sin": (math.sin, lambda u, v: 1.0),
    "cos": (math.cos, lambda u, v: 1.0),
    "sinh": (math.sinh, lambda u, v: math.cosh(u)),
    "cosh": (math.cosh, lambda u, v: abs(v)),
    "tanh": (math.tanh, lambda u, v: 1.0),
    "sech": (lambda u: 1 / math.cosh(u), lambda u, v: 1.0),
    "atan": (math.atan, lambda u, v: 1.0),
    "asinh": (math.asinh, lambda u, v: 1.0),
    "erf": (math.erf, lambda u, v: 1.2),
    "erfc": (math.erfc, lambda u, v: 1.2),
    "Abs": (abs, lambda u, v: 1.0),
    "sigmoid": (_sigmoid, lambda u, v: 0.25),
}


def compiled(expr: Expr, var: Symbol) -> Compiled:
    """x -> (expr at x, its error scale); NotFloat for a node not known here."""
    if expr == var:
        return lambda x: (x, abs(x))
    if expr.is_Number or expr.is_NumberSymbol:
        if not expr.is_real:
            raise NotFloat(expr)
        c = float(expr)
        return lambda x: (c, abs(c))
    if expr.free_symbols - {var}:
        raise NotFloat(expr)
    parts = [compiled(a, var) for a in expr.args]
    if expr.is_Add:
        def add(x):
            total, scale = 0.0, 0.0
            for part in parts:
                v, s = part(x)
                total += v
                scale += s
            return total, scale + abs(total)
        return add
    if expr.is_Mul:
        def mul(x):
            product, relative = 1.0, 0.0
            for part in parts:
                v, s = part(x)
                if v == 0:
                    raise NotFloat("a factor 0")  # its error is not relative: the slow way
                product *= v
                relative += s / abs(v)
            return product, abs(product) * (1 + relative)
        return mul
    if expr.is_Pow and expr.exp.is_Integer:  # any sign of base: z^2 at z < 0
        base, n = parts[0], int(expr.exp)

        def integer_power(x):
            b, sb = base(x)
            if b == 0:
                raise NotFloat("a base 0")
            value = _finite(b ** n)
            return value, abs(value) * (1 + abs(n) * sb / abs(b))
        return integer_power
    if expr.is_Pow:
        base, power = parts

        def pow_(x):
            (b, sb), (p, sp) = base(x), power(x)
            if b <= 0:
                raise NotFloat("a base not positive")  # a root's convention: the slow way
            value = _finite(b ** p)
            return value, abs(value) * (1 + abs(p) * sb / b + abs(math.log(b)) * sp)
        return pow_
    name = "sigmoid" if isinstance(expr, sigmoid) else type(expr).__name__
    known = _UNARY.get(name)
    if known is None or len(parts) != 1:
        raise NotFloat(expr)
    f, slope = known
    (inner,) = parts

    def call(x):
        u, su = inner(x)
        value = _finite(f(u))
        return value, abs(value) + _finite(slope(u, value)) * su
    return call


def trusted(value: float, scale: float) -> bool:
    """Whether the sign of value is beyond its rounding error (with a wide margin)."""
    return abs(value) > 1e-9 * scale


def value_at(function: Compiled, x: float) -> tuple[float, float] | None:
    """function(x), or None where it is not a finite real (a domain or overflow error)."""
    try:
        value, scale = function(x)
    except (ArithmeticError, ValueError, TypeError, NotFloat):
        return None
    return (value, scale) if math.isfinite(value) and math.isfinite(scale) else None


def _finite(value) -> float:
    if isinstance(value, complex) or not math.isfinite(value):
        raise NotFloat(value)
    return value


# --- the slope of an expression, by the complex step --------------------------------------
#
# f'(x) = Im f(x + ih) / h + O(h^2) for a function analytic near x, with no subtraction:
# at h = 1e-30 it is f'(x) to a float's precision.  An independent derivative of a rule's
# input, with which ``engine.chain`` confirms what the rule gave without building SymPy's.

_STEP = 1e-30

#: analytic functions of one argument, over the complex numbers
_COMPLEX: dict[str, Callable[[complex], complex]] = {
    "exp": cmath.exp, "log": cmath.log, "sin": cmath.sin, "cos": cmath.cos, "tan": cmath.tan,
    "sinh": cmath.sinh, "cosh": cmath.cosh, "tanh": cmath.tanh, "atan": cmath.atan, "asinh": cmath.asinh,
    "sech": lambda u: 1 / cmath.cosh(u), "sigmoid": lambda u: 1 / (1 + cmath.exp(-u)),
}


def _complex_compiled(expr: Expr, var: Symbol) -> Callable[[complex], complex]:
    if expr == var:
        return lambda x: x
    if expr.is_Number or expr.is_NumberSymbol:
        if not expr.is_real:
            raise NotFloat(expr)
        c = float(expr)
        return lambda x: c
    if expr.free_symbols - {var}:
        raise NotFloat(expr)
    parts = [_complex_compiled(a, var) for a in expr.args]
    if expr.is_Add:
        return lambda x: sum(part(x) for part in parts)
    if expr.is_Mul:
        def mul(x):
            product = 1
            for part in parts:
                product *= part(x)
            return product
        return mul
    if expr.is_Pow and expr.exp.is_Integer:
        base, n = parts[0], int(expr.exp)
        return lambda x: base(x) ** n
    if expr.is_Pow:
        base, power = parts

        def pow_(x):
            b = base(x)
            if b.real <= 0:
                raise NotFloat("a base not positive")  # a branch cut: the slow way
            return cmath.exp(power(x) * cmath.log(b))
        return pow_
    name = "sigmoid" if isinstance(expr, sigmoid) else type(expr).__name__
    f = _COMPLEX.get(name)
    if f is None or len(parts) != 1:  # |u|, erf, Max, a Piecewise...: not here
        raise NotFloat(expr)
    (inner,) = parts
    return lambda x: f(inner(x))


def slope_confirmed(claimed: Expr, of: Expr, var: Symbol, points) -> bool:
    """True when ``claimed`` equals d/dvar ``of`` at every point, to 1e-9 of the values'
    error scale, ``of`` differentiated by the complex step.  False means "not confirmed
    here" (a point or node floats cannot take, a value near its rounding error, or a
    difference): the caller decides the slow way."""
    try:
        value = compiled(claimed, var)
        function = _complex_compiled(of, var)
    except NotFloat:
        return False
    for x in points:
        at = value_at(value, x)
        try:
            slope = function(complex(x, _STEP)).imag / _STEP
        except (ArithmeticError, ValueError, TypeError, NotFloat):
            return False
        if at is None or not math.isfinite(slope):
            return False
        v, scale = at
        if abs(v - slope) > 1e-9 * (scale + abs(slope)) or not trusted(v, scale):
            return False
    return True
