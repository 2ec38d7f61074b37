"""One step's right-hand side read by ``derive.parse``'s grammar in the author's names.

Read once (a class writes the same lines: ``memo``), never deeper than the stack allows; and
whether two readings are the same function (the engine's numeric comparison).
"""

from __future__ import annotations

from sympy import Expr, Symbol

from ..engine.verify import numeric_compare
from ..parse import ParseError
from ..parse.expression import Parser
from .memo import Memo

MAX_STEP = 4000  # characters in one step


#: (text, variable, LaTeX or not, function name, quotients, helpers) -> (expression, remark, error):
#: a class writes the same lines (``memo``)
_READ = Memo("steps read", 4096)


def read_once(text: str, var_name: str, latex: bool, name: str, quotients: dict | None = None,
              helpers: tuple = ()) -> tuple[Expr | None, str, ParseError | None]:
    known = tuple(sorted(quotients.items())) if quotients else ()
    try:
        return _READ.get((text, var_name, latex, name, known, helpers),
                         lambda: _read(text, var_name, latex, name, quotients, helpers))
    except RecursionError:  # not remembered: how deep is too deep depends on the caller's stack
        return None, "", ParseError("nested too deeply to read")


def _read(text: str, var_name: str, latex: bool, name: str, quotients: dict | None = None,
          helpers: tuple = ()) -> tuple[Expr | None, str, ParseError | None]:
    """One step's right-hand side read in the author's names: (expression, remark, None),
    or (None, "", why it is unreadable)."""
    try:
        parser = Parser(text, var=var_name, notation=True, latex=latex, function=name, max_length=MAX_STEP,
                        quotients=quotients, helpers=dict(helpers))
        expr = parser.run()
        return expr, "; ".join(dict.fromkeys(parser.remarks)), None
    except ParseError as e:
        return None, "", e


def same_function(a: Expr, b: Expr, z: Symbol) -> bool:
    """Whether a and b agree at the sample points of both signs (or cannot be told apart
    there): the engine's numeric comparison, no counterexample."""
    return numeric_compare(a, b, z).verdict != "wrong"
