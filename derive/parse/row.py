"""One row of a hand derivation's mathematics, and what every reader of rows shares.

A ``Row`` is the mathematics of one step (or a heading's condition) with the line it starts on;
``split_equals`` cuts a row at its equals signs outside brackets and nested environments
(``cases``: their ``\\\\``, ``&`` and text are their own); ``:=`` and ``\\equiv`` are equals signs;
a row that begins with ``+`` or ``-`` continues the row before it (``joined``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


#: characters in one row: a longer row is not searched for annotations (the searches are not
#: linear), and the reader refuses it anyway
MAX_ROW = 5000


class DocumentError(ValueError):
    """The text cannot be cut into steps at all (empty, too long, no equals sign)."""


@dataclass(frozen=True)
class Row:
    text: str
    line: int  # 1-based line of the source
    latex: bool
    heading: bool = False  # "for z < 0:": text is the condition of the rows that follow
    region: int = 0  # the display the row is in: a heading holds to the end of its display


def split_equals(row: str) -> list[str]:
    """Split at '=' outside brackets and braces ('<=' and '>=' are not split)."""
    out, depth, start = [], 0, 0
    spans = nested(row)
    for i, c in enumerate(row):
        if not outside(spans, i):
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth = max(0, depth - 1)
        elif c == "=" and depth == 0 and (i == 0 or row[i - 1] not in "<>!") and row[i + 1: i + 2] != "=":
            out.append(row[start:i])
            start = i + 1
    out.append(row[start:])
    return out


#: equals signs of a definition, replaced by '=' padded to the same length (columns hold)
_DEFINES = re.compile(r":=|\\coloneqq|\\equiv|\\triangleq|\\doteq|≡|≔|\\(?:stackrel|overset)\{(?:[^{}]|\{[^{}]*\})*\}\{=\}")


def defines_as_equals(text: str) -> str:
    return _DEFINES.sub(lambda m: " " * (len(m.group()) - 1) + "=", text)


_NESTED_BEGIN = re.compile(r"\\begin\{(cases|dcases|array|matrix|pmatrix|bmatrix)\}")


def nested(row: str) -> list[tuple[int, int]]:
    """The spans of environments inside a row (cases): their \\\\, & and text are their own."""
    spans, position = [], 0
    while True:  # str.find, not a lazy regex: linear however many \begin lack an \end
        m = _NESTED_BEGIN.search(row, position)
        if m is None:
            return spans
        end = row.find("\\end{%s}" % m.group(1), m.end())
        if end < 0:
            return spans
        position = end + len("\\end{%s}" % m.group(1))
        spans.append((m.start(), position))


def without_nested(row: str) -> str:
    for a, b in reversed(nested(row)):
        row = row[:a] + " " + row[b:]
    return row


def outside(spans, position: int) -> bool:
    return not any(a <= position < b for a, b in spans)


#: a row that goes on from the row before: it starts with + or - (or a centred dot), after
#: spacing, an empty group ``{}`` and ``\left.`` (derive breaks a long line so, a bracket
#: split across the rows closed with ``\right.`` and reopened with ``\left.``)
_CONTINUATION = re.compile(r"(?:\s|\\q?quad\b|\\[,;:! ]|\{\}|\\left\s*\.)*([+\-−]|\\cdot|\\times)")
_OPENED_AGAIN = re.compile(r"\\left\s*\.")
#: (the row's last "." may already be gone: a trailing full stop is dropped from every row)
_CLOSED_FOR_NOW = re.compile(r"(?:\s*\\right\s*\.?)+\s*$")


def joined(rows: list[Row]) -> list[Row]:
    """A row that starts with + or - (or \\cdot) continues the row before it; a bracket
    split between them (``\\right.`` ... ``\\left.``) is one bracket again."""
    out: list[Row] = []
    for row in rows:
        if out and not row.heading and not out[-1].heading and _CONTINUATION.match(row.text):
            previous = out[-1]
            match = _CONTINUATION.match(row.text)
            operator = match.end() - len(match.group(1))
            opened = len(_OPENED_AGAIN.findall(row.text[:operator]))
            closed = _CLOSED_FOR_NOW.search(previous.text)
            head = previous.text
            if opened and closed and closed.group().count("right") == opened:
                head = head[: closed.start()]
            elif opened:  # a \left. that closes nothing before it: leave the row as written
                operator = 0
            tail = row.text[operator:].strip()
            out[-1] = Row(head + " " + tail, previous.line, previous.latex or row.latex,
                           region=previous.region)
        else:
            out.append(row)
    return out
