"""The parser's one error: what is wrong, and at which column of the input."""

from __future__ import annotations

from ..errors import DeriveError


class ParseError(DeriveError):
    def __init__(self, message: str, column: int | None = None, text: str | None = None):
        self.reason = message
        self.column = column  # 1-based, in the text the user typed
        where = f"column {column}: " if column is not None else ""
        shown = ""
        if text is not None:
            shown = text if len(text) <= 60 else text[:57] + "..."
            shown = f" in {shown!r}"
        super().__init__(f"cannot read the expression{shown}: {where}{message}")
