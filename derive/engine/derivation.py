"""The derivation object: what the engine hands to every renderer.

Renderers read it and never recompute mathematics: the lines are final, each already
verified equal to the line before it.
"""

from __future__ import annotations

from sympy import And, Expr, Symbol, oo

from ..record import Record, record
from .witness import Witness
from .piecewise import Kink
from .rules import Deferred, Rule
from .verify import Comparison

#: A phrase of an explanation: words, and formulas each renderer typesets its own way.
Phrase = tuple[str | Expr, ...]
#: An explanation: phrases, e.g. (("split off a factor of g(z)",), ("add and subtract", 1)).
Note = tuple[Phrase, ...]


@record
class Line(Record):
    """One line of the chain: ``lhs = rhs``, or ``= rhs`` when lhs is None."""

    lhs: Expr | None  # g(z) or g'(z)
    rhs: Expr  # as written (see forms.py)
    rule: str  # short id of what happened
    note: Note  # why this line follows from the one before
    check: Comparison | None  # how it was verified against the line before (None: first line)


@record
class Derivation(Record):
    """g(z), its derivative, and the lecture's chain of lines from one to the other."""

    name: str | None  # catalog name, None for a typed expression
    var: Symbol
    order: int
    definition: Expr  # g(z), in var
    lines: tuple[Line, ...]
    derivative: Expr  # g'(z), in var
    in_terms_of_g: Expr | None  # F with g'(z) = F(g), in the symbol g; None if not found
    #: the full tree of rules behind the chain (None: softmax, derived by hand); a piecewise
    #: function's is Deferred: read it as ``step_tree``
    steps: Rule | Deferred | None
    #: where no form in g alone was found: F(g, z), checked like every line
    in_terms_of_g_and_z: Expr | None = None
    #: a proof that no form in g alone exists (g turns, so equal g, different g')
    no_form_in_g: Witness | None = None
    #: piecewise functions: the chain on each open interval, and the points between them
    branches: tuple[Branch, ...] = ()
    kinks: tuple[Kink, ...] = ()
    #: the parameters' values used (alpha = 1/100), or their symbols when left symbolic
    params: tuple[tuple[str, Expr], ...] = ()
    source: str = ""  # where the definition comes from (torch.nn.ELU)
    same_as: str | None = None  # a typed formula that is a catalog entry: its name
    #: piecewise: g' in g with conditions on g, ((F_1(G), condition in G), ...), where the
    #: pieces' ranges separate -- what a backward kernel computes from the saved output
    in_terms_of_g_cases: tuple[tuple[Expr, Expr], ...] = ()
    #: where g is monotone but no closed form in g is given, why (e.g. "it needs erfinv")
    in_g_remark: str = ""
    #: forms a lecturer quotes (tanh' = sech^2 z): (form in var, its name), each verified equal to g'
    alternatives: tuple[tuple[Expr, str], ...] = ()

    @property
    def uses_var(self) -> bool:
        """Whether g' needs the variable: False for any form free of it, whatever route
        found it (elimination, inversion, or conditions on g piece by piece)."""
        if self.in_terms_of_g is not None:
            return self.var in self.in_terms_of_g.free_symbols
        if self.in_terms_of_g_cases:
            return any(self.var in f.free_symbols | c.free_symbols for f, c in self.in_terms_of_g_cases)
        return True

    @property
    def is_piecewise(self) -> bool:
        return bool(self.branches)

    @property
    def step_tree(self) -> Rule | None:
        """The tree of rules, worked out now where it was deferred."""
        return self.steps.resolved() if isinstance(self.steps, Deferred) else self.steps


@record
class Branch(Record):
    """The chain on one open interval low < z < high of a piecewise activation."""

    low: Expr
    high: Expr
    derivation: Derivation

    def condition(self, var: Symbol) -> Expr:
        parts = ([var > self.low] if self.low != -oo else []) + ([var < self.high] if self.high != oo else [])
        return And(*parts) if parts else True
