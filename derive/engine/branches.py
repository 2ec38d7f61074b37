"""The chain of a piecewise activation: the function case by case, its derivative on
each open interval, a full chain per piece, and what happens at the points between.

A lecture does the same: "for z > 0, g(z) = z, so g'(z) = 1; for z < 0 ..."; then it
says where g has a kink and what frameworks take there.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from sympy import Abs, And, Derivative, Expr, Piecewise, Symbol, oo

from . import forms
from .cases import cases_in_g
from .chain import _verified, differentiate, smooth_chain
from .derivation import Branch, Derivation
from .functions import G, g
from .rules import Deferred
from .piecewise import Piece, _value_at, is_zero, kinks, unfolded
from .verify import numeric_compare


def piecewise_chain(definition: Expr, var: Symbol, parts: tuple[Piece, ...], *, name: str | None,
                    named: Expr | None, sides: tuple[str, ...]) -> Derivation:
    tree = Deferred(partial(differentiate, definition, var))  # only --steps and JSON show it
    branches = tuple(Branch(p.low, p.high, _within(smooth_chain(p.expr, var), p)) for p in parts)
    derivative = Piecewise(*((b.derivation.derivative, b.condition(var)) for b in branches))

    lines = []
    cases = _cases(definition, var, parts)
    if isinstance(definition, Piecewise) and named is None:
        lines.append((g(var), cases, "definition", (("the definition, case by case",),)))
    else:  # max(0, z), |z|: the formula as named, then case by case
        lines.append((g(var), named if named is not None else forms.as_written(definition), "definition",
                      (("the definition",),)))
        lines.append((None, cases, "cases", (("case by case",),)))
    written = Piecewise(*((forms.as_written(b.derivation.derivative), b.condition(var)) for b in branches))
    lines.append((Derivative(g(var), var), written, "piecewise",
                  (("each piece differentiated on its open interval",),)))
    checked = _verified(lines, definition, derivative, var)
    found = cases_in_g(branches, var)
    return Derivation(name, var, 1, definition, checked, derivative, _one_form(found.cases, derivative, definition, var),
                      tree, branches=branches, kinks=kinks(definition, var, parts, sides),
                      in_terms_of_g_cases=found.cases, in_g_remark=found.remark)


def _one_form(cases, derivative: Expr, definition: Expr, var: Symbol) -> Expr | None:
    """Two mirror cases F(-g) if g < 0, F(g) if g > 0 are one form F(|g|): softsign's (1 - |g|)^2."""
    if len(cases) != 2 or cases[0][1] != (G < 0) or cases[1][1] != (G > 0):
        return None
    (left, _), (right, _) = cases
    if (left - right.subs(G, -G)).expand() != 0:
        return None
    one = right.subs(G, Abs(G))
    # the numeric evidence decides, as for any line (a proof would only add "proved" to
    # a form shown in no line: |z| in a piecewise difference costs ~50 ms to prove)
    return one if numeric_compare(one.subs(G, definition), derivative, var).equal else None


def _cases(definition: Expr, var: Symbol, parts: tuple[Piece, ...]) -> Expr:
    """g case by case; each boundary belongs to the piece whose formula gives g there."""
    out, claimed = [], False
    for i, p in enumerate(parts):
        low_closed = p.low != -oo and not claimed and _gives(definition, var, p, p.low)
        high_closed = p.high != oo and _gives(definition, var, p, p.high)
        if i + 1 < len(parts) and high_closed is False:
            claimed = False
        claimed = high_closed
        conditions = []
        if p.low != -oo:
            conditions.append(var >= p.low if low_closed else var > p.low)
        if p.high != oo:
            conditions.append(var <= p.high if high_closed else var < p.high)
        condition = And(*conditions) if conditions else True
        out.append((forms.as_written(p.expr), condition))
    return Piecewise(*out, evaluate=False)


def _gives(definition: Expr, var: Symbol, piece: Piece, point: Expr) -> bool:
    value = _value_at(unfolded(definition), var, point)
    return is_zero(piece.expr.subs(var, point) - value, var)


def _within(derivation: Derivation, piece: Piece) -> Derivation:
    """A piece's proof that no form in g exists counts only if its points lie in the piece."""
    w = derivation.no_form_in_g
    if w is None or (piece.low < w.first and w.second < piece.high):
        return derivation
    return replace(derivation, no_form_in_g=None)
