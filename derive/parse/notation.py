"""The notation of hand derivations and of cases, read by ``expression.Parser``.

The author's function (``g``, ``f``, ``\\sigma``, ``y``: whatever the definition named) is the
canonical ``g(z)``; ``g'(z)``, ``g^{(3)}(z)``, ``g^2(z)``, ``\\sigma 2z`` and ``y`` written
bare are read here; so are ``d/dz`` and ``\\frac{d}{dz}`` with their operand (the term that
follows: ``\\frac{d}{dz} z\\sigma(z)`` is the derivative of the product, as a textbook
means, and the remark says so; a bracket right after the operator is the operand alone),
and ``\\begin{cases}`` (a piecewise function).  Each reading that could have gone another
way and matters is recorded in ``remarks``.
"""

from __future__ import annotations

from sympy import And, Derivative, Eq, FiniteSet, Ge, Gt, Interval, Le, Lt, Ne, Or, Piecewise, Pow, oo, true
from sympy.core.function import AppliedUndef

from ..engine.functions import g
from .functions import INVERSES, derivative_at
from .latex import UNDEFINED
from .tokens import Token


class Notation:
    """Methods of ``expression.Parser`` for the notation of hand derivations."""

    def _written_bare(self) -> bool:
        """Whether the author writes the function without its argument (y' = y(1 - y))."""
        known = self.function in self.functions
        for k, token in enumerate(self.tokens):
            if token.kind != "name" or token.text != self.function:
                continue
            j = self._after_superscript(k + 1)
            following = self.tokens[j]
            if following.kind == "op" and following.text in self.closers:
                continue
            if known and self._starts_atom(following):
                continue  # \sigma 2z: an argument without brackets
            return True
        return False

    def _after_superscript(self, j: int) -> int:
        """The index after the primes and the ^{...} that follow a function's name at j."""
        tokens = self.tokens
        while tokens[j].kind == "op" and tokens[j].text == "'":
            j += 1
        if tokens[j].kind == "op" and tokens[j].text == "^":
            j += 1
            if tokens[j].kind == "op" and tokens[j].text in ("{", "("):  # ^{-1}, ^(-1) (σ⁻¹ typed)
                pair = {tokens[j].text: 1, "}" if tokens[j].text == "{" else ")": -1}
                depth = 0
                while tokens[j].kind != "end":
                    depth += pair.get(tokens[j].text, 0) if tokens[j].kind == "op" else 0
                    j += 1
                    if depth == 0:
                        break
            else:
                j += 2 if tokens[j].kind == "op" and tokens[j].text == "-" else 1
            j = min(j, len(tokens) - 1)
            while tokens[j].kind == "op" and tokens[j].text == "'":
                j += 1
        return min(j, len(tokens) - 1)

    def cases(self, token: Token):
        """\\begin{cases} value & condition \\\\ ... \\end{cases}: a piecewise function."""
        self.enter()
        pieces = []
        while True:
            undefined = self.peek() if self.peek().kind == "name" and self.peek().text == UNDEFINED else None
            value = self.take() if undefined else self.sum()
            self.accept(",")
            if self.accept("&") is None:
                raise self.error("expected '&' and a condition in cases")
            if undefined is None:
                pieces.append((value, self.condition()))
            else:
                self.undefined_at(self.condition(point=True), undefined)
            self.accept(",", ".", ";")
            if self.accept("\\\\") and not self.at("endcases"):
                continue
            if self.accept("endcases"):
                break
            raise self.error("expected \\\\ or \\end{cases}")
        self.leave()
        if not pieces:
            raise self.error("the cases give no value", token)
        shared = overlapping([c for _, c in pieces if c is not true])
        if shared is not None:
            raise self.error(f"the cases overlap where {shared}: give each value of the variable one case", token)
        if pieces[-1][1] is not true and leaves_an_interval([c for _, c in pieces]) is True:
            # one piece alone (1 for z > 0): checked only where it is defined, it would pass for all of g'
            raise self.error("the cases leave an interval out: add the missing case or 'otherwise'", token)
        return Piecewise(*pieces)

    def indicator(self, token: Token):
        """\\mathbb{1}\\{z > 0\\}, \\mathbb{1}_{z > 0}, \\mathbf{1}[z > 0], \\mathbb{I}(z > 0): 1 where the
        condition holds, 0 elsewhere."""
        self.enter()
        if self.accept("_"):
            opened = self.peek()
            if self.accept("{") is None:
                raise self.error("expected the indicator's condition in braces: \\mathbb{1}_{z > 0}", opened)
            closer = "}"
        else:
            opened = self.peek()
            if not self.at("\\{", "[", "(", "{"):
                raise self.error("expected the indicator's condition: \\mathbb{1}\\{z > 0\\}", opened)
            self.take()
            closer = self.closers[opened.text]
        condition = self.condition()
        if condition is true:
            raise self.error("an indicator needs a condition such as z > 0", opened)
        self.expect(closer, opened)
        self.leave()
        return Piecewise((1, condition), (0, true))

    def undefined_at(self, condition, token: Token) -> None:
        """A piece "undefined" (\\text{undefined} & z = 0): left out where it holds, a single point
        (as a kink is); on more than finitely many points it is no derivative."""
        try:
            points = condition.as_set()
        except (NotImplementedError, TypeError, ValueError, AttributeError):
            points = None
        if not isinstance(points, FiniteSet):
            raise self.error("a piece 'undefined' is read at single points only (z = 0)", token)
        shown = ", ".join(f"{self.var.name} = {p}" for p in sorted(points, key=float))
        self.remarks.append(f"the piece 'undefined' at {shown} is left out (a single point)")

    def condition(self, point: bool = False):
        """z > 0, -3 < z \\le 3, otherwise (and z = 0 where ``point``: a piece "undefined")."""
        if self.peek().kind == "name" and self.peek().text == "otherwise":
            self.take()
            return true
        relations = {"<": Lt, "<=": Le, ">": Gt, ">=": Ge, "!=": Ne, "≠": Ne, **({"=": Eq} if point else {})}
        left = self.sum()
        token = self.accept(*relations)
        if token is None:
            raise self.error("expected a condition such as z > 0")
        middle = self.sum()
        condition = relations[token.text](left, middle)
        second = self.accept(*relations)
        if second is not None:
            condition = And(condition, relations[second.text](middle, self.sum()))
        return condition

    def applied(self, token: Token, opened: Token):
        """g(-z), g(2z + 1): the author's function at another argument (1 - g(z) = g(-z)); the
        line's value takes g's definition there.  g applied to an expression in g is never
        meant (g(1 - g(z)): a product?): unreadable."""
        args = self.arguments(token, self.function)
        if len(args) != 1 or args[0].has(g(self.var).func) or not args[0].has(self.var):
            raise self.error(f"{token.text} is read at an expression in {self.var.name} only: "
                             f"{token.text}({self.var.name}), {token.text}(-{self.var.name})", opened)
        return g(self.var).func(args[0])

    def author(self, token: Token):
        """g(z), g'(z), g^{(3)}(z), g^2(z), \\sigma 2z: the author's function and its derivatives."""
        order, power, inverse = self.superscript(token)
        known = self.functions.get(self.function)
        if inverse:
            if known is None or self.function not in INVERSES:
                raise self.error(f"{token.text}^{{-1}}: the inverse of the function is not read", token)
            return self.call_inverse(token)
        opened = self.peek()
        if opened.kind == "op" and opened.text in self.closers:
            following = self.peek(1)
            if following.kind == "name" and following.text == self.var.name \
                    and self.at(self.closers[opened.text], ahead=2):
                self.i += 3
                value = g(self.var)
            elif known is not None:
                start, remarks = self.i, len(self.remarks)
                args = self.arguments(token, self.function)
                if len(args) != 1:
                    raise self.error(f"{token.text} takes one argument", token)
                if self.bare and args[0].has(g(self.var)):
                    # σ' = σ(1 − σ): σ written bare on the line, and inside the bracket: σ times
                    # (1 − σ), as for g(1 − g); σ applied to an expression in σ is never meant
                    self.i = start
                    del self.remarks[remarks:]
                    value = g(self.var)
                    self.remarks.append(f"{token.text}(...) read as {token.text} times (...), since {token.text} "
                                        f"is written without its argument elsewhere")
                else:
                    value = derivative_at(known[2], args[0], order) if order else known[2](args[0])
                    order = 0
            elif self.bare:
                value = g(self.var)
                self.remarks.append(f"{token.text}(...) read as {token.text} times (...), since {token.text} "
                                    f"is written without its argument elsewhere")
            elif not order:
                value = self.applied(token, opened)
            else:
                raise self.error(f"{token.text} is read at {self.var.name} only: {token.text}({self.var.name})", opened)
        elif known is not None and (self.starts_atom() or self.at("-")) and not self.bare \
                and not (self.peek().kind == "name" and self.peek().text == self.function):
            # (σ σ(−z) is σ times σ(−z): σ applied to σ without brackets is never meant)
            argument = self.loose_argument(token.text)
            if argument == self.var:
                value = g(self.var)
            else:
                value = derivative_at(known[2], argument, order) if order else known[2](argument)
                order = 0
        else:
            value = g(self.var)  # y, g', σ: written without the argument
        if order:
            value = Derivative(value, (self.var, order))
        if power is None:
            return value
        return self.raise_to(value, power, token) if power.is_number else Pow(value, power)

    def call_inverse(self, token: Token):
        name = INVERSES[self.function]
        build = self.functions[name][2]
        return build(*self.arguments(token, name))

    def substituted_quotient(self, token: Token):
        """dσ/du, du/dz typed (d σ / du, du / dz) where the text named u: its value, else None
        (the tokens are left)."""
        name = token.text
        if name == "d" and self.peek().kind == "name":
            top, ahead = self.peek().text, 1
        elif len(name) >= 2 and name[0] == "d":
            top, ahead = name[1:], 0
        else:
            return None
        if not self.at("/", ahead=ahead):
            return None
        width, bottom = self.differential_at(ahead + 1)
        if not width or (top, bottom) not in self.quotients:
            return None
        self.i += ahead + 1 + width
        return self.quotients[(top, bottom)]

    def substituted_fraction(self, top: tuple[int, int, int], bottom: tuple[int, int, int]):
        """\\frac{d\\sigma}{du}, \\frac{du}{dz} where the text named u: its value, else None."""
        upper, lower = self.tokens[top[0]: top[1]], self.tokens[bottom[0]: bottom[1]]
        if len(upper) != 2 or len(lower) != 2 or any(t.kind != "name" for t in (*upper, *lower)) \
                or upper[0].text != "d" or lower[0].text != "d":
            return None
        return self.quotients.get((upper[1].text, lower[1].text))

    def differential_at(self, ahead: int) -> tuple[int, str | None]:
        """The differential dz written at ``ahead``: (how many tokens it takes, its letter), or (0, None).

        Typed, dz is one name; in LaTeX letters are single, so it is 'd' then 'z': read as d
        times z, d/dz would silently be z."""
        first = self.peek(ahead)
        if first.kind != "name":
            return 0, None
        if not self.latex:
            if len(first.text) == 2 and first.text[0] == "d" and first.text[1].isalpha():
                return 1, first.text[1]
            return 0, None
        letter = self.peek(ahead + 1)
        if first.text == "d" and letter.kind == "name" and len(letter.text) == 1 and letter.text.isalpha():
            return 2, letter.text  # dz, d z, {\rm d}z: after d/ it is a differential or nothing
        return 0, None

    def _differential_of_var(self, ahead: int) -> int:
        """How many tokens the dz at ``ahead`` takes (0: none there); a d/dx in another variable
        is unreadable, never d divided by a constant dx."""
        width, letter = self.differential_at(ahead)
        if width and letter != self.var.name:
            raise self.error(f"a derivative with respect to {letter}, but the variable is {self.var.name}",
                             self.peek(ahead))
        return width

    def at_derivative_operator(self) -> bool:
        """d/dz, read as an operator: the tokens 'd', '/', 'dz' (or d^2/dz^2)."""
        if self.at("/"):
            return self._differential_of_var(1) > 0
        return self.at("^") and self.peek(1).kind == "number" and self.at("/", ahead=2) \
            and self._differential_of_var(3) > 0

    def _after_a_term(self, token: Token) -> bool:
        """Whether the operator starting at ``token`` is a term after another one ("... + d/dz u v")."""
        k = next((k for k, t in enumerate(self.tokens) if t is token), 0)
        return k > 0 and self.tokens[k - 1].kind == "op" and self.tokens[k - 1].text in ("+", "-") \
            and k > 1 and not (self.tokens[k - 2].kind == "op" and self.tokens[k - 2].text in ("=", "(", "[", "{"))

    def plain_derivative(self, token: Token):
        order = 1
        if self.accept("^"):
            order_token = self.take()
            if order_token.kind != "number" or not order_token.text.isdigit():
                raise self.error("d^n/dz^n needs a whole number n", order_token)
            order = int(order_token.text)
        self.i += 1 + self.differential_at(1)[0]
        if order > 1:
            if not self.accept("^") or self.take().text != str(order):
                raise self.error(f"d^{order}/d{self.var.name}^{order}: the orders differ", token)
        return self.derivative(order, None, token)

    def derivative(self, order: int, operand_span, token: Token):
        """d^k/dz^k of the operand written inside the fraction (d g(z)/dz), or of the term that follows."""
        if order > 12:
            raise self.error("a derivative of order above 12 is not read", token)
        if operand_span is not None:
            start, end = operand_span
            saved = self.i
            self.i = start
            operand = self.sum()
            if self.i != end:
                raise self.error(f"unexpected {self.peek().text!r} in the derivative's numerator")
            self.i = saved
            if operand.is_Symbol and operand != self.var:
                raise self.error(f"d{operand}/d{self.var.name}: {operand} is not the function or the variable", token)
        else:
            if not (self.starts_atom() or self.at("-", "+")):
                raise self.error(f"d/d{self.var.name} of what?", self.peek())
            self.enter()
            if self.at(*self.closers):  # d/dz (u) v: the bracket is the operand, as a function's argument is
                operand = self.power()
                self.leave()
                if self.starts_atom():
                    self.remarks.append(f"d/d{self.var.name} is read as the derivative of the bracket that "
                                        f"follows it only, times what comes after")
                return Derivative(operand, (self.var, order))
            operand = self.product()
            varying = [f for f in self.factors if f.has(self.var) or f.has(AppliedUndef)]
            self.leave()
            if len(varying) > 1 and (self.at("+", "-") or self._after_a_term(token)):
                # d/dz z·σ(z) + z·d/dz σ(z): the product rule written out means (d/dz z)·σ(z); alone on
                # its line, d/dz z σ(z) is the whole product's derivative.  In a sum, not guessed
                raise self.error(f"d/d{self.var.name} before a product, in a sum, reads two ways: the derivative of "
                                 f"the whole product, or of its first factor times the rest (the product rule): "
                                 f"put the operand in brackets", token)
            if len(varying) > 1:
                self.remarks.append(f"d/d{self.var.name} is read as the derivative of the whole product "
                                    f"that follows it, not of its first factor alone")
        return Derivative(operand, (self.var, order))


def overlapping(conditions) -> str | None:
    """Where two of the conditions hold together on an interval ('z < 0' and 'z > -5'), as
    text ('-5 < z < 0'); None where they do not (or that is not shown).  Read first match
    first, such pieces would hide a wrong value on the overlap: 0 for z < 0, 1 for z > -5
    passed for ReLU' there."""
    try:
        sets = [c.as_set() for c in conditions]
        for i, a in enumerate(sets):
            for b in sets[i + 1:]:
                both = a & b
                if not (both.is_empty or isinstance(both, FiniteSet)):
                    return _interval_text(both, next(iter(Or(*conditions).free_symbols)))
    except (NotImplementedError, TypeError, ValueError, AttributeError, StopIteration):
        return None
    return None


def _interval_text(values, symbol) -> str:
    """-5 < z < 0 for an interval (z > -5 where it has no upper end), else SymPy's words."""
    if not isinstance(values, Interval):
        return str(values.as_relational(symbol)).replace("&", "and").replace("|", "or")
    low = "" if values.start == -oo else f"{values.start} {'<' if values.left_open else '≤'} "
    high = "" if values.end == oo else f" {'<' if values.right_open else '≤'} {values.end}"
    return f"{low}{symbol}{high}"


def leaves_an_interval(conditions) -> bool | None:
    """Whether the conditions miss an interval of real values: True, False (they cover all but
    finitely many points: a kink), or None where that is not shown (a condition on a parameter)."""
    try:
        rest = Interval(-oo, oo) - Or(*conditions).as_set()
    except (NotImplementedError, TypeError, ValueError, AttributeError):
        return None
    return not (rest.is_empty or isinstance(rest, FiniteSet))
