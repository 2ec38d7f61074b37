"""Review 5 harness (the checker's reader): my own sympy transcription of every step of every
case, its truth computed numerically (30 digits, 18 points of both signs from -7.9 to 8.3, beyond
derive's +-4 on purpose) against sympy.diff of my own transcription of the definition; then
`python -m derive check` (this worktree) run on the case file and the two put side by side.

    python tests/data/review5/cases/harness.py c1 c2 ...   (from the repository root)

A case's lines: a raw str is a line that is no step (prose, \\begin{align*}, a comment); a tuple
(text, expr, role) is one row holding one step, or several where expr is a list (a row
`g(z) = tanh(z) = ...` is two steps).  role: g d1 d2 d3 (the step's true value is that derivative
of the definition) or skip (no truth: a value at a point, a side fact).  Expressions are my own
trusted strings, evaluated with sympy names only (never derive's reader, never user input)."""
from __future__ import annotations

import importlib
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import sympy as sp

HERE = Path(__file__).parent
z, x, t, g, b = sp.symbols("z x t g b", real=True)
POINTS = [-7.9, -6.3, -4.6, -3.7, -2.2, -1.3, -0.45, -0.07, 0.31, 0.83, 1.6, 2.7, 3.4, 3.8, 4.7, 6.1, 7.3, 8.3]
PARAMS = [{b: sp.Rational(137, 100)}, {b: sp.Rational(3, 5)}]
SIG = lambda u: 1 / (1 + sp.exp(-u))  # noqa: E731
NS = {"z": z, "x": x, "t": t, "g": g, "b": b, "sigma": SIG, "sech": sp.sech, "exp": sp.exp,
      "sqrt": sp.sqrt, "pi": sp.pi, "log": sp.log, "tanh": sp.tanh, "cosh": sp.cosh, "sinh": sp.sinh,
      "erf": sp.erf, "Abs": sp.Abs, "Piecewise": sp.Piecewise, "diff": sp.diff, "Rational": sp.Rational,
      "E": sp.E, "atan": sp.atan}
COMMENT = {"txt": "# ", "tex": "% ", "md": "<!-- "}


@dataclass
class Case:
    name: str
    ext: str
    G: str                      # the definition, in my sympy syntax
    lines: list                 # str (no step) or (text, expr | [expr, ...] | None, role)
    note: str = ""              # the mistake, by my judgment; or what the case probes
    kind: str | None = None     # the kind I would name for the first wrong step
    args: list = field(default_factory=list)
    var: str = "z"
    raw: bool = False           # write the text as bytes as given (CRLF, BOM): no TRUTH line rewrite


def ev(s: str):
    return eval(s, {"__builtins__": {}}, NS)  # my own trusted strings, never user input


def steps(case: Case):
    for item in case.lines:
        if isinstance(item, str):
            continue
        text, expr, role = item
        for e in (expr if isinstance(expr, list) else [expr]):
            yield (e if isinstance(e, tuple) else (e, role))


def truth(case: Case) -> list[tuple[int, bool | None]]:
    v = {"z": z, "x": x, "t": t}[case.var]
    G = ev(case.G)
    out = []
    for idx, (expr, role) in enumerate(steps(case), 1):
        if role == "skip" or expr is None:
            out.append((idx, None))
            continue
        target = sp.diff(G, v, {"g": 0, "d1": 1, "d2": 2, "d3": 3}[role])
        e = sp.S(ev(expr)).subs(g, G)
        ok = True
        for ps in PARAMS:
            for p in POINTS:
                sub = {**ps, v: sp.Float(p, 40)}
                tv, ev_ = sp.N(target.subs(sub), 30), sp.N(e.subs(sub), 30)
                if not (abs(tv - ev_) <= sp.Float("1e-20") * (1 + abs(tv))):
                    ok = False
        out.append((idx, ok))
    return out


def write(case: Case, t) -> Path:
    wrong = [i for i, ok in t if ok is False]
    head = "TRUTH: valid" if not wrong else (
        f"TRUTH: first wrong step is {wrong[0]} (kind {case.kind}); wrong steps {wrong}.")
    if case.note:
        head += " " + case.note
    if case.ext == "md":
        head += " -->"
    body = [item if isinstance(item, str) else item[0] for item in case.lines]
    path = HERE / f"{case.name}.{case.ext}"
    text = COMMENT[case.ext] + head + "\n" + "\n".join(body) + "\n"
    if case.raw:
        text = "\ufeff" + text.replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    return path


def run(path: Path, args) -> tuple[int, dict | None, str]:
    r = subprocess.run([sys.executable, "-m", "derive", "check", str(path), "--format", "json", *args],
                       capture_output=True, text=True, timeout=120)
    try:
        return r.returncode, json.loads(r.stdout), r.stderr
    except json.JSONDecodeError:
        return r.returncode, None, r.stderr + r.stdout


def compare(case: Case) -> tuple[bool, str]:
    t = truth(case)
    path = write(case, t)
    code, data, err = run(path, case.args)
    twrong = [i for i, ok in t if ok is False]
    if data is None:
        return False, f"{case.name}: truth wrong {twrong}; derive exit {code}: {err.strip()[:300]}"
    lines = data["lines"]
    dwrong = [l["index"] for l in lines if l["verdict"] == "wrong"]
    unread = [l["index"] for l in lines if l["verdict"] == "unreadable"]
    kinds = {l["index"]: l["kind"] for l in lines if l["verdict"] == "wrong"}
    good = (twrong[:1] == dwrong[:1] and set(dwrong) <= set(twrong) and not unread
            and not data["problem"] and len(lines) == len(t))
    return good, (f"{'OK ' if good else '!! '}{case.name}: truth wrong {twrong} kind {case.kind}; "
                  f"derive wrong {dwrong} kinds {kinds} unread {unread} problem {data['problem']} "
                  f"exit {code} steps {len(lines)}/{len(t)}")


def main(mods):
    for m in mods:
        for case in importlib.import_module(m).CASES:
            print(compare(case)[1], flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main(sys.argv[1:])
