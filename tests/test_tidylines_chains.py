"""Chains that read as what they are (review4's S2 findings 9-13, 16, 18, 19).

Every line is checked against the truth worked out here: the formula typed in SymPy by
the test (not read from derive), differentiated by ``sympy.diff``, at random points of
both signs.  What is asserted about the text (no bracketed constant factor, one order
of terms, the numbers as given) would fail on the chains printed before.
"""

from __future__ import annotations

import json

import pytest
import sympy
from click.testing import CliRunner
from sympy import Derivative, Rational, Symbol, atanh, diff, exp, log, symbols, tanh

from derive import derive
from derive.cli import cli
from derive.engine.functions import G, g
from derive.render.latex import line_latex, rows
from derive.render.numbers import numbers
from tests.helpers import Z, numerically_equal
from tests.test_latex_readback import read

z = Symbol("z")


def sigma(u):
    return 1 / (1 + exp(-u))


def _meaning(expr, definition, var):
    """A line with g(z), g'(z), ... replaced by the test's definition and its derivatives."""
    slopes = {Derivative(g(var), (var, k)): diff(definition, var, k) for k in (1, 2, 3)}
    return expr.xreplace(slopes).xreplace({g(var): definition}).doit()


def _blocks(d):
    """(order of the block the line is in, line) for every line of the chain."""
    k = None
    for line in d.lines:
        if line.lhs is not None:
            k = line.lhs.derivative_count if isinstance(line.lhs, Derivative) else 0
        yield k, line


def assert_every_line_true(d, truth):
    """Each line of d equal to the k-th derivative of the test's own formula (both signs)."""
    var = d.var
    mine = truth.xreplace({Z: var})
    checked = 0
    for k, line in _blocks(d):
        value = _meaning(line.rhs, mine, var)
        assert numerically_equal(value.xreplace({var: Z}), diff(mine, var, k).xreplace({var: Z})), (k, line.rhs)
        checked += 1
    assert checked >= 2


def _text(d) -> str:
    return d.text(width=200)


def test_a_power_rules_number_is_not_a_bracketed_factor():
    d = derive("z^2/(1+z^2)")
    assert_every_line_true(d, Z**2 / (1 + Z**2))
    assert "(2)" not in _text(d) and r"\left(2\right)" not in d.latex()
    # the 2 of d/dz z^2 leads its product: 2 (z^2 + 1) z
    assert sympy.sstr(d.lines[1].rhs, order="none").startswith("(2*(z**2 + 1)*z - ")


def test_numbers_of_one_product_are_one_coefficient():
    """(1/2)(1/2) is 1/4 (bent identity), and d/du erf's 2/sqrt(pi) times u' = sqrt(2)/2 is
    not set 2 ... sqrt(2)/(sqrt(pi) (2)) nor 1 e^... (gelu's second derivative)."""
    bent = derive("bent identity")
    assert_every_line_true(bent, (sympy.sqrt(Z**2 + 1) - 1) / 2 + Z)
    assert r"\frac{1}{2} \cdot \left(\frac{1}{2}\right)" not in bent.latex()
    gelu = derive("gelu", order=2)
    assert_every_line_true(gelu, Z / 2 * (1 + sympy.erf(Z / sympy.sqrt(2))))
    tex = gelu.latex()
    assert r"\left(2\right)" not in tex and "1 e^" not in tex


def test_one_order_of_terms_inside_a_function_across_the_chain():
    d = derive("sigmoid(2z+1)")
    assert_every_line_true(d, sigma(2 * Z + 1))
    text = _text(d)
    assert "σ(2⋅z + 1)" in text and "σ(1 + 2⋅z)" not in text
    for line in d.lines:
        tex = line_latex(line.rhs, {})
        assert r"\sigma\left(1 + 2 z\right)" not in tex


def test_softplus_writes_its_inner_sum_one_way():
    d = derive("softplus")
    assert_every_line_true(d, log(1 + exp(Z)))
    assert "1 + e^{z}" not in d.latex()  # e^{z} + 1 as in the definition, on every line


LECUN = Rational(17159, 10000) * tanh(Rational(2, 3) * Z)


@pytest.mark.parametrize("order", [1, 2, 3])
def test_lecun_tanh_keeps_its_numbers_as_given(order):
    d = derive("lecun tanh", order=order)
    assert_every_line_true(d, LECUN)
    text, tex = _text(d), d.latex()
    assert "17159" not in text and "17159" not in tex and "51477" not in tex
    assert "1.7159" in text and "1.7159" in tex
    # the form in g, against the truth: g^(n) with tanh(2z/3) = g/1.7159
    truth = diff(LECUN, Z, order)
    assert numerically_equal(d.in_terms_of_g.doit().subs(G, LECUN), truth)


def test_lecun_tanh_first_derivative_lines_read_as_2_3_of_1_7159():
    d = derive("lecun tanh")
    last = line_latex(d.lines[-1].rhs, numbers(d))
    assert r"1.7159 \cdot \left(\frac{2}{3}\right)" in last and r"\frac{g(z)}{1.7159}" in last


def test_lecun_tanh_latex_lines_read_back_by_an_independent_reader():
    """As --format latex and the JSON write them (decimals), read by latex2sympy."""
    for order in (1, 2):
        d = derive("lecun tanh", order=order)
        mapping = numbers(d)
        for k, line in _blocks(d):
            found = read(line_latex(line.rhs, mapping))
            markers = {Symbol(f"y_{j}"): diff(LECUN, Z, j) for j in range(4)}
            value = found.xreplace(markers).xreplace({Symbol("z"): Z}).doit()
            for z0 in (-2.9, -1.1, -0.23, 0.37, 1.6, 3.3):  # the reader's 1.7159 is a 15-digit float
                a, b = (complex(sympy.N(e.subs(Z, z0), 30)) for e in (value, diff(LECUN, Z, k)))
                assert abs(a - b) <= 1e-12 * (1 + abs(b)), (order, k, line.rhs, z0)


def test_generalized_logistic_form_in_g_has_no_power_of_a_power():
    a, b = symbols("alpha beta", positive=True)
    truth = (1 + exp(-b * Z)) ** (-a)
    for symbolic in (True, False):
        d = derive("generalized logistic", symbolic=symbolic)
        F = d.in_terms_of_g
        nested = [p for p in F.atoms(sympy.Pow) if isinstance(p.base, sympy.Pow) and p.base.has(G)]
        assert not nested, F
        assert not F.could_extract_minus_sign(), F  # alpha beta g (1 - g^(1/alpha)), no leading minus
        own = truth if symbolic else truth.subs(b, 1)
        assert numerically_equal(F.subs(G, own).xreplace({Symbol("alpha", positive=True): a}), diff(own, Z))
        assert_every_line_true(d, own)


def test_tanh_of_softplus_form_in_g_is_the_short_one():
    d = derive("tanh(softplus(z))")
    truth = tanh(log(1 + exp(Z)))
    assert_every_line_true(d, truth)
    F = d.in_terms_of_g
    # (1 - g^2)(1 - e^(-atanh g)): e^(atanh g) appears once, as e^(-atanh g)
    assert F.count(atanh(G)) == 1 and not F.has(exp(atanh(G))), F
    assert numerically_equal(F.subs(G, truth), diff(truth, Z))


def _json(*args) -> dict:
    result = CliRunner().invoke(cli, [*args, "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _latex_rows(*args) -> list[str]:
    result = CliRunner().invoke(cli, [*args, "--format", "latex", "--no-cache"])
    assert result.exit_code == 0, result.output
    body = result.stdout.strip().removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}")
    return [row.split("&=", 1)[1].strip() for row in body.split("\\\\\n") if "&=" in row]


@pytest.mark.parametrize("name", ["binary step", "leaky relu", "lecun tanh", "selu"])
def test_json_latex_is_what_format_latex_writes(name):
    data = _json(name)
    lines = [line["latex"] for line in data["lines"]] + [
        line["latex"] for b in data["branches"] for line in b["lines"]]
    assert lines == _latex_rows(name)


def test_binary_step_slope_condition_is_the_same_in_json_and_latex():
    data = _json("binary step")
    assert r"z \neq 0" in data["lines"][1]["latex"] and r"\vee" not in data["lines"][1]["latex"]


def test_a_substitution_note_writes_the_product_without_brackets():
    d = derive("lecun tanh", order=2)
    text = _text(d)
    assert "substitute g'(z) = 1.7159·(2/3)·(1 - (g(z)/1.7159)^2)" in text
    assert "(1.7159·(2/3))" not in text


def test_one_case_in_g_where_every_piece_has_the_same_form():
    relu = derive("relu", order=2)
    assert relu.in_terms_of_g_cases == ((0, sympy.true),)
    truth = sympy.Max(0, Z)
    for z0 in (-2.5, -0.3, 0.4, 3.1):  # g'' is 0 on each piece
        assert diff(sympy.Piecewise((0, Z < 0), (Z, True)), Z, 2).subs(Z, z0) == 0
        assert truth.subs(Z, z0) >= 0
    step = derive("binary step")
    assert step.in_terms_of_g_cases == ((0, sympy.true),)
    assert "on every piece" in _text(relu) and "on every piece" in _text(step)
    # where the forms differ the cases stay (ReLU's g': 0 if g = 0, 1 if g > 0)
    assert len(derive("relu").in_terms_of_g_cases) == 2


def test_rows_and_json_come_from_one_function():
    d = derive("binary step")
    mapping = numbers(d)
    assert [r.rhs for r in rows(d, em=1000) if r.rhs is not None] == [
        line_latex(line.rhs, mapping) for line in (*d.lines, *(l for b in d.branches for l in b.derivation.lines))]


def test_softsign_second_derivative_pieces_over_one_denominator():
    d = derive("softsign", order=2)
    assert_every_line_true(d, Z / (1 + sympy.Abs(Z)))
    piece_line = next(line for line in d.lines if line.rule == "piecewise")
    for value, _ in piece_line.rhs.args:  # 2/(1 - z)^3 and -2/(1 + z)^3, no fraction inside a fraction
        assert sympy.count_ops(value) <= 6, value
    truth = diff(Z / (1 + sympy.Abs(Z)), Z, 2)
    for z0 in (-3.1, -0.7, 0.45, 2.6):
        chosen = piece_line.rhs.subs(d.var, z0)
        assert abs(complex(sympy.N(chosen)) - complex(sympy.N(truth.subs(Z, z0)))) < 1e-12
