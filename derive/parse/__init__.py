"""Text in, expressions out: typed formulas and the LaTeX of lecture notes.

Nothing here evaluates the input.  ``tokens`` cuts typed text into numbers, names and
operators, ``latex`` cuts LaTeX into the same tokens; ``expression`` builds a SymPy
expression from them with a small grammar whose only names are a fixed whitelist
(``functions``), assembled from ``grammar``, ``names``, ``calls``, ``commands`` and
``sentences``; ``leibniz`` reads d/dz written as a fraction; ``notation`` the notation
of hand derivations (the author's function, its derivatives, cases).  For ``derive
check``, ``layout`` finds the rows of mathematics in a text (``row``, ``prose``,
``plain``, ``displays``, ``annotations``) and ``left`` what a left side names.  ``sympify``, ``parse_expr`` and ``eval`` are never called: they run Python code
from the string.
"""

import re

from .errors import ParseError
from .expression import parse
from .latex import looks_like_latex

__all__ = ["ParseError", "looks_like_latex", "parse", "read"]


_NAMED = re.compile(r"^\s*(?:[A-Za-z]|\\[A-Za-z]+)\s*\(\s*[A-Za-z]\w*\s*\)\s*(?::=|=)(?!=)")


def read(text: str, **options):
    """An expression from typed text or LaTeX (recognised by a backslash or a brace).

    A leading ``g(z) =`` (or ``f(x) =``, ``\\sigma(x) :=``) is the name of the function, not part of it.
    """
    latex = options.pop("latex", None)
    named = _NAMED.match(text)
    if named:
        text = " " * named.end() + text[named.end():]  # columns still count from the start
    if latex or (latex is None and looks_like_latex(text)):
        return parse(text, latex=True, **options)
    return parse(text, **options)
