"""The functions a formula may name, with their inverses and derivatives, built from a whitelist."""

from __future__ import annotations

from typing import Callable

import sympy as sp
from sympy import Dummy, diff

from ..engine.functions import sigmoid

#: name -> (fewest arguments, most arguments)
_ARITY = {"max": (2, 8), "min": (2, 8), "where": (3, 3)}

FUNCTION_NAMES = frozenset(
    "exp log log1p ln sqrt abs sign sgn tanh sinh cosh sech csch coth sin cos tan sec csc cot atan arctan "
    "asin arcsin acos arccos asinh arcsinh atanh artanh arctanh acosh arcosh arccosh erf erfc "
    "sigmoid sigma logistic logit relu heaviside softplus max min where Phi".split()
)

#: f -> the name of its inverse, for f^{-1}
INVERSES = {
    "tanh": "atanh", "sinh": "asinh", "cosh": "acosh", "sin": "asin", "cos": "acos", "tan": "atan",
    "sigma": "logit", "sigmoid": "logit", "logistic": "logit", "exp": "log", "atanh": "tanh",
    "asinh": "sinh", "atan": "tan", "logit": "sigma",
}


def normal_cdf(u):
    """Φ(u), the standard normal CDF (GELU is z Φ(z))."""
    return (1 + sp.erf(u / sp.sqrt(2))) / 2


def normal_density(u):
    """φ(u), the standard normal density: Φ'(u)."""
    return sp.exp(-u ** 2 / 2) / sp.sqrt(2 * sp.pi)


def function_table() -> dict[str, tuple[int, int, Callable]]:
    """name -> (fewest arguments, most arguments, builder)."""
    def where(condition, then, otherwise):
        return sp.Piecewise((then, condition), (otherwise, True))

    one = {
        "exp": sp.exp, "log": sp.log, "ln": sp.log, "log1p": lambda u: sp.log(1 + u), "sqrt": sp.sqrt, "abs": sp.Abs,
        "sign": sp.sign, "sgn": sp.sign, "tanh": sp.tanh, "sinh": sp.sinh, "cosh": sp.cosh,
        "sech": sp.sech, "csch": sp.csch, "coth": sp.coth, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
        "sec": sp.sec, "csc": sp.csc, "cot": sp.cot, "atan": sp.atan, "arctan": sp.atan, "asin": sp.asin,
        "arcsin": sp.asin, "acos": sp.acos, "arccos": sp.acos, "asinh": sp.asinh, "arcsinh": sp.asinh,
        "atanh": sp.atanh, "artanh": sp.atanh, "arctanh": sp.atanh, "acosh": sp.acosh, "arcosh": sp.acosh,
        "arccosh": sp.acosh, "erf": sp.erf, "erfc": sp.erfc,
        "sigmoid": sigmoid, "sigma": sigmoid, "logistic": sigmoid,
        "logit": lambda u: sp.log(u / (1 - u)),
        "relu": lambda u: sp.Max(0, u),
        "heaviside": lambda u: sp.Heaviside(u, 0),
        "softplus": lambda u: sp.log(1 + sp.exp(u)),
        "Phi": normal_cdf,
    }
    table = {name: (1, 1, f) for name, f in one.items()}
    table["max"] = (2, 8, extremum(sp.Max))
    table["min"] = (2, 8, extremum(sp.Min))
    table["where"] = (3, 3, where)
    assert set(table) == FUNCTION_NAMES
    return table


def extremum(kind: type) -> Callable:
    """max or min (``kind``: SymPy's Max or Min) as SymPy builds it, without its comparisons
    where they can decide nothing.

    SymPy's Max(c, e) asks whether c >= e or c <= e through the assumptions (hard sigmoid's
    max(0, min(1, z/6 + 1/2)): 26 ms, the most of any catalog formula) to drop an argument
    that can never win.  Where c is a number strictly inside the range of e (a line in a
    variable with no sign, or a max/min of such a line and a number), neither wins
    everywhere: SymPy drops nothing and builds Max(c, e) from the two as they are, which
    ``evaluate=False`` does directly, node for node (tests/test_extremum.py)."""

    def build(*args):
        if len(args) == 2 and _neither_wins(kind, *(sp.sympify(a) for a in args)):
            return kind(*args, evaluate=False)
        return kind(*args)

    return build


def _neither_wins(kind: type, a, b) -> bool:
    """Whether, of a number and an expression (either order), each is the larger somewhere."""
    number, other = (a, b) if a.is_Number else (b, a)
    if not number.is_Number or other.is_Number or not number.is_finite or isinstance(other, kind):
        return False  # Max(c, Max(d, e)) is flattened by SymPy: its own work
    span = _range(other)
    return span is not None and bool(span[0] < number) and bool(number < span[1])


def _range(expr):
    """(lowest, highest) value of expr over the real line, or None where not worked out here:
    a line k z + c in one real variable with no sign, or the max/min of a number and one."""
    if isinstance(expr, (sp.Max, sp.Min)) and len(expr.args) == 2:
        number, other = expr.args  # a number sorts first
        inner = _range(other) if number.is_Number and number.is_finite else None
        if inner is None:
            return None
        pick = max if isinstance(expr, sp.Max) else min
        return pick(number, inner[0]), pick(number, inner[1])
    symbols = expr.free_symbols
    if len(symbols) != 1:
        return None
    (z,) = symbols
    if not (z.is_real and z.is_positive is None and z.is_negative is None and z.is_zero is None):
        return None
    constant, rest = expr.as_independent(z, as_Add=True)
    slope, unit = rest.as_independent(z, as_Add=False)
    if unit != z or not constant.is_Number or not slope.is_Number or slope == 0 or not slope.is_finite:
        return None
    return sp.S.NegativeInfinity, sp.S.Infinity


def derivative_at(build: Callable, argument, order: int):
    """f^{(order)}(argument) for a function of one argument: σ'(2z) = σ(2z)(1 − σ(2z))."""
    u = Dummy("u", real=True)
    return diff(build(u), u, order).xreplace({u: argument})
