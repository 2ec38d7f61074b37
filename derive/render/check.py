"""``derive check`` output: the table of verdicts, the diagnoses, the grades of many files.

``check_data`` is the JSON contract (what worker processes send back, and what
``derive.check`` returns); the rich views and the CSV render that data or a checked
chain without recomputing anything.  Formulas the checker writes (the left sides, the
corrected lines) use the author's names and format: ``\\sigma'(x)`` in LaTeX for a LaTeX
text that called the function σ and the variable x.
"""

from __future__ import annotations

import csv
import io

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text
from sympy import Expr, Function

from ..check.chain import CheckedChain, CheckedLine
from ..engine.functions import g
from .latex import latex as latex_of
from ..linear import LinearPrinter


class _Printer(LinearPrinter):
    """One-line formulas where d/dz (...) is bracketed whole inside a product, so that
    -(d/dz (1 + e^(-z)))/(1 + e^(-z))^2 cannot be read as the derivative of the quotient."""

    def _print_Derivative(self, expr):
        text = super()._print_Derivative(expr)
        return text if text.endswith(")") and not text.startswith("d/d") else f"({text})"


def linear(expr: Expr, *, unicode: bool = True) -> str:
    return _Printer(unicode=unicode).doprint(expr)


def _number(x, digits: int = 6) -> str:
    return f"{float(x):.{digits}g}"


def _pair(left, right) -> tuple[str, str]:
    """The line's value and the right one, with digits enough to tell them apart (0.652712 and
    0.652712 would say nothing), or with their difference where even 15 digits agree; a line's
    value with an imaginary part is "not a real number"."""
    if getattr(left, "is_real", True) is False:
        return "not a real number", _number(right)
    for digits in (6, 10, 15):
        a, b = _number(left, digits), _number(right, digits)
        if a != b:
            return a, b
    return a, f"{b} (they differ by {float(left - right):.3g})"


def lhs(line: CheckedLine, chain: CheckedChain, *, latex: bool = False) -> str:
    """The line's left side as its author names it: g'(z), σ'(x), \\sigma'(x); '' for '= ...'."""
    if line.step.claim is None and line.step.claim_text:
        return line.step.claim_text  # a left side that could not be read: as its author wrote it
    if line.order is None:
        return line.step.claim_text if line.step.claim is not None and not line.follows else ""
    name = function_name(line, chain, latex=latex)
    primes = "'" * line.order if line.order <= 3 else f"^({line.order})"
    return f"{name}{primes}({chain.var})"


def function_name(line: CheckedLine, chain: CheckedChain, *, latex: bool = False) -> str:
    """The name of the function the line is about: the document's, or a second exercise's."""
    if line.step.function_names:
        return line.step.function_names[1 if latex else 0]
    return chain.function_latex if latex else chain.function


def written(expr: Expr, chain: CheckedChain, *, latex: bool, unicode: bool = True, name: str | None = None) -> str:
    """A formula in the author's notation: their function name (``name``: a second exercise's),
    LaTeX for a LaTeX text."""
    z = chain.var
    name = name or (chain.function_latex if latex else chain.function)
    if name != "g" and expr.has(g(z)):
        expr = expr.xreplace({g(z): Function(name)(z)})
    return latex_of(expr) if latex else linear(expr, unicode=unicode)


def corrected(line: CheckedLine, chain: CheckedChain, *, unicode: bool | None = None) -> str | None:
    d = line.diagnosis
    if d is None or d.corrected is None:
        return None
    if unicode is None:
        unicode = writes_unicode(chain)
    return written(d.corrected, chain, latex=line.step.latex, unicode=unicode,
                   name=function_name(line, chain, latex=line.step.latex))


def writes_unicode(chain: CheckedChain) -> bool:
    """Whether the author writes beyond ASCII anywhere in the text (β in the definition): a
    corrected line then says β·g(z), as they would, not beta*g(z)."""
    return not all(line.step.text.isascii() for line in chain.lines)


#: a parameter's name as a student writes it (alpha: α)
_PARAMETER_NAMES = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "kappa": "κ", "lambda": "λ",
                    "mu": "μ", "theta": "θ", "tau": "τ", "eta": "η", "omega": "ω", "rho": "ρ", "nu": "ν"}


def line_data(line: CheckedLine, chain: CheckedChain) -> dict:
    c = line.comparison
    counterexample = None
    if line.verdict == "wrong" and c is not None and c.counterexample is not None:
        at, left, right = c.counterexample
        shown = _pair(left, right)
        counterexample = {"at": _number(at), "line": shown[0], "expected": shown[1].split(" ")[0]}
        if c.parameters:
            counterexample["parameters"] = {name: _number(value) for name, value in c.parameters}
    d = line.diagnosis
    return {
        "index": line.step.index,
        "row": line.step.row or None,
        "lhs": lhs(line, chain),
        "text": line.step.text,
        "expr": str(line.expr) if line.expr is not None else None,
        "verdict": line.verdict,
        "credit": line.ok and line.verdict != "definition",
        "follows": line.follows,
        "carried_from": line.carried_from,
        "points": c.points if c is not None and line.verdict != "unreadable" else 0,
        "rule": line.reason if line.ok else None,
        "counterexample": counterexample,
        "column": line.column,
        "kind": d.kind if d else None,
        "message": message(line, chain),
        "corrected": corrected(line, chain),
        "remark": line.step.remark or None,
    }


def message(line: CheckedLine, chain: CheckedChain) -> str:
    """The words for one line's verdict: a sentence for the student."""
    remark = f" ({line.step.remark})" if line.step.remark else ""
    if line.verdict == "definition":
        return f"defines {line.step.helper or function_name(line, chain)}{remark}"
    if line.verdict == "proved":
        return (f"proved ({line.reason})" if line.reason else "proved") + remark
    if line.verdict == "numerically equal":
        extra = f"; {line.reason}" if line.reason else ""
        return f"equal at {line.comparison.points} points, not proved symbolically{extra}{remark}"
    if line.verdict in ("carried forward", "back on track"):
        return f"{line.verdict}: {line.reason}{remark}"
    if line.verdict == "unreadable":
        where = f"column {line.column}: " if line.column else ""
        return f"unreadable: {where}{line.reason}{remark}"
    text = "This line " + line.reason
    c = line.comparison
    if c is not None and c.counterexample is not None:
        at, left, right = c.counterexample
        shown = _pair(left, right)
        text += f": at {chain.var} = {_number(at)}{_with_parameters(c)} it is {shown[0]}, it should be {shown[1]}"
    text += "." + remark
    if line.diagnosis is not None:
        text += " " + line.diagnosis.message
    return text


def check_data(chain: CheckedChain | None, problem: str | None = None) -> dict:
    """A derivation's verdicts and grade, as JSON data."""
    if chain is None or chain.problem is not None:
        return {"valid": False, "score": {"right": 0, "lines": 0}, "first_error": None, "errors": 0,
                "unreadable": 0, "problem": problem if chain is None else chain.problem, "function": None,
                "var": None, "lines": []}
    return {
        "valid": chain.valid,
        "score": {"right": chain.right, "lines": len(chain.graded)},
        "first_error": chain.first_error,
        "errors": chain.errors,
        "unreadable": sum(line.verdict == "unreadable" for line in chain.lines),
        "problem": None,
        "function": chain.function,
        "var": str(chain.var),
        "lines": [line_data(line, chain) for line in chain.lines],
    }


MARKS = {"definition": "·", "proved": "✓", "numerically equal": "✓", "carried forward": "✓",
         "back on track": "✓", "wrong": "✗", "unreadable": "?"}
ASCII_MARKS = {"definition": "-", "proved": "ok", "numerically equal": "ok", "carried forward": "ok",
               "back on track": "ok", "wrong": "X", "unreadable": "?"}
STYLES = {"definition": "dim", "proved": "green", "numerically equal": "green", "carried forward": "yellow",
          "back on track": "yellow", "wrong": "bold red", "unreadable": "yellow"}


class CheckView:
    """One derivation: a row per line, ✓/✗ and the verdict; each wrong line's diagnosis
    and corrected line under it; the grade at the end."""

    def __init__(self, chain: CheckedChain) -> None:
        self.chain = chain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        unicode = not options.ascii_only
        chain = self.chain
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column("line", overflow="fold", ratio=3)
        table.add_column("verdict", overflow="fold", ratio=2)
        for line in chain.lines:
            mark = MARKS[line.verdict] if unicode else ASCII_MARKS[line.verdict]
            left = lhs(line, chain, latex=line.step.latex)
            verdict = Text(_short_verdict(line, chain), style=STYLES[line.verdict])
            table.add_row(str(line.step.index), Text(mark, style=STYLES[line.verdict]),
                          Text(f"{left} = {line.step.text}" if left else f"= {line.step.text}"), verdict)
            d = line.diagnosis
            if d is not None:
                words = Text(f"{d.kind.replace('_', ' ')}: {d.message}", style="red")
                fixed = corrected(line, chain, unicode=unicode and writes_unicode(chain))
                if fixed is not None:
                    words.append(f"\ncorrected: {left + ' ' if left else ''}= {fixed}", style="green")
                table.add_row("", "", words, "")
        yield table
        yield Text(grade_line(check_data(chain)), style="bold green" if chain.valid else "bold red")


def grade_line(data: dict) -> str:
    """One derivation's grade in words."""
    if data["problem"] is not None:
        return f"not checked: {data['problem']}"
    score = data["score"]
    parts = [f"{score['right']}/{score['lines']} lines right"]
    if data["valid"]:
        return "every line holds: " + parts[0]
    if data["errors"]:
        parts.append(f"{data['errors']} error{'s' if data['errors'] != 1 else ''}")
        parts.append(f"first wrong line: {data['first_error']}")
    if data["unreadable"]:
        parts.append(f"{data['unreadable']} unreadable")
    return "; ".join(parts)


def _with_parameters(c) -> str:
    """", α = 0.73" for the sampled parameters of a counterexample (its numbers depend on them)."""
    return "".join(f", {_PARAMETER_NAMES.get(name, name)} = {_number(value)}" for name, value in c.parameters)


def _short_verdict(line: CheckedLine, chain: CheckedChain) -> str:
    if line.verdict == "definition":
        return f"defines {line.step.helper or function_name(line, chain)}"
    if line.verdict in ("proved", "numerically equal"):
        head = "proved" if line.verdict == "proved" else f"numerically equal ({line.comparison.points} points)"
        return f"{head}: {line.reason}" if line.reason else head
    if line.verdict == "wrong":
        c = line.comparison
        if c is not None and c.counterexample is not None:
            at, left, right = c.counterexample
            shown = _pair(left, right)
            return f"wrong: at {chain.var} = {_number(at)}{_with_parameters(c)} it is {shown[0]}, not {shown[1]}"
        return f"wrong: {line.reason}"
    return message(line, chain)


def status(r: dict) -> str:
    """valid, wrong or unreadable: one word for a file."""
    if r["problem"] is not None or r.get("unreadable") or any(line["verdict"] == "unreadable" for line in r["lines"]):
        return "unreadable"
    return "valid" if r["valid"] else "wrong"


STATUS_STYLES = {"valid": "green", "wrong": "red", "unreadable": "yellow"}


def first_wrong(r: dict) -> dict | None:
    return next((line for line in r["lines"] if line["verdict"] == "wrong"), None)


class SummaryTable:
    """Many files: one row each (file names wrap, never cut), then the totals."""

    def __init__(self, results: list[dict]) -> None:
        self.results = results

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
        table.add_column("file", overflow="fold", ratio=3, min_width=10)
        table.add_column("status", no_wrap=True)
        table.add_column("score", justify="right", no_wrap=True)
        table.add_column("errors", justify="right", no_wrap=True)
        table.add_column("first", justify="right", no_wrap=True)
        table.add_column("kind / problem", overflow="fold", ratio=2, min_width=8)
        for r in self.results:
            word = status(r)
            score = r["score"]
            first = first_wrong(r)
            table.add_row(Text(r["file"]), Text(word, style=STATUS_STYLES[word]),
                          f"{score['right']}/{score['lines']}" if score["lines"] else "",
                          str(r["errors"]) if r["problem"] is None else "",
                          str(r["first_error"]) if r["first_error"] else "",
                          Text(r["problem"] or (first["kind"].replace("_", " ") if first and first["kind"] else "")))
        yield Group(table, Text(totals(self.results)))


def totals(results: list[dict]) -> str:
    counts = {word: sum(status(r) == word for r in results) for word in ("valid", "wrong", "unreadable")}
    right = sum(r["score"]["right"] for r in results)
    lines = sum(r["score"]["lines"] for r in results)
    share = f" ({100 * right / lines:.0f}%)" if lines else ""
    return (f"{len(results)} file{'s' if len(results) != 1 else ''}: {counts['valid']} valid, {counts['wrong']} "
            f"with mistakes, {counts['unreadable']} unreadable; {right}/{lines} lines right{share}")


CSV_COLUMNS = ["file", "status", "score", "right", "lines", "errors", "first_error", "kind", "message", "corrected",
               "problem"]


def summary_csv(results: list[dict]) -> str:
    """A gradebook: one row per file; the first wrong line's kind, message and correction."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in results:
        score = r["score"]
        first = first_wrong(r) or {}
        writer.writerow([r["file"], status(r), f"{score['right'] / score['lines']:.3f}" if score["lines"] else "",
                         score["right"], score["lines"], r["errors"], r["first_error"] or "", first.get("kind") or "",
                         first.get("message") or "", first.get("corrected") or "", r["problem"] or ""])
    return out.getvalue()
