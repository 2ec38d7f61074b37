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


# --- a piece's condition: one interval is kept as it is, without SymPy's sets ------------

from sympy import And, Or, Rational as _Q, Symbol as _Symbol, sqrt as _sqrt  # noqa: E402

from derive.render import numbers as _numbers  # noqa: E402

_z = _Symbol("z", real=True)


def _by_sets(c):
    """What _condition wrote before the shortcut: SymPy's sets, the shorter string."""
    simpler = c.as_set().as_relational(_z)
    return simpler if len(str(simpler)) < len(str(c)) else c


def _bounds():
    ends = [-3, _Q(-1, 2), 0, 1, _sqrt(2)]
    for a in ends:
        for b in ends:
            for low in (lambda v: _z > v, lambda v: _z >= v, lambda v: v < _z, lambda v: v <= _z):
                for high in (lambda v: _z < v, lambda v: _z <= v, lambda v: v > _z, lambda v: v >= _z):
                    yield a, b, low(a), high(b)


def test_one_interval_is_written_as_sympys_sets_would_write_it():
    seen = 0
    for a, b, low, high in _bounds():
        c = And(low, high)  # its arguments in SymPy's order, whichever came first
        if not isinstance(c, And):
            continue  # SymPy decided it already (an empty or a whole-line pair)
        assert _numbers._one_interval(c) == bool(a < b)
        if a < b:
            assert str(_numbers._condition(c)) == str(_by_sets(c)), c
            seen += 1
    assert seen >= 150


def test_what_is_not_one_interval_still_goes_through_sets():
    assert not _numbers._one_interval(Or(_z > 0, _z < 0))
    assert str(_numbers._condition(Or(_z > 0, _z < 0))) == str(_by_sets(Or(_z > 0, _z < 0)))
    three = And(_z > 0, _z > 1, _z < 3)
    assert not _numbers._one_interval(three)
    assert str(_numbers._condition(three)) == str(_by_sets(three))
    assert not _numbers._one_interval(And(_z > 0, _z > 1))
