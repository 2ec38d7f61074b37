"""The shortcuts behind a quicker ``derive list`` and catalog entries (issue 14): each gives
what the slow way gives, and a wrong result is still caught.  Truth from SymPy's own
derivatives and evalf, never from derive's output."""

from __future__ import annotations

import random

import pytest
from sympy import (
    Eq,
    Float,
    IndexedBase,
    KroneckerDelta,
    Mul,
    Piecewise,
    Rational,
    S,
    Sum,
    Symbol,
    diff,
    exp,
    oo,
    sqrt,
    symbols,
)

from derive import derive
from derive.catalog import CATALOG, lookup
from derive.definitions import entry_definition
from derive.engine import cases as cases_module
from derive.engine import softmax
from derive.engine.derivation import Branch
from derive.engine.functions import G
from derive.engine.inversion import range_values
from derive.engine.summary import slopes
from derive.engine.verify import POINTS, evaluate
from derive.errors import EngineFault
from derive.parallel import TOGETHER, _groups, summary

z = Symbol("z")
ONE_VARIABLE = [e for e in CATALOG if not e.multivariate and all(p.default is not None for p in e.params)]


# --- softmax: evaluated node by node ---------------------------------------------------------

I, J, K, N = symbols("i j k n", integer=True, positive=True)
ZB, SB = IndexedBase("z"), IndexedBase("s")
TOTAL = Sum(exp(ZB[K]), (K, 1, N))


def _by_evalf(expr, a, b, point):
    """expr at (i, j) = (a, b), n = 3, z = point, by SymPy alone (Sum done, s written out)."""
    concrete = expr.subs({N: 3, I: a, J: b}).doit()
    written = sum(exp(ZB[m]) for m in range(1, 4))
    concrete = concrete.subs({SB[m]: exp(ZB[m]) / written for m in range(1, 4)}).doit()
    return concrete.subs({ZB[m]: point[m - 1] for m in range(1, 4)}).evalf(30)


@pytest.mark.parametrize("expr", [
    exp(ZB[I]) / TOTAL,
    SB[I] * (KroneckerDelta(I, J) - SB[J]),
    (KroneckerDelta(I, J) * exp(ZB[I]) * TOTAL - exp(ZB[I]) * exp(ZB[J])) / TOTAL**2,
    Piecewise((SB[I] * (1 - SB[I]), Eq(I, J)), (-SB[I] * SB[J], True)),
    Rational(3, 7) * SB[J] ** 2 - exp(-ZB[J]) * SB[I],
], ids=str)
def test_softmax_values_are_sympys(expr):
    for a in (1, 2, 3):
        for b in (1, 3):
            ours = softmax._values(expr, ZB, SB, (I, J, N), (a, b, 3), TOTAL)
            for value, point in zip(ours, softmax.POINTS):
                truth = _by_evalf(expr, a, b, point)
                assert abs(value - truth) <= Float("1e-25") * (1 + abs(truth))


def test_softmax_true_derivative_is_sympys_of_the_written_out_function():
    for a, b in ((1, 1), (2, 3), (3, 2)):
        written = sum(exp(ZB[m]) for m in range(1, 4))
        truth = diff(exp(ZB[a]) / written, ZB[b])
        ours = softmax._true_derivative(ZB, a, b, 3)
        for value, point in zip(ours, softmax.POINTS):
            expected = truth.subs({ZB[m]: point[m - 1] for m in range(1, 4)}).evalf(30)
            assert abs(value - expected) <= Float("1e-25")


def test_softmax_evaluation_refuses_a_node_it_does_not_know():
    from sympy import sin  # sin is no node of softmax's chain

    with pytest.raises(EngineFault):
        softmax._values(sin(ZB[I]), ZB, SB, (I, J, N), (1, 2, 3), TOTAL)


def test_a_wrong_softmax_line_is_still_caught():
    rows = [(SB[I], exp(ZB[I]) / TOTAL, "definition", ()),
            (None, SB[I] * (KroneckerDelta(I, J) - SB[J]), "in-g", ()),
            (None, SB[I] * (KroneckerDelta(I, J) + SB[J]), "in-g", ())]  # the sign of s_j wrong
    with pytest.raises(EngineFault):
        softmax._verified(rows, rows[0][1], ZB, SB, (I, J, N), TOTAL)


def test_softmax_summary_is_the_chains_jacobian():
    light, full = summary("softmax"), derive("softmax")
    assert light.in_terms_of_g == full.in_terms_of_g
    assert light.derivative == full.derivative and light.definition == full.definition
    assert light.lines == ()


# --- the range of g, the cases' values ------------------------------------------------------

@pytest.mark.parametrize("entry", ONE_VARIABLE, ids=lambda e: e.name)
def test_range_values_are_evalfs(entry):
    definition = entry_definition(entry, z)
    range_values.cache_clear()
    ours = range_values(definition, z)
    truth = [v for v in (evaluate(definition, {z: p}) for p in POINTS) if v is not None]
    assert len(ours) == len(truth)
    for value, expected in zip(ours, truth):
        assert isinstance(value, Float)
        assert abs(value - expected) <= Float("1e-28") * (1 + abs(expected))


def test_a_wrong_case_in_g_is_still_caught():
    """ELU's pieces with the case for g < 0 off by a constant: the check at points inside
    the piece raises (values by the quick evaluation, conditions by xreplace)."""
    elu = slopes(entry_definition(lookup("elu"), z), z)
    right = elu.in_terms_of_g_cases
    assert right, "ELU has cases in g"
    (form, condition), rest = right[0], right[1:]
    wrong = ((form + Rational(1, 10), condition),) + tuple(rest)
    cases_module._check(right, elu.branches, z, 1)  # the true cases pass
    with pytest.raises(EngineFault):
        cases_module._check(wrong, elu.branches, z, 1)


def test_a_case_whose_condition_holds_elsewhere_is_caught():
    relu = slopes(entry_definition(lookup("relu"), z), z)
    (f0, c0), (f1, c1) = relu.in_terms_of_g_cases
    with pytest.raises(EngineFault):
        cases_module._check(((f0, G >= 0), (f1, c1)), relu.branches, z, 1)  # g >= 0 also holds for g > 0


# --- the list's workers ----------------------------------------------------------------------

@pytest.mark.parametrize("first, second", sorted(TOGETHER.items()))
def test_entries_summarised_together_share_a_definition(first, second):
    """What TOGETHER claims: the second's definition (or each of its pieces) is a piece of
    the first's, so the worker that summarises both works its forms out once."""
    def parts(name):
        d = slopes(entry_definition(lookup(name), z), z)
        return {b.derivation.definition for b in d.branches} if d.branches else {d.definition}

    first_parts, second_parts = parts(first), parts(second)
    assert len(first_parts) > 1, f"{first} has pieces"
    assert second_parts <= first_parts


def test_groups_cover_every_name_once_slowest_first():
    names = [e.name for e in CATALOG]
    rng = random.Random(14)
    for _ in range(5):
        shuffled = names[:]
        rng.shuffle(shuffled)
        groups = _groups(shuffled)
        flat = [i for g in groups for i in g]
        assert sorted(flat) == list(range(len(shuffled)))
        assert shuffled[groups[0][0]] == "bent identity"
        for g in groups:
            if len(g) == 2:
                assert TOGETHER[shuffled[g[0]]] == shuffled[g[1]]


def test_a_shared_definition_gives_each_entry_its_own_name():
    isru, isrlu = summary("isru"), summary("isrlu")
    assert isru.name == "isru" and isrlu.name == "isrlu"
    piece = [b.derivation for b in isrlu.branches if b.high == 0][0]
    assert piece.name is None and piece.in_terms_of_g == isru.in_terms_of_g
    # and that form is g'(z) of ISRU: (1 - g^2)^(3/2), checked against SymPy's derivative
    f = z / sqrt(1 + z**2)
    for x in (-2.5, -0.3, 0.7, 3.1):
        g = f.subs(z, x)
        assert abs(float(isru.in_terms_of_g.subs(G, g) - diff(f, z).subs(z, x))) < 1e-12


def test_isrlu_pieces_bounds():
    isrlu = summary("isrlu")
    assert [(b.low, b.high) for b in isrlu.branches] == [(-oo, S.Zero), (S.Zero, oo)]


def test_mul_of_indexed_is_a_product():
    assert softmax._number(Mul(ZB[I], ZB[J], evaluate=False), {ZB: [2, 3, 5]}, {I: 1, J: 3},
                           (ZB, TOTAL, 3)) == 10


# --- the form in g read through f(az + b) ----------------------------------------------------

from derive.engine.in_g import _through_inner  # noqa: E402
from sympy import Poly, tanh  # noqa: E402

from derive.engine.functions import sigmoid  # noqa: E402


@pytest.mark.parametrize("definition", [
    Rational(17159, 10000) * tanh(Rational(2, 3) * z),
    exp(z) - 1,
    Rational(3, 2) * (exp(z) - 1),
    5 + 2 * sigmoid(3 * z - 1),
    -tanh(z / 4 + 2),
    (1 - exp(-z)) / (1 + exp(-z)),
    1 / (1 + exp(-3 * z)),
    (2 - tanh(z)) / (3 + tanh(z)),
    z / (1 + z),
    z / (1 - z),
], ids=str)
def test_the_form_through_the_inner_function_is_the_derivative(definition):
    derivative = diff(definition, z)
    F = _through_inner(definition, derivative, z)
    assert F is not None and not F.has(z)
    Poly(F, G)  # a polynomial in g
    rng = random.Random(4)
    for _ in range(8):
        x = rng.choice([-1, 1]) * rng.uniform(0.1, 3)
        assert abs(float(F.subs(G, definition.subs(z, x)) - derivative.subs(z, x))) < 1e-12


@pytest.mark.parametrize("definition", [
    z * tanh(z),                      # z outside tanh
    tanh(z**2),                       # not a linear argument
    1 / (1 + exp(-z)) ** 2,           # e^{-z} not a fraction of degree 1 in g
    tanh(z) + exp(z),                 # two functions of z
    z**2 / (1 + z),                   # z not of degree 1
], ids=str)
def test_no_form_through_the_inner_function_where_there_is_none_of_that_kind(definition):
    assert _through_inner(definition, diff(definition, z), z) is None



# --- the quick evaluation of an if-then-else condition ----------------------------------------

def test_the_quick_evaluation_takes_min_and_max_rewritten_as_cases():
    """Min(6, Max(0, z + 3)) rewritten by SymPy has an ITE in a condition; the quick
    evaluation now decides it, and agrees with evalf (a point on a boundary stays SymPy's)."""
    from sympy import Max, Min, Piecewise as P

    from derive.engine.verify import quick_float

    rewritten = Min(6, Max(0, z + 3)).rewrite(P)
    assert rewritten.has(P)
    for x in ("-4.5", "-3.0", "-1.25", "0.5", "2.9", "3.0", "7.75"):
        at = {z: Float(x, 40)}
        truth = Min(6, Max(0, z + 3)).subs(z, Float(x, 40)).evalf(30)
        quick = quick_float(rewritten, at)
        if x in ("-3.0", "3.0"):
            continue  # on a boundary: either decides, the value is the same
        assert quick is not None and abs(quick - truth) < Float("1e-28")


def test_range_values_of_a_symbolic_parameter_are_none_as_evalf_says():
    beta = Symbol("beta", positive=True)
    definition = z * sigmoid(beta * z)
    range_values.cache_clear()
    assert range_values(definition, z) == ()
    assert all(evaluate(definition, {z: p}) is None for p in POINTS)  # what the shortcut stands for


@pytest.mark.parametrize("jobs", [1, 2])
def test_meanwhile_runs_once_while_the_workers_work_and_the_order_is_kept(jobs):
    from derive.parallel import summarise_each, summary

    names = ["tanh", "softsign", "sigmoid", "relu"]
    calls = []
    got = summarise_each(names, jobs=jobs, meanwhile=lambda: calls.append(1))
    assert calls == [1]
    assert [d.name for d in got] == [summary(n).name for n in names]
    assert [d.in_terms_of_g for d in got] == [summary(n).in_terms_of_g for n in names]
