"""The committed examples are what the current code generates (python examples/make.py)."""

import runpy
from pathlib import Path

import pytest

MAKE = runpy.run_path(str(Path(__file__).parent.parent / "examples" / "make.py"))


@pytest.mark.parametrize("name", sorted(MAKE["EXAMPLES"]))
def test_example_is_current(name):
    expected = (MAKE["HERE"] / name).read_text(encoding="utf-8")
    assert MAKE["output"](MAKE["EXAMPLES"][name]) == expected
