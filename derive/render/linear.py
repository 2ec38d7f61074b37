"""A derivation and its notes on one line each, in the one-line notation of ``derive.linear``
(which the checker shares, so it lives below both)."""

from __future__ import annotations

from ..linear import linear
from .numbers import written


#: words of a note on a terminal that cannot show Unicode (PYTHONIOENCODING=ascii)
_ASCII_WORDS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "--", "\u2264": "<=", "\u2265": ">=",
                              "\u2032": "'", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                              "\u2026": "...", "\u00d7": "x", "\u00b7": "*", "\u221e": "oo", "\u03c3": "sigma",
                              "\u03b1": "alpha", "\u03b2": "beta", "\u03bb": "lambda", "\u03b4": "delta",
                              "\u03c6": "phi", "\u03a6": "Phi", "\u03c0": "pi"})


def words(text: str, *, unicode: bool = True) -> str:
    """The words of a note as the terminal can show them (anything else becomes '?')."""
    if unicode:
        return text
    return text.translate(_ASCII_WORDS).encode("ascii", "replace").decode("ascii")


def note_text(note, *, unicode: bool = True, numbers: dict | None = None) -> str:
    """An explanation as one line: each phrase's words and formulas, phrases joined by '; ';
    the formulas' numbers as ``numbers`` says (``render.numbers``)."""
    return "; ".join(
        " ".join(words(part, unicode=unicode) if isinstance(part, str)
                 else linear(written(part, numbers or {}), unicode=unicode) for part in phrase)
        for phrase in note
    )


def chain_lines(derivation, *, unicode: bool = True) -> list[str]:
    """The chain in one-line form, ``=`` aligned; a piecewise function's pieces after it."""
    def block(lines) -> list[str]:
        left = [linear(line.lhs, unicode=unicode) if line.lhs is not None else "" for line in lines]
        width = max(map(len, left))
        return [f"{lhs.rjust(width)} = {linear(line.rhs, unicode=unicode)}" for lhs, line in zip(left, lines)]

    out = block(derivation.lines)
    for branch in derivation.branches:
        out.append(f"for {linear(branch.condition(derivation.var), unicode=unicode)}:")
        out.extend("  " + row for row in block(branch.derivation.lines))
    return out
