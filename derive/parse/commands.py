"""LaTeX's commands and the radical sign, read by ``expression.Parser``.

``\\frac`` (a quotient, or Leibniz's d/dz, see ``leibniz``), ``\\sqrt`` and ``\\sqrt[n]``, a
command's argument as TeX reads it (a braced group or one token: ``\\frac12``), and typed ``√``
(the square root of the bracket, number or name after it; where it could reach further, not
guessed).
"""

from __future__ import annotations

from sympy import Integer, root, sqrt

from .grammar import CLOSERS, MAX_EXPONENT
from .leibniz import leibniz
from .tokens import Token

#: what may follow an unbracketed radicand (√z): what ends a term and could not continue it
_AFTER_RADICAND = frozenset({")", "]", "}", "\\}", "*", "/", "=", ",", "&", "\\\\", "<", "<=", ">", ">=", "!=", "≠",
                             "endcases"})


class Commands:
    """Methods of ``expression.Parser`` for LaTeX's commands and √."""

    def stray_command(self, token: Token):
        if token.text == "partial":
            raise self.error("\\partial is read in a derivative \\frac{\\partial}{\\partial z} only", token)
        raise self.error(f"\\{token.text} is not read here", token)

    def group(self):
        """A braced group {…} or a single token, as TeX reads a command's argument."""
        token = self.peek()
        if token.kind == "op" and token.text == "{":
            return self.bracketed(self.take())
        if token.kind == "number" and len(token.text) > 1 and token.text.isdigit():
            self.split_number()  # \frac12
        if token.kind == "end" or (token.kind == "op" and token.text not in CLOSERS and token.text != "|"):
            raise self.error("expected a braced group {...}", token)
        return self.atom()

    def group_span(self, start: int) -> tuple[int, int, int]:
        """The tokens [first, last) inside the group starting at ``start``, and the index after it."""
        token = self.tokens[min(start, len(self.tokens) - 1)]
        if token.kind == "end":
            raise self.error("expected a braced group {...}", token)
        if not (token.kind == "op" and token.text == "{"):
            return start, start + 1, start + 1
        depth = 0
        for k in range(start, len(self.tokens)):
            t = self.tokens[k]
            if t.kind == "op" and t.text == "{":
                depth += 1
            elif t.kind == "op" and t.text == "}":
                depth -= 1
                if depth == 0:
                    return start + 1, k, k + 1
        raise self.error("this '{' is never closed", token)

    def fraction(self, token: Token):
        if self.peek().kind == "number" and len(self.peek().text) > 1 and self.peek().text.isdigit():
            self.split_number()  # \frac12
        top = self.group_span(self.i)
        following = self.tokens[min(top[2], len(self.tokens) - 1)]
        if following.kind == "number" and len(following.text) > 1 and following.text.isdigit():
            saved, self.i = self.i, top[2]
            self.split_number()
            self.i = saved
        bottom = self.group_span(top[2])
        for (first, last, _), part in ((top, "numerator"), (bottom, "denominator")):
            if first == last and self.tokens[first - 1].text == "{":
                raise self.error(f"\\frac with an empty {part}", token)
        if self.quotients:
            quotient = self.substituted_fraction(top, bottom)
            if quotient is not None:
                self.i = bottom[2]
                return quotient
        found = leibniz(self, top, bottom, token)
        if found is not None:
            if not self.notation:
                raise self.error("a derivative d/dz is read in hand derivations ('derive check'), not here", token)
            order, rest = found
            self.i = bottom[2]
            return self.derivative(order, rest, token)
        top_value = self.group()
        bottom_token = self.peek()
        bottom_value = self.group()
        if bottom_value == 0:
            raise self.error("division by zero", bottom_token)
        return top_value / bottom_value

    def root(self, token: Token):
        if self.accept("["):
            index_token = self.peek()
            index = self.sum()
            self.expect("]", index_token)
            if not (index.is_Integer and 2 <= index <= MAX_EXPONENT):
                raise self.error("the index of a root must be a whole number from 2 to 100", index_token)
            return root(self.group(), Integer(index))
        return sqrt(self.group())

    def radical(self, token: Token):
        """√(1 + z²), √z, √2: the square root of the bracket, or of the one number or name, that
        follows.  Plain text has no bar over the radicand, so where it could reach further
        (√1+z, √2z, √z², √(1+z)²) the line is not guessed: brackets say which is meant."""
        self.enter()
        value = self.radicand()
        self.leave()
        return value

    def radicand(self):
        """The square root of what follows √ (see ``radical``)."""
        opened = self.peek()
        if opened.kind == "op" and opened.text in self.closers:
            radicand = self.bracketed(self.take())
            if self.at("^"):
                raise self.error("√(...)^n reads two ways: write (√(...))^n or √((...)^n)", self.peek())
            return sqrt(radicand)
        if opened.kind not in ("number", "name") and not (opened.kind == "op" and opened.text == "√"):
            raise self.error("√ of what? write √(...)", opened)
        start = self.i
        radicand = self.atom()  # a number, a name, or a function and its argument: √tanh(z)
        following = self.peek()
        if following.kind != "end" and not (following.kind == "op" and following.text in _AFTER_RADICAND):
            shown = "√" + self.written(start, self.i)
            raise self.error(f"{shown} followed by {following.text!r} reads two ways: write √(...) around all "
                             f"that is under the root, or ({shown})", following)
        return sqrt(radicand)

    def written(self, start: int, end: int) -> str:
        """The text of tokens [start, end) as the user wrote it (columns count in ``text``)."""
        return self.text[self.tokens[start].column - 1: self.tokens[end].column - 1].strip()
