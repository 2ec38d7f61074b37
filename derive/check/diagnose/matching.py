"""Matching a wrong line with the likeliest slip: the catalogs tried in order (rules,
algebra, pieces), then a constant or a factor, else ``unknown``; the corrected line kept
only where it is right, in the author's own names."""

from __future__ import annotations

from dataclasses import replace

from sympy import Abs, Derivative, Expr, Float, Heaviside, Max, Min, Piecewise, S, sign

from ...engine.functions import g
from ...engine.verify import close
from ..equality import POINTS
from ..memo import Memo
from .situation import Diagnosis, Situation
from .values import (
    NEAR,
    SAMPLE,
    TINY,
    all_zero,
    constant_value,
    divided,
    multiple_of,
    relative_gap,
    same_values,
    sample_values,
    table_forms,
)
from .words import condition_words, formula, in_parameters
from .rules import (
    absolute,
    chain_factor,
    differentiated,
    elementary,
    exponent,
    minus_in_front,
    product_rule,
    quotient_rule,
    reciprocals,
    sign_slip,
    table_slip_targets,
)
from .algebra import (
    factor_in_a_term,
    inner_not_put_in,
    parameter_with_g,
    power_misplaced,
    powers_changed,
    sign_of_a_term,
    square_of_sum,
)
from .pieces import every_piece, regions_of, root_sign


_DIAGNOSED = Memo("diagnoses", 1024)
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
        if found.corrected is not None and not same_values(sample_values(s.value(found.corrected), s.z, POINTS),
                                                     sample_values(s.C, s.z, POINTS)):
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
    regions = regions_of(s.definition, z)
    verdicts = []
    partly: set[int] = set()
    for condition, piece, points in regions:
        if len(points) >= 3:
            w, c = sample_values(s.W, z, points), sample_values(s.C, z, points)
            pairs = [(x, y) for x, y in zip(w, c) if x is not None and y is not None]
            verdicts.append((condition, piece, points, bool(pairs) and all(close(x, y) for x, y in pairs)))
            if pairs and not verdicts[-1][3] and any(close(x, y) for x, y in pairs):
                partly.add(len(verdicts) - 1)  # right at some points of the piece: wrong on a part of it
    right = [v for v in verdicts if v[3]]
    wrong = [v for v in verdicts if not v[3]]
    if not right and len(wrong) >= 2:
        return every_piece(s, wrong)
    if not right or not wrong:
        return None
    condition, piece, points, _ = wrong[0]
    good = " and ".join(condition_words(v[0]) for v in right)
    bad = " and for ".join(("part of " if verdicts.index(v) in partly else "") + condition_words(v[0])
                           + (f" (where {formula(g(z), s)} = {formula(v[1], s)})" if v[1] is not None else "")
                           for v in wrong)
    head = f"This line is right for {good} but wrong for {bad}"
    everywhere = [p for v in wrong for p in v[2]]
    if all_zero(sample_values(s.C, z, everywhere)) and s.step.order:
        return Diagnosis("elementary_derivative", f"{head}: there {formula(g(z), s)} is a constant, and the "
                         "derivative of a constant is 0.", None)
    root = root_sign(s, [p for v in wrong for p in v[2]], [condition_words(v[0]) for v in wrong])
    if root is not None:
        return Diagnosis("algebra", f"{head}. Algebra: {root}", None)
    inner = _diagnose_at(s, tuple(points[:10])) if len(points) >= 5 else Diagnosis("unknown", "", None)
    if inner.kind == "unknown":
        if s.step.order and s.before is not None and same_values(sample_values(s.W, z, points),
                                                            sample_values(s.value(s.before), z, points)):
            return Diagnosis("unknown", f"{head}: there this line is the function itself, not its derivative.",
                             None)
        return Diagnosis("unknown", f"{head}.", None)
    fixed = inner.corrected
    if fixed is not None and not same_values(sample_values(s.value(fixed), z, POINTS), sample_values(s.C, z, POINTS)):
        fixed = None  # right on the wrong piece only: no corrected line rather than another wrong one
    return Diagnosis(inner.kind, f"{head}. {inner.message}", fixed)


def _diagnose_at(s: Situation, points) -> Diagnosis:
    z, step = s.z, s.step
    w, c = sample_values(s.W, z, points), sample_values(s.C, z, points)
    ratio = divided(w, c)
    difference = [x - y if x is not None and y is not None else None for x, y in zip(w, c)]
    targets = differentiated(s)

    def equals(candidate: Expr) -> bool:
        return same_values(w, sample_values(candidate, z, points))

    algebra_step = step.order is None and s.before is not None and not s.before.has(Derivative)
    if all_zero(c) and not all_zero(w) and step.order:
        return Diagnosis("elementary_derivative", f"This should be 0: {formula(g(z), s)} is a constant here, and "
                         "the derivative of a constant is 0.", S.Zero)
    # the line before first; then the other forms of g (σ(z) where the line before is 1/(1 + e^{-z}))
    # once this line's own powers are ruled out
    primary, others = (targets[:1], targets[1:]) if step.order else (targets, [])
    for finder in (quotient_rule, product_rule, elementary, absolute):
        found = finder(primary, s, equals)
        if found is not None:
            return found
    # a power written in this very line that is off (the reciprocal rule's 1/v^2 left as 1/v)
    found = exponent([s.written], s, ratio, points) if not algebra_step else None
    if found is not None:
        return found
    for finder in (quotient_rule, product_rule, elementary):
        # σ' misremembered is a slip about σ: not where the line writes neither σ nor g
        found = finder(others if finder is not elementary else table_slip_targets(others, s), s, equals)
        if found is not None:
            return found
    r = multiple_of(w, c)
    if r is not None and close(r, Float(-1)) and reciprocals(targets, s) and not minus_in_front(s):
        # (a minus written in front is the reciprocal rule's: then the inner -1 is what is lost)
        # the negative of a step that differentiates 1/v: the reciprocal rule's own minus
        # dropped, before an inner -1 (of e^{-z}) forgotten, which gives the same line
        return sign_slip(targets, s)
    found = chain_factor(targets, s, ratio, points)
    if found is not None:
        return found
    if r is not None and close(r, Float(-1)):
        return sign_slip(targets, s)
    found = exponent([x for x in (s.before, s.definition) if x is not None], s, ratio, points, algebra_step)
    if found is None and algebra_step:
        found = square_of_sum(s, equals) or powers_changed(s, equals)
    if found is not None:
        return found
    if all_zero(w):
        if algebra_step:
            return Diagnosis("algebra", "This line is 0, but the line before is not: terms that do not cancel "
                             "were cancelled.", None)
        return Diagnosis("unknown", "This line is 0, but it should not be.", None)
    if algebra_step:
        # the terms of a square may be gone from the line as read (e^{2z} + 2 - e^{2z} is 2 once
        # read): a square expanded wrong is still the teacher's name before a constant
        found = square_of_sum(s, equals, shown=False)
        if found is not None:
            return found
    d = constant_value(difference)
    exact = s.W - s.C
    if d is not None and exact.is_Number:  # 10^-40 itself, not the 0 it is at 30 digits
        d = exact
    if d is not None and (exact.is_Number or abs(d) >= TINY):  # 0 at the sample: wrong elsewhere only
        return Diagnosis("constant", f"A constant is dropped or added: this line is {in_parameters(d, s)} more "
                         "than the right one.", None)
    if r is not None and not close(r, Float(1)):  # 1: equal wherever both are defined and not 0
        return Diagnosis("constant", f"A constant factor is wrong: this line is {in_parameters(r, s)} times the "
                         "right one.",
                         None)
    found = parameter_with_g(s, c, points)
    if found is None:
        found = (power_misplaced(s, c, points) or sign_of_a_term(s, c, points) or factor_in_a_term(s, c, points)
                 or inner_not_put_in(s, c, points))
    if found is not None:
        return found
    off = relative_gap(w, c)
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
