"""The names a hand derivation gives on its way, and what they stand for.

A helper function defined on a row of its own (s(z) = 1/(1 + e^{-z}) before g(z) = z s(z)): its
calls and derivatives in other lines are that function.  A letter for an expression (u = 1 +
e^{-z}, "Let v = ...", "..., where u = ..."): the lines that use it are read with it replaced,
and the Leibniz quotients it brings (dσ/du, du/dz) have their values.
"""

from __future__ import annotations

import re

from sympy import Derivative, Expr, Symbol, diff, exp, simplify, tanh

from ..engine.functions import g, sigmoid, variable
from ..parse.expression import FUNCTION_NAMES
from .naming import spelled
from .pieces import order_of
from .reading import read_once, same_function


def helpers_of(pieces, claims, name: str, var: str) -> dict:
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
            value = read_once(piece.text, written_in, piece.latex, name, None, known)[0]
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
        if same_function(value, known, z) and simplify((value - known).rewrite(exp)) == 0:
            return known
    return value


def _used_elsewhere(pieces, claims, k: int, helper: str) -> bool:
    """Whether a line about another function than ``helper`` (its left side, or the left side its
    "= ..." rows go on from) applies ``helper``: s(...), s'(...).  A function only its own lines
    use is no helper (σ(z) = ..., σ'(z) = σ(z)(1 - σ(z)), then g(z) = tanh z, g'(z) = 1 - g(z)^2:
    two exercises)."""
    text_name, latex_name = spelled(helper)
    spellings = "|".join(re.escape(n) for n in dict.fromkeys((text_name, latex_name, helper)))
    applied = re.compile(r"(?<![A-Za-z\\])(?:%s)\s*(?:'|\^|\(|\\left|\{)" % spellings)
    about = None  # the function the current line is about (None: the author's, by the text's first lines)
    for j, ((piece, lhs), claim) in enumerate(zip(pieces, claims)):
        if lhs is not None and not piece.continues:
            about = lhs.name if lhs.kind == "function" else None
        if j != k and about != helper and any(applied.search(text or "") for text in (piece.text, claim)):
            return True
    return False


def lets_of(pieces, claims, name: str, var: str, helpers: tuple = ()) -> dict:
    """{index of the piece: (letter, expression, pieces it takes)} for each name the text gives an
    expression (u = 1 + e^{-z}, "Let u = ...", "..., where u = ...")."""
    first = next((k for k, ((piece, lhs), claim) in enumerate(zip(pieces, claims))
                  if claim is None and order_of(lhs, piece, name) == 0), None)
    definition = read_once(pieces[first][0].text, var, pieces[first][0].latex, name, None, helpers)[0] \
        if first is not None else None
    out = {}
    for k in range(len(pieces)):
        let = _let(pieces, k, name, var, definition, helpers)
        if let is not None and not any(s <= k < s + w for s, (_, _, w) in out.items()):
            out[k] = let
    return out


def quotients_of(pieces, claims, lets: dict, name: str, var: str, helpers: tuple = ()) -> dict:
    """{(numerator, denominator): value} of the Leibniz quotients a substitution u = U(z) gives
    (dσ/du = F'(U(z)) where F(u) is g written in u, F(U(z)) = g(z); du/dz = U'(z)), for each
    letter named once; none where g cannot be written in u alone."""
    named: dict = {}
    for letter, value, _ in lets.values():
        named[letter] = value if letter not in named else None  # named twice: which one is not guessed
    first = next((k for k, ((piece, lhs), claim) in enumerate(zip(pieces, claims))
                  if claim is None and order_of(lhs, piece, name) == 0), None)
    if first is None or not named:
        return {}
    definition = read_once(pieces[first][0].text, var, pieces[first][0].latex, name, None, helpers)[0]
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


def lets_at(lets: dict, k: int) -> dict:
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
    value, _, error = read_once(pieces[k + 1][0].text, var, pieces[k + 1][0].latex, name, None, helpers)
    if value is None or value.has(letter):
        return None
    return letter, value, width
