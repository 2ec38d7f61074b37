"""Where g is made of pieces (ReLU, ELU, softsign) or has two sides of 0: the regions, the
piece of g in each, and the slips said per piece (wrong on every piece, a square root that
is |u| on one side)."""

from __future__ import annotations

from sympy import Abs, And, Expr, Float, Gt, Lt, Not, Piecewise, Pow, S, Symbol, piecewise_fold

from ...engine.verify import close
from ..equality import POINTS
from .situation import Diagnosis, Situation
from .values import BEYOND_SAMPLE, constant_value, same_values, sample_values
from .words import condition_words, formula, in_parameters, short


def root_sign(s: Situation, points: list, where: list[str]) -> str | None:
    """A square root written for what may be negative: √(−ln g(z)) for z in the Gaussian is |z|.
    Said only where the line with that root negated is right wherever the line is wrong and the
    root's value is |u| (what it was meant to be is then u)."""
    z = s.z
    for p in sorted(s.written.atoms(Pow), key=str):
        if p.exp != S.Half or not p.has(z):
            continue
        if not same_values(sample_values(s.value(s.written.xreplace({p: -p})), z, points), sample_values(s.C, z, points)):
            continue
        factor, bars = s.value(p).as_independent(z, as_Add=False)
        if isinstance(bars, Abs) and factor.is_positive:
            u = bars.args[0]
            shown, meant = (f"|{formula(u, s)}|", formula(u, s)) if factor == 1 else (
                f"{formula(factor, s)}·|{formula(u, s)}|", f"{formula(factor, s)}·{formula(u, s)}")
            return (f"{formula(p, s)} = {shown}, not {meant}: a square root is never negative, so for "
                    f"{' and '.join(where)} the line has the wrong sign.")
    return None


def every_piece(s: Situation, wrong: list) -> Diagnosis | None:
    """Wrong on every piece, where on each the line and the right one are constants (ReLU' with
    its pieces swapped): each piece's value and the one it should have."""
    z, said, rights = s.z, [], []
    for condition, _, points, _ in wrong:
        w, c = constant_value(sample_values(s.W, z, points)), constant_value(sample_values(s.C, z, points))
        if w is None or c is None:
            return None
        said.append(f"for {condition_words(condition)} it is {_piece_value(s.W, w, points[0], s)}, it should be "
                    f"{_piece_value(s.C, c, points[0], s)}")
        rights.append(c)
    if all(close(c, rights[0]) for c in rights):
        return None  # one value everywhere (a step's derivative is 0): the general diagnosis says it better
    swapped = " (the pieces' values swapped)" if len(said) == 2 and all(
        close(constant_value(sample_values(s.W, z, a[2])), constant_value(sample_values(s.C, z, b[2])))
        for a, b in (wrong, wrong[::-1])) else ""
    return Diagnosis("unknown", f"This line is wrong on every piece{swapped}: " + "; ".join(said) + ".", None)


def _piece_value(expr: Expr, value: Float, point, s: Situation) -> str:
    """A piece's constant value as a message says it: the number, or where the lines have
    parameters the piece as written (a, not the value the diagnosis gave a)."""
    if not expr.free_symbols - {s.z}:
        return short(value)
    piece = _piece(expr, s.z, point)
    if piece is not None and not piece.has(s.z):
        return formula(piece, s)
    return in_parameters(value, s)


def regions_of(definition: Expr, z: Symbol) -> list[tuple[Expr, Expr | None, list]]:
    """(condition, the piece of g there, the sample points there): g's pieces, or the two
    sides of 0 where g has none to show."""
    pieces = piecewise_fold(definition.rewrite(Piecewise))
    if isinstance(pieces, Piecewise) and len(pieces.args) > 1:
        out, taken = [], set()
        for expr, condition in pieces.args:
            points = []
            for p in POINTS + BEYOND_SAMPLE:
                try:
                    holds = bool(condition.subs(z, p))
                except TypeError:
                    return _sides(definition, z)
                if holds and p not in taken:
                    points.append(p)
                    taken.add(p)
            cond = condition if condition != True else None  # noqa: E712 -- SymPy's true
            out.append((cond, expr, points))
        if all(c is not None for c, _, _ in out[:-1]):
            return [(c if c is not None else _otherwise(out, z), e, p) for c, e, p in out]
    return _sides(definition, z)


def _otherwise(regions, z: Symbol) -> Expr:
    return And(*(Not(c) for c, _, _ in regions if c is not None)).simplify()


def _sides(definition: Expr, z: Symbol) -> list[tuple[Expr, Expr | None, list]]:
    return [(Gt(z, 0), _piece(definition, z, POINTS[0]), [p for p in POINTS if p > 0]),
            (Lt(z, 0), _piece(definition, z, POINTS[1]), [p for p in POINTS if p < 0])]


def _piece(definition: Expr, z: Symbol, point) -> Expr | None:
    """The piece of g that holds at ``point``; None where g is one formula there."""
    pieces = piecewise_fold(definition.rewrite(Piecewise))
    if not isinstance(pieces, Piecewise):
        return None
    for expr, condition in pieces.args:
        try:
            if bool(condition.subs(z, point)):
                return expr
        except TypeError:
            return None
    return None
