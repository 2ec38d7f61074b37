"""What a checking process remembers between lines and between files.

A class's submissions repeat themselves: the same definition, the same true derivative,
the same correct (and the same wrong) lines in file after file, and within one file each
line is compared twice (with the line before it, then as the line before the next).
Every result kept here is a pure function of its key (expressions compare structurally:
``2.0`` is not ``2``, ``z`` real is not ``z``), so a result remembered is the result a
fresh computation gives, and a batch's verdicts do not depend on the order of its files.

Each table is bounded (the least recently used entry goes first), so a worker that
checks ten thousand files holds a few thousand entries, not all of them.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")

#: every table, so that ``forget`` empties them all (tests: fresh against remembered)
_TABLES: list["Memo"] = []


class Memo:
    """A bounded table of results: ``get(key, compute)`` computes once per key."""

    def __init__(self, name: str, size: int) -> None:
        self.name, self.size = name, size
        self._table: OrderedDict = OrderedDict()
        self.hits = self.misses = 0
        _TABLES.append(self)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        table = self._table
        try:
            value = table[key]
        except KeyError:
            self.misses += 1
            value = compute()
            self.put(key, value)
            return value
        self.hits += 1
        self._used(key)
        return value

    def lookup(self, key: Hashable, default=None):
        """The remembered value, or ``default`` (for results stored only when they may be)."""
        table = self._table
        try:
            value = table[key]
        except KeyError:
            self.misses += 1
            return default
        self.hits += 1
        self._used(key)
        return value

    def _used(self, key: Hashable) -> None:
        try:
            self._table.move_to_end(key)
        except KeyError:  # another thread (derive.check called from threads) dropped it meanwhile
            pass

    def put(self, key: Hashable, value) -> None:
        table = self._table
        table[key] = value
        while len(table) > self.size:
            try:
                table.popitem(last=False)
            except KeyError:  # emptied by another thread meanwhile
                break

    def __len__(self) -> int:
        return len(self._table)

    def clear(self) -> None:
        self._table.clear()
        self.hits = self.misses = 0


def forget() -> None:
    """Every table emptied: the next check computes everything afresh."""
    for table in _TABLES:
        table.clear()
