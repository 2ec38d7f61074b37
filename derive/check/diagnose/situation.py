"""What a diagnosis reads and what it says: the wrong line in its situation (``Situation``),
the slip named (``Diagnosis``, one of ``KINDS``), and a thing the step differentiates
(``Differentiated``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from sympy import Expr, Symbol

from ..document import Step


@dataclass(frozen=True)
class Diagnosis:
    kind: str  # sign, chain_factor, exponent, quotient_rule, product_rule, elementary_derivative, ...
    message: str  # a sentence a student understands
    corrected: Expr | None = None  # what the line should read, in the canonical notation


KINDS = ("sign", "chain_factor", "exponent", "quotient_rule", "product_rule", "elementary_derivative",
         "algebra", "constant", "unknown")


@dataclass(frozen=True)
class Situation:
    """A wrong line and what it should have been."""

    written: Expr  # the line as read
    W: Expr  # its value
    C: Expr  # the value it should have: the derivative of the line before, or the line before
    before: Expr | None  # the line it follows from, as read (None: compared with g or g' itself)
    definition: Expr
    z: Symbol
    step: Step
    value: Callable[[Expr], Expr]  # a line's mathematics: g replaced, d/dz done
    forms_of_g: list[Expr] = field(default_factory=list)  # how the text wrote g before differentiating
    in_definition: bool = False  # a line of g's own definition chain
    function: str = "g"  # the author's name for g, for the messages
    given: bool = False  # g was given to the check (--function), not defined by the text


@dataclass(frozen=True)
class Differentiated:
    """Something the step differentiates, and the line it gives when its derivative is ``d``."""

    target: Expr
    line: Callable[[Expr], Expr]  # the derivative of target -> the value of the whole line
    written_line: Callable[[Expr], Expr]  # the same, as the line would be written
