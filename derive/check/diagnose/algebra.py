"""The catalog of slips found by one change to the line: from the line before, a square of a
sum expanded wrong or a power changed; in the line itself, a parameter lost with g, a power on
the wrong bracket, one term's sign or constant factor, the inner function not put in.  Each is
named only where exactly one such change makes the line right at every sample point."""

from __future__ import annotations

from sympy import Add, Derivative, Expr, Function, Mul, Pow

from ...engine import forms
from ...engine.functions import g
from ..equality import POINTS
from .situation import Diagnosis, Situation
from .values import constant_value, divided, same_values, sample_values, small_fraction
from .words import formula


def parameter_with_g(s: Situation, right: list, points) -> Diagnosis | None:
    """A form in g with a parameter's factor lost at every g: 1 - e^(-g) for softplus-β's
    1 - e^(-βg), g + σ(βz)(1 - g) for swish-β's βg + σ(βz)(1 - βg)."""
    z = s.z
    if not s.written.has(g(z)):
        return None
    for p in sorted(s.definition.free_symbols - {z}, key=str):
        fixed = s.written.xreplace({g(z): Mul(p, g(z), evaluate=False)})
        if same_values(sample_values(s.value(fixed), z, points), right):
            shown = formula(p, s)
            return Diagnosis("chain_factor", f"The parameter {shown} is missing with {formula(g(z), s)}: "
                             f"{shown}·{formula(g(z), s)} in its place makes the line right.", fixed)
    return None


def _fits(s: Situation, fixed: Expr, right: list, points) -> bool:
    """The line changed so equals the right one at the diagnosis's points and at every point of
    the sample (a slip named is one that makes the line right, not right here only)."""
    return (same_values(sample_values(s.value(fixed), s.z, points), right)
            and same_values(sample_values(s.value(fixed), s.z, POINTS), sample_values(s.C, s.z, POINTS)))


def _one_fix(s: Situation, variants: list, right: list, points):
    """The one variant (fixed line, what) that makes the line right, or None where none or
    several different ones do (then naming one would be a guess)."""
    found = {}
    for fixed, what in variants:
        if fixed not in found and _fits(s, fixed, right, points):
            found[fixed] = what
    return next(iter(found.items())) if len(found) == 1 else None


_POWER_WORDS = {2: "square", 3: "cube"}


def power_misplaced(s: Situation, right: list, points) -> Diagnosis | None:
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
                             f"the {word} belongs to {formula(_unsigned(term), s)} alone: {formula(inside, s)}, "
                             f"not ({formula(p.base, s)})^{abs(n)}"))
    for a in sorted(s.written.atoms(Add), key=str):  # a + b^n written for (a + b)^n
        for i, term in enumerate(a.args):
            bare = _unsigned(term)
            if not (isinstance(bare, Pow) and bare.exp in (2, 3) and bare.base.has(z)):
                continue
            inner = Add(*a.args[:i], -bare.base if term.could_extract_minus_sign() else bare.base,
                        *a.args[i + 1:], evaluate=False)
            word = _POWER_WORDS[int(bare.exp)]
            variants.append((s.written.xreplace({a: Pow(inner, bare.exp, evaluate=False)}),
                             f"the {word} belongs to the whole bracket: ({formula(inner, s)})^{bare.exp}, "
                             f"not {formula(a, s)}"))
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


def sign_of_a_term(s: Situation, right: list, points) -> Diagnosis | None:
    """One term of a sum with the wrong sign: (2 + z^2)φ for (2 − z^2)φ (φ' = −zφ's minus lost)."""
    variants = []
    for a in sorted(s.written.atoms(Add), key=str):
        if len(a.args) > 6:
            continue
        for i, term in enumerate(a.args):
            if term.has(s.z):
                flipped = Add(*a.args[:i], -term, *a.args[i + 1:], evaluate=False)
                variants.append((s.written.xreplace({a: flipped}),
                                 f"the term {formula(term, s)} of {formula(a, s)} should be {formula(-term, s)}"))
    found = _one_fix(s, variants, right, points)
    if found is None:
        return None
    fixed, what = found
    return Diagnosis("sign", f"The sign of one term is wrong: {what}.", fixed)


def factor_in_a_term(s: Situation, right: list, points) -> Diagnosis | None:
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
        k = constant_value(divided([None if y is None or r is None else y - r
                               for y, r in zip(right, sample_values(s.value(rest), z, points))],
                              sample_values(s.value(term), z, points)))
        fraction = small_fraction(k) if k is not None else None
        if fraction is None or fraction in (0, 1, -1):
            continue
        scaled = forms.as_written(fraction * term)
        lost = " (a factor or an equal term is lost)" if fraction.is_Integer else ""
        variants.append((Add(*terms[:i], scaled, *terms[i + 1:], evaluate=False),
                         f"the term {formula(term, s)} should be {formula(fraction, s)} times it, "
                         f"{formula(scaled, s)}{lost}"))
    found = _one_fix(s, variants, right, points)
    if found is None:
        return None
    fixed, what = found
    return Diagnosis("constant", f"A constant factor is wrong in one term: {what}.", fixed)


def inner_not_put_in(s: Situation, right: list, points) -> Diagnosis | None:
    """f'(u) written with z where the inner function u goes, in a step that differentiates:
    e^(-z^2) for the e^(-u^2) of erf'(u), u = z/√2 (GELU's derivative).  u: an argument other than z of a function in g or
    in the line before; the part of the line (a function of z, e^(...) among them) that with
    u put in for z makes the line right."""
    z = s.z
    if not s.step.order and (s.before is None or not s.before.has(Derivative)):
        return None  # no differentiation in this step: no chain rule to get wrong
    sources = [x for x in (s.definition, s.before) if x is not None]
    inner = sorted({f.args[0] for x in sources for f in s.value(x).atoms(Function)
                    if len(f.args) == 1 and f.args[0].has(z) and f.args[0] != z}, key=str)
    parts = sorted((f for f in s.written.atoms(Function) if len(f.args) == 1 and f.args[0].has(z)), key=str)
    variants = []
    for u in inner:
        for part in parts:
            meant = part.xreplace({z: u})
            if meant != part:
                variants.append((s.written.xreplace({part: meant}),
                                 f"{formula(part, s)} should be {formula(meant, s)}, with the inner {formula(u, s)} "
                                 f"put in for {z}"))
    found = _one_fix(s, variants, right, points)
    if found is None:
        return None
    fixed, what = found
    return Diagnosis("chain_factor", f"Chain rule: the inner function is not put in: {what}.", fixed)


def square_of_sum(s: Situation, equals, shown: bool = True) -> Diagnosis | None:
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
        sides = f"({formula(p.base, s)})²"
        slips[p] = [(wrong if p.exp == 2 else 1 / wrong, message, right) for wrong, message in (
            (plain, f"{sides} is not the sum of the squares of its terms: the cross term {formula(cross, s)} is "
                    "missing; (a + b)^2 = a^2 + 2ab + b^2."),
            (signed, f"{sides} is not {formula(signed, s)}: the cross term {formula(cross, s)} is missing; "
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


def powers_changed(s: Situation, equals) -> Diagnosis | None:
    """A power in the line before raised or lowered by one (or all squares dropped)."""
    before = s.before
    powers = sorted((p for p in before.atoms(Pow) if p.exp.is_Integer and p.exp not in (1, -1)), key=str)
    variants = [({p: Pow(p.base, p.exp - 1)}, p) for p in powers] + [({p: Pow(p.base, p.exp + 1)}, p) for p in powers]
    squares = {p: Pow(p.base, p.exp // 2) for p in powers if p.exp % 2 == 0}
    if len(squares) > 1:
        variants.append((squares, None))
    for change, p in variants:
        if equals(s.value(before.xreplace(change))):
            where = f"the power of {formula(p.base, s)}" if p is not None else "the squares"
            return Diagnosis("exponent", f"A power is off: {where} changed from the line before to this one.",
                             before)
    return None
