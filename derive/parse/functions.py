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
    table["max"] = (2, 8, sp.Max)
    table["min"] = (2, 8, sp.Min)
    table["where"] = (3, 3, where)
    assert set(table) == FUNCTION_NAMES
    return table


def derivative_at(build: Callable, argument, order: int):
    """f^{(order)}(argument) for a function of one argument: σ'(2z) = σ(2z)(1 − σ(2z))."""
    u = Dummy("u", real=True)
    return diff(build(u), u, order).xreplace({u: argument})
