"""Properties over random expressions (a fixed-seed run; benchmarks/properties.py runs long).

For each expression derive either refuses with a clear DeriveError, or gives a chain
whose every line equals the line before it and whose derivative and form in g equal
SymPy's derivative, all checked here independently of derive's own verifier.  And the
checker accepts derive's own chains and rejects them with one line perturbed, at that line.
"""

import re

from hypothesis import HealthCheck, given, settings
from sympy import Derivative, diff

from derive import derive
from derive.batch import check_text
from derive.engine.functions import G, g
from derive.errors import DeriveError
from derive.render.latex import aligned

from .helpers import numerically_equal
from .properties import Z, expressions, smooth_expressions

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def holds(expr) -> str:
    """'refused', or 'ok' after every independent check passed (an AssertionError otherwise)."""
    try:
        d = derive(expr)
    except DeriveError:
        return "refused"
    truth = diff(expr, Z)
    assert numerically_equal(d.derivative, truth), (expr, d.derivative)
    pieces = [b.derivation for b in d.branches] or [d]
    for chain in pieces:
        definition = chain.definition
        previous = None
        for line in chain.lines:
            value = line.rhs.xreplace({g(Z): definition}).doit()
            if line.lhs is not None and isinstance(line.lhs, Derivative):
                previous = diff(definition, Z)
            if previous is not None:
                assert numerically_equal(value, previous), (expr, line.rhs)
            previous = value
        if chain.in_terms_of_g is not None:
            assert numerically_equal(chain.in_terms_of_g.subs(G, definition), diff(definition, Z))
        if chain.in_terms_of_g_and_z is not None:
            assert numerically_equal(chain.in_terms_of_g_and_z.subs(G, definition), diff(definition, Z))
    return "ok"


@SETTINGS
@given(expressions)
def test_every_line_and_form_holds(expr):
    holds(expr)


def perturbed(block: str, line: int) -> str:
    """The aligned block with line ``line`` (1-based) doubled: 2 (rhs)."""
    rows = block.split(" \\\\\n")
    lhs, rhs = rows[line - 1].split("&=", 1)
    rhs, end, tail = rhs.partition("\n\\end")  # the last row: \end{aligned} stays outside the brackets
    rows[line - 1] = f"{lhs}&= 2 \\left({rhs.strip()}\\right)" + end + tail
    return " \\\\\n".join(rows)


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(smooth_expressions)
def test_checker_accepts_derives_chains_and_finds_a_perturbed_line(expr):
    try:
        d = derive(expr)
    except DeriveError:
        return
    block = aligned(d, facts=False)
    if re.search(r"\\begin\{cases\}", block):
        return
    chain, problem = check_text(block)
    assert problem is None and chain.valid, (expr, block, [l.verdict for l in chain.lines] if chain else problem)
    for line in range(2, len(d.lines) + 1):
        chain, problem = check_text(perturbed(block, line))
        assert problem is None and chain.first_error == line, (expr, line)
