"""The engine's own checks: equality decided right, and a wrong line never printed."""

import pytest
from sympy import Abs, Heaviside, Piecewise, sign, sqrt, tanh, exp, UnevaluatedExpr, Integer

from derive import derive
from derive.engine import in_g
from derive.engine.functions import sigmoid
from derive.engine.verify import compare, numeric_compare
from derive.errors import EngineFault

from .helpers import Z


def test_true_identity_that_simplify_alone_misses_is_accepted():
    result = compare(tanh(Z), 2 * sigmoid(2 * Z) - 1, Z)
    assert result.verdict == "proved"


def test_piecewise_identity():
    assert compare(2 * Heaviside(Z) - 1, sign(Z), Z).equal


def test_sqrt_of_square_is_not_z():
    # equal for z > 0 only: the negative sample points catch it
    result = compare(sqrt(Z**2), Z, Z)
    assert result.verdict == "wrong"
    z0, left, right = result.counterexample
    assert z0 < 0 and abs(left + right) < 1e-20


def test_counterexample_values_are_the_two_sides():
    result = numeric_compare(exp(Z), exp(Z) + Z**2 / 10**6, Z)
    assert result.verdict == "wrong"
    z0, left, right = result.counterexample
    assert abs(left - exp(z0)) < 1e-20
    assert abs(right - left - z0**2 / 10**6) < 1e-20


def test_a_wrong_line_raises_instead_of_printing(monkeypatch):
    def broken(form, definition, previous, var):
        # the sigmoid's line 5 with the add-and-subtract done wrong: (1 + e^{-z} + 1)
        return in_g.Exposure(UnevaluatedExpr(Integer(2)) * previous, (("a wrong step",),))

    monkeypatch.setattr(in_g, "exposed", broken)
    with pytest.raises(EngineFault, match="line 5"):
        derive("sigmoid")


def test_every_printed_line_carries_its_verdict():
    for name in ("sigmoid", "tanh"):
        lines = derive(name).lines
        assert lines[0].check is None
        assert all(line.check.verdict == "proved" for line in lines[1:])


def test_abs_sign_step_verified_away_from_zero():
    assert compare(Abs(Z).diff(Z), sign(Z), Z).equal
    assert compare(Piecewise((1, Z > 0), (0, True)), Heaviside(Z), Z).equal


# --- the quick (mpmath) evaluation in front of SymPy's evalf never weakens a verdict ---

from sympy import Float, Max, Min, Mul, Rational, log, atan, erf, Symbol  # noqa: E402

from derive.engine import verify  # noqa: E402


def _bump(at):
    """1 at exactly one sample point, below 1e-400 at every other one."""
    return exp(-(10**8) * (Z - at) ** 2)


def test_a_line_off_by_a_billionth_of_z_is_wrong():
    a = 1 / (1 + exp(-Z))
    result = compare(a * (1 - a), a * (1 - a) + Z / 10**9, Z)
    assert result.verdict == "wrong" and result.points == 0


def test_a_line_off_by_far_less_than_the_quick_evaluation_rounds_is_still_wrong():
    # 1e-17 relative: below a 15-digit evaluation's noise, above the 1e-18 tolerance
    a = tanh(Z)
    assert compare(1 - a**2, 1 - a**2 + Rational(1, 10**17), Z).verdict == "wrong"


def test_a_counterexample_at_two_of_twelve_points_is_caught():
    p, q = verify.POINTS[3], verify.POINTS[8]
    a = Z * sigmoid(Z)
    result = compare(a, a + _bump(p) + _bump(q), Z)
    assert result.verdict == "wrong" and result.points == 10
    assert result.counterexample[0] == p
    agree, wrong = verify.sample(a, a + _bump(p) + _bump(q), Z, verify.POINTS)
    assert agree == 10 and [w[0] for w in wrong] == [p, q]


def _sympy_only(a, b, var, points):
    """verify.sample as it was: every point through SymPy's evalf (the reference)."""
    params = {s: verify.PARAMETER_VALUES[0] for s in (a.free_symbols | b.free_symbols) - {var}}
    assert len(params) <= 1
    agree, wrong = 0, []
    for point in points:
        at = {var: point, **params}
        left, right = verify.evaluate(a, at), verify.evaluate(b, at)
        if left is None or right is None:
            continue
        if verify.close(left, right):
            agree += 1
        else:
            wrong.append(point)
    return agree, wrong


@pytest.mark.parametrize("a, b", [
    (log(Z), log(Z)),                                # undefined at every negative point
    (sqrt(Z), sqrt(Z)),                              # complex at negative points
    (sqrt(Z**2), Z),                                 # wrong at negative points
    (Z ** Rational(1, 3), Z ** Rational(1, 3)),      # SymPy's principal root: complex for z < 0
    (1 / (Z - verify.POINTS[2]), 1 / (Z - verify.POINTS[2])),  # a pole at a sample point
    (atan(Z) + erf(Z), atan(Z) + erf(Z) + Rational(1, 10**12)),
    (exp(40 * Z) - exp(40 * Z) * (1 + exp(-80)), -exp(-40 * Z)),  # cancellation (exp(40z)exp(-80) = exp(40z-80))
    (Abs(Z) * sign(Z), Z),
    (Heaviside(Z), (sign(Z) + 1) / 2),               # not quick: SymPy decides
    (Symbol("alpha", positive=True) * Z, Z * Float("0.73", 40)),  # a parameter at its fixed value
])
def test_quick_evaluation_agrees_with_sympy_point_by_point(a, b):
    agree, wrong = verify.sample(a, b, Z, verify.POINTS)
    assert (agree, [w[0] for w in wrong]) == _sympy_only(a, b, Z, verify.POINTS)


@pytest.mark.parametrize("a, b", [
    (Piecewise((Z, Z > verify.POINTS[4]), (0, True)), Piecewise((Z, Z >= verify.POINTS[4]), (0, True))),  # boundary at a point
    (Heaviside(Z - verify.POINTS[1]), Heaviside(Z - verify.POINTS[1], 0)),  # H(0) = 1/2 against 0 at a point
    (Max(0, Min(1, Z / 6 + Rational(1, 2))), Piecewise((0, Z <= -3), (Z / 6 + Rational(1, 2), Z <= 3), (1, True))),
    (Max(0, Min(1, Z / 6 + Rational(1, 2))), Piecewise((0, Z <= -1), (Z / 6 + Rational(1, 2), Z <= 3), (1, True))),
])
def test_quick_evaluation_of_cases_agrees_with_sympy(a, b):
    agree, wrong = verify.sample(a, b, Z, verify.POINTS)
    assert (agree, [w[0] for w in wrong]) == _sympy_only(a, b, Z, verify.POINTS)


@pytest.mark.parametrize("a, b, proved", [
    (Max(0, Min(1, Z / 6 + Rational(1, 2))), Piecewise((0, Z <= -3), (Z / 6 + Rational(1, 2), Z <= 3), (1, True)), True),
    (Max(0, Min(1, Z / 7 + Rational(1, 2))), Piecewise((0, Z <= -3), (Z / 7 + Rational(1, 2), Z <= 3), (1, True)), False),
    (Abs(Z), Z * sign(Z), True),
    (Heaviside(Z), (sign(Z) + 1) / 2, True),        # H(0) = 1/2 = (sign(0) + 1)/2
    (Heaviside(Z, 0), (sign(Z) + 1) / 2, False),    # differs at 0 only
    (Max(Z, 2 * Z), Piecewise((2 * Z, Z > 0), (Z, True)), True),
    (Piecewise((Z, Z > 0), (0, True)), Max(0, Z) + Heaviside(Z - 1) / 10**30, False),
])
def test_proof_by_intervals(a, b, proved):
    from derive.engine.verify import zero_on_every_interval

    assert zero_on_every_interval(a - b, Z) is proved


def test_a_cancellation_the_quick_evaluation_cannot_see_through_goes_to_sympy():
    # e^{100z}(1 + e^{-100z}) - e^{100z} is 1; at 40 digits both products round to e^{100z}
    big = exp(100 * Z)
    cancelled = Mul(big, 1 + exp(-100 * Z), evaluate=False) - big
    assert compare(cancelled, Integer(1), Z).equal
    assert compare(cancelled, Integer(0), Z).verdict == "wrong"
    agree, wrong = verify.sample(cancelled, Integer(0), Z, verify.POINTS)
    assert (agree, [w[0] for w in wrong]) == _sympy_only(cancelled, Integer(0), Z, verify.POINTS)


@pytest.mark.parametrize("a, b", [
    (sqrt(1 + Z**2), (1 + Z**2) ** Rational(1, 2)),
    (sqrt(1 + Z**2), (1 + Z**2) ** Rational(1, 2) + Rational(1, 10**17)),
    (Abs(Z) ** Float("2.5", 40), Abs(Z) ** Rational(5, 2)),
    (exp(Z) ** Z, exp(Z**2)),
    (exp(Z) ** Z, exp(Z**2) * (1 + Z / 10**12)),
    (Heaviside(Z) * log(1 + exp(Z)), Piecewise((log(1 + exp(Z)), Z > 0), (0, True))),
])
def test_quick_evaluation_of_powers_agrees_with_sympy(a, b):
    agree, wrong = verify.sample(a, b, Z, verify.POINTS)
    assert (agree, [w[0] for w in wrong]) == _sympy_only(a, b, Z, verify.POINTS)


@pytest.mark.parametrize("difference, decided", [
    (Max(0, Z) - Piecewise((Z, Z > 0), (0, True)), True),
    (Z - Abs(Z), False),                           # wrong for z < 0: a counterexample
    (sqrt(2) * sqrt(3) - sqrt(6), True),
    (sqrt(2) - Rational(141421356237, 10**11), False),  # a nonzero number, however small
    (Symbol("alpha") * Z - Z, None),               # another symbol: not decided here
])
def test_decides_zero(difference, decided):
    assert verify.decides_zero(difference, Z) is decided


def test_a_time_limit_swallowed_once_still_ends_the_block():
    """A TimeoutError raised where Python ignores it (a gc callback, a __del__) is raised
    again shortly after: the bounded block does not run on unbounded."""
    import time

    from derive.engine.verify import time_limit

    swallowed, start = 0, time.monotonic()
    with pytest.raises(TimeoutError):
        with time_limit(0.1):
            while time.monotonic() - start < 5:
                try:
                    while time.monotonic() - start < 5:
                        pass
                except TimeoutError:
                    swallowed += 1  # the first one, as a gc callback would lose it
                    if swallowed > 1:
                        raise
    assert swallowed == 2 and time.monotonic() - start < 1


def test_quick_values_keep_their_precision_while_another_thread_sets_its_own():
    """mpmath's precision is one setting per process: each block that sets it holds a
    lock, so an evaluation in one thread never runs at another's digits."""
    import threading

    import mpmath
    from sympy import Float, Symbol, exp

    from derive.engine.verify import digits, quick_value

    z = Symbol("z")
    expr = exp(z) / (1 + exp(z)) - Float(1, 40) / 3
    at = {z: Float("0.3", 40)}
    with mpmath.workdps(50):
        truth = mpmath.mpf(1) / (1 + mpmath.exp(-mpmath.mpf("0.3"))) - mpmath.mpf(1) / 3
    stop = threading.Event()

    def other():
        while not stop.is_set():
            with digits(8):
                mpmath.exp(1)

    threads = [threading.Thread(target=other) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        worst = 0.0
        for _ in range(300):
            value, error = quick_value(expr, at)
            with mpmath.workdps(50):
                gap = float(abs(value - truth))
            worst = max(worst, gap)
            assert gap <= error + 1e-35
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert worst < 1e-35


# a line off by a number below the sample's tolerance (1e-18 relative) is still wrong

def test_a_nonzero_constant_however_small_is_a_counterexample():
    from sympy import Rational, exp

    from derive.engine.verify import compare, constant_gap

    z = Symbol("z", real=True)
    sig = 1 / (1 + exp(-z))
    for gap in (Rational(1, 10**40), -Rational(1, 10**25), Rational(3, 10**19)):
        result = compare(sig + gap, sig, z)
        assert result.verdict == "wrong", gap
        at, left, right = result.counterexample
        # the values carry digits enough to show the gap: left - right is the gap itself
        assert abs((left - right) - gap) < abs(gap) / 1000, (gap, left - right)
    assert constant_gap(sig, sig, z) is None  # zero
    assert constant_gap(sig + z, sig, z) is None  # not a number: the samples decide
    k = Symbol("k", positive=True)
    assert compare(k * sig + Rational(1, 10**40), k * sig, z).verdict == "wrong"


def test_a_hand_line_off_by_ten_to_the_minus_forty_is_wrong(tmp_path):
    from click.testing import CliRunner

    from derive.cli import cli

    text = "g(z) = 1/(1+e^-z)\n= 1/(1+e^-z) + 10^-40\n"
    result = CliRunner().invoke(cli, ["check", "-", "--format", "json"], input=text)
    assert result.exit_code == 1, result.output
    assert '"verdict": "wrong"' in result.stdout
    result = CliRunner().invoke(cli, ["check", "-"], input=text)
    assert "1e-40 more than" in " ".join(result.stdout.split())


def test_a_steps_bound_is_cpu_time_so_a_busy_machine_changes_no_output():
    """Waiting (another process has the core) costs a step none of its bound; working does.
    The output depends on what each step finds within its bound, so it is the same on a
    quiet machine and a busy one (two sessions saw a form in g and a proof differ under load)."""
    import time

    from derive.engine.budget import Budget
    from derive.engine.verify import time_limit

    with time_limit(0.2):
        time.sleep(0.4)  # no CPU used: not a timeout
    start = time.process_time()
    with pytest.raises(TimeoutError):
        with time_limit(0.2):
            while time.process_time() - start < 5:
                pass
    assert time.process_time() - start < 1
    budget = Budget(0.3)
    time.sleep(0.4)
    assert budget.left > 0.25 and budget.run(lambda: "done") == "done"
