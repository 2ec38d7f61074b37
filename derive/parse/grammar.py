"""A small grammar for typed formulas and the LaTeX of notes, built into SymPy from a whitelist.

    comparison := sum [("<" | "<=" | ">" | ">=" | "!=") sum]      (only inside where(...))
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/" | juxtaposition) unary)*
    unary      := ("-" | "+") unary | power
    power      := atom [("^" | "**") exponent]             (right-associative)
    atom       := number | name | function argument | bracket sum bracket | "|" sum "|"
                | \\frac group group | \\sqrt [index] group      (LaTeX)

Juxtaposition is multiplication (``2z``, ``z(1 + z)``, ``(1 + z)(1 - z)``); ``e`` is
Euler's number; ``1/2z`` is (1/2) z, read left to right.  Decimals become exact
rationals (0.1 is 1/10), so that a chain never shows rounding.  Names that are not
functions or constants are the variable or constant parameters.  A typed formula
gives a function its argument in brackets; LaTeX and hand derivations may write it
without (``\\tanh 2z`` is tanh(2z): the argument runs to the next ``+``, ``-``, ``\\cdot``
or function).  ``\\tanh^{-1}`` is the inverse, ``\\tanh^2(z)`` the square.

In a hand derivation (``notation``) the author's function (``g``, ``f``, ``\\sigma``,
``y``, whatever the definition named) is the canonical ``g(z)``; ``g'(z)``, ``g^{(3)}(z)``,
``\\frac{dg}{dz}`` its derivatives; ``\\frac{d}{dz} u`` and ``d/dz u`` the unevaluated
derivative of the term that follows (all of it: ``\\frac{d}{dz} z\\sigma(z)`` is the
derivative of the product, as a textbook means, and the remark says so).

The work is bounded before SymPy sees it: the input's length, nesting depth, the
digits of a number, and the size of any power of numbers (``9^9^9^9`` is refused at
once instead of computed).
"""

from __future__ import annotations

from fractions import Fraction

from sympy import Abs, Derivative, E, Ge, Gt, Le, Lt, Ne, Pow, Rational, exp

from .errors import ParseError
from .tokens import SUPERSCRIPTS, Token

MAX_DEPTH = 40  # brackets and function calls inside one another
MAX_EXPONENT = 100  # |n| for a numeric exponent
MAX_DIGITS_OF_RESULT = 1000  # a power of numbers may not exceed 10^1000

CLOSERS = {"(": ")", "[": "]", "{": "}", "\\{": "\\}"}
#: in a hand derivation, words that end a piece's formula: '1 if z > 0, 0 otherwise'
CONDITION_WORDS = frozenset({"if", "for", "when"})
OTHERWISE_WORDS = frozenset({"otherwise", "else", "elsewhere"})


class Grammar:
    """The grammar's core, methods of ``expression.Parser`` (whose ``__init__`` sets the state they
    read: ``tokens``, ``i``, ``depth``, ``var``, ``closers``, ...): tokens taken and expected, sums,
    products, powers, atoms, numbers, and the bounds on the work."""

    def error(self, message: str, token: Token | None = None, *, opened: Token | None = None):
        token = token or self.peek()
        column = token.column if self.source is None else None
        return ParseError(message, column, self.source or self.text,
                          opened=opened.column if opened is not None and column is not None else None)

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def take(self) -> Token:
        token = self.tokens[self.i]
        if token.kind != "end":
            self.i += 1
        return token

    def at(self, *ops: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token.kind == "op" and token.text in ops

    def accept(self, *ops: str) -> Token | None:
        if self.at(*ops):
            return self.take()
        return None

    def expect(self, op: str, opened: Token):
        if self.accept(op) is None:
            found = self.peek()
            what = "the end" if found.kind == "end" else repr(found.text)
            raise self.error(f"expected {op!r} to close the {opened.text!r} at column {opened.column}, found {what}",
                             opened=opened)

    def enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"brackets and functions are nested more than {MAX_DEPTH} deep")

    def leave(self):
        self.depth -= 1

    def is_function(self, token: Token) -> bool:
        return token.kind == "name" and (token.text in self.functions or token.text == self.function)

    def run(self):
        if self.peek().kind == "end":
            raise ParseError("the expression is empty", None, self.source or self.text)
        if self.notation:
            self.refuse_equation_number()
        expr = self.sum()
        if self.notation and self.at_word(CONDITION_WORDS):
            expr = self.pieces(expr)
        token = self.peek()
        if token.kind != "end":
            if token.text == "\\\\":
                raise self.error("one expression is expected, not several lines ('\\\\')", token)
            if token.text in CLOSERS.values():
                raise self.error(f"unexpected {token.text!r}: no bracket is open", token)
            raise self.error(f"unexpected {token.text!r}", token)
        return expr

    def comparison(self):
        left = self.sum()
        token = self.accept("<", "<=", ">", ">=", "!=", "≠")
        if token is None:
            raise self.error("expected a comparison such as z > 0")
        right = self.sum()
        return {"<": Lt, "<=": Le, ">": Gt, ">=": Ge, "!=": Ne, "≠": Ne}[token.text](left, right)

    def sum(self):
        expr = self.product()
        while True:
            if self.accept("+"):
                expr = expr + self.product()
            elif self.accept("-"):
                expr = expr - self.product()
            else:
                return expr

    def product(self):
        factors = [self.unary()]
        expr = factors[0]
        while True:
            if self.accept("*"):
                factor = self.unary()
                expr = expr * factor
            elif self.accept("/"):
                token = self.peek()
                following = self.peek(1)
                if self.notation and token.kind == "number" and following.kind in ("name", "command") \
                        and following.column == token.column + len(token.text):
                    # 1/2z: 1/(2z) or z/2?  (a typed formula takes z/2, as the README says; a hand
                    # derivation is marked by what it means, so it is not guessed)
                    n, w = token.text, "\\" + following.text if following.kind == "command" else following.text
                    raise self.error(f"/{n}{w} reads two ways: write /({n}{w} ...) or /{n} * {w}", token)
                factor = self.unary()
                if factor == 0:
                    raise self.error("division by zero", token)
                expr = expr / factor
            elif self.starts_atom():
                factor = self.unary()
                expr = expr * factor
            else:
                self.factors = factors
                return expr
            factors.append(factor)

    def starts_atom(self) -> bool:
        return self._starts_atom(self.peek())

    def _starts_atom(self, token: Token) -> bool:
        if token.kind == "name" and self.notation and token.text.lower() in CONDITION_WORDS | OTHERWISE_WORDS:
            return False  # '1 if z > 0': the word ends the piece's formula (``pieces``)
        if token.kind in ("number", "name", "command"):
            return True
        return token.kind == "op" and (token.text in CLOSERS or token.text == "√"
                                       or (token.text == "|" and not self.abs_open))

    def unary(self):
        if self.accept("-"):
            self.enter()
            value = -self.unary()
            self.leave()
            return value
        if self.accept("+"):
            return self.unary()
        return self.power()

    def power(self):
        start = self.peek()
        base = self.atom()
        if self.notation and self.at("'") and start.kind == "op" and start.text in self.closers:
            order = self.primes()  # (u v)': the derivative of a bracket
            base = Derivative(base, (self.var, order))
        if self.at("_"):
            raise self.error("subscripts are not read here (name a parameter alpha, not a_1)")
        token = self.accept("^")
        if token is None:
            return base
        if self.raised(token) and self.at("{") and self.at("(", ahead=1):
            raise self.error("a superscript ⁽n⁾ is a derivative's order: it follows a function's name only", token)
        if self.exponents and self.raised(token):
            # e^(-z)²: (e^(-z))² as it looks, or e^((-z)²) as ^ groups? not guessed
            raise self.error("a superscript after an exponent reads two ways: write (...)^2 or ^((...)^2)", token)
        self.enter()
        exponent = self.exponent()
        self.leave()
        last, following = self.tokens[self.i - 1], self.peek()
        signed = self.tokens[self.i - 2].text in ("-", "+")
        if self.notation and last.kind == "number" and following.kind == "name" and (signed or not self.latex) \
                and following.column == last.column + len(last.text):  # e^-2x: e^(-2x) or e^(-2)·x?
            shown = f"^{'-' if exponent.is_negative else ''}{last.text}{following.text}"
            raise self.error(f"{shown} reads two ways: write ^({'-' if exponent.is_negative else ''}{last.text}"
                             f"{following.text}) or a space before {following.text}", following)
        if self.at("^") and self.raised(self.peek()):
            raise self.error("a superscript after an exponent reads two ways: write (...)^2 or ^((...)^2)",
                             self.peek())
        return self.raise_to(base, exponent, token)

    def raised(self, token: Token) -> bool:
        """Whether ``token`` was written as a Unicode superscript (²), not typed as ^."""
        return 0 < token.column <= len(self.text) and self.text[token.column - 1] in SUPERSCRIPTS

    def exponent(self):
        """What follows ^: in LaTeX a group or one token (x^2, e^x, e^-x); typed, a unary."""
        if not self.latex:
            self.exponents += 1
            value = self.unary()
            self.exponents -= 1
            return value
        token = self.peek()
        if token.kind == "op" and token.text in ("-", "+"):
            self.take()
            value = self.exponent()
            return -value if token.text == "-" else value
        if token.kind == "number" and len(token.text) > 1 and token.text.isdigit():
            self.split_number()
        return self.atom()

    def split_number(self):
        """x^23 in TeX is x^2 3: the first digit alone."""
        token = self.peek()
        self.tokens[self.i: self.i + 1] = [Token("number", token.text[0], token.column),
                                           Token("number", token.text[1:], token.column + 1)]

    def raise_to(self, base, exponent, token: Token):
        if exponent.is_number and base.is_Rational and exponent.is_Rational:
            # a power of numbers is computed by SymPy at once: bound its size first
            size = (len(str(abs(base.p))) + len(str(base.q))) * abs(exponent)
            if size > MAX_DIGITS_OF_RESULT:
                raise self.error("this power of numbers is too large to compute", token)
            if base == 0 and exponent.is_negative:
                raise self.error("division by zero (0 to a negative power)", token)
        elif exponent.is_number and base != E and abs(exponent.evalf(15)) > MAX_EXPONENT:
            raise self.error(f"the exponent {exponent} is too large (at most {MAX_EXPONENT} is allowed)", token)
        if base == E:
            return exp(exponent)
        return Pow(base, exponent)

    def atom(self):
        token = self.take()
        if token.kind == "number":
            return self.number(token)
        if token.kind == "name":
            return self.name(token)
        if token.kind == "command":
            return {"frac": self.fraction, "sqrt": self.root, "cases": self.cases}.get(token.text,
                                                                                    self.stray_command)(token)
        if token.kind == "op" and token.text in self.closers:
            return self.bracketed(token)
        if token.kind == "op" and token.text == "√":
            return self.radical(token)
        if token.kind == "op" and token.text == "|":
            self.enter()
            self.abs_open += 1
            inner = self.sum()
            self.abs_open -= 1
            self.expect("|", token)
            self.leave()
            return Abs(inner)
        if token.kind == "end":
            raise self.error("the expression ends too early", token)
        if token.text == "\\\\":
            raise self.error("one expression is expected, not several lines ('\\\\')", token)
        raise self.error(f"unexpected {token.text!r}", token)

    def bracketed(self, opened: Token):
        self.enter()
        exponents, self.exponents = self.exponents, 0  # e^(-z²): inside a bracket, z² is plain
        inner = self.sum()
        self.exponents = exponents
        self.expect(CLOSERS[opened.text], opened)
        self.leave()
        return inner

    def number(self, token: Token):
        value = Fraction(token.text)  # exact: 0.1 is 1/10
        if abs(value.numerator) > 10**300 or value.denominator > 10**300:
            raise self.error("this number is too large", token)
        return Rational(value.numerator, value.denominator)
