"""engine/factoring: SymPy's factor(deep=True), each distinct subexpression factored once,
gives SymPy's own answer node for node."""

import pytest
from sympy import Dummy, E, Rational, S, cos, erfinv, exp, factor, log, sqrt, srepr, tan

from derive.engine.factoring import Factoring

y = Dummy("y", real=True)
p = Dummy("p", positive=True)

#: forms the inversion route tidies (bent identity, ISRU, squareplus, arctan, probit, cloglog,
#: generalized logistic), and expressions where deep factoring changes the inside of a
#: function, a radicand or an exponent
EXPRESSIONS = [
    -2 * sqrt(y**2 + y + 1) / (4 * y / 3 - 8 * sqrt(y**2 + y + 1) / 3 + Rational(2, 3)),
    4 * y / 3 - 2 * sqrt(y**2 + y + 1) / 3 + Rational(2, 3),
    (1 - y**2) / sqrt(-1 / (y**2 - 1)),
    y - 1 / y,
    y**2 / (y**2 + 1),
    1 / (tan(y) ** 2 + 1),
    cos(y) ** 2,
    sqrt(2) * exp(-erfinv(2 * y - 1) ** 2) / (2 * sqrt(S.Pi)),
    y * log(1 - y) - log(1 - y),
    -p ** (1 / Rational(3)) * (1 - 1 / p ** (1 / Rational(3))) / (p ** (-1 / Rational(3))) ** 3,
    sqrt(y**4 + 2 * y**2 + 1) / (y**2 - 1) + exp(y**2 - 1),
    log(y**2 - 2 * y + 1) * sqrt(y**3 - y),
    exp(y**2 - 2 * y + 1) * (y**2 - 1) ** Rational(3, 2) / (y + 1) ** Rational(1, 2),
    (y**2 - 1) ** y + (y**2 - 1) ** 2,
    sqrt(sqrt(y**2 - 2 * y + 1) + y**2 - 1),
    E * (y**3 - y) / (y**2 + 2 * y + 1),
    S.One,
    y,
]


@pytest.mark.parametrize("expr", EXPRESSIONS, ids=range(len(EXPRESSIONS)))
def test_deep_factoring_is_sympys(expr):
    assert srepr(Factoring().deep(expr)) == srepr(factor(expr, deep=True))


def test_one_factoring_shared_by_plain_and_deep():
    factoring = Factoring()
    expr = EXPRESSIONS[0]
    assert srepr(factoring(expr)) == srepr(factor(expr))
    assert srepr(factoring.deep(expr)) == srepr(factor(expr, deep=True))
    assert expr in factoring.known  # the top node: factor(expr), asked once for both
