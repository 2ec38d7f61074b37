"""The truth of every step of every derivation in this directory, established without derive.

Each file has a hand transcription below: for every step (every right-hand side of an `=`,
the definition line included, in the order they appear) a snippet of the file's text that
starts that step, the order of the derivative it claims to be (0: the function itself, 1: g',
2: g''), and the step as a SymPy expression in z built by hand (the file's own variable, x or t,
is z here).  Nothing here reads the files with derive, or with any parser: the snippets are only
searched for, in order, so that the transcription cannot drift from the file.

The truth of a step: its value equals the true derivative of that order of the definition
(sympy.diff of the transcribed definition), at random points of both signs, evaluated with
30 significant digits.  A correct step therefore also equals the correct step before it.

    python tests/data/derivations/make_truth.py            writes truth.json
    python tests/data/derivations/make_truth.py --verify   checks the transcriptions, the
                                                            planted mistakes and truth.json
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sympy import (Abs, Derivative, Expr, Piecewise, Rational, Symbol, atan, atanh, cos, cosh, erf, exp,
                   log, pi, sech, sign, sin, sinh, sqrt, tan, tanh)

HERE = Path(__file__).parent
z = Symbol("z", real=True)
em = exp(-z)                      # e^{-z}
s = 1 / (1 + exp(-z))             # sigma(z), written out
t = tanh(z)
ep, en = exp(z), exp(-z)          # e^{z}, e^{-z}


def sig(u: Expr) -> Expr:
    return 1 / (1 + exp(-u))


def d(expr: Expr) -> Expr:
    """An unevaluated d/dz, as a line writes it before working it out."""
    return Derivative(expr, z)


@dataclass(frozen=True)
class Step:
    order: int        # 0: the function, 1: first derivative, 2: second derivative
    snippet: str      # the text in the file that starts this step
    expr: Expr        # the step, transcribed by hand


def D(snippet, expr):
    return Step(0, snippet, expr)


def P(snippet, expr):
    return Step(1, snippet, expr)


def PP(snippet, expr):
    return Step(2, snippet, expr)


@dataclass
class Case:
    file: str
    steps: list[Step]
    first: int | None = None          # the first wrong step (1-based), None: every step right
    kind: str | None = None           # the kind of the planted mistake
    back: bool = False                # a later line is right again (back on track)
    intended: Expr | None = None      # what the wrong step should have read
    factor: Expr | None = None        # chain_factor: the missing inner factor (wrong * factor = right)
    points: tuple[float, float] = (0.2, 2.6)   # |z| range of the sample points (both signs)
    wrong: list[int] = field(default_factory=list)


KINDS = {"sign", "chain_factor", "exponent", "quotient_rule", "product_rule", "elementary_derivative",
         "algebra", "constant"}

# ---------------------------------------------------------------------------------------------
# The transcriptions.  Imported from cases.py so that this file stays the method.
# ---------------------------------------------------------------------------------------------


def sample(case: Case, n: int = 9) -> list[Rational]:
    rng = random.Random(case.file)
    lo, hi = case.points
    out = []
    while len(out) < n:
        p = Rational(round(rng.uniform(lo, hi), 4)).limit_denominator(10000)
        if abs(abs(float(p)) - 1) < 0.08:      # away from the poles of 1/(1 - z^2)
            continue
        out.append(p if len(out) % 2 else -p)
    return out


def value(expr: Expr, p) -> complex:
    v = expr.doit().evalf(30, subs={z: p})
    c = complex(v)
    if c != c or abs(c.imag) > 1e-25:
        raise ValueError(f"{expr} is not a real number at z = {p}: {v}")
    return v


def equal(a: Expr, b: Expr, points) -> bool:
    for p in points:
        x, y = value(a, p), value(b, p)
        if abs(x - y) > 1e-20 * (1 + abs(y)):
            return False
    return True


def differs_everywhere_enough(a: Expr, b: Expr, points) -> bool:
    return any(abs(value(a, p) - value(b, p)) > 1e-6 * (1 + abs(value(b, p))) for p in points)


def verify_case(case: Case, text: str) -> list[int]:
    """The wrong steps of one case, after checking the transcription against the claims."""
    problems = []
    at = 0
    for i, step in enumerate(case.steps, 1):
        found = text.find(step.snippet, at)
        if found < 0:
            problems.append(f"step {i}: snippet {step.snippet!r} not found (in order)")
        else:
            at = found + len(step.snippet)
    assert case.steps[0].order == 0, "the first step is the definition"
    points = sample(case)
    definition = case.steps[0].expr
    truth = {o: definition.diff(z, o) if o else definition for o in (0, 1, 2)}
    right = [equal(st.expr, truth[st.order], points) for st in case.steps]
    wrong = [i for i, ok in enumerate(right, 1) if not ok]
    for i in wrong:
        if not differs_everywhere_enough(case.steps[i - 1].expr, truth[case.steps[i - 1].order], points):
            problems.append(f"step {i}: wrong only by a hair")
    if case.first is None:
        if wrong:
            problems.append(f"meant to be correct, but steps {wrong} are not equal to the truth")
    else:
        if not wrong or wrong[0] != case.first:
            problems.append(f"the first wrong step is {wrong[:1]}, the case says {case.first}")
        if case.kind not in KINDS:
            problems.append(f"unknown kind {case.kind}")
        k = case.first - 1
        W = case.steps[k].expr
        C = truth[case.steps[k].order]
        if k and case.steps[k - 1].order == case.steps[k].order and not right[k - 1]:
            problems.append("the step before the planted one is not right")
        if case.intended is not None and not equal(case.intended, C, points):
            problems.append("the intended step is not right either")
        if case.kind == "sign" and not equal(-W, C, points):
            problems.append("sign: the wrong step is not the negative of the right one")
        if case.kind == "chain_factor":
            if case.factor is None or not equal(W * case.factor, C, points):
                problems.append("chain_factor: wrong * factor is not the right step")
        if case.kind == "constant":
            # where the line is wrong (for a piecewise g: on the wrong piece only)
            off = [p for p in points if abs(value(W, p) - value(C, p)) > 1e-20]
            ratio = [value(W, p) / value(C, p) for p in off]
            diff = [value(W, p) - value(C, p) for p in off]
            if len(off) < 3 or not (max(ratio) - min(ratio) < 1e-20 or max(diff) - min(diff) < 1e-20):
                problems.append("constant: neither the ratio nor the difference is constant")
        if case.back:
            if wrong != case.wrong:
                problems.append(f"back on track: wrong steps {wrong}, the case says {case.wrong}")
            for i in wrong:
                nxt = case.steps[i] if i < len(case.steps) else None
                if nxt is None or nxt.order != case.steps[i - 1].order:
                    problems.append(f"back on track: step {i} is not followed by a step of its order")
                elif equal(nxt.expr, case.steps[i - 1].expr, points):
                    problems.append(f"back on track: step {i + 1} follows from the wrong step {i}")
        else:
            # one planted mistake: every later step carries it forward (follows from the line
            # before it but is not the truth), so no later line is back on track
            for i in range(case.first + 1, len(case.steps) + 1):
                if right[i - 1]:
                    problems.append(f"step {i} is right again: mark the case back on track")
                prev, cur = case.steps[i - 2], case.steps[i - 1]
                if prev.order == cur.order and not equal(cur.expr, prev.expr, points):
                    problems.append(f"step {i} does not follow from step {i - 1}")
    if problems:
        raise AssertionError(f"{case.file}: " + "; ".join(problems))
    return wrong


def truth_entry(case: Case, wrong: list[int]) -> dict:
    entry = {"valid": case.first is None, "steps": len(case.steps)}
    if case.first is not None:
        entry.update(first_wrong=case.first, kind=case.kind)
    if case.back:
        entry["wrong"] = wrong
    return entry


def main(argv: list[str]) -> int:
    from cases import CASES
    files = sorted(p.name for p in HERE.iterdir() if p.suffix in (".tex", ".md", ".txt") and p.name != "README.md")
    names = [c.file for c in CASES]
    assert len(set(names)) == len(names), "a file is transcribed twice"
    missing = sorted(set(files) - set(names))
    extra = sorted(set(names) - set(files))
    assert not missing, f"files without a transcription: {missing}"
    assert not extra, f"transcriptions without a file: {extra}"
    truth = {}
    failures = []
    for case in CASES:
        try:
            wrong = verify_case(case, (HERE / case.file).read_text(encoding="utf-8"))
        except AssertionError as e:
            failures.append(str(e))
            continue
        truth[case.file] = truth_entry(case, wrong)
    if failures:
        print("\n".join(failures))
        return 1
    truth = dict(sorted(truth.items()))
    text = json.dumps(truth, indent=1, ensure_ascii=False) + "\n"
    path = HERE / "truth.json"
    if "--verify" in argv:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print("truth.json is out of date: run make_truth.py without --verify")
            return 1
    else:
        path.write_text(text, encoding="utf-8")
    valid = sum(1 for e in truth.values() if e["valid"])
    print(f"{len(truth)} files: {valid} correct, {len(truth) - valid} with a planted mistake "
          f"({sum(1 for c in CASES if c.back)} back on track); every step verified")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main(sys.argv[1:]))
