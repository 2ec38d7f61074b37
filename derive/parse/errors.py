"""The parser's one error: what is wrong, and at which column of the input."""

from __future__ import annotations

from ..errors import DeriveError


class ParseError(DeriveError):
    def __init__(self, message: str, column: int | None = None, text: str | None = None, *,
                 opened: int | None = None):
        self.reason = message
        self.column = column  # 1-based, in the text the user typed
        self.text = text
        #: the column of the bracket the message names ("the '(' at column 5"), counted as ``column`` is
        self.opened = opened
        where = f"column {column}: " if column is not None else ""
        shown = ""
        if text is not None:
            shown = text if len(text) <= 60 else text[:57] + "..."
            shown = f" in {shown!r}"
        super().__init__(f"cannot read the expression{shown}: {where}{message}")

    def shifted(self, offset: int) -> "ParseError":
        """The same error where the text read starts ``offset`` characters into its row: the
        bracket the message names counted from the row's start, as the reader of ``column`` counts."""
        if self.opened is None or not offset:
            return self
        reason = self.reason.replace(f"at column {self.opened}", f"at column {self.opened + offset}", 1)
        return ParseError(reason, self.column, self.text, opened=self.opened + offset)
