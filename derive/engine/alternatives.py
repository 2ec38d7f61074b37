"""Forms of g' a lecturer quotes besides the form in g: tanh' = sech^2 z, softplus' = sigma(z),
GELU' = Phi(z) + z phi(z), swish' = g + sigma(z)(1 - g).

Each is a ``Quoted`` rule: the family of functions it belongs to (with the slope
parameter beta where the family has one, taken from the derivation's parameters) and
the form of g' it quotes.  It is offered only when g is that function (equal at the
sample points) and the form is equal to g' at every sample point (30 digits, with error
bounds): the evidence a chain's line rests on where no proof is found.
"""

from __future__ import annotations

from typing import Callable

from sympy import Add, Expr, Function, Mul, Symbol, erf, exp, log, pi, sech, sqrt, tanh

from ..record import Record, record
from .derivation import Derivation
from .functions import g, sigmoid
from .verify import numeric_compare


class _Named(Function):
    """A function of one argument printed by its lecture name: ``latex``, ``unicode``, ``ascii``."""

    nargs = 1
    latex_name = unicode_name = ascii_name = ""

    def _eval_evalf(self, prec):
        return self._definition()._eval_evalf(prec)

    def _latex(self, printer, exp=None):
        head = self.latex_name if exp is None else rf"{self.latex_name}^{{{exp}}}"
        return rf"{head}\left({printer._print(self.args[0])}\right)"

    def _derive_linear(self, printer):
        name = self.unicode_name if getattr(printer, "_unicode", True) else self.ascii_name
        return f"{name}({printer._print(self.args[0])})"

    def _sympystr(self, printer):
        return f"{self.ascii_name}({printer._print(self.args[0])})"


class Phi(_Named):
    """The standard normal CDF, (1 + erf(u / sqrt 2))/2, printed as the lecturer writes it."""

    latex_name, unicode_name, ascii_name = r"\Phi", "Φ", "Phi"

    def _eval_rewrite_as_erf(self, u, **kwargs):
        return (1 + erf(u / sqrt(2))) / 2

    def _definition(self):
        return self.rewrite(erf)


class phi(_Named):
    """The standard normal density, e^{-u^2/2} / sqrt(2 pi)."""

    latex_name, unicode_name, ascii_name = r"\varphi", "φ", "phi"

    def _eval_rewrite_as_exp(self, u, **kwargs):
        return exp(-u**2 / 2) / sqrt(2 * pi)

    def _definition(self):
        return self.rewrite(exp)


@record
class Quoted(Record):
    """If g(z) = function(z, beta), then g'(z) = form(z, beta) — quoted as ``name``."""

    name: str
    function: Callable[[Symbol, Expr], Expr]
    form: Callable[[Symbol, Expr], Expr]
    needs: tuple[type, ...]  # g's definition has one of these, or the rule is not tried

    def quoted(self, d: Derivation) -> Expr | None:
        z = d.var
        beta = dict(d.params).get("beta", 1)
        if not d.definition.has(*self.needs):
            return None
        if numeric_compare(d.definition, self.function(z, beta), z).verdict != "numerically equal":
            return None
        form = self.form(z, beta)
        meaning = form.xreplace({g(z): d.definition}).rewrite(erf).rewrite(exp)
        # equal at every sample point, 30 digits with error bounds: the evidence a chain's
        # line rests on when no proof is found (a proof here costs 4-8 ms of a cold command)
        return form if numeric_compare(meaning, d.derivative, z).verdict == "numerically equal" else None


RULES = (
    Quoted("with the hyperbolic secant", lambda z, b: tanh(z), lambda z, b: sech(z) ** 2, (tanh, exp)),
    Quoted("the sigmoid itself", lambda z, b: log(1 + exp(b * z)) / b, lambda z, b: sigmoid(b * z), (log,)),
    Quoted("the normal CDF and its density, defined at z = 0 (where g/z is not)",
           lambda z, b: z * (1 + erf(z / sqrt(2))) / 2, lambda z, b: Add(Phi(z), z * phi(z), evaluate=False), (erf,)),
    Quoted("with the sigmoid", lambda z, b: z * sigmoid(b * z),
           lambda z, b: Add(b * g(z), Mul(sigmoid(b * z), 1 - b * g(z), evaluate=False), evaluate=False),
           (sigmoid, exp)),
)


def alternatives(d: Derivation) -> tuple[tuple[Expr, str], ...]:
    """The quoted forms of g' that hold for this derivation (first derivatives of one formula)."""
    if d.order != 1 or d.branches or d.steps is None:
        return ()
    out = []
    for rule in RULES:
        form = rule.quoted(d)
        if form is not None:
            out.append((form, rule.name))
    return tuple(out)
