"""Many catalog derivations at once, on every core: ``derive list`` without a cache.

``summarise_each`` computes only what the catalog table shows of each entry (its g' and
forms, ``engine.summary``), the slowest entries first so that no core waits at the end
on one long entry started last.

The entries are independent, so worker processes derive them side by side and send back
what the caller keeps of each (``derive list``: the table's text, ``kept``), or the finished
``Derivation`` objects (they pickle: SymPy expressions and derive's own functions).
Workers are forked where the system allows it, so they start with SymPy and derive
already imported; results come back in the order asked for.  A SymPy
expression unpickles by calling its constructor on its arguments, which would evaluate
(and reorder) a deliberately unevaluated line; unpickled with evaluation off, every tree
is rebuilt node for node (checked in the worker; where it is not, the parent derives
that entry itself), so the output is byte for byte what one process prints
(``tests/test_launch.py``).
"""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from functools import partial
import os
import pickle
from collections.abc import Callable, Sequence

from sympy.core.parameters import evaluate

from . import catalog, collector, limits
from .api import derive
from .definitions import entry_function
from .engine.derivation import Derivation
from .engine.functions import variable
from .engine.softmax import softmax_summary
from .engine.summary import slopes

#: the entries whose summary takes longest (measured, in-process, this order): started first
SLOWEST = ("bent identity", "isrlu", "isru", "softmax", "gelu tanh", "squareplus", "mish", "probit", "tanh",
           "softsign", "generalized logistic", "swish-beta", "gelu", "lecun tanh", "bipolar sigmoid", "arctan")
#: entries summarised by the same worker as the one named before them: a piece of the first is
#: the second's whole definition (ISRLU's z < 0 is ISRU, CELU's with alpha = 1 is ELU's), and a
#: worker works out the forms of one definition once (``engine.summary``)
TOGETHER = {"isrlu": "isru", "elu": "celu"}


def derive_each(names: Sequence[str], *, jobs: int | None = None) -> list[Derivation]:
    """derive(name) for every name, in worker processes when there is more than one core."""
    jobs = min(jobs or os.cpu_count() or 1, len(names))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [derive(name) for name in names]
    context = multiprocessing.get_context("fork")  # no re-import of SymPy in each worker
    with context.Pool(jobs, initializer=_worker_started) as pool:
        pickled = pool.map(_derived, names, chunksize=1)
    return [_rebuilt(data) if data is not None else derive(name) for name, data in zip(names, pickled)]


def summarise_each(names: Sequence[str], *, jobs: int | None = None,
                   meanwhile: Callable[[], object] | None = None,
                   kept: Callable[[Derivation], object] | None = None) -> list:
    """summary(name) for every name (in that order), the slowest started first on every core;
    ``meanwhile`` runs in this process while the workers work (the table's renderer loaded
    then, not before the workers start nor after they end), and each worker's results are
    taken (derivations rebuilt) here as they come.

    ``kept``: what the caller keeps of each summary (``derive list``: the table's text,
    ``render.slopes.slope_texts``), worked out in the worker that derived it, so that only
    that travels back (no derivation pickled, rebuilt and compared: softmax too is derived
    in a worker then); a module-level function, as a worker finds it by its name.  Without
    it, the derivations themselves."""
    jobs = min(jobs or os.cpu_count() or 1, len(names))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        if meanwhile is not None:
            meanwhile()
        derived = [summary(name) for name in names]
        return derived if kept is None else [kept(d) for d in derived]
    # softmax's Sum does not come back node for node (``_derived``): the parent works it out
    # itself, while the workers work out the others, not after them
    here = [] if kept is not None else [i for i, name in enumerate(names) if catalog.lookup(name).multivariate]
    groups = _groups([name for i, name in enumerate(names) if i not in here])
    elsewhere = [i for i in range(len(names)) if i not in here]
    groups = [[elsewhere[k] for k in group] for group in groups]
    out: list = [None] * len(names)
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_worker_started) as pool:
        task = _summarised if kept is None else partial(_kept, kept=kept)
        pending = pool.imap(task, [[names[i] for i in group] for group in groups], chunksize=1)
        for i in here:
            out[i] = summary(names[i])
        if meanwhile is not None:
            meanwhile()
        for group, results in zip(groups, pending):
            for i, data in zip(group, results):
                if kept is not None:
                    out[i] = data
                else:
                    out[i] = _rebuilt(data) if data is not None else summary(names[i])
    return out


def _worker_started() -> None:
    """A worker as it starts: the collector paused (a fork inherits the paused collector
    but not the thread that ends the pause), the signals a worker needs (``limits.as_worker``)."""
    collector.pause()
    limits.as_worker()


def _groups(names: Sequence[str]) -> list[list[int]]:
    """The indices of names as the workers' tasks: the slowest first, each with the entries
    ``TOGETHER`` puts after it."""
    rank = {name: i for i, name in enumerate(SLOWEST)}
    order = sorted(range(len(names)), key=lambda i: (rank.get(names[i], len(rank)), i))
    where = {name: i for i, name in enumerate(names)}
    groups, taken = [], set()
    for i in order:
        if i in taken:
            continue
        group = [i]
        partner = where.get(TOGETHER.get(names[i], ""))
        if partner is not None and partner not in taken:
            group.append(partner)
        taken.update(group)
        groups.append(group)
    return groups


def summary(name: str) -> Derivation:
    """What ``derive list`` shows of a catalog entry, with its default parameters."""
    entry = catalog.lookup(name)
    if entry.multivariate:
        return softmax_summary(variable("z"))  # its Jacobian in s, checked; the table shows no chain
    z = variable("z")
    values, definition, named = entry_function(entry, z, {}, False)
    return replace(slopes(definition, z, name=entry.name, named=named), params=tuple(values.items()),
                   source=entry.source)


def _summarised(names: list[str]) -> list[bytes | None]:
    out = []
    for name in names:
        derivation = summary(name)
        data = pickle.dumps(derivation)
        out.append(data if _rebuilt(data) == derivation else None)
    return out


def _kept(names: list[str], *, kept: Callable[[Derivation], object]) -> list:
    """What the caller keeps of each name's summary (plain data: it pickles as it is)."""
    return [kept(summary(name)) for name in names]


def _rebuilt(data: bytes) -> Derivation:
    with evaluate(False):  # rebuild each tree as it was, not re-simplified: the chain as printed
        return pickle.loads(data)


def _derived(name: str) -> bytes | None:
    """The pickled derivation, or None where it would not come back node for node (a
    SymPy class whose constructor adds to its arguments even unevaluated, such as
    Sum in softmax): the parent then derives that one itself."""
    derivation = derive(name)
    data = pickle.dumps(derivation)
    return data if _rebuilt(data) == derivation else None
