"""``@record``: derive's immutable data classes, made cheaply at start-up.

A dataclass compiles every method it writes, and a frozen one writes six (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``): 0.3-0.5 ms a
class, about 15 ms of every command's start for the fifty or so a command loads.  A
``record`` is a dataclass that writes only its ``__init__``; the other five come from
``Record``, written once for all of them, with a frozen dataclass's behaviour: fields
compare and hash as a tuple (objects of the same class only), the repr shows them, and
a field set by ``__init__`` cannot be set again or deleted
(``dataclasses.FrozenInstanceError``).  ``dataclasses.replace``, ``fields`` and pickling
work as for any dataclass.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, fields

#: the decorator of a Record subclass
record = dataclass(eq=False, repr=False)


class Record:
    """The base of every ``@record`` class: equality, hash, repr and immutability."""

    __slots__ = ()

    def __setattr__(self, name: str, value) -> None:
        if name in self.__dict__:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)  # __init__ setting a field for the first time

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _values(self) -> tuple:
        return tuple(getattr(self, f.name) for f in fields(self) if f.compare)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{self.__class__.__qualname__}({shown})"
