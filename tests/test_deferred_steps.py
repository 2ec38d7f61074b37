"""A piecewise function's whole step tree is worked out only when shown (--steps, JSON):
the same tree, checked as before, and a derivation holding it still pickles and compares."""

import io
import pickle

from rich.console import Console

from derive import derive
from derive.engine.chain import differentiate
from derive.engine.rules import Deferred
from derive.parallel import _rebuilt
from derive.render.json import derivation_data
from derive.render.text import DerivationView


def test_the_chain_is_printed_without_the_tree_and_the_tree_is_the_eager_one():
    d = derive("hard sigmoid")
    assert isinstance(d.steps, Deferred)
    Console(file=io.StringIO(), width=80).print(DerivationView(d))
    assert d.steps._rule is None  # the terminal view never asked for it
    assert d.step_tree == differentiate(d.definition, d.var)
    assert derivation_data(d)["steps"]["expr"] == str(d.definition)


def test_a_deferred_tree_pickles_and_compares_by_what_it_would_build():
    d = derive("relu")
    back = _rebuilt(pickle.dumps(d))  # as derive list's workers send it back
    assert back == d and back.step_tree == d.step_tree
    assert derive("relu6").steps != d.steps


def test_a_smooth_function_keeps_its_tree_built():
    d = derive("sigmoid")
    assert not isinstance(d.steps, Deferred) and d.step_tree is d.steps
