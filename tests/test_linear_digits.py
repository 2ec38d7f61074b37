"""A long decimal in ``derive list`` is cut after DIGITS significant digits, with an ellipsis:
SELU's λα was 62 digits folded over three lines of the table's narrow column."""

from decimal import Decimal, localcontext

from sympy import Rational

from derive import derive
from derive.render.slopes import DIGITS, slope_summary
from derive.render.linear import linear

LAMBDA = "1.0507009873554804934193349852946"  # the SELU paper's constants, as the catalog keeps them
ALPHA = "1.6732632423543772848170429916717"


def test_selus_constants_are_cut_in_the_table_and_exact_elsewhere():
    with localcontext() as context:
        context.prec = 80
        product = str(Decimal(LAMBDA) * Decimal(ALPHA))
    summary = slope_summary(derive("selu"))
    assert summary == f"{product[:DIGITS + 1]}… + g if g < 0; {LAMBDA[:DIGITS + 1]}… if g > 0"
    assert product in linear(Rational(product))  # the chain itself keeps every digit


def test_only_significant_digits_count_and_nothing_is_rounded():
    assert linear(Rational("0.000123456789987"), digits=5) == "0.00012345…"  # not 0.00012346
    assert linear(-Rational("12.3456789012345"), digits=4) == "-12.34…"
    assert linear(Rational("12.3456789012345"), digits=4, unicode=False) == "12.34..."
    assert linear(Rational("1.5"), digits=4) == "3/2"  # short: as before
