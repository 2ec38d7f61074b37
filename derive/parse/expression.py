"""Text in, a SymPy expression out: ``parse``, and the ``Parser`` it runs, assembled from its parts.

``grammar`` is the core (sums, products, powers, atoms; the bounds on the work); ``names`` reads
a name (the variable, a parameter, a constant, a function), ``calls`` a function applied (its
superscript and arguments), ``commands`` LaTeX's ``\\frac`` and ``\\sqrt`` and typed ``√``,
``sentences`` the words of a hand derivation's steps (pieces as a sentence), ``notation`` its
notation (the author's function, its derivatives, d/dz, cases).  Each is a class of methods on
the one state that ``Parser.__init__`` sets.  Nothing evaluates the input.
"""

from __future__ import annotations

from functools import lru_cache

from ..engine.functions import variable
from .calls import Calls
from .commands import Commands
from .functions import FUNCTION_NAMES, function_table
from .grammar import CLOSERS, Grammar
from .latex import tokenize_latex
from .names import GREEK_NAMES, RESERVED, Names
from .notation import Notation
from .sentences import Sentences
from .tokens import MAX_LENGTH, tokenize

__all__ = ["FUNCTION_NAMES", "GREEK_NAMES", "RESERVED", "Parser", "parse"]

_functions = lru_cache(maxsize=1)(function_table)


def parse(text: str, *, var: str = "z", params: dict | None = None, source: str | None = None,
          allow_parameters: bool = True, notation: bool = False, latex: bool = False,
          function: str | None = None, max_length: int = MAX_LENGTH):
    """The SymPy expression that ``text`` writes, in the real variable ``var``.

    ``params`` maps a parameter's name to its value or its Symbol; any other name
    becomes a real constant Symbol (unless ``allow_parameters`` is False).  ``source``
    is what the user typed when ``text`` was converted from it: errors quote it.

    ``latex`` reads LaTeX.  ``notation`` admits the notation of a hand derivation
    (``derive check``): ``function`` (default ``g``) is the activation, written g(z) in
    the result; its derivatives; ``d/dz (...)`` an unevaluated derivative.
    """
    return Parser(text, var=var, params=params, source=source, allow_parameters=allow_parameters,
                  notation=notation, latex=latex, function=function, max_length=max_length).run()


class Parser(Grammar, Names, Calls, Commands, Sentences, Notation):
    """One text being read: ``__init__`` sets the state (tokens, position, names) that the methods
    of its bases read and advance."""

    def __init__(self, text, *, var="z", params=None, source=None, allow_parameters=True, notation=False,
                 latex=False, function=None, max_length=MAX_LENGTH, quotients=None, helpers=None):

        self.text = text
        self.source = source
        if latex:
            self.tokens = tokenize_latex(text, max_length=max_length)
        else:
            self.tokens = tokenize(text, source=source, max_length=max_length)
        self.i = 0
        self.depth = 0
        self.abs_open = 0
        self.exponents = 0  # typed exponents being read (a superscript inside one reads two ways)
        self.functions = _functions()
        self.var = variable(var)
        self.params = dict(params or {})
        self.allow_parameters = allow_parameters
        self.notation = notation
        self.latex = latex
        self.loose = latex or notation  # \tanh 2z, tanh x: an argument without brackets
        #: the brackets: a typed formula has only ( ); notes also [ ] and, in LaTeX, { } and \{ \}
        self.closers = CLOSERS if self.loose else {"(": ")"}
        self.function = (function or "g") if notation else None
        self.made: dict[str, object] = {}
        self.remarks: list[str] = []
        self.factors: list = []  # the factors of the last product read (for d/dz's remark)
        self.bare = self.function is not None and self._written_bare()
        #: (numerator, denominator) -> value of a Leibniz quotient in a letter the text names
        #: (("sigma", "u"): dσ/du, ("u", "z"): du/dz after u = 1 + e^{-z}), from ``derive.check.document``
        self.quotients = dict(quotients or {}) if notation else {}
        #: name -> its expression in the variable, for each helper function the text defines on a row
        #: of its own (s(z) = 1/(1 + e^{-z}) before g(z) = z s(z)), from ``derive.check.document``:
        #: s(2z) is that expression at 2z, s'(z) its derivative
        self.helpers = dict(helpers or {}) if notation else {}
        if self.helpers:
            self.functions = {**self.functions, **{name: (1, 1, self.helper_builder(value))
                                                   for name, value in self.helpers.items()}}
