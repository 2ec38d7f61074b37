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


def _wrap_scanning_everything(text: str, width: int) -> list[str]:
    """The one-line formula broken into rows as the README says, every break of the rest
    considered at every row (the quadratic way): before + or - in the second half of the
    row, else after the last product sign or comma, else the token cut."""
    rows: list[str] = []
    while len(text) > (limit := width if not rows else width - 2):
        reach = []
        for i, c in enumerate(text):
            if c in "+-−" and i > 0 and text[i - 1] == " " and i + 1 < len(text) and text[i + 1] == " ":
                reach.append((i, True))
            elif c in "⋅·*," and i + 1 < len(text):
                reach.append((i + 1, False))
        reach = [(i, sign) for i, sign in reach if 0 < i <= limit]
        signs = [i for i, sign in reach if sign and i >= limit // 2]
        cut = max(signs) if signs else max((i for i, _ in reach), default=limit)
        rows.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    rows.append(text)
    return [rows[0]] + ["  " + row for row in rows[1:]]


def test_a_long_line_wraps_as_when_every_break_was_scanned():
    import random

    from derive.render.linear import linear
    from derive.render.text import wrap_linear

    rng = random.Random(14)
    long = linear(sum(rng.randint(-9, 9) * z**k * tanh(z) ** (k % 4) / (1 + exp(z)) ** (k % 3) for k in range(60)),
                  unicode=True)
    for width in (12, 13, 40, 71, 100):
        assert wrap_linear(long, width) == _wrap_scanning_everything(long, width)
    for _ in range(200):
        text = "".join(rng.choice("ab + - ·*,()") for _ in range(rng.randint(0, 120)))
        width = rng.randint(3, 30)
        assert wrap_linear(text, width) == _wrap_scanning_everything(text, width), (text, width)
