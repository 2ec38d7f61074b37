"""What a checking process remembers (``derive.check.memo``) never changes a result.

A remembered comparison, value, diagnosis or derivative must be exactly what a fresh
computation gives: the same data for every file whether the process checked nothing
before, the same files before, or other files in another order; a batch in worker
processes gives what one file at a time gives.  The references here are fresh
computations (every table emptied first) and the engine's own ``verify.sample`` and
``cancel``, never a stored output.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sympy import (Abs, Dummy, Float, Max, Piecewise, Rational, Symbol, cancel, diff, exp, log, sqrt, symbols,
                   tanh)

from derive.check import equality
from derive.batch import check_file, check_many
from derive.check.memo import Memo, forget
from derive.engine.functions import sigmoid, variable
from derive.engine.verify import proves_zero, quick_memory, quick_value, rational_zero, sample

ROOT = Path(__file__).resolve().parent.parent
#: wrong lines of every kind the examples show, right derivations, carried errors, back on track
FILES = sorted(str(p) for p in (ROOT / "examples" / "check").glob("*.t*")) + [
    str(ROOT / "tests" / "data" / "derivations" / name)
    for name in ("back_on_track_chain.tex", "back_on_track_sign.tex", "arctan_via_tan.tex",
                 "back_on_track_product.txt", "bipolar_sigmoid.tex")
]

z = variable()


def fresh(path: str) -> dict:
    forget()
    return check_file(path)


@pytest.fixture(scope="module")
def reference() -> dict[str, dict]:
    """Each file checked by a process that remembers nothing."""
    return {path: fresh(path) for path in FILES}


def test_every_file_is_found():
    assert len(FILES) >= 15 and all(Path(p).is_file() for p in FILES)


@pytest.mark.parametrize("order", ["forward", "reverse", "shuffled"])
def test_remembered_results_equal_fresh_ones_in_any_order(reference, order):
    paths = list(FILES) if order == "forward" else FILES[::-1]
    if order == "shuffled":
        random.Random(14).shuffle(paths)
    forget()
    twice = paths + paths  # the second round is answered from the tables
    for path in twice:
        assert check_file(path) == reference[path], path


def test_a_file_checked_after_itself_is_answered_from_memory(reference):
    forget()
    path = str(ROOT / "examples" / "check" / "sigmoid-chain-factor.tex")
    check_file(path)
    before = equality._COMPARED.hits
    assert check_file(path) == reference[path]
    assert equality._COMPARED.hits > before


def test_batch_equals_one_at_a_time(reference, tmp_path):
    # copies too: the same content under other names, as a class hands in
    paths = list(FILES)
    for i, path in enumerate(FILES[:4]):
        copy = tmp_path / f"copy-{i}{Path(path).suffix}"
        copy.write_text(Path(path).read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(str(copy))
    forget()
    results = check_many(paths, jobs=2)
    assert [r["file"] for r in results] == paths
    for path, result in zip(paths, results):
        expected = reference.get(path) or {**reference[FILES[paths.index(path) - len(FILES)]], "file": path}
        assert result == expected, path


def test_the_command_line_batch_equals_single_checks(tmp_path):
    """Through the command line: --format json of many files (worker processes) against
    each file checked alone in its own process."""
    paths = FILES[:6]
    run = [sys.executable, "-m", "derive", "check", "--format", "json", "-j", "2", *paths]
    together = json.loads(subprocess.run(run, capture_output=True, text=True, cwd=ROOT).stdout)
    for path, data in zip(paths, together):
        alone = subprocess.run([sys.executable, "-m", "derive", "check", "--format", "json", path],
                               capture_output=True, text=True, cwd=ROOT)
        assert json.loads(alone.stdout) == data, path


def test_different_mistakes_after_the_same_line_keep_their_own_diagnoses():
    """Two students, the same line before, different wrong lines: σ' = e^{-z}/(1 + e^{-z})
    (the square of the reciprocal rule dropped) and −e^{-z}/(1 + e^{-z})² (the sign)."""
    from derive.batch import check_text
    from derive.render.check import check_data

    texts = {"exponent": "g(z) = 1/(1 + exp(-z))\ng'(z) = exp(-z)/(1 + exp(-z))\n",
             "sign": "g(z) = 1/(1 + exp(-z))\ng'(z) = -exp(-z)/(1 + exp(-z))^2\n"}

    def data(text):
        return check_data(*check_text(text))

    alone = {}
    for kind, text in texts.items():
        forget()
        alone[kind] = data(text)
        assert alone[kind]["lines"][1]["kind"] == kind
    forget()
    for kind, text in [*texts.items(), *reversed(texts.items())]:
        assert data(text) == alone[kind]


def test_a_line_read_again_is_read_the_same_in_another_text():
    """The same right-hand side in two texts with other names and layouts: read once, and
    each text gets its own step (its number, row, column of an error)."""
    from derive.batch import check_text
    from derive.render.check import check_data

    texts = ["g(z) = tanh(z)\ng'(z) = 1 - tanh(z)^^2\n= 1 - g(z)^2\n",  # line 2 unreadable
             "\n\nf(z) = tanh(z)\nf'(z) = 1 - tanh(z)^^2\n",
             "g(x) = tanh(x)\ng'(x) = 1 - tanh(x)^2\n"]
    forget()
    alone = []
    for text in texts:
        forget()
        alone.append(check_data(*check_text(text)))
    assert alone[0]["lines"][1]["verdict"] == "unreadable" and alone[0]["lines"][1]["column"]
    assert alone[1]["lines"][1]["row"] == 4
    forget()
    for _ in range(2):
        assert [check_data(*check_text(text)) for text in texts] == alone


def test_threads_share_the_tables_and_get_the_fresh_results(reference):
    """derive.check called from threads (a grading script's pool): one set of tables, the
    same data as each file checked alone."""
    from concurrent.futures import ThreadPoolExecutor

    forget()
    paths = FILES * 2
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(check_file, paths))
    for path, result in zip(paths, results):
        assert result == reference[path], path


# --- the sampling: exactly engine.verify.sample at the check's points ------------------

a, k = symbols("a k", positive=True)
PAIRS = [
    (sigmoid(z) * (1 - sigmoid(z)), exp(-z) / (1 + exp(-z)) ** 2),  # equal
    (sigmoid(z) ** 2, exp(-z) / (1 + exp(-z)) ** 2),  # different
    (tanh(z), 2 * sigmoid(2 * z) - 1),  # equal, another form
    (log(z), log(z) + 0),  # undefined for z < 0: half the points skipped
    (sqrt(z ** 2), z),  # equal on the positive points only
    (exp(40 * z) + 1 - exp(40 * z), Float(1)),  # a cancellation the quick evaluation hands to evalf
    (Max(0, z), Piecewise((z, z > 0), (0, True))),  # cases
    (Abs(z), z),
    (a * z + k, k + a * z),  # parameters
    (a * exp(-k * z), a * exp(-k * z) * (1 + Rational(1, 10 ** 20))),  # a relative difference of 1e-20
    (1 / (z - Float("0.630982", 40)), 1 / (z - Float("0.630982", 40))),  # a pole at a sample point
]


@pytest.mark.parametrize("left, right", PAIRS)
def test_sample_is_the_engines_sample_at_the_same_points(left, right):
    forget()
    expected = sample(left, right, z, equality.POINTS)
    assert equality.sample(left, right, z) == expected
    # again, from the tables, and with the sides' other pieces already evaluated
    for other_left, other_right in PAIRS:
        equality.sample(other_left, other_right, z)
    assert equality.sample(left, right, z) == expected
    assert equality.sample(right, left, z) == sample(right, left, z, equality.POINTS)


def test_a_shared_memory_gives_each_expression_its_own_value_and_error():
    expressions = [p for pair in PAIRS for p in pair] + [exp(-z), 1 + exp(-z), (1 + exp(-z)) ** 2]
    for point in equality.POINTS[:6]:
        at = {z: point, a: Float("0.73", 40), k: Float("1.37", 40)}
        memory = quick_memory(at)
        for expr in expressions + expressions[::-1]:
            assert quick_value(expr, at, memory) == quick_value(expr, at), (expr, point)


def test_values_for_the_diagnoses_agree_with_evalf_to_30_digits():
    for expr in (sigmoid(z) ** 2, exp(-z) / (1 + exp(-z)) ** 2, tanh(3 * z) - 1, log(z), sqrt(-z)):
        for point in equality.POINTS[:8]:
            value = equality.value_at(expr, z, point)
            exact = expr.subs(z, point).evalf(50)
            if not exact.is_real:
                assert value is None
            else:
                assert abs(value - exact) <= Float("1e-29") * (1 + abs(exact)), (expr, point)


# --- the proofs: a cheaper test first never proves what the old ones did not ----------

def test_rational_zero_is_cancels_answer():
    t = Dummy("t", positive=True)
    cases = [
        (t ** 2 + 1) / t - t - 1 / t,  # 0
        1 / (1 + t) - t / (t + t ** 2),  # 0 only after the common factor t
        (t - 1) / (t ** 2 - 1) - 1 / (t + 1),  # 0 only after cancelling t - 1
        (t ** 2 - 1) / (t + 1) - t,  # not 0
        exp(2) * t / (1 + t) - exp(2) + exp(2) / (1 + t),  # 0, with a constant
        t / (1 + t) ** 2 - 1 / (1 + t),  # not 0
    ]
    for expr in cases:
        assert rational_zero(expr) == (cancel(expr) == 0), expr


def test_what_the_exponential_pretest_proves_proves_zero_proves():
    x = Symbol("x", real=True)
    equal = [tanh(x) - (exp(x) - exp(-x)) / (exp(x) + exp(-x)),
             1 - tanh(x) ** 2 - (1 - (exp(x) - exp(-x)) ** 2 / (exp(x) + exp(-x)) ** 2),
             # the quotient rule worked out against SymPy's derivative of the quotient
             ((exp(x) + exp(-x)) ** 2 - (exp(x) - exp(-x)) ** 2) / (exp(x) + exp(-x)) ** 2
             - diff((exp(x) - exp(-x)) / (exp(x) + exp(-x)), x)]
    for difference in equal:
        assert equality._cancels_in_exp(difference, x, 2.0)
        assert proves_zero(difference, x)
    assert not equality._cancels_in_exp(tanh(x) - 1, x, 2.0)
    assert not equality._cancels_in_exp(exp(x) / (1 + exp(x)) - 1 / (1 + exp(x)), x, 2.0)
    # cases are left to proves_zero, which works through them piece by piece
    assert not equality._cancels_in_exp(Piecewise((x, x > 0), (0, True)) - Max(0, x), x, 2.0)


def test_a_proof_under_a_closing_deadline_is_not_remembered_as_failed():
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    try:
        signal.setitimer(signal.ITIMER_REAL, 7.0)  # the file's deadline 7 s away: the proofs' bounds (0.5 + 3 + 3 s) and a margin do not fit
        assert not equality._undisturbed(2.0)
        signal.setitimer(signal.ITIMER_REAL, 60.0)
        assert equality._undisturbed(2.0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert equality._undisturbed(2.0)


# --- the tables themselves ------------------------------------------------------------

def test_a_memo_is_bounded_and_forgets_the_least_recently_used():
    memo = Memo("test", 3)
    calls = []
    for key in "abc":
        memo.get(key, lambda key=key: calls.append(key) or key.upper())
    memo.get("a", lambda: calls.append("a again"))  # a is now the most recent
    memo.get("d", lambda: calls.append("d") or "D")  # b goes
    assert len(memo) == 3 and calls == ["a", "b", "c", "d"]
    assert memo.get("b", lambda: calls.append("b again") or "B") == "B" and calls[-1] == "b again"
    assert memo.get("a", lambda: "never") == "A"
    forget()
    assert len(memo) == 0


def test_a_correct_check_loads_neither_the_engines_chain_nor_the_diagnoses():
    code = ("import sys; from derive.batch import check_text; "
            "chain, problem = check_text('g(z) = tanh(z)\\ng\\'(z) = 1 - tanh(z)^2\\n= 1 - g(z)^2\\n'); "
            "assert problem is None and chain.valid; "
            "print(sorted(m for m in ('derive.engine.chain', 'derive.engine.in_g', 'derive.check.diagnose') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_rule_titles_are_the_engines():
    from derive.engine import chain, rules

    assert chain.rule_title is rules.rule_title
