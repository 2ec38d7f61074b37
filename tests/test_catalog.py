"""Every catalog activation, checked against independent computations.

The derivative of each is compared with sympy.diff of the definition built here by
hand (not by derive's parser); every form in g, or in g and z, with g replaced by that
definition; every piece and kink with values worked out by hand below.
"""

import mpmath
import pytest
from sympy import (Abs, Integer, Max, Min, Piecewise, Rational, Symbol, atan, cos, diff, erf, exp, log, oo, pi, sin,
                   sqrt, tanh)

from derive import derive
from derive.catalog import CATALOG
from derive.engine.functions import G

from .helpers import Z, numerically_equal

a = Symbol("alpha", positive=True)
SIG = 1 / (1 + exp(-Z))

#: definitions written here independently of the catalog's formulas, with PyTorch's defaults
BY_HAND = {
    "sigmoid": SIG,
    "tanh": tanh(Z),
    "bipolar sigmoid": (1 - exp(-Z)) / (1 + exp(-Z)),
    "hard sigmoid": Max(0, Min(1, Z / 6 + Rational(1, 2))),
    "hard tanh": Max(-1, Min(1, Z)),
    "relu": Max(0, Z),
    "relu6": Min(Max(0, Z), 6),
    "leaky relu": Piecewise((Z, Z >= 0), (Z / 100, True)),
    "prelu": Piecewise((Z, Z >= 0), (Z / 4, True)),
    "elu": Piecewise((Z, Z > 0), (exp(Z) - 1, True)),
    "celu": Piecewise((Z, Z > 0), (exp(Z) - 1, True)),
    "gelu": Z / 2 * (1 + erf(Z / sqrt(2))),
    "gelu tanh": Z / 2 * (1 + tanh(sqrt(2 / pi) * (Z + Rational(44715, 1000000) * Z**3))),
    "silu": Z / (1 + exp(-Z)),
    "mish": Z * tanh(log(1 + exp(Z))),
    "softplus": log(1 + exp(Z)),
    "softsign": Z / (1 + Abs(Z)),
    "log sigmoid": -log(1 + exp(-Z)),
    "tanhshrink": Z - tanh(Z),
    "softshrink": Piecewise((Z - Rational(1, 2), Z > Rational(1, 2)), (Z + Rational(1, 2), Z < -Rational(1, 2)), (0, True)),
    "hardshrink": Piecewise((Z, Abs(Z) > Rational(1, 2)), (0, True)),
    "hardswish": Z * Min(Max(0, Z + 3), 6) / 6,
    "threshold": Piecewise((Z, Z > 1), (0, True)),
    "identity": Z,
    "exponential": exp(Z),
    "arctan": atan(Z),
    "gaussian": exp(-Z**2),
}
# the entries added for issue 11, with the values the tests set where the catalog keeps a symbol
PARAMS = {"swish-beta": {"beta": "3/2"}, "generalized logistic": {"alpha": "1/2", "beta": "2"}}
_SQNL = Piecewise((1, Z > 2), (Z - Z**2 / 4, Z >= 0), (Z + Z**2 / 4, Z >= -2), (-1, True))
BY_HAND.update({
    "isru": Z / sqrt(1 + Z**2),
    "isrlu": Piecewise((Z, Z >= 0), (Z / sqrt(1 + Z**2), True)),
    "squareplus": (Z + sqrt(Z**2 + 4)) / 2,
    "bent identity": (sqrt(Z**2 + 1) - 1) / 2 + Z,
    "lisht": Z * tanh(Z),
    "sqnl": _SQNL,
    "binary step": Piecewise((1, Z >= 0), (0, True)),
    "cloglog": 1 - exp(-exp(Z)),
    "gumbel": exp(-exp(-Z)),
    "probit": (1 + erf(Z / sqrt(2))) / 2,
    "sinusoid": sin(Z),
    "lecun tanh": Rational("1.7159") * tanh(2 * Z / 3),
    "generalized logistic": (1 + exp(-2 * Z)) ** Rational(-1, 2),
    "swish-beta": Z / (1 + exp(-Rational(3, 2) * Z)),
    "rrelu": Piecewise((Z, Z >= 0), (Rational(11, 48) * Z, True)),
})
_S = 1 / (1 + exp(-Rational(3, 2) * Z))  # swish-beta's sigma(beta z)
#: g' of the new entries worked out by hand (not by sympy.diff), valid away from the kinks
SLOPE_BY_HAND = {
    "isru": (1 + Z**2) ** Rational(-3, 2),
    "isrlu": Piecewise((1, Z > 0), ((1 + Z**2) ** Rational(-3, 2), True)),
    "squareplus": (1 + Z / sqrt(Z**2 + 4)) / 2,
    "bent identity": Z / (2 * sqrt(Z**2 + 1)) + 1,
    "lisht": tanh(Z) + Z * (1 - tanh(Z) ** 2),
    "sqnl": Piecewise((0, Z > 2), (1 - Z / 2, Z > 0), (1 + Z / 2, Z > -2), (0, True)),
    "binary step": Integer(0),
    "cloglog": exp(Z - exp(Z)),
    "gumbel": exp(-Z - exp(-Z)),
    "probit": exp(-Z**2 / 2) / sqrt(2 * pi),
    "sinusoid": cos(Z),
    "lecun tanh": Rational("1.7159") * Rational(2, 3) * (1 - tanh(2 * Z / 3) ** 2),
    "generalized logistic": exp(-2 * Z) * (1 + exp(-2 * Z)) ** Rational(-3, 2),
    "swish-beta": _S + Rational(3, 2) * Z * _S * (1 - _S),
    "rrelu": Piecewise((1, Z > 0), (Rational(11, 48), True)),
}
#: points of both signs, away from every kink of the new entries (0, +-2)
AWAY_FROM_KINKS = [Rational(s) * x for x in (Rational(3, 10), Rational(11, 10), Rational(27, 10), Rational(39, 10))
                   for s in (1, -1)]


def _derive(name, **options):
    return derive(name, params=PARAMS.get(name), **options)


@pytest.mark.parametrize("name", sorted(SLOPE_BY_HAND))
def test_new_entries_against_slopes_by_hand(name):
    d = _derive(name)
    for z0 in AWAY_FROM_KINKS:
        hand = SLOPE_BY_HAND[name].subs(Z, z0).evalf(30)
        assert abs(complex(d.derivative.subs(Z, z0).evalf(30)) - complex(hand)) < 1e-20
        assert abs(complex(d.definition.subs(Z, z0).evalf(30)) - complex(BY_HAND[name].subs(Z, z0).evalf(30))) < 1e-20


@pytest.mark.parametrize("name", sorted(SLOPE_BY_HAND))
def test_new_entries_name_their_source(name):
    from derive.catalog import lookup

    assert lookup(name).source


SELU = (Rational("1.0507009873554804934193349852946"), Rational("1.6732632423543772848170429916717"))
BY_HAND["selu"] = SELU[0] * Piecewise((Z, Z > 0), (SELU[1] * (exp(Z) - 1), True))

def test_every_entry_is_checked_here():
    assert set(BY_HAND) == {e.name for e in CATALOG} - {"softmax", "logistic slope"}


@pytest.mark.parametrize("name", sorted(BY_HAND))
def test_derivative_matches_sympy(name):
    d = _derive(name)
    assert numerically_equal(d.definition, BY_HAND[name])
    assert numerically_equal(d.derivative, diff(BY_HAND[name], Z))


@pytest.mark.parametrize("name", sorted(BY_HAND))
def test_every_form_equals_the_derivative(name):
    d = _derive(name)
    pieces = [(b.derivation, b.low, b.high) for b in d.branches] or [(d, -oo, oo)]
    for sub, low, high in pieces:
        truth = diff(BY_HAND[name], Z)
        for form in (sub.in_terms_of_g, sub.in_terms_of_g_and_z):
            if form is None:
                continue
            substituted = form.subs(G, BY_HAND[name])
            # compare inside the piece only: sample z in (low, high)
            for z0 in _inside(low, high):
                assert abs(complex(substituted.subs(Z, z0).evalf(30)) - complex(truth.subs(Z, z0).evalf(30))) < 1e-20


def _inside(low, high):
    lo = float(low) if low != -oo else min(-4.0, float(high) - 4)
    hi = float(high) if high != oo else max(4.0, lo + 4)
    return [Rational(str(round(lo + (hi - lo) * f, 6))) for f in (0.13, 0.37, 0.61, 0.89)]


@pytest.mark.parametrize("name, form", [
    ("sigmoid", G * (1 - G)),
    ("tanh", 1 - G**2),
    ("bipolar sigmoid", (1 - G**2) / 2),
    ("exponential", G),
    ("softplus", 1 - exp(-G)),
    ("log sigmoid", 1 - exp(G)),
    ("arctan", cos(G) ** 2),  # z = tan g: 1/(1 + tan^2 g) = cos^2 g
])
def test_forms_in_g_worked_out_by_hand(name, form):
    assert (derive(name).in_terms_of_g - form).expand() == 0


def test_logistic_with_slope_k_is_k_g_1_minus_g():
    k = Symbol("k", positive=True)
    d = derive("logistic slope")
    assert (d.in_terms_of_g - k * G * (1 - G)).expand() == 0


@pytest.mark.parametrize("name, forms", [
    ("elu", [G + 1, 1]),
    ("softsign", [(1 + G) ** 2, (1 - G) ** 2]),
    ("relu", [0, 1]),
    ("leaky relu", [Rational(1, 100), 1]),
])
def test_forms_per_piece_by_hand(name, forms):
    found = [b.derivation.in_terms_of_g for b in derive(name).branches]
    assert [(f - e).expand() for f, e in zip(found, forms)] == [0] * len(forms)


@pytest.mark.parametrize("name", ["silu", "gelu", "gelu tanh", "mish", "gaussian"])
def test_no_form_in_g_alone_is_proved_by_two_points(name):
    d = derive(name)
    w = d.no_form_in_g
    assert w is not None and d.in_terms_of_g is None
    f = BY_HAND[name]
    with mpmath.workdps(30):
        g1 = complex(f.subs(Z, Rational(repr(w.first))).evalf(30))
        g2 = complex(f.subs(Z, Rational(repr(w.second))).evalf(30))
        s1 = complex(diff(f, Z).subs(Z, Rational(repr(w.first))).evalf(30))
        s2 = complex(diff(f, Z).subs(Z, Rational(repr(w.second))).evalf(30))
    assert abs(g1 - g2) < 1e-12 and abs(s1 - s2) > 1e-3


def test_monotone_without_a_closed_form_says_only_that_none_was_found():
    d = derive("tanhshrink")
    assert d.no_form_in_g is None and d.in_terms_of_g is None
    assert (d.in_terms_of_g_and_z - (Z - G) ** 2).expand() == 0


# (point, slope from the left, from the right, continuous, PyTorch's value), by hand
KINKS = {
    "relu": [(0, 0, 1, True, 0)],
    "relu6": [(0, 0, 1, True, 0), (6, 1, 0, True, 0)],
    "leaky relu": [(0, Rational(1, 100), 1, True, Rational(1, 100))],
    "hard tanh": [(-1, 0, 1, True, 0), (1, 1, 0, True, 0)],
    "hard sigmoid": [(-3, 0, Rational(1, 6), True, 0), (3, Rational(1, 6), 0, True, 0)],
    "hardswish": [(-3, 0, Rational(-1, 2), True, Rational(-1, 2)), (3, Rational(3, 2), 1, True, Rational(3, 2))],
    "hardshrink": [(Rational(-1, 2), 1, 0, False, 0), (Rational(1, 2), 0, 1, False, 0)],
    "softshrink": [(Rational(-1, 2), 1, 0, True, 0), (Rational(1, 2), 0, 1, True, 0)],
    "threshold": [(1, 0, 1, False, 0)],
}


@pytest.mark.parametrize("name", sorted(KINKS))
def test_kinks_by_hand(name):
    found = [(k.point, k.left_slope, k.right_slope, k.continuous, k.framework) for k in derive(name).kinks]
    assert found == KINKS[name]


def test_elu_with_alpha_1_and_celu_are_differentiable_at_0():
    assert all(k.differentiable for k in derive("elu").kinks)
    assert all(k.differentiable for k in derive("celu", params={"alpha": "0.5"}).kinks)
    assert not any(k.differentiable for k in derive("elu", params={"alpha": "0.5"}).kinks)


def test_symbolic_parameter_stays_a_symbol():
    d = derive("elu", symbolic=True)
    negative = d.branches[0].derivation
    assert (negative.in_terms_of_g - (G + a)).expand() == 0
    assert d.kinks[0].differentiable is None  # only when alpha = 1


@pytest.mark.parametrize("spelling", ["leaky relu", "Leaky_ReLU", "leaky-relu", "LeakyReLU", "LRELU"])
def test_names_ignore_case_and_separators(spelling):
    assert derive(spelling).name == "leaky relu"


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("name", ["sigmoid", "tanh", "softplus", "silu"])
def test_order_n_equals_sympy(name, n):
    d = derive(name, order=n)
    assert numerically_equal(d.derivative, diff(BY_HAND[name], Z, n))
    if d.in_terms_of_g is not None:
        assert numerically_equal(d.in_terms_of_g.subs(G, BY_HAND[name]), diff(BY_HAND[name], Z, n))


def test_second_derivatives_in_g_as_the_issue_states():
    assert (derive("sigmoid", order=2).in_terms_of_g - G * (1 - G) * (1 - 2 * G)).expand() == 0
    assert (derive("tanh", order=2).in_terms_of_g - (-2 * G * (1 - G**2))).expand() == 0


def test_piecewise_order_2_per_piece():
    d = derive("elu", order=2)
    assert [b.derivation.derivative for b in d.branches] == [exp(Z), 0]


def test_softmax_jacobian():
    from sympy import IndexedBase, KroneckerDelta, symbols

    i, j = symbols("i j", integer=True, positive=True)
    s = IndexedBase("s")
    d = derive("softmax")
    assert (d.in_terms_of_g - s[i] * (KroneckerDelta(i, j) - s[j])).expand() == 0
    assert all(line.check.points == 18 for line in d.lines[1:])  # 9 pairs (i, j) x 2 points


@pytest.mark.parametrize("typed, name", [
    ("(exp(z) - exp(-z))/(exp(z) + exp(-z))", "tanh"),
    ("z/(1 + exp(-z))", "silu"),
    ("max(0, z)", "relu"),
    ("log(1 + e^z)", "softplus"),
    ("1/(1 + exp(-2z))", None),  # a slope of 2 is not the sigmoid
    ("z^3", None),
])
def test_a_typed_catalog_function_says_so(typed, name):
    assert derive(typed).same_as == name
