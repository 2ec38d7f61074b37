"""The catalog of slips in a rule of differentiation: the product and quotient rules, a
derivative from the table misremembered, |u|' taken as u', an inner derivative missing or
repeated, a power off, the reciprocal rule's minus; each tried against the wrong line and,
where it reproduces it, named with the line the rule done right gives."""

from __future__ import annotations

import re

from sympy import (
    Abs,
    Add,
    Derivative,
    Dummy,
    Expr,
    Function,
    Mul,
    Pow,
    S,
    Symbol,
    atan,
    diff,
    exp,
    log,
    sech,
    tanh,
)

from ...engine import forms
from ...engine.functions import g, sigmoid
from ...engine.steps import split_fraction
from ...engine.verify import CASES
from .situation import Diagnosis, Differentiated, Situation
from .values import divided, same_values, sample_values
from .words import formula


def differentiated(s: Situation) -> list[Differentiated]:
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


def quotient_rule(targets: list[Differentiated], s: Situation, equals) -> Diagnosis | None:
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
                where = f" with u = {formula(top, s)} and v = {formula(bottom, s)}"
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


def product_rule(targets: list[Differentiated], s: Situation, equals) -> Diagnosis | None:
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
            names = f"with u = {formula(u, s)} and v = {formula(v, s)}, (uv)' = u'v + uv'"
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


def elementary(targets: list[Differentiated], s: Situation, equals) -> Diagnosis | None:
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


def absolute(targets: list[Differentiated], s: Situation, equals) -> Diagnosis | None:
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


def chain_factor(targets: list[Differentiated], s: Situation, ratio: list, points) -> Diagnosis | None:
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
        dv = sample_values(d, z, points)
        shown = formula(d, s)
        if same_values(ratio, divided([S.One] * len(dv), dv)):
            fixed = forms.as_written(s.written * d) if d.is_number else Mul(s.written, d, evaluate=False)
            return Diagnosis("chain_factor", f"Chain rule: the inner derivative {shown} is missing; multiply "
                             "by it.", fixed)
        if d.is_number and d.is_negative and same_values(ratio, divided([S.One] * len(dv), [-x for x in dv])):
            return Diagnosis("chain_factor", f"Chain rule: the factor {formula(-d, s)} of the inner derivative "
                             f"{shown} is missing (the sign is there, the number is not).",
                             forms.as_written(-s.written * d))
        if not d.is_number and reciprocals(targets, s) and not minus_in_front(s) \
                and same_values(ratio, divided([S.NegativeOne] * len(dv), dv)):
            return Diagnosis("chain_factor", f"Chain rule: the inner derivative {shown} is missing, and so is the "
                             "minus of the reciprocal rule, (1/v)' = −v'/v².", forms.as_written(-s.written * d))
        if same_values(ratio, dv):
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
    right = sample_values(s.C, z, points)
    terms = s.written.args
    for key in sorted(inner, key=lambda k: (len(k), k)):
        d = inner[key]
        for i, term in enumerate(terms):
            if not term.has(z):
                continue
            fixed = Add(*terms[:i], Mul(term, d, evaluate=False) if not d.is_number else forms.as_written(term * d),
                        *terms[i + 1:], evaluate=False)
            if same_values(sample_values(s.value(fixed), z, points), right):
                return Diagnosis("chain_factor", f"Chain rule: the inner derivative {formula(d, s)} is missing in "
                                 f"the term {formula(term, s)}; multiply it by {formula(d, s)}.", fixed)
    return None


def sign_slip(targets: list[Differentiated], s: Situation) -> Diagnosis:
    """The line is the negative of the right one: the reciprocal or power rule's own minus
    is the usual culprit when the step differentiates 1/v or v^(-n)."""
    if reciprocals(targets, s):
        message = ("The sign is wrong: the minus of the reciprocal rule is missing, (1/v)' = −v'/v² "
                   "(and (v^n)' = n v^(n−1) v' with n negative).")
    elif s.step.order or targets:
        message = "The sign is wrong: this line is the negative of the right derivative."
    else:
        message = "The sign is wrong: this line is the negative of the line before."
    return Diagnosis("sign", message, _negated(s.written))


def minus_in_front(s: Situation) -> bool:
    """The line as typed begins with the reciprocal rule's minus: -1/v² · u', -(v)^-2 · u',
    -\\frac{1}{v^2} u' (not -e^{-z}/v², where either minus may be the one written)."""
    return re.match(r"\s*[-−]\s*(1\s*/|\\frac\s*\{?\s*1\b|\(|\\left\s*\(|\[)", s.step.text) is not None


def table_slip_targets(targets: list[Differentiated], s: Situation) -> list[Differentiated]:
    """The forms of g (σ(z), tanh(z), arctan(z)) a table slip can be about: all of them, but
    where the line writes no function at all beyond e^x (1/(1 + e^{-z})², no σ, no g): then
    only those without a table function (σ' misremembered is not the slip there)."""
    if s.written.has(g(s.z)) or {type(f) for f in s.written.atoms(Function)} - {exp}:
        return targets
    return [t for t in targets if not any(type(f) in (sigmoid, tanh, atan) for f in t.target.atoms(Function))]


def reciprocals(targets: list[Differentiated], s: Situation) -> list[Expr]:
    """The powers 1/v, v^(-n) of the variable that the step differentiates."""
    return [p for t in targets for p in s.value(t.target).atoms(Pow)
            if p.exp.is_number and p.exp.is_negative and p.base.has(s.z)]


def _negated(written: Expr) -> Expr:
    if written.could_extract_minus_sign():
        return forms.as_written(-written)  # -g(1 - g) corrected is g(1 - g), not -(-g(1 - g))
    return Mul(S.NegativeOne, written, evaluate=False)


def exponent(sources: list[Expr], s: Situation, ratio: list, points, algebra_step: bool = False) -> Diagnosis | None:
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
            if same_values(ratio, sample_values(s.value(base) ** k, z, points)):
                how = f"is {abs(k)} too {'high' if k > 0 else 'low'}"
                powers = [p.exp for p in s.written.atoms(Pow) if p.base == base and p.exp.is_Integer]
                if algebra_step and not s.written.has(base):
                    power = formula(Pow(base, abs(k), evaluate=False) if abs(k) > 1 else base, s)
                    factor = f"1/{power}" if k > 0 else power
                    return Diagnosis("algebra", f"Algebra: the factor {factor} of the line before is dropped (the "
                                     f"two are equal only where {power} = 1: an approximation, not an equal line).",
                                     _power_fixed(s.written, base, k))
                if len(powers) == 1:  # say it as the student sees it: 1/v^2, not 1/v
                    how = f"should be {powers[0] - k}, not {powers[0]}"
                rule = "" if algebra_step else " (the reciprocal rule gives −v'/v²; (u^n)' = n u^(n−1) u')"
                return Diagnosis("exponent", f"A power is off: the power of {formula(base, s)} {how}{rule}.",
                                 _power_fixed(s.written, base, k))
    return None


def _power_fixed(written: Expr, base: Expr, k: int) -> Expr:
    powers = [p for p in written.atoms(Pow) if p.base == base]
    if len(powers) == 1:
        (p,) = powers
        return written.xreplace({p: Pow(base, p.exp - k, evaluate=False)})
    return Mul(written, Pow(base, -k, evaluate=False), evaluate=False)
