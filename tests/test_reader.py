"""The reader of hand derivations: every notation of issue 10, against expressions written
here by hand in SymPy (the independent truth), compared structurally where the structure
is the point (an unevaluated d/dz) and otherwise numerically at points of both signs.
Cases that cannot be read must say so with their column, never become something else.
"""

import pytest
from sympy import (Derivative, Function, Max, Piecewise, Rational, Symbol, acosh, asinh, atanh, cos, diff, exp, log, sech, sin,
                   sqrt, tanh)

from derive.batch import check_text
from derive.check.document import DocumentError, read_document
from derive.engine.functions import g, sigmoid
from derive.parse import ParseError, read
from derive.parse.expression import Parser

from .helpers import numerically_equal

x = Symbol("x", real=True)
z = Symbol("z", real=True)
t = Symbol("t", real=True)
y = Symbol("y", real=True)
k = Symbol("k", real=True)


def s(u):
    """The logistic function, written out: the truth does not lean on derive's sigmoid."""
    return 1 / (1 + exp(-u))


#: a stand-in for the author's function when values are compared: no activation, so that
#: g(z) and σ(z) (or tanh) cannot agree by accident
STAND_IN = Function("stand_in")


def value(expr, var):
    """expr with g replaced by a fixed function unlike any activation, and d/dv done."""
    h = sin(var) + var**3 / 7 + 2
    out = expr
    for d in sorted(expr.atoms(Derivative), key=lambda d: -d.derivative_count):
        if d.expr == g(var):
            out = out.xreplace({d: diff(h, var, d.derivative_count)})
    out = out.xreplace({g(var): h})
    return out.doit().rewrite(exp).xreplace({})


def same(read_value, expected, var):
    a, b = value(read_value, var), value(expected, var)
    a = a.replace(lambda e: isinstance(e, sigmoid), lambda e: s(e.args[0]))
    b = b.replace(lambda e: isinstance(e, sigmoid), lambda e: s(e.args[0]))
    return numerically_equal(a, b, var)


def step(text, *, latex=True, var="z", function="g"):
    parser = Parser(text, var=var, notation=True, latex=latex, function=function, max_length=4000)
    return parser.run(), parser.remarks


# --- expressions: each notation, each against its hand-written meaning ---------------------------

LATEX = [
    # brackets of every size and kind
    (r"\left[1 + e^{-z}\right]^{-1}", 1 / (1 + exp(-z)), "z", "g"),
    (r"\big(1 + z\big)\Big[2 - z\Big]", (1 + z) * (2 - z), "z", "g"),
    (r"\bigl(1 + z\bigr)\biggl(1 - z\biggr)", (1 + z) * (1 - z), "z", "g"),
    (r"\{1 + z\}^2", (1 + z) ** 2, "z", "g"),
    (r"\left\{1 - z\right\} z", (1 - z) * z, "z", "g"),
    (r"[1 + e^{-z}]^{-2} e^{-z}", exp(-z) / (1 + exp(-z)) ** 2, "z", "g"),
    # named functions in every font
    (r"\operatorname{sech}^2(z)", sech(z) ** 2, "z", "g"),
    (r"\mathrm{sech}^2 z", sech(z) ** 2, "z", "g"),
    (r"\text{sech}^{2}(2z)", sech(2 * z) ** 2, "z", "g"),
    (r"\operatorname{artanh}(z)", atanh(z), "z", "g"),
    # Euler's number
    (r"\frac{1}{1 + \mathrm{e}^{-z}}", s(z), "z", "g"),
    (r"\frac{1}{1 + {\rm e}^{-z}}", s(z), "z", "g"),
    (r"\frac{1}{1 + \exp(-z)}", s(z), "z", "g"),
    (r"\frac{1}{1 + \exp\left(-z\right)}", s(z), "z", "g"),
    # arguments without brackets, as notes mean them
    (r"\tanh 2z", tanh(2 * z), "z", "g"),
    (r"\sigma 2z", s(2 * z), "z", "g"),
    (r"\ln g(z)", log(g(z)), "z", "g"),
    (r"-g(z)\ln g(z)", -g(z) * log(g(z)), "z", "g"),
    (r"\tanh z \cdot z", tanh(z) * z, "z", "g"),
    (r"\tanh z + 1", tanh(z) + 1, "z", "g"),
    (r"\sin z \cos z", sin(z) * cos(z), "z", "g"),
    # inverses and powers of functions
    (r"\tanh^{-1}(z)", atanh(z / 2 * 2), "z", "g"),
    (r"\sinh^{-1} z", asinh(z), "z", "g"),
    (r"\cosh^{-1}(2 + z^2)", acosh(2 + z**2), "z", "g"),
    (r"\sigma^{-1}\left(\frac{1}{3}\right)", log(Rational(1, 2)), "z", "g"),
    (r"\tanh^2(z)", tanh(z) ** 2, "z", "g"),
    (r"\sigma^2(z)", s(z) ** 2, "z", "g"),
    (r"g(z)^2", g(z) ** 2, "z", "g"),
    (r"g^2(z)", g(z) ** 2, "z", "g"),
    (r"\left(g(z)\right)^{2}", g(z) ** 2, "z", "g"),
    # products and fractions
    (r"z \cdot \sigma(z)", z * s(z), "z", "g"),
    (r"z \times \sigma(z)", z * s(z), "z", "g"),
    (r"z \ast \sigma(z)", z * s(z), "z", "g"),
    (r"z * \sigma(z)", z * s(z), "z", "g"),
    (r"\dfrac{e^{-z}}{(1+e^{-z})^2}", exp(-z) / (1 + exp(-z)) ** 2, "z", "g"),
    (r"\tfrac{1}{2} z", z / 2, "z", "g"),
    (r"\frac12 z", z / 2, "z", "g"),
    (r"\sqrt{1 + z^2}", sqrt(1 + z**2), "z", "g"),
    (r"\frac{z}{100}", z / 100, "z", "g"),
    (r"z^2y + z^23", z**2 * y + 3 * z**2, "z", "g"),  # TeX: one token is the exponent
    # Unicode in LaTeX, pasted
    (r"\frac{1}{1 + e^{−z}} · σ(z)", s(z) * s(z), "z", "g"),
    # the author's function, whatever its name and variable
    (r"\sigma(x)(1 - \sigma(x))", g(x) * (1 - g(x)), "x", "sigma"),
    (r"\sigma(x)\left[1 - \sigma(x)\right]", g(x) * (1 - g(x)), "x", "sigma"),
    (r"1 - \tanh^2(x)", 1 - g(x) ** 2, "x", "tanh"),
    (r"1 - \tanh^2 x", 1 - g(x) ** 2, "x", "tanh"),
    (r"2\sigma(2x) - 1", 2 * s(2 * x) - 1, "x", "tanh"),  # another function keeps its meaning
    (r"f(x)\,(1 - f(x))", g(x) * (1 - g(x)), "x", "f"),
    (r"h(t)^2", g(t) ** 2, "t", "h"),
    # its derivatives, Lagrange and Leibniz, any order
    (r"g'(z)", Derivative(g(z), z), "z", "g"),
    (r"g^{\prime}(z)", Derivative(g(z), z), "z", "g"),
    (r"g^{\prime\prime}(z)", Derivative(g(z), (z, 2)), "z", "g"),
    (r"g''(z)", Derivative(g(z), (z, 2)), "z", "g"),
    (r"g'''(z)", Derivative(g(z), (z, 3)), "z", "g"),
    (r"g^{(3)}(z)", Derivative(g(z), (z, 3)), "z", "g"),
    (r"\sigma'(x)", Derivative(g(x), x), "x", "sigma"),
    (r"\frac{dg}{dz}", Derivative(g(z), z), "z", "g"),
    (r"\frac{d g(z)}{dz}", Derivative(g(z), z), "z", "g"),
    (r"\frac{d\sigma}{dx}", Derivative(g(x), x), "x", "sigma"),
    (r"\frac{\partial g}{\partial z}", Derivative(g(z), z), "z", "g"),
    (r"\frac{\partial}{\partial x}\sigma(x)", Derivative(g(x), x), "x", "sigma"),
    (r"\frac{d^2g}{dz^2}", Derivative(g(z), (z, 2)), "z", "g"),
    (r"\frac{d^2}{dz^2}g(z)", Derivative(g(z), (z, 2)), "z", "g"),
    (r"\frac{\mathrm{d}}{\mathrm{d}x}\sigma(x)", Derivative(g(x), x), "x", "sigma"),
    # d/dz of an expression, unevaluated
    (r"\frac{d}{dz}\left(1 + e^{-z}\right)", Derivative(1 + exp(-z), z), "z", "g"),
    (r"\frac{d}{dz}\left[\frac{1}{1+e^{-z}}\right]", Derivative(s(z), z), "z", "g"),
    (r"\frac{d}{dz} z\sigma(z)", Derivative(z * s(z), z), "z", "g"),
    (r"z \frac{d}{d z} \tanh\left(z\right) + 1", z * Derivative(tanh(z), z) + 1, "z", "g"),
    # a bracket after an argument without brackets is the next factor; a number alone is not
    (r"2\,\sigma 2z\,\bigl(1-\sigma 2z\bigr)", 2 * s(2 * z) * (1 - s(2 * z)), "z", "g"),
    (r"\sin 2(z + 1)", sin(2 * (z + 1)), "z", "g"),
    # cases, as notes and derive itself write them
    (r"\begin{cases} z & z > 0 \\ e^{z}-1 & z \le 0 \end{cases}", Piecewise((z, z > 0), (exp(z) - 1, True)), "z", "g"),
    (r"\begin{cases} 1, & z > 0 \\ 0.1, & z < 0 \end{cases}", Piecewise((1, z > 0), (Rational(1, 10), z < 0)), "z", "g"),
    (r"\begin{cases} 0 & \text{for}\: z \leq -3 \\\frac{z}{6} + \frac{1}{2} & \text{for}\: -3 < z \leq 3 \\1 & "
     r"\text{for}\: z > 3 \end{cases}", Piecewise((0, z <= -3), (z / 6 + Rational(1, 2), z <= 3), (1, True)), "z", "g"),
    (r"\begin{cases} z & \text{if } z > 0 \\ 0 & \text{otherwise} \end{cases}", Max(0, z), "z", "g"),
    # another function's derivative at another point: σ'(2x)
    (r"4\sigma'(2x)", 4 * s(2 * x) * (1 - s(2 * x)), "x", "tanh"),
]


@pytest.mark.parametrize("text, expected, var, function", LATEX, ids=[c[0] for c in LATEX])
def test_latex_reads_as_written(text, expected, var, function):
    read_value, _ = step(text, var=var, function=function)
    v = Symbol(var, real=True)
    assert same(read_value, expected, v), (text, read_value)


PLAIN = [
    ("1/(1+e^-x)", s(x), "x", "g"),
    ("e^-x/(1+e^-x)²", exp(-x) / (1 + exp(-x)) ** 2, "x", "g"),
    ("exp(-x)/(1 + exp(-x))**2", exp(-x) / (1 + exp(-x)) ** 2, "x", "g"),
    ("σ(x)(1−σ(x))", g(x) * (1 - g(x)), "x", "sigma"),
    ("σ(x)·(1 – σ(x))", g(x) * (1 - g(x)), "x", "sigma"),
    ("2 × x³", 2 * x**3, "x", "g"),
    ("g′(x)", Derivative(g(x), x), "x", "g"),
    ("σ′(x)", Derivative(g(x), x), "x", "sigma"),
    ("d/dx (1 + e^-x)", Derivative(1 + exp(-x), x), "x", "g"),
    ("d/dx[1/(1+e^-x)]", Derivative(s(x), x), "x", "g"),
    ("dy/dx", Derivative(g(x), x), "x", "y"),
    ("2 dσ/dx", 2 * Derivative(g(x), x), "x", "sigma"),
    ("y(1 - y)", g(x) * (1 - g(x)), "x", "y"),
    ("1 - tanh(x)^2", 1 - g(x) ** 2, "x", "tanh"),
    ("tanh 2x", tanh(2 * x), "x", "g"),
    ("tanh^-1(x)", atanh(x), "x", "g"),
    ("max(0, x)", Max(0, x), "x", "g"),
    ("e^(-2x) + e^-x + e^2 x", exp(-2 * x) + exp(-x) + exp(2) * x, "x", "g"),
]


@pytest.mark.parametrize("text, expected, var, function", PLAIN, ids=[c[0] for c in PLAIN])
def test_plain_text_reads_as_written(text, expected, var, function):
    read_value, _ = step(text, latex=False, var=var, function=function)
    v = Symbol(var, real=True)
    assert same(read_value, expected, v), (text, read_value)


def test_a_derivative_stays_unevaluated_and_takes_the_whole_product():
    # the issue's misreading: σ(z)·(d/dz z) instead of d/dz (z σ(z)); and the remark says so
    read_value, remarks = step(r"\frac{d}{dz} z\sigma(z)")
    assert read_value == Derivative(z * sigmoid(z), z)
    assert remarks and "whole product" in remarks[0]
    # a bracket right after the operator is its operand, as a function's argument is
    read_value, remarks = step(r"\frac{d}{d z} \left(1 - g(z)\right) g(z)")
    assert read_value == Derivative(1 - g(z), z) * g(z) and remarks
    read_value, remarks = step(r"\frac{d}{dz}\left(1 + e^{-z}\right)")
    assert read_value == Derivative(1 + exp(-z), z) and not remarks


def test_a_function_written_bare_is_a_product_and_the_remark_says_so():
    read_value, remarks = step("y(1 - y)", latex=False, var="x", function="y")
    assert read_value == g(x) * (1 - g(x)) and "y times" in remarks[0]


def test_the_five_misreadings_of_the_issue():
    # -g(z)\ln g(z) was -z·g·ln g
    assert step(r"-g(z)\ln g(z)")[0] == -g(z) * log(g(z))
    # \tanh 2z was z·tanh 2
    assert step(r"\tanh 2z")[0] == tanh(2 * z)
    # \frac{d}{dz} z\sigma(z) was σ(z)·(d/dz z)
    assert step(r"\frac{d}{dz} z\sigma(z)")[0] == Derivative(z * sigmoid(z), z)
    # a left side \frac{d g(z)}{dz} was g(z)/z
    doc = read_document("\\[ g(z) = \\frac{1}{1+e^{-z}} \\]\n\\[ \\frac{d g(z)}{dz} = g(z)(1 - g(z)) \\]\n")
    assert [st.order for st in doc.steps] == [0, 1]
    # a remark inside a sentence of Markdown prose was a step
    text = ("We use $1 - g(z) = \\frac{e^{-z}}{1+e^{-z}}$ below.\n\n$$g(z) = \\frac{1}{1+e^{-z}}$$\n\n"
            "$$g'(z) = g(z)(1 - g(z))$$\n")
    doc = read_document(text)
    assert [st.text for st in doc.steps] == ["\\frac{1}{1+e^{-z}}", "g(z)(1 - g(z))"]


def test_an_inverse_is_an_inverse_for_derive_itself():
    # derive's own --latex-input read \tanh^{-1}(z) as 1/tanh(z)
    assert read(r"\tanh^{-1}(z)", latex=True) == atanh(z)
    assert read(r"\sinh^{-1}(z)") == asinh(z)
    from click.testing import CliRunner

    from derive.cli import cli

    result = CliRunner().invoke(cli, ["show", r"\tanh^{-1}(z)", "--latex-input", "--format", "json", "--no-cache"])
    assert result.exit_code == 0 and "atanh" in result.stdout


# --- what cannot be read: unreadable, with its column and what it is ------------------------------

UNREADABLE = [
    (r"\int_0^z e^{-u} du", 1, "\\int"),
    (r"\frac{d}{dt}(z^2)", 11, "with respect to t"),
    (r"\frac{d}{dz}", 13, "of what"),
    (r"g(1 - g(z)) + 1", 2, "g is read at an expression in z only"),  # g(2z) is read: g at 2z
    (r"\sigma(z", 9, "expected ')'"),
    (r"z^{2", 5, "expected '}' to close the '{' at column 3"),
    (r"\left. z \right|_{z=0}", 1, "invisible bracket"),
    (r"g^{-1}(z)", 1, "inverse"),
    (r"a_1 z", 2, "subscripts"),
    (r"\frac{d}{dz^2} g(z)", 1, "orders above and below differ"),
    (r"z \approx 1", 3, "\\approx"),
    (r"\begin{matrix} z \end{matrix}", 1, "environment is not read"),
    (r"\begin{cases} z & \text{sometimes} \end{cases}", 19, "is text"),
    (r"\mathrm{softmax}(z)", 1, "not a function or constant"),
    (r"\frac{du}{dz}", 1, "u is not the function or the variable"),
    (r"e^-2z", 5, "reads two ways"),
    (r"{\rm softmax}(z)", 2, "not a function or constant"),
    (r"\text{for all } z", 1, "text"),
]


@pytest.mark.parametrize("text, column, words", UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_unreadable_with_its_column(text, column, words):
    with pytest.raises(ParseError) as raised:
        step(text)
    assert raised.value.column == column, str(raised.value)
    assert words in raised.value.reason


def test_an_unreadable_step_keeps_its_column_in_the_row():
    doc = read_document("g(z) = \\frac{1}{1+e^{-z}} \\\\\ng'(z) = \\int g(z)\n")
    bad = doc.steps[1]
    assert bad.expr is None and bad.error.column == 1 and bad.offset == len("g'(z) =") + 1
    result, problem = check_text("g(z) = \\frac{1}{1+e^{-z}} \\\\\ng'(z) = \\int g(z)\n")
    assert problem is None and result.lines[1].verdict == "unreadable" and result.lines[1].column == 9


# --- documents: names, left sides, environments, prose ------------------------------------------

DEFINITIONS = [
    ("g(z) = \\frac{1}{1+e^{-z}}", "g", "g", "z"),
    ("f(x) = \\frac{1}{1+e^{-x}}", "f", "f", "x"),
    ("\\sigma(x) = \\frac{1}{1+e^{-x}}", "σ", "\\sigma", "x"),
    ("\\tanh(x) = \\frac{e^x - e^{-x}}{e^x + e^{-x}}", "tanh", "\\tanh", "x"),
    ("h(t) := \\frac{1}{1+e^{-t}}", "h", "h", "t"),
    ("g(z) \\equiv \\frac{1}{1+e^{-z}}", "g", "g", "z"),
    ("y = \\frac{1}{1+e^{-x}}", "y", "y", "x"),
    ("σ(x) = 1/(1+e^-x)", "σ", "\\sigma", "x"),
    ("f(x) := 1/(1+exp(-x))", "f", "f", "x"),
]


@pytest.mark.parametrize("line, name, latex_name, var", DEFINITIONS, ids=[c[0] for c in DEFINITIONS])
def test_the_names_come_from_the_first_definition(line, name, latex_name, var):
    doc = read_document(line + "\n")
    assert (doc.function, doc.function_latex, doc.var) == (name, latex_name, Symbol(var, real=True))
    first = doc.steps[0]
    assert first.order == 0 and first.expr is not None and not first.expr.has(g(doc.var))


LEFT_SIDES = [
    ("g'(z)", 1), ("g^{\\prime}(z)", 1), ("g′(z)", 1), ("\\frac{dg}{dz}", 1), ("\\frac{d g(z)}{dz}", 1),
    ("\\frac{\\partial g}{\\partial z}", 1), ("\\frac{d}{dz} g(z)", 1), ("\\frac{d}{dz}\\left[g(z)\\right]", 1),
    ("g''(z)", 2), ("g'''(z)", 3), ("g^{(3)}(z)", 3), ("\\frac{d^2g}{dz^2}", 2), ("\\frac{d^2}{dz^2}g(z)", 2),
    ("\\frac{d^{2} g}{d z^{2}}", 2), ("dg/dz", 1),
]


@pytest.mark.parametrize("lhs, order", LEFT_SIDES, ids=[c[0] for c in LEFT_SIDES])
def test_derivative_left_sides(lhs, order):
    doc = read_document(f"\\[ g(z) = \\frac{{1}}{{1+e^{{-z}}}} \\]\n\\[ {lhs} = g(z) \\]\n")
    assert [st.order for st in doc.steps] == [0, order]


@pytest.mark.parametrize("text, name, var", [
    ("\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))", "σ", "x"),
    ("\\frac{d}{dx}\\sigma(x) = \\sigma(x)(1 - \\sigma(x))", "σ", "x"),
    ("\\frac{d\\sigma}{dx} = \\sigma(x)(1 - \\sigma(x))", "σ", "x"),
    ("dy/dx = y(1 - y)", "y", "x"),
])
def test_without_a_definition_the_names_come_from_the_derivative(text, name, var):
    doc = read_document(text)
    assert (doc.function, str(doc.var)) == (name, var)
    assert doc.steps[0].order == 1 and doc.steps[0].expr == g(doc.var) * (1 - g(doc.var))


def test_the_caller_names_the_function_and_variable():
    doc = read_document("= f(t)(1 - f(t))\n", var="t", function_name="f") if False else \
        read_document("f'(t) = f(t)(1 - f(t))\n", var="t", function_name="f")
    assert doc.steps[0].expr == g(t) * (1 - g(t))
    doc = read_document("= s(1 - s)\nq = 2\n", var="u", function_name="s") if False else None
    doc = read_document("a = y(1 - y)\n", var="x", function_name="y")
    assert doc.steps[1].expr == g(x) * (1 - g(x))


def test_a_derivative_of_an_expression_as_a_left_side_names_the_derivative():
    doc = read_document("\\begin{align*}\ng(z) &= \\frac{1}{1+e^{-z}} \\\\\n"
                        "\\frac{d}{dz}\\left[\\frac{1}{1+e^{-z}}\\right] &= \\frac{e^{-z}}{(1+e^{-z})^2}\n\\end{align*}")
    assert [(st.order, st.expr) for st in doc.steps] == [(0, 1 / (1 + exp(-z))), (1, exp(-z) / (1 + exp(-z)) ** 2)]


SIGMOID_ROWS = ["g(z) &= \\frac{1}{1+e^{-z}}", "g'(z) &= \\frac{e^{-z}}{(1+e^{-z})^2}", "&= g(z)(1 - g(z))"]
EXPECTED = [1 / (1 + exp(-z)), exp(-z) / (1 + exp(-z)) ** 2, g(z) * (1 - g(z))]


def rows(separator=" \\\\\n", strip_amp=False):
    out = [r.replace("&", "") if strip_amp else r for r in SIGMOID_ROWS]
    return separator.join(out)


ENVIRONMENTS = [
    f"\\begin{{aligned}}\n{rows()}\n\\end{{aligned}}",
    f"\\begin{{align}}\n{rows()}\n\\end{{align}}",
    f"\\begin{{align*}}\n{rows()}\n\\end{{align*}}",
    f"\\begin{{equation}}\n\\begin{{split}}\n{rows()}\n\\end{{split}}\n\\end{{equation}}",
    f"\\begin{{equation*}}\n\\begin{{aligned}}\n{rows()}\n\\end{{aligned}}\n\\end{{equation*}}",
    f"\\begin{{gather}}\n{rows(strip_amp=True)}\n\\end{{gather}}",
    f"\\begin{{gather*}}\n\\begin{{gathered}}\n{rows(strip_amp=True)}\n\\end{{gathered}}\n\\end{{gather*}}",
    f"\\begin{{alignat}}{{2}}\n{rows()}\n\\end{{alignat}}",
    f"\\begin{{eqnarray}}\n{rows().replace('&=', '&=&')}\n\\end{{eqnarray}}",
    "\n".join(f"\\[ {r.replace('&', '')} \\]" for r in SIGMOID_ROWS),
    "\n".join(f"$$ {r.replace('&', '')} $$" for r in SIGMOID_ROWS),
    "Some prose first, which costs $5.\n\n" + "\n\n".join(f"${r.replace('&', '')}$" for r in SIGMOID_ROWS) + "\n\nAnd after.",
    f"$$\n\\begin{{aligned}}\n{rows()}\n\\end{{aligned}}\n$$",
    ("\\documentclass{article}\n\\usepackage{amsmath}\n\\newcommand{\\R}{\\mathbb{R}}\n\\begin{document}\n"
     "We differentiate the sigmoid $g(z) = \\sigma(z)$, as follows.\n"
     f"\\begin{{align*}}\n{rows()}\n\\end{{align*}}\nwhich is what we wanted.\n\\end{{document}}\n"),
    "\\begin{align*}\n" + rows(separator=" \\\\[4pt]\n") + "\n\\end{align*}",
    # annotations dropped
    ("\\begin{align}\ng(z) &= \\frac{1}{1+e^{-z}} \\label{eq:def} \\\\\n"
     "g'(z) &= \\frac{e^{-z}}{(1+e^{-z})^2} \\quad\\text{(chain rule)} \\nonumber \\\\\n"
     "&= g(z)(1 - g(z)) \\qquad (\\text{rearranging}) \\tag{3}.\n\\end{align}"),
    # bare rows, as derive itself prints them without an environment
    rows(),
]


@pytest.mark.parametrize("text", ENVIRONMENTS, ids=range(len(ENVIRONMENTS)))
def test_environments_and_displays(text):
    doc = read_document(text)
    assert [st.expr for st in doc.steps] == EXPECTED, [st.text for st in doc.steps]
    assert [st.order for st in doc.steps] == [0, 1, None]


def test_multline_is_one_equation_and_a_row_starting_with_an_operator_continues():
    doc = read_document("\\begin{multline}\ng'(z) = \\frac{e^{-z}}{(1+e^{-z})^2} \\\\\n + 0\n\\end{multline}")
    assert len(doc.steps) == 1 and doc.steps[0].expr == exp(-z) / (1 + exp(-z)) ** 2
    doc = read_document("\\begin{align*}\ng(z) &= 1 + z \\\\\n &\\quad + z^2\n\\end{align*}")
    assert len(doc.steps) == 1 and doc.steps[0].expr == 1 + z + z**2


def test_plain_text_with_prose_lines():
    text = ("The derivative of the logistic function:\n"
            "y = 1/(1+e^-x)\n"
            "dy/dx = e^-x/(1+e^-x)^2   (chain rule)\n"
            "      = y(1 − y).\n"
            "which is the well-known result\n")
    doc = read_document(text)
    assert [st.order for st in doc.steps] == [0, 1, None]
    assert [st.expr for st in doc.steps] == [1 / (1 + exp(-x)), exp(-x) / (1 + exp(-x)) ** 2, g(x) * (1 - g(x))]
    assert [st.row for st in doc.steps] == [2, 3, 4]


def test_plain_text_lead_ins_tails_and_remarks():
    text = ("Let σ(x) = 1/(1+e^-x) for all real x.\n"
            "Note that 1 - σ(x) = e^-x/(1+e^-x)\n"
            "Hence σ′(x) = e^-x/(1+e^-x)^2\n"
            "= σ(x)(1 − σ(x)) as required.\n")
    doc = read_document(text)
    assert [(st.order, st.expr, st.row) for st in doc.steps] == [
        (0, 1 / (1 + exp(-x)), 1), (1, exp(-x) / (1 + exp(-x)) ** 2, 3), (None, g(x) * (1 - g(x)), 4)]
    assert doc.steps[0].offset == len("Let σ(x) =") + 1


@pytest.mark.parametrize("text", ["\\[\\]", "$$$$", "", "\n\n  \n", "\\begin{align*}\\end{align*}",
                                  "just some prose here\n", "x" * 1_000_000])
def test_nothing_to_read_is_one_document_error(text):
    with pytest.raises(DocumentError) as raised:
        read_document(text)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("text", ["g(z) = \\frac{", "g(z) = }{", "g(z) = \\left( z", "g(z) = $ z", "g(z) = \\\\\\\\",
                                  "g(z) = " + "{" * 300 + "z" + "}" * 300, "g(z) = " + "\\sqrt{" * 100 + "z" + "}" * 100,
                                  "= = =", "g(z) = e^{e^{e^{e^{e^{e^{z}}}}}}", "g(z) = 9^{9^{9^{9}}}"])
def test_hostile_rows_are_unreadable_steps_never_another_exception(text):
    try:
        doc = read_document(text)
    except DocumentError:
        return
    for st in doc.steps:
        assert (st.expr is None) != (st.error is None)


def test_reading_a_document_never_hands_a_string_to_sympify(monkeypatch):
    import sys

    import sympy
    import sympy.parsing.sympy_parser as sp_parser

    core = sys.modules["sympy.core.sympify"]
    original = core.sympify

    def guarded(a, *args, **kwargs):
        assert not isinstance(a, str), f"a string reached sympify: {a!r}"
        return original(a, *args, **kwargs)

    monkeypatch.setattr(sp_parser, "parse_expr", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parse_expr")))
    monkeypatch.setattr(core, "sympify", guarded)
    monkeypatch.setattr(sympy, "sympify", guarded)
    doc = read_document(ENVIRONMENTS[13] + "\n" + "\\[ \\frac{d}{dz} z\\sigma(z) = \\tanh^{-1} z \\]")
    assert all(st.expr is not None for st in doc.steps)


# --- whole derivations as notes and blogs publish them: read, and verified ----------------------

PUBLISHED = [
    # a textbook's sigma(x), Leibniz left side, \left[ \right], \cdot
    ("\\begin{align*}\n\\sigma(x) &= \\frac{1}{1+e^{-x}} \\\\\n"
     "\\frac{d}{dx}\\sigma(x) &= \\frac{d}{dx}\\left[\\left(1+e^{-x}\\right)^{-1}\\right] \\\\\n"
     "&= -\\left(1+e^{-x}\\right)^{-2} \\cdot \\left(-e^{-x}\\right) \\\\\n"
     "&= \\frac{1}{1+e^{-x}} \\cdot \\frac{e^{-x}}{1+e^{-x}} \\\\\n"
     "&= \\sigma(x) \\cdot (1-\\sigma(x))\n\\end{align*}"),
    # tanh named as itself, sech^2 and the identity
    ("$$\\tanh(x) = \\frac{e^x-e^{-x}}{e^x+e^{-x}}$$\n\n"
     "$$\\frac{d}{dx}\\tanh(x) = \\frac{(e^x+e^{-x})^2-(e^x-e^{-x})^2}{(e^x+e^{-x})^2}"
     " = \\operatorname{sech}^2(x) = 1-\\tanh^2(x)$$\n"),
    # sigma' first, no definition, partial derivative
    "\\[ \\frac{\\partial \\sigma}{\\partial x} = \\sigma(x)\\,\\big(1 - \\sigma(x)\\big) \\]",
    # split inside equation, f(x)
    ("\\begin{equation}\n\\begin{split}\nf(x) &= \\frac{1}{1+\\mathrm{e}^{-x}} \\\\\n"
     "f'(x) &= \\frac{\\mathrm{e}^{-x}}{(1+\\mathrm{e}^{-x})^2} \\\\\n&= f(x)\\bigl(1-f(x)\\bigr)\n"
     "\\end{split}\n\\end{equation}"),
    # typed by hand
    "σ(x) = 1/(1+e^-x)\nσ′(x) = e^-x/(1+e^-x)² = σ(x)(1−σ(x))\n",
    # tanh through the sigmoid
    ("\\begin{gather*}\n\\tanh x = 2\\sigma(2x) - 1 \\\\\n"
     "\\frac{d}{dx}\\tanh x = 4\\sigma(2x)\\bigl(1 - \\sigma(2x)\\bigr) = 1 - \\tanh^2 x\n\\end{gather*}"),
    # swish with the textbook's d/dz of a product
    ("\\begin{align*}\ng(z) &= z\\sigma(z) \\\\\ng'(z) &= \\frac{d}{dz} z\\sigma(z) \\\\\n"
     "&= \\sigma(z) + z\\sigma(z)(1-\\sigma(z))\n\\end{align*}"),
]


@pytest.mark.parametrize("text", PUBLISHED, ids=range(len(PUBLISHED)))
def test_published_derivations_are_read_and_hold(text):
    doc = read_document(text)
    assert all(st.expr is not None for st in doc.steps), [(st.text, st.error) for st in doc.steps]
    function = "sigmoid" if doc.function == "σ" and doc.steps[0].order != 0 else None
    chain, problem = check_text(text, function=function, var=str(doc.var))
    assert problem is None and chain.valid, [(line.step.text, line.verdict, line.reason) for line in chain.lines]


# --- pieces: "for z < 0:" headings, as derive prints a piecewise chain --------------------------

def test_steps_under_a_heading_hold_on_their_piece_only():
    text = ("\\begin{aligned}\ng(z) &= \\max\\left(0, z\\right) \\\\\n&\\text{for } z < 0\\text{:} \\\\\n"
            "g(z) &= 0 \\\\\ng'(z) &= 0 \\\\\n&\\text{for } z > 0\\text{:} \\\\\ng(z) &= z \\\\\ng'(z) &= 1\n"
            "\\end{aligned}")
    doc = read_document(text)
    assert [st.order for st in doc.steps] == [0, 0, 1, 0, 1]
    assert doc.steps[1].expr == Piecewise((0, z < 0), (g(z), True))
    assert doc.steps[2].expr == Piecewise((0, z < 0), (Derivative(g(z), z), True))
    assert doc.steps[4].expr == Piecewise((1, z > 0), (Derivative(g(z), z), True))
    assert "z > 0" in doc.steps[4].remark
    chain, problem = check_text(text)
    assert problem is None and chain.valid
    # a wrong piece is wrong: |z|' = -1 claimed for z > 0
    pieces = ("g(z) = |z|\nfor z < 0:\ng(z) = -z\ng'(z) = -1\nfor z > 0:\ng(z) = z\ng'(z) = {}\n")
    chain, problem = check_text(pieces.format("1"))
    assert problem is None and chain.valid
    chain, problem = check_text(pieces.format("-1"))
    assert problem is None and chain.first_error == 5


def test_pieces_alone_define_g():
    text = "for x < 0:\nf(x) = -x\nf'(x) = -1\nfor x > 0:\nf(x) = x\nf'(x) = 1\n"
    doc = read_document(text)
    assert doc.steps[0].expr == Piecewise((-x, x < 0), (x, x > 0))
    chain, problem = check_text(text, var="x")
    assert problem is None and chain.valid


def test_every_chain_derive_prints_reads_back_valid_with_its_remarks():
    """derive's full LaTeX output for every catalog entry (cases, pieces, the rows of facts
    beneath) is read with no unreadable line and holds."""
    from derive.catalog import CATALOG
    from derive.cli import cli

    from click.testing import CliRunner

    for entry in CATALOG:
        if entry.multivariate:
            continue
        printed = CliRunner().invoke(cli, ["show", entry.name, "--format", "latex"]).stdout
        chain, problem = check_text(printed)
        assert problem is None and chain.valid, (entry.name, [(line.step.text, line.verdict) for line in chain.lines])


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = st.sampled_from(
    ["g(z)", "g'(z)", "=", "&=", "\\\\", "\n", "$", "$$", "\\[", "\\]", "\\begin{align*}", "\\end{align*}",
     "\\begin{cases}", "\\end{cases}", "&", "\\text{for }", "z < 0", ":", "\\frac{d}{dz}", "\\frac{", "}{", "}",
     "{", "\\left(", "\\right)", "\\sigma", "\\tanh", "^{-1}", "^2", "'", "(", ")", "[", "]", "e^{-z}", "1", "+",
     "-", "\\cdot", "y", "dy/dx", "σ′(x)", "Note that", "hence", "\\tag{1}", "%", "\\input{x}", "\\\\[4pt]", ","])


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=25).map(" ".join))
def test_any_text_is_steps_or_one_document_error(text):
    """Random text never escapes as another exception: a DocumentError, or steps each read
    or unreadable with its error."""
    try:
        doc = read_document(text)
    except DocumentError as e:
        assert "\n" not in str(e)
        return
    for st_ in doc.steps:
        assert (st_.expr is None) != (st_.error is None)


@pytest.mark.parametrize("text", [
    "\\[ g(z) = " + " " * 99_000 + "z \\]",            # a row of spaces: annotation searches stay linear
    "g(z) = 1\n" + "aa " * 33_000 + "= 1z",            # a line of words
    "\\[ g(z) = " + "\\quad" * 19_000 + "z \\]",
    "$" * 99_000, "$a$ " * 24_000, "\\begin{cases}" * 7_000,
    "\\begin{aligned}" + "&= z \\\\" * 12_000 + "\\end{aligned}",
])
def test_large_hostile_texts_are_read_quickly(text):
    import time

    start = time.perf_counter()
    try:
        read_document(text)
    except DocumentError:
        pass
    assert time.perf_counter() - start < 3
