"""``derive list``: the catalog as a rich table, each g' as the engine derives it now."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from ..catalog import Activation
from .slopes import SlopeTexts


class CatalogTable:
    """The catalog's entries, each with its g' as ``render.slopes`` writes it."""

    def __init__(self, rows: list[tuple[Activation, SlopeTexts]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        unicode = not options.ascii_only
        table = Table(title="Activations derive knows", title_justify="left", show_lines=False)
        table.add_column("name (aliases)")
        table.add_column("parameters")
        table.add_column("g(z)")
        table.add_column("g'(z), in g", overflow="fold")
        table.add_column("source", overflow="fold")
        for entry, slope in self.rows:
            params = ", ".join(f"{p.name}={p.default if p.default is not None else '(symbol)'}" for p in entry.params)
            name = Text(entry.name, style="bold")
            if entry.aliases:
                name.append("\n(" + ", ".join(entry.aliases) + ")", style="dim")
            table.add_row(name, params, Text(entry.formula), Text(slope.shown(unicode=unicode)),
                          Text(entry.source, style="dim"))
        yield table
