"""derive check: the reference chains hold; every broken variant is caught at the line
that was broken, with the kind of mistake it is.

Each expected verdict below comes from working the line out by hand (the comment says
how), not from running the checker.
"""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from derive.batch import check_text
from derive.cli import cli

DATA = Path(__file__).parent / "data"
SIGMOID = [r"g(z) &= \sigma(z)", r"&= \frac{1}{1 + e^{-z}}",
           r"g'(z) &= (-1) \frac{1}{(1 + e^{-z})^2} \frac{d}{dz} (1 + e^{-z})",
           r"&= (-1) \frac{1}{(1 + e^{-z})^2} (-e^{-z})",
           r"&= \frac{1}{1 + e^{-z}} \left(\frac{1 + e^{-z} - 1}{1 + e^{-z}} \right)", r"&= g(z)(1 - g(z))"]
TANH = [r"g(z) &= \tanh(z)", r"&= \frac{e^z - e^{-z}}{e^z + e^{-z}}",
        r"g'(z) &= \frac{\left((e^z + e^{-z}) \frac{d}{dz} (e^z - e^{-z}) - (e^z - e^{-z}) \frac{d}{dz} (e^z + e^{-z}) \right)}{(e^z + e^{-z})^2}",
        r"&= \frac{(e^z + e^{-z})^2 - (e^z - e^{-z})^2}{(e^z + e^{-z})^2}",
        r"&= 1 - \frac{(e^z - e^{-z})^2}{(e^z + e^{-z})^2}", r"&= 1 - (g(z))^2"]


def latex(rows):
    return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}\n"


def changed(rows, line, new):
    out = list(rows)
    out[line - 1] = new
    return out


def verdicts(text, **options):
    chain, problem = check_text(text, **options)
    assert problem is None, problem
    return chain


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_reference_chains_hold(name):
    chain = verdicts((DATA / f"module-4.9-{name}.tex").read_text())
    assert chain.valid and [line.step.index for line in chain.lines] == [1, 2, 3, 4, 5, 6]
    assert [line.verdict for line in chain.lines] == ["definition"] + ["proved"] * 5


BROKEN = [
    # line 5 negated as a whole: ratio -1 and no derivative evaluated there
    ("sigmoid", 5, r"&= -\frac{1}{1 + e^{-z}} \left(\frac{1 + e^{-z} - 1}{1 + e^{-z}} \right)", "sign"),
    # d/dz (1 + e^{-z}) written e^{-z}: the inner derivative -1 of e^{-z} is missing
    ("sigmoid", 4, r"&= (-1) \frac{1}{(1 + e^{-z})^2} (e^{-z})", "chain_factor"),
    # the reciprocal rule without d/dz (1 + e^{-z}) at all
    ("sigmoid", 3, r"g'(z) &= (-1) \frac{1}{(1 + e^{-z})^2}", "chain_factor"),
    # the power of 1 + e^{-z} not lowered: -1/v instead of -1/v^2
    ("sigmoid", 3, r"g'(z) &= (-1) \frac{1}{1 + e^{-z}} \frac{d}{dz} (1 + e^{-z})", "exponent"),
    # sigma' = sigma^2
    ("sigmoid", 3, r"g'(z) &= \sigma(z)^2", "elementary_derivative"),
    # add-and-subtract done as + 1: not equal to line 4, and no rule explains it
    ("sigmoid", 5, r"&= \frac{1}{1 + e^{-z}} \left(\frac{1 + e^{-z} + 1}{1 + e^{-z}} \right)", "algebra"),
    # + 1 at the end: the difference is the constant 1
    ("sigmoid", 6, r"&= g(z)(1 - g(z)) + 1", "constant"),
    # the definition contradicts itself: 1/(1 + e^{z}) is sigma(-z), not sigma(z)
    ("sigmoid", 2, r"&= \frac{1}{1 + e^{z}}", "unknown"),
    # quotient rule with the numerator's terms swapped: the negative, from the rule
    ("tanh", 3, r"g'(z) &= \frac{(e^z - e^{-z}) \frac{d}{dz} (e^z + e^{-z}) - (e^z + e^{-z}) \frac{d}{dz} (e^z - e^{-z})}{(e^z + e^{-z})^2}", "quotient_rule"),
    # quotient rule with v instead of v^2 below
    ("tanh", 3, r"g'(z) &= \frac{(e^z + e^{-z}) \frac{d}{dz} (e^z - e^{-z}) - (e^z - e^{-z}) \frac{d}{dz} (e^z + e^{-z})}{e^z + e^{-z}}", "quotient_rule"),
    # tanh' = sech
    ("tanh", 3, r"g'(z) &= \operatorname{sech}(z)", "elementary_derivative"),
    # 1 - g instead of 1 - g^2: the squares of line 5 dropped
    ("tanh", 6, r"&= 1 - g(z)", "exponent"),
    # + for -: not a constant, not a sign of the whole line, but of one term (the one change that
    # makes it right; review3 r92 and r101 name this slip `sign` too)
    ("tanh", 5, r"&= 1 + \frac{(e^z - e^{-z})^2}{(e^z + e^{-z})^2}", "sign"),
    ("tanh", 6, r"&= 2 - (g(z))^2", "constant"),
    ("tanh", 6, r"&= (g(z))^2 - 1", "sign"),
]


@pytest.mark.parametrize("name, line, new, kind", BROKEN)
def test_broken_line_found_with_its_kind(name, line, new, kind):
    rows = {"sigmoid": SIGMOID, "tanh": TANH}[name]
    chain = verdicts(latex(changed(rows, line, new)))
    assert not chain.valid and chain.first_error == line
    wrong = chain.lines[line - 1]
    assert wrong.verdict == "wrong" and wrong.diagnosis.kind == kind
    assert all(other.ok for other in chain.lines[: line - 1])


def test_square_of_a_sum_is_named():
    # (1 + e^{-z})^2 taken as 1 + e^{-2z} right after line 4
    rows = SIGMOID[:4] + [r"&= \frac{e^{-z}}{1 + e^{-2z}}"] + SIGMOID[4:]
    wrong = verdicts(latex(rows)).lines[4]
    assert wrong.diagnosis.kind == "algebra" and "a^2 + 2ab + b^2" in wrong.diagnosis.message


def test_product_rule_mistake():
    # (z sigma)' written z' sigma' = sigma (1 - sigma)
    chain = verdicts(latex([r"g(z) &= z \sigma(z)", r"g'(z) &= \sigma(z)(1 - \sigma(z))"]))
    assert chain.first_error == 2 and chain.lines[1].diagnosis.kind == "product_rule"


@pytest.mark.parametrize("text", [
    # swish by the product rule, ending in g and sigma: not derive's own route
    "g(z) = z sigma(z)\ng'(z) = sigma(z) + z sigma(z)(1 - sigma(z))\n= g(z) + sigma(z)(1 - g(z))\n",
    # tanh through the sigmoid: tanh' = 4 sigma'(2z) (true identity, other route)
    "g(z) = tanh(z)\ng'(z) = 1 - tanh(z)^2 = 4 sigma(2z)(1 - sigma(2z))\n",
    # the sigmoid via e^z/(1 + e^z), several steps on one line
    "g(z) = e^z/(1+e^z) = 1/(1+e^-z)\ng'(z) = e^-z/(1+e^-z)^2 = g(z)(1 - g(z))\n",
    # \tanh^2, as notes write it
    "\\[ g(z) = \\tanh(z) \\]\n\\[ g'(z) = 1 - \\tanh^2(z) \\]\n",
])
def test_other_routes_hold(text):
    assert verdicts(text).valid


def test_function_option_when_the_text_does_not_define_g():
    text = "g'(z) = g(z)(1 - g(z))\n= g(z) - g(z)^2\n"
    assert verdicts(text, function="sigmoid").valid
    chain, problem = check_text(text)
    assert chain is None and "does not define g" in problem


def test_unreadable_line_has_its_column():
    # the stray ')' is the 17th character of "= g(z)(1 - g(z)))"
    chain = verdicts("g(z) = 1/(1+e^-z)\ng'(z) = e^-z/(1+e^-z)^2\n= g(z)(1 - g(z)))\n")
    bad = chain.lines[2]
    assert bad.verdict == "unreadable" and bad.column == 17


def run(*args, stdin=None):
    return CliRunner().invoke(cli, list(args), input=stdin)


def test_cli_exit_codes_and_json(tmp_path):
    good = tmp_path / "good.tex"
    good.write_text((DATA / "module-4.9-sigmoid.tex").read_text())
    bad = tmp_path / "bad.txt"
    bad.write_text("g(z) = 1/(1+e^-z)\ng'(z) = e^-z/(1+e^-z)\n")
    assert run("check", str(good)).exit_code == 0
    result = run("check", str(bad), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False and data["first_error"] == 2
    line = data["lines"][1]
    assert line["verdict"] == "wrong" and line["kind"] == "exponent" and line["counterexample"]["at"]
    assert run("check", "-", stdin="g(z) = tanh(z)\ng'(z) = 1 - g(z)^2\n").exit_code == 0
    missing = run("check", str(tmp_path / "nope.tex"))
    assert missing.exit_code == 2 and missing.stderr.startswith("derive: error:")


def test_many_files_summary_csv_and_json(tmp_path):
    files = []
    for name, text in [("a.txt", "g(z) = tanh(z)\ng'(z) = 1 - g(z)^2\n"),
                       ("b.txt", "g(z) = tanh(z)\ng'(z) = 1 + g(z)^2\n"),
                       ("c.tex", "\\input{/etc/passwd}"),
                       ("d.txt", "\x00\x01binary")]:
        (tmp_path / name).write_text(text)
        files.append(str(tmp_path / name))
    csv_out = run("check", *files, "--summary", "csv", "--jobs", "2")
    assert csv_out.exit_code == 2  # an unreadable file
    rows = list(csv.reader(io.StringIO(csv_out.stdout)))
    assert rows[0][:2] == ["file", "status"]
    assert rows[1][1] == "valid" and rows[1][6] == ""
    assert rows[2][1] == "wrong" and rows[2][6] == "2"
    assert rows[3][1] == "unreadable" and rows[4][1] == "unreadable"
    data = json.loads(run("check", *files[:2], "--format", "json").stdout)
    assert [d["file"] for d in data] == files[:2] and [d["valid"] for d in data] == [True, False]
    assert run("check", *files[:2]).exit_code == 1


def test_every_printed_chain_reads_back_as_a_valid_derivation():
    """What derive prints is what it verified: its LaTeX, read back by the checker's own
    reader, holds line by line (a printer that dropped a bracket would fail here)."""
    from derive import derive
    from derive.catalog import CATALOG
    from derive.render.latex import aligned

    chains = [derive(e.name) for e in CATALOG if not e.multivariate]
    chains += [derive("sigmoid", order=2), derive("tanh", order=3), derive("softplus", order=2), derive("exp(z) + 1"),
               derive("1/(1+exp(-2z))"), derive("(1 - exp(-z))/(2 + exp(-z))")]
    checked = 0
    for d in chains:
        for chain in [d] + [b.derivation for b in d.branches]:
            block = aligned(chain, facts=False)
            if "cases" in block:
                continue
            result, problem = check_text(block, function=d.name if d.order > 1 else None)
            assert problem is None and result.valid, (d.name, block, [l.verdict for l in result.lines])
            checked += 1
    assert checked >= 40


def test_an_unreadable_line_is_not_a_wall():
    # line 3 cannot be read (a stray ')'); line 4, g - g^2, equals line 2's e^-z/(1+e^-z)^2:
    # it is compared with line 2, the last line read, and holds
    chain = verdicts("g(z) = 1/(1+e^-z)\ng'(z) = e^-z/(1+e^-z)^2\n= g(z)(1 - g(z)))\n= g(z) - g(z)^2\n")
    assert [line.verdict for line in chain.lines] == ["definition", "proved", "unreadable", "proved"]
    assert chain.lines[3].follows == 2 and "could not be read" in chain.lines[3].reason


def test_after_an_unreadable_derivative_line_the_next_is_checked_against_the_true_derivative():
    # line 2 (g'(z) = ...) cannot be read; line 3 is sigma' = g(1 - g), right: never called wrong,
    # though it is not equal to line 1; line 4 is g(1 + g), wrong
    chain = verdicts("g(z) = 1/(1+e^-z)\ng'(z) = e^-z/(1+e^-z)^2)\n= g(z)(1 - g(z))\n= g(z)(1 + g(z))\n")
    assert [line.verdict for line in chain.lines] == ["definition", "unreadable", "proved", "wrong"]
    assert chain.first_error == 4 and chain.right == 1 and len(chain.graded) == 3


def test_no_internal_error_at_a_kink():
    # ReLU: g' = 1 is right for z > 0 only; before, a ZeroDivisionError (exit 3)
    result = run("check", "-", stdin="g(z) = max(0, z)\ng'(z) = 1\n")
    assert result.exit_code == 1 and "wrong for z ≤ 0" in result.stdout
