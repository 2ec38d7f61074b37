"""Differentiation rules, one small dataclass each.

Each rule knows its input (``expr``, differentiated with respect to ``var``), its
sub-steps, and two ways to produce its result:

* ``eval()`` -- the derivative, evaluated (SymPy's automatic simplification only);
* ``formula(inner)`` -- the rule applied once, with each inner derivative shown as
  ``inner(substep)`` decides: as an unevaluated ``Derivative`` (the lecture's
  ``d/dz (1 + e^{-z})``) or as its value.  This is the data of the lecture chain.

Finding which rule applies lives in ``steps.py``; printing lives in ``derive.render``.
The docstring of each class is the transformation it performs.
"""

from __future__ import annotations

from typing import Callable, ClassVar

from sympy import (
    Add,
    Derivative,
    Expr,
    Mul,
    Piecewise,
    Pow,
    S,
    UnevaluatedExpr,
    log,
    sign,
)

from ..record import Record, record
from .forms import as_written

Inner = Callable[["Rule"], Expr]


@record
class Rule(Record):
    """d/dz expr."""

    expr: Expr
    var: Expr  # a Symbol, or the inner expression u of a chain rule (d/du)

    #: short identifier, used in JSON and tests
    id: ClassVar[str] = "rule"
    #: how a lecture names the rule
    title: ClassVar[str] = "rule"

    @property
    def substeps(self) -> tuple["Rule", ...]:
        return ()

    def eval(self) -> Expr:
        raise NotImplementedError

    def formula(self, inner: Inner) -> Expr:
        """The rule applied once; leaf rules have no inner derivative to show.  Written as
        the definition is (σ(2z + 1) stays σ(2z + 1), not SymPy's σ(1 + 2z))."""
        return as_written(self.eval())


# --- leaves -----------------------------------------------------------------


class Deferred:
    """A rule tree worked out, and checked, when first asked for (``resolved``).

    A piecewise function's tree of the whole definition (max(0, min(1, z/5 + 1/2)) rewritten
    as cases, each case differentiated) is shown only by ``--steps`` and the JSON; the
    chain and every other output come from the pieces' own chains.  Building and checking
    it cost hard sigmoid and hardswish ~50 ms of a 300 ms command whose output never
    shows it.  ``build`` is a ``functools.partial`` of a module-level function, so a
    derivation holding it pickles (``derive list``'s workers); two are equal when they
    would build the same tree."""

    def __init__(self, build: Callable[[], Rule]) -> None:
        self.build = build
        self._rule: Rule | None = None

    def resolved(self) -> Rule:
        if self._rule is None:
            self._rule = self.build()
        return self._rule

    def _key(self) -> tuple:
        return (self.build.func, self.build.args)  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deferred) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self):
        return (Deferred, (self.build,))


@record
class ActivationRule(Rule):
    """d/dz g(z) -> g'(z)   (g itself, inside a form in g being differentiated)"""

    id = "activation"
    title = "d/dz g(z) = g'(z)"

    def eval(self) -> Expr:
        return Derivative(self.expr, self.var)


@record
class ConstantRule(Rule):
    """d/dz c -> 0"""

    id = "constant"
    title = "constant rule"

    def eval(self) -> Expr:
        return S.Zero


@record
class VariableRule(Rule):
    """d/dz z -> 1"""

    id = "variable"
    title = "d/dz z = 1"

    def eval(self) -> Expr:
        return S.One


@record
class PowerRule(Rule):
    """d/du u^n -> n u^(n-1)   (n = -1 is the reciprocal rule: d/du 1/u -> (-1) 1/u^2)"""

    base: Expr
    exponent: Expr

    id = "power"
    title = "power rule"

    @property
    def is_reciprocal(self) -> bool:
        return self.exponent == -1

    def eval(self) -> Expr:
        return self.exponent * self.base ** (self.exponent - 1)

    def formula(self, inner: Inner) -> Expr:
        # The lecture keeps the factor n and the power apart: (-1) 1/(1 + e^{-z})^2.
        n = self.exponent
        power = as_written(Pow(self.base, n - 1))
        factor = UnevaluatedExpr(n) if n.is_negative else n
        return Mul(factor, UnevaluatedExpr(power), evaluate=False)


@record
class ExponentialRule(Rule):
    """d/du a^u -> a^u ln(a)"""

    base: Expr

    id = "exponential"
    title = "exponential rule"

    def eval(self) -> Expr:
        return self.expr * log(self.base)


@record
class ExpRule(Rule):
    """d/du e^u -> e^u"""

    id = "exp"
    title = "d/du e^u = e^u"

    def eval(self) -> Expr:
        return self.expr


@record
class LogRule(Rule):
    """d/du ln(u) -> 1/u"""

    id = "log"
    title = "d/du ln(u) = 1/u"

    def eval(self) -> Expr:
        return 1 / self.expr.args[0]


@record
class TableRule(Rule):
    """d/du f(u) -> f'(u), f' from the table of derivatives (SymPy's ``fdiff``)."""

    id = "function"
    title = "derivative of a known function"

    def eval(self) -> Expr:
        return self.expr.fdiff(1)


@record
class TrigRule(TableRule):
    """d/du sin(u) -> cos(u), d/du cos(u) -> -sin(u), d/du tan(u) -> 1 + tan(u)^2, ..."""

    id = "trig"
    title = "trigonometric derivative"


@record
class HyperbolicRule(TableRule):
    """d/du sinh(u) -> cosh(u), d/du cosh(u) -> sinh(u), d/du tanh(u) -> 1 - tanh(u)^2, ..."""

    id = "hyperbolic"
    title = "hyperbolic derivative"


@record
class InverseTrigRule(TableRule):
    """d/du atan(u) -> 1/(1 + u^2), d/du asin(u) -> 1/sqrt(1 - u^2), ..."""

    id = "inverse-trig"
    title = "inverse trigonometric derivative"


@record
class InverseHyperbolicRule(TableRule):
    """d/du asinh(u) -> 1/sqrt(1 + u^2), d/du atanh(u) -> 1/(1 - u^2), ..."""

    id = "inverse-hyperbolic"
    title = "inverse hyperbolic derivative"


@record
class ErfRule(TableRule):
    """d/du erf(u) -> 2/sqrt(pi) e^{-u^2}"""

    id = "erf"
    title = "d/du erf(u) = 2/sqrt(pi) e^{-u^2}"


@record
class SigmoidRule(TableRule):
    """d/du sigma(u) -> sigma(u) (1 - sigma(u))"""

    id = "sigmoid"
    title = "d/du sigma(u) = sigma(u)(1 - sigma(u))"


@record
class AbsRule(Rule):
    """d/du |u| -> sign(u)   (u != 0; |u| has no derivative at 0)"""

    id = "abs"
    title = "d/du |u| = sign(u)"

    def eval(self) -> Expr:
        return sign(self.expr.args[0])


@record
class StepRule(Rule):
    """d/du sign(u) -> 0, d/du H(u) -> 0   (u != 0; a jump at 0)"""

    id = "step"
    title = "a step function is flat away from its jump"

    def eval(self) -> Expr:
        return S.Zero


# --- rules with sub-steps ---------------------------------------------------


@record
class SumRule(Rule):
    """d/dz (f_1 + ... + f_n) -> f_1' + ... + f_n'"""

    terms: tuple[Rule, ...]

    id = "sum"
    title = "sum rule"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return self.terms

    def eval(self) -> Expr:
        return Add(*(t.eval() for t in self.terms))

    def formula(self, inner: Inner) -> Expr:
        shown = [d for d in (inner(t) for t in self.terms) if d != 0] or [S.Zero]  # (1)' = 0 is not written
        return Add(*shown, evaluate=False) if len(shown) > 1 else shown[0]


@record
class ConstantMultipleRule(Rule):
    """d/dz (c f) -> c f'"""

    constant: Expr
    other: Rule

    id = "constant-multiple"
    title = "constant multiple rule"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return (self.other,)

    def eval(self) -> Expr:
        return self.constant * self.other.eval()

    def formula(self, inner: Inner) -> Expr:
        shown = inner(self.other)
        if self.constant.is_Number and isinstance(shown, Mul) and shown.args[0].is_Number:
            # (-1) (2 u u') is written -2 u u': one number in front, not two side by side
            number, rest = self.constant * shown.args[0], shown.args[1:]
            return Mul(*([number] if number != 1 else []), *rest, evaluate=False) if len(rest) > 1 or number != 1 \
                else rest[0]
        return Mul(self.constant, shown, evaluate=False)


@record
class ProductRule(Rule):
    """d/dz (f_1 ... f_n) -> sum over i of f_1 ... f_i' ... f_n"""

    factors: tuple[Rule, ...]

    id = "product"
    title = "product rule"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return self.factors

    def eval(self) -> Expr:
        return Add(*(self._term(i, lambda r: r.eval(), evaluate=True) for i in range(len(self.factors))))

    def formula(self, inner: Inner) -> Expr:
        terms = (self._term(i, inner, evaluate=False) for i in range(len(self.factors)))
        return Add(*terms, evaluate=False)

    def _term(self, i: int, inner: Inner, *, evaluate: bool) -> Expr:
        parts = [inner(f) if j == i else (f.expr if evaluate else as_written(f.expr)) for j, f in enumerate(self.factors)]
        parts = [p for p in parts if p != 1] or [S.One]  # (z)' = 1 is not written as a factor
        return Mul(*parts, evaluate=evaluate)


@record
class QuotientRule(Rule):
    """d/dz (u/v) -> (v u' - u v') / v^2"""

    numerator: Rule
    denominator: Rule

    id = "quotient"
    title = "quotient rule"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return (self.numerator, self.denominator)

    def eval(self) -> Expr:
        u, v = self.numerator.expr, self.denominator.expr
        du, dv = self.numerator.eval(), self.denominator.eval()
        return (v * du - u * dv) / v**2

    def formula(self, inner: Inner) -> Expr:
        u, v = as_written(self.numerator.expr), as_written(self.denominator.expr)
        terms = [_product(v, inner(self.numerator)), _product(S.NegativeOne, u, inner(self.denominator))]
        terms = [t for t in terms if t != 0] or [S.Zero]  # (1)' = 0 is not written as a term
        top = Add(*terms, evaluate=False) if len(terms) > 1 else terms[0]
        return Mul(top, Pow(Pow(v, 2), -1, evaluate=False), evaluate=False)


def _product(*given: Expr) -> Expr:
    """factors written as a product: a factor 1 is left out, a factor 0 makes it 0, and a
    factor that is itself a product with a number (d/dz z^2 = 2 z) gives its number to the
    product's coefficient: 2 (z^2 + 1) z, not (z^2 + 1) (2) z."""
    if any(f == 0 for f in given):
        return S.Zero
    factors = [f for g in given for f in (g.args if g.is_Mul and any(a.is_Number for a in g.args) else (g,))]
    number = Mul(*(f for f in factors if f.is_Number))  # (-1) z (-1) is written z
    kept = ([number] if number != 1 else []) + [f for f in factors if not f.is_Number]
    return Mul(*kept, evaluate=False) if len(kept) > 1 else (kept[0] if kept else S.One)


@record
class ChainRule(Rule):
    """d/dz f(u(z)) -> f'(u) u'(z)"""

    outer: Rule  # d/du f(u): its var is u
    inner: Rule  # d/dz u

    id = "chain"
    title = "chain rule"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return (self.outer, self.inner)

    def eval(self) -> Expr:
        return self.outer.eval() * self.inner.eval()

    def formula(self, inner: Inner) -> Expr:
        outer = self.outer.formula(inner)
        factors = list(outer.args) if outer.is_Mul else [outer]
        slope = inner(self.inner)
        if _constant(slope) and not any(isinstance(f, UnevaluatedExpr) for f in factors):
            # u' a constant (sqrt(2)/2, 2/3): it joins the number in front, 2/sqrt(pi)
            # e^(-u^2) sqrt(2)/2 is sqrt(2)/sqrt(pi) e^(-u^2), not 2 e^(-u^2) sqrt(2)/(sqrt(pi) (2))
            number = Mul(*(f for f in factors if _constant(f))) * slope
            rest = [f for f in factors if not _constant(f)]
            return Mul(*([number] if number != 1 else []), *rest, evaluate=False) if rest else number
        return Mul(*factors, slope, evaluate=False)


def _constant(x: Expr) -> bool:
    """A number or a product of numbers and roots of them (sqrt(2)/2), nothing unevaluated."""
    return x.is_number and not x.has(UnevaluatedExpr) and not x.is_Add


@record
class PiecewiseRule(Rule):
    """d/dz {f_i if c_i} -> {f_i' if c_i}   (away from the boundaries between pieces)"""

    pieces: tuple[tuple[Rule, Expr], ...]

    id = "piecewise"
    title = "differentiate each piece"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return tuple(r for r, _ in self.pieces)

    def eval(self) -> Expr:
        return Piecewise(*((r.eval(), c) for r, c in self.pieces))

    def formula(self, inner: Inner) -> Expr:
        return Piecewise(*((inner(r), c) for r, c in self.pieces), evaluate=False)


@record
class RewriteRule(Rule):
    """d/dz f -> d/dz f' where f' is f written another way (max(a, b) as pieces)"""

    rewritten: Rule

    id = "rewrite"
    title = "write as pieces"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return (self.rewritten,)

    def eval(self) -> Expr:
        return self.rewritten.eval()

    def formula(self, inner: Inner) -> Expr:
        return self.rewritten.formula(inner)


#: Rules that distribute over their parts; the "outermost rule" looks through them.
LINEAR = (SumRule, ConstantMultipleRule, RewriteRule, PiecewiseRule)


def rule_title(rule: Rule) -> str:
    """A rule as a line's reason names it: "reciprocal rule and chain rule", "sum rule; power rule"."""
    if isinstance(rule, ChainRule):
        outer = "reciprocal rule" if getattr(rule.outer, "is_reciprocal", False) else rule.outer.title
        return f"{outer} and chain rule"
    if isinstance(rule, LINEAR) and rule.substeps:
        inner = sorted({rule_title(s) for s in rule.substeps if not isinstance(s, (ConstantRule, VariableRule))})
        return "; ".join([rule.title, *inner])
    return rule.title
