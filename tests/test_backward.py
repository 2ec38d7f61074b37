"""``--format python``: the printed forward and backward, run.

For every catalog entry the printed code (derive's own output, so exec is fine here)
is run in a fresh namespace; its backward is compared with central finite differences
of its own forward at points of both signs away from the kinks, and at the kinks with
PyTorch's values worked out by hand (test_catalog.KINKS and the table below).
"""

import subprocess
import sys
from dataclasses import replace

import mpmath
import numpy as np
import pytest
from click.testing import CliRunner
from sympy import And, Rational, diff, lambdify

from derive import derive
from derive.catalog import CATALOG
from derive.cli import cli
from derive.engine.functions import G
from derive.render.python import python

from .test_catalog import KINKS



#: where the catalog keeps a symbol, the printed functions take it as a keyword argument
KEYWORDS = {"logistic slope": {"k": 2.0}, "swish-beta": {"beta": 1.5}, "generalized logistic": {"alpha": 0.5}}
#: points of both signs, at least 0.1 from every kink in the catalog (0, +-1/2, +-1, +-2, +-3, 6)
POINTS = [0.37, -0.37, 1.3, -1.3, 2.6, -2.6, 4.4, -4.4, 7.1, -7.1]
#: PyTorch's (or, where it has none, the only) slope at each kink, by hand, besides test_catalog.KINKS
MORE_KINKS = {
    "elu": [(0, 1)],  # alpha e^0 = 1 = the right slope
    "celu": [(0, 1)],
    "selu": [(0, 1.0507009873554804934 * 1.6732632423543772848)],  # elu_backward: x <= 0 takes scale*alpha*e^x
    "prelu": [(0, 0.25)],
    "rrelu": [(0, 11 / 48)],  # leaky_relu_backward with slope (1/8 + 1/3)/2: x > 0 ? 1 : slope
    "isrlu": [(0, 1)],
    "sqnl": [(-2, 0), (0, 1), (2, 0)],
    "binary step": [(0, 0)],
}


def code_for(name: str, *args: str) -> str:
    result = CliRunner().invoke(cli, [name, "--format", "python", "--no-cache", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def functions(code: str, stem: str):
    namespace: dict = {}
    exec(compile(code, f"<derive {stem}>", "exec"), namespace)  # noqa: S102 -- derive's own output
    return namespace[f"{stem}_forward"], namespace[f"{stem}_backward"], code


def slope(forward, backward, code, z, kw):
    """backward(1, ...) at z, fed the saved output g or the input z, as its signature says."""
    saved = forward(np.float64(z), **kw) if "_backward(grad, g" in code else np.float64(z)
    return float(backward(np.float64(1.0), saved, **kw))


def stem(name: str) -> str:
    return name.replace(" ", "_").replace("-", "_")


ONE_VARIABLE = sorted(e.name for e in CATALOG if not e.multivariate)


@pytest.mark.parametrize("name", ONE_VARIABLE)
def test_backward_equals_finite_differences(name):
    kw = KEYWORDS.get(name, {})
    forward, backward, code = functions(code_for(name), stem(name))
    h = 1e-6
    with np.errstate(over="ignore", invalid="ignore"):
        for z in POINTS:
            above, below = float(forward(np.float64(z + h), **kw)), float(forward(np.float64(z - h), **kw))
            numeric = (above - below) / (2 * h)
            found = slope(forward, backward, code, z, kw)
            # (cloglog at 4.4, Gumbel at -7.1: the output saturates in float64 and both are 0)
            assert abs(found - numeric) <= 1e-6 * (1 + abs(numeric)), (name, z, found, numeric)


#: far out, where e^|z| overflows float64 or the output rounds to its limit
SATURATED = [-1000.0, -100.0, -40.0, -20.0, 20.0, 40.0, 100.0, 1000.0]
#: what is still out of float64's reach: bipolar sigmoid's forward (1 - e^-z)/(1 + e^-z) is inf/inf
STILL_NAN = {("bipolar sigmoid", -1000.0)}


def true_slope(name: str, z: float, kw: dict) -> mpmath.mpf:
    """g'(z) from SymPy's diff of the catalog's definition, in mpmath at 50 digits:
    independent of the chain derive prints and of the code it writes.  (lambdify on an
    expression of the test's own making: SymPy's evalf would take minutes on e^(-e^1000).)"""
    d = derive(name)
    symbols = sorted(d.definition.free_symbols, key=lambda s: s.name)
    slope_of = lambdify(symbols, diff(d.definition, d.var), "mpmath")
    with mpmath.workdps(50):
        return slope_of(*(mpmath.mpf(z) if s == d.var else mpmath.mpf(kw[s.name]) for s in symbols))


@pytest.mark.parametrize("name", ONE_VARIABLE)
def test_backward_is_finite_and_right_where_the_input_saturates(name):
    # cloglog's backward from g was (g - 1)*log(1 - g): 0 times -inf once 1 - g rounds to 0;
    # mish's was inf/inf at z = 1000
    kw = KEYWORDS.get(name, {})
    forward, backward, code = functions(code_for(name), stem(name))
    for z in SATURATED:
        if (name, z) in STILL_NAN:
            continue
        truth = true_slope(name, z, kw)
        with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
            found = slope(forward, backward, code, z, kw)
        if abs(truth) > 1e300:  # the exponential at 1000: beyond float64, inf is its best answer
            assert found == float("inf"), (name, z, found)
            continue
        # from a saved g the slope is only as exact as g's rounding: about 1e-16 absolute
        assert abs(found - float(truth)) <= 1e-13 + 1e-9 * abs(float(truth)), (name, z, found, truth)


def test_the_stable_forms_are_printed_where_the_plain_ones_overflow():
    assert "numpy.logaddexp(0, z)" in code_for("softplus")
    assert "_xlogx(1 - g)" in code_for("cloglog") and "def _xlogx(u):" in code_for("cloglog")
    assert "import math" not in code_for("cloglog")  # the helper uses numpy alone
    assert "numpy.exp(z)/" not in code_for("mish")


@pytest.mark.parametrize("name", sorted({*KINKS, *MORE_KINKS}))
def test_backward_at_kinks_takes_pytorchs_slope(name):
    forward, backward, code = functions(code_for(name), stem(name))
    expected = [(p, pytorch) for p, _, _, _, pytorch in KINKS.get(name, [])] or MORE_KINKS[name]
    for point, value in expected:
        assert abs(slope(forward, backward, code, float(point), {}) - float(value)) < 1e-12, (name, point)


def test_sigmoid_backward_reads_the_saved_output():
    code = code_for("sigmoid")
    assert "def sigmoid_backward(grad, g):" in code and "return grad * g*(1 - g)" in code


def test_backward_works_on_arrays():
    forward, backward, code = functions(code_for("relu"), "relu")
    z = np.array([-2.0, 0.0, 3.0])
    assert "relu_backward(grad, g)" in code  # ReLU's backward reads the saved output, as PyTorch's does
    assert backward(np.ones(3), forward(z)).tolist() == [0.0, 0.0, 1.0]
    forward, backward, code = functions(code_for("identity"), "identity")
    assert backward(np.ones(3), forward(z)).shape == (3,)


def test_softmax_backward_is_the_jacobian_applied_to_grad():
    forward, backward, code = functions(code_for("softmax"), "softmax")
    rng = np.random.default_rng(3)
    z, grad = rng.normal(size=5) * 2, rng.normal(size=5)
    h = 1e-6
    jacobian = np.array([(forward(z + h * e) - forward(z - h * e)) / (2 * h) for e in np.eye(5)])  # row k: d s / d z_k
    assert np.allclose(backward(grad, forward(z)), jacobian @ grad, atol=1e-8)


@pytest.mark.parametrize("name, cases", [
    # the engine's forms with conditions on g, written here by hand: ReLU 1 if g > 0, 0 if g < 0 ...
    ("relu", ((Rational(0), G < 0), (Rational(1), G > 0))),
    ("elu", ((G + 1, G < 0), (Rational(1), G > 0))),
    ("hard tanh", ((Rational(0), G < -1), (Rational(1), And(G > -1, G < 1)), (Rational(0), G > 1))),
])
def test_conditions_on_g_give_a_backward_from_the_output(name, cases):
    code = python(replace(derive(name), in_terms_of_g_cases=cases))
    forward, backward, code = functions(code, stem(name))
    assert f"{stem(name)}_backward(grad, g)" in code
    h = 1e-6
    for z in POINTS:
        numeric = (float(forward(z + h)) - float(forward(z - h))) / (2 * h)
        assert abs(slope(forward, backward, code, z, {}) - numeric) < 1e-6
    for point, _, _, _, pytorch in KINKS.get(name, []):
        assert slope(forward, backward, code, float(point), {}) == float(pytorch)


def test_a_set_parameter_is_a_number_in_the_code():
    forward, backward, code = functions(code_for("swish-beta", "--param", "beta=2"), "swish_beta")
    assert "def swish_beta_forward(z):" in code
    z, h = 0.8, 1e-6
    assert abs(backward(1.0, z) - (forward(z + h) - forward(z - h)) / (2 * h)) < 1e-6


def test_a_keyword_parameter_gets_an_underscore():
    code = code_for("selu", "--symbolic")
    assert "def selu_forward(z, alpha, lambda_):" in code
    forward, backward, code = functions(code, "selu")
    assert abs(forward(-1.0, alpha=2.0, lambda_=3.0) - 3 * 2 * (np.exp(-1) - 1)) < 1e-12


@pytest.mark.parametrize("formula", ["grad*z", "z + numpy"])
def test_a_parameter_named_like_the_codes_own_names_is_refused(formula):
    result = CliRunner().invoke(cli, [formula, "--format", "python", "--no-cache"])
    assert result.exit_code == 2 and "clash" in result.stderr


def test_higher_orders_are_refused():
    result = CliRunner().invoke(cli, ["sigmoid", "--order", "2", "--format", "python", "--no-cache"])
    assert result.exit_code == 2 and "--order 1" in result.stderr


def test_derive_itself_does_not_import_numpy():
    program = ("import sys; from derive import derive; from derive.render.python import python; "
               "python(derive('gelu')); print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
