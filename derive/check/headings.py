"""Steps under a heading "for z < 0:": each holds on that piece only, its value there and, elsewhere,
what the line must equal anyway (g or its derivative); a function defined by its pieces is all of them."""

from __future__ import annotations

from dataclasses import replace

from sympy import Derivative, Piecewise

from ..engine.functions import g, variable
from ..parse import ParseError
from ..parse.expression import Parser
from ..parse.layout import Row
from .pieces import Piece
from .reading import MAX_STEP
from .step import Step


def on_pieces(steps: list[Step], pieces: list["Piece"], var: str, name: str) -> list[Step]:
    """Steps under a heading "for z < 0:" say nothing elsewhere: each reads
    Piecewise((its value, z < 0), (what it must equal there: g or its derivative, True)).
    Where g is defined only by its pieces, the first g(z) line is all of them."""
    z = variable(var)
    conditions: dict[int, object] = {}
    out = []
    order = 0
    previous_heading = None
    definition_pieces = []
    for step, piece in zip(steps, pieces):
        heading = piece.condition
        if heading is None:
            out.append(step)
            order = step.order if step.order is not None else order
            continue
        if heading is not previous_heading:
            order, previous_heading = 0, heading
        order = step.order if step.order is not None else order
        if id(heading) not in conditions:
            conditions[id(heading)] = _condition(heading, var, name)
        condition = conditions[id(heading)]
        if isinstance(condition, ParseError):
            out.append(replace(step, expr=None, error=ParseError(
                f"the condition of this piece ({heading.text.strip()[:40]}) cannot be read: {condition.reason}")))
            continue
        if step.expr is None:
            out.append(step)
            continue
        if step.order == 0:
            definition_pieces.append((step.expr, condition))
        fallback = g(z) if order == 0 else Derivative(g(z), (z, order))
        remark = f"read for {heading.text.strip()} only"
        out.append(replace(step, expr=Piecewise((step.expr, condition), (fallback, True)),
                           remark="; ".join(r for r in (step.remark, remark) if r)))
    first = next((k for k, st in enumerate(out) if st.order == 0 and st.claim is None), None)
    if first is not None and pieces[first].condition is not None and definition_pieces \
            and not any(e.has(g(z)) for e, _ in definition_pieces):
        out[first] = replace(out[first], expr=Piecewise(*definition_pieces),
                             remark="g is defined by its pieces, one g(z) line under each heading")
    return out


def _condition(heading: "Row", var: str, name: str):
    """The relation a heading states, or its ParseError."""
    try:
        parser = Parser(heading.text, var=var, notation=True, latex=heading.latex, function=name,
                        max_length=MAX_STEP)
        condition = parser.condition()
        if parser.peek().kind != "end":
            raise parser.error(f"unexpected {parser.peek().text!r}")
        return condition
    except ParseError as e:
        return e
