"""Each step of a hand derivation checked twice: against the line it follows from, and
against the true value at that point of the chain.

* the first ``g(z) =`` line defines g (or, with ``--function``, is checked against it);
* a ``= ...`` line follows from the last line that was read (an unreadable line is
  skipped, not a wall); its true value is that of its order (g, g', g'', ...);
* a ``g'(z) =`` line follows from the line before by differentiating it; its true
  value is the true derivative of g of that order.

A line that follows from its line is right; if that line was wrong, the error is
*carried forward* (the step itself is right).  A line that does not follow from a
wrong line but equals the true value again is *back on track*.  So one mistake costs
one line, not every line after it, as a teacher marks it.  Every verdict rests on
``equality.compare``; each wrong line is diagnosed against what it should have been.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sympy import Derivative, Expr, Function, Symbol, diff, preorder_traversal, tanh

from ..engine.functions import g, sigmoid
from ..engine.rules import rule_title
from ..engine.steps import find_rule
from ..engine.verify import Comparison
from ..errors import DeriveError
from ..limits import OutOfTime
from ..parse import ParseError
from .document import Document, Step
from .equality import compare
from .memo import Memo

if TYPE_CHECKING:
    from .diagnose import Diagnosis

#: verdicts that earn the line its credit
CREDITED = ("definition", "proved", "numerically equal", "carried forward", "back on track")


@dataclass(frozen=True)
class CheckedLine:
    step: Step
    expr: Expr | None  # as read (None: unreadable)
    #: "definition", "proved", "numerically equal" (follows from its line, which was right),
    #: "carried forward" (follows from its line, which was wrong), "back on track" (does not
    #: follow from a wrong line but is right again), "wrong", "unreadable"
    verdict: str
    comparison: Comparison | None = None  # the evidence for the verdict
    reason: str = ""  # why it holds (the rule), why it is wrong, or why it could not be read
    column: int | None = None
    diagnosis: Diagnosis | None = None
    follows: int | None = None  # the line it was compared with (None: with g or its true derivative)
    carried_from: int | None = None  # the wrong line whose error this line carries

    @property
    def ok(self) -> bool:
        """Credited: right, or right from a wrong line before it."""
        return self.verdict in CREDITED

    @property
    def order(self) -> int | None:
        return self.step.order


@dataclass(frozen=True)
class CheckedChain:
    lines: tuple[CheckedLine, ...]
    var: Symbol
    definition: Expr | None
    problem: str | None = None  # the whole text could not be checked (no definition, ...)
    seconds: float = field(default=0.0, compare=False)
    function: str = "g"  # the function's name as the author wrote it (plain text)
    function_latex: str = "g"
    latex: bool = False
    defining: int | None = None  # the step that defines g (not graded: it is given, not worked out)

    @property
    def readable(self) -> bool:
        return self.problem is None and all(line.verdict != "unreadable" for line in self.lines)

    @property
    def valid(self) -> bool:
        return self.readable and all(line.verdict in CREDITED[:3] for line in self.lines)

    @property
    def first_error(self) -> int | None:
        bad = next((line for line in self.lines if line.verdict == "wrong"), None)
        return bad.step.index if bad else None

    @property
    def errors(self) -> int:
        return sum(line.verdict == "wrong" for line in self.lines)

    @property
    def graded(self) -> tuple[CheckedLine, ...]:
        """The lines that are the author's work: all but the ones that define g."""
        return tuple(line for line in self.lines
                     if line.step.index != self.defining and not line.step.anew and not line.step.helper)

    @property
    def right(self) -> int:
        return sum(line.ok for line in self.graded)


def check_document(document: Document, *, function: Expr | None = None,
                   deadline: float | None = None) -> CheckedChain:
    """Verdicts for every step; ``function`` is g when the text does not define it."""
    start = time.monotonic()
    z = document.var
    steps = list(document.steps)
    names = {"function": document.function, "function_latex": document.function_latex, "latex": document.latex}

    def chain(lines, definition=None, problem=None) -> CheckedChain:
        defining = steps[first].index if function is None and first is not None else None
        return CheckedChain(tuple(lines), z, definition, problem, time.monotonic() - start, defining=defining,
                            **names)

    first = next((i for i, s in enumerate(steps) if s.order == 0 and s.claim is None), None)
    if not steps:
        return chain((), problem="there is no derivation in the text")
    definition = function
    if definition is None and first is None and document.function in KNOWN:
        # \frac{d}{dx}\sigma(x) = ... with no line σ(x) = ...: σ and tanh need no definition
        definition = KNOWN[document.function](z)
    if definition is None:
        if first is None:
            return chain((), problem=f"the derivation does not define {document.function}: start with "
                                     f"{document.function}({z}) = ..., or name the function with --function")
        if steps[first].expr is not None:
            candidate = steps[first].expr
            if candidate.has(g(z)) or candidate.has(Derivative):
                return chain((), problem=f"line {first + 1} defines {document.function} in terms of itself")
            definition = candidate

    def value(expr: Expr) -> Expr:
        """The mathematics a line writes: g and its derivatives replaced, d/dz done."""
        return _VALUES.get((expr, definition, z), lambda: _value(expr, definition, z))

    def truth(order: int) -> Expr:
        return _derivative(definition, z, order)

    lines: list[CheckedLine] = []
    last: CheckedLine | None = None  # the last line read: the next "= ..." line follows from it
    last_value: Expr | None = None
    last_right = True  # whether the last line read equals the true value
    carried: int | None = None  # the wrong line whose error the last line carries
    order: int | None = None  # the order of the derivative the chain is at
    seen_orders: set[int] = set()
    forms_of_g: list[Expr] = []
    aside: Expr | None = None  # the value of the side computation the next "= ..." line continues
    #: order -> (the author's last line of that order, its index), while that line is wrong: a
    #: later g'(z) replaced by it is the author's error carried, not a new one
    stated: dict[int, tuple[Expr, int]] = {}
    identity: tuple[int, Expr, Step] | None = None  # (row, value, left side) of an identity "A = B"
    merged = 0  # left sides of identities taken into their line: the steps after are renumbered
    for k, step in enumerate(steps):
        if merged:
            step = replace(step, index=step.index - merged)
        if deadline is not None and time.monotonic() > deadline:
            raise OutOfTime(f"gave up after {deadline - start:.0f} s at line {step.index}; "
                            f"try --timeout {2 * (deadline - start):.0f}")
        expr = step.expr
        if expr is None:
            error: ParseError | None = step.error
            reason = error.reason if error is not None else "could not be read"
            column = step.offset + error.column if error is not None and error.column is not None else None
            lines.append(CheckedLine(step, None, "unreadable", reason=reason, column=column))
            if step.order is not None and step.order != order and definition is not None:
                # an unreadable g'(z) = ... moves the chain on: the lines after it are g', not g
                order, last, last_right = step.order, None, True
                seen_orders.add(step.order)
            continue
        if definition is None:
            lines.append(CheckedLine(step, expr, "unreadable",
                                     reason=f"{document.function} could not be read, so nothing can be checked"))
            continue
        mine = value(expr)
        if step.helper:  # s(z) = ... names a helper g's lines use (derive.check.document): given, not graded
            lines.append(CheckedLine(step, expr, "definition", reason=f"defines {step.helper}"))
            aside = mine  # "= ..." after it on its row says more about the helper (a side computation)
            continue
        if step.order == 0 and function is None and first is not None and step.index == steps[first].index:
            line = CheckedLine(step, expr, "definition", reason=f"defines {document.function}")
            lines.append(line)
            last, last_value, last_right, order = line, mine, True, 0
            forms_of_g.append(expr)
            continue
        if step.anew and function is None:  # a second exercise: g defined anew (derive.check.document)
            definition, forms_of_g, stated, seen_orders, aside, identity = expr, [expr], {}, set(), None, None
            line = CheckedLine(step, expr, "definition", reason=f"defines {document.function} anew")
            lines.append(line)
            last, last_value, last_right, carried, order = line, mine, True, None, 0
            continue
        if identity is not None and (step.order is not None or step.claim is not None):
            identity = None
        if identity is not None and (step.row == identity[0] or (
                compare(mine, identity[1], z).equal and not compare(mine, last_value, z).equal)):
            lines.append(_identity_line(step, expr, mine, identity, z))
            identity = (step.row, identity[1], identity[2])
            continue
        identity = None
        if _identity_left(step, steps, k) and last is not None and order is not None \
                and not compare(mine, last_value, z).equal and not _equal(mine, truth(order), z):
            # "A = B" on a row of its own, A an expression that is not the chain's next line
            # (1 − σ(z) = σ(−z), ln y = −ln(1 + e^{−z}), e^{g(z)} = 1 + e^z): an identity,
            # B checked against A; the chain goes on from the line before it
            identity, merged = (step.row, mine, step), merged + 1
            continue
        if step.order is not None:
            aside = None
            if step.claim is not None:
                later = any(s.order == step.order and s.claim is None and s.index > step.index + merged
                            for s in steps)
                aside = _aside(step, value, truth, last_value if last is not None and order == step.order - 1
                               else None, z, [definition] + [line.expr for line in lines if line.expr is not None],
                               later)
        if aside is not None and step.claim is None and last is not None and lines \
                and step.row != lines[-1].step.row and not compare(mine, aside, z).equal:
            # "= ..." on a row of its own after a side computation, not equal to the side result:
            # it goes on with the chain (σ(z) + zσ(z)(1 − σ(z)) after σ'(z) = σ(z)(1 − σ(z))), and
            # is judged against the chain's line before
            aside = None
        if aside is not None:
            line = _side_line(step, expr, mine, aside, lines, z)
            if line.verdict == "wrong":
                # explained as any wrong line: against its own left side (d/dz (1 + e^{-z}) = e^{-z}:
                # the sign), or against the side line before it
                from .diagnose import Situation, diagnose

                before = step.claim if step.claim is not None else lines[-1].expr
                line = replace(line, diagnosis=diagnose(Situation(
                    written=expr, W=mine, C=aside, before=before, definition=definition, z=z, step=line.step,
                    value=value, function=document.function)))
            lines.append(line)
            if line.ok:
                aside = mine
            continue
        # what the line follows from (target), and the order whose true value it should have
        if step.order is not None:
            true_order = step.order
            derivative_of_last = (last is not None and step.order not in seen_orders and order == step.order - 1)
            if derivative_of_last:
                follows = last.step.index
                target, what = _derivative(last_value, z, 1), f"is not the derivative of line {follows}"
            elif step.order == 0:
                target, follows, what = truth(true_order), None, f"is not {document.function}"
            else:
                target, follows, what = truth(true_order), None, "is not " + _order_words(step.order, document.function)
            order = step.order
            seen_orders.add(step.order)
        elif last is None and order is None:
            lines.append(CheckedLine(step, expr, "unreadable", reason="nothing before this line to compare it with"))
            continue
        elif last is None:  # the line it follows could not be read: it is checked against the truth alone
            true_order = order
            target, follows, what = truth(order), None, "is not " + (_order_words(order, document.function) if order
                                                              else document.function)
        else:
            true_order = order  # the true value is needed only after a wrong line: computed then
            target, follows, what = last_value, last.step.index, f"does not follow from line {last.step.index}"
        skipped = follows is not None and lines and lines[-1].verdict == "unreadable" and lines[-1] is not last
        comparison = compare(mine, target, z)
        if comparison.verdict == "undecided":
            lines.append(CheckedLine(step, expr, "unreadable", comparison,
                                     reason="could not be evaluated at enough real points to decide"))
            continue
        before_right = last_right if follows is not None else True
        if comparison.equal:
            right = before_right or _equal(mine, truth(true_order), z)
            if right:
                verdict, reason, source = comparison.verdict, _reason(step, expr, last.expr if follows else None, z,
                                                                      document.function), None
                if follows is None and lines and lines[-1].verdict == "unreadable":
                    reason = f"{what.replace('is not', 'equal to', 1)} (the line before could not be read)"
                elif last is not None and last.verdict == "unreadable":  # see "A = B" with A unreadable
                    reason += f"{'; ' if reason else ''}follows from line {follows}, whose left side could not be read"
            else:
                verdict, source = "carried forward", carried
                reason = (f"follows from line {follows}, which is wrong"
                          if follows == carried else
                          f"follows from line {follows}, which carries the error of line {carried}")
        elif not before_right and (against_truth := compare(mine, truth(true_order), z)).equal:
            verdict, right, source, comparison = "back on track", True, None, against_truth
            reason = f"does not follow from line {follows}, but is right again"
        elif (own := _with_own_derivatives(expr, last.expr if follows is not None and step.order is None else None,
                                            stated, value, z)) is not None:
            verdict, right, source, comparison = "carried forward", False, own[1], own[0]
            reason = (f"follows from line {follows} with {document.function}'s derivative as line {own[1]} "
                      f"gives it, which is wrong")
        else:
            verdict, right, source = "wrong", False, step.index
            reason = what
            if skipped and step.left and lines[-1].step.row == step.row and lines[-1].step.text == step.left:
                # "A = B" with A unreadable: A may have named what B is (a derivative in a notation
                # not read, a new order), so B is not a wrong line after the line before A: what B
                # should equal is not known.
                # The lines after it follow from B (equal to it, they are credited whatever A was:
                # proved, or the error carried), at an order not known until a left side says it
                line = CheckedLine(step, expr, "unreadable", comparison,
                                   reason=f"its left side {step.left[:40]} could not be read, so what this line "
                                          f"should equal is not known")
                lines.append(line)
                last, last_value, last_right, carried, order = line, mine, True, None, None
                continue
        if skipped and verdict != "wrong":
            reason += f" (compared with line {follows}: the line before could not be read)"
        diagnosis = None
        if verdict == "wrong":
            # here, not at the top: a derivation without a wrong line (most cold checks) does not
            # load the diagnoses (imports no cycle: diagnose does not import this module)
            from .diagnose import Situation, diagnose, table_forms

            situation = Situation(written=expr, W=mine, C=target, before=last.expr if follows else None,
                                  definition=definition, z=z, step=step, value=value,
                                  forms_of_g=forms_of_g + table_forms(definition, z) if step.order else [],
                                  in_definition=order == 0 and not step.order,
                                  function=document.function, given=function is not None)
            diagnosis = diagnose(situation)
            if skipped:
                reason += f" (line {follows}: the line before could not be read)"
        line = CheckedLine(step, expr, verdict, comparison, reason, diagnosis=diagnosis, follows=follows,
                           carried_from=source if verdict == "carried forward" else None)
        lines.append(line)
        if order == 0 and right and not expr.has(g(z)) and not expr.has(Derivative):
            forms_of_g.append(expr)
        if order:
            if right:
                stated.pop(order, None)
            elif not expr.has(Derivative(g(z), (z, order))):
                stated[order] = (expr, step.index)
        last, last_value, last_right, carried = line, mine, right, (source if not right else None)
    if function is None and all(line.verdict == "definition" for line in lines):
        # the definition alone is no derivation: "every line holds" would grade an empty answer valid
        return chain((), problem=f"there is nothing after the definition of {document.function} to check")
    return chain(lines, definition)


def _identity_left(step: Step, steps: list[Step], k: int) -> bool:
    """Whether ``step`` is the A of a row "A = B": an expression (no left side naming g or a
    derivative) followed on its row by B, whose left side it is, and used: a line with a left
    side of its own comes after it (σ'(z) = σ(z)σ(−z) after 1 − σ(z) = σ(−z)).  A last row
    "1 + tanh²z = 1 + g²" is the author's conclusion, a step of the chain, never an identity."""
    if step.order is not None or step.claim is not None or step.left or k + 1 >= len(steps):
        return False
    after = steps[k + 1]
    return (after.row == step.row and after.left == step.text and after.order is None and after.claim is None
            and after.expr is not None
            and any(s.row > step.row and (s.order is not None or s.claim is not None) for s in steps[k + 2:]))


def _identity_line(step: Step, expr: Expr, mine: Expr, identity: tuple, z: Symbol) -> CheckedLine:
    """B of an identity "A = B" (and each "= C" after it) checked against A, shown as "A = B"."""
    left = identity[2]
    shown = replace(step, claim=left.expr, claim_text=left.text)
    comparison = compare(mine, identity[1], z)
    if comparison.verdict == "undecided":
        return CheckedLine(shown, expr, "unreadable", comparison,
                           reason="could not be evaluated at enough real points to decide")
    if comparison.equal:
        return CheckedLine(shown, expr, comparison.verdict, comparison,
                           reason="an identity, equal to its left side")
    return CheckedLine(shown, expr, "wrong", comparison, reason="is not equal to its left side (an identity)")


def _with_own_derivatives(expr: Expr, before: Expr | None, stated: dict, value, z: Symbol):
    """(comparison, line) where ``expr`` follows from ``before`` once g's derivatives in them are
    what the author wrote for them (a wrong line of that order, ``line``); else None.
    g'' = 2g g' after a wrong g' = 1 + g² goes on as 2g(1 + g²): the same error, carried."""
    if before is None or not stated:
        return None
    swaps = {Derivative(g(z), (z, k)): e for k, (e, _) in stated.items()}
    used = [k for k in stated if expr.has(Derivative(g(z), (z, k))) or before.has(Derivative(g(z), (z, k)))]
    if not used:
        return None
    comparison = compare(value(expr.xreplace(swaps)), value(before.xreplace(swaps)), z)
    if not comparison.equal:
        return None
    return comparison, max(stated[k][1] for k in used)


def _aside(step: Step, value, truth, before: Expr | None, z: Symbol, written: list[Expr],
           later: bool = False) -> Expr | None:
    """The value of a side computation's left side (d/dz (1 + e^{-z}) = -e^{-z}, σ'(z) = ... in a
    derivation of g), or None where the left side is the chain's own derivative.  What d/dz is
    taken of must be part of g or of a line before (1 + e^{-z} in 1/(1 + e^{-z})): d/dz of a
    miscopied g is the chain's step, and wrong, never a side computation that is right.  A table
    derivative, d/dz f(z) with f a function g or a line before applies to another argument
    (d/dz erf(z) for g = (z/2)(1 + erf(z/√2))), is a side fact where the derivation states
    its own derivative of that order later (``later``); else it is that derivative, miscopied."""
    operands = [d.expr for d in step.claim.atoms(Derivative) if d.expr != g(z)]

    def known(operand: Expr) -> bool:
        if any(operand == part for e in written for part in preorder_traversal(e)):
            return True
        return (later and isinstance(operand, Function) and operand.args == (z,)
                and any(f.func == operand.func for e in written for f in e.atoms(Function)))

    if not all(known(operand) for operand in operands):
        return None
    claimed = value(step.claim)
    if _equal(claimed, truth(step.order), z):
        return None
    if before is not None and _equal(claimed, _derivative(before, z, 1), z):
        return None  # d/dz [the line before] written out: the chain's step, its error carried
    return claimed


def _side_line(step: Step, expr: Expr, mine: Expr, aside: Expr, lines: list, z: Symbol) -> CheckedLine:
    """A side computation checked against its own left side, or a "= ..." line that goes on
    with it against the line before (not against g or its derivative); the chain itself goes on
    from the line before the side computation."""
    side_step = replace(step, order=None)
    follows = lines[-1].step.index if step.claim is None and lines else None
    comparison = compare(mine, aside, z)
    if comparison.verdict == "undecided":
        return CheckedLine(side_step, expr, "unreadable", comparison,
                           reason="could not be evaluated at enough real points to decide")
    if comparison.equal:
        reason = "a side computation, equal to its left side" if follows is None else "algebra (a side computation)"
        return CheckedLine(side_step, expr, comparison.verdict, comparison, reason=reason, follows=follows)
    what = "is not equal to its left side" if follows is None else f"does not follow from line {follows}"
    return CheckedLine(side_step, expr, "wrong", comparison, reason=what + " (a side computation)",
                       follows=follows)


#: what a process remembers between lines and files (``memo``): pure functions of their keys
_VALUES = Memo("line values", 4096)
_DERIVATIVES = Memo("derivatives", 4096)
_REASONS = Memo("reasons", 4096)


def _value(expr: Expr, definition: Expr, z: Symbol) -> Expr:
    out = expr
    for d in sorted(expr.atoms(Derivative), key=lambda d: -d.derivative_count):
        if d.expr == g(z):
            out = out.xreplace({d: _derivative(definition, z, d.derivative_count)})
    # g at another argument (g(-z) in 1 - g(z) = g(-z)): its definition there
    elsewhere = {a: definition.xreplace({z: a.args[0]}) for a in out.atoms(g(z).func) if a.args != (z,)}
    return out.xreplace({g(z): definition, **elsewhere}).doit()


def _derivative(expr: Expr, z: Symbol, order: int) -> Expr:
    """The derivative of that order: g's true derivatives are every file's (computed once
    per process), and a line's derivative is the next line's target."""
    return _DERIVATIVES.get((expr, z, order), lambda: diff(expr, z, order))


def _equal(a: Expr, b: Expr, z: Symbol) -> bool:
    return compare(a, b, z).equal


def _order_words(order: int, name: str) -> str:
    return f"the derivative of {name}" if order == 1 else f"the derivative of {name} of order {order}"


#: the author's function, by the name the text gives it, where the text need not define it
KNOWN = {"σ": sigmoid, "sigmoid": sigmoid, "tanh": tanh}

#: functions a first line names and the next line defines ("the definition of σ")
NAMED = {sigmoid: "σ", tanh: "tanh"}


def _reason(step: Step, expr: Expr, before: Expr | None, z: Symbol, name: str) -> str:
    """The rule that justifies a correct line, where it can be told."""
    return _REASONS.get((step.order, expr, before, z, name), lambda: _rule(step, expr, before, z, name))


def _rule(step: Step, expr: Expr, before: Expr | None, z: Symbol, name: str) -> str:
    if step.order == 0:
        return f"equal to {name}"
    named = {f.func for f in before.atoms(Function) if f.func in NAMED} if before is not None else set()
    if step.order is None and named and not any(f.func in named for f in expr.atoms(Function)) \
            and not expr.has(g(z)):  # 1 - tanh² = 1 - g²: g substituted, not tanh's definition
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
        return f"{name}({z}) substituted"
    return "algebra"
