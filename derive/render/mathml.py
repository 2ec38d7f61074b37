"""Presentation MathML, for the web page: browsers draw it natively, offline, no script.

The same decisions as the LaTeX and terminal printers (``layout``): a line prints as it
was written, ``(-1)`` stays a factor, a negative factor keeps its brackets, ``(g(z))^2``,
``g'(z)``, ``d/dz (...)`` with its operand in brackets unless it is one symbol, function
or power.  Every name reaches the page through ``html.escape``.
"""

from __future__ import annotations

from html import escape

from sympy import Derivative, Expr, Indexed, Pow, Rational
from sympy.core.function import AppliedUndef
from sympy.printing.conventions import split_super_sub
from sympy.printing.pretty.pretty_symbology import greek_unicode
from sympy.printing.printer import Printer

from ..engine import forms
from . import layout
from .linear import linear

MINUS = "\u2212"
#: between factors: invisible, except where digits would run together (2 · 3)
INVISIBLE_TIMES = "<mo>&#x2062;</mo>"
APPLY = "<mo>&#x2061;</mo>"
THIN_SPACE = '<mspace width="0.1667em"></mspace>'


def _is_fraction(markup: str) -> bool:
    return markup.startswith(("<mfrac", "<mrow><mfrac"))

#: functions printed under another name
NAMES = {"log": "ln", "sigmoid": "σ", "Heaviside": "H", "Max": "max", "Min": "min"}


def mi(name: str) -> str:
    return f"<mi>{escape(name)}</mi>"


def mn(number: str) -> str:
    return f"<mn>{escape(number)}</mn>"


def mo(op: str, **attributes: str) -> str:
    extra = "".join(f' {k}="{escape(v)}"' for k, v in attributes.items())
    return f"<mo{extra}>{escape(op)}</mo>"


def mrow(*parts: str) -> str:
    return "<mrow>" + "".join(parts) + "</mrow>"


#: what makes brackets grow: anything taller than a line of text with exponents
TALL = ("<mfrac", "<msqrt", "<mtable", "<munder")


def fenced(body: str, left: str = "(", right: str = ")") -> str:
    """Brackets around ``body``: stretched only around something tall (a browser's stretched
    bracket is a glyph assembly with wide side bearings: ``( z )`` instead of ``(z)``)."""
    if any(tag in body for tag in TALL):
        return mrow(mo(left), body, mo(right))
    return mrow(mo(left, stretchy="false"), body, mo(right, stretchy="false"))


def text(words: str) -> str:
    return f"<mtext>{escape(words)}</mtext>"


class MathMLPrinter(Printer):
    """Each ``_print_X`` returns one MathML element (usually an ``mrow``)."""

    printmethod = "_derive_mathml"

    def emptyPrinter(self, expr) -> str:  # anything not handled: its one-line form, as text
        return text(linear(expr))

    def _print_UnevaluatedExpr(self, expr) -> str:
        return self._print(expr.args[0])

    def _print_Symbol(self, expr) -> str:
        name, supers, subs = split_super_sub(expr.name)
        body = mi(greek_unicode.get(name, name))
        if subs:
            body = f"<msub>{body}{mrow(*(self._index(s) for s in subs))}</msub>"
        if supers:
            body = f"<msup>{body}{mrow(*(self._index(s) for s in supers))}</msup>"
        return body

    @staticmethod
    def _index(part: str) -> str:
        return mn(part) if part.isdigit() else mi(greek_unicode.get(part, part))

    _print_Dummy = _print_Symbol

    def _print_Integer(self, expr) -> str:
        return mrow(mo(MINUS), mn(str(-expr))) if expr < 0 else mn(str(expr))

    def _print_Rational(self, expr) -> str:
        negative = expr < 0
        magnitude = -expr if negative else expr
        digits = layout.decimal(magnitude)
        body = mn(digits) if digits else f"<mfrac>{mn(str(magnitude.p))}{mn(str(magnitude.q))}</mfrac>"
        return mrow(mo(MINUS), body) if negative else body

    def _print_Float(self, expr) -> str:
        value = str(expr)
        return mrow(mo(MINUS), mn(value[1:])) if value.startswith("-") else mn(value)

    def _print_Pi(self, expr) -> str:
        return mi("π")

    def _print_Exp1(self, expr) -> str:
        return mi("e")

    def _print_Infinity(self, expr) -> str:
        return mi("∞")

    def _print_NegativeInfinity(self, expr) -> str:
        return mrow(mo(MINUS), mi("∞"))

    def _print_ImaginaryUnit(self, expr) -> str:
        return mi("i")

    def _print_BooleanTrue(self, expr) -> str:
        return text("always")

    def _print_Add(self, expr, order=None) -> str:
        parts = []
        for i, term in enumerate(forms.terms(expr)):
            negative, magnitude = layout.signed(term)
            body = self._print(magnitude)
            if layout.unwrap(magnitude).is_Add:
                body = fenced(body)
            if negative:
                parts += [mo(MINUS), body]
            else:
                parts += [mo("+"), body] if i else [body]
        return mrow(*parts)

    def _print_Mul(self, expr) -> str:
        p = layout.product(expr)
        body = self._product(p.numerator) if p.numerator else mn("1")
        if p.negated_sum:
            body = fenced(body)
        if p.denominator:
            if p.numerator_is_grouped:
                body = fenced(body)
            body = f"<mfrac>{body}{self._product(p.denominator)}</mfrac>"
        return mrow(mo(MINUS), body) if p.negative else body

    def _product(self, factors) -> str:
        parts = []
        previous_is_number, previous = False, ""
        for i, factor in enumerate(factors):
            body = self._print(factor)
            if len(factors) > 1 and layout.factor_needs_brackets(factor, first=i == 0):
                body = fenced(body)
            elif i and previous_is_number and layout.unwrap(factor).is_Number:
                parts.append(mo("⋅"))
            elif i:
                parts.append(INVISIBLE_TIMES)
            if i and (_is_fraction(body) or _is_fraction(previous)):
                parts.append(THIN_SPACE)  # as TeX sets a fraction apart from its neighbours
            parts.append(body)
            previous_is_number, previous = layout.unwrap(factor).is_Number, body
        return mrow(*parts)

    def _print_Pow(self, expr: Pow) -> str:
        base, exponent = expr.args
        if exponent.is_number and exponent.is_negative:
            positive = base if exponent == -1 else Pow(base, -exponent, evaluate=False)
            return f"<mfrac>{mn('1')}{self._print(positive)}</mfrac>"
        if exponent == Rational(1, 2):
            return f"<msqrt>{self._print(base)}</msqrt>"
        body = self._print(base)
        if layout.base_needs_brackets(base):
            body = fenced(body)
        return f"<msup>{body}{self._print(exponent)}</msup>"

    def _print_exp(self, expr) -> str:
        return f"<msup>{mi('e')}{self._print(expr.args[0])}</msup>"

    def _print_Derivative(self, expr: Derivative) -> str:
        var = expr.variables[0]
        order = sum(n for _, n in expr.variable_count)
        if isinstance(expr.expr, AppliedUndef):
            return self._primed(expr.expr.func.__name__, order) + fenced(self._print(var))
        if isinstance(var, Indexed):  # softmax: partial derivatives
            if isinstance(expr.expr, Indexed):
                return f"<mfrac>{mrow(mo('∂'), self._print(expr.expr))}{mrow(mo('∂'), self._print(var))}</mfrac>"
            head = f"<mfrac>{mo('∂')}{mrow(mo('∂'), self._print(var))}</mfrac>"
            return mrow(head, fenced(self._print(expr.expr)))
        top = mi("d") if order == 1 else f"<msup>{mi('d')}{mn(str(order))}</msup>"
        bottom = mrow(mi("d"), self._print(var) if order == 1 else f"<msup>{self._print(var)}{mn(str(order))}</msup>")
        operand = layout.unwrap(expr.expr)
        body = self._print(operand)
        if not layout.derivative_operand_alone(operand):
            body = fenced(body)
        return mrow(f"<mfrac>{top}{bottom}</mfrac>", body)

    @staticmethod
    def _primed(name: str, order: int) -> str:
        # g' written as a name (facts print g'(0)): primes, never a typewriter apostrophe
        base, primes = name.rstrip("'"), len(name) - len(name.rstrip("'"))
        order += primes
        if order == 0:
            return mi(base)
        if order <= 3:  # a prime after the letter: a superscript ′ rides too high in browsers
            return mrow(mi(base), mo("′″‴"[order - 1], lspace="0", rspace="0"))
        return f"<msup>{mi(base)}{fenced(mn(str(order)))}</msup>"

    def _print_Function(self, expr) -> str:
        name = expr.func.__name__
        if isinstance(expr, AppliedUndef):
            head = self._primed(name, 0)
        else:
            head = mi(NAMES.get(name, name))
        args = []
        for i, arg in enumerate(expr.args):
            if i:
                args.append(mo(","))
            args.append(self._print(arg))
        return mrow(head, APPLY, fenced(mrow(*args)))

    _print_Max = _print_Min = _print_Function

    def _print_Abs(self, expr) -> str:
        return fenced(self._print(expr.args[0]), "|", "|")

    def _print_Indexed(self, expr) -> str:
        return f"<msub>{self._print(expr.base.label)}{mrow(*(self._print(i) for i in expr.indices))}</msub>"

    def _print_KroneckerDelta(self, expr) -> str:
        return f"<msub>{mi('δ')}{mrow(*(self._print(i) for i in expr.args))}</msub>"

    def _print_Sum(self, expr) -> str:
        (index, _, _), = expr.limits
        return mrow(f"<munder>{mo('∑')}{self._print(index)}</munder>", self._print(expr.function))

    def _print_Relational(self, expr) -> str:
        op = {"==": "=", "<=": "≤", ">=": "≥", "!=": "≠"}.get(expr.rel_op, expr.rel_op)
        return mrow(self._print(expr.lhs), mo(op), self._print(expr.rhs))

    def _print_And(self, expr) -> str:
        parts = expr.args
        if len(parts) == 2 and all(getattr(p, "rel_op", None) in ("<", "<=", ">", ">=") for p in parts):
            low, high = sorted(parts, key=lambda p: p.rel_op in ("<", "<=") and p.lhs.is_Symbol)
            low = low.reversed if low.lhs.is_Symbol else low
            op = {"<": "<", "<=": "≤"}.get(low.rel_op, low.rel_op)
            return mrow(self._print(low.lhs), mo(op), self._print(high))
        joined = []
        for i, p in enumerate(parts):
            if i:
                joined.append(text(" and "))
            joined.append(self._print(p))
        return mrow(*joined)

    def _print_Piecewise(self, expr) -> str:
        rows = []
        for value, condition in expr.args:
            otherwise = condition == True  # noqa: E712 -- SymPy's true, not Python's
            when = text("otherwise") if otherwise else mrow(text("if\u00a0"), self._print(condition))
            rows.append(f"<mtr><mtd>{self._print(value)}</mtd><mtd>{when}</mtd></mtr>")
        table = '<mtable columnalign="left left" columnspacing="1em">' + "".join(rows) + "</mtable>"
        return mrow(mo("{"), table)


_printer = MathMLPrinter()


def rows(expr: Expr, *, width: int) -> list[str]:
    """A long sum broken at its + and - signs into rows of about ``width`` characters (in
    its one-line form), each row after the first starting with its sign, as a typesetter
    breaks a long line; anything else, or a sum that fits, is one row."""
    terms = forms.terms(layout.unwrap(expr)) if layout.unwrap(expr).is_Add else []
    if len(terms) < 2 or len(linear(expr)) <= width:
        return [_printer.doprint(expr)]
    out, row, used = [], [], 0
    for i, term in enumerate(terms):
        negative, magnitude = layout.signed(term)
        body = _printer._print(magnitude)
        if layout.unwrap(magnitude).is_Add:
            body = fenced(body)
        size = len(linear(magnitude)) + 3
        if row and used + size > width:
            out.append(mrow(*row))
            row, used = [], 0
        if negative:
            row += [mo(MINUS), body]
        else:
            row += [mo("+"), body] if i else [body]
        used += size
    out.append(mrow(*row))
    return out


def mathml(expr: Expr, *, display: bool = False) -> str:
    """One expression as a ``<math>`` element (``display``: fractions at full size)."""
    attributes = ' display="block"' if display else ""
    return f"<math{attributes}>{_printer.doprint(expr)}</math>"


def content(expr: Expr) -> str:
    """The MathML inside a ``<math>`` element, to combine several expressions in one."""
    return _printer.doprint(expr)
