"""A small grammar for typed formulas, built into SymPy from a whitelist.

    comparison := sum [("<" | "<=" | ">" | ">=") sum]      (only inside where(...))
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/" | juxtaposition) unary)*
    unary      := ("-" | "+") unary | power
    power      := atom [("^" | "**") unary]               (right-associative)
    atom       := number | name | function "(" args ")" | "(" sum ")" | "|" sum "|"

Juxtaposition is multiplication (``2z``, ``z(1 + z)``, ``(1 + z)(1 - z)``); ``e`` is
Euler's number; ``1/2z`` is (1/2) z, read left to right.  Decimals become exact
rationals (0.1 is 1/10), so that a chain never shows rounding.  Names that are not
functions or constants are the variable or constant parameters.

The work is bounded before SymPy sees it: the input's length, nesting depth, the
digits of a number, and the size of any power of numbers (``9^9^9^9`` is refused at
once instead of computed).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

from .errors import ParseError
from .tokens import Token, tokenize

MAX_DEPTH = 40  # brackets and function calls inside one another
MAX_EXPONENT = 100  # |n| for a numeric exponent
MAX_DIGITS_OF_RESULT = 1000  # a power of numbers may not exceed 10^1000
MAX_PARAMETERS = 8

RESERVED = frozenset({"e", "pi"})
GREEK_NAMES = frozenset("alpha beta gamma delta epsilon kappa lambda mu theta tau phi".split())


def _function_table() -> dict[str, tuple[int, int, Callable]]:
    """name -> (fewest arguments, most arguments, builder)."""
    import sympy as sp

    from ..engine.functions import sigmoid

    def where(condition, then, otherwise):
        return sp.Piecewise((then, condition), (otherwise, True))

    one = {
        "exp": sp.exp, "log": sp.log, "ln": sp.log, "sqrt": sp.sqrt, "abs": sp.Abs,
        "sign": sp.sign, "sgn": sp.sign, "tanh": sp.tanh, "sinh": sp.sinh, "cosh": sp.cosh,
        "sech": sp.sech, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "atan": sp.atan,
        "arctan": sp.atan, "asinh": sp.asinh, "arcsinh": sp.asinh, "erf": sp.erf, "erfc": sp.erfc,
        "sigmoid": sigmoid, "sigma": sigmoid, "logistic": sigmoid,
        "heaviside": lambda u: sp.Heaviside(u, 0),
        "softplus": lambda u: sp.log(1 + sp.exp(u)),
    }
    table = {name: (1, 1, f) for name, f in one.items()}
    table["max"] = (2, 8, sp.Max)
    table["min"] = (2, 8, sp.Min)
    table["where"] = (3, 3, where)
    return table


FUNCTION_NAMES = frozenset(
    "exp log ln sqrt abs sign sgn tanh sinh cosh sech sin cos tan atan arctan asinh arcsinh erf "
    "erfc sigmoid sigma logistic heaviside softplus max min where".split()
)


def parse(text: str, *, var: str = "z", params: dict | None = None, source: str | None = None,
          allow_parameters: bool = True, notation: bool = False):
    """The SymPy expression that ``text`` writes, in the real variable ``var``.

    ``params`` maps a parameter's name to its value or its Symbol; any other name
    becomes a real constant Symbol (unless ``allow_parameters`` is False).  ``source``
    is what the user typed when ``text`` was converted from it (LaTeX): errors quote it.

    ``notation`` admits the lecture's notation of a hand derivation (``derive check``):
    ``g(z)`` the activation, ``g'(z)`` its derivative, ``d/dz (...)`` an unevaluated
    derivative.
    """
    return _Parser(text, var=var, params=params or {}, source=source, allow_parameters=allow_parameters,
                   notation=notation).run()


class _Parser:
    def __init__(self, text, *, var, params, source, allow_parameters, notation=False):
        from ..engine.functions import variable

        self.text = text
        self.source = source
        self.tokens = tokenize(text, source=source)
        self.i = 0
        self.depth = 0
        self.abs_open = 0
        self.functions = _function_table()
        self.var = variable(var)
        self.params = dict(params)
        self.allow_parameters = allow_parameters
        self.notation = notation
        self.made: dict[str, object] = {}

    # --- helpers -------------------------------------------------------------

    def error(self, message: str, token: Token | None = None):
        token = token or self.peek()
        column = token.column if self.source is None else None
        where = f" (near {token.text!r} in the text read from LaTeX: {self.text[:60]!r})" if self.source else ""
        return ParseError(message + where, column, self.source or self.text)

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def accept(self, *ops: str) -> Token | None:
        token = self.peek()
        if token.kind == "op" and token.text in ops:
            self.i += 1
            return token
        return None

    def expect(self, op: str, opened: Token):
        if self.accept(op) is None:
            found = self.peek()
            what = "the end" if found.kind == "end" else repr(found.text)
            raise self.error(f"expected {op!r} to close the {opened.text!r} at column {opened.column}, found {what}")

    def enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"brackets and functions are nested more than {MAX_DEPTH} deep")

    # --- grammar -------------------------------------------------------------

    def run(self):
        if self.peek().kind == "end":
            raise ParseError("the expression is empty", None, self.source or self.text)
        expr = self.sum()
        token = self.peek()
        if token.kind != "end":
            raise self.error(f"unexpected {token.text!r}")
        return expr

    def comparison(self):
        from sympy import Ge, Gt, Le, Lt

        left = self.sum()
        token = self.accept("<", "<=", ">", ">=")
        if token is None:
            raise self.error("expected a comparison such as z > 0")
        right = self.sum()
        return {"<": Lt, "<=": Le, ">": Gt, ">=": Ge}[token.text](left, right)

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
        expr = self.unary()
        while True:
            if self.accept("*"):
                expr = expr * self.unary()
            elif self.accept("/"):
                token = self.peek()
                divisor = self.unary()
                if divisor == 0:
                    raise self.error("division by zero", token)
                expr = expr / divisor
            elif self.starts_atom():
                expr = expr * self.unary()
            else:
                return expr

    def starts_atom(self) -> bool:
        token = self.peek()
        if token.kind in ("number", "name"):
            return True
        return token.kind == "op" and (token.text == "(" or (token.text == "|" and not self.abs_open))

    def unary(self):
        if self.accept("-"):
            self.enter()
            value = -self.unary()
            self.depth -= 1
            return value
        if self.accept("+"):
            return self.unary()
        return self.power()

    def power(self):
        base = self.atom()
        token = self.accept("^")
        if token is None:
            return base
        self.enter()
        exponent = self.unary()
        self.depth -= 1
        return self.raise_to(base, exponent, token)

    def raise_to(self, base, exponent, token: Token):
        from sympy import E, Pow, exp

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
        if token.kind == "op" and token.text == "(":
            self.enter()
            inner = self.sum()
            self.expect(")", token)
            self.depth -= 1
            return inner
        if token.kind == "op" and token.text == "|":
            from sympy import Abs

            self.enter()
            self.abs_open += 1
            inner = self.sum()
            self.abs_open -= 1
            self.expect("|", token)
            self.depth -= 1
            return Abs(inner)
        if token.kind == "end":
            raise self.error("the expression ends too early", token)
        raise self.error(f"unexpected {token.text!r}", token)

    def number(self, token: Token):
        from sympy import Rational

        value = Fraction(token.text)  # exact: 0.1 is 1/10
        if abs(value.numerator) > 10**300 or value.denominator > 10**300:
            raise self.error("this number is too large", token)
        return Rational(value.numerator, value.denominator)

    def name(self, token: Token):
        name = token.text
        if self.notation and name == "g" and self.peek().kind == "op" and self.peek().text in ("(", "'"):
            return self.activation(token)
        if name == "d" and self.at_derivative_operator():
            if not self.notation:
                raise self.error("d/dz (...) is read in hand derivations ('derive check'), not here", token)
            return self.derivative(token)
        if name in self.functions:
            return self.call(token)
        if self.peek().kind == "op" and self.peek().text == "(" and self.looks_like_a_call(name):
            import difflib

            close = difflib.get_close_matches(name.lower(), sorted(FUNCTION_NAMES), n=2, cutoff=0.6)
            hint = f" — did you mean {' or '.join(map(repr, close))}?" if close else " (see 'derive --help' for the functions)"
            raise self.error(f"unknown function {name!r}{hint}", token)
        if name == self.var.name:
            return self.var
        if name in self.params:
            return self.params[name]
        if name in RESERVED:
            from sympy import E, pi

            return {"e": E, "pi": pi}[name]
        return self.parameter(token)

    def activation(self, token: Token):
        """g(z), g'(z), g''(z): the activation a derivation is about, and its derivatives."""
        from sympy import Derivative

        from ..engine.functions import g

        primes = 0
        while self.accept("'"):
            primes += 1
        opened = self.accept("(")
        if opened is None:
            raise self.error("expected g(z) or g'(z)")
        argument = self.take()
        if argument.kind != "name" or argument.text != self.var.name:
            raise self.error(f"g is written g({self.var.name}) here", argument)
        self.expect(")", opened)
        gz = g(self.var)
        return Derivative(gz, (self.var, primes)) if primes else gz

    def at_derivative_operator(self) -> bool:
        """d/dz, read as an operator: the tokens 'd', '/', 'dz'."""
        ahead = self.tokens[self.i: self.i + 2]
        return (len(ahead) == 2 and ahead[0].kind == "op" and ahead[0].text == "/"
                and ahead[1].kind == "name" and ahead[1].text == "d" + self.var.name)

    def derivative(self, token: Token):
        """d/dz u: the derivative of the factor that follows, left unevaluated."""
        from sympy import Derivative

        self.i += 2
        if self.peek().kind == "end":
            raise self.error(f"d/d{self.var.name} of what?")
        self.enter()
        operand = self.power()
        self.depth -= 1
        return Derivative(operand, self.var)

    def looks_like_a_call(self, name: str) -> bool:
        """foo(z) is a call of an unknown function; alpha(1 + z) and k(z) are products."""
        return len(name) > 1 and name not in (self.var.name, *self.params) and name not in RESERVED \
            and name not in GREEK_NAMES

    def parameter(self, token: Token):
        from sympy import Symbol

        name = token.text
        if not self.allow_parameters:
            raise self.error(f"unknown name {name!r} (the variable is {self.var.name!r})", token)
        if len(name) > 20:
            raise self.error("a parameter name longer than 20 characters", token)
        if name not in self.made:
            if len(self.made) >= MAX_PARAMETERS:
                raise self.error(f"more than {MAX_PARAMETERS} parameters", token)
            self.made[name] = Symbol(name, real=True)
        return self.made[name]

    def call(self, token: Token):
        least, most, build = self.functions[token.text]
        opened = self.accept("(")
        if opened is None:
            raise self.error(f"{token.text} needs its argument in brackets: {token.text}(...)", self.peek())
        self.enter()
        args = [self.comparison() if token.text == "where" else self.sum()]
        while self.accept(","):
            args.append(self.sum())
        self.expect(")", opened)
        self.depth -= 1
        if not least <= len(args) <= most:
            count = str(least) if least == most else f"{least} to {most}"
            raise self.error(f"{token.text} takes {count} argument{'s' if most > 1 else ''}, got {len(args)}", token)
        return build(*args)
