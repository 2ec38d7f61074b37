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
from .facts import facts, form_facts
from .linear import linear, note_text
from .pretty import LecturePrettyPrinter


def _unicode(options: ConsoleOptions) -> bool:
    return not options.ascii_only


class DerivationView:
    """The whole derivation: the chain, the chain of each piece, then what it establishes."""

    def __init__(self, derivation: Derivation, *, notes: bool = True) -> None:
        self.derivation = derivation
        self.notes = notes

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        unicode = _unicode(options)
        d = self.derivation
        yield ChainView(d, notes=self.notes)
        for branch in d.branches:
            yield Text()
            condition = linear(branch.condition(d.var), unicode=unicode)
            yield Text(f"For {condition}:", style="bold")
            yield ChainView(branch.derivation, notes=self.notes)
            for fact in form_facts(branch.derivation):
                yield Text(note_text(fact, unicode=unicode), style="italic")
        found = facts(d)
        if found:
            yield Text()
        for fact in found:
            yield Text(note_text(fact, unicode=unicode), style="italic")


class ChainView:
    """g(z) = ... down to g'(z) = F(g(z)): left-hand sides, '=' aligned, notes beside."""

    def __init__(self, derivation: Derivation, *, notes: bool = True) -> None:
        self.derivation = derivation
        self.notes = notes

    #: below this many columns left for the notes, each note goes under its line instead
    MIN_NOTE_WIDTH = 16

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        unicode = _unicode(options)
        printer = LecturePrettyPrinter(unicode=unicode)
        forms = [printer._print(line.rhs) for line in self.derivation.lines]
        lhs_width = max(len(linear(line.lhs, unicode=unicode)) for line in self.derivation.lines if line.lhs is not None)
        used = lhs_width + 3 + max(form.width() for form in forms) + 1
        beside = self.notes and options.max_width - used >= self.MIN_NOTE_WIDTH

        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=not (self.notes and not beside))
        if beside:
            table.add_column(overflow="fold")
        for i, (line, form) in enumerate(zip(self.derivation.lines, forms)):
            pad = "\n" * form.baseline
            lhs = Text(pad + (linear(line.lhs, unicode=unicode) if line.lhs is not None else ""), style="bold")
            cells = [lhs, Text(pad + "="), Text(form.render(wrap_line=False))]
            note = note_text(line.note, unicode=unicode)
            if beside:
                cells.append(Text(pad + note, style="dim"))
            if i:
                table.add_row()
            table.add_row(*cells)
            if self.notes and not beside:
                table.add_row("", "", Text(note, style="dim"))
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


def reveal(console: Console, view, *, next_key) -> None:
    """The lecture's slides in the terminal: one line of the chain per key press
    (``next_key()`` returns the key; q, Escape or Ctrl-C stop)."""
    from rich.segment import Segments

    blocks, block = [], []
    for segments in console.render_lines(view, console.options, pad=False):
        block.append(segments)
        if not "".join(s.text for s in segments).strip():  # a blank row ends a line of the chain
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    for i, block in enumerate(blocks):
        for segments in block:
            console.print(Segments(segments))
        if i + 1 < len(blocks) and next_key() in ("q", "Q", "\x03", "\x1b"):
            return
