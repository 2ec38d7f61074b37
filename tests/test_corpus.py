"""derive check on a corpus of derivations written the way notes, blog posts, textbooks,
slides and student work write them (tests/data/derivations/).

The truth of every line is in tests/data/derivations/truth.json, established without derive:
make_truth.py transcribes each step by hand into SymPy and evaluates it at random points of
both signs (30 digits) against sympy.diff of the definition (run it with --verify).

- a correct derivation: valid, every step read (no unreadable line, no prose taken for a
  step, none missed), exit 0;
- one planted mistake: the first wrong line is the planted one, diagnosed with its kind, exit 1;
- a mistake and then a line that is right again (back on track): exactly the planted lines
  are wrong, the later line is not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from derive.cli import cli

CORPUS = Path(__file__).parent / "data" / "derivations"
TRUTH: dict[str, dict] = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
CORRECT = sorted(name for name, t in TRUTH.items() if t["valid"])
MISTAKES = sorted(name for name, t in TRUTH.items() if not t["valid"])
BACK_ON_TRACK = sorted(name for name, t in TRUTH.items() if "wrong" in t)


def check(name: str) -> tuple[int, dict]:
    result = CliRunner().invoke(cli, ["check", str(CORPUS / name), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code != 3, f"internal error on {name}: {result.stderr}"
    try:
        data = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"{name}: no JSON (exit {result.exit_code}): {result.stdout[:200]!r} {result.stderr[:300]!r}")
    return result.exit_code, data


def unreadable(data: dict) -> list[str]:
    return [f"line {line['index']}: {line['message']}" for line in data["lines"] if line["verdict"] == "unreadable"]


def test_the_corpus_is_what_the_issue_asks_for():
    kinds = [TRUTH[name]["kind"] for name in MISTAKES]
    assert len(TRUTH) >= 70 and len(CORRECT) >= 45 and len(MISTAKES) >= 25 and len(BACK_ON_TRACK) >= 3
    for kind in ("sign", "chain_factor", "exponent", "quotient_rule", "product_rule", "elementary_derivative",
                 "algebra", "constant"):
        assert kinds.count(kind) >= 2, kind
    on_disk = {p.name for p in CORPUS.iterdir() if p.suffix in (".tex", ".md", ".txt") and p.name != "README.md"}
    assert on_disk == set(TRUTH)


def test_the_truth_is_established_and_current():
    """make_truth.py --verify: every step of every file, transcribed by hand, evaluated against
    sympy.diff of the definition; truth.json is what it writes."""
    out = subprocess.run([sys.executable, str(CORPUS / "make_truth.py"), "--verify"], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("name", CORRECT)
def test_a_correct_derivation_is_read_and_valid(name):
    code, data = check(name)
    assert data["problem"] is None, data["problem"]
    assert unreadable(data) == []
    assert [line["index"] for line in data["lines"]] == list(range(1, TRUTH[name]["steps"] + 1)), \
        [(line["index"], line["text"]) for line in data["lines"]]
    wrong = [(line["index"], line["message"]) for line in data["lines"] if line["verdict"] == "wrong"]
    assert wrong == [] and data["valid"] is True and data["first_error"] is None
    assert code == 0


@pytest.mark.parametrize("name", MISTAKES)
def test_a_planted_mistake_is_found_at_its_line_with_its_kind(name):
    truth = TRUTH[name]
    code, data = check(name)
    assert data["problem"] is None, data["problem"]
    assert unreadable(data) == []
    assert [line["index"] for line in data["lines"]] == list(range(1, truth["steps"] + 1))
    assert data["valid"] is False
    assert data["first_error"] == truth["first_wrong"], [(line["index"], line["verdict"]) for line in data["lines"]]
    line = data["lines"][truth["first_wrong"] - 1]
    assert line["verdict"] == "wrong"
    assert line["kind"] == truth["kind"], line["message"]
    assert code == 1


@pytest.mark.parametrize("name", BACK_ON_TRACK)
def test_a_line_right_again_after_a_mistake_is_not_wrong(name):
    code, data = check(name)
    assert unreadable(data) == []
    wrong = [line["index"] for line in data["lines"] if line["verdict"] == "wrong"]
    assert wrong == TRUTH[name]["wrong"], [(line["index"], line["verdict"], line["message"]) for line in data["lines"]]
    assert code == 1
