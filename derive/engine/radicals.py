"""An exact test of 0 for expressions with radicals of z (sqrt(z^2 + 1), (1 + z^2)^{-3/2}).

Each radical b^{1/q} gets a symbol s, with the relation den(b) s^q = num(b); a radical of
a quotient whose denominator is positive is split first ((1/(1 + z^2))^{1/2} is
1/sqrt(1 + z^2): one symbol, not two unrelated ones).  The difference, over one
denominator, then has a numerator that is a polynomial in z and the symbols; it is
reduced by each relation, outermost radical first (pseudo-remainders: the leading
coefficient den(b) is not 0 where the radical is defined).  A remainder 0 proves the
difference is 0 wherever it is defined.  A remainder a + b w that is 0 only for the
principal root w of a square root (bent identity's nested sqrt(g^2 + g + 1)) is decided
by ``engine/principal_root.py``; anything else proves nothing ("not shown").

This settles in milliseconds what ``simplify`` settles in tens of them after importing
``sympy.physics.units`` on its first call (~100 ms of a cold run): the forms in g of
ISRU, squareplus and softsign's pieces.
"""

from __future__ import annotations

from sympy import Dummy, Expr, Poly, Pow, Rational, Symbol, cancel, expand, fraction, prem, preorder_traversal
from sympy.polys.polyerrors import BasePolynomialError

from .principal_root import principal_root_zero

#: at most this many radicals, and nodes in the difference: past them the reduction may
#: grow (bent identity's fourth derivative: a second per line), and simplify decides
MAX_RADICALS = 4
MAX_NODES = 400


def radical_zero(difference: Expr, var: Symbol) -> bool:
    """True when difference is shown to be identically 0 (see the module's docstring)."""
    if difference == 0:
        return True
    if _size(difference) > MAX_NODES:
        return False  # a line of a high order: the reduction would expand thousands of terms
    if not _has_radical(difference, var):
        if difference.is_rational_function(var) and not difference.is_polynomial(var):
            return cancel(difference) == 0  # softsign's pieces: fractions of z alone
        return False
    named: dict = {}  # (base, q) -> its symbol; a radical -> its replacement
    relations: list[tuple[Dummy, Expr]] = []  # (s, den s^q - num), innermost first
    rational = _named(difference, var, named, relations)
    if rational is None or len(relations) > MAX_RADICALS:
        return False
    symbols = {s for s, _ in relations}
    if rational.free_symbols - symbols - {var}:
        return False
    numerator, _ = fraction(cancel(rational))
    remainder = _reduced(numerator, relations, var)
    # a remainder a + b w: 0 for one sign of the square root w only (bent identity's form)
    return remainder == 0 or principal_root_zero(remainder, relations, var)


def _reduced(numerator: Expr, relations: list, var: Symbol) -> Expr:
    """numerator reduced by each relation, outermost radical first (pseudo-remainders);
    as polynomials in the symbols and var where it is one (bent identity's line: 2 ms,
    where expanding expressions between the steps took 6), as expressions otherwise."""
    gens = [s for s, _ in reversed(relations)] + [var]
    try:
        remainder = Poly(numerator, *gens)
        for k, (s, relation) in enumerate(reversed(relations)):
            if remainder.is_zero:
                break
            order = [s, *gens[:k], *gens[k + 1:]]  # prem acts on the first generator
            remainder = remainder.reorder(*order)
            if remainder.degree(s) > 0:
                remainder = remainder.prem(Poly(relation, *order))
        return remainder.as_expr()
    except BasePolynomialError:  # a coefficient that is no polynomial's: the expressions' way
        remainder = expand(numerator)
        for s, relation in reversed(relations):
            if remainder == 0:
                break
            if remainder.has(s):
                remainder = expand(prem(remainder, relation, s))
        return remainder


def has_nested_radical(expr: Expr, var: Symbol) -> bool:
    """Whether a radical of var has another in its base (sqrt(g^2 + g + 1), g with
    sqrt(z^2 + 1)): only this test can show such a difference is 0."""
    return any(_is_radical(p, var) and _has_radical(p.base, var) for p in expr.atoms(Pow))


def _is_radical(p: Pow, var: Symbol) -> bool:
    return p.base.has(var) and isinstance(p.exp, Rational) and not p.exp.is_Integer


def _size(expr: Expr) -> int:
    return sum(1 for _ in preorder_traversal(expr))


def _has_radical(expr: Expr, var: Symbol) -> bool:
    return any(_is_radical(p, var) for p in expr.atoms(Pow))


def _named(expr: Expr, var: Symbol, named: dict, relations: list) -> Expr | None:
    """expr with every radical replaced by a power of its symbol; None where a power is
    not a rational one of an expression in var (e^z, z^alpha: not for this test).
    ``named`` also keeps each radical's replacement under the radical itself: bent
    identity's line has sqrt(z^2 + 1) eight times, each base otherwise cancelled anew."""
    if expr.is_Atom:
        return expr
    if isinstance(expr, Pow) and expr.base.has(var) and not expr.exp.is_Integer:
        if expr not in named:
            named[expr] = _radical_named(expr, var, named, relations)
        return named[expr]
    args = [_named(a, var, named, relations) for a in expr.args]
    if any(a is None for a in args):
        return None
    return expr.func(*args)


def _radical_named(expr: Pow, var: Symbol, named: dict, relations: list) -> Expr | None:
    if not isinstance(expr.exp, Rational):
        return None
    base = _named(expr.base, var, named, relations)
    if base is None:
        return None
    cancelled = cancel(base)
    top, bottom = fraction(cancelled)
    p, q = expr.exp.p, expr.exp.q
    if bottom != 1 and not bottom.has(*(s for s, _ in relations)) and bottom.is_positive:
        # (a/b)^{p/q} = a^{p/q} / b^{p/q} for b > 0 (a of either sign, principal roots)
        return _root(top, q, var, named, relations) ** p * _root(bottom, q, var, named, relations) ** -p
    return _root(cancelled, q, var, named, relations) ** p


def _root(base: Expr, q: int, var: Symbol, named: dict, relations: list) -> Expr:
    """The symbol s with s^q = base (a constant base stays a number)."""
    if not base.free_symbols:
        return Pow(base, Rational(1, q))
    key = (base, q)
    if key not in named:
        s = Dummy("s")
        top, bottom = fraction(base)
        named[key] = s
        relations.append((s, expand(bottom * s**q - top)))
    return named[key]
