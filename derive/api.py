"""The Python API: ``from derive import derive; d = derive("sigmoid")``."""

from __future__ import annotations

import re

from sympy import Expr, Symbol, exp

from . import catalog
from .engine.chain import lecture_chain
from .engine.derivation import Derivation
from .engine.functions import variable
from .errors import DeriveError

_BARE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 _-]*")


def derive(function: str | Expr, *, var: str = "z", params: dict[str, str] | None = None,
           symbolic: bool = False, latex: bool | None = None, order: int = 1) -> Derivation:
    """The derivation of an activation.

    ``function`` is a catalog name ("leaky relu"), a typed formula ("1/(1+exp(-2z))"),
    LaTeX ("\\frac{1}{1+e^{-z}}", or any text with ``latex=True``) or a SymPy
    expression.  ``params`` sets parameters ({"alpha": "0.1"}); ``symbolic`` keeps the
    catalog's parameters as symbols.  Any other name in a formula is a constant.
    """
    _check_variable(var)
    if order < 1:
        raise DeriveError(f"the order of the derivative must be 1 or more, got {order}")
    z = variable(var)
    params = dict(params or {})
    if isinstance(function, str):
        entry = catalog.find(function)
        if entry is not None:
            return _from_entry(entry, z, params, symbolic, order)
        if _BARE_NAME.fullmatch(function.strip()) and function.strip() != var:
            catalog.lookup(function)  # raises: unknown activation, with the closest names
        if symbolic:
            raise DeriveError("--symbolic applies to catalog activations; a typed formula keeps its names")
        from .parse import read

        if var in params:
            raise DeriveError(f"--param {var}: {var!r} is the variable of the formula, not a parameter")
        values = {name: _number(name, text, positive=False) for name, text in params.items()}
        expr = read(function, var=var, params=values, latex=latex)
        return _typed(expr, z, order)
    if not isinstance(function, Expr):
        raise DeriveError(f"expected an activation name or a SymPy expression, got {type(function).__name__}")
    mine = {s: z for s in function.free_symbols if isinstance(s, Symbol) and s.name == var}
    return _typed(function.xreplace(mine), z, order)


def _typed(expr: Expr, z: Symbol, order: int) -> Derivation:
    if not expr.has(z):
        raise DeriveError(f"the expression does not depend on {z}: {expr}")
    from dataclasses import replace

    from .recognise import recognise

    derivation = lecture_chain(expr, z)
    same = recognise(expr, z) if not (expr.free_symbols - {z}) else None
    return _ordered(replace(derivation, same_as=same) if same else derivation, order)


def _from_entry(entry: catalog.Activation, z: Symbol, params: dict[str, str], symbolic: bool,
                order: int) -> Derivation:
    if entry.multivariate:
        from .engine.softmax import softmax_derivation

        if params:
            raise DeriveError(f"{entry.name} has no parameters")
        if order != 1:
            raise DeriveError(f"{entry.name}: --order applies to activations of one variable")
        return softmax_derivation(z)
    for name in params:
        entry.parameter(name)  # raises for a parameter the function does not have
        if name == z.name:
            raise DeriveError(f"the variable {z.name!r} cannot share its name with a parameter")
    values = {}
    for p in entry.params:
        if p.name in params:
            values[p.name] = _number(p.name, params[p.name], positive=p.positive)
        elif symbolic or p.default is None:
            values[p.name] = Symbol(p.name, positive=True) if p.positive else Symbol(p.name, real=True)
        else:
            values[p.name] = _number(p.name, p.default, positive=p.positive)
    formula = _formula(entry, z, values)
    named = formula if entry.expand else None
    definition = formula.rewrite(exp) if entry.expand else formula
    derivation = lecture_chain(definition, z, name=entry.name, named=named, sides=entry.kinks)
    from dataclasses import replace

    derivation = replace(derivation, params=tuple(values.items()), source=entry.source)
    return _ordered(derivation, order)


def _formula(entry: catalog.Activation, z: Symbol, values: dict) -> Expr:
    from .parse import parse

    return parse(entry.formula, var="z", params=values, allow_parameters=False).xreplace({variable("z"): z})


def entry_definition(entry: catalog.Activation, z: Symbol) -> Expr:
    """An entry's function with its default parameters (what a typed formula may equal)."""
    values = {p.name: _number(p.name, p.default, positive=p.positive) for p in entry.params}
    formula = _formula(entry, z, values)
    return formula.rewrite(exp) if entry.expand else formula


def _ordered(derivation: Derivation, order: int) -> Derivation:
    if order == 1:
        return derivation
    from .engine.higher import higher_order

    return higher_order(derivation, order)


def _number(name: str, text: str, *, positive: bool) -> Expr:
    """A parameter's value: a number in the typed grammar (1/3, 0.01, sqrt(2)), nothing else."""
    from .parse import ParseError, parse

    try:
        value = parse(text, var="z", allow_parameters=False)
    except ParseError as e:
        raise DeriveError(f"--param {name}={text[:40]!r}: {e.reason}") from None
    if not value.is_number or not value.is_real:
        raise DeriveError(f"--param {name}: expected a real number, got {text[:40]!r}")
    if positive and not value.is_positive:
        raise DeriveError(f"--param {name}: must be positive, got {text[:40]!r}")
    return value


def _check_variable(var: str) -> None:
    from .parse.expression import FUNCTION_NAMES, RESERVED

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,19}", var) or var in FUNCTION_NAMES or var in RESERVED:
        raise DeriveError(f"--var: {var[:40]!r} cannot be the variable (use a name such as z, x or t)")
    if var == "g":  # g(g), g'(g): the function's own name
        raise DeriveError("--var: 'g' is the function's name and cannot be the variable (use z, x or t)")
