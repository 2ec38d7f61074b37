"""One-line plain-text formulas, for explanations: ``d/dz (1 + e^(-z)) = -e^(-z)``."""

from __future__ import annotations

from sympy import Derivative, Expr
from sympy.core.function import AppliedUndef
from sympy.printing.str import StrPrinter


class LinearPrinter(StrPrinter):
    def __init__(self, *, unicode: bool = True):
        super().__init__({"order": "none"})
        self._unicode = unicode

    def _print_UnevaluatedExpr(self, expr):
        return self._print(expr.args[0])

    def _print_exp(self, expr):
        arg = expr.args[0]
        body = self._print(arg)
        return f"e^{body}" if arg.is_Atom and not arg.is_negative else f"e^({body})"

    def _print_Pow(self, expr, rational=False):
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_Derivative(self, expr: Derivative):
        var = expr.variables[0]
        if isinstance(expr.expr, AppliedUndef):
            primes = "'" * len(expr.variables)
            return f"{expr.expr.func.__name__}{primes}({var})"
        inner = self._print(expr.expr)
        return f"d/d{var} ({inner})" if not expr.expr.is_Atom else f"d/d{var} {inner}"

    def _print_sigmoid(self, expr):
        return f"{'σ' if self._unicode else 'sigma'}({self._print(expr.args[0])})"

    def _print_Relational(self, expr):
        return f"{self._print(expr.lhs)} = {self._print(expr.rhs)}"

    def _print_Mul(self, expr):
        text = super()._print_Mul(expr).replace("**", "^")
        return text.replace("*", "·") if self._unicode else text


def linear(expr: Expr, *, unicode: bool = True) -> str:
    return LinearPrinter(unicode=unicode).doprint(expr)


def note_text(note, *, unicode: bool = True) -> str:
    """An explanation as one line: each phrase's words and formulas, phrases joined by '; '."""
    return "; ".join(
        " ".join(part if isinstance(part, str) else linear(part, unicode=unicode) for part in phrase)
        for phrase in note
    )
