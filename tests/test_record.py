"""``@record`` behaves as ``@dataclass(frozen=True)`` does, compared side by side."""

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from derive.record import Record, record


@record
class Point(Record):
    x: int
    y: int = 0
    note: str = field(default="", compare=False)


@record
class Labelled(Point):
    label: str = "p"


@dataclass(frozen=True)
class FrozenPoint:
    x: int
    y: int = 0
    note: str = field(default="", compare=False)


PAIRS = [((1, 2), (1, 2)), ((1, 2), (2, 1)), ((1, 2, "a"), (1, 2, "b")), ((3,), (3, 0))]


@pytest.mark.parametrize("a, b", PAIRS)
def test_equality_and_hash_as_a_frozen_dataclass(a, b):
    assert (Point(*a) == Point(*b)) == (FrozenPoint(*a) == FrozenPoint(*b))
    assert (hash(Point(*a)) == hash(Point(*b))) == (hash(FrozenPoint(*a)) == hash(FrozenPoint(*b)))


def test_only_the_same_class_is_equal():
    assert Point(1, 2) != Labelled(1, 2)
    assert Labelled(1, 2, label="q") != Labelled(1, 2)
    assert Point(1, 2) != (1, 2)


def test_fields_cannot_be_set_again_or_deleted():
    p = Point(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 5
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.y
    assert (p.x, p.y) == (1, 2)


def test_replace_fields_pickle_and_repr():
    p = Labelled(1, 2, note="n", label="a")
    q = dataclasses.replace(p, y=7)
    assert (q.x, q.y, q.note, q.label) == (1, 7, "n", "a") and p.y == 2
    assert [f.name for f in dataclasses.fields(p)] == ["x", "y", "note", "label"]
    assert pickle.loads(pickle.dumps(p)) == p
    assert repr(p) == "Labelled(x=1, y=2, note='n', label='a')"
    assert {Point(1, 2), Point(1, 2), Point(2, 1)} == {Point(1, 2), Point(2, 1)}
