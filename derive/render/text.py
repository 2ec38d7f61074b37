"""The terminal view: the chain laid out like the slide, with a dim note beside each line.

``ChainView`` and ``StepsView`` are rich renderables: data in, ``__rich_console__`` out.
Without colour (not a terminal, or NO_COLOR set) rich prints the same text plainly.
"""

from __future__ import annotations

import textwrap

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from rich.tree import Tree

from ..engine.derivation import Derivation
from ..engine.forms import as_written
from ..engine.rules import Rule
from .facts import facts, form_facts
from .linear import linear, note_text
from .numbers import numbers as _numbers, written
from .pretty import LecturePrettyPrinter, sum_parts, within


def _unicode(options: ConsoleOptions) -> bool:
    return not options.ascii_only


class DerivationView:
    """The whole derivation: the chain, the chain of each piece, then what it establishes."""

    def __init__(self, derivation: Derivation, *, notes: bool = True) -> None:
        self.derivation = derivation
        self.notes = notes

    def blocks(self, options: ConsoleOptions) -> list[list[Text]]:
        """What one key press of ``--reveal`` shows: a line of a chain (a piece's heading
        with its first line), then the findings together."""
        unicode = _unicode(options)
        d = self.derivation
        mapping = _numbers(d)
        out = ChainView(d, notes=self.notes, numbers=mapping).blocks(options)
        for branch in d.branches:
            condition = linear(branch.condition(d.var), unicode=unicode)
            lines = ChainView(branch.derivation, notes=self.notes, numbers=mapping).blocks(options)
            lines[0].insert(0, Text(f"For {condition}:", style="bold"))
            for fact in form_facts(branch.derivation):
                lines[-1].extend(paragraph(note_text(fact, unicode=unicode, numbers=mapping), options.max_width,
                                           style="italic"))
            out.extend(lines)
        found = facts(d)
        if found:
            out.append([row for fact in found for row in paragraph(
                note_text(fact, unicode=unicode, numbers=mapping), options.max_width, style="italic")])
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for i, block in enumerate(self.blocks(options)):
            if i:
                yield Text()
            yield from block


class ChainView:
    """g(z) = ... down to g'(z) = F(g(z)): left-hand sides, '=' aligned, notes beside.

    Laid out here rather than in a rich table, so that nothing is padded (piped output has
    no trailing spaces) and a 2-D line is never cut or folded between its rows: a line
    wider than the terminal breaks at its top-level + and - signs, each part still 2-D, or
    else takes its one-line form, broken at operators.  A note stands apart from its line
    behind a bar, so that without colour it cannot read as part of the formula.
    """

    def __init__(self, derivation: Derivation, *, notes: bool = True, numbers: dict | None = None) -> None:
        self.derivation = derivation
        self.notes = notes
        self.numbers = numbers if numbers is not None else _numbers(derivation)  # how its numbers are written

    #: below this many columns left for the notes, each note goes under its line instead
    MIN_NOTE_WIDTH = 16

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for i, block in enumerate(self.blocks(options)):
            if i:
                yield Text()
            yield from block

    def blocks(self, options: ConsoleOptions) -> list[list[Text]]:
        """Each line of the chain as its rows of text (a blank row goes between lines)."""
        unicode = _unicode(options)
        printer = LecturePrettyPrinter(unicode=unicode)
        lines = self.derivation.lines
        left = [linear(line.lhs, unicode=unicode) if line.lhs is not None else "" for line in lines]
        lhs_width = max(len(text) for text in left)
        indent = lhs_width + 3  # "lhs = "
        room = max(options.max_width - indent, 12)
        parts = [broken(printer, written(line.rhs, self.numbers), room, unicode=unicode) for line in lines]
        math_width = max(len(row) for rows, _ in parts for row in rows)
        bar = NOTE_BAR if unicode else ASCII_NOTE_BAR
        note_room = options.max_width - indent - math_width - len(bar)
        beside = self.notes and note_room >= self.MIN_NOTE_WIDTH
        out = []
        for line, lhs, (rows, baseline) in zip(lines, left, parts):
            block = []
            out.append(block)
            note = note_text(line.note, unicode=unicode, numbers=self.numbers) if self.notes else ""
            if beside:
                wrapped = textwrap.wrap(note, note_room) or [""]
                rows = rows + [""] * max(0, baseline + len(wrapped) - len(rows))
            for k, row in enumerate(rows):
                text = Text(no_wrap=True, overflow="ignore", end="\n")
                text.append(lhs.rjust(lhs_width) if k == baseline else " " * lhs_width, style="bold")
                text.append(" = " if k == baseline else "   ")
                text.append(row)
                if beside and baseline <= k < baseline + len(wrapped):
                    text.append(" " * (math_width - len(row)))
                    text.append(bar + wrapped[k - baseline], style="dim")
                text.rstrip()
                block.append(text)
            if self.notes and not beside:
                for row in textwrap.wrap(note, max(options.max_width - indent - 2, 12)):
                    block.append(Text(" " * indent + bar.lstrip() + row, style="dim", no_wrap=True, overflow="ignore"))
        return out


def paragraph(words: str, width: int, *, style: str = "") -> list[Text]:
    """Words wrapped to ``width`` (rich's own wrapping leaves a space at each break)."""
    return [Text(row, style=style, no_wrap=True, overflow="ignore") for row in textwrap.wrap(words, width) or [""]]


#: between a line and its note: two spaces and a bar, so that a note never runs into its line
NOTE_BAR = "  │ "
ASCII_NOTE_BAR = "  | "


def broken(printer: LecturePrettyPrinter, expr, width: int, *, unicode: bool) -> tuple[list[str], int]:
    """The rows of ``expr`` within ``width`` columns, and the row the '=' goes on.

    2-D if it fits; a sum too wide, broken after whole terms (each part 2-D, continuation
    parts starting with their sign, the parts one under the other); otherwise the one-line
    form broken at operators.  Rows are never cut: every character of the line is shown."""
    form = within(printer, expr, width)
    if form is not None:
        return [row.rstrip() for row in form.picture], form.baseline
    parts = sum_parts(printer, expr, width - 2)
    if parts is not None:
        rows, baseline = [], None
        for i, part in enumerate(parts):
            if i and (part.height() > 1 or parts[i - 1].height() > 1):
                rows.append("")  # 2-D parts apart, so that no row reads as the next part's
            lead = "" if i == 0 else "  "
            if baseline is None:
                baseline = part.baseline
            rows.extend((lead + row).rstrip() for row in part.picture)
        return rows, baseline
    return wrap_linear(linear(expr, unicode=unicode), width), 0


def wrap_linear(text: str, width: int) -> list[str]:
    """A one-line formula in rows of at most ``width``, broken before + and - or after a
    product sign or comma; continuation rows indented by two."""
    rows: list[str] = []
    while len(text) > (limit := width if not rows else width - 2):
        # only the row's reach is scanned (a break at i looks at i + 1): the whole rest, every row, was quadratic
        reach = [(i, before_sign) for i, before_sign in _breaks(text[: limit + 2]) if 0 < i <= limit]
        # before a + or - where one is within the second half of the row, else the last break
        signs = [i for i, before_sign in reach if before_sign and i >= limit // 2]
        cut = max(signs) if signs else max((i for i, _ in reach), default=None)
        if cut is None:
            cut = limit  # no operator within reach: break the token itself, nothing is lost
        rows.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    rows.append(text)
    return [rows[0]] + ["  " + row for row in rows[1:]]


def _breaks(text: str):
    """Where a one-line formula may break: (index, whether it is before a + or - sign)."""
    for i, c in enumerate(text):
        if c in "+-−" and i > 0 and text[i - 1] == " " and i + 1 < len(text) and text[i + 1] == " ":
            yield i, True
        elif c in "⋅·*," and i + 1 < len(text):
            yield i + 1, False


class StepsView:
    """The full tree of rules: how every inner derivative was found."""

    def __init__(self, steps: Rule) -> None:
        self.steps = steps

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        unicode = _unicode(options)
        tree = Tree(self._label(self.steps, unicode))
        self._grow(tree, self.steps, unicode)
        # rich pads a wrapped label with spaces: each row without them
        for segments in console.render_lines(tree, options, pad=False):
            row = Text.assemble(*((s.text, s.style) for s in segments if not s.control), no_wrap=True,
                                overflow="ignore")
            row.rstrip()
            yield row

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


#: what --reveal tells the user before the first line
REVEAL_HINT = "space/enter: next line, q: quit"


def reveal(console: Console, view: DerivationView, *, next_key) -> None:
    """The lecture's slides in the terminal: one line of the chain per key press
    (``next_key()`` returns the key; q, Escape or Ctrl-C stop)."""
    console.print(Text(REVEAL_HINT, style="dim"))
    blocks = view.blocks(console.options)
    for i, block in enumerate(blocks):
        if i:
            console.print()
        for row in block:
            console.print(row)
        if i + 1 < len(blocks) and next_key() in ("q", "Q", "\x03", "\x1b"):
            return
