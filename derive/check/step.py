"""What a hand derivation is read into: its steps, and the document that holds them.

A ``Step`` is one right-hand side as written, read (or why not), with the order its left side
gives (the function, a derivative, or "= ..." going on) and what else the reader found (a left
side that is a side computation, a helper's definition, a second exercise).  A ``Document`` is
the steps and the names the author used.
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Expr, Symbol

from ..parse import ParseError


@dataclass(frozen=True)
class Step:
    index: int  # 1-based, in the order the steps appear
    order: int | None  # 0 for "g(z) =", 1 for "g'(z) =", ...; None for "= ..."
    text: str  # the right-hand side as written
    latex: bool
    offset: int = 0  # characters before ``text`` in its source row: columns count from the row
    #: the right-hand side read in the canonical notation: g(v) is the activation,
    #: Derivative(g(v), (v, k)) its k-th derivative, Derivative(e, v) an unevaluated d/dv
    #: (None: unreadable, and ``error`` says why)
    expr: Expr | None = None
    error: ParseError | None = None
    remark: str = ""  # the reading chosen where a text reads two ways, when it matters
    row: int = 0  # 1-based line of the source text the step starts on (0: unknown)
    #: the left side read, where it is a derivative written out (d/dz (1 + e^{-z}) = ...,
    #: σ'(z) = ... in a derivation of g): the step may be a side computation, true to its left side
    claim: Expr | None = None
    claim_text: str = ""  # that left side as written
    #: the text left of its '=' where that is a step of its own, not a left side (A in "A = B"):
    #: an A that cannot be read may have named what B is, so B is then not called wrong
    left: str = ""
    #: a second exercise: g(z) = ... defines g anew, the lines after it are checked against it
    anew: bool = False
    #: the helper function this row defines (s in s(z) = 1/(1 + e^{-z}) before g(z) = z s(z)), its
    #: value ``expr``: shown as defining it, not graded, no step of g's chain
    helper: str = ""
    #: (text, LaTeX) name of a second exercise's function where it is another than the document's
    #: (σ, then g): its lines' left sides are written with it; () the document's
    function_names: tuple[str, str] = ()


@dataclass(frozen=True)
class Document:
    """A hand derivation read: its steps and the names its author used."""

    steps: tuple[Step, ...]
    var: Symbol  # the variable as written (z, x, t), a real Symbol
    function: str = "g"  # the function's name as written in text: g, f, σ, tanh, y
    function_latex: str = "g"  # the same in LaTeX: g, f, \sigma, \tanh
    latex: bool = False
