"""Each step of a hand derivation checked against what it must equal.

* the first ``g(z) =`` line defines g (or, with ``--function``, is checked against it);
* a later ``g(z) =`` line must equal g;
* the first ``g'(z) =`` line (``g''(z) =`` ...) must equal the true derivative of g;
* a ``= ...`` line must equal the line before it.

Inside an expression ``g(z)`` is g and ``g'(z)`` its derivative; ``d/dz (...)`` is
evaluated.  Every verdict rests on ``equality.compare``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sympy import Derivative, Expr, Function, Symbol, diff, tanh

from ..engine.functions import g, sigmoid, variable
from ..engine.verify import Comparison
from ..errors import DeriveError
from ..limits import OutOfTime
from ..parse import ParseError
from .document import Document, Step
from .equality import compare


@dataclass(frozen=True)
class Diagnosis:
    kind: str  # sign, chain_factor, exponent, quotient_rule, product_rule, elementary_derivative, ...
    message: str  # a sentence a student understands
    corrected: Expr | None = None  # what the line should read, as written


@dataclass(frozen=True)
class CheckedLine:
    step: Step
    expr: Expr | None  # as read (None: unreadable)
    verdict: str  # "proved", "numerically equal", "wrong", "unreadable", "definition"
    comparison: Comparison | None = None
    reason: str = ""  # why it holds (the rule), or why it could not be read
    column: int | None = None
    diagnosis: Diagnosis | None = None

    @property
    def ok(self) -> bool:
        return self.verdict in ("proved", "numerically equal", "definition")

    @property
    def lhs(self) -> str:
        if self.step.order is None:
            return ""
        return "g" + "'" * self.step.order + "(z)"


@dataclass(frozen=True)
class CheckedChain:
    lines: tuple[CheckedLine, ...]
    var: Symbol
    definition: Expr | None
    problem: str | None = None  # the whole text could not be checked (no definition, ...)
    seconds: float = field(default=0.0, compare=False)

    @property
    def readable(self) -> bool:
        return self.problem is None and all(line.verdict != "unreadable" for line in self.lines)

    @property
    def valid(self) -> bool:
        return self.readable and all(line.ok for line in self.lines)

    @property
    def first_error(self) -> int | None:
        bad = next((line for line in self.lines if not line.ok), None)
        return bad.step.index if bad else None


def check_document(document: Document, *, function: Expr | None = None,
                   deadline: float | None = None) -> CheckedChain:
    """Verdicts for every step; ``function`` is g when the text does not define it."""
    from .diagnose import diagnose

    start = time.monotonic()
    z = document.var
    steps = list(document.steps)
    exprs: list[Expr | ParseError] = [step.error if step.expr is None else step.expr for step in steps]

    definition = function
    first = next((i for i, s in enumerate(steps) if s.order == 0), None)
    if definition is None:
        if first is None:
            return CheckedChain((), z, None, "the derivation does not define g: start with g(z) = ..., "
                                             "or name the function with --function")
        candidate = exprs[first]
        if isinstance(candidate, ParseError):
            definition = None
        elif candidate.has(g(z)) or candidate.has(Derivative):
            return CheckedChain((), z, None, f"line {first + 1} defines g in terms of itself")
        else:
            definition = candidate

    def value(expr: Expr) -> Expr:
        """The mathematics a line writes: g and its derivatives replaced, d/dz done."""
        out = expr
        for d in sorted(expr.atoms(Derivative), key=lambda d: -d.derivative_count):
            if d.expr == g(z):
                out = out.xreplace({d: diff(definition, z, d.derivative_count)})
        return out.xreplace({g(z): definition}).doit()

    lines: list[CheckedLine] = []
    previous: Expr | None = None  # the value the next "= ..." line must equal
    previous_expr: Expr | None = None
    diagnosed = False
    seen_orders: set[int] = set()
    for step, expr in zip(steps, exprs):
        if deadline is not None and time.monotonic() > deadline:
            raise OutOfTime(f"gave up after {deadline - start:.0f} s at line {step.index}; "
                            f"try --timeout {2 * (deadline - start):.0f}")
        if isinstance(expr, ParseError):
            column = step.offset + expr.column if expr.column is not None else None
            lines.append(CheckedLine(step, None, "unreadable", reason=expr.reason, column=column))
            previous = previous_expr = None
            continue
        if definition is None:
            lines.append(CheckedLine(step, expr, "unreadable", reason="g could not be read, so nothing can be checked"))
            continue
        mine = value(expr)
        if step.order is not None:
            if step.order == 0 and function is None and step.index == first + 1:
                lines.append(CheckedLine(step, expr, "definition", reason="defines g"))
                previous, previous_expr = mine, expr
                continue
            target = diff(definition, z, step.order)
            what = "g" if step.order == 0 else "the derivative of g" if step.order == 1 else f"the derivative of order {step.order}"
            from_expr = previous_expr if step.order and step.order not in seen_orders else None
            seen_orders.add(step.order)
        elif previous is None:
            lines.append(CheckedLine(step, expr, "unreadable", reason="nothing before this line to compare it with"))
            continue
        else:
            target, what, from_expr = previous, "the line before", previous_expr
        comparison = compare(mine, target, z)
        if comparison.equal:
            lines.append(CheckedLine(step, expr, comparison.verdict, comparison, _reason(step, expr, from_expr, z)))
        elif comparison.verdict == "undecided":
            lines.append(CheckedLine(step, expr, "unreadable", comparison,
                                     reason="could not be evaluated at enough real points to decide"))
        else:
            diagnosis = None
            if not diagnosed:
                forms_of_g = [e for st, e in zip(steps, exprs) if st.index < step.index and not isinstance(e, ParseError)
                              and not e.has(g(z)) and not e.has(Derivative)] if step.order else []
                diagnosis = diagnose(expr, mine, target, from_expr, definition, z, step=step, value=value,
                                     forms_of_g=forms_of_g, in_definition=not seen_orders)
                diagnosed = True
            lines.append(CheckedLine(step, expr, "wrong", comparison, f"not equal to {what}", diagnosis=diagnosis))
        previous, previous_expr = mine, expr
    return CheckedChain(tuple(lines), z, definition, seconds=time.monotonic() - start)


#: functions a first line names and the next line defines ("the definition of σ")
NAMED = {sigmoid: "σ", tanh: "tanh"}


def _reason(step: Step, expr: Expr, before: Expr | None, z: Symbol) -> str:
    """The rule that justifies a correct line, where it can be told."""
    from ..engine.chain import rule_title
    from ..engine.steps import find_rule

    if step.order == 0:
        return "equal to g"
    named = {f.func for f in before.atoms(Function) if f.func in NAMED} if before is not None else set()
    if step.order is None and named and not any(f.func in named for f in expr.atoms(Function)):
        return "the definition of " + " and ".join(sorted(NAMED[f] for f in named))
    if step.order is not None and before is not None and not before.has(Derivative):
        try:
            return rule_title(find_rule(before, z))
        except DeriveError:
            return "the derivative of the line before"
    if before is None:
        return ""
    pending = [d for d in before.atoms(Derivative) if d.expr != g(z)]
    if pending and len([d for d in expr.atoms(Derivative) if d.expr != g(z)]) < len(pending):
        return "inner derivatives evaluated"
    if expr.has(g(z)) and not before.has(g(z)):
        return "g(z) substituted"
    return "algebra"
