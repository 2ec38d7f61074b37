"""The one-line notation both sides of derive share: ``d/dz (1 + e^(-z)) = -e^(-z)``.

Not a renderer of a derivation but the way one formula is written on one line: the
renderers use it for notes and the one-line chain (``derive.render.linear``), the
checker for the conditions and formulas in its diagnoses (``derive.check.diagnose``),
so it sits below both and imports nothing of derive (the checker never imports a
renderer: tests/test_imports.py).
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from sympy import Derivative, Expr, Indexed
from sympy.core.function import AppliedUndef
from sympy.printing.pretty.pretty_symbology import pretty_symbol
from sympy.printing.str import StrPrinter


#: subscripts for the index letters of softmax (z_i, delta_ij, sum over k)
SUBSCRIPTS = {"i": "ᵢ", "j": "ⱼ", "k": "ₖ", "n": "ₙ"}


def subscript(index: str, *, unicode: bool) -> str:
    if unicode and all(c in SUBSCRIPTS for c in index):
        return "".join(SUBSCRIPTS[c] for c in index)
    return "_" + index


def decimal(r: Expr) -> str | None:
    """A long rational with a power-of-ten denominator, exactly as a decimal: SELU's
    1.0507009873554804934193349852946 reads better than a 62-digit fraction."""
    if not r.is_Rational or r.is_Integer or len(str(r.p)) + len(str(r.q)) <= 10:
        return None
    q = r.q
    while q % 2 == 0:
        q //= 2
    while q % 5 == 0:
        q //= 5
    if q != 1:
        return None
    with localcontext() as context:
        context.prec = len(str(r.p)) + len(str(r.q)) + 5
        return format(Decimal(r.p) / Decimal(r.q), "f")


class LinearPrinter(StrPrinter):
    # SymPy objects' own _sympystr (Indexed prints z[i]) would win over the methods here
    printmethod = "_derive_linear"

    def __init__(self, *, unicode: bool = True, digits: int | None = None):
        super().__init__({"order": "none"})
        self._unicode = unicode
        self._digits = digits

    def _print_Heaviside(self, expr):
        return f"heaviside({self._print(expr.args[0])})"  # as derive reads it back, not Heaviside(z, 0)

    def _print_UnevaluatedExpr(self, expr):
        return self._print(expr.args[0])

    def _print_exp(self, expr):
        arg = expr.args[0]
        body = self._print(arg)
        return f"e^{body}" if arg.is_Atom and not arg.is_negative else f"e^({body})"

    def _print_Pow(self, expr, rational=False):
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_Symbol(self, expr):
        if self._unicode:
            return pretty_symbol(expr.name)  # alpha -> α, as the formulas beside it
        return super()._print_Symbol(expr)

    def _print_Rational(self, expr):
        exact = decimal(expr)
        if exact is None:
            return super()._print_Rational(expr)
        if self._digits is not None and len(exact.lstrip("-0.").replace(".", "")) > self._digits:
            return _cut(exact, self._digits) + ("…" if self._unicode else "...")
        return exact

    def _print_Indexed(self, expr):
        return f"{expr.base}{subscript(''.join(map(str, expr.indices)), unicode=self._unicode)}"

    def _print_KroneckerDelta(self, expr):
        head = "δ" if self._unicode else "delta"
        return f"{head}{subscript(''.join(map(str, expr.args)), unicode=self._unicode)}"

    def _print_Sum(self, expr):
        (index, _, _), = expr.limits
        head = "Σ" if self._unicode else "sum"
        return f"{head}{subscript(str(index), unicode=self._unicode)} {self._print(expr.function)}"

    def _print_Infinity(self, expr):
        return "∞" if self._unicode else "oo"

    def _print_NegativeInfinity(self, expr):
        return "-∞" if self._unicode else "-oo"

    def _print_Derivative(self, expr: Derivative):
        var = expr.variables[0]
        if isinstance(var, Indexed):
            d = "∂" if self._unicode else "d"
            if isinstance(expr.expr, Indexed):
                return f"{d}{self._print(expr.expr)}/{d}{self._print(var)}"
            return f"{d}/{d}{self._print(var)} ({self._print(expr.expr)})"
        if isinstance(expr.expr, AppliedUndef):
            primes = "'" * len(expr.variables)
            return f"{expr.expr.func.__name__}{primes}({var})"
        inner = self._print(expr.expr)
        alone = expr.expr.is_Atom and not (expr.expr.is_number and expr.expr.is_negative)  # not d/dz -1
        return f"d/d{var} {inner}" if alone else f"d/d{var} ({inner})"

    def _print_sigmoid(self, expr):
        return f"{'σ' if self._unicode else 'sigma'}({self._print(expr.args[0])})"

    def _print_Relational(self, expr):
        op = {"==": "=", "<=": "≤", ">=": "≥"}.get(expr.rel_op, expr.rel_op) if self._unicode else \
            {"==": "="}.get(expr.rel_op, expr.rel_op)
        return f"{self._print(expr.lhs)} {op} {self._print(expr.rhs)}"

    def _print_And(self, expr):
        # a < z < b reads better than a < z and z < b
        parts = expr.args
        if len(parts) == 2 and all(getattr(p, "rel_op", None) in ("<", "<=", ">", ">=") for p in parts):
            low, high = sorted(parts, key=lambda p: p.rel_op in ("<", "<=") and p.lhs.is_Symbol)
            lower = self._print(low.reversed if low.lhs.is_Symbol else low)
            return f"{lower} {self._print(high).split(' ', 1)[1]}"
        return " and ".join(self._print(p) for p in parts)

    def _print_Piecewise(self, expr):
        cases = (f"{self._print(e)} " + ("otherwise" if c == True else f"if {self._print(c)}")  # noqa: E712
                 for e, c in expr.args)
        return "{" + ", ".join(cases) + "}"

    def _print_Max(self, expr):
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Min(self, expr):
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Mul(self, expr):
        text = super()._print_Mul(expr).replace("**", "^")
        return text.replace("*", "·") if self._unicode else text


def _cut(exact: str, digits: int) -> str:
    """The decimal cut (not rounded: what is shown is the start of the exact digits) after
    ``digits`` significant digits."""
    seen = 0
    for i, c in enumerate(exact):
        if c.isdigit() and (seen or c != "0"):
            seen += 1
            if seen == digits:
                return exact[:i + 1]
    return exact


def linear(expr: Expr, *, unicode: bool = True, digits: int | None = None) -> str:
    """expr on one line; ``digits``: a long decimal cut after that many significant digits,
    with an ellipsis (a summary's glance, as ``derive list`` shows SELU's constants)."""
    return LinearPrinter(unicode=unicode, digits=digits).doprint(expr)
