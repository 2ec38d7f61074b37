"""``derive list`` builds its table from light summaries (g' and its forms, no chain):
the table must be the one built from full derivations, byte for byte, and every form in
it must be g'(z) (checked here against SymPy's own derivative at random points)."""

from __future__ import annotations

import io
import random

import mpmath
import pytest
from rich.console import Console
from sympy import diff, lambdify

from derive import derive
from derive.catalog import CATALOG
from derive.engine.functions import G
from derive.parallel import SLOWEST, summarise_each, summary
from derive.render.catalog import CatalogTable
from derive.render.slopes import slope_summary, slope_texts

NAMES = [e.name for e in CATALOG]


@pytest.fixture(scope="module")
def light():
    return summarise_each(NAMES, jobs=2)


@pytest.fixture(scope="module")
def full():
    return [derive(name) for name in NAMES]


def _table(slopes, *, width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, highlight=False, legacy_windows=False,
                      emoji=False, force_terminal=False)
    console.print(CatalogTable(list(zip(CATALOG, slopes))))
    return out.getvalue()


def test_the_table_is_the_one_built_from_full_derivations(full):
    """derive list's way (each entry's text written in the worker that summarised it, only
    the text sent back) against full derivations written here, in one process."""
    kept = summarise_each(NAMES, jobs=2, kept=slope_texts)
    for width in (80, 160):
        assert _table(kept, width=width) == _table([slope_texts(d) for d in full], width=width)


def test_what_is_kept_is_what_the_summaries_say_in_every_mode(light):
    names = ["softmax", "relu", "tanh", "selu"]  # softmax: summarised in a worker too
    wanted = [slope_texts(light[NAMES.index(n)]) for n in names]
    for jobs in (1, 2):
        assert summarise_each(names, jobs=jobs, kept=slope_texts) == wanted
    assert all(t.unicode and t.ascii.isascii() for t in wanted)


@pytest.mark.parametrize("unicode", [True, False])
def test_every_row_says_what_the_full_derivation_says(light, full, unicode):
    for name, a, b in zip(NAMES, light, full):
        assert slope_summary(a, unicode=unicode) == slope_summary(b, unicode=unicode), name


def test_summaries_come_back_in_the_order_asked_whatever_order_they_ran_in():
    names = list(reversed(NAMES[:6]))
    assert [d.name for d in summarise_each(names, jobs=2)] == names
    assert set(SLOWEST) <= set(NAMES)  # a renamed entry would silently lose its early start


def _value(f, x):
    with mpmath.workdps(30):
        return f(mpmath.mpf(x))


def test_every_form_in_g_is_the_derivative(light):
    rng = random.Random(14)
    checked = 0
    for name, d in zip(NAMES, light):
        F = d.in_terms_of_g
        if d.branches or F is None or d.definition.free_symbols - {d.var}:
            continue
        truth = lambdify(d.var, diff(d.definition, d.var), modules="mpmath")
        shown = lambdify(d.var, F.subs(G, d.definition), modules="mpmath")
        for _ in range(6):
            x = rng.uniform(0.1, 3.0) * rng.choice((-1, 1))
            a, b = _value(truth, x), _value(shown, x)
            assert abs(a - b) <= mpmath.mpf("1e-15") * (1 + abs(a)), (name, x, a, b)
        checked += 1
    assert checked >= 12


def test_a_summary_of_a_piecewise_entry_has_its_pieces_and_conditions():
    d = summary("relu")
    assert len(d.branches) == 2 and d.in_terms_of_g_cases
    assert d.lines == ()  # no chain was written
