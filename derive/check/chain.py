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

Here each row's kind is chosen (``_rule_for``: a definition, a helper's definition, a second
exercise, an identity, a side computation, a step of the chain); ``derive.check.rows`` holds
the rule that checks each kind, and the ``Reading`` the rules carry from row to row.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Callable

from sympy import Derivative, Expr, Function, Symbol, preorder_traversal, tanh

from ..engine.functions import g, sigmoid
from ..limits import OutOfTime
from .document import Document, Step
from .equality import compare
from .rows import (
    CREDITED,
    CheckedLine,
    Reading,
    _derivative,
    _equal,
    chain_step_row,
    definition_row,
    helper_definition_row,
    identity_left_row,
    identity_row,
    new_exercise_row,
    other_function_row,
    side_computation_row,
    undefined_row,
    unreadable_row,
)

__all__ = ["CREDITED", "CheckedChain", "CheckedLine", "KNOWN", "check_document"]

#: the author's function, by the name the text gives it, where the text need not define it
KNOWN = {"σ": sigmoid, "sigmoid": sigmoid, "tanh": tanh}


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

    first = next((i for i, s in enumerate(steps) if s.order == 0 and s.claim is None), None)
    # the step that defines g: given, not graded (None where --function gives g)
    defining = steps[first].index if function is None and first is not None else None

    def chain(lines, definition=None, problem=None) -> CheckedChain:
        return CheckedChain(tuple(lines), z, definition, problem, time.monotonic() - start, defining=defining,
                            **names)

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

    reading = Reading(document, steps, function, defining, definition)
    for k, step in enumerate(steps):
        if reading.merged:
            step = replace(step, index=step.index - reading.merged)
        if deadline is not None and time.monotonic() > deadline:
            raise OutOfTime(f"gave up after {deadline - start:.0f} s at line {step.index}; "
                            f"try --timeout {2 * (deadline - start):.0f}")
        _rule_for(reading, step, k)(reading, step)
    lines = reading.lines
    if function is None and all(line.verdict == "definition" for line in lines):
        # the definition alone is no derivation: "every line holds" would grade an empty answer valid
        return chain((), problem=f"there is nothing after the definition of {document.function} to check")
    return chain(lines, reading.definition)


Rule = Callable[[Reading, Step], None]


def _rule_for(r: Reading, step: Step, k: int) -> Rule:
    """Which kind of row ``step`` (the ``k``-th) is, in the order the kinds are tried: the
    rule that checks it, with the line's value where it has one."""
    if step.expr is None:
        return unreadable_row
    if step.function_names and r.given is not None:
        return other_function_row
    if r.definition is None:
        return undefined_row
    mine = r.value(step.expr)
    if step.helper:
        return partial(helper_definition_row, mine=mine)
    if step.order == 0 and r.given is None and step.index == r.defining:
        return partial(definition_row, mine=mine)
    if step.anew and r.given is None:
        return partial(new_exercise_row, mine=mine)
    z = r.z
    if r.identity is not None and step.order is None and step.claim is None and (step.row == r.identity[0] or (
            compare(mine, r.identity[1], z).equal and not compare(mine, r.last_value, z).equal)):
        return partial(identity_row, mine=mine)
    if _identity_shape(step, r.steps, k) and r.last is not None and r.order is not None \
            and not compare(mine, r.last_value, z).equal and not _equal(mine, r.truth(r.order), z) \
            and (_left_side_after(step, r.steps, k) or _chain_goes_on_before(r, step, k)):
        return partial(identity_left_row, mine=mine)
    aside = _side_value(r, step, mine)
    if aside is not None:
        return partial(side_computation_row, mine=mine, aside=aside)
    return partial(chain_step_row, mine=mine)


def _side_value(r: Reading, step: Step, mine: Expr) -> Expr | None:
    """The value ``step`` is checked against as a side computation (its left side, or the side
    line before it), or None where it is a step of the chain."""
    z, aside = r.z, r.aside
    if step.order is not None:
        aside = None
        if step.claim is not None:
            later = any(s.order == step.order and s.claim is None and s.index > step.index + r.merged
                        for s in r.steps)
            aside = _aside(step, r.value, r.truth, r.last_value if r.last is not None and r.order == step.order - 1
                           else None, z, [r.definition] + [line.expr for line in r.lines if line.expr is not None],
                           later)
    if aside is not None and step.claim is None and r.last is not None and r.lines \
            and step.row != r.lines[-1].step.row and not compare(mine, aside, z).equal:
        # "= ..." on a row of its own after a side computation, not equal to the side result:
        # it goes on with the chain (σ(z) + zσ(z)(1 − σ(z)) after σ'(z) = σ(z)(1 − σ(z))), and
        # is judged against the chain's line before
        return None
    return aside


def _identity_shape(step: Step, steps: list[Step], k: int) -> bool:
    """Whether ``step`` may be the A of a row "A = B": an expression (no left side naming g or a
    derivative) followed on its row by B, whose left side it is."""
    if step.order is not None or step.claim is not None or step.left or k + 1 >= len(steps):
        return False
    after = steps[k + 1]
    return (after.row == step.row and after.left == step.text and after.order is None and after.claim is None
            and after.expr is not None)


def _left_side_after(step: Step, steps: list[Step], k: int) -> bool:
    """Whether the identity "A = B" (A: ``step``) is used: a line with a left side of its own
    comes after it (σ'(z) = σ(z)σ(−z) after 1 − σ(z) = σ(−z)).  A last row "1 + tanh²z = 1 + g²"
    is the author's conclusion, a step of the chain, never an identity."""
    return any(s.row > step.row and (s.order is not None or s.claim is not None) for s in steps[k + 2:])


def _chain_goes_on_before(r: Reading, step: Step, k: int) -> bool:
    """Whether the "= C" row after the row "A = B" (A: ``step``) goes on from the chain's line
    before it: C equals that line and not B (σ' = e^{-z}/(1 + e^{-z})², then 1 − σ = e^{-z}/(1 +
    e^{-z}), then = σ(1 − σ)).  Where C equals both, or neither, C is read as going on from B."""
    steps = r.steps
    j = k + 1
    while j < len(steps) and steps[j].row == step.row:
        j += 1
    if j >= len(steps):
        return False
    b, c = steps[j - 1], steps[j]
    if c.order is not None or c.claim is not None or c.left or c.helper or c.anew or c.expr is None \
            or b.expr is None:
        return False
    written = r.value(c.expr)
    return compare(written, r.last_value, r.z).equal and not compare(written, r.value(b.expr), r.z).equal


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
