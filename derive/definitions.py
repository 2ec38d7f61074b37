"""g(z) as a user names it: a catalog entry with its parameters, or a typed formula.

What ``derive NAME`` differentiates and what ``derive check --function NAME`` checks
against are the same function, read by the same rules: a catalog name with its default
parameters (``--param`` to set them, symbols where ``--symbolic`` or where the entry
has no default), or a formula in the typed grammar or LaTeX.  Nothing here
differentiates; ``derive.api`` builds the derivation from what this gives.
"""

from __future__ import annotations

import re

from sympy import Expr, Symbol, exp

from . import catalog
from .engine.functions import variable
from .errors import DeriveError
from .parse import ParseError, parse, read
from .parse.expression import FUNCTION_NAMES, RESERVED

#: a name, not a formula: an unknown one is reported with the closest catalog names
_BARE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 _-]*")


def checked_variable(var: str) -> Symbol:
    """The variable's symbol; DeriveError for a name that cannot be one."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,19}", var) or var in FUNCTION_NAMES or var in RESERVED:
        raise DeriveError(f"--var: {var[:40]!r} cannot be the variable (use a name such as z, x or t)")
    if var == "g":  # g(g), g'(g): the function's own name
        raise DeriveError("--var: 'g' is the function's name and cannot be the variable (use z, x or t)")
    return variable(var)


def typed_formula(text: str, z: Symbol, params: dict[str, str], latex: bool | None) -> Expr:
    """A formula the user typed (not a catalog name): its expression in z."""
    if _BARE_NAME.fullmatch(text.strip()) and text.strip() != z.name:
        catalog.lookup(text)  # raises: unknown activation, with the closest names
    if z.name in params:
        raise DeriveError(f"--param {z.name}: {z.name!r} is the variable of the formula, not a parameter")
    values = {name: number(name, value, positive=False) for name, value in params.items()}
    expr = read(text, var=z.name, params=values, latex=latex)
    if not expr.has(z):
        raise DeriveError(f"the expression does not depend on {z}: {expr}")
    return expr


def entry_values(entry: catalog.Activation, z: Symbol, params: dict[str, str], symbolic: bool) -> dict[str, Expr]:
    """Each parameter's value: as set, its default, or a symbol (--symbolic, or no default)."""
    for name in params:
        entry.parameter(name)  # raises for a parameter the function does not have
        if name == z.name:
            raise DeriveError(f"the variable {z.name!r} cannot share its name with a parameter")
    values = {}
    for p in entry.params:
        if p.name in params:
            values[p.name] = number(p.name, params[p.name], positive=p.positive)
        elif symbolic or p.default is None:
            values[p.name] = Symbol(p.name, positive=True) if p.positive else Symbol(p.name, real=True)
        else:
            values[p.name] = number(p.name, p.default, positive=p.positive)
    return values


def entry_formula(entry: catalog.Activation, z: Symbol, values: dict[str, Expr]) -> Expr:
    """The entry's formula as the catalog writes it (tanh(z), not its exponentials)."""
    formula = parse(entry.formula, var="z", params=values, allow_parameters=False)
    # xreplace rebuilds every node above a replaced symbol, evaluating each again (hard
    # sigmoid's max and min: 25 ms), even where the symbol is replaced by itself
    return formula if z == variable("z") else formula.xreplace({variable("z"): z})


def entry_definition(entry: catalog.Activation, z: Symbol, values: dict[str, Expr] | None = None) -> Expr:
    """The function the engine differentiates: the formula, in exponentials where the
    entry is defined through them (tanh); default parameters unless values are given."""
    if values is None:
        values = entry_values(entry, z, {}, symbolic=False)
    formula = entry_formula(entry, z, values)
    return formula.rewrite(exp) if entry.expand else formula


def entry_function(entry: catalog.Activation, z: Symbol, params: dict[str, str], symbolic: bool
                   ) -> tuple[dict[str, Expr], Expr, Expr | None]:
    """An entry's parameter values, its definition in z, and how line 1 names it (tanh(z)),
    None where the definition is the formula itself."""
    values = entry_values(entry, z, params, symbolic)
    formula = entry_formula(entry, z, values)  # read once: it is the name and the definition
    if entry.expand:
        return values, formula.rewrite(exp), formula
    return values, formula, None


def catalog_candidates(z: Symbol):
    """(name, definition) of every catalog entry a typed formula of z alone can equal:
    one variable, every parameter with a default; made one at a time, as asked for."""
    for entry in catalog.CATALOG:
        if not entry.multivariate and all(p.default is not None for p in entry.params):
            yield entry.name, entry_definition(entry, z)


def definition(function: str, var: str = "z", written: frozenset = frozenset()) -> Expr:
    """g(z) for ``derive check --function``: a one-variable catalog entry with its
    default parameters (symbols where it has none), or a typed formula.  A parameter the
    text itself writes (``written``: the names of its free symbols, β in σ(βz)) stays that
    free symbol, as the text's, not the default: the author's β is swish's β."""
    z = checked_variable(var)
    entry = catalog.find(function)
    if entry is None:
        return typed_formula(function, z, {}, latex=None)
    if entry.multivariate:
        raise DeriveError(f"{entry.name} is a function of many variables; a hand derivation is checked "
                          "for a function of one")
    kept = {p.name for p in entry.params} & set(written)
    if not kept:
        return entry_definition(entry, z)
    values = entry_values(entry, z, {}, symbolic=False)
    values.update({name: Symbol(name, real=True) for name in kept})
    return entry_definition(entry, z, values)


def number(name: str, text: str, *, positive: bool) -> Expr:
    """A parameter's value: a number in the typed grammar (1/3, 0.01, sqrt(2)), nothing else."""
    try:
        value = parse(text, var="z", allow_parameters=False)
    except ParseError as e:
        raise DeriveError(f"--param {name}={text[:40]!r}: {e.reason}") from None
    if not value.is_number or not value.is_real:
        raise DeriveError(f"--param {name}: expected a real number, got {text[:40]!r}")
    if positive and not value.is_positive:
        raise DeriveError(f"--param {name}: must be positive, got {text[:40]!r}")
    return value
