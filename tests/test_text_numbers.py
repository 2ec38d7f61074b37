"""The terminal writes a chain's numbers as the LaTeX does and a lecturer would (render/numbers.py):
SELU's λ and α by name, GELU's 0.044715 as that decimal, each an exact equality with the
number the engine holds."""

import io
import re

from rich.console import Console
from sympy import Float, Rational, Symbol, exp, nsimplify

from derive import derive
from derive.render.numbers import numbers, written
from derive.render.text import DerivationView

LAMBDA = Rational("1.0507009873554804934193349852946")  # the SELU paper's constants
ALPHA = Rational("1.6732632423543772848170429916717")


def text(name: str, width: int = 100) -> str:
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=False, color_system=None).print(DerivationView(derive(name)))
    return out.getvalue()


def test_selu_reads_lambda_and_alpha_with_their_values_said_once():
    shown = text("selu")
    assert "α⋅λ" in shown and "λ⋅z" in shown
    assert not re.search(r"\d{12}", shown.replace("1.0507009873554804934193349852946", "")
                         .replace("1.6732632423543772848170429916717", ""))  # no long number but the two values
    assert shown.count("1.0507009873554804934193349852946") == 1 and shown.count("1.6732632423543772848170429916717") == 1


def test_gelu_tanh_shows_its_constant_as_a_decimal():
    shown = text("gelu-tanh")
    assert "0.044715" in shown and "8943" not in shown and "200000" not in shown


def test_every_replacement_is_an_exact_equality():
    d = derive("selu")
    mapping = numbers(d)
    lam, alpha = Symbol("lambda"), Symbol("alpha")
    for line in d.lines:
        back = written(line.rhs, mapping).xreplace({lam: LAMBDA, alpha: ALPHA})
        assert (back - line.rhs).rewrite(exp).simplify() == 0
    g = derive("gelu-tanh")
    for line in g.lines[:2]:
        shown = written(line.rhs, numbers(g))
        floats = shown.atoms(Float)
        assert floats == {Float("0.044715", 15)} or not floats
        back = shown.xreplace({f: nsimplify(f, rational=True) for f in floats})
        assert back == line.rhs or (back - line.rhs).simplify() == 0
