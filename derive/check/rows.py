"""The rules for one row of a hand derivation: what kind of row it is is chosen by
``derive.check.chain``; here each kind is checked, against what that kind is true to.

* a definition (``g(z) = ...``, first or of a second exercise) and a helper's definition
  (``s(z) = ...``) are given, not graded;
* an identity ``A = B`` on a row of its own is checked against A;
* a side computation (``d/dz (1 + e^{-z}) = -e^{-z}``) against its own left side;
* a step of the chain against the line it follows from, and against the true value of its
  order where that line was wrong (carried forward, back on track).

Each rule reads and updates the ``Reading``: what the chain carries from row to row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sympy import Derivative, Expr, Function, Symbol, diff, tanh

from ..engine.functions import g, sigmoid
from ..engine.rules import rule_title
from ..engine.steps import find_rule
from ..engine.verify import Comparison
from ..errors import DeriveError
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


@dataclass
class Reading:
    """What checking a document carries from one row to the next."""

    document: Document
    steps: list[Step]  # as read (numbered before identities' left sides were merged)
    given: Expr | None  # g named by the caller (--function); None: the text defines it
    defining: int | None  # the index of the step that defines g (where the text defines it)
    definition: Expr | None  # g (defined anew by a second exercise)
    lines: list[CheckedLine] = field(default_factory=list)
    last: CheckedLine | None = None  # the last line read: the next "= ..." line follows from it
    last_value: Expr | None = None
    last_right: bool = True  # whether the last line read equals the true value
    carried: int | None = None  # the wrong line whose error the last line carries
    order: int | None = None  # the order of the derivative the chain is at
    seen_orders: set[int] = field(default_factory=set)
    forms_of_g: list[Expr] = field(default_factory=list)
    aside: Expr | None = None  # the value of the side computation the next "= ..." line continues
    #: order -> (the author's last line of that order, its index), while that line is wrong: a
    #: later g'(z) replaced by it is the author's error carried, not a new one
    stated: dict[int, tuple[Expr, int]] = field(default_factory=dict)
    #: the value of a wrong side computation's left side -> (the author's value for it, its line):
    #: a later line that uses the author's value (s'(z) = s(z)^2 after s(z) = σ(z)) carries that error
    sides: dict[Expr, tuple[Expr, int, str]] = field(default_factory=dict)  # its left side as read -> ...
    identity: tuple[int, Expr, Step] | None = None  # (row, value, left side) of an identity "A = B"
    merged: int = 0  # left sides of identities taken into their line: the steps after are renumbered
    name: str = ""  # the function's name: the document's, or a second exercise's (σ, then g)

    def __post_init__(self) -> None:
        self.name = self.name or self.document.function

    @property
    def z(self) -> Symbol:
        return self.document.var

    def value(self, expr: Expr) -> Expr:
        """The mathematics a line writes: g and its derivatives replaced, d/dz done."""
        return _VALUES.get((expr, self.definition, self.z), lambda: _value(expr, self.definition, self.z))

    def truth(self, order: int) -> Expr:
        return _derivative(self.definition, self.z, order)


def unreadable_row(r: Reading, step: Step) -> None:
    """A step that could not be read: unreadable, saying why and where.  An unreadable
    g'(z) = ... still moves the chain on: the lines after it are g', not g."""
    error: ParseError | None = step.error
    reason = error.reason if error is not None else "could not be read"
    column = step.offset + error.column if error is not None and error.column is not None else None
    r.lines.append(CheckedLine(step, None, "unreadable", reason=reason, column=column))
    if step.order is not None and step.order != r.order and r.definition is not None:
        r.order, r.last, r.last_right = step.order, None, True
        r.seen_orders.add(step.order)


def other_function_row(r: Reading, step: Step) -> None:
    """A line of a second exercise about another function where the caller named the function
    (--function): what it should equal is not known."""
    r.lines.append(CheckedLine(step, step.expr, "unreadable",
                               reason=f"a second exercise, about {step.function_names[0]}: check it without "
                                      f"--function, or in a file of its own"))


def undefined_row(r: Reading, step: Step) -> None:
    """Any row where g itself could not be read: nothing to check it against."""
    r.lines.append(CheckedLine(step, step.expr, "unreadable",
                               reason=f"{r.name} could not be read, so nothing can be checked"))


def helper_definition_row(r: Reading, step: Step, mine: Expr) -> None:
    """s(z) = ... names a helper g's lines use (derive.check.document): given, not graded.
    A "= ..." after it on its row says more about the helper: a side computation of it."""
    r.lines.append(CheckedLine(step, step.expr, "definition", reason=f"defines {step.helper}"))
    r.aside = mine


def definition_row(r: Reading, step: Step, mine: Expr) -> None:
    """The first g(z) = ...: defines g, the chain starts from it."""
    line = CheckedLine(step, step.expr, "definition", reason=f"defines {r.name}")
    r.lines.append(line)
    r.last, r.last_value, r.last_right, r.order = line, mine, True, 0
    r.forms_of_g.append(step.expr)


def new_exercise_row(r: Reading, step: Step, mine: Expr) -> None:
    """g(z) = ... of a second exercise (derive.check.document): g defined anew, the chain starts
    again from it, with nothing of the first exercise's carried into it."""
    expr = step.expr
    r.definition, r.forms_of_g, r.stated, r.seen_orders, r.aside, r.identity = expr, [expr], {}, set(), None, None
    r.sides = {}
    if step.function_names:  # another function than the first exercise's: named as its author names it
        r.name = step.function_names[0]
    line = CheckedLine(step, expr, "definition", reason=f"defines {r.name} anew")
    r.lines.append(line)
    r.last, r.last_value, r.last_right, r.carried, r.order = line, mine, True, None, 0


def identity_left_row(r: Reading, step: Step, mine: Expr) -> None:
    """A of "A = B" on a row of its own, A not the chain's next line (1 − σ(z) = σ(−z),
    ln y = −ln(1 + e^{−z}), e^{g(z)} = 1 + e^z): no line of its own, it is the left side B is
    checked against; the chain goes on from the line before it."""
    r.identity, r.merged = (step.row, mine, step), r.merged + 1


def identity_row(r: Reading, step: Step, mine: Expr) -> None:
    """B of an identity "A = B" (and each "= C" after it) checked against A, shown as "A = B"."""
    r.lines.append(_identity_line(step, step.expr, mine, r.identity, r.z))
    r.identity = (step.row, r.identity[1], r.identity[2])


def side_computation_row(r: Reading, step: Step, mine: Expr, aside: Expr) -> None:
    """A side computation (d/dz (1 + e^{-z}) = -e^{-z}, a helper's derivative), or a "= ..."
    that goes on with one: checked against the side computation's left side or the line before
    it, never against g's derivative; the chain goes on from the line before the side computation.
    A wrong one is explained as any wrong line: against its own left side (d/dz (1 + e^{-z}) =
    e^{-z}: the sign), or against the side line before it."""
    r.identity, r.aside = None, aside
    expr = step.expr
    line = _side_line(step, expr, mine, aside, r.lines, r.z)
    helper = _helper_derivative(r, step)
    if line.verdict == "wrong":
        from .diagnose import Situation, diagnose

        before = helper[1] if helper else step.claim if step.claim is not None else r.lines[-1].expr
        diagnosis = diagnose(Situation(
            written=expr, W=mine, C=aside, before=before, definition=r.definition, z=r.z, step=line.step,
            value=r.value, function=r.name))
        if helper and diagnosis.corrected is not None:  # s(z) again where the helper was read as σ(z)
            diagnosis = replace(diagnosis, corrected=diagnosis.corrected.xreplace(
                {before.expr: Function(helper[0])(r.z)}))
        line = replace(line, diagnosis=diagnosis)
    r.lines.append(line)
    if line.ok:
        r.aside = mine
    if step.claim is not None and line.verdict in ("wrong", "proved", "numerically equal"):
        # what the side computation is of: d/dz (u) as written, or the helper's d/dz (s(z))
        claim = helper[1] if helper else step.claim
        if line.verdict == "wrong":
            r.sides[claim] = (mine, step.index, (step.claim_text or "").strip())
        else:
            r.sides.pop(claim, None)


def _helper_derivative(r: Reading, step: Step) -> tuple[str, Expr] | None:
    """s'(z) as the left side of a row, s a helper the text defined (s(z) = ...): the helper's
    name and d/dz of its expression, not done (the claim as read is its value, which hides what
    was differentiated: a table slip such as σ' = σ² is then named as one)."""
    left = re.fullmatch(r"\s*(\w+)('+)\s*\(\s*(\w+)\s*\)\s*", step.claim_text or "")
    if left is None or left.group(3) != r.z.name:
        return None
    defined = [line.expr for line in r.lines if line.step.helper == left.group(1) and line.expr is not None]
    if not defined:
        return None
    return left.group(1), Derivative(defined[-1], (r.z, len(left.group(2))), evaluate=False)


@dataclass(frozen=True)
class Target:
    """What a step of the chain is compared with: ``target``, the value of line ``follows``
    (None: the true value of ``true_order``), and what the step is not when it differs."""

    value: Expr
    follows: int | None
    true_order: int | None
    what: str


def _target(r: Reading, step: Step) -> Target | None:
    """A g'(z) = ... line follows from the line before by differentiating it, where the line
    before is the chain's line of the order below; else it is compared with the true value of
    its order.  A "= ..." line follows from the last line read, or, where that could not be
    read, is compared with the true value of the chain's order.  None: nothing before it."""
    z, name = r.z, r.name
    if step.order is not None:
        derivative_of_last = (r.last is not None and step.order not in r.seen_orders and r.order == step.order - 1)
        if derivative_of_last:
            follows = r.last.step.index
            target = Target(_derivative(r.last_value, z, 1), follows, step.order,
                            f"is not the derivative of line {follows}")
        elif step.order == 0:
            target = Target(r.truth(step.order), None, step.order, f"is not {name}")
        else:
            target = Target(r.truth(step.order), None, step.order, "is not " + _order_words(step.order, name))
        r.order = step.order
        r.seen_orders.add(step.order)
        return target
    if r.last is None and r.order is None:
        return None
    if r.last is None:  # the line it follows could not be read: it is checked against the truth alone
        return Target(r.truth(r.order), None, r.order,
                      "is not " + (_order_words(r.order, name) if r.order else name))
    # the true value is needed only after a wrong line: computed then
    return Target(r.last_value, r.last.step.index, r.order, f"does not follow from line {r.last.step.index}")


def chain_step_row(r: Reading, step: Step, mine: Expr) -> None:
    """A step of the chain (g'(z) = ..., = ...): right if it follows from its line (the line
    before, or the derivative of it); carried forward if it follows from a wrong line (or from
    g's derivative as a wrong line of the author's gave it); back on track if it does not follow
    from a wrong line but equals the true value; else wrong, and diagnosed."""
    r.identity, r.aside = None, None
    z, name, lines, last = r.z, r.name, r.lines, r.last
    expr = step.expr
    # g'(z) = ... again at the chain's order (numbered steps restate the left side on every row):
    # checked against the truth, as a claim; equal to the author's wrong line before it, the error is
    # carried (as after "= ..."): one wrong line costs one line, not two
    restated = bool(step.order) and step.order == r.order and step.order in r.seen_orders and last is not None \
        and not r.last_right and r.last_value is not None
    target = _target(r, step)
    if target is None:
        lines.append(CheckedLine(step, expr, "unreadable", reason="nothing before this line to compare it with"))
        return
    follows, true_order, what = target.follows, target.true_order, target.what
    skipped = follows is not None and lines and lines[-1].verdict == "unreadable" and lines[-1] is not last
    if skipped and step.order is None and lines[-1].step.row == step.row and lines[-1].step.left:
        # "A = B = C" with A and B unreadable: A may have named a new order (\dv[2]{g}{z}), so C
        # does not follow from the line before A; what it should equal is not known
        line = CheckedLine(step, expr, "unreadable",
                           reason=f"it goes on from {lines[-1].step.left.strip()[:40]} = ..., which could not be "
                                  f"read, so what this line should equal is not known")
        lines.append(line)
        r.last, r.last_value, r.last_right, r.carried, r.order = line, mine, True, None, None
        return
    comparison = compare(mine, target.value, z)
    if comparison.verdict == "undecided":
        lines.append(CheckedLine(step, expr, "unreadable", comparison,
                                 reason="could not be evaluated at enough real points to decide"))
        return
    before_right = r.last_right if follows is not None else True
    if comparison.equal:
        right = before_right or _equal(mine, r.truth(true_order), z)
        if right:
            verdict, reason, source = comparison.verdict, _reason(step, expr, last.expr if follows else None, z,
                                                                  name), None
            if follows is None and lines and lines[-1].verdict == "unreadable":
                reason = f"{what.replace('is not', 'equal to', 1)} (the line before could not be read)"
            elif last is not None and last.verdict == "unreadable":  # see "A = B" with A unreadable
                reason += f"{'; ' if reason else ''}follows from line {follows}, whose left side could not be read"
        else:
            verdict, source = "carried forward", r.carried
            reason = (f"follows from line {follows}, which is wrong"
                      if follows == r.carried else
                      f"follows from line {follows}, which carries the error of line {r.carried}")
    elif not before_right and (against_truth := compare(mine, r.truth(true_order), z)).equal:
        verdict, right, source, comparison = "back on track", True, None, against_truth
        reason = f"does not follow from line {follows}, but is right again"
    elif restated and (carried := compare(mine, r.last_value, z)).equal:
        verdict, right, source, comparison = "carried forward", False, r.carried or last.step.index, carried
        follows = last.step.index
        reason = (f"follows from line {follows}, which is wrong" if source == follows else
                  f"follows from line {follows}, which carries the error of line {source}")
    elif (own := _with_own_derivatives(expr, last.expr if follows is not None and step.order is None else None,
                                        r.stated, r.value, z)) is not None:
        verdict, right, source, comparison = "carried forward", False, own[1], own[0]
        reason = (f"follows from line {follows} with {name}'s derivative as line {own[1]} "
                  f"gives it, which is wrong")
    elif follows is not None and (own := _with_own_sides(r, step, mine, target.value)) is not None:
        verdict, right, source, comparison = "carried forward", False, own[1], own[0]
        reason = (f"follows from line {follows} with {own[2] or 'the side result'} as line {own[1]} gives it, "
                  "which is wrong")
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
            r.last, r.last_value, r.last_right, r.carried, r.order = line, mine, True, None, None
            return
    if skipped and verdict != "wrong":
        reason += f" (compared with line {follows}: the line before could not be read)"
    diagnosis = None
    if verdict == "wrong":
        # here, not at the top: a derivation without a wrong line (most cold checks) does not
        # load the diagnoses (imports no cycle: diagnose does not import this module)
        from .diagnose import Situation, diagnose, table_forms

        definition = r.definition
        situation = Situation(written=expr, W=mine, C=target.value, before=last.expr if follows else None,
                              definition=definition, z=z, step=step, value=r.value,
                              forms_of_g=r.forms_of_g + table_forms(definition, z) if step.order else [],
                              in_definition=r.order == 0 and not step.order,
                              function=name, given=r.given is not None)
        diagnosis = diagnose(situation)
        if skipped:
            reason += f" (line {follows}: the line before could not be read)"
    line = CheckedLine(step, expr, verdict, comparison, reason, diagnosis=diagnosis, follows=follows,
                       carried_from=source if verdict == "carried forward" else None)
    lines.append(line)
    order = r.order
    if order == 0 and right and not expr.has(g(z)) and not expr.has(Derivative):
        r.forms_of_g.append(expr)
    if order:
        if right:
            r.stated.pop(order, None)
        elif not expr.has(Derivative(g(z), (z, order))):
            r.stated[order] = (expr, step.index)
    r.last, r.last_value, r.last_right, r.carried = line, mine, right, (source if not right else None)


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


def _with_own_sides(r: Reading, step: Step, mine: Expr, target: Expr):
    """(comparison, line, its left side as written) where ``mine`` follows from the line before once
    a wrong side computation (line ``line``) is taken as the author wrote it; else None: the line
    before differentiated with d/dz (u) the author's (-1/(1 + e^{-z})^2 · e^{-z} after
    d/dz (1 + e^{-z}) = e^{-z}), the d/dz (u) it writes out replaced by the author's, or the side's
    true value in it replaced by the author's (s'(z) read as σ(1 − σ) where s'(z) = s(z)^2)."""
    z = r.z
    for claim, (written, index, left) in r.sides.items():
        candidates = []
        if isinstance(claim, Derivative) and claim.derivative_count == 1:
            inner = Function("_side")(z)
            if step.order is not None:
                before = r.last_value.xreplace({claim.expr: inner})
                if before != r.last_value:
                    candidates.append(diff(before, z).xreplace({Derivative(inner, z): written})
                                      .xreplace({inner: claim.expr}))
            elif r.last.expr.has(claim):
                candidates.append(r.value(r.last.expr.xreplace({claim: written})))
        claimed = r.value(claim)
        candidates.append(target.subs(claimed, written))
        for candidate in candidates:
            if candidate != target and (comparison := compare(mine, candidate, z)).equal:
                return comparison, index, left
    return None


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
