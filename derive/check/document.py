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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sympy import Derivative, Expr, Piecewise, Symbol, diff, exp, simplify, tanh

from ..engine.functions import g, sigmoid, variable
from ..engine.verify import numeric_compare
from ..parse import ParseError
from ..parse.expression import FUNCTION_NAMES, GREEK_NAMES, Parser
from ..parse.layout import DocumentError, Row, rows, split_equals
from ..parse.left import LeftSide, left_side
from ..parse.tokens import GREEK
from .memo import Memo

__all__ = ["Document", "DocumentError", "Step", "clash", "read_document", "read_steps"]

MAX_TEXT = 100_000  # characters in one derivation
MAX_STEPS = 200
MAX_STEP = 4000  # characters in one step


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



def read_document(text: str, *, var: str | None = None, function_name: str | None = None) -> Document:
    """The steps of ``text``, each read into an expression (or its reason for being unreadable)."""
    pieces = _pieces(text)
    name, var_name = _names(pieces, var, function_name)
    pieces = _without_the_variable_named(pieces, var_name, name)
    if not pieces:
        raise DocumentError("there is no derivation in the text")
    if var is not None and var_name != var:  # --var names the variable only where the text does not
        raise DocumentError(f"the text is written in {var_name}, but --var says {var}: leave --var out "
                            f"(it names the variable when the text does not show it)")
    second = _second_function(pieces, name, var_name) if function_name is None else None
    if second is None:
        steps = _steps_of(pieces, name, var_name)
    else:  # σ(z) = ..., σ'(z) = ..., then g(z) = ..., g'(z) = ...: each exercise read in its own names
        steps = _steps_of(pieces[:second], name, var_name)
        other = pieces[second][1].name
        later = _steps_of(pieces[second:], other, var_name)
        steps += [replace(step, index=step.index + len(steps), anew=step.anew or k == 0,
                          function_names=_spelled(other)) for k, step in enumerate(later)]
    text_name, latex_name = _spelled(name)
    return Document(tuple(steps), variable(var_name), text_name, latex_name,
                    latex=any(s.latex for s in steps))


def _without_the_variable_named(pieces, var: str, name: str):
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


def _second_function(pieces, name: str, var: str) -> int | None:
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
        spellings = "|".join(re.escape(n) for n in dict.fromkeys((*_spelled(lhs.name), lhs.name)))
        named = re.compile(r"(?<![A-Za-z\\])(?:%s)(?![A-Za-z])" % spellings)
        if any(named.search(p.text or "") or named.search(p.left or "") for p, _ in pieces[:k]):
            return None
        return k
    return None


def _steps_of(pieces, name: str, var_name: str) -> list[Step]:
    """The steps of one exercise's pieces, read with ``name`` as the author's function."""
    pieces, claims = _claims(_kept(pieces, name))
    defining = _helpers(pieces, claims, name, var_name)  # s(z) = ... before g(z) = z s(z): a helper
    helpers = tuple(sorted((helper, value) for helper, value in defining.values()))
    lets = _lets(pieces, claims, name, var_name, helpers)  # u = 1 + e^{-z}: a name for an expression
    quotients = _quotients(pieces, claims, lets, name, var_name, helpers)  # dσ/du, du/dz after u = ...
    steps = []
    used = []  # the pieces that are steps
    for k, ((piece, lhs), claim) in enumerate(zip(pieces, claims)):
        if any(start <= k < start + width for start, (_, _, width) in lets.items()):
            continue
        if k in defining:  # shown as defining the helper: given, not worked out, no step of g's chain
            helper, value = defining[k]
            steps.append(Step(len(steps) + 1, None, piece.text, piece.latex, piece.offset, expr=value,
                              row=piece.row, claim_text=claim, helper=_spelled(helper)[0]))
            used.append(piece)
            continue
        order = lhs.order if claim is not None else _order(lhs, piece, name)
        expr, remark, error = _read_once(piece.text, var_name, piece.latex, name, quotients, helpers)
        error = error.shifted(piece.offset) if error is not None else None  # columns from the row's start
        claimed = _read_once(claim, var_name, piece.latex, name, quotients, helpers)[0] if claim is not None else None
        swaps = _lets_at(lets, k)
        if claim is not None and claimed is None:
            named_prime = re.fullmatch(r"\s*([A-Za-z])\s*('+)\s*(?:\(\s*%s\s*\))?\s*" % re.escape(var_name), claim)
            letter = Symbol(named_prime.group(1), real=True) if named_prime else None
            if letter is not None and letter in swaps:  # u' = -e^{-z}, u named above
                claimed = Derivative(swaps[letter], (variable(var_name), len(named_prime.group(2))))
            else:  # never checked against g' instead: what the line equals is not known
                other = lhs is not None and lhs.kind == "function" and lhs.name != name and lhs.var is not None
                expr, error = None, ParseError(f"its left side {claim.strip()[:40]} cannot be read" + (
                    f" (a function other than {_spelled(name)[0]}: a second derivation is checked in a file "
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
    steps = _on_pieces(steps, used, var_name, name)
    steps = _exercises(steps, used, var_name)
    return _new_names(steps, variable(var_name))


#: (text, variable, LaTeX or not, function name, quotients, helpers) -> (expression, remark, error):
#: a class writes the same lines (``memo``)
_READ = Memo("steps read", 4096)


def _read_once(text: str, var_name: str, latex: bool, name: str, quotients: dict | None = None,
               helpers: tuple = ()) -> tuple[Expr | None, str, ParseError | None]:
    known = tuple(sorted(quotients.items())) if quotients else ()
    try:
        return _READ.get((text, var_name, latex, name, known, helpers),
                         lambda: _read(text, var_name, latex, name, quotients, helpers))
    except RecursionError:  # not remembered: how deep is too deep depends on the caller's stack
        return None, "", ParseError("nested too deeply to read")


def _helpers(pieces, claims, name: str, var: str) -> dict:
    """{index of the piece: (the helper's name, its expression in the variable)} for each helper
    function the text defines on a row of its own and uses elsewhere: s(z) = 1/(1 + e^{-z})
    before or after g(z) = z s(z) ("Let s(z) = ...", "where s(z) = ..." too); s(2z) and s'(z) in
    the other lines are then that function and its derivative.  A name the grammar already
    reads (σ, tanh, Φ, φ, softplus) keeps its meaning: its row is a side computation, checked
    against it.  Only the first row for a name defines it (a later one is checked against it);
    a helper in terms of a helper defined on a later row is read once that one is known."""
    rows = {}
    for k, ((piece, lhs), claim) in enumerate(zip(pieces, claims)):
        if claim is not None and lhs is not None and lhs.kind == "function" and lhs.order == 0 \
                and lhs.var is not None and lhs.name not in (name, var, lhs.var, "phi") \
                and lhs.name not in FUNCTION_NAMES and piece.condition is None and not piece.continues \
                and lhs.name not in (n for n, _ in rows.values()) and _used_elsewhere(pieces, claims, k, lhs.name):
            rows[k] = (lhs.name, lhs.var)
    out: dict = {}
    while True:  # each pass reads the rows whose helpers are known
        known = tuple(sorted(out.values()))
        found = False
        for k, (helper, written_in) in rows.items():
            if k in out:
                continue
            piece = pieces[k][0]
            value = _read_once(piece.text, written_in, piece.latex, name, None, known)[0]
            z, u = variable(var), variable(written_in)
            if value is None or value.has(g(u)) or value.has(Derivative) or (u != z and value.has(z)):
                continue
            out[k] = (helper, _named(value.xreplace({u: z}), z))
            found = True
        if not found:
            return out


def _named(value: Expr, z: Symbol) -> Expr:
    """σ(z) or tanh(z) where a helper is one of them written out (s(z) = 1/(1 + e^{-z})): its
    lines then read as with σ (the product rule in z s(z), not the quotient rule in
    z/(1 + e^{-z})); else the helper's expression."""
    for known in (sigmoid(z), tanh(z)):
        if _same_function(value, known, z) and simplify((value - known).rewrite(exp)) == 0:
            return known
    return value


def _used_elsewhere(pieces, claims, k: int, helper: str) -> bool:
    """Whether a line about another function than ``helper`` (its left side, or the left side its
    "= ..." rows go on from) applies ``helper``: s(...), s'(...).  A function only its own lines
    use is no helper (σ(z) = ..., σ'(z) = σ(z)(1 - σ(z)), then g(z) = tanh z, g'(z) = 1 - g(z)^2:
    two exercises)."""
    text_name, latex_name = _spelled(helper)
    spellings = "|".join(re.escape(n) for n in dict.fromkeys((text_name, latex_name, helper)))
    applied = re.compile(r"(?<![A-Za-z\\])(?:%s)\s*(?:'|\^|\(|\\left|\{)" % spellings)
    about = None  # the function the current line is about (None: the author's, by the text's first lines)
    for j, ((piece, lhs), claim) in enumerate(zip(pieces, claims)):
        if lhs is not None and not piece.continues:
            about = lhs.name if lhs.kind == "function" else None
        if j != k and about != helper and any(applied.search(text or "") for text in (piece.text, claim)):
            return True
    return False


def _lets(pieces, claims, name: str, var: str, helpers: tuple = ()) -> dict:
    """{index of the piece: (letter, expression, pieces it takes)} for each name the text gives an
    expression (u = 1 + e^{-z}, "Let u = ...", "..., where u = ...")."""
    first = next((k for k, ((piece, lhs), claim) in enumerate(zip(pieces, claims))
                  if claim is None and _order(lhs, piece, name) == 0), None)
    definition = _read_once(pieces[first][0].text, var, pieces[first][0].latex, name, None, helpers)[0] \
        if first is not None else None
    out = {}
    for k in range(len(pieces)):
        let = _let(pieces, k, name, var, definition, helpers)
        if let is not None and not any(s <= k < s + w for s, (_, _, w) in out.items()):
            out[k] = let
    return out


def _quotients(pieces, claims, lets: dict, name: str, var: str, helpers: tuple = ()) -> dict:
    """{(numerator, denominator): value} of the Leibniz quotients a substitution u = U(z) gives
    (dσ/du = F'(U(z)) where F(u) is g written in u, F(U(z)) = g(z); du/dz = U'(z)), for each
    letter named once; none where g cannot be written in u alone."""
    named: dict = {}
    for letter, value, _ in lets.values():
        named[letter] = value if letter not in named else None  # named twice: which one is not guessed
    first = next((k for k, ((piece, lhs), claim) in enumerate(zip(pieces, claims))
                  if claim is None and _order(lhs, piece, name) == 0), None)
    if first is None or not named:
        return {}
    definition = _read_once(pieces[first][0].text, var, pieces[first][0].latex, name, None, helpers)[0]
    z = variable(var)
    out = {}
    for letter, value in named.items():
        if value is None or definition is None or not value.has(z) or definition.has(g(z)) \
                or definition.has(Derivative):
            continue
        out[(str(letter), var)] = diff(value, z)
        written = definition.subs(value, letter)  # g in u: 1/(1 + e^{-z}) is 1/u
        if written.has(letter) and not written.has(z) \
                and (written.xreplace({letter: value}) == definition
                     or simplify(written.xreplace({letter: value}) - definition) == 0):
            out[(name, str(letter))] = diff(written, letter).xreplace({letter: value})
    return out


def _lets_at(lets: dict, k: int) -> dict:
    """The expression each letter stands for at piece k: the nearest name given before it, else the
    first given after it (", where u = ..." follows the line that uses u)."""
    out: dict = {}
    for start in sorted(lets, key=lambda s: (s > k, -s if s < k else s)):
        letter, value, _ = lets[start]
        if value is not None:
            out.setdefault(letter, value)
    return {letter: value.xreplace({o: v for o, v in out.items() if o != letter}) for letter, value in out.items()}


def _let(pieces, k: int, name: str, var: str, definition: Expr | None, helpers: tuple = ()):
    """(the letter, its expression, how many pieces) where pieces[k] names an expression with a
    letter of its own (u = 1 + e^{-z}, "Let v = ...", "where u = ..."), else None.  A letter that
    is a parameter of the definition (k = 2 after g(z) = σ(kz)) is no such name: the row is a
    remark, its expression None."""
    piece, lhs = pieces[k]
    if not (piece.candidate and lhs is not None and lhs.kind == "function" and lhs.order == 0 and lhs.var is None
            and len(lhs.name) == 1 and lhs.name.isascii() and lhs.name not in (name, var, "e", "d")
            and piece.condition is None and k + 1 < len(pieces) and pieces[k + 1][1] is lhs):
        return None
    letter = Symbol(lhs.name, real=True)
    if definition is None:
        return None
    width = 2
    while k + width < len(pieces) and pieces[k + width][0].continues and pieces[k + width][0].row == piece.row:
        width += 1  # u = 1 + e^{-z} = ...: the rest of the row says more about u
    if definition.has(letter):
        return letter, None, width  # "with k = 2": a parameter's value, a remark (k stays a symbol)
    value, _, error = _read_once(pieces[k + 1][0].text, var, pieces[k + 1][0].latex, name, None, helpers)
    if value is None or value.has(letter):
        return None
    return letter, value, width


def _claims(pieces):
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


def read_steps(text: str) -> list[Step]:
    """The steps of ``text``, not yet read (order as far as the left sides tell)."""
    pieces = _pieces(text)
    name, _ = _names(pieces, None, None)
    pieces, claims = _claims(_kept(pieces, name))
    return [Step(i + 1, lhs.order if claim is not None else _order(lhs, piece, name), piece.text, piece.latex,
                 piece.offset, row=piece.row) for i, ((piece, lhs), claim) in enumerate(zip(pieces, claims))]


def _exercises(steps: list[Step], pieces: list["_Piece"], var: str) -> list[Step]:
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
        if _same_function(step.expr, current, z):
            continue
        steps[k] = replace(step, anew=True)
        current, derived = step.expr, False
    return steps


def _new_names(steps: list[Step], z: Symbol) -> list[Step]:
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
    if _same_function(defined, function, z):
        return None
    return (f"the text {shown}, but --function {spec} is another function: leave --function out "
            f"(it names the function when the text does not define it)")


def _same_function(a: Expr, b: Expr, z: Symbol) -> bool:
    """Whether a and b agree at the sample points of both signs (or cannot be told apart
    there): the engine's numeric comparison, no counterexample."""
    return numeric_compare(a, b, z).verdict != "wrong"


# --- pieces: "for z < 0:" and the steps under it ------------------------------

def _on_pieces(steps: list[Step], pieces: list["_Piece"], var: str, name: str) -> list[Step]:
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


# --- names ------------------------------------------------------------------

_SPELLING = {"sigma": ("σ", "\\sigma"), "tanh": ("tanh", "\\tanh"), "sigmoid": ("sigmoid", "\\operatorname{sigmoid}")}
_GREEK_LETTER = {v: k for k, v in GREEK.items()}


def _spelled(name: str) -> tuple[str, str]:
    if name in _SPELLING:
        return _SPELLING[name]
    if name in _GREEK_LETTER:
        return _GREEK_LETTER[name], "\\" + name
    if len(name) > 1:  # ReLU(z) = ..., \operatorname{softplus}(z) = ...: an activation's own name
        return name, "\\operatorname{%s}" % name
    return name, name


def _canonical(name: str) -> str:
    name = name.strip().lstrip("\\")
    name = GREEK.get(name, name)
    return {"σ": "sigma"}.get(name, name)


def _names(pieces, var: str | None, function_name: str | None) -> tuple[str, str]:
    """(the function's name as the grammar reads it, the variable's name)."""
    sides = [lhs for piece, lhs in pieces if piece.candidate]
    named = _canonical(function_name) if function_name else None
    chosen = None
    if named is None:
        chosen = next((s for s in sides if s.order == 0 and s.var is not None), None) \
            or next((s for s in sides if s.order > 0), None) \
            or next((s for s in sides if s.order == 0), None)
        chosen = _defined_with(pieces, chosen) or chosen
        named = chosen.name if chosen is not None else "g"
    found = chosen.var if chosen is not None and chosen.var else None
    if found is None:
        found = next((s.var for s in sides if s.name == named and s.var), None)
    if found is None:
        found = next((lhs.var for _, lhs in pieces if lhs is not None and lhs.var), None)
    if found is None:  # y = 1/(1 + e^{-x}): the one letter of the definition
        found = _lone_letter([p.text for p, lhs in pieces if lhs is not None and not p.candidate
                              and lhs.name == named and lhs.order == 0], named)
    return named, found or var or "z"


def _defined_with(pieces, first: LeftSide | None) -> LeftSide | None:
    """The left side of a later definition whose right side uses the first one's function:
    σ(z) = 1/(1 + e^{-z}), then g(z) = z σ(z) defines g (swish), σ is a helper it names; else None."""
    if first is None:
        return None
    text_name, latex_name = _spelled(first.name)
    uses = re.compile(r"(?<![A-Za-z\\])(?:%s)(?![A-Za-z])" % "|".join(
        re.escape(n) for n in dict.fromkeys((text_name, latex_name, first.name))))
    for k, (piece, lhs) in enumerate(pieces[:-1]):
        if piece.candidate and lhs is not first and lhs.order == 0 and lhs.var is not None \
                and lhs.name != first.name and pieces[k + 1][1] is lhs and uses.search(pieces[k + 1][0].text):
            return lhs
    return None


def _lone_letter(texts: list[str], name: str) -> str | None:
    """The one letter a definition y = ... is written in, if there is exactly one."""
    for text in texts[:1]:
        letters = set(re.findall(r"(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])", text)) - {"e", "d", name}
        if len(letters) == 1:
            return letters.pop()
    return None


def _kept(pieces, name: str):
    """The pieces without the left sides that name the author's function (g(z) in g(z) = ...)."""
    return [(piece, lhs) for piece, lhs in pieces if not (piece.candidate and lhs.name == name)]


def _order(lhs: LeftSide | None, piece: "_Piece", name: str) -> int | None:
    if piece.candidate:
        return None
    if lhs is None or piece.continues:
        return None
    if lhs.kind == "expression" or lhs.name == name:
        return lhs.order
    return None


# --- cutting the text into pieces -------------------------------------------

@dataclass(frozen=True)
class _Piece:
    text: str
    offset: int
    row: int
    latex: bool
    continues: bool  # a "= ..." piece: the left side belongs to an earlier piece
    candidate: bool = False  # a left side naming a function: a step only if not the author's
    left: str | None = None  # the left side's text (for d/dz of an expression)
    condition: "Row | None" = None  # the heading ("for z < 0:") the step is under


def _pieces(text: str) -> list[tuple[_Piece, LeftSide | None]]:
    """Each step's text with the left side that names it (None for "= ...")."""
    if len(text) > MAX_TEXT:
        raise DocumentError(f"the derivation is {len(text)} characters long; at most {MAX_TEXT} are read")
    out: list[tuple[_Piece, LeftSide | None]] = []
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
            out.append((_Piece(first, lead, row.line, row.latex, False, candidate=lhs is not None,
                               condition=heading), lhs))
        for i, segment in enumerate(rest):
            stripped = segment.strip()
            lead = len(segment) - len(segment.lstrip())
            if stripped:
                out.append((_Piece(stripped, offset + lead, row.line, row.latex, continues=i > 0 or lhs is None,
                                   condition=heading, left=first if i == 0 and first else None),
                            lhs if i == 0 else None))
            offset += len(segment) + 1
            if len(out) > MAX_STEPS:
                raise DocumentError(f"more than {MAX_STEPS} steps")
    if not out:
        raise DocumentError("there is no derivation in the text")
    return out
