"""The terminal's 2-D layout given up at the first part too wide (render/pretty.within): the
same answer as laying out the whole and measuring it, for every width."""

from __future__ import annotations

import pytest
from sympy import Derivative, Symbol, UnevaluatedExpr, exp, log, sqrt, tanh

from derive.render.pretty import LecturePrettyPrinter, within

z = Symbol("z", real=True)

EXPRESSIONS = [
    1 / (1 + exp(-z)),
    z * tanh(log(1 + exp(z))),
    (exp(z) - exp(-z)) / (exp(z) + exp(-z)) + z**3 / (1 + sqrt(z**2 + 1)),
    (1 + exp(-z)) ** -2 * UnevaluatedExpr(-exp(-z)),
    Derivative(1 + exp(-z), z) * z / (2 + tanh(z) ** 2) ** 3,
    sum(z**k * exp(k * z) / (1 + exp(z)) ** k for k in range(1, 6)),
]


@pytest.mark.parametrize("unicode", [True, False])
@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_within_is_the_whole_layout_when_it_fits_and_none_when_not(expr, unicode):
    whole = LecturePrettyPrinter(unicode=unicode)._print(expr)
    printer = LecturePrettyPrinter(unicode=unicode)
    for width in range(1, whole.width() + 3):
        form = within(printer, expr, width)
        if whole.width() <= width:
            assert form is not None and form.picture == whole.picture and form.baseline == whole.baseline
        else:
            assert form is None, width
    assert printer.room is None  # the printer is unbounded again afterwards
