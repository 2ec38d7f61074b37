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

import difflib
import re
from fractions import Fraction
from functools import lru_cache

from sympy import Abs, Derivative, E, Ge, Gt, Integer, Le, Lt, Ne, Piecewise, Pow, Rational, Symbol, exp, pi, root, sqrt, true

from ..engine.functions import g, variable
from .errors import ParseError
from .functions import FUNCTION_NAMES, INVERSES, derivative_at, function_table, normal_density
from .latex import INDICATOR, tokenize_latex
from .leibniz import leibniz
from .notation import Notation, leaves_an_interval, overlapping
from .tokens import MAX_LENGTH, SUPERSCRIPTS, Token, tokenize

MAX_DEPTH = 40  # brackets and function calls inside one another
MAX_EXPONENT = 100  # |n| for a numeric exponent
MAX_DIGITS_OF_RESULT = 1000  # a power of numbers may not exceed 10^1000
MAX_PARAMETERS = 8

RESERVED = frozenset({"e", "pi"})
GREEK_NAMES = frozenset("alpha beta gamma delta epsilon kappa lambda mu theta tau phi eta xi rho nu omega".split())
CLOSERS = {"(": ")", "[": "]", "{": "}", "\\{": "\\}"}
#: words of a sentence: in a hand derivation never a constant's name (g'(z) = 1 if z > 0)
WORDS = frozenset("if for when otherwise else and or is where with then so elsewhere all real".split())
#: in a hand derivation, words that end a piece's formula: '1 if z > 0, 0 otherwise'
CONDITION_WORDS = frozenset({"if", "for", "when"})
OTHERWISE_WORDS = frozenset({"otherwise", "else", "elsewhere"})

#: what may follow an unbracketed radicand (√z): what ends a term and could not continue it
_AFTER_RADICAND = frozenset({")", "]", "}", "\\}", "*", "/", "=", ",", "&", "\\\\", "<", "<=", ">", ">=", "!=", "≠",
                             "endcases"})

__all__ = ["FUNCTION_NAMES", "RESERVED", "Parser", "parse"]

_functions = lru_cache(maxsize=1)(function_table)


def parse(text: str, *, var: str = "z", params: dict | None = None, source: str | None = None,
          allow_parameters: bool = True, notation: bool = False, latex: bool = False,
          function: str | None = None, max_length: int = MAX_LENGTH):
    """The SymPy expression that ``text`` writes, in the real variable ``var``.

    ``params`` maps a parameter's name to its value or its Symbol; any other name
    becomes a real constant Symbol (unless ``allow_parameters`` is False).  ``source``
    is what the user typed when ``text`` was converted from it: errors quote it.

    ``latex`` reads LaTeX.  ``notation`` admits the notation of a hand derivation
    (``derive check``): ``function`` (default ``g``) is the activation, written g(z) in
    the result; its derivatives; ``d/dz (...)`` an unevaluated derivative.
    """
    return Parser(text, var=var, params=params, source=source, allow_parameters=allow_parameters,
                  notation=notation, latex=latex, function=function, max_length=max_length).run()


class Parser(Notation):
    def __init__(self, text, *, var="z", params=None, source=None, allow_parameters=True, notation=False,
                 latex=False, function=None, max_length=MAX_LENGTH, quotients=None, helpers=None):

        self.text = text
        self.source = source
        if latex:
            self.tokens = tokenize_latex(text, max_length=max_length)
        else:
            self.tokens = tokenize(text, source=source, max_length=max_length)
        self.i = 0
        self.depth = 0
        self.abs_open = 0
        self.exponents = 0  # typed exponents being read (a superscript inside one reads two ways)
        self.functions = _functions()
        self.var = variable(var)
        self.params = dict(params or {})
        self.allow_parameters = allow_parameters
        self.notation = notation
        self.latex = latex
        self.loose = latex or notation  # \tanh 2z, tanh x: an argument without brackets
        #: the brackets: a typed formula has only ( ); notes also [ ] and, in LaTeX, { } and \{ \}
        self.closers = CLOSERS if self.loose else {"(": ")"}
        self.function = (function or "g") if notation else None
        self.made: dict[str, object] = {}
        self.remarks: list[str] = []
        self.factors: list = []  # the factors of the last product read (for d/dz's remark)
        self.bare = self.function is not None and self._written_bare()
        #: (numerator, denominator) -> value of a Leibniz quotient in a letter the text names
        #: (("sigma", "u"): dσ/du, ("u", "z"): du/dz after u = 1 + e^{-z}), from ``derive.check.document``
        self.quotients = dict(quotients or {}) if notation else {}
        #: name -> its expression in the variable, for each helper function the text defines on a row
        #: of its own (s(z) = 1/(1 + e^{-z}) before g(z) = z s(z)), from ``derive.check.document``:
        #: s(2z) is that expression at 2z, s'(z) its derivative
        self.helpers = dict(helpers or {}) if notation else {}
        if self.helpers:
            self.functions = {**self.functions, **{name: (1, 1, self.helper_builder(value))
                                                   for name, value in self.helpers.items()}}

    # --- helpers -------------------------------------------------------------

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

    # --- grammar -------------------------------------------------------------

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

    # --- LaTeX commands ------------------------------------------------------

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

    # --- names ---------------------------------------------------------------

    def name(self, token: Token):
        name = token.text
        if self.notation and name == self.function:
            return self.author(token)
        if self.quotients:
            quotient = self.substituted_quotient(token)
            if quotient is not None:
                return quotient
        if name == "d" and self.at_derivative_operator():
            if not self.notation:
                raise self.error("d/dz (...) is read in hand derivations ('derive check'), not here", token)
            return self.plain_derivative(token)
        if self.notation and self.at_leibniz_quotient(name):
            ahead = 1 if name != "d" else 2  # dy/dx, dσ/dx typed; in LaTeX dg is d g
            self.i += ahead + self.differential_at(ahead)[0]
            return Derivative(g(self.var), self.var)
        if name in self.functions:
            return self.call(token)
        if name == INDICATOR:
            return self.indicator(token)
        if self.notation and name == "phi" and self.at_call_with_primes():
            # φ(z) in a hand derivation is the normal density (GELU' = Φ(z) + zφ(z)), as derive
            # writes it; read as φ times z it was a made-up constant.  φ'(z) is its derivative
            # (−zφ(z): GELU'' = 2φ(z) + zφ'(z))
            order = self.primes()
            args = self.arguments(token, name)
            if len(args) != 1:
                raise self.error(f"φ takes 1 argument, got {len(args)}", token)
            return derivative_at(normal_density, args[0], order) if order else normal_density(args[0])
        if self.at(*self.closers) and self.looks_like_a_call(name):
            close = difflib.get_close_matches(name.lower(), sorted(FUNCTION_NAMES), n=2, cutoff=0.6)
            hint = f" — did you mean {' or '.join(map(repr, close))}?" if close else " (see 'derive --help' for the functions)"
            raise self.error(f"unknown function {name!r}{hint}", token)
        if self.at("[") and "[" in self.closers and self.peek().column == token.column + len(name):
            raise self.error(f"{name}[...] (an index) is not read; a product is written {name} [...] or {name}(...)")
        if name == self.var.name:
            return self.var
        if name in self.params:
            return self.params[name]
        if name in RESERVED:
            return {"e": E, "pi": pi}[name]
        if self.notation and self.applied_to_the_variable(token):
            v = self.var.name
            step = f"\\mathbb{{1}}\\{{{v} > 0\\}} or \\operatorname{{heaviside}}({v})" if self.latex \
                else f"heaviside({v})"
            times = f"{token.text} \\cdot {v}" if self.latex else f"{token.text}·{v}"
            raise self.error(f"{token.text}({v}) reads two ways: a function {token.text} that derive does not know "
                             f"(for the step function write {step}) or a product (write {times})", token)
        return self.parameter(token)

    def at_call_with_primes(self) -> bool:
        """Whether a bracket follows, after any primes: φ(z), φ'(z), φ''(z)."""
        ahead = 0
        while self.at("'", ahead=ahead):
            ahead += 1
        return self.at("(", ahead=ahead)

    def applied_to_the_variable(self, token: Token) -> bool:
        """H(z), θ(z): a new letter right before (z) is a function's name as often as a factor;
        read as H times z, the correct ReLU' H(z) was called wrong.  Not guessed."""
        name = token.text
        if not (len(name) == 1 or name in GREEK_NAMES) or not self.at("("):
            return False
        opened = self.peek()
        following = self.peek(1)
        return opened.column <= token.column + len(name) + 1 and following.kind == "name" \
            and following.text == self.var.name and self.at(")", ahead=2)

    def at_leibniz_quotient(self, name: str) -> bool:
        """dy/dx or d σ/dx typed: the derivative of the author's function."""
        if name == "d" and self.peek().kind == "name" and self.peek().text == self.function:
            ahead = 1
        elif name == "d" + self.function:
            ahead = 0
        else:
            return False
        return self.at("/", ahead=ahead) and self._differential_of_var(ahead + 1) > 0

    def looks_like_a_call(self, name: str) -> bool:
        """foo(z) is a call of an unknown function; alpha(1 + z) and k(z) are products."""
        return len(name) > 1 and name not in (self.var.name, *self.params) and name not in RESERVED \
            and name not in GREEK_NAMES

    def parameter(self, token: Token):
        name = token.text
        if not self.allow_parameters:
            raise self.error(f"unknown name {name!r} (the variable is {self.var.name!r})", token)
        if len(name) > 20:
            raise self.error("a parameter name longer than 20 characters", token)
        if self.notation and name.lower() in WORDS:
            raise self.error(f"the word {name!r} is not read inside a formula: write the pieces under headings "
                             f"('for {self.var.name} > 0:') or as where({self.var.name} > 0, ..., ...)", token)
        if self.notation and name == "E":
            # Mathematica's and SymPy's E is Euler's number; read as a constant E, the correct
            # E^-z/(1 + E^-z)^2 would be marked wrong (and read as e, a constant E would be lost)
            raise self.error("E reads two ways: Euler's number (write e or exp(...)) or a constant named E", token)
        glued = self.notation and self.glued(name)
        if glued:
            raise self.error(f"{name!r} would be one name, a new constant: write {glued}", token)
        if name not in self.made:
            if len(self.made) >= MAX_PARAMETERS:
                raise self.error(f"more than {MAX_PARAMETERS} parameters", token)
            self.made[name] = Symbol(name, real=True)
        return self.made[name]

    def glued(self, name: str) -> str | None:
        """How a typed name that is letters written together reads apart (ze: z e, kz: k z, sqrt2: sqrt(2)), or None.

        In a hand derivation a new constant named ze is never what was meant: read as one, a
        correct line z e^z would be marked wrong."""
        var = self.var.name
        if len(name) <= len(var) or name in GREEK_NAMES or name in ("zeta", "chi", "psi", "upsilon"):
            return None
        if name.startswith(var):
            return f"{var} {name[len(var):]}"
        if name.endswith(var) and name[:-len(var)].isalpha():
            return f"{name[:-len(var)]} {var}"
        for known in sorted(FUNCTION_NAMES, key=len, reverse=True):
            rest = name[len(known):]
            if name.startswith(known) and (rest.isdigit() or rest == var):
                return f"{known}({rest})"
        return None

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
