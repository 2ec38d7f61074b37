"""A hand derivation cut into steps and read: ``g(z) = ...``, ``= ...``, ``g'(z) = ...``.

``derive.parse.layout`` finds the rows of mathematics (displays, environments, plain
lines; prose, annotations and remarks left out); here each row is split at its equals
signs into steps, the left sides say which steps are the function (order 0) or its
derivatives, and each step is read by ``derive.parse``'s grammar in the author's names.
Several ``=`` on one line are several steps.  Steps under a heading "for z < 0:" hold on
that piece only.

The author's names are kept: the function and its variable come from the first
definition (``g(z) =``, ``f(x) :=``, ``\\sigma(x) =``, ``\\tanh(x) =``, ``y =``), else from
the first derivative's left side (``\\sigma'(x) =``, ``dy/dx =``), else from the caller.
Steps are numbered from 1 in the order they appear, definition lines included.

The parts: ``pieces`` cuts the rows into right-hand sides and their left sides, ``naming``
finds the author's names, ``reading`` reads one step with the grammar, ``substitutions`` the
helpers and letters the text names on its way, ``headings`` the steps under "for z < 0:",
``exercises`` which function the text is about (a second exercise, ``clash`` with
--function); ``step`` holds what they read into (``Step``, ``Document``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from sympy import Derivative, Symbol

from ..engine.functions import variable
from ..parse import ParseError
from ..parse.layout import DocumentError
from .exercises import clash, exercises, new_names, second_function, without_the_variable_named
from .headings import on_pieces
from .naming import names_of, spelled
from .pieces import claims_of, kept_pieces, order_of, pieces_of
from .reading import read_once
from .step import Document, Step
from .substitutions import helpers_of, lets_at, lets_of, quotients_of

__all__ = ["Document", "DocumentError", "Step", "clash", "read_document", "read_steps"]


def read_document(text: str, *, var: str | None = None, function_name: str | None = None) -> Document:
    """The steps of ``text``, each read into an expression (or its reason for being unreadable)."""
    pieces = pieces_of(text)
    name, var_name = names_of(pieces, var, function_name)
    pieces = without_the_variable_named(pieces, var_name, name)
    if not pieces:
        raise DocumentError("there is no derivation in the text")
    if var is not None and var_name != var:  # --var names the variable only where the text does not
        raise DocumentError(f"the text is written in {var_name}, but --var says {var}: leave --var out "
                            f"(it names the variable when the text does not show it)")
    second = second_function(pieces, name, var_name) if function_name is None else None
    if second is None:
        steps = _steps_of(pieces, name, var_name)
    else:  # σ(z) = ..., σ'(z) = ..., then g(z) = ..., g'(z) = ...: each exercise read in its own names
        steps = _steps_of(pieces[:second], name, var_name)
        other = pieces[second][1].name
        later = _steps_of(pieces[second:], other, var_name)
        steps += [replace(step, index=step.index + len(steps), anew=step.anew or k == 0,
                          function_names=spelled(other)) for k, step in enumerate(later)]
    text_name, latex_name = spelled(name)
    return Document(tuple(steps), variable(var_name), text_name, latex_name,
                    latex=any(s.latex for s in steps))


def _steps_of(pieces, name: str, var_name: str) -> list[Step]:
    """The steps of one exercise's pieces, read with ``name`` as the author's function."""
    pieces, claims = claims_of(kept_pieces(pieces, name))
    defining = helpers_of(pieces, claims, name, var_name)  # s(z) = ... before g(z) = z s(z): a helper
    helpers = tuple(sorted((helper, value) for helper, value in defining.values()))
    lets = lets_of(pieces, claims, name, var_name, helpers)  # u = 1 + e^{-z}: a name for an expression
    quotients = quotients_of(pieces, claims, lets, name, var_name, helpers)  # dσ/du, du/dz after u = ...
    steps = []
    used = []  # the pieces that are steps
    for k, ((piece, lhs), claim) in enumerate(zip(pieces, claims)):
        if any(start <= k < start + width for start, (_, _, width) in lets.items()):
            continue
        if k in defining:  # shown as defining the helper: given, not worked out, no step of g's chain
            helper, value = defining[k]
            steps.append(Step(len(steps) + 1, None, piece.text, piece.latex, piece.offset, expr=value,
                              row=piece.row, claim_text=claim, helper=spelled(helper)[0]))
            used.append(piece)
            continue
        order = lhs.order if claim is not None else order_of(lhs, piece, name)
        expr, remark, error = read_once(piece.text, var_name, piece.latex, name, quotients, helpers)
        error = error.shifted(piece.offset) if error is not None else None  # columns from the row's start
        claimed = read_once(claim, var_name, piece.latex, name, quotients, helpers)[0] if claim is not None else None
        swaps = lets_at(lets, k)
        if claim is not None and claimed is None:
            named_prime = re.fullmatch(r"\s*([A-Za-z])\s*('+)\s*(?:\(\s*%s\s*\))?\s*" % re.escape(var_name), claim)
            letter = Symbol(named_prime.group(1), real=True) if named_prime else None
            if letter is not None and letter in swaps:  # u' = -e^{-z}, u named above
                claimed = Derivative(swaps[letter], (variable(var_name), len(named_prime.group(2))))
            else:  # never checked against g' instead: what the line equals is not known
                other = lhs is not None and lhs.kind == "function" and lhs.name != name and lhs.var is not None
                expr, error = None, ParseError(f"its left side {claim.strip()[:40]} cannot be read" + (
                    f" (a function other than {spelled(name)[0]}: a second derivation is checked in a file "
                    f"of its own)" if other else ""))
        if lhs is not None and lhs.order == 1 and (lhs.name, lhs.var) in quotients and claim is None:
            # dσ/du = -1/u^2 after u = 1 + e^{-z}: checked against d/du of σ written in u, a side computation
            claim, claimed = piece.left, quotients[(lhs.name, lhs.var)]
        elif lhs is not None and lhs.var is not None and lhs.var != var_name and lhs.order > 0 \
                and (claim is not None or order):
            # dσ/du = -1/u^2 after u = 1 + e^{-z}: a derivative with respect to u, never read as dσ/dz
            expr, error = None, ParseError(f"its left side is a derivative with respect to {lhs.var}, "
                                           f"but the variable is {var_name}: write it with respect to {var_name}")
            claim, claimed = claim or piece.left, None  # shown as written (dσ/du), never as σ'(z)
        named = [str(letter) for letter in swaps if expr is not None and expr.has(letter)]
        if named:
            expr = expr.xreplace(swaps)
            remark = "; ".join(r for r in (remark, " and ".join(named) + " as defined in the text") if r)
        if claimed is not None:
            claimed = claimed.xreplace(swaps)
        steps.append(Step(len(steps) + 1, order, piece.text, piece.latex, piece.offset, expr=expr, error=error,
                          remark=remark, row=piece.row, claim=claimed, claim_text=claim or "",
                          left=piece.left if claim is None and piece.left and (
                              lhs is None or (lhs.order == 0 and lhs.name != name)) else ""))
        used.append(piece)
    steps = on_pieces(steps, used, var_name, name)
    steps = exercises(steps, used, var_name)
    return new_names(steps, variable(var_name))


def read_steps(text: str) -> list[Step]:
    """The steps of ``text``, not yet read (order as far as the left sides tell)."""
    pieces = pieces_of(text)
    name, _ = names_of(pieces, None, None)
    pieces, claims = claims_of(kept_pieces(pieces, name))
    return [Step(i + 1, lhs.order if claim is not None else order_of(lhs, piece, name), piece.text, piece.latex,
                 piece.offset, row=piece.row) for i, ((piece, lhs), claim) in enumerate(zip(pieces, claims))]
