"""A function applied, read by ``expression.Parser``: its superscript and its arguments.

After a function's name: primes and ``^{(3)}`` (a derivative's order, in hand derivations),
``^{-1}`` (the inverse), ``^2`` (a power); then its arguments in brackets, or in LaTeX and hand
derivations without (``\\tanh 2z``: the factors up to a ``+``, ``-``, ``\\cdot`` or the next
function).  A helper the text defines (``s(z) = ...``) is called as the functions the grammar knows.
"""

from __future__ import annotations

from sympy import Pow

from .functions import INVERSES, derivative_at
from .grammar import CLOSERS
from .tokens import Token


class Calls:
    """Methods of ``expression.Parser`` for a function applied."""

    def primes(self) -> int:
        count = 0
        while self.accept("'"):
            count += 1
        return count

    def superscript(self, name: Token):
        """After a function's name: ^{-1} (inverse), ^{(3)} (a derivative), ^2 (a power), or nothing.

        Returns (order of derivative, power or None, inverse?)."""
        order = self.primes() if self.notation else 0
        if not self.at("^"):
            return order, None, False
        caret = self.take()
        spec = self.order_in_brackets()
        if spec is not None:
            if not self.notation:
                raise self.error(f"{name.text}^{{({spec})}}: a derivative is read in hand derivations only", caret)
            return order + spec, None, False
        self.enter()
        power = self.exponent()
        self.leave()
        if power == -1:
            return order, None, True
        return order + (self.primes() if self.notation else 0), power, False

    def order_in_brackets(self) -> int | None:
        """g^{(3)} or, in a hand derivation, g^(3) (typed or LaTeX: Lagrange's notation, as a left
        side writes the third derivative; a power is written g^3 or g(z)^3): the order of a
        derivative, or None (the tokens are left)."""
        texts = [t.text for t in self.tokens[self.i: self.i + 5]]
        if texts[:2] == ["{", "("] and len(texts) == 5 and texts[3:] == [")", "}"] and texts[2].isdigit():
            self.i += 5
            return int(texts[2])
        if self.notation and texts[:1] == ["("] and len(texts) >= 3 and texts[2] == ")" and texts[1].isdigit():
            self.i += 3
            return int(texts[1])
        return None

    def helper_builder(self, value):
        """s(u) for a helper s the text defines: its expression with the variable replaced by u."""
        return lambda argument: value.xreplace({self.var: argument})

    def call(self, token: Token):
        name = token.text
        if name in self.helpers:
            self.remarks.append(f"{name} as defined in the text")
        least, most, build = self.functions[name]
        order, power, inverse = self.superscript(token)
        if inverse:
            if name not in INVERSES:
                raise self.error(f"{name}^{{-1}}: the inverse of {name} is not read", token)
            name = INVERSES[name]
            least, most, build = self.functions[name]
        args = self.arguments(token, name)
        if not least <= len(args) <= most:
            count = str(least) if least == most else f"{least} to {most}"
            raise self.error(f"{name} takes {count} argument{'s' if most > 1 else ''}, got {len(args)}", token)
        if order:
            if most > 1:
                raise self.error(f"{name}' is not read", token)
            value = derivative_at(build, args[0], order)
        else:
            value = build(*args)
        return value if power is None else self.raise_to(value, power, token) if power.is_number else Pow(value, power)

    def arguments(self, token: Token, name: str) -> list:
        opened = self.peek()
        if opened.kind == "op" and opened.text in self.closers:
            self.take()
            self.enter()
            exponents, self.exponents = self.exponents, 0
            args = [self.comparison() if name == "where" else self.sum()]
            while self.accept(","):
                args.append(self.sum())
            self.exponents = exponents
            self.expect(CLOSERS[opened.text], opened)
            self.leave()
            return args
        if self.loose and self.starts_atom() or self.loose and self.at("-"):
            return [self.loose_argument(token.text)]
        if self.loose:
            raise self.error(f"{token.text} without its argument", token)
        raise self.error(f"{token.text} needs its argument in brackets: {token.text}(...)", self.peek())

    def loose_argument(self, name: str = "f"):
        """\\tanh 2z, \\ln g(z), \\sigma 2z: the factors up to a +, -, \\cdot or the next function."""
        self.enter()
        negative = self.accept("-") is not None
        value = self.power()
        while self.starts_atom() and not self.is_function(self.peek()) and not self.at("|"):
            if self.at(*self.closers) and value.has(self.var):
                break  # \sigma 2z (1 - \sigma 2z): a bracket after the variable is the next factor
            value = value * self.power()
        if self.at("/"):
            # tanh z/2: tanh(z/2) (as sin x/2 is often meant) or tanh(z)/2?  Not guessed
            v = self.var.name
            raise self.error(f"{name} {v}/... reads two ways, the argument without brackets: write {name}({v}/...) "
                             f"or {name}({v})/...", self.peek())
        self.leave()
        return -value if negative else value
