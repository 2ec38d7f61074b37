"""An unknown activation name suggests what the user most likely meant: the closest name
or alias as the catalog spells it ('swishh' -> swish, an alias of silu), one per entry."""

import pytest
from click.testing import CliRunner

from derive import catalog
from derive.cli import cli


@pytest.mark.parametrize("typed, meant", [
    ("swishh", "swish"),  # an alias of silu: 'silu' was not what the user typed at
    ("swsh", "swish"),
    ("sigmoud", "sigmoid"),
    ("gleu", "gelu"),
    ("softplsu", "softplus"),
    ("mishh", "mish"),
    ("lekyrelu", "leaky relu"),
])
def test_the_closest_spelling_is_suggested(typed, meant):
    result = CliRunner().invoke(cli, [typed])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and result.stdout == ""
    assert lines[0].endswith(f"did you mean {meant!r}?"), lines[0]
    # what is suggested is a spelling the catalog knows, and derives
    assert catalog.find(meant) is not None
    assert CliRunner().invoke(cli, [meant, "--format", "json"]).exit_code == 0


def test_one_suggestion_per_entry():
    # 'silu' and its alias 'swish' are the same function: never both
    for typed in ("swishh", "sillu", "swis"):
        entries = [catalog.find(s) for s in catalog.suggestions(typed)]
        assert entries and len(entries) == len(set(map(id, entries))), (typed, entries)


def test_an_entry_name_wins_a_tie_with_its_alias():
    silu = catalog.find("silu")
    assert "swish" in silu.aliases  # the premise
    assert catalog.suggestions("silux") == ["silu"]


def test_nothing_close_suggests_the_list():
    result = CliRunner().invoke(cli, ["qqqqqq"])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("(see 'derive list')")
