"""The most likely mistake in a wrong line, found by comparing it with what common wrong
rules would have given.

The wrong line W is compared with the right value C at sample points: their ratio and
difference, and candidates built from the line before: the quotient rule with the
numerator reversed or the denominator not squared, (uv)' = u'v', tanh' = sech,
sigma' = sigma^2, a chain factor u' missing or repeated, a power off by one or two,
(a + b)^2 = a^2 + b^2.  The first candidate that equals W at every point names the
kind; otherwise the ratio or the difference may be a constant; otherwise ``unknown``.
"""

from __future__ import annotations

from typing import Callable

from sympy import (
    Add,
    Derivative,
    Dummy,
    Expr,
    Float,
    Function,
    Mul,
    Pow,
    S,
    Symbol,
    diff,
    exp,
    log,
    sech,
    tanh,
)

from ..engine import forms
from ..engine.functions import g, sigmoid
from ..engine.steps import split_fraction
from ..engine.verify import close, evaluate
from .chain import Diagnosis
from .document import Step
from .equality import POINTS

SAMPLE = POINTS[:10]


def _values(expr: Expr, z: Symbol) -> list[Float | None]:
    return [evaluate(expr, {z: p}) for p in SAMPLE]


def _same(a: list, b: list) -> bool:
    pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    return len(pairs) >= 5 and all(close(x, y) for x, y in pairs)


def _constant(values: list) -> Float | None:
    known = [v for v in values if v is not None]
    if len(known) >= 5 and all(close(v, known[0]) for v in known):
        return known[0]
    return None


def diagnose(written: Expr, W: Expr, C: Expr, before: Expr | None, definition: Expr, z: Symbol, *,
             step: Step, value: Callable[[Expr], Expr], forms_of_g: list[Expr] = (),
             in_definition: bool = False) -> Diagnosis:
    """``forms_of_g``: the ways the text wrote g before differentiating it (sigma(z) and
    1/(1 + e^{-z})): a table mistake shows against the first, a rule mistake against either."""
    w, c = _values(W, z), _values(C, z)
    ratio = [x / y if x is not None and y not in (None, 0) else None for x, y in zip(w, c)]
    difference = [x - y if x is not None and y is not None else None for x, y in zip(w, c)]
    differentiated = _differentiated(before, step, z, definition)
    differentiated += [f for f in forms_of_g if f not in differentiated]

    def equals(candidate: Expr) -> bool:
        return _same(w, _values(value(candidate), z))

    for finder in (_quotient_rule, _product_rule):
        found = finder(differentiated, z, equals, C)
        if found is not None:
            return found
    # a power written in this very line that is off (the reciprocal rule's 1/v^2 left as 1/v)
    found = _exponent(written, None, z, ratio, written)
    if found is None:
        found = _elementary(differentiated, z, equals, C)
    if found is not None:
        return found
    found = _chain_factor(differentiated, before, z, ratio, written)
    if found is not None:
        return found
    r = _constant(ratio)
    if r is not None and close(r, Float(-1)):
        return Diagnosis("sign", "The sign is wrong: this line is the negative of what it should be.",
                         _negated(written))
    found = _exponent(before, definition, z, ratio, written)
    if found is None and step.order is None and before is not None and not before.has(Derivative):
        found = _powers_changed(before, equals)
    if found is not None:
        return found
    if before is not None and not before.has(Derivative):
        found = _square_of_sum(before, equals)
        if found is not None:
            return found
    d = _constant(difference)
    if d is not None:
        shown = _short(d)
        return Diagnosis("constant", f"A constant is dropped or added: this line differs from the right one by {shown}.",
                         None)
    if r is not None:
        return Diagnosis("constant", f"A constant factor is wrong: this line is {_short(r)} times the right one.", None)
    if in_definition:
        return Diagnosis("unknown", "This line is a different function from the line before it: "
                         "the definition contradicts itself.", None)
    if step.order is None and before is not None and not before.has(Derivative):
        return Diagnosis("algebra", "The algebra from the line before to this one is wrong: they are not equal.", None)
    return Diagnosis("unknown", "This line is not equal to what it should be.", None)


def _short(x) -> str:
    return f"{float(x):.6g}"


def _negated(written: Expr) -> Expr:
    if written.could_extract_minus_sign():
        return forms.as_written(-written)  # -g(1 - g) corrected is g(1 - g), not -(-g(1 - g))
    return Mul(S.NegativeOne, written, evaluate=False)


def _differentiated(before: Expr | None, step: Step, z: Symbol, definition: Expr) -> list[Expr]:
    """What the step differentiates: the line before for a g' line, or the operands of
    the d/dz (...) it evaluates."""
    if before is None:
        return []
    if step.order:
        return [before]
    return [d.expr for d in before.atoms(Derivative) if d.expr != g(z)]


def _quotient_rule(targets: list[Expr], z: Symbol, equals, C: Expr) -> Diagnosis | None:
    for target in targets:
        top, bottom = split_fraction(target)
        if bottom == 1 or not bottom.has(z) or not top.has(z):
            continue  # 1/v is the reciprocal rule: a mistake there is a power's (see _exponent)
        du, dv = diff(top, z), diff(bottom, z)
        candidates = {
            "the numerator's terms are the wrong way round: (u/v)' = (v u' - u v')/v^2, not (u v' - v u')/v^2":
                (top * dv - bottom * du) / bottom**2,
            "the denominator is not squared: (u/v)' = (v u' - u v')/v^2": (bottom * du - top * dv) / bottom,
            "the numerator has + instead of -: (u/v)' = (v u' - u v')/v^2": (bottom * du + top * dv) / bottom**2,
            "(u/v)' is not u'/v'": du / dv if dv != 0 else None,
        }
        for message, candidate in candidates.items():
            if candidate is not None and equals(candidate):
                return Diagnosis("quotient_rule", f"Quotient rule: {message}.", forms.as_written(C))
    return None


def _product_rule(targets: list[Expr], z: Symbol, equals, C: Expr) -> Diagnosis | None:
    for target in targets:
        if not isinstance(target, Mul):
            continue
        factors = [f for f in target.args if f.has(z)]
        if len(factors) < 2:
            continue
        constant = Mul(*(f for f in target.args if not f.has(z)))
        candidate = constant * Mul(*(diff(f, z) for f in factors))
        if equals(candidate):
            return Diagnosis("product_rule", "Product rule: (uv)' = u'v + uv', not u'v'.", forms.as_written(C))
    return None


#: derivatives students commonly misremember: f -> [(wrong f'(u), how it is said)]
def _wrong_tables(u: Expr):
    return {
        tanh: [(sech(u), "tanh'(u) = 1 - tanh(u)^2 (= sech(u)^2), not sech(u)"),
               (1 + tanh(u) ** 2, "tanh'(u) = 1 - tanh(u)^2, not 1 + tanh(u)^2"),
               (1 - tanh(u), "tanh'(u) = 1 - tanh(u)^2, not 1 - tanh(u)")],
        sigmoid: [(sigmoid(u) ** 2, "σ'(u) = σ(u)(1 - σ(u)), not σ(u)^2"),
                  (1 - sigmoid(u), "σ'(u) = σ(u)(1 - σ(u)), not 1 - σ(u)"),
                  (sigmoid(u), "σ'(u) = σ(u)(1 - σ(u)), not σ(u)")],
        exp: [(u * exp(u - 1), "(e^u)' = e^u, not u e^(u - 1)")],
        log: [(1 / u ** 2, "(ln u)' = 1/u, not 1/u^2")],
    }


def _elementary(targets: list[Expr], z: Symbol, equals, C: Expr) -> Diagnosis | None:
    for target in targets:
        for f in sorted(target.atoms(Function), key=str):
            if type(f) not in (tanh, sigmoid, exp, log) or not f.has(z):
                continue
            u = f.args[0]
            for wrong, message in _wrong_tables(u)[type(f)]:
                marker = Dummy("f")
                candidate = diff(target.xreplace({f: marker}), marker) * wrong * diff(u, z)
                rest = diff(target.xreplace({f: marker}), z)
                candidate = (candidate + rest).xreplace({marker: f})
                if equals(candidate):
                    return Diagnosis("elementary_derivative", f"A derivative from the table is wrong: {message}.",
                                     forms.as_written(C))
    return None


def _chain_factor(targets: list[Expr], before: Expr | None, z: Symbol, ratio: list, written: Expr) -> Diagnosis | None:
    """The ratio is an inner derivative u' (missing) or its reciprocal (one too many)."""
    inner: dict[str, Expr] = {}
    for target in targets:
        pieces = [target] + [f.args[0] for f in target.atoms(Function) if f.args and f.args[0] != z]
        pieces += [p.exp for p in target.atoms(Pow) if p.exp.has(z)]
        pieces += [p.base for p in target.atoms(Pow) if p.base.has(z) and p.base != z]
        for piece in pieces:
            d = diff(piece, z)
            if d not in (0, 1):
                inner[str(d)] = d
    for key in sorted(inner):
        d = inner[key]
        dv = _values(d, z)
        if _same(ratio, [1 / x if x not in (None, 0) else None for x in dv]):
            fixed = forms.as_written(written * d) if d.is_number else Mul(written, d, evaluate=False)
            return Diagnosis("chain_factor", f"Chain rule: the inner derivative {_plain(d)} is missing; "
                             "multiply by it.", fixed)
        if _same(ratio, dv):
            fixed = forms.as_written(written / d) if d.is_number else Mul(written, Pow(d, -1, evaluate=False),
                                                                                      evaluate=False)
            return Diagnosis("chain_factor", f"Chain rule: the inner derivative {_plain(d)} is applied one time "
                             "too many.", fixed)
    return None


def _exponent(before: Expr | None, definition: Expr | None, z: Symbol, ratio: list, written: Expr) -> Diagnosis | None:
    """The ratio is a power of a base in the line (this one or the one before): W = C B^k."""
    bases = {}
    for source in (before, definition):
        if source is None:
            continue
        for p in source.atoms(Pow):
            if p.base.has(z):
                bases[str(p.base)] = p.base
    for key in sorted(bases):
        base = bases[key]
        for k in (1, -1, 2, -2):
            if _same(ratio, _values(base**k, z)):
                how = f"{abs(k)} too {'high' if k > 0 else 'low'}"
                return Diagnosis("exponent", f"A power is off: the power of {_plain(base)} is {how} "
                                 "(the reciprocal rule gives -1/v^2; (u^n)' = n u^(n-1) u').",
                                 _power_fixed(written, base, k))
    return None


def _power_fixed(written: Expr, base: Expr, k: int) -> Expr:
    powers = [p for p in written.atoms(Pow) if p.base == base]
    if len(powers) == 1:
        (p,) = powers
        return written.xreplace({p: Pow(base, p.exp - k, evaluate=False)})
    return Mul(written, Pow(base, -k, evaluate=False), evaluate=False)


def _square_of_sum(before: Expr, equals) -> Diagnosis | None:
    """(a + b)^2 written a^2 + b^2 (or 1/(a + b)^2 as 1/(a^2 + b^2)) in the line before."""
    for p in sorted(before.atoms(Pow), key=str):
        if isinstance(p.base, Add) and p.exp in (2, -2):
            squares = Add(*(t**2 for t in p.base.args))
            wrong = before.xreplace({p: squares if p.exp == 2 else 1 / squares})
            if equals(wrong):
                return Diagnosis("algebra", f"Algebra: ({_plain(p.base)})^2 is not the sum of the squares of its "
                                 "terms; (a + b)^2 = a^2 + 2ab + b^2.", forms.as_written(before))
    return None


def _powers_changed(before: Expr | None, equals) -> Diagnosis | None:
    """A power in the line before raised or lowered by one (or all squares dropped)."""
    if before is None:
        return None
    powers = sorted((p for p in before.atoms(Pow) if p.exp.is_Integer and p.exp not in (1, -1)), key=str)
    variants = [({p: Pow(p.base, p.exp - 1)}, p) for p in powers] + [({p: Pow(p.base, p.exp + 1)}, p) for p in powers]
    squares = {p: Pow(p.base, p.exp // 2) for p in powers if p.exp % 2 == 0}
    if len(squares) > 1:
        variants.append((squares, None))
    for change, p in variants:
        if equals(before.xreplace(change)):
            where = f"the power of {_plain(p.base)}" if p is not None else "the squares"
            return Diagnosis("exponent", f"A power is off: {where} changed from the line before to this one.",
                             forms.as_written(before))
    return None


def _plain(expr: Expr) -> str:
    from ..render.linear import linear

    return linear(forms.as_written(expr))
