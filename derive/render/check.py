"""``derive check`` output: the table of verdicts, the diagnosis, the summary of many files.

``check_data`` is the JSON contract (and what worker processes send back); the rich
views render a checked chain, or the data of many files, without recomputing anything.
"""

from __future__ import annotations

import csv
import io

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from ..check.chain import CheckedChain, CheckedLine
from .linear import linear


def _number(x) -> str:
    return f"{float(x):.6g}"


def line_data(line: CheckedLine) -> dict:
    c = line.comparison
    counterexample = None
    if line.verdict == "wrong" and c is not None and c.counterexample is not None:
        z, left, right = c.counterexample
        counterexample = {"z": _number(z), "line": _number(left), "expected": _number(right)}
    d = line.diagnosis
    return {
        "index": line.step.index,
        "lhs": line.lhs,
        "text": line.step.text,
        "expr": str(line.expr) if line.expr is not None else None,
        "verdict": line.verdict,
        "points": c.points if c is not None and line.verdict != "unreadable" else 0,
        "rule": line.reason if line.ok else None,
        "counterexample": counterexample,
        "column": line.column,
        "kind": d.kind if d else None,
        "message": message(line),
        "corrected": linear(d.corrected, unicode=False) if d and d.corrected is not None else None,
    }


def message(line: CheckedLine) -> str:
    """The words for one line's verdict."""
    if line.verdict == "definition":
        return "defines g"
    if line.verdict == "proved":
        return f"proved ({line.reason})" if line.reason else "proved"
    if line.verdict == "numerically equal":
        extra = f"; {line.reason}" if line.reason else ""
        return f"equal at {line.comparison.points} points, not proved symbolically{extra}"
    if line.verdict == "unreadable":
        where = f"column {line.column}: " if line.column else ""
        return f"unreadable: {where}{line.reason}"
    text = line.reason
    c = line.comparison
    if c is not None and c.counterexample is not None:
        z, left, right = c.counterexample
        text += f": at z = {_number(z)} this line is {_number(left)}, it should be {_number(right)}"
    if line.diagnosis is not None:
        text += ". " + line.diagnosis.message
    return text


def check_data(chain: CheckedChain | None, problem: str | None = None) -> dict:
    if chain is None:
        return {"valid": False, "first_error": None, "problem": problem, "lines": []}
    return {
        "valid": chain.valid,
        "first_error": chain.first_error,
        "problem": chain.problem,
        "lines": [line_data(line) for line in chain.lines],
    }


MARKS = {"definition": "·", "proved": "✓", "numerically equal": "✓", "wrong": "✗", "unreadable": "?"}
STYLES = {"definition": "dim", "proved": "green", "numerically equal": "green", "wrong": "bold red",
          "unreadable": "yellow"}


class CheckView:
    """One derivation: a row per line, ✓/✗ and the verdict; the diagnosis under the first wrong line."""

    def __init__(self, chain: CheckedChain) -> None:
        self.chain = chain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        unicode = not options.ascii_only
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column("line", overflow="fold", ratio=3)
        table.add_column("verdict", overflow="fold", ratio=2)
        for line in self.chain.lines:
            mark = MARKS[line.verdict] if unicode else {"✓": "ok", "✗": "X", "·": "-"}.get(MARKS[line.verdict], "?")
            lhs = f"{line.lhs} = " if line.lhs else "= "
            verdict = Text(_short_verdict(line), style=STYLES[line.verdict])
            table.add_row(str(line.step.index), Text(mark, style=STYLES[line.verdict]), Text(lhs + line.step.text), verdict)
            d = line.diagnosis
            if d is not None:
                words = Text(f"{d.kind.replace('_', ' ')}: {d.message}", style="red")
                if d.corrected is not None:
                    lhs = f"{line.lhs} " if line.lhs else ""
                    words.append(f"\ncorrected: {lhs}= {linear(d.corrected, unicode=unicode)}", style="green")
                table.add_row("", "", words, "")
        yield table
        valid = self.chain.valid
        yield Text(("every line holds" if valid else f"first wrong line: {self.chain.first_error}"),
                   style="bold green" if valid else "bold red")


def _short_verdict(line: CheckedLine) -> str:
    if line.verdict == "definition":
        return "defines g"
    if line.verdict in ("proved", "numerically equal"):
        head = "proved" if line.verdict == "proved" else f"numerically equal ({line.comparison.points} points)"
        return f"{head}: {line.reason}" if line.reason else head
    if line.verdict == "wrong" and line.comparison is not None and line.comparison.counterexample is not None:
        z, left, right = line.comparison.counterexample
        return f"wrong: at z = {_number(z)} it is {_number(left)}, not {_number(right)}"
    return message(line)


class SummaryTable:
    """Many files: one row each."""

    def __init__(self, results: list[dict]) -> None:
        self.results = results

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table("file", "valid", "first wrong line", "kind", header_style="bold")
        for r in self.results:
            status, style = _status(r)
            kind = _first_kind(r)
            table.add_row(Text(r["file"]), Text(status, style=style),
                          str(r["first_error"]) if r["first_error"] else "", kind or (r["problem"] or ""))
        yield table


def _status(r: dict) -> tuple[str, str]:
    if r["problem"] is not None or any(line["verdict"] == "unreadable" for line in r["lines"]):
        return "unreadable", "yellow"
    return ("yes", "green") if r["valid"] else ("no", "red")


def _first_kind(r: dict) -> str | None:
    return next((line["kind"] for line in r["lines"] if line["kind"]), None)


def summary_csv(results: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "valid", "first_error", "kind", "problem"])
    for r in results:
        writer.writerow([r["file"], _status(r)[0], r["first_error"] or "", _first_kind(r) or "", r["problem"] or ""])
    return out.getvalue()
