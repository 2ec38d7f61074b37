"""What a derivation establishes besides its lines, as sentences every renderer typesets.

Each fact is a Note (see ``derivation.py``): phrases of words and formulas.  The
mathematics is all in the derivation already (kinks, the proof that no form in g
exists, the parameters); this module only words it, once, for every output format.
"""

from __future__ import annotations

from sympy import Eq, Expr, Float, Function, S, Symbol

from ..engine.derivation import Derivation, Note
from .numbers import as_decimal, terminating


def _number(x: float) -> Float:
    """A sampled value to four significant digits, as a decimal formula (a true minus sign)."""
    return Float(f"{x:.4g}", 15)


def _value(v: Expr) -> Expr:
    """A parameter's value as the framework writes it: a terminating fraction as a decimal."""
    return as_decimal(v) if v.is_Rational and not v.is_Integer and terminating(v) else v


def facts(d: Derivation) -> tuple[Note, ...]:
    out: list[Note] = []
    if d.same_as:
        out.append(((f"this is {d.same_as} from derive's catalog",),))
    if d.params:
        phrase: list = ["with"]
        for name, value in d.params:
            if len(phrase) > 1:
                phrase.append("and")
            if value.is_Symbol:
                phrase.extend([value, "kept as a symbol"])
            else:
                phrase.append(Eq(Symbol(name), _value(value), evaluate=False))
        if d.source:
            phrase.append(f"({d.source})")
        out.append((tuple(phrase),))
    out.extend(form_facts(d))
    for kink in d.kinks:
        p = kink.point
        where = Eq(d.var, p, evaluate=False)
        slopes = ("the slope is", kink.left_slope, "from the left and", kink.right_slope, "from the right")
        if kink.continuous is False:
            out.append((("g jumps at", where, "from", kink.left, "to", kink.right),
                        ("so", _slope_at(d, p), "does not exist")))
        elif kink.differentiable is False:
            out.append((("not differentiable at", where), slopes))
        elif kink.differentiable is None and kink.continuous is None and \
                (kink.left_slope - kink.right_slope).is_zero is False:
            # threshold --symbolic: slopes 0 and 1 never agree; what the parameters decide is
            # whether g is continuous there
            out.append((("not differentiable at", where), slopes,
                        ("g is continuous there only if", Eq(kink.left, kink.right, evaluate=False))))
        elif kink.differentiable is None:
            out.append((("at", where), slopes, ("differentiable there only if the two are equal",)))
        else:
            continue
        if kink.framework is not None:
            out[-1] += (("PyTorch's backward takes", Eq(_slope_at(d, p), kink.framework, evaluate=False)),)
    for form, name in d.alternatives:  # the last note: forms a lecturer quotes, each verified
        out.append((("also written", Eq(_slope_at(d, d.var), form, evaluate=False)), (name,)))
    return tuple(out)


def _slope_at(d: Derivation, point) -> Expr:
    """g'(point), as the lecture writes it (a name to print, not a function to evaluate)."""
    return Function("g'")(point)


def form_facts(d: Derivation) -> tuple[Note, ...]:
    """Whether g' was written in g alone, and if not, why not."""
    if d.branches:
        if d.in_terms_of_g_cases:  # what a backward pass computes from the saved output
            phrase: list = ["in terms of g:"]
            for i, (form, condition) in enumerate(d.in_terms_of_g_cases):
                name = "g" + "'" * d.order if d.order < 4 else f"g^({d.order})"
                phrase += ([";"] if i else []) + [Eq(Function(name)(d.var), form, evaluate=False)]
                phrase += ["on every piece"] if condition == S.true else ["if", condition]
            return ((tuple(phrase),),)
        return (((d.in_g_remark,),),) if d.in_g_remark else ()
    if d.in_terms_of_g is not None:
        return ()
    if d.in_g_remark and d.no_form_in_g is None:
        return (((d.in_g_remark,),),)
    w = d.no_form_in_g
    if w is not None:
        a, b = _number(w.first), _number(w.second)
        g, slope = Function("g"), Function("g'")
        return ((
            ("no form in g alone exists",),
            (Eq(g(a), _number(w.value), evaluate=False), "and", Eq(g(b), _number(w.value), evaluate=False),
             "but", Eq(slope(a), _number(w.slopes[0]), evaluate=False), "and",
             Eq(slope(b), _number(w.slopes[1]), evaluate=False)),
        ),)
    slope = Function("g" + "'" * d.order)(d.var)
    if d.in_terms_of_g_and_z is not None:
        return ((("derive found no form in g alone; the last line uses g and", d.var),),)
    return ((("derive found no way to write", slope, "in terms of g alone"),),)
