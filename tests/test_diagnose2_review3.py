"""The review3 cases of finding 10 (tests/data/review3/cases): the kind derive names at the
first wrong line is the kind the reviewer named in the case's TRUTH line (set by hand and by
SymPy in cases/b*.py, independently of derive), at the reviewer's first wrong line, with no
other line called wrong. (The corrected lines of these slips are checked against sympy.diff in
tests/test_diagnose2_slips.py, on cases of my own.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from derive.cli import cli

CASES = Path(__file__).parent / "data" / "review3" / "cases"
NAMED = ["r65_tanh_second_in_g_square_wrong.txt", "r143_gelu_second_phi_prime_sign.txt",
         "r72_bent_identity_half_lost.txt", "r84_gaussian_in_g_sqrt_branch.txt", "r90_sigmoid_large_z_form.txt",
         "r92_softplus_second_wrong_one_minus.txt", "r101_sigmoid_16_lines_sign_at_13.txt",
         "r12_gelu_erf_exponent_not_halved.txt"]


@pytest.mark.parametrize("name", NAMED)
def test_the_kind_is_the_reviewers(name):
    path = CASES / name
    truth = re.search(r"first wrong line is (\d+) \(kind (\w+)\); wrong lines \[([\d, ]*)\]",
                      path.read_text(encoding="utf-8").splitlines()[0])
    first, kind, wrong = int(truth.group(1)), truth.group(2), [int(x) for x in truth.group(3).split(",")]
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["first_error"] == first
    assert [line["index"] for line in data["lines"] if line["verdict"] == "wrong"] == wrong
    line = data["lines"][first - 1]
    assert line["kind"] == kind, line["message"]
    assert "not one of the usual mistakes" not in line["message"]
    assert "reciprocal rule" not in line["message"] or kind != "algebra"
