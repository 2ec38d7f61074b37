"""Softmax: a vector function, so a Jacobian instead of one derivative.

    s_i = e^{z_i} / sum_k e^{z_k},   ds_i/dz_j = s_i (delta_ij - s_j)

The chain is the lecture's: the quotient rule with the two inner derivatives
d e^{z_i}/dz_j = delta_ij e^{z_i} and d(sum_k e^{z_k})/dz_j = e^{z_j}; the fraction split
to expose s_i and s_j; then the two cases i = j and i != j.  Every line is checked
against the one before for n = 3 at every pair (i, j) and two points z, and the first
derivative line against SymPy's derivative of the written-out softmax.
"""

from __future__ import annotations

from sympy import (
    Add,
    Derivative,
    Eq,
    Expr,
    Float,
    IndexedBase,
    Integer,
    KroneckerDelta,
    Mul,
    Piecewise,
    Pow,
    S,
    Sum,
    Symbol,
    diff,
    exp,
    symbols,
)

from ..errors import EngineFault
from .derivation import Derivation, Line
from .verify import PRECISION, Comparison, close

POINTS = tuple(tuple(Float(x, 40) for x in p) for p in (("0.3", "-1.2", "2.1"), ("-0.7", "0.4", "-1.9")))


def softmax_derivation(var: Symbol) -> Derivation:
    i, j, k, n = symbols("i j k n", integer=True, positive=True)
    z, s = IndexedBase(var.name), IndexedBase("s")
    total = Sum(exp(z[k]), (k, 1, n))
    delta = KroneckerDelta(i, j)

    def over(top: Expr, bottom: Expr) -> Expr:
        return Mul(top, Pow(bottom, -1, evaluate=False), evaluate=False)

    definition = over(exp(z[i]), total)
    d_top, d_total = Derivative(exp(z[i]), z[j]), Derivative(total, z[j])
    rows = [
        (s[i], definition, "definition", (("the definition",),)),
        (Derivative(s[i], z[j]),
         over(Add(Mul(d_top, total, evaluate=False), Mul(S.NegativeOne, exp(z[i]), d_total, evaluate=False),
                  evaluate=False), Pow(total, 2, evaluate=False)),
         "quotient", (("quotient rule",),)),
        (None,
         over(Add(Mul(delta, exp(z[i]), total, evaluate=False), Mul(S.NegativeOne, exp(z[i]), exp(z[j]),
                                                                     evaluate=False), evaluate=False),
              Pow(total, 2, evaluate=False)),
         "evaluate-inner", ((Eq(d_top, Mul(delta, exp(z[i]), evaluate=False), evaluate=False),),
                            (Eq(d_total, exp(z[j]), evaluate=False),))),
        (None, Mul(over(exp(z[i]), total), Add(delta, Mul(S.NegativeOne, over(exp(z[j]), total),
                                                          evaluate=False), evaluate=False), evaluate=False),
         "expose-g", (("split off a factor of", s[i]),)),
        (None, Mul(s[i], Add(delta, Mul(S.NegativeOne, s[j], evaluate=False), evaluate=False), evaluate=False),
         "in-g", (("substitute", s[i], "and", s[j]),)),
        (None, Piecewise((Mul(s[i], Add(1, Mul(S.NegativeOne, s[i]), evaluate=False), evaluate=False), Eq(i, j)),
                         (Mul(S.NegativeOne, s[i], s[j], evaluate=False), True)),
         "cases", ((delta, "is 1 when i = j and 0 otherwise"),)),
    ]
    lines = _verified(rows, definition, z, s, (i, j, n), total)
    form = Mul(s[i], Add(delta, -s[j]))
    concrete = exp(z[i]) / total
    return Derivation("softmax", var, 1, concrete, lines, Mul(concrete, delta - exp(z[j]) / total), form, None,
                      source="torch.nn.Softmax")


def _verified(rows, definition, z, s, indices, total) -> tuple[Line, ...]:
    i, j, n = indices
    size = 3
    pairs = [(a, b) for a in range(1, size + 1) for b in range(1, size + 1)]
    out: list[Line] = []
    previous: dict | None = None
    for number, (lhs, rhs, rule, note) in enumerate(rows, start=1):
        values = {(a, b): _values(rhs, z, s, (i, j, n), (a, b, size)) for a, b in pairs}
        if number == 2:
            previous = {(a, b): _true_derivative(z, a, b, size) for a, b in pairs}
        agree = 0
        if previous is not None:
            for pair in pairs:
                for left, right in zip(values[pair], previous[pair]):
                    if not close(left, right):
                        raise EngineFault(f"softmax line {number} ({rule}) differs from the line before "
                                          f"at (i, j) = {pair}: {left} vs {right}")
                    agree += 1
        out.append(Line(lhs, rhs, rule, note, Comparison("numerically equal", agree) if previous is not None else None))
        previous = values
    return tuple(out)


def _at_points(expr, z, size) -> list[Float]:
    return [Float(expr.xreplace({z[m]: point[m - 1] for m in range(1, size + 1)}).evalf(PRECISION), PRECISION)
            for point in POINTS]


def _values(expr, z, s, symbols_, values) -> list[Float]:
    """expr for n = size at (i, j) = (a, b), s written out, at each of the POINTS."""
    i, j, n = symbols_
    a, b, size = values
    # xreplace, not subs: a structural replacement is all that is needed, and ten times faster
    concrete = expr.xreplace({n: Integer(size), i: Integer(a), j: Integer(b)})
    total = sum(exp(z[m]) for m in range(1, size + 1))
    concrete = concrete.xreplace({s[m]: exp(z[m]) / total for m in range(1, size + 1)}).doit()
    return _at_points(concrete, z, size)


def _true_derivative(z, a, b, size) -> list[Float]:
    total = sum(exp(z[m]) for m in range(1, size + 1))
    return _at_points(diff(exp(z[a]) / total, z[b]), z, size)
