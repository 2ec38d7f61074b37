"""The Python API: ``from derive import derive; d = derive("sigmoid")``."""

from __future__ import annotations

import re

from sympy import Expr, Symbol, exp

from . import catalog
from .engine.lecture import lecture_chain
from .engine.derivation import Derivation
from .engine.functions import variable
from .errors import DeriveError
from .recognise import recognise
from .result import Result

_BARE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 _-]*")


def derive(function: str | Expr, *, var: str = "z", params: dict[str, str] | None = None,
           symbolic: bool = False, latex: bool | None = None, order: int = 1) -> Result:
    """The derivation of an activation (a ``Result``: it prints as the chain, and has
    ``.text()``, ``.latex()``, ``.markdown()``, ``.html()``).

    ``function`` is a catalog name ("leaky relu"), a typed formula ("1/(1+exp(-2z))"),
    LaTeX ("\\frac{1}{1+e^{-z}}", or any text with ``latex=True``) or a SymPy
    expression.  ``params`` sets parameters ({"alpha": "0.1"}); ``symbolic`` keeps the
    catalog's parameters as symbols.  Any other name in a formula is a constant, kept
    as a symbol (so ``symbolic`` changes nothing there: a typed formula's names are
    symbols unless ``params`` sets them).
    """
    return Result.of(_derivation(function, var=var, params=params, symbolic=symbolic, latex=latex, order=order))


def _derivation(function: str | Expr, *, var: str, params: dict[str, str] | None, symbolic: bool,
                latex: bool | None, order: int) -> Derivation:
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

    derivation = lecture_chain(expr, z)
    same = recognise(expr, z, _catalog_candidates(z)) if not (expr.free_symbols - {z}) else None
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
    values, definition, named = entry_function(entry, z, params, symbolic)
    derivation = lecture_chain(definition, z, name=entry.name, named=named, sides=entry.kinks)
    from dataclasses import replace

    derivation = replace(derivation, params=tuple(values.items()), source=entry.source)
    return _ordered(derivation, order)


def entry_function(entry: catalog.Activation, z: Symbol, params: dict[str, str], symbolic: bool
                   ) -> tuple[dict[str, Expr], Expr, Expr | None]:
    """An entry's parameter values, its definition in z, and how line 1 names it (sigma(z))."""
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
    return values, (formula.rewrite(exp) if entry.expand else formula), named


def _formula(entry: catalog.Activation, z: Symbol, values: dict) -> Expr:
    from .parse import parse

    return parse(entry.formula, var="z", params=values, allow_parameters=False).xreplace({variable("z"): z})


def entry_definition(entry: catalog.Activation, z: Symbol) -> Expr:
    """An entry's function with its default parameters (what a typed formula may equal)."""
    values = {p.name: _number(p.name, p.default, positive=p.positive) for p in entry.params}
    formula = _formula(entry, z, values)
    return formula.rewrite(exp) if entry.expand else formula


def _catalog_candidates(z: Symbol):
    """(name, definition) of every catalog entry a typed formula of z alone can equal:
    one variable, every parameter with a default; made one at a time, as asked for."""
    for entry in catalog.CATALOG:
        if not entry.multivariate and all(p.default is not None for p in entry.params):
            yield entry.name, entry_definition(entry, z)


def _ordered(derivation: Derivation, order: int) -> Derivation:
    if order == 1:
        from dataclasses import replace

        from .engine.alternatives import alternatives

        quoted = alternatives(derivation)
        return replace(derivation, alternatives=quoted) if quoted else derivation
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


def check(text_or_path, function: str | None = None, var: str | None = None, *,
          timeout: float | None = None) -> dict:
    """A hand derivation checked and graded: the same data as ``derive check --format json``.

    ``text_or_path`` is the derivation's text, or a file's path (a ``pathlib.Path``, or a
    string with neither '=' nor a line break).  ``function`` names the function when the
    text does not define it (a catalog name or a formula); ``var`` its variable when the
    text does not show it.  Never raises for bad input: ``problem`` says what went wrong.
    """
    import os

    from .check.batch import DEFAULT_TIMEOUT, check_file, check_text
    from .render.check import check_data

    options = {"function": function, "var": var, "timeout": DEFAULT_TIMEOUT if timeout is None else timeout}
    if isinstance(text_or_path, os.PathLike) or (
            isinstance(text_or_path, str) and "=" not in text_or_path and "\n" not in text_or_path):
        path = os.fspath(text_or_path)
        if path == "-":
            return {"file": path, **check_data(None, "'-' (standard input) is for the command line; pass the text")}
        return check_file(path, **options)
    if not isinstance(text_or_path, str):
        raise DeriveError(f"expected the text of a derivation or a path, got {type(text_or_path).__name__}")
    chain, problem = check_text(text_or_path, **options)
    return {"file": None, **check_data(chain, problem)}
