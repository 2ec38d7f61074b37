"""The activation functions derive knows by name.

An entry stores only what a user would look up in a framework's documentation: the
function as it is named (sigma(z), tanh(z)).  Its definition in exponentials comes from
``rewrite(exp)``; its chain, its derivative and its form in g are always computed.
The table is plain data, so that names resolve without importing SymPy.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .errors import DeriveError


@dataclass(frozen=True)
class Activation:
    name: str
    aliases: tuple[str, ...]
    summary: str
    function: str  # the SymPy function (or derive's own, e.g. sigmoid) that names it

    def named(self, var):
        """The function as it is named: sigmoid(z), tanh(z)."""
        import sympy

        from .engine import functions

        return (getattr(functions, self.function, None) or getattr(sympy, self.function))(var)

    def definition(self, var):
        """Its definition in exponentials: 1/(1 + e^{-z}), (e^z - e^{-z})/(e^z + e^{-z})."""
        from sympy import exp

        return self.named(var).rewrite(exp)


CATALOG: tuple[Activation, ...] = (
    Activation("sigmoid", ("logistic", "sigma", "σ"), "the logistic function", "sigmoid"),
    Activation("tanh", ("hyperbolic tangent",), "the hyperbolic tangent", "tanh"),
)


def normalise(name: str) -> str:
    """Names match without regard to case, '-', '_' or spaces: Leaky_ReLU = leaky-relu."""
    return "".join(c for c in name.lower() if c not in "-_ ")


_BY_KEY: dict[str, Activation] = {normalise(n): a for a in CATALOG for n in (a.name, *a.aliases)}


def lookup(name: str) -> Activation:
    """The entry for a name or alias, or a DeriveError that suggests the closest names."""
    key = normalise(name)
    if key in _BY_KEY:
        return _BY_KEY[key]
    close = difflib.get_close_matches(key, list(_BY_KEY), n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(_BY_KEY[c].name for c in close))[:3]
    hint = f" — did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else " (see 'derive list')"
    shown = name if len(name) <= 40 else name[:37] + "..."  # one readable line, whatever was typed
    raise DeriveError(f"unknown activation {shown!r}{hint}")
