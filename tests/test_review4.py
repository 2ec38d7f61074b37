"""Findings of review4 (derive's own chains read independently), each fixed here.

Truth is established apart from derive: sympy.diff of the formula, evaluated at
points of both signs away from the kinks.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from sympy import Abs, Piecewise, Rational, Symbol, diff

from derive import derive

z = Symbol("z", real=True)
POINTS = [Rational(x) for x in ("0.37", "-0.37", "1.9", "-1.9", "3.3", "-3.3")]


@pytest.mark.parametrize("formula, truth, order", [
    ("|z|", Abs(z), 2), ("|z|", Abs(z), 3),
    ("where(z > 0, z, -z)", Piecewise((z, z > 0), (-z, True)), 2),
    ("where(z > 0, 2z, -2z)", Piecewise((2 * z, z > 0), (-2 * z, True)), 3),
    ("1/(1+|z|)", 1 / (1 + Abs(z)), 2),  # 2 g^3 on both sides (order 3: 6 g^4 and -6 g^4)
])
def test_pieces_with_shared_values_of_g_and_one_form_are_no_internal_error(formula, truth, order):
    """|z|'' once ended in 'internal error' (exit 3): both pieces' g fill g > 0, and the
    cases' check found two conditions holding.  Where every piece has the same form F(g),
    that one form is given for every piece, and it is g^(n) at points of both signs."""
    from sympy import S
    from derive.engine.functions import G

    for extra in ([], ["--format", "latex", "--standalone"]):
        run = subprocess.run([sys.executable, "-m", "derive", formula, "--order", str(order), "--no-cache", *extra],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
    d = derive(formula, order=order)
    (form, condition), = d.in_terms_of_g_cases
    assert condition == S.true
    for p in POINTS:
        assert abs(float(form.subs(G, truth.subs(z, p)) - diff(truth, z, order).subs(z, p))) < 1e-12


@pytest.mark.parametrize("name, truth", [
    # torch.nn.Softshrink / Hardshrink, written here from PyTorch's documentation
    ("softshrink", lambda z, lam: Piecewise((z - lam, z > lam), (z + lam, z < -lam), (0, True))),
    ("hardshrink", lambda z, lam: Piecewise((z, z > lam), (z, z < -lam), (0, True))),
])
def test_symbolic_pieces_ending_at_a_parameter_are_no_internal_error(name, truth):
    """softshrink --symbolic ended in 'internal error' (exit 3): the cases' check took a
    float of the piece's end -lambda.  The cases it gives hold at lambda = 0.7 and 1.3."""
    from derive.engine.functions import G
    run = subprocess.run([sys.executable, "-m", "derive", name, "--symbolic", "--no-cache"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    d = derive(name, symbolic=True)
    lam = next(s for s in d.definition.free_symbols if s.name == "lambda")
    for value in (Rational(7, 10), Rational(13, 10)):
        g_true = truth(z, value)
        for p in POINTS:
            if abs(abs(p) - value) < Rational(1, 100):
                continue
            g_at = g_true.subs(z, p)
            chosen = [form for form, condition in d.in_terms_of_g_cases
                      if bool(condition.subs(lam, value).subs(G, g_at))]
            assert len(chosen) == 1, (p, value)
            assert chosen[0].subs(lam, value).subs(G, g_at) == diff(g_true, z).subs(z, p)


@pytest.mark.parametrize("formula, truth", [
    ("min(0, z)", lambda x: min(0.0, x)),
    ("where(z < 0, 3z, 0)", lambda x: 3 * x if x < 0 else 0.0),
    ("-max(0, -z)", lambda x: -max(0.0, -x)),
])
def test_python_backward_from_g_is_the_slope_on_a_flat_piece(formula, truth):
    """min(0, z)'s backward from the saved output once returned 1 on all of z > 0: the
    kink's left slope (1, at g = 0) was put before the flat piece's case g = 0.  The
    backward is compared with a central difference of the true function."""
    import numpy as np

    run = subprocess.run([sys.executable, "-m", "derive", formula, "--format", "python", "--no-cache"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    namespace: dict = {}
    exec(compile(run.stdout, "<derive>", "exec"), namespace)  # noqa: S102 -- derive's own output
    forward, backward = namespace["activation_forward"], namespace["activation_backward"]
    for p in (0.37, -0.37, 1.9, -1.9, 3.3, -3.3):
        h = 1e-6
        slope = (truth(p + h) - truth(p - h)) / (2 * h)
        saved = forward(np.float64(p)) if "_backward(grad, g)" in run.stdout else np.float64(p)
        assert abs(float(backward(np.float64(1.0), saved)) - slope) < 1e-6, (p, run.stdout)


def _sig(x: float) -> float:
    import math
    return 1 / (1 + math.exp(-x))


@pytest.mark.parametrize("formula, truth", [
    ("1/sigmoid(z)", lambda x: 1 / _sig(x)),
    ("z/sigmoid(z)", lambda x: x / _sig(x)),
    ("exp(z)/sigmoid(z)", lambda x: 2.718281828459045 ** x / _sig(x)),
    ("sigmoid(z^2)", lambda x: _sig(x * x)),
    ("sigmoid(sqrt(1+z^2))", lambda x: _sig((1 + x * x) ** 0.5)),
    ("z*sigmoid(z)^2", lambda x: x * _sig(x) ** 2),
])
def test_python_forward_and_backward_are_the_function_and_its_slope(formula, truth):
    """1/sigmoid(z) was printed 1/1/(1 + numpy.exp(-z)) (that is sigmoid(z)), and
    sigmoid(z^2) as numpy.exp(-numpy.exp(2*numpy.log(z))) (nan for z < 0).  Checked
    against the function written here and a central difference, at both signs."""
    import numpy as np

    run = subprocess.run([sys.executable, "-m", "derive", formula, "--format", "python", "--no-cache"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    namespace: dict = {}
    exec(compile(run.stdout, "<derive>", "exec"), namespace)  # noqa: S102 -- derive's own output
    forward, backward = namespace["activation_forward"], namespace["activation_backward"]
    for p in (0.37, -0.37, 1.9, -1.9, 3.3, -3.3):
        value = truth(p)
        assert abs(float(forward(np.float64(p))) - value) < 1e-9 * (1 + abs(value)), (p, run.stdout)
        h = 1e-6
        slope = (truth(p + h) - truth(p - h)) / (2 * h)
        saved = forward(np.float64(p)) if "_backward(grad, g)" in run.stdout else np.float64(p)
        assert abs(float(backward(np.float64(1.0), saved)) - slope) < 1e-5 * (1 + abs(slope)), (p, run.stdout)


@pytest.mark.parametrize("name, formula", [("rrelu", None), (None, "slope*z + sigmoid(z)")])
def test_a_long_parameter_name_is_one_name_in_latex(name, formula):
    """rrelu --symbolic printed \\frac{lower}{2}: read as the product l o w e r (e is
    Euler's number).  Read back, every LaTeX line names only z and the parameters."""
    from latex2sympy2_extended import latex2sympy
    from derive.render.latex import latex

    d = derive(name, symbolic=True) if name else derive(formula)
    allowed = {s.name for s in d.definition.free_symbols}
    for line in d.lines:
        if line.rhs.has(Piecewise):
            continue  # the reader cannot read a cases block
        found = latex2sympy(latex(line.rhs).replace(r"\sigma", r"\exp"))
        assert {s.name for s in found.free_symbols} <= allowed, latex(line.rhs)
        assert not found.has(Symbol("E")) and "E" not in str(found), latex(line.rhs)


@pytest.mark.parametrize("formula, truth, order", [
    ("z^2", z**2, 2), ("z^3", z**3, 3), ("3z^2 + z", 3 * z**2 + z, 2),
])
def test_a_constant_derivative_is_a_form_in_g(formula, truth, order):
    """z^2's g'' = 2 was followed by 'derive found no way to write g''(z) in terms of g
    alone' (and a piece z^2 by 'no form of g'' in g alone'): a constant is a form in g."""
    d = derive(formula, order=order)
    constant = diff(truth, z, order)
    assert not constant.has(z)
    assert d.in_terms_of_g == constant
    run = subprocess.run([sys.executable, "-m", "derive", formula, "--order", str(order), "--no-cache"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "no way" not in run.stdout and "no form" not in run.stdout, run.stdout


@pytest.mark.parametrize("order", [2, 3])
def test_a_piece_where_g_turns_gives_no_cases_and_no_internal_error(order):
    """hardswish's middle piece z(z + 3)/6 has a constant g'' (1/3), a form in g; its
    values dip to -3/8, below both ends, so the values between the ends are not its
    image: no cases in g are given (an image from the ends alone ended in an internal
    error).  The piece's g^(n) is sympy's."""
    run = subprocess.run([sys.executable, "-m", "derive", "hardswish", "--order", str(order), "--no-cache"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    d = derive("hardswish", order=order)
    assert d.in_terms_of_g_cases == ()
    middle = next(b for b in d.branches if b.low == -3 and b.high == 3)
    assert middle.derivation.in_terms_of_g == diff(z * (z + 3) / 6, z, order)


@pytest.mark.parametrize("constant", [Rational(-1), Rational(-1, 2), Rational(-3)])
def test_the_one_line_notation_brackets_a_negative_operand_of_d_dz(constant):
    """d/dz -1 reads as 'd/dz minus 1' (the text's one-line fallback and explanations)."""
    from sympy import Derivative
    from derive.linear import linear

    text = linear(Derivative(constant, z, evaluate=False))
    operand = text.split("d/dz", 1)[1].strip()
    assert operand.startswith("(") and operand.endswith(")"), text


def test_infinity_in_a_note_is_the_sign_not_oo():
    """'the slope is -oo from the left and oo from the right' (SymPy's spelling) in the
    terminal's notes; |z|^(1/2)'s one-sided slopes at 0 are -inf and +inf (sympy limits)."""
    from sympy import limit, oo, sqrt

    assert limit(diff(sqrt(Abs(z)), z), z, 0, "-") == -oo and limit(diff(sqrt(Abs(z)), z), z, 0, "+") == oo
    run = subprocess.run([sys.executable, "-m", "derive", "abs(z)^0.5", "--no-cache"],
                         capture_output=True, text=True, timeout=60)
    assert "-∞ from the left and ∞ from the right" in run.stdout and "oo" not in run.stdout, run.stdout


def test_threshold_symbolic_kink_note_names_what_the_parameters_decide():
    """torch.nn.Threshold: g = z for z > θ, v otherwise.  The one-sided slopes at θ are 0
    and 1 whatever θ and v are, so g is never differentiable there; only continuity
    (v = θ) depends on the parameters.  The note said 'differentiable there only if the
    two are equal' (two slopes that are never equal)."""
    theta, v = Symbol("theta"), Symbol("v")
    left, right = diff(v + 0 * z, z), diff(z, z)
    assert left == 0 and right == 1  # the slopes, by hand from the definition
    run = subprocess.run([sys.executable, "-m", "derive", "threshold", "--symbolic", "--no-cache"],
                         capture_output=True, text=True, timeout=60)
    text = " ".join(run.stdout.split())
    assert "not differentiable at z = θ" in text and "continuous there only if v = θ" in text, text
    assert "only if the two are equal" not in text


@pytest.mark.parametrize("order", [2, 3])
def test_softsign_higher_orders_end_with_the_factors_collected(order):
    """softsign'' ended in 2 (g - 1)(g - 1)^2 on z > 0: the last line of each piece now
    has no base twice among its factors, and equals sympy's g^(n) with g substituted."""
    from sympy import Mul, Pow
    from derive.engine.functions import g

    truth = z / (1 + Abs(z))
    d = derive("softsign", order=order)
    for b in d.branches:
        last = b.derivation.lines[-1].rhs
        bases = [f.base if isinstance(f, Pow) else f for f in Mul.make_args(last) if not f.is_number]
        assert len(bases) == len(set(bases)), last
        for p in POINTS:
            if not (b.low < p < b.high):
                continue
            value = last.subs(g(d.var), truth.subs(z, p)).subs(d.var, p)
            assert abs(float(value - diff(truth, z, order).subs(z, p))) < 1e-12
