"""A name read by ``expression.Parser``: a function called, the variable, a parameter, a constant.

A name the whitelist knows is a function (``calls``); ``e`` and ``pi`` are constants; any other
name is the variable or a real constant parameter (at most ``MAX_PARAMETERS``).  In a hand
derivation a name that reads two ways is refused, never guessed: ``H(z)`` (a step function or a
product?), ``E`` (Euler's number or a constant?), ``ze`` (z e?), a word of a sentence.  ``φ(z)``
there is the normal density; ``dy/dx`` typed the derivative of the author's function.
"""

from __future__ import annotations

import difflib

from sympy import Derivative, E, Symbol, pi

from ..engine.functions import g
from .functions import FUNCTION_NAMES, derivative_at, normal_density
from .latex import INDICATOR
from .tokens import Token

MAX_PARAMETERS = 8

RESERVED = frozenset({"e", "pi"})
GREEK_NAMES = frozenset("alpha beta gamma delta epsilon kappa lambda mu theta tau phi eta xi rho nu omega".split())
#: words of a sentence: in a hand derivation never a constant's name (g'(z) = 1 if z > 0)
WORDS = frozenset("if for when otherwise else and or is where with then so elsewhere all real".split())


class Names:
    """Methods of ``expression.Parser`` for names."""

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
