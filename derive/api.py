"""The Python API: ``from derive import derive; d = derive("sigmoid")``."""

from __future__ import annotations

from sympy import Expr, Symbol

from . import catalog
from .engine.chain import lecture_chain
from .engine.derivation import Derivation
from .engine.functions import variable
from .errors import DeriveError


def derive(function: str | Expr, *, var: str = "z") -> Derivation:
    """The derivation of an activation: a catalog name ("sigmoid") or a SymPy expression.

    A SymPy expression may use its own Symbol(var); it is replaced by a real one.
    """
    z = variable(var)
    if isinstance(function, str):
        entry = catalog.lookup(function)
        return lecture_chain(entry.definition(z), z, name=entry.name, named=entry.named(z))
    if not isinstance(function, Expr):
        raise DeriveError(f"expected an activation name or a SymPy expression, got {type(function).__name__}")
    mine = {s: z for s in function.free_symbols if isinstance(s, Symbol) and s.name == var}
    expr = function.xreplace(mine)
    if not expr.has(z):
        raise DeriveError(f"the expression does not depend on {var}: {function}")
    return lecture_chain(expr, z)
