"""The most likely mistake in a wrong line, named the way a teacher names it.

The wrong line W is compared with the value C it should have had (the derivative of
the line before, or the line before) at sample points, and with what common wrong
rules would have given from the line before: the product rule with a term missing,
both factors differentiated or a minus between the terms; the quotient rule with the
numerator reversed or the denominator not squared; a derivative from the table
misremembered (σ' = σ², tanh' = sech, tanh' = 1 + tanh², arctan' = 1/(1 − u²)); an
inner derivative u' missing or repeated (a number such as the 2 of e^{-2z} too); a
power off by one; the minus of the reciprocal rule dropped; (a ± b)² = a² ± b².  The
first candidate that equals W at every point names the kind; otherwise the ratio or
the difference may be a constant; otherwise ``unknown``.

Where g is made of pieces (ReLU, ELU, softsign) and the line is right on one side of
the kink only, the other side is named and diagnosed on its own.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field, replace
from typing import Callable

from sympy import (
    Abs,
    Add,
    And,
    Gt,
    Lt,
    Not,
    Derivative,
    Dummy,
    Expr,
    Float,
    Function,
    Heaviside,
    Interval,
    Max,
    Min,
    Mul,
    Piecewise,
    Pow,
    Rational,
    S,
    Symbol,
    atan,
    diff,
    exp,
    log,
    oo,
    sech,
    piecewise_fold,
    sign,
    tanh,
)

from ..engine import forms
from ..engine.functions import g, sigmoid
from ..engine.steps import split_fraction
from ..engine.verify import CASES, close, quick_float
from ..linear import linear
from .document import Step
from .equality import POINTS, points_key, value_at
from .memo import Memo

SAMPLE = POINTS[:10]
#: pieces are also looked at here, past the sample's ±4: a line right again far out (hard
#: sigmoid's breakpoints written ±4) is wrong on a part of a piece, not on all of it
BEYOND_SAMPLE = tuple(Float(v, 30) for v in ("4.61", "-4.61", "5.83", "-5.83", "7.37", "-7.37", "9.71", "-9.71",
                                              "12.9", "-12.9"))
_BEYOND_IDS = frozenset(id(p) for p in BEYOND_SAMPLE)
TINY = Float("1e-25")


@dataclass(frozen=True)
class Diagnosis:
    kind: str  # sign, chain_factor, exponent, quotient_rule, product_rule, elementary_derivative, ...
    message: str  # a sentence a student understands
    corrected: Expr | None = None  # what the line should read, in the canonical notation


KINDS = ("sign", "chain_factor", "exponent", "quotient_rule", "product_rule", "elementary_derivative",
         "algebra", "constant", "unknown")


@dataclass(frozen=True)
class Situation:
    """A wrong line and what it should have been."""

    written: Expr  # the line as read
    W: Expr  # its value
    C: Expr  # the value it should have: the derivative of the line before, or the line before
    before: Expr | None  # the line it follows from, as read (None: compared with g or g' itself)
    definition: Expr
    z: Symbol
    step: Step
    value: Callable[[Expr], Expr]  # a line's mathematics: g replaced, d/dz done
    forms_of_g: list[Expr] = field(default_factory=list)  # how the text wrote g before differentiating
    in_definition: bool = False  # a line of g's own definition chain
    function: str = "g"  # the author's name for g, for the messages
    given: bool = False  # g was given to the check (--function), not defined by the text


#: what a process remembers (``memo``): each a pure function of its key
_TABLE_FORMS = Memo("table forms", 256)
_VALUES = Memo("diagnosis values", 4096)
_DIAGNOSED = Memo("diagnoses", 1024)


def table_forms(definition: Expr, z: Symbol) -> list[Expr]:
    """g as a function of the table (σ(z), tanh(z), arctan(z)) when it is one, whatever
    form the text used: a student who misremembers σ' does so for σ, not for 1/(1 + e^{-z})."""
    return list(_TABLE_FORMS.get((definition, z), lambda: _table_forms(definition, z)))


def _table_forms(definition: Expr, z: Symbol) -> tuple[Expr, ...]:
    values = _values(definition, z, SAMPLE)
    return tuple(f(z) for f in (sigmoid, tanh, atan) if _same(values, _values(f(z), z, SAMPLE)))


def _values(expr: Expr, z: Symbol, points) -> tuple[Float | None, ...]:
    return _VALUES.get((expr, z, points_key(points)), lambda: _evaluated(expr, z, points))


def _evaluated(expr: Expr, z: Symbol, points) -> tuple[Float | None, ...]:
    """expr at the points; a free parameter (α, β, k) at a value of its own, the same in every
    expression a diagnosis compares (β missing is then a ratio of 1.37..., not undefined)."""
    free = expr.free_symbols - {z}
    if free:
        expr = expr.xreplace({p: _parameter_value(p.name) for p in free})
    # past the sample only the quick evaluation: a side may be slow to evaluate far out (e^(e^(e^z)))
    return tuple(quick_float(expr, {z: p}) if id(p) in _BEYOND_IDS else value_at(expr, z, p) for p in points)


def _parameter_value(name: str) -> Float:
    """A positive value in [0.6, 1.6) fixed by the parameter's name alone (crc32: no hash seed)."""
    return Float(Rational(600 + zlib.crc32(name.encode()) % 1000, 1000), 30)


def _same(a: list, b: list) -> bool:
    pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    return len(pairs) >= 5 and all(close(x, y) for x, y in pairs)


def _constant(values: list) -> Float | None:
    known = [v for v in values if v is not None]
    if len(known) >= 5 and all(close(v, known[0]) for v in known):
        return known[0]
    return None


def _multiple(w: list, c: list) -> Float | None:
    """r with w = r c at every point where both are defined, the zeros of c included (ReLU' with
    its pieces swapped is 0 where the right one is 1, and 1 where it is 0: no multiple), or None."""
    r = _constant(_divide(w, c))
    if r is None or any(x is not None and y is not None and abs(y) <= TINY and not close(x, r * y)
                        for x, y in zip(w, c)):
        return None
    return r


def _zero(values: list) -> bool:
    value = _constant(values)
    return value is not None and abs(value) < TINY


def _divide(a: list, b: list) -> list:
    return [x / y if x is not None and y is not None and abs(y) > TINY else None for x, y in zip(a, b)]


NON_SMOOTH = (Abs, Max, Min, Piecewise, Heaviside, sign)


def diagnose(s: Situation) -> Diagnosis:
    """The likeliest mistake; remembered for the same line after the same line (a class
    makes the same mistakes), keyed by everything a diagnosis reads (``s.value`` is a
    function of the definition and the variable)."""
    key = (s.written, s.W, s.C, s.before, s.definition, s.z, s.step.order, s.step.text, s.step.latex,
           tuple(s.forms_of_g), s.in_definition, s.function, s.given)
    return _DIAGNOSED.get(key, lambda: _diagnose(s))


def _diagnose(s: Situation) -> Diagnosis:
    found = None
    if any(s.definition.has(f) or s.W.has(f) for f in NON_SMOOTH):
        found = _one_side(s)
    if found is None:
        found = _diagnose_at(s, SAMPLE)
        if found.corrected is not None and not _same(_values(s.value(found.corrected), s.z, POINTS),
                                                     _values(s.C, s.z, POINTS)):
            found = replace(found, corrected=None)  # no corrected line rather than another wrong one
    return replace(found, corrected=_in_own_names(found.corrected, s)) if found.corrected is not None else found


def _in_own_names(corrected: Expr, s: Situation) -> Expr:
    """σ(z) written g(z) again where the line was written in g: the author's own name for it."""
    z = s.z
    if not s.written.has(g(z)):
        return corrected
    # also where the corrected line has g already (-2g(z)·(1 - tanh²(z)) after 1 - g(z)²): one name
    return corrected.xreplace({f: g(z) for f in table_forms(s.definition, z)})


def _one_side(s: Situation) -> Diagnosis | None:
    """Right on some pieces of g (or one side of 0), wrong on others: the wrong piece named,
    and the line diagnosed there alone."""
    z = s.z
    regions = _regions(s.definition, z)
    verdicts = []
    partly: set[int] = set()
    for condition, piece, points in regions:
        if len(points) >= 3:
            w, c = _values(s.W, z, points), _values(s.C, z, points)
            pairs = [(x, y) for x, y in zip(w, c) if x is not None and y is not None]
            verdicts.append((condition, piece, points, bool(pairs) and all(close(x, y) for x, y in pairs)))
            if pairs and not verdicts[-1][3] and any(close(x, y) for x, y in pairs):
                partly.add(len(verdicts) - 1)  # right at some points of the piece: wrong on a part of it
    right = [v for v in verdicts if v[3]]
    wrong = [v for v in verdicts if not v[3]]
    if not right and len(wrong) >= 2:
        return _every_piece(s, wrong)
    if not right or not wrong:
        return None
    condition, piece, points, _ = wrong[0]
    good = " and ".join(_condition(v[0]) for v in right)
    bad = " and for ".join(("part of " if verdicts.index(v) in partly else "") + _condition(v[0])
                           + (f" (where {_plain(g(z), s)} = {_plain(v[1], s)})" if v[1] is not None else "")
                           for v in wrong)
    head = f"This line is right for {good} but wrong for {bad}"
    everywhere = [p for v in wrong for p in v[2]]
    if _zero(_values(s.C, z, everywhere)) and s.step.order:
        return Diagnosis("elementary_derivative", f"{head}: there {_plain(g(z), s)} is a constant, and the "
                         "derivative of a constant is 0.", None)
    root = _root_sign(s, [p for v in wrong for p in v[2]], [_condition(v[0]) for v in wrong])
    if root is not None:
        return Diagnosis("algebra", f"{head}. Algebra: {root}", None)
    inner = _diagnose_at(s, tuple(points[:10])) if len(points) >= 5 else Diagnosis("unknown", "", None)
    if inner.kind == "unknown":
        if s.step.order and s.before is not None and _same(_values(s.W, z, points),
                                                            _values(s.value(s.before), z, points)):
            return Diagnosis("unknown", f"{head}: there this line is the function itself, not its derivative.",
                             None)
        return Diagnosis("unknown", f"{head}.", None)
    fixed = inner.corrected
    if fixed is not None and not _same(_values(s.value(fixed), z, POINTS), _values(s.C, z, POINTS)):
        fixed = None  # right on the wrong piece only: no corrected line rather than another wrong one
    return Diagnosis(inner.kind, f"{head}. {inner.message}", fixed)


def _root_sign(s: Situation, points: list, where: list[str]) -> str | None:
    """A square root written for what may be negative: √(−ln g(z)) for z in the Gaussian is |z|.
    Said only where the line with that root negated is right wherever the line is wrong and the
    root's value is |u| (what it was meant to be is then u)."""
    z = s.z
    for p in sorted(s.written.atoms(Pow), key=str):
        if p.exp != S.Half or not p.has(z):
            continue
        if not _same(_values(s.value(s.written.xreplace({p: -p})), z, points), _values(s.C, z, points)):
            continue
        factor, bars = s.value(p).as_independent(z, as_Add=False)
        if isinstance(bars, Abs) and factor.is_positive:
            u = bars.args[0]
            shown, meant = (f"|{_plain(u, s)}|", _plain(u, s)) if factor == 1 else (
                f"{_plain(factor, s)}·|{_plain(u, s)}|", f"{_plain(factor, s)}·{_plain(u, s)}")
            return (f"{_plain(p, s)} = {shown}, not {meant}: a square root is never negative, so for "
                    f"{' and '.join(where)} the line has the wrong sign.")
    return None


def _every_piece(s: Situation, wrong: list) -> Diagnosis | None:
    """Wrong on every piece, where on each the line and the right one are constants (ReLU' with
    its pieces swapped): each piece's value and the one it should have."""
    z, said, rights = s.z, [], []
    for condition, _, points, _ in wrong:
        w, c = _constant(_values(s.W, z, points)), _constant(_values(s.C, z, points))
        if w is None or c is None:
            return None
        said.append(f"for {_condition(condition)} it is {_piece_value(s.W, w, points[0], s)}, it should be "
                    f"{_piece_value(s.C, c, points[0], s)}")
        rights.append(c)
    if all(close(c, rights[0]) for c in rights):
        return None  # one value everywhere (a step's derivative is 0): the general diagnosis says it better
    swapped = " (the pieces' values swapped)" if len(said) == 2 and all(
        close(_constant(_values(s.W, z, a[2])), _constant(_values(s.C, z, b[2])))
        for a, b in (wrong, wrong[::-1])) else ""
    return Diagnosis("unknown", f"This line is wrong on every piece{swapped}: " + "; ".join(said) + ".", None)


def _piece_value(expr: Expr, value: Float, point, s: Situation) -> str:
    """A piece's constant value as a message says it: the number, or where the lines have
    parameters the piece as written (a, not the value the diagnosis gave a)."""
    if not expr.free_symbols - {s.z}:
        return _short(value)
    piece = _piece(expr, s.z, point)
    if piece is not None and not piece.has(s.z):
        return _plain(piece, s)
    return _in_parameters(value, s)


def _regions(definition: Expr, z: Symbol) -> list[tuple[Expr, Expr | None, list]]:
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


def _condition(condition: Expr) -> str:
    """z > 1, z ≤ -1, -1 < z < 1: a condition on the variable as an interval reads."""
    try:
        where = condition.as_set()
    except (NotImplementedError, TypeError, ValueError):
        return linear(condition)
    if not isinstance(where, Interval):
        return linear(condition)
    z = next(iter(condition.free_symbols))
    low = f"{linear(where.start)} {'<' if where.left_open else '≤'} " if where.start != -oo else ""
    high = f" {'<' if where.right_open else '≤'} {linear(where.end)}" if where.end != oo else ""
    if low and not high:
        return f"{z} {'>' if where.left_open else '≥'} {linear(where.start)}"
    return f"{low}{z}{high}"


def _diagnose_at(s: Situation, points) -> Diagnosis:
    z, step = s.z, s.step
    w, c = _values(s.W, z, points), _values(s.C, z, points)
    ratio = _divide(w, c)
    difference = [x - y if x is not None and y is not None else None for x, y in zip(w, c)]
    targets = _differentiated(s)

    def equals(candidate: Expr) -> bool:
        return _same(w, _values(candidate, z, points))

    algebra_step = step.order is None and s.before is not None and not s.before.has(Derivative)
    if _zero(c) and not _zero(w) and step.order:
        return Diagnosis("elementary_derivative", f"This should be 0: {_plain(g(z), s)} is a constant here, and "
                         "the derivative of a constant is 0.", S.Zero)
    # the line before first; then the other forms of g (σ(z) where the line before is 1/(1 + e^{-z}))
    # once this line's own powers are ruled out
    primary, others = (targets[:1], targets[1:]) if step.order else (targets, [])
    for finder in (_quotient_rule, _product_rule, _elementary, _absolute):
        found = finder(primary, s, equals)
        if found is not None:
            return found
    # a power written in this very line that is off (the reciprocal rule's 1/v^2 left as 1/v)
    found = _exponent([s.written], s, ratio, points) if not algebra_step else None
    if found is not None:
        return found
    for finder in (_quotient_rule, _product_rule, _elementary):
        # σ' misremembered is a slip about σ: not where the line writes neither σ nor g
        found = finder(others if finder is not _elementary else _as_written(others, s), s, equals)
        if found is not None:
            return found
    r = _multiple(w, c)
    if r is not None and close(r, Float(-1)) and _reciprocals(targets, s) and not _minus_in_front(s):
        # (a minus written in front is the reciprocal rule's: then the inner -1 is what is lost)
        # the negative of a step that differentiates 1/v: the reciprocal rule's own minus
        # dropped, before an inner -1 (of e^{-z}) forgotten, which gives the same line
        return _sign(targets, s)
    found = _chain_factor(targets, s, ratio, points)
    if found is not None:
        return found
    if r is not None and close(r, Float(-1)):
        return _sign(targets, s)
    found = _exponent([x for x in (s.before, s.definition) if x is not None], s, ratio, points, algebra_step)
    if found is None and algebra_step:
        found = _square_of_sum(s, equals) or _powers_changed(s, equals)
    if found is not None:
        return found
    if _zero(w):
        if algebra_step:
            return Diagnosis("algebra", "This line is 0, but the line before is not: terms that do not cancel "
                             "were cancelled.", None)
        return Diagnosis("unknown", "This line is 0, but it should not be.", None)
    if algebra_step:
        # the terms of a square may be gone from the line as read (e^{2z} + 2 - e^{2z} is 2 once
        # read): a square expanded wrong is still the teacher's name before a constant
        found = _square_of_sum(s, equals, shown=False)
        if found is not None:
            return found
    d = _constant(difference)
    exact = s.W - s.C
    if d is not None and exact.is_Number:  # 10^-40 itself, not the 0 it is at 30 digits
        d = exact
    if d is not None and (exact.is_Number or abs(d) >= TINY):  # 0 at the sample: wrong elsewhere only
        return Diagnosis("constant", f"A constant is dropped or added: this line is {_in_parameters(d, s)} more "
                         "than the right one.", None)
    if r is not None and not close(r, Float(1)):  # 1: equal wherever both are defined and not 0
        return Diagnosis("constant", f"A constant factor is wrong: this line is {_in_parameters(r, s)} times the "
                         "right one.",
                         None)
    found = _parameter_with_g(s, c, points)
    if found is None:
        found = _power_misplaced(s, c, points) or _sign_of_a_term(s, c, points) or _factor_in_a_term(s, c, points)
    if found is not None:
        return found
    off = _relative_gap(w, c)
    if off is not None and off < NEAR:
        return Diagnosis("constant", f"This line is close to the right one but not equal (they differ by "
                         f"at most {float(off) * 100:.2g} % of its size): a number in it is rounded or mistyped, or it is an "
                         "approximation.", None)
    if s.in_definition and s.before is None and s.given:
        return Diagnosis("unknown", f"This line defines another function than the one the check was given "
                         f"(--function): the text's {s.function} is not that one.", None)
    if s.in_definition:
        return Diagnosis("unknown", "This line is a different function from the line before it: "
                         "the definition contradicts itself.", None)
    if algebra_step:
        return Diagnosis("algebra", "The algebra from the line before to this one is wrong: they are not equal.",
                         None)
    return Diagnosis("unknown", "This line is not equal to what it should be, and it is not one of the "
                     "usual mistakes.", None)


def _parameter_with_g(s: Situation, right: list, points) -> Diagnosis | None:
    """A form in g with a parameter's factor lost at every g: 1 - e^(-g) for softplus-β's
    1 - e^(-βg), g + σ(βz)(1 - g) for swish-β's βg + σ(βz)(1 - βg)."""
    z = s.z
    if not s.written.has(g(z)):
        return None
    for p in sorted(s.definition.free_symbols - {z}, key=str):
        fixed = s.written.xreplace({g(z): Mul(p, g(z), evaluate=False)})
        if _same(_values(s.value(fixed), z, points), right):
            shown = _plain(p, s)
            return Diagnosis("chain_factor", f"The parameter {shown} is missing with {_plain(g(z), s)}: "
                             f"{shown}·{_plain(g(z), s)} in its place makes the line right.", fixed)
    return None


def _fits(s: Situation, fixed: Expr, right: list, points) -> bool:
    """The line changed so equals the right one at the diagnosis's points and at every point of
    the sample (a slip named is one that makes the line right, not right here only)."""
    return (_same(_values(s.value(fixed), s.z, points), right)
            and _same(_values(s.value(fixed), s.z, POINTS), _values(s.C, s.z, POINTS)))


def _one_fix(s: Situation, variants: list, right: list, points):
    """The one variant (fixed line, what) that makes the line right, or None where none or
    several different ones do (then naming one would be a guess)."""
    found = {}
    for fixed, what in variants:
        if fixed not in found and _fits(s, fixed, right, points):
            found[fixed] = what
    return next(iter(found.items())) if len(found) == 1 else None


_POWER_WORDS = {2: "square", 3: "cube"}


def _power_misplaced(s: Situation, right: list, points) -> Diagnosis | None:
    """A power put on a bracket that belongs to one of its terms, or the other way round:
    -2g(1 - g)^2 for -2g(1 - g^2) (tanh' = 1 - g^2 substituted), 1 - g^2 for (1 - g)^2."""
    z = s.z
    variants = []
    for p in sorted(s.written.atoms(Pow), key=str):  # (a + b)^n written for a + b^n
        n = p.exp
        if not (isinstance(p.base, Add) and n.is_Integer and abs(n) in (2, 3)) or not p.has(z):
            continue
        terms = p.base.args
        for i, term in enumerate(terms):
            if term.is_number:
                continue
            inside = Add(*terms[:i], _signed_power(term, abs(n)), *terms[i + 1:], evaluate=False)
            meant = inside if n > 0 else Pow(inside, -1, evaluate=False)
            word = _POWER_WORDS[abs(n)]
            variants.append((s.written.xreplace({p: meant}),
                             f"the {word} belongs to {_plain(_unsigned(term), s)} alone: {_plain(inside, s)}, "
                             f"not ({_plain(p.base, s)})^{abs(n)}"))
    for a in sorted(s.written.atoms(Add), key=str):  # a + b^n written for (a + b)^n
        for i, term in enumerate(a.args):
            bare = _unsigned(term)
            if not (isinstance(bare, Pow) and bare.exp in (2, 3) and bare.base.has(z)):
                continue
            inner = Add(*a.args[:i], -bare.base if term.could_extract_minus_sign() else bare.base,
                        *a.args[i + 1:], evaluate=False)
            word = _POWER_WORDS[int(bare.exp)]
            variants.append((s.written.xreplace({a: Pow(inner, bare.exp, evaluate=False)}),
                             f"the {word} belongs to the whole bracket: ({_plain(inner, s)})^{bare.exp}, "
                             f"not {_plain(a, s)}"))
    found = _one_fix(s, variants, right, points)
    if found is None:
        return None
    fixed, what = found
    return Diagnosis("algebra", f"Algebra: {what}.", fixed)


def _unsigned(term: Expr) -> Expr:
    return -term if term.could_extract_minus_sign() else term


def _signed_power(term: Expr, n: int) -> Expr:
    """-g raised to n with its sign kept in front: -(g^n) (1 - g^2 is what 1 - g squared alone means)."""
    return -(_unsigned(term) ** n) if term.could_extract_minus_sign() else term ** n


def _sign_of_a_term(s: Situation, right: list, points) -> Diagnosis | None:
    """One term of a sum with the wrong sign: (2 + z^2)φ for (2 − z^2)φ (φ' = −zφ's minus lost)."""
    variants = []
    for a in sorted(s.written.atoms(Add), key=str):
        if len(a.args) > 6:
            continue
        for i, term in enumerate(a.args):
            if term.has(s.z):
                flipped = Add(*a.args[:i], -term, *a.args[i + 1:], evaluate=False)
                variants.append((s.written.xreplace({a: flipped}),
                                 f"the term {_plain(term, s)} of {_plain(a, s)} should be {_plain(-term, s)}"))
    found = _one_fix(s, variants, right, points)
    if found is None:
        return None
    fixed, what = found
    return Diagnosis("sign", f"The sign of one term is wrong: {what}.", fixed)


def _factor_in_a_term(s: Situation, right: list, points) -> Diagnosis | None:
    """One term of the line off by a constant factor (a small fraction): z/√(z² + 1) + 1 for
    z/(2√(z² + 1)) + 1, the ½ of (√(z² + 1) − 1)/2 lost in one term."""
    if not isinstance(s.written, Add) or len(s.written.args) > 6:
        return None
    z, terms = s.z, s.written.args
    variants = []
    for i, term in enumerate(terms):
        if not term.has(z):
            continue
        rest = Add(*terms[:i], *terms[i + 1:])
        k = _constant(_divide([None if y is None or r is None else y - r
                               for y, r in zip(right, _values(s.value(rest), z, points))],
                              _values(s.value(term), z, points)))
        fraction = _small_fraction(k) if k is not None else None
        if fraction is None or fraction in (0, 1, -1):
            continue
        scaled = forms.as_written(fraction * term)
        lost = " (a factor or an equal term is lost)" if fraction.is_Integer else ""
        variants.append((Add(*terms[:i], scaled, *terms[i + 1:], evaluate=False),
                         f"the term {_plain(term, s)} should be {_plain(fraction, s)} times it, "
                         f"{_plain(scaled, s)}{lost}"))
    found = _one_fix(s, variants, right, points)
    if found is None:
        return None
    fixed, what = found
    return Diagnosis("constant", f"A constant factor is wrong in one term: {what}.", fixed)


def _small_fraction(x) -> Rational | None:
    """p/q with q ≤ 12 and |p| ≤ 48 equal to x, or None."""
    for q in range(1, 13):
        p = round(float(x) * q)
        if p != 0 and abs(p) <= 48 and abs(float(x) * q - p) < 1e-9:
            return Rational(p, q)
    return None


#: a line this close to the right one at every point (relative) is near it: a number rounded
NEAR = Float("0.01")


def _relative_gap(w: list, c: list) -> Float | None:
    """The largest |w - c| over the largest |c|, at the points where both are defined (five at
    least; GELU' crosses 0: a gap relative to c itself would be large there), or None where
    they agree at some point (a line right here and wrong elsewhere is not near the right one)."""
    pairs = [(x, y) for x, y in zip(w, c) if x is not None and y is not None]
    size = max((abs(y) for _, y in pairs), default=0)
    if len(pairs) < 5 or size <= TINY or any(close(x, y) for x, y in pairs):
        return None
    return max(abs(x - y) for x, y in pairs) / size


def _short(x) -> str:
    return f"{float(x):.6g}"


def _in_parameters(x, s: Situation) -> str:
    """A number a diagnosis found, in the parameters where the lines have some (−2α, not the
    −2.58 of the value a parameter was given): a small fraction times one parameter, or the
    parameter's power; else the number where no parameter is in play, else "a constant"."""
    free = sorted((s.W.free_symbols | s.C.free_symbols | s.definition.free_symbols) - {s.z}, key=str)
    if not free or any(abs(float(x) * q - round(float(x) * q)) < 1e-9 for q in range(1, 13)):
        return _short(x)  # a plain number (2, 1/2): the same whatever the parameters
    for p in free:
        value = float(_parameter_value(p.name))
        for power in (1, -1, 2, -2):
            k = float(x) / value ** power
            for q in range(1, 13):
                if abs(k * q - round(k * q)) < 1e-9 and round(k * q) != 0:
                    coefficient = Rational(round(k * q), q)
                    return linear(coefficient * p ** power)
    return "a constant"


@dataclass(frozen=True)
class Differentiated:
    """Something the step differentiates, and the line it gives when its derivative is ``d``."""

    target: Expr
    line: Callable[[Expr], Expr]  # the derivative of target -> the value of the whole line
    written_line: Callable[[Expr], Expr]  # the same, as the line would be written


def _differentiated(s: Situation) -> list[Differentiated]:
    """The line before for a g' line (and the other forms of g), or the operands of the
    d/dz (...) this line evaluates."""
    if s.before is None and not s.step.order:
        return []
    if s.step.order:
        # the forms of g are of order 0: differentiated once they give a g' line only (a wrong
        # g'''(z) after g'(z) is not a wrong g')
        forms = s.forms_of_g if s.step.order == 1 else []
        sources = ([s.before] if s.before is not None else []) + [f for f in forms if f != s.before]
        return [Differentiated(t, lambda d: d, lambda d: d) for t in sources]
    out = []
    for d in sorted(s.before.atoms(Derivative), key=str):
        if d.expr == g(s.z):
            continue
        out.append(Differentiated(d.expr, lambda x, d=d: s.value(s.before.xreplace({d: x})),
                                  lambda x, d=d: s.before.xreplace({d: x})))
    return out


def _corrected(t: Differentiated, s: Situation) -> Expr:
    return forms.as_written(t.written_line(diff(s.value(t.target), s.z)))


def _quotient_rule(targets: list[Differentiated], s: Situation, equals) -> Diagnosis | None:
    z = s.z
    for t in targets:
        top, bottom = split_fraction(t.target)
        if bottom == 1 or not bottom.has(z):
            continue
        if not top.has(z) and not _quotient_layout(s.step):
            continue  # 1/v is the reciprocal rule: a mistake there is a power's or a sign's
        top_value, bottom_value = s.value(top), s.value(bottom)
        du, dv = diff(top_value, z), diff(bottom_value, z)
        candidates = {
            "the terms of the numerator are the wrong way round: (u/v)' = (v u' − u v')/v², not (u v' − v u')/v²":
                (top_value * dv - bottom_value * du) / bottom_value**2,
            "the denominator is not squared: (u/v)' = (v u' − u v')/v²":
                (bottom_value * du - top_value * dv) / bottom_value,
            "the numerator has + where it needs −: (u/v)' = (v u' − u v')/v²":
                (bottom_value * du + top_value * dv) / bottom_value**2,
            "(u/v)' is not u'/v'; it is (v u' − u v')/v²": du / dv if dv != 0 else None,
        }
        for message, candidate in candidates.items():
            if candidate is not None and equals(t.line(candidate)):
                where = f" with u = {_plain(top, s)} and v = {_plain(bottom, s)}"
                # the rule done right, as written: (v u' - u v')/v^2
                du_, dv_ = _derivative(top, du, z), _derivative(bottom, dv, z)
                numerator = Add(Mul(bottom, du_, evaluate=False), Mul(-1, top, dv_, evaluate=False), evaluate=False)
                right = Mul(numerator, Pow(Pow(bottom, 2, evaluate=False), -1, evaluate=False), evaluate=False)
                return Diagnosis("quotient_rule", f"Quotient rule{where}: {message}.", t.written_line(right))
    return None


def _quotient_layout(step) -> bool:
    """The line is typeset as the quotient rule gives it: one \\frac{A}{v} (or over v^2)
    whose numerator A writes v out again (the v u' of v u' − u v'), as in
    \\frac{0 \\cdot (1+e^{-z}) - 1 \\cdot (-e^{-z})}{1+e^{-z}}."""
    text = re.sub(r"\\left|\\right|\\[,;:!]|\s", "", step.text) if step.latex else ""
    if not text.startswith(r"\frac{"):
        return False
    groups, i = [], len(r"\frac")
    for _ in range(2):
        if i >= len(text) or text[i] != "{":
            return False
        depth, start = 0, i
        while i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
            if depth == 0:
                break
        groups.append(text[start + 1:i - 1])
    numerator, denominator = groups
    base = re.sub(r"^\((.*)\)(\^\{?2\}?)?$", r"\1", denominator)
    return i == len(text) and len(base) > 1 and base in numerator


def _product_rule(targets: list[Differentiated], s: Situation, equals) -> Diagnosis | None:
    """(uv)' with a term missing, both factors differentiated in one term, or − between the terms."""
    z = s.z
    for t in targets:
        if not isinstance(t.target, Mul):
            continue
        factors = [f for f in t.target.args if f.has(z)]
        if len(factors) < 2:
            continue
        constant = s.value(Mul(*(f for f in t.target.args if not f.has(z))))
        for i in range(len(factors) if len(factors) > 2 else 1):
            u = factors[i]
            v = Mul(*(f for j, f in enumerate(factors) if j != i))
            uu, vv = s.value(u), s.value(v)
            du, dv = diff(uu, z), diff(vv, z)
            names = f"with u = {_plain(u, s)} and v = {_plain(v, s)}, (uv)' = u'v + uv'"
            candidates = [
                (constant * du * dv, f"Product rule: {names}, not u'v' (both factors differentiated in one term)."),
                (constant * du * vv, f"Product rule: a term is missing: {names}; this line has only u'v."),
                (constant * uu * dv, f"Product rule: a term is missing: {names}; this line has only uv'."),
                (constant * (du * vv - uu * dv), f"Product rule: the terms are added, not subtracted: {names}, "
                                                 "not u'v − uv'."),
                (constant * (uu * dv - du * vv), f"Product rule: the terms are added, not subtracted: {names}, "
                                                 "not uv' − u'v."),
            ]
            for candidate, message in candidates:
                if equals(t.line(candidate)):
                    # the rule done right, as written: u'v + uv'
                    right = Add(_times(_derivative(u, du, z), v), _times(u, _derivative(v, dv, z)), evaluate=False)
                    right = right if constant == 1 else Mul(constant, right, evaluate=False)
                    return Diagnosis("product_rule", message, t.written_line(right))
    return None


def _derivative(written: Expr, value: Expr, z: Symbol) -> Expr:
    """A factor's derivative as the author would write it: g'(z) for g(z), else worked out."""
    return forms.as_written(diff(written, z) if written.has(g(z)) else value)


def _times(a: Expr, b: Expr) -> Expr:
    """a b as written: no factor 1, no nested brackets."""
    if a == 1 or b == 1:
        return b if a == 1 else a
    return Mul(*forms.factors(a), *forms.factors(b), evaluate=False)


def _wrong_tables(u: Expr):
    """Derivatives students commonly misremember: f -> [(wrong f'(u), how it is said)]."""
    return {
        tanh: [(sech(u), "tanh'(u) = 1 − tanh²(u) = sech²(u), not sech(u)"),
               (1 + tanh(u) ** 2, "tanh'(u) = 1 − tanh²(u), not 1 + tanh²(u)"),
               (1 - tanh(u), "tanh'(u) = 1 − tanh²(u), not 1 − tanh(u)")],
        sigmoid: [(sigmoid(u) ** 2, "σ'(u) = σ(u)(1 − σ(u)), not σ(u)²"),
                  (1 - sigmoid(u), "σ'(u) = σ(u)(1 − σ(u)), not 1 − σ(u)"),
                  (sigmoid(u), "σ'(u) = σ(u)(1 − σ(u)), not σ(u)"),
                  (sigmoid(u) * (1 + sigmoid(u)), "σ'(u) = σ(u)(1 − σ(u)), not σ(u)(1 + σ(u))")],
        atan: [(1 / (1 - u ** 2), "arctan'(u) = 1/(1 + u²), not 1/(1 − u²)"),
               (1 / (1 + u), "arctan'(u) = 1/(1 + u²), not 1/(1 + u)")],
        exp: [(u * exp(u - 1), "(e^u)' = e^u, not u e^(u − 1)")],
        log: [(1 / u ** 2, "(ln u)' = 1/u, not 1/u²")],
    }


def _elementary(targets: list[Differentiated], s: Situation, equals) -> Diagnosis | None:
    z = s.z
    for t in targets:
        target = s.value(t.target)
        for f in sorted(target.atoms(Function), key=str):
            if type(f) not in (tanh, sigmoid, atan, exp, log) or not f.has(z):
                continue
            u = f.args[0]
            marker = Dummy("f")
            replaced = target.xreplace({f: marker})
            for wrong, message in _wrong_tables(u)[type(f)]:
                candidate = (diff(replaced, marker) * wrong * diff(u, z) + diff(replaced, z)).xreplace({marker: f})
                if equals(t.line(candidate)):
                    return Diagnosis("elementary_derivative", f"A derivative from the table is wrong: {message}.",
                                     _corrected(t, s))
    return None


def _absolute(targets: list[Differentiated], s: Situation, equals) -> Diagnosis | None:
    """|u| differentiated as if it were u."""
    for t in targets:
        target = s.value(t.target)
        bars = target.atoms(Abs)
        if bars and (equals(t.line(diff(target.xreplace({a: a.args[0] for a in bars}), s.z)))
                     or equals(t.line(_bars_kept(target, bars, s.z)))):
            return Diagnosis("elementary_derivative", "The derivative of |u| is sign(u)·u', not u': "
                             f"for {s.z} < 0, |{s.z}| = −{s.z}.", _corrected(t, s))
    return None


def _bars_kept(target: Expr, bars, z: Symbol) -> Expr:
    """The derivative of target with |u|' taken as u' and every |u| kept as it is
    ((1 + |z|)^-2 gives -2/(1 + |z|)^3: the sign(z) of |z|' lost, the bars not)."""
    markers = {a: Dummy("bar") for a in sorted(bars, key=str)}
    replaced = target.xreplace(markers)
    derivative = diff(replaced, z) + sum(diff(replaced, m) * diff(a.args[0], z) for a, m in markers.items())
    return derivative.xreplace({m: a for a, m in markers.items()})


def _pending(written: Expr, z: Symbol) -> list[Expr]:
    """The operands of the d/dz (...) a line still writes out."""
    return [d.expr for d in written.atoms(Derivative) if d.expr != g(z)]


def _chain_factor(targets: list[Differentiated], s: Situation, ratio: list, points) -> Diagnosis | None:
    """The ratio is an inner derivative u' (missing) or its reciprocal (one too many); for
    a number, its size alone may be missing (−e^{−2z} for the derivative of e^{−2z})."""
    z = s.z
    pending = _pending(s.written, z)
    inner: dict[str, Expr] = {}
    for t in targets:
        target = s.value(t.target)
        pieces = [target] + [f.args[0] for f in target.atoms(Function) if f.args and f.args[0] != z]
        pieces += [p.exp for p in target.atoms(Pow) if p.exp.has(z)]
        pieces += [p.base for p in target.atoms(Pow) if p.base.has(z) and p.base != z]
        for piece in pieces:
            if any(s.value(operand).has(piece) for operand in pending):
                continue  # its derivative is still written out: it cannot be missing
            d = diff(piece, z)
            if d.has(*CASES):
                continue  # a step function (ReLU6's cap, max(0, z)'): a piece forgotten, no chain factor
            if d not in (0, 1, -1) or (d == -1 and not pending):
                inner[str(d)] = d
    for key in sorted(inner, key=lambda k: (len(k), k)):
        d = inner[key]
        dv = _values(d, z, points)
        shown = _plain(d, s)
        if _same(ratio, _divide([S.One] * len(dv), dv)):
            fixed = forms.as_written(s.written * d) if d.is_number else Mul(s.written, d, evaluate=False)
            return Diagnosis("chain_factor", f"Chain rule: the inner derivative {shown} is missing; multiply "
                             "by it.", fixed)
        if d.is_number and d.is_negative and _same(ratio, _divide([S.One] * len(dv), [-x for x in dv])):
            return Diagnosis("chain_factor", f"Chain rule: the factor {_plain(-d, s)} of the inner derivative "
                             f"{shown} is missing (the sign is there, the number is not).",
                             forms.as_written(-s.written * d))
        if not d.is_number and _reciprocals(targets, s) and not _minus_in_front(s) \
                and _same(ratio, _divide([S.NegativeOne] * len(dv), dv)):
            return Diagnosis("chain_factor", f"Chain rule: the inner derivative {shown} is missing, and so is the "
                             "minus of the reciprocal rule, (1/v)' = −v'/v².", forms.as_written(-s.written * d))
        if _same(ratio, dv):
            fixed = forms.as_written(s.written / d) if d.is_number else Mul(s.written, Pow(d, -1, evaluate=False),
                                                                            evaluate=False)
            return Diagnosis("chain_factor", f"Chain rule: the inner derivative {shown} is applied one time "
                             "too many.", fixed)
    return _chain_factor_in_a_term(inner, s, points)


def _chain_factor_in_a_term(inner: dict, s: Situation, points) -> Diagnosis | None:
    """The inner derivative missing in one term of a sum only: z σ(βz)(1 − σ(βz)) for
    βz σ(βz)(1 − σ(βz)) in swish's product rule, the 1/√2 of erf(z/√2) in GELU's."""
    if not isinstance(s.written, Add) or len(s.written.args) > 6:
        return None
    z = s.z
    right = _values(s.C, z, points)
    terms = s.written.args
    for key in sorted(inner, key=lambda k: (len(k), k)):
        d = inner[key]
        for i, term in enumerate(terms):
            if not term.has(z):
                continue
            fixed = Add(*terms[:i], Mul(term, d, evaluate=False) if not d.is_number else forms.as_written(term * d),
                        *terms[i + 1:], evaluate=False)
            if _same(_values(s.value(fixed), z, points), right):
                return Diagnosis("chain_factor", f"Chain rule: the inner derivative {_plain(d, s)} is missing in "
                                 f"the term {_plain(term, s)}; multiply it by {_plain(d, s)}.", fixed)
    return None


def _sign(targets: list[Differentiated], s: Situation) -> Diagnosis:
    """The line is the negative of the right one: the reciprocal or power rule's own minus
    is the usual culprit when the step differentiates 1/v or v^(-n)."""
    if _reciprocals(targets, s):
        message = ("The sign is wrong: the minus of the reciprocal rule is missing, (1/v)' = −v'/v² "
                   "(and (v^n)' = n v^(n−1) v' with n negative).")
    elif s.step.order or targets:
        message = "The sign is wrong: this line is the negative of the right derivative."
    else:
        message = "The sign is wrong: this line is the negative of the line before."
    return Diagnosis("sign", message, _negated(s.written))


def _minus_in_front(s: Situation) -> bool:
    """The line as typed begins with the reciprocal rule's minus: -1/v² · u', -(v)^-2 · u',
    -\\frac{1}{v^2} u' (not -e^{-z}/v², where either minus may be the one written)."""
    return re.match(r"\s*[-−]\s*(1\s*/|\\frac\s*\{?\s*1\b|\(|\\left\s*\(|\[)", s.step.text) is not None


def _as_written(targets: list[Differentiated], s: Situation) -> list[Differentiated]:
    """The forms of g (σ(z), tanh(z), arctan(z)) a table slip can be about: all of them, but
    where the line writes no function at all beyond e^x (1/(1 + e^{-z})², no σ, no g): then
    only those without a table function (σ' misremembered is not the slip there)."""
    if s.written.has(g(s.z)) or {type(f) for f in s.written.atoms(Function)} - {exp}:
        return targets
    return [t for t in targets if not any(type(f) in (sigmoid, tanh, atan) for f in t.target.atoms(Function))]


def _reciprocals(targets: list[Differentiated], s: Situation) -> list[Expr]:
    """The powers 1/v, v^(-n) of the variable that the step differentiates."""
    return [p for t in targets for p in s.value(t.target).atoms(Pow)
            if p.exp.is_number and p.exp.is_negative and p.base.has(s.z)]


def _negated(written: Expr) -> Expr:
    if written.could_extract_minus_sign():
        return forms.as_written(-written)  # -g(1 - g) corrected is g(1 - g), not -(-g(1 - g))
    return Mul(S.NegativeOne, written, evaluate=False)


def _exponent(sources: list[Expr], s: Situation, ratio: list, points, algebra_step: bool = False) -> Diagnosis | None:
    """The ratio is a power of a base in the line (this one or the one before): W = C B^k.
    On an algebra step whose line writes no power of B at all, the factor B^(-k) of the line
    before is dropped (e^{-z} for e^{-z}/(1 + e^{-z})^2: no rule of differentiation in play)."""
    z = s.z
    bases = {}
    for source in sources:
        for p in source.atoms(Pow):
            if p.base.has(z) and not p.base.has(Derivative):
                bases[str(p.base)] = p.base
    for key in sorted(bases):
        base = bases[key]
        for k in (1, -1, 2, -2):
            if _same(ratio, _values(s.value(base) ** k, z, points)):
                how = f"is {abs(k)} too {'high' if k > 0 else 'low'}"
                powers = [p.exp for p in s.written.atoms(Pow) if p.base == base and p.exp.is_Integer]
                if algebra_step and not s.written.has(base):
                    power = _plain(Pow(base, abs(k), evaluate=False) if abs(k) > 1 else base, s)
                    factor = f"1/{power}" if k > 0 else power
                    return Diagnosis("algebra", f"Algebra: the factor {factor} of the line before is dropped (the "
                                     f"two are equal only where {power} = 1: an approximation, not an equal line).",
                                     _power_fixed(s.written, base, k))
                if len(powers) == 1:  # say it as the student sees it: 1/v^2, not 1/v
                    how = f"should be {powers[0] - k}, not {powers[0]}"
                rule = "" if algebra_step else " (the reciprocal rule gives −v'/v²; (u^n)' = n u^(n−1) u')"
                return Diagnosis("exponent", f"A power is off: the power of {_plain(base, s)} {how}{rule}.",
                                 _power_fixed(s.written, base, k))
    return None


def _power_fixed(written: Expr, base: Expr, k: int) -> Expr:
    powers = [p for p in written.atoms(Pow) if p.base == base]
    if len(powers) == 1:
        (p,) = powers
        return written.xreplace({p: Pow(base, p.exp - k, evaluate=False)})
    return Mul(written, Pow(base, -k, evaluate=False), evaluate=False)


def _square_of_sum(s: Situation, equals, shown: bool = True) -> Diagnosis | None:
    """(a ± b)² written a² ± b², or with its cross term dropped or of the wrong sign, in
    the line before (also in a denominator); ``shown``: only where the line shows a square
    of a term."""
    before = s.before
    squares = sorted((p for p in before.atoms(Pow) if isinstance(p.base, Add) and p.exp in (2, -2)), key=str)
    variants: list[tuple[dict, str, dict]] = []
    slips: dict[Pow, list[tuple[Expr, str, Expr]]] = {}  # each square: its wrong expansions, and the right one
    for p in squares:
        terms = forms.terms(p.base)
        if shown and not s.written.is_number and not any(s.written.has(q) for q in (t ** 2 for t in terms) if not q.is_number):
            continue  # the line shows no square of a term: another slip (1 - g for 1 - g^2) fits better
        a, b = terms[0], Add(*terms[1:])
        signed = Add(*(_signed_square(t) for t in terms))
        plain = Add(*(t ** 2 for t in terms))
        cross = Add(*(2 * x * y for i, x in enumerate(terms) for y in terms[i + 1:]))
        right = Add(a ** 2, 2 * a * b, b ** 2, evaluate=False)
        right = right if p.exp == 2 else Pow(right, -1, evaluate=False)
        sides = f"({_plain(p.base, s)})²"
        slips[p] = [(wrong if p.exp == 2 else 1 / wrong, message, right) for wrong, message in (
            (plain, f"{sides} is not the sum of the squares of its terms: the cross term {_plain(cross, s)} is "
                    "missing; (a + b)^2 = a^2 + 2ab + b^2."),
            (signed, f"{sides} is not {_plain(signed, s)}: the cross term {_plain(cross, s)} is missing; "
                     "(a - b)^2 = a^2 - 2ab + b^2, (a + b)^2 = a^2 + 2ab + b^2."),
            (plain - cross, f"{sides}: the cross term has the wrong sign; (a + b)^2 = a^2 + 2ab + b^2."))]
        variants += [({p: wrong}, message, {p: right}) for wrong, message, right in slips[p]]
    groups = [[p for p in slips if p.exp == 2], [p for p in slips if p.exp == -2], list(slips)]
    for group in groups:  # the same slip in several squares of the line
        if len(group) > 1:
            for i in range(2):
                variants.append(({p: slips[p][i][0] for p in group},
                                 "squares of sums are not the sums of the squares: the cross terms are missing; "
                                 "(a ± b)^2 = a^2 ± 2ab + b^2.", {p: slips[p][i][2] for p in group}))
    found = [(change, message, fixed) for change, message, fixed in variants
             if equals(s.value(before.xreplace(change)))]
    if not found:
        return None
    change, message, fixed = found[0]
    if not shown and len({frozenset(c) for c, _, _ in found}) > 1:  # several squares explain it: name none
        return Diagnosis("algebra", "Algebra: a square of a sum is expanded wrong: a cross term is missing or "
                         "has the wrong sign; (a ± b)^2 = a^2 ± 2ab + b^2.", None)
    return Diagnosis("algebra", f"Algebra: {message}", before.xreplace(fixed))


def _signed_square(term: Expr) -> Expr:
    return -(term ** 2) if term.could_extract_minus_sign() else term ** 2


def _powers_changed(s: Situation, equals) -> Diagnosis | None:
    """A power in the line before raised or lowered by one (or all squares dropped)."""
    before = s.before
    powers = sorted((p for p in before.atoms(Pow) if p.exp.is_Integer and p.exp not in (1, -1)), key=str)
    variants = [({p: Pow(p.base, p.exp - 1)}, p) for p in powers] + [({p: Pow(p.base, p.exp + 1)}, p) for p in powers]
    squares = {p: Pow(p.base, p.exp // 2) for p in powers if p.exp % 2 == 0}
    if len(squares) > 1:
        variants.append((squares, None))
    for change, p in variants:
        if equals(s.value(before.xreplace(change))):
            where = f"the power of {_plain(p.base, s)}" if p is not None else "the squares"
            return Diagnosis("exponent", f"A power is off: {where} changed from the line before to this one.",
                             before)
    return None


def _plain(expr: Expr, s: Situation) -> str:
    """A formula for a message, in the author's names (σ(x) where the text wrote σ(x))."""
    if s.function != "g":
        expr = expr.xreplace({g(s.z): Function(s.function)(s.z)}) if expr.has(g(s.z)) else expr
    return linear(forms.as_written(expr))
