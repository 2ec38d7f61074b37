"""Cutting typed text into tokens: numbers, names, operators, each with its column.

Text pasted from a PDF or typed by hand is read as it means: ``′`` is a prime, ``−``
and ``–`` are minus, ``·`` and ``×`` times, ``²`` and ``³`` powers, ``σ`` sigma.
"""

from __future__ import annotations

import re

from ..record import Record, record
from .errors import ParseError

MAX_LENGTH = 1000  # characters; an activation formula is a line, not a file
MAX_DIGITS = 80  # in one number literal

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "θ": "theta", "τ": "tau", "φ": "phi", "σ": "sigma", "π": "pi",
}

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\u00a0]+)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+(?![\w.]))?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*|[αβγδεκλμθτφσπ])
  | (?P<op>\*\*|<=|>=|!=|≠|[-+*/^(),|'<>\[\]·×−–⋅∗′″²³])
    """,
    re.VERBOSE,
)

#: Characters people paste from documents, read as the ASCII operator they mean.
_SAME_AS = {"·": "*", "×": "*", "⋅": "*", "∗": "*", "−": "-", "–": "-", "**": "^", "′": "'"}
#: Characters that stand for two tokens.
_TWO = {"²": ("^", "2"), "³": ("^", "3"), "″": ("'", "'")}


@record
class Token(Record):
    kind: str  # "number", "name", "op", "command" (LaTeX), "end"
    text: str
    column: int  # 1-based


def tokenize(text: str, *, source: str | None = None, max_length: int = MAX_LENGTH) -> list[Token]:
    """The tokens of text; a ParseError names the first character that is not allowed."""
    shown = source if source is not None else text
    if len(text) > max_length:
        raise ParseError(f"the input is {len(text)} characters long; at most {max_length} are read", text=shown)
    out: list[Token] = []
    position = 0
    while position < len(text):
        m = _TOKEN.match(text, position)
        if m is None:
            char = text[position]
            what = repr(char) if char.isprintable() else f"character U+{ord(char):04X}"
            raise ParseError(f"unexpected {what}", position + 1 if source is None else None, shown)
        kind = m.lastgroup
        value = m.group()
        if kind == "number" and sum(c.isdigit() for c in value) > MAX_DIGITS:
            raise ParseError(f"a number with more than {MAX_DIGITS} digits", position + 1, shown)
        if kind == "name":
            value = GREEK.get(value, value)
        if kind == "op" and value in _TWO:
            first, second = _TWO[value]
            out.append(Token("op", first, position + 1))
            out.append(Token("number" if second.isdigit() else "op", second, position + 1))
        elif kind == "op":
            out.append(Token("op", _SAME_AS.get(value, value), position + 1))
        elif kind != "space":
            out.append(Token(kind, value, position + 1))
        position = m.end()
    out.append(Token("end", "", len(text) + 1))
    return out
