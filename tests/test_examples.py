"""The committed examples are what the current code generates."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from derive.cli import cli

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
@pytest.mark.parametrize("fmt, suffix", [("latex", "tex"), ("json", "json"), ("text", "txt")])
def test_example_is_current(name, fmt, suffix):
    result = CliRunner().invoke(cli, [name, "--format", fmt], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert result.stdout == (EXAMPLES / f"{name}.{suffix}").read_text(encoding="utf-8")
