"""The lecture chain of any activation: one formula (``chain.smooth_chain``) or pieces
(``branches.piecewise_chain``).  Here, apart from both, so that neither imports the other."""

from __future__ import annotations

from sympy import Expr, Symbol

from . import piecewise
from .branches import piecewise_chain
from .chain import smooth_chain
from .derivation import Derivation


def lecture_chain(definition: Expr, var: Symbol, *, name: str | None = None, named: Expr | None = None,
                  sides: tuple[str, ...] = ()) -> Derivation:
    """The chain for g(z) = definition; ``named`` is how line 1 names it (sigma(z)).

    A piecewise definition gets a chain per piece (``branches``); ``sides`` says which
    one-sided slope a framework takes at each kink.
    """
    if piecewise.is_piecewise(definition):
        parts = piecewise.pieces(definition, var)
        if len(parts) > 1:
            return piecewise_chain(definition, var, parts, name=name, named=named, sides=sides)
    return smooth_chain(definition, var, name=name, named=named)
