"""What a hand derivation writes in words inside a step, read by ``expression.Parser``.

A function by cases as a sentence ("1 if z > 0, 0 otherwise", "0 for z < 0, 1 for z > 0"): its
pieces may neither overlap nor leave an interval out; and a number in brackets set apart at the
end of a step ("= 1 - g(z)^2 (2)"), an equation number or a factor: refused, not guessed.
"""

from __future__ import annotations

import re

from sympy import Piecewise, true

from .grammar import CONDITION_WORDS, OTHERWISE_WORDS
from .notation import leaves_an_interval, overlapping


class Sentences:
    """Methods of ``expression.Parser`` for the words of a hand derivation's steps."""

    def refuse_equation_number(self) -> None:
        """A number in brackets set apart at the end of a step, "= 1 - g(z)^2 (2)": an equation's
        number or a factor 2?  Not guessed (set two spaces apart, or after \\qquad, it is a
        number and the layout has dropped it; a factor is written *2)."""
        tokens = self.tokens
        if len(tokens) < 5 or tokens[-2].kind != "op" or tokens[-2].text not in (")", "]"):
            return
        opened, number, closed = tokens[-4], tokens[-3], tokens[-2]
        before = tokens[-5]
        if opened.text != {")": "(", "]": "["}[closed.text] or number.kind != "number" or "." in number.text:
            return
        if before.kind == "op" and before.text not in (")", "]", "}", "\\}", "'"):
            return  # "+ (2)", "* (2)", "^(2)": an operand, no juxtaposition
        if self.is_function(before) or before.kind == "command":
            return  # "tanh (2)", "\\frac (2)": an argument
        if not re.search(r"(?:\s|\\[,;: ]|~)$", self.text[: opened.column - 1]):
            return  # "g(z)(2)": written against it, a product
        n = number.text
        raise self.error(f"{opened.text}{n}{closed.text} at the end reads two ways: an equation number, or a factor "
                         f"{n}? Set an equation number apart (two spaces, or \\qquad in LaTeX) or drop it; write a "
                         f"factor as *{n}", opened)

    def at_word(self, words: frozenset) -> bool:
        token = self.peek()
        return token.kind == "name" and token.text.lower() in words

    def pieces(self, first):
        """A function by cases as a sentence: '1 if z > 0, 0 otherwise', '0 for z < 0, 1 for
        z > 0' (if, for, when; otherwise, else, elsewhere; ',' between pieces).
        Without 'otherwise' the function is undefined where no condition holds."""
        out, expr, first_token = [], first, self.peek()
        while True:
            word = self.take()
            if word.text.lower() in OTHERWISE_WORDS:
                out.append((expr, true))
                break
            out.append((expr, self.condition()))  # Notation's, as in \\begin{cases}
            if self.peek().kind == "end":
                break
            separator = self.accept(",")
            if separator is None:
                raise self.error("expected ',' before the next piece", self.peek())
            if self.at_word(OTHERWISE_WORDS):  # '..., otherwise 0'
                self.take()
                out.append((self.sum(), true))
                break
            expr = self.sum()
            if not self.at_word(CONDITION_WORDS | OTHERWISE_WORDS):
                raise self.error("a piece needs its condition ('if z > 0') or 'otherwise'", self.peek())
        shared = overlapping([c for _, c in out if c is not true])
        if shared is not None:
            raise self.error(f"the pieces overlap where {shared}: give each {self.var.name} one piece", first_token)
        if out[-1][1] is not true and leaves_an_interval([c for _, c in out]) is not False:
            # '1 if z > 0' alone says nothing for z < 0: checked where it is defined only, it would
            # pass for a whole derivative
            raise self.error(f"the pieces leave some {self.var.name} out: add '..., 0 otherwise' or the "
                             f"missing piece, or put the piece under a heading ('for {self.var.name} > 0:')", first_token)
        return Piecewise(*out)
