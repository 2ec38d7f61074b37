"""Higher orders on time: a long form in g is not expanded past a page (bent identity's
third derivative took over 20 s of ``expand`` only to be found too long)."""

from __future__ import annotations

import random
import time

import mpmath
from sympy import diff, lambdify

from derive import derive
from derive.engine.functions import G, g
from derive.engine.higher import _forms
from derive.engine.inversion import MAX_OPS


def _agree(a, b, var, *, points: int = 8) -> None:
    rng = random.Random(3)
    fa, fb = lambdify(var, a, modules="mpmath"), lambdify(var, b, modules="mpmath")
    with mpmath.workdps(30):
        for _ in range(points):
            x = mpmath.mpf(rng.uniform(0.1, 3.0) * rng.choice((-1, 1)))
            assert abs(fa(x) - fb(x)) <= mpmath.mpf("1e-15") * (1 + abs(fb(x))), x


def test_bent_identity_third_derivative_on_time_and_right():
    start = time.process_time()
    d = derive("bent identity", order=3)
    assert time.process_time() - start < 10  # was over 20 s
    z = d.var
    truth = diff(d.definition, z, 3)
    _agree(d.derivative, truth, z)
    last = d.lines[-1].rhs
    _agree(last.subs(g(z), d.definition).doit(), truth, z)  # the last line, in g, is g'''


def test_forms_in_g_of_a_polynomial_are_its_derivatives_in_g():
    F = G * (1 - G)  # the sigmoid: g'' = g(1 - g)(1 - 2g)
    forms = _forms(F, 3)
    assert forms is not None and len(forms) == 3
    assert (forms[1] - (F * (1 - 2 * G))).expand() == 0
    assert (forms[2] - (diff(forms[1], G) * F)).expand() == 0


def test_a_form_past_a_page_gives_none():
    long = sum(G ** k / (1 + G ** (k + 1)) for k in range(1, 30))
    assert _forms(long, 2) is None
    assert _forms(G, 12) is not None and all(f.count_ops() <= MAX_OPS for f in _forms(G, 12))


def test_a_fraction_too_wide_for_a_line_is_not_shown_but_a_long_polynomial_is():
    """A polynomial in g breaks at its signs; bent identity's g'' in g, a fraction over a
    sum of 120 characters, cannot be broken, and would run off the page."""
    from derive import derive

    bent = derive("bent identity", order=2)
    assert bent.in_terms_of_g is None and "too long to show" in bent.in_g_remark
    long = derive("tanh", order=12).in_terms_of_g
    assert long is not None and len(str(long)) > 100
