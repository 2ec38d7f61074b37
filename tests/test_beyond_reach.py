"""Numbers no derivation means (e^(e^(e^(e^z))) at z = 4 has an exponent of 10^23 digits):
a point where a line takes one is no sample, as a pole is not, instead of mpmath writing
it out until the memory limit or the timeout ends the whole command."""

import random

from sympy import E, Float, diff, exp, log

from derive import derive
from derive.api import check
from derive.engine.functions import G, variable
from derive.engine.verify import beyond_reach, evaluate

z = variable("z")
TOWER = exp(exp(exp(exp(z))))


def test_a_nested_exponential_is_beyond_reach_only_where_it_is():
    assert beyond_reach(TOWER, {z: Float(4)})
    assert not beyond_reach(TOWER, {z: Float(0)})
    assert evaluate(TOWER, {z: Float(4)}) is None
    assert abs(evaluate(TOWER, {z: Float(0)}) - E ** (E ** E)) < 1e-20
    assert not beyond_reach(exp(800 * z), {z: Float(4)})  # no nesting: e^3200 is a number
    assert evaluate(exp(800 * z), {z: Float(4)}) is not None


def test_a_wrong_tower_line_is_wrong_and_a_right_one_holds(tmp_path):
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("g(z) = 1/(1+e^-z)\ng'(z) = e^(e^(e^(e^(z))))\n= g(z)(1 - g(z))\n")
    result = check(str(wrong))
    assert not result.get("problem")  # the file is checked, not given up on
    assert result["first_error"] == 2 and result["errors"] == 1
    right = tmp_path / "right.txt"
    right.write_text("g(z) = e^(e^(e^(e^z)))\ng'(z) = e^(e^(e^(e^z))) e^(e^(e^z)) e^(e^z) e^z\n")
    assert check(str(right))["valid"] is True


def test_the_tower_is_derived_with_its_form_in_g():
    d = derive("exp(exp(exp(exp(z))))")
    assert d.in_terms_of_g is not None
    truth = diff(TOWER, z)
    rng = random.Random(7)
    for _ in range(6):
        x = rng.uniform(-3, 1.5)
        form = d.in_terms_of_g.subs(G, TOWER).evalf(30, subs={z: x})
        assert abs(form - truth.evalf(30, subs={z: x})) < 1e-20 * (1 + abs(truth.evalf(30, subs={z: x})))
    # the form the lecture would write: g log g log log g log log log g
    expected = G * log(G) * log(log(G)) * log(log(log(G)))
    assert abs((d.in_terms_of_g - expected).subs(G, 3000).evalf(30)) < 1e-25
