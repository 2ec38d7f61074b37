"""``derive list``: the catalog as a rich table, each g' as the engine derives it now."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from sympy import true

from ..catalog import Activation
from ..engine.derivation import Derivation
from .linear import linear as linear_form


#: significant digits of a long decimal in the table (SELU's λα), cut with an ellipsis
DIGITS = 12


def slope_summary(d: Derivation, *, unicode: bool = True) -> str:
    """g'(z) in a few words: in g (with conditions on g for pieces); in g and z; or per piece."""

    def linear(expr):
        return linear_form(expr, unicode=unicode, digits=DIGITS)

    if d.in_terms_of_g_cases:
        return "; ".join(f"{linear(form)} if {linear(condition)}" if condition is not true
                         else f"{linear(form)} on every piece"  # one form for all pieces (binary step's 0)
                         for form, condition in d.in_terms_of_g_cases)
    if d.branches:
        parts = []
        for b in d.branches:
            sub = b.derivation
            form = sub.in_terms_of_g if sub.in_terms_of_g is not None else sub.derivative
            parts.append(f"{linear(form)} if {linear(b.condition(d.var))}")
        return "; ".join(parts)
    if d.in_terms_of_g is not None:
        return linear(d.in_terms_of_g)
    if d.in_terms_of_g_and_z is not None:
        return linear(d.in_terms_of_g_and_z) + " (needs z)"
    return linear(d.derivative) + " (no form in g found)"


class CatalogTable:
    def __init__(self, rows: list[tuple[Activation, Derivation]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        unicode = not options.ascii_only
        table = Table(title="Activations derive knows", title_justify="left", show_lines=False)
        table.add_column("name (aliases)")
        table.add_column("parameters")
        table.add_column("g(z)")
        table.add_column("g'(z), in g", overflow="fold")
        table.add_column("source", overflow="fold")
        for entry, d in self.rows:
            params = ", ".join(f"{p.name}={p.default if p.default is not None else '(symbol)'}" for p in entry.params)
            name = Text(entry.name, style="bold")
            if entry.aliases:
                name.append("\n(" + ", ".join(entry.aliases) + ")", style="dim")
            table.add_row(name, params, Text(entry.formula), Text(slope_summary(d, unicode=unicode)),
                          Text(entry.source, style="dim"))
        yield table
