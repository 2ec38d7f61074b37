"""g'(z) in a few words, as ``derive list`` shows it: in g (with conditions on g for
pieces); in g and z; or per piece.  Plain strings, no rich: ``derive list``'s workers
write them where each entry is derived, and only the strings travel back."""

from __future__ import annotations

from typing import NamedTuple

from sympy import true

from ..engine.derivation import Derivation
from .linear import linear as linear_form

#: significant digits of a long decimal in the table (SELU's λα), cut with an ellipsis
DIGITS = 12


class SlopeTexts(NamedTuple):
    """One entry's g' as the table shows it, for a terminal with Unicode and one without."""

    unicode: str
    ascii: str

    def shown(self, *, unicode: bool) -> str:
        return self.unicode if unicode else self.ascii


def slope_texts(d: Derivation) -> SlopeTexts:
    """The table's text of d, both ways (which one a terminal takes is known when it draws)."""
    return SlopeTexts(slope_summary(d, unicode=True), slope_summary(d, unicode=False))


def slope_summary(d: Derivation, *, unicode: bool = True) -> str:
    """g'(z) in a few words: in g (with conditions on g for pieces); in g and z; or per piece."""

    def linear(expr):
        return linear_form(expr, unicode=unicode, digits=DIGITS)

    if d.in_terms_of_g_cases:
        return "; ".join(f"{linear(form)} if {linear(condition)}" if condition is not true
                         else f"{linear(form)} on every piece"  # one form for all pieces (binary step's 0)
                         for form, condition in d.in_terms_of_g_cases)
    if d.branches:
        parts = []
        for b in d.branches:
            sub = b.derivation
            form = sub.in_terms_of_g if sub.in_terms_of_g is not None else sub.derivative
            parts.append(f"{linear(form)} if {linear(b.condition(d.var))}")
        return "; ".join(parts)
    if d.in_terms_of_g is not None:
        return linear(d.in_terms_of_g)
    if d.in_terms_of_g_and_z is not None:
        return linear(d.in_terms_of_g_and_z) + " (needs z)"
    return linear(d.derivative) + " (no form in g found)"
