"""The form in g wherever one exists (issue 11), each checked against an independent
computation: sympy.diff of a definition written here, evaluated at random points of both
signs with g replaced by that definition.  Pieces: the conditions on g, at points inside
each piece.  Growth (issue 14): compositions and products of n sigmoids/tanh finish."""

import random
import subprocess
import sys

import pytest
import sympy
from sympy import (Rational, Symbol, atan, atanh, cos, diff, erf, exp, log, oo, pi, sin, sinh, sqrt, tanh)

from derive import derive
from derive.engine.functions import G, sigmoid
from derive.render.json import derivation_data

from .helpers import Z, numerically_equal
from .test_catalog import BY_HAND

SIG = 1 / (1 + exp(-Z))
k, c = Symbol("k", positive=True), Symbol("c", real=True)

#: (definition, the form in g the issue's table gives, worked out by hand)
TABLE = {
    "sinh": (sinh(Z), sqrt(1 + G**2)),
    "isru": (Z / sqrt(1 + Z**2), (1 - G**2) ** Rational(3, 2)),
    "gumbel": (exp(-exp(-Z)), -G * log(G)),
    "cloglog": (1 - exp(-exp(Z)), -(1 - G) * log(1 - G)),
    "logistic k, c": (1 / (1 + exp(-k * (Z - c))), k * G * (1 - G)),
    "scaled atan": (2 / pi * atan(pi / 2 * Z), cos(pi * G / 2) ** 2),
    "softplus - log 2": (log(1 + exp(Z)) - log(2), 1 - exp(-G) / 2),
    "atan exp": (atan(exp(Z)), sin(2 * G) / 2),
    "gudermannian": (2 * atan(tanh(Z / 2)), cos(G)),
    "sigmoid sigmoid": (sigmoid(sigmoid(Z)), G * (1 - G) * log(G / (1 - G)) * (1 - log(G / (1 - G)))),
    "tanh tanh": (tanh(tanh(Z)), (1 - G**2) * (1 - atanh(G) ** 2)),
    "sqrt sigmoid": (sqrt(sigmoid(Z)), (G - G**3) / 2),
}


def at_points(expr, definition, count=10, seed=11):
    """expr with g = definition, at random z of both signs (parameters k = 1.3, c = 0.4)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        z0 = sympy.Float(rng.uniform(0.1, 3.0) * (-1) ** i, 40)
        value = expr.subs(G, definition).subs({k: Rational(13, 10), c: Rational(2, 5)}).subs(Z, z0)
        out.append(complex(value.evalf(30)))
    return out


def same(a, b):
    return all(abs(x - y) <= 1e-18 * (1 + abs(x)) for x, y in zip(a, b))


@pytest.mark.parametrize("name", sorted(TABLE))
def test_the_issues_table(name):
    definition, by_hand = TABLE[name]
    truth = diff(definition.rewrite(exp) if definition.has(sigmoid) else definition, Z)
    assert same(at_points(by_hand, definition), at_points(truth, definition))  # the table itself
    d = derive(definition)
    F = d.in_terms_of_g
    assert F is not None and not F.has(Z) and not d.uses_var
    assert same(at_points(F, definition), at_points(truth, definition))


def test_the_table_in_json_says_uses_z_false():
    data = derivation_data(derive("sqrt(sigmoid(z))"))
    assert data["uses_z"] is False and data["in_terms_of_g"] is not None
    assert data["in_terms_of_g_and_z"] is None


def test_sigmoid_and_tanh_keep_the_lecture_form():
    assert str(derive("sigmoid").in_terms_of_g) == "g*(1 - g)"
    assert (derive("tanh").in_terms_of_g - (1 - G**2)).expand() == 0


def test_an_inverse_in_a_note_is_a_true_inverse():
    d = derive(Z / sqrt(1 + Z**2))
    note = [line for line in derivation_data(d)["lines"] if line["rule"] == "in-g"][0]["explanation"]
    assert "z = g(z)/sqrt(1 - g(z)^2)" in note
    g0 = Z / sqrt(1 + Z**2)
    assert numerically_equal(g0 / sqrt(1 - g0**2), Z)  # z = g/sqrt(1 - g^2) on the whole line


@pytest.mark.parametrize("definition, needs", [(erf(Z), "erfinv"), (Z - tanh(Z), None)])
def test_monotone_without_a_closed_form_says_that_one_exists(definition, needs):
    d = derive(definition)
    assert d.in_terms_of_g is None and d.no_form_in_g is None
    assert d.in_g_remark.startswith("g is strictly increasing, so g' is a function of g alone")
    if needs:
        assert needs in d.in_g_remark
    truth = diff(definition, Z)
    assert all(truth.subs(Z, z0) >= 0 for z0 in (-3, -1, 0, 1, 3))  # increasing, by hand


def test_gaussian_second_order_is_free_of_z():
    gauss = exp(-Z**2)
    first, second = derive("gaussian"), derive("gaussian", order=2)
    assert first.in_terms_of_g is None and first.no_form_in_g is not None
    F = second.in_terms_of_g
    assert F is not None and not second.uses_var
    assert numerically_equal(F.subs(G, gauss), diff(gauss, Z, 2))
    assert sympy.simplify(F - (-2 * G * (1 + 2 * log(G)))) == 0


#: piecewise entries whose pieces' values separate, with the forms per case worked out by hand
CASES_BY_HAND = {
    "relu": [0, 1],
    "relu6": [0, 1, 0],
    "hard tanh": [0, 1, 0],
    "hard sigmoid": [0, Rational(1, 6), 0],
    "leaky relu": [Rational(1, 100), 1],
    "prelu": [Rational(1, 4), 1],
    "elu": [G + 1, 1],
    "celu": [G + 1, 1],
    "softsign": [(1 + G) ** 2, (1 - G) ** 2],
    "softshrink": [1, 0, 1],
    "hardshrink": [1, 0, 1],
    "threshold": [0, 1],
}


@pytest.mark.parametrize("name", sorted(CASES_BY_HAND) + ["selu"])
def test_pieces_in_g_with_conditions_on_g(name):
    d = derive(name)
    assert len(d.in_terms_of_g_cases) == len(d.branches) and not d.uses_var
    if name in CASES_BY_HAND:
        assert [(f - e).expand() for (f, _), e in zip(d.in_terms_of_g_cases, CASES_BY_HAND[name])] == \
            [0] * len(d.branches)
    truth = diff(BY_HAND[name], Z)
    for i, b in enumerate(d.branches):
        for z0 in _inside(b.low, b.high):
            g0 = BY_HAND[name].subs(Z, z0)
            holds = [bool(cond.subs(G, g0)) for _, cond in d.in_terms_of_g_cases]
            assert holds == [j == i for j in range(len(holds))], (z0, g0, holds)
            form = d.in_terms_of_g_cases[i][0].subs(G, g0)
            assert abs(complex(form.evalf(30)) - complex(truth.subs(Z, z0).evalf(30))) < 1e-20


def _inside(low, high):
    lo = float(low) if low != -oo else min(-4.0, float(high) - 4)
    hi = float(high) if high != oo else max(4.0, lo + 4)
    return [Rational(str(round(lo + (hi - lo) * f, 6))) for f in (0.13, 0.37, 0.61, 0.89)]


def test_softsign_is_one_minus_abs_g_squared():
    F = derive("softsign").in_terms_of_g
    assert numerically_equal(F.subs(G, BY_HAND["softsign"]), diff(BY_HAND["softsign"], Z))
    assert (F - (1 - abs(G)) ** 2).expand() == 0


def test_relu_as_pytorch_reads_its_output():
    cases = derive("relu").in_terms_of_g_cases
    assert [(str(f), str(cond)) for f, cond in cases] == [("0", "Eq(g, 0)"), ("1", "g > 0")]


def test_hardswish_says_why_there_are_no_conditions():
    d = derive("hardswish")
    assert d.in_terms_of_g_cases == () and "\u22123 < z < 3" in d.in_g_remark
    assert "not a function of g alone" in d.in_g_remark
    # by hand: g(-1) = g(-2) = -1/3 on that piece, with slopes 1/6 and -1/6
    middle = Z * (Z + 3) / 6
    assert middle.subs(Z, -1) == middle.subs(Z, -2) and diff(middle, Z).subs(Z, -1) != diff(middle, Z).subs(Z, -2)


def test_relu_second_order_reads_right():
    data = derivation_data(derive("relu", order=2))
    assert "|" not in data["lines"][-1]["expr"]  # 0 for z < 0, 0 for z > 0: not "z > 0 or z < 0"
    for branch in data["branches"]:
        assert branch["in_terms_of_g"] == "0"
        exprs = [line["expr"] for line in branch["lines"]]
        assert exprs[2:].count("0") == 1  # after g' and d/dz g': "= 0" once, not twice


@pytest.mark.parametrize("typed, kinks", [("max(0, z^2 - 1)", [-1, 1]), ("max(tanh(z), 0)", [0])])
def test_kinks_at_the_roots_of_the_argument(typed, kinks):
    d = derive(typed)
    assert [k.point for k in d.kinks] == kinks
    definition = sympy.Max(0, Z**2 - 1) if "^2" in typed else sympy.Max(tanh(Z), 0)
    assert numerically_equal(d.derivative, diff(definition, Z))


def _nested(f, n):
    text = "z"
    for _ in range(n):
        text = f"{f}({text})"
    return text


@pytest.mark.parametrize("typed", [
    "*".join(f"sigmoid({i}*z)" for i in range(1, 5)),
    "*".join(f"sigmoid(z+{i})" for i in range(8)),
    _nested("tanh", 8),
    _nested("sigmoid", 8),
])
def test_growth_finishes_within_the_default_timeout(typed):
    done = subprocess.run([sys.executable, "-m", "derive", "--no-cache", typed], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "g'(z) =" in done.stdout


def test_engine_modules_import_each_other_without_a_circle():
    """Every import inside derive/engine, at module level or in a function, read from the
    source: the graph has no cycle (chain and branches once imported each other)."""
    import ast
    from pathlib import Path

    engine = Path(__file__).parent.parent / "derive" / "engine"
    graph = {}
    for path in engine.glob("*.py"):
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    targets.add(node.module.split(".")[0])
                else:
                    targets.update(alias.name for alias in node.names)
        graph[path.stem] = targets & {p.stem for p in engine.glob("*.py")}

    def visit(node, stack):
        assert node not in stack, " -> ".join([*stack, node])
        for nxt in sorted(graph[node]):
            visit(nxt, [*stack, node])

    for module in sorted(graph):
        visit(module, [])


def test_the_form_read_off_the_name_is_checked_against_the_definition():
    from sympy import Symbol, exp, tanh

    from derive.engine.in_g import form_by_name
    from derive.engine.functions import G

    z = Symbol("z", real=True)
    tanh_exp = (exp(z) - exp(-z)) / (exp(z) + exp(-z))
    found = form_by_name(tanh(z), tanh_exp, diff(tanh_exp, z), z)
    assert found is not None and sympy.expand(found.form - (1 - G**2)) == 0
    # tanh named, but the definition is another function: the form is not taken
    other = (exp(2 * z) - 1) / (exp(2 * z) + 2)
    assert form_by_name(tanh(z), other, diff(other, z), z) is None
    # a name whose derivative is not written in itself: the search decides
    lecun = Rational(17159, 10000) * tanh(2 * z / 3)
    assert form_by_name(lecun, lecun.rewrite(exp), diff(lecun.rewrite(exp), z), z) is None
