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


@pytest.mark.parametrize("formula, truth", [
    ("|z|", Abs(z)),
    ("where(z > 0, z, -z)", Piecewise((z, z > 0), (-z, True))),
    ("where(z > 0, 2z, -2z)", Piecewise((2 * z, z > 0), (-2 * z, True))),
])
@pytest.mark.parametrize("order", [2, 3])
def test_pieces_with_shared_values_of_g_and_one_form_are_no_internal_error(formula, truth, order):
    """|z|'' once ended in 'internal error' (exit 3): both pieces' g fill g > 0, and the
    cases' check found two conditions holding.  Every piece's g^(n) is 0, as said."""
    run = subprocess.run([sys.executable, "-m", "derive", formula, "--order", str(order), "--no-cache"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    d = derive(formula, order=order)
    name = "g" + "'" * order
    assert d.in_g_remark == f"{name}(z) = 0 on every piece"
    for p in POINTS:
        assert diff(truth, z, order).subs(z, p) == 0
