"""The layout of a hand derivation: which rows of a text are mathematics, and where they start.

LaTeX (recognised by a backslash or a ``$``): the math of ``aligned``, ``align``,
``equation`` (with ``split``), ``gather``, ``alignat``, ``multline``, ``eqnarray``
environments, ``\\[...\\]``, ``$$...$$`` and ``$...$`` alone on a line; the preamble of a
whole ``.tex`` document and the prose between displays are not (an inline ``$...$``
inside a sentence is prose).  Rows split at ``\\\\`` (not inside ``cases``); ``&`` is
ignored; annotations (``\\text{...}`` at the end, ``\\tag``, ``\\label``, ``\\nonumber``,
``\\\\[4pt]``, trailing ``,`` and ``.``) are dropped; a row that begins with ``+`` or ``-``
continues the row before it; a row ``\\text{for } z < 0\\text{:}`` is a heading whose
condition holds for the rows under it.  Plain text has one row per line; lead-ins
("Hence"), tails ("as required"), remarks ("Note that ...") and lines of prose are not math.
``:=`` and ``\\equiv`` become equals signs (padded: columns hold).
"""

from __future__ import annotations

from .displays import latex_rows
from .pasted import github_math, notebook_markdown, plain_letters
from .plain import plain_rows
from .row import MAX_ROW, DocumentError, Row, split_equals

__all__ = ["MAX_ROW", "DocumentError", "Row", "rows", "split_equals"]


def rows(text: str) -> list[Row]:
    if "\u200b" in text or "\ufeff" in text:  # zero-width spaces and a BOM pasted from web pages
        text = text.replace("\u200b", "").replace("\ufeff", "")
    text = notebook_markdown(text)
    text = plain_letters(text)
    if "\\" in text or "$" in text:
        return latex_rows(github_math(text))
    return plain_rows(text)
