"""Which function a hand derivation is about: one exercise or two, and --function against it.

A statement of what the variable itself is ("Let z = w x + b") is context, no step; a second
exercise about another function starts at a definition apart from the lines before it (found
in the pieces, before reading, where its name differs; in the steps read, where g is defined
anew); a word, or a constant no definition brings, is unreadable; and ``clash`` says why
``--function`` cannot be the function of a text that defines its own (or is about σ or tanh).
"""

from __future__ import annotations

import re
from dataclasses import replace

from sympy import Derivative, Expr, Symbol, tanh

from ..engine.functions import g, sigmoid, variable
from ..parse import ParseError
from ..parse.expression import FUNCTION_NAMES, GREEK_NAMES
from .naming import spelled
from .pieces import Piece
from .reading import same_function
from .step import Document, Step


def without_the_variable_named(pieces, var: str, name: str):
    """The pieces without a statement that says what the variable itself is ("Let z = w x + b", the
    pre-activation of a network): context for the reader, no step of the function's chain (read as
    one, it was unreadable, or a function named z)."""
    out, dropped = [], None
    for piece, lhs in pieces:
        if piece.candidate and lhs is not None and lhs.kind == "function" and lhs.order == 0 \
                and lhs.var is None and lhs.name == var and var != name:
            dropped = (piece.row, lhs)
            continue
        if dropped is not None and piece.row == dropped[0] and (lhs is dropped[1] or (lhs is None and piece.continues)):
            continue
        dropped = None
        out.append((piece, lhs))
    return out


def second_function(pieces, name: str, var: str) -> int | None:
    """Where a second exercise about another function starts (the piece of its left side): a
    row h(z) = ... apart from the row before it (a blank line, prose or a new display between),
    after a derivative line of the first function, followed by a derivative line of h and by no
    line of the first function; h named in no line before it (else h is a helper of the first
    function's lines) and not a function the grammar knows (σ, tanh: its rows are side facts);
    else None."""
    derived = False
    for k, (piece, lhs) in enumerate(pieces):
        if lhs is None or piece.continues:
            continue
        if lhs.kind == "function" and lhs.name == name and lhs.order > 0:
            derived = True
        if not (derived and k > 0 and piece.candidate and lhs.kind == "function" and lhs.order == 0
                and lhs.name != name and lhs.var == var and piece.condition is None
                and piece.row >= pieces[k - 1][0].row + 2 and lhs.name not in FUNCTION_NAMES
                and lhs.name not in GREEK_NAMES):
            continue
        rest = [side for _, side in pieces[k + 1:] if side is not None]
        if not any(side.name == lhs.name and side.order > 0 for side in rest) \
                or any(side.kind == "function" and side.name == name for side in rest):
            return None
        spellings = "|".join(re.escape(n) for n in dict.fromkeys((*spelled(lhs.name), lhs.name)))
        named = re.compile(r"(?<![A-Za-z\\])(?:%s)(?![A-Za-z])" % spellings)
        if any(named.search(p.text or "") or named.search(p.left or "") for p, _ in pieces[:k]):
            return None
        return k
    return None


def exercises(steps: list[Step], pieces: list["Piece"], var: str) -> list[Step]:
    """The steps, a definition that starts a second exercise marked ``anew``: a whole row
    g(z) = ... apart from the step before it (a blank line, prose or a new display between),
    after at least one derivative line of the function before, followed by a derivative line
    of its own, and defining another function (not g restated: that is a step, checked)."""
    z = variable(var)
    first = next((k for k, s in enumerate(steps) if s.order == 0 and s.claim is None and s.expr is not None), None)
    if first is None:
        return steps
    current, derived = steps[first].expr, False
    for k in range(first + 1, len(steps)):
        step, piece = steps[k], pieces[k]
        if step.order and step.claim is None:
            derived = True
        if not (derived and step.order == 0 and step.claim is None and step.expr is not None
                and piece.condition is None and not piece.continues and piece.left
                and step.row >= steps[k - 1].row + 2 and not step.expr.has(g(z)) and not step.expr.has(Derivative)
                and any(s.order and s.claim is None for s in steps[k + 1:])):
            continue
        if same_function(step.expr, current, z):
            continue
        steps[k] = replace(step, anew=True)
        current, derived = step.expr, False
    return steps


def new_names(steps: list[Step], z: Symbol) -> list[Step]:
    """A step with a name of more than one letter (not Greek) that no definition before it
    has is unreadable: a word ("= the answer"), or a constant never defined, is never
    sampled as a parameter (answer = 0.73) and the step called wrong for it."""
    known: set[Symbol] = {z}
    out = []
    for step in steps:
        if step.expr is not None:
            words = sorted(s.name for s in step.expr.free_symbols - known
                           if len(s.name) > 1 and s.name.lower() not in GREEK_NAMES)
            if step.order == 0 and step.claim is None and words and not step.expr.has(z):
                # "g(z) = touch CANARY": words, not a definition (a constant of two made-up parameters)
                step = replace(step, expr=None, error=ParseError(
                    f"{words[0]!r} is a word, not part of a formula: the definition is a formula in {z}"))
            elif (step.order == 0 and step.claim is None) or step.helper:
                known |= step.expr.free_symbols  # a definition (or a helper's) brings its parameters
            else:
                new = sorted(s.name for s in step.expr.free_symbols - known
                             if len(s.name) > 1 and s.name.lower() not in GREEK_NAMES)
                if new:
                    step = replace(step, expr=None, error=ParseError(
                        f"{new[0]!r} is no name of the definition: a word, or a constant never defined"))
        out.append(step)
    return out


#: the function a text about σ or tanh is about when it never defines it (as ``derive.check.chain`` reads it)
_ABOUT = {"σ": sigmoid, "sigmoid": sigmoid, "tanh": tanh}


def clash(document: Document, function: Expr, spec: str) -> str | None:
    """Why ``--function spec`` (``function``, g in the text's variable) cannot be the function of
    this text, or None: the text defines its function (g(z) = 1/(1 + e^{-z})) and ``function`` is
    another one (told apart at a point), or the text is about σ or tanh without defining it and
    ``function`` is not that.  --function names the function only where the text does not."""
    z = document.var
    first = next((s for s in document.steps if s.order == 0 and s.claim is None and not s.helper), None)
    if first is not None:
        if first.expr is None or first.expr.has(g(z)) or first.expr.has(Derivative):
            return None  # not read: what the text defines is not known, --function may say it
        defined, shown = first.expr, f"defines {document.function}({z}) = {first.text.strip()[:60]}"
    elif document.function in _ABOUT:
        defined = _ABOUT[document.function](z)
        shown = f"is about {document.function}({z}), the {'sigmoid' if defined.func is sigmoid else 'tanh'}"
    else:
        return None
    if same_function(defined, function, z):
        return None
    return (f"the text {shown}, but --function {spec} is another function: leave --function out "
            f"(it names the function when the text does not define it)")
