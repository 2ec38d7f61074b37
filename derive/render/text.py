"""The terminal view: the chain laid out like the slide, with a dim note beside each line.

``ChainView`` and ``StepsView`` are rich renderables: data in, ``__rich_console__`` out.
Without colour (not a terminal, or NO_COLOR set) rich prints the same text plainly.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..engine.derivation import Derivation
from ..engine.forms import as_written
from ..engine.rules import Rule
from .linear import linear, note_text
from .pretty import LecturePrettyPrinter


def _unicode(options: ConsoleOptions) -> bool:
    return not options.ascii_only


class ChainView:
    """g(z) = ... down to g'(z) = F(g(z)): left-hand sides, '=' aligned, notes beside."""

    def __init__(self, derivation: Derivation, *, notes: bool = True) -> None:
        self.derivation = derivation
        self.notes = notes

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        unicode = _unicode(options)
        printer = LecturePrettyPrinter(unicode=unicode)
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        if self.notes:
            table.add_column(overflow="fold")
        for i, line in enumerate(self.derivation.lines):
            form = printer._print(line.rhs)
            pad = "\n" * form.baseline
            lhs = Text(pad + (linear(line.lhs, unicode=unicode) if line.lhs is not None else ""), style="bold")
            cells = [lhs, Text(pad + "="), Text(form.render(wrap_line=False))]
            if self.notes:
                cells.append(Text(pad + note_text(line.note, unicode=unicode), style="dim"))
            if i:
                table.add_row()
            table.add_row(*cells)
        yield table


class StepsView:
    """The full tree of rules: how every inner derivative was found."""

    def __init__(self, steps: Rule) -> None:
        self.steps = steps

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        unicode = _unicode(options)
        tree = Tree(self._label(self.steps, unicode))
        self._grow(tree, self.steps, unicode)
        yield tree

    def _grow(self, branch: Tree, rule: Rule, unicode: bool) -> None:
        for sub in rule.substeps:
            self._grow(branch.add(self._label(sub, unicode)), sub, unicode)

    @staticmethod
    def _label(rule: Rule, unicode: bool) -> Text:
        def show(e) -> str:
            return linear(as_written(e), unicode=unicode)

        expr = show(rule.expr) if rule.expr.is_Atom or rule.expr.is_Function else f"({show(rule.expr)})"
        head = f"d/d{show(rule.var)} {expr}" if rule.var.is_Symbol else f"d/du {expr}, u = {show(rule.var)}"
        text = Text(f"{head} = {show(rule.eval())}")
        text.append(f"  {rule.title}", style="dim")
        return text
