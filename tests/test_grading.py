"""Grading many submissions: the score per file, the CSV gradebook, the JSON report, the
summary table (file names wrap, never cut), the totals, and the Python API.

The expected scores come from the derivations' mathematics, worked out by hand in the
comments (which line is wrong, which follow), not from a run of the checker.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

import derive
from derive.cli import cli
from derive.render.check import CSV_COLUMNS, SummaryTable

SUBMISSIONS = {
    # right throughout: tanh' = 1 - tanh^2
    "alice.txt": "g(z) = tanh(z)\ng'(z) = 1 - tanh(z)^2\n= 1 - g(z)^2\n",
    # line 2 uses tanh' = sech (wrong); line 3 is right again: 1 of 2 graded lines
    "bob.txt": "g(z) = tanh(z)\ng'(z) = sech(z)\n= 1 - g(z)^2\n",
    # line 3 drops the reciprocal rule's square: -e^-z... : lines 2 and 4 right, 3 wrong, 4 back on track
    "carol.tex": "\\begin{aligned}\ng(z) &= \\frac{1}{1+e^{-z}} \\\\\n"
                 "g'(z) &= \\frac{e^{-z}}{(1+e^{-z})^2} \\\\\n"
                 "&= \\frac{e^{-z}}{1+e^{-z}} \\\\\n"
                 "&= g(z)(1 - g(z))\n\\end{aligned}\n",
    # no '=' at all: not a derivation
    "dave.txt": "I did not do the homework\n",
}


@pytest.fixture()
def folder(tmp_path):
    for name, text in SUBMISSIONS.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": "100"})


def paths(folder):
    return [str(folder / name) for name in SUBMISSIONS]


def test_csv_gradebook_columns(folder):
    result = run("check", *paths(folder), "--summary", "csv", "--jobs", "1")
    assert result.exit_code == 2  # dave's file is not a derivation
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == CSV_COLUMNS
    assert ["score", "first_error", "kind", "message", "corrected"] == [c for c in CSV_COLUMNS if c in
                                                                       ("score", "first_error", "kind", "message",
                                                                        "corrected")]
    alice, bob, carol, dave = rows
    assert (alice["status"], alice["score"], alice["right"], alice["lines"], alice["errors"]) == \
        ("valid", "1.000", "2", "2", "0")
    assert (bob["status"], bob["score"], bob["first_error"], bob["errors"]) == ("wrong", "0.500", "2", "1")
    assert bob["kind"] == "elementary_derivative" and "sech" in bob["message"]
    assert bob["corrected"].replace(" ", "") == "1-tanh(z)^2"  # plain text in, plain text out
    assert (carol["score"], carol["first_error"], carol["kind"]) == ("0.667", "3", "exponent")
    assert carol["corrected"].startswith("\\frac")  # LaTeX in, LaTeX out
    assert dave["status"] == "unreadable" and dave["problem"] and dave["score"] == ""


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_output_file_extension_picks_the_format(folder, suffix):
    report = folder / f"report{suffix}"
    result = run("check", *paths(folder)[:3], "-o", str(report), "--jobs", "1")
    assert result.exit_code == 1 and result.stdout == ""
    text = report.read_text()
    if suffix == ".csv":
        assert text.splitlines()[0] == ",".join(CSV_COLUMNS) and len(text.splitlines()) == 4
    else:
        data = json.loads(text)
        assert [d["score"] for d in data] == [{"right": 2, "lines": 2}, {"right": 1, "lines": 2},
                                             {"right": 2, "lines": 3}]
        assert [d["errors"] for d in data] == [0, 1, 1]
        assert [line["verdict"] for line in data[2]["lines"]][2:] == ["wrong", "back on track"]


def test_one_file_to_csv(folder):
    report = folder / "bob.csv"
    assert run("check", str(folder / "bob.txt"), "-o", str(report)).exit_code == 1
    rows = list(csv.DictReader(io.StringIO(report.read_text())))
    assert len(rows) == 1 and rows[0]["first_error"] == "2"


def test_summary_table_wraps_long_file_names_and_totals():
    long = "submissions/section-B/a-rather-long-student-name-2026-final-version-3.tex"
    results = [
        {"file": long, "valid": True, "score": {"right": 4, "lines": 4}, "first_error": None, "errors": 0,
         "unreadable": 0, "problem": None, "lines": []},
        {"file": "b.tex", "valid": False, "score": {"right": 3, "lines": 5}, "first_error": 3, "errors": 2,
         "unreadable": 0, "problem": None,
         "lines": [{"verdict": "wrong", "kind": "product_rule"}, {"verdict": "wrong", "kind": "sign"}]},
        {"file": "c.tex", "valid": False, "score": {"right": 0, "lines": 0}, "first_error": None, "errors": 0,
         "unreadable": 0, "problem": "not UTF-8 text", "lines": []},
    ]
    console = Console(width=60, color_system=None, record=True, file=io.StringIO())
    console.print(SummaryTable(results))
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    assert lines == [
        "",
        "                                                kind /",
        " file         status      score  errors  first  problem",
        " ──────────────────────────────────────────────────────────",
        " submissions  valid         4/4       0",
        " /section-B/",
        " a-rather-lo",
        " ng-student-",
        " name-2026-f",
        " inal-versio",
        " n-3.tex",
        " b.tex        wrong         3/5       2      3  product",
        "                                                rule",
        " c.tex        unreadable                        not UTF-8",
        "                                                text",
        "",
        "3 files: 1 valid, 1 with mistakes, 1 unreadable; 7/9 lines",
        "right (78%)",
    ]
    # the name, read down its column, is whole: wrapped, never cut
    assert "".join(line[1:12] for line in lines[4:11]).replace(" ", "") == long


def test_python_api_returns_the_json_data(folder):
    path = folder / "bob.txt"
    from_text = derive.check(SUBMISSIONS["bob.txt"])
    from_path = derive.check(path)
    from_name = derive.check(str(path))
    cli_data = json.loads(run("check", str(path), "--format", "json").stdout)
    assert from_path == from_name == cli_data
    assert from_text["file"] is None and {k: v for k, v in from_text.items() if k != "file"} == \
        {k: v for k, v in cli_data.items() if k != "file"}
    assert from_text["score"] == {"right": 1, "lines": 2} and from_text["first_error"] == 2


def test_python_api_options_and_bad_input():
    # no definition in the text: the function is named (sigmoid' = g(1 - g) is right)
    assert derive.check("g'(z) = g(z)(1 - g(z))\n", function="sigmoid")["valid"] is True
    assert derive.check("g'(z) = g(z)(1 - g(z))\n")["problem"]
    assert "cannot read" in derive.check(Path("no/such/file.tex"))["problem"]
    # a variable named by the caller where the text uses it
    assert derive.check("g(x) = tanh(x)\ng'(x) = 1 - g(x)^2\n", var="x")["valid"] is True


def test_file_names_are_shown_as_they_are_never_as_emoji(tmp_path):
    """rich would turn ':smile:' in a plain string into 😄: the command's consoles do not."""
    from click.testing import CliRunner

    from derive.cli import cli

    first, second = tmp_path / "a:smile:.txt", tmp_path / "b.txt"
    for path in (first, second):
        path.write_text("g(z) = tanh(z)\ng'(z) = 1 - g(z)^2\n")
    result = CliRunner().invoke(cli, ["check", str(first), str(second)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "a:smile:.txt" in result.output and "😄" not in result.output
