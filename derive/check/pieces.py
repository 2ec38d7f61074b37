"""A hand derivation cut into pieces: each right-hand side with the left side that names it.

``derive.parse.layout`` finds the rows of mathematics; here each row is split at its equals
signs ("A = B = C" is three pieces), a left side that names a function is a candidate (a step
only if it is not the author's function), a bare expression continues the chain, and a heading
("for z < 0:") holds for the pieces under it.  What a left side says: the order of a step
(``order_of``), a derivative written out as the claim of a side computation (``claims_of``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..parse.layout import DocumentError, Row, rows, split_equals
from ..parse.left import LeftSide, left_side

MAX_TEXT = 100_000  # characters in one derivation
MAX_STEPS = 200


@dataclass(frozen=True)
class Piece:
    text: str
    offset: int
    row: int
    latex: bool
    continues: bool  # a "= ..." piece: the left side belongs to an earlier piece
    candidate: bool = False  # a left side naming a function: a step only if not the author's
    left: str | None = None  # the left side's text (for d/dz of an expression)
    condition: "Row | None" = None  # the heading ("for z < 0:") the step is under


def pieces_of(text: str) -> list[tuple[Piece, LeftSide | None]]:
    """Each step's text with the left side that names it (None for "= ...")."""
    if len(text) > MAX_TEXT:
        raise DocumentError(f"the derivation is {len(text)} characters long; at most {MAX_TEXT} are read")
    out: list[tuple[Piece, LeftSide | None]] = []
    heading: Row | None = None
    for row in rows(text):
        if heading is not None and row.region != heading.region:
            heading = None
        if row.heading:
            heading = row
            continue
        segments = split_equals(row.text)
        if len(segments) == 1:
            if not out:
                raise DocumentError("the first line has no '=': start with g(z) = ...")
            segments = ["", *segments]  # a bare expression continues the chain
        first = segments[0].strip()
        lhs = left_side(first, row.latex) if first else None
        offset = len(segments[0]) + 1
        rest = segments[1:]
        if first and (lhs is None or lhs.kind == "function"):
            # "A = B": A is a step of its own, unless it names the author's function, which is
            # known only once every left side is seen; d/dz [...] is a left side of that order
            lead = len(segments[0]) - len(segments[0].lstrip())
            out.append((Piece(first, lead, row.line, row.latex, False, candidate=lhs is not None,
                               condition=heading), lhs))
        for i, segment in enumerate(rest):
            stripped = segment.strip()
            lead = len(segment) - len(segment.lstrip())
            if stripped:
                out.append((Piece(stripped, offset + lead, row.line, row.latex, continues=i > 0 or lhs is None,
                                   condition=heading, left=first if i == 0 and first else None),
                            lhs if i == 0 else None))
            offset += len(segment) + 1
            if len(out) > MAX_STEPS:
                raise DocumentError(f"more than {MAX_STEPS} steps")
    if not out:
        raise DocumentError("there is no derivation in the text")
    return out


def kept_pieces(pieces, name: str):
    """The pieces without the left sides that name the author's function (g(z) in g(z) = ...)."""
    return [(piece, lhs) for piece, lhs in pieces if not (piece.candidate and lhs.name == name)]


def order_of(lhs: LeftSide | None, piece: "Piece", name: str) -> int | None:
    if piece.candidate:
        return None
    if lhs is None or piece.continues:
        return None
    if lhs.kind == "expression" or lhs.name == name:
        return lhs.order
    return None


def claims_of(pieces):
    """The pieces, and for each the text of a left side that writes a derivative out: d/dz of an
    expression, or the derivative of a function other than the author's (σ'(z) = ... in a
    derivation of g, which is then not a step of its own but the left side of the next)."""
    kept, claims = [], []
    pending = None
    for piece, lhs in pieces:
        if piece.candidate and lhs is not None and piece.condition is None and (lhs.order > 0 or lhs.var is not None):
            # σ'(z) = ..., and σ(z) = ... (a helper, or a fact recalled) in a derivation of g: the
            # left side of a side computation, never a step of the chain
            pending = (piece.text, lhs)
            continue
        claim = None
        if lhs is not None and not piece.continues and piece.condition is None:
            if pending is not None and lhs is pending[1]:
                claim = pending[0]
            elif lhs.kind == "expression":
                claim = piece.left
        kept.append((piece, lhs))
        claims.append(claim)
        pending = None
    return kept, claims
