"""The Python API: ``from derive import derive; d = derive("sigmoid")``."""

from __future__ import annotations

from dataclasses import replace

from sympy import Expr, Symbol

from . import catalog
from .definitions import catalog_candidates, checked_variable, entry_function, typed_formula
from .engine.alternatives import alternatives
from .engine.derivation import Derivation
from .engine.higher import higher_order
from .engine.lecture import lecture_chain
from .engine.softmax import softmax_derivation
from .errors import DeriveError
from .recognise import recognise
from .result import Result


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
    z = checked_variable(var)
    if order < 1:
        raise DeriveError(f"the order of the derivative must be 1 or more, got {order}")
    params = dict(params or {})
    if isinstance(function, str):
        entry = catalog.find(function)
        if entry is not None:
            return _from_entry(entry, z, params, symbolic, order)
        return _typed(typed_formula(function, z, params, latex), z, order)
    if not isinstance(function, Expr):
        raise DeriveError(f"expected an activation name or a SymPy expression, got {type(function).__name__}")
    mine = {s: z for s in function.free_symbols if isinstance(s, Symbol) and s.name == var}
    return _typed(function.xreplace(mine), z, order)


def _typed(expr: Expr, z: Symbol, order: int) -> Derivation:
    if not expr.has(z):
        raise DeriveError(f"the expression does not depend on {z}: {expr}")
    derivation = lecture_chain(expr, z)
    same = recognise(expr, z, catalog_candidates(z)) if not (expr.free_symbols - {z}) else None
    return _ordered(replace(derivation, same_as=same) if same else derivation, order)


def _from_entry(entry: catalog.Activation, z: Symbol, params: dict[str, str], symbolic: bool,
                order: int) -> Derivation:
    if entry.multivariate:
        if params:
            raise DeriveError(f"{entry.name} has no parameters")
        if order != 1:
            raise DeriveError(f"{entry.name}: --order applies to activations of one variable")
        return softmax_derivation(z)
    values, definition, named = entry_function(entry, z, params, symbolic)
    derivation = lecture_chain(definition, z, name=entry.name, named=named, sides=entry.kinks)
    derivation = replace(derivation, params=tuple(values.items()), source=entry.source)
    return _ordered(derivation, order)


def _ordered(derivation: Derivation, order: int) -> Derivation:
    if order == 1:
        quoted = alternatives(derivation)
        return replace(derivation, alternatives=quoted) if quoted else derivation
    return higher_order(derivation, order)


def check(text_or_path, function: str | None = None, var: str | None = None, *,
          timeout: float | None = None) -> dict:
    """A hand derivation checked and graded: the same data as ``derive check --format json``.

    ``text_or_path`` is the derivation's text, or a file's path (a ``pathlib.Path``, or a
    string with neither '=' nor a line break).  ``function`` names the function when the
    text does not define it (a catalog name or a formula); ``var`` its variable when the
    text does not show it.  Never raises for bad input: ``problem`` says what went wrong.
    """
    import os

    from .batch import DEFAULT_TIMEOUT, check_file, check_text
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
