"""The rows of a plain-text derivation: one row per line (or per statement, "...; ...").

A list's bullet or number, an arrow, Markdown's fences, headings, comments and inline code, an
equation number set apart, a domain (", z ∈ ℝ"), an end mark (∎) and a remark in brackets are
not the step; words around it are ``prose``'s; "for z < 0:" alone on a line is a heading.
"""

from __future__ import annotations

import re

from .latex import looks_like_latex
from .left import left_side
from .prose import (is_prose, justified, prose_words, without_bracketed_justification,


                    without_lead_in_and_tail)
from .row import MAX_ROW, Row, defines_as_equals, joined

_TRAILING_REMARK = re.compile(r"\s*(?:\(\s*[A-Za-z][A-Za-z ,.'’:;-]*\)|\[\s*[A-Za-z][A-Za-z ,.'’:;-]*\]|#.*|--.*|//.*|%.*|<-+.*|←.*)\s*$")
#: the domain after a step: ", z ∈ ℝ", "for all z ∈ ℝ", "∀ z ∈ ℝ" (in LaTeX, annotations._TRAILING_DOMAIN)
_PLAIN_DOMAIN = re.compile(r"(?:\s*,\s*|\s+)(?:(?:for\s+all|for\s+every|∀)\s*)?[A-Za-z]\s*∈\s*(?:ℝ|\(\s*-\s*∞\s*,\s*∞\s*\))[\s.,;]*$")
#: (a whole statement only, with its equals sign: `g(z) = tanh(z)`; a word in backticks stays what it is)
_INLINE_CODE = re.compile(r"`([^`\n=]*=[^`\n]*)`")
#: an equation number at the end of a line, set apart by two spaces or a tab as a word processor
#: sets it: "g'(z) = 1 - g(z)^2      (2)" (with one space, "(2)" could be a factor: the reader
#: refuses it, see sentences.Sentences.refuse_equation_number)
_EQUATION_NUMBER = re.compile(r"(?:[ \t\u00a0]{2,}|\t)[\(\[]\s*(?:\d+(?:\.\d+)*[a-z]?|[ivx]{1,5}|\*{1,3})\s*[\)\]]\s*$")

#: what may stand before a step on its line: a list's bullet or number, an arrow
#: ("1)", "(2)", "3.", "Step 4:", "Step 5 —", "-", "*", "•", "=>", "⇒", "∴")
#: (also a label: "(a)", "b)", "(ii)", "iv)", "**Step 1:**", "Sigmoid:")
_MARKER = re.compile(r"^\s*(?:\(\d+\)|\((?:[a-z]|[ivx]{1,5})\)|(?:[a-z]|[ivx]{1,5})\)|\d+[.):]"
                     r"|step\s+\d+\s*(?:[.:)]|[—–-](?=\s))?|\*\*[^*\n]{1,40}\*\*|[A-Za-z]{2,20}:"
                     r"|[-*•]|=>|->|⇒|→|⟹|∴)\s*", re.IGNORECASE)


def _without_marker(line: str) -> str:
    """The line without a bullet, number or arrow before its left side (spaces: columns hold);
    read as part of the step, "2) g'(z)" is no left side and "=> g'(z)" splits at its "="."""
    m = _MARKER.match(line)
    if m is None or not m.group().strip():
        return line
    rest = line[m.end():]
    if m.group().strip() in ("-", "*", "•") and rest.startswith("="):
        return " " * m.end() + rest  # "- = 1 - g(z)^2": a bullet before a "= ..." step, no minus
    if "=" not in rest or left_side(rest.split("=", 1)[0].strip(), False) is None:
        return line
    return " " * m.end() + rest


#: an end mark after the last step: ∎ ✓ □ (in LaTeX \blacksquare, \square, \qed are annotations)
_END_MARK = re.compile(r"\s*[∎✓✔□■]+\s*$")
_FENCE = re.compile(r"^\s*(?:```|~~~)[\w+-]*\s*$")


def plain_rows(text: str) -> list[Row]:
    rows = []
    if "<!--" in text:  # Markdown's (HTML's) comments, over one line or several (lines hold)
        text = re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group()), text, flags=re.DOTALL)
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_ROW:
            rows.append(Row(line, number, False))  # too long to be one step: reported unreadable
            continue
        if _FENCE.match(line) or line.lstrip().startswith("#"):
            continue  # a Markdown code fence (its lines are read as any others), a heading or a comment
        line = _END_MARK.sub("", line.rstrip())
        if "`" in line:  # Markdown's inline code around a formula: `g'(z) = 1 - g(z)^2` (columns hold)
            line = _INLINE_CODE.sub(lambda m: " " + m.group(1) + " ", line)
        if "=" in line:
            line = _PLAIN_DOMAIN.sub("", _EQUATION_NUMBER.sub("", line))
        for part in _statements(line):
            rows.extend(_plain_step(part, number))
    return joined(rows)


def _statements(line: str) -> list[str]:
    """The statements of a line, split at ';' outside brackets where each is a left side and an
    equals sign ("g(z) = tanh(z); g'(z) = 1 - tanh(z)^2", as an e-mail writes them).  Columns hold."""
    if ";" not in line:
        return [line]
    cuts, depth = [], 0
    for k, c in enumerate(line):
        depth += 1 if c in "([{" else -1 if c in ")]}" else 0
        if c == ";" and depth == 0:
            cuts.append(k)
    parts = [line[a + 1 if a >= 0 else 0: b] for a, b in zip([-1, *cuts], [*cuts, len(line)])]
    if len(parts) < 2 or parts[-1].strip() and "=" not in parts[-1] or not all(
            "=" in p and (p.strip().startswith("=") and k or left_side(_without_marker(p).split("=", 1)[0].strip(), False))
            for k, p in enumerate(parts) if p.strip()):
        return [line]  # a sentence with a ';' in it, or pieces "1 for z > 0; 0 for z < 0": one row, as written
    starts = [0, *(k + 1 for k in cuts)]
    return [" " * start + part for start, part in zip(starts, parts) if part.strip()]


def _plain_step(line: str, number: int) -> list[Row]:
    """The rows of one statement of a plain-text line (a step, a heading, a clause of its own)."""
    rows = []
    line = _without_marker(defines_as_equals(line))
    remark = _TRAILING_REMARK.search(line)
    if remark and prose_words(line, remark.start()):
        line = line[: remark.start()]
    line = without_bracketed_justification(line)
    heading = _PLAIN_HEADING.match(line)
    if heading is not None and re.search(r"[<>≤≥]", heading.group("condition")):
        return [Row(heading.group("condition").replace("≤", "<=").replace("≥", ">="), number, False,
                    heading=True)]
    # "g'(z) = -1/u^2 (-e^-z), where u = 1 + e^-z": the clause is a row of its own
    for part in justified(line):
        part = without_lead_in_and_tail(part)
        if part is None:
            continue
        part = part.rstrip().rstrip(".,;:")
        if not part.strip() or is_prose(part):
            continue
        rows.append(Row(part, number, looks_like_latex(part)))
    return rows


_PLAIN_HEADING = re.compile(r"^\s*(?:for|if|when|case(?:\s*\d+)?\s*:?)\s+(?P<condition>(?:[^=]|(?<=[<>!])=)*?)\s*:?\s*$",
                            re.IGNORECASE)
