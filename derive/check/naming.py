"""The author's names: which function and variable a hand derivation is about, and how they are spelled.

The function and its variable come from the first definition (``g(z) =``, ``f(x) :=``,
``\\sigma(x) =``, ``y =``), else from the first derivative's left side (``\\sigma'(x) =``,
``dy/dx =``), else from the caller; a later definition that uses the first one's function
(σ(z) = ..., then g(z) = z σ(z)) names the function.  Names are spelled back as written
(σ, ``\\sigma``; ReLU, ``\\operatorname{ReLU}``).
"""

from __future__ import annotations

import re

from ..parse.left import LeftSide
from ..parse.tokens import GREEK


_SPELLING = {"sigma": ("σ", "\\sigma"), "tanh": ("tanh", "\\tanh"), "sigmoid": ("sigmoid", "\\operatorname{sigmoid}")}
_GREEK_LETTER = {v: k for k, v in GREEK.items()}


def spelled(name: str) -> tuple[str, str]:
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


def names_of(pieces, var: str | None, function_name: str | None) -> tuple[str, str]:
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
    text_name, latex_name = spelled(first.name)
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
