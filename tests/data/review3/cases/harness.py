"""Review 3 harness: my own sympy transcription of every line of every case, its truth
computed numerically (30 digits, points of both signs, two parameter sets) against sympy.diff
of the definition; then `python -m derive check` (this worktree) run on the case file and the
two put side by side.  python tests/data/review3/cases/harness.py [batch-module ...]  (from the repository root)"""
from __future__ import annotations

import importlib
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import sympy as sp

HERE = Path(__file__).parent
z, x, g, a, b, lam, k = sp.symbols("z x g a b lam k", real=True)
POINTS = [-6.3, -4.6, -3.7, -2.2, -1.3, -0.45, -0.07, 0.31, 0.83, 1.6, 2.7, 3.4, 3.8, 4.7, 6.1, 7.3]
PARAMS = [{a: sp.Rational(73, 100), b: sp.Rational(137, 100), lam: sp.Rational(21, 20), k: 2},
          {a: sp.Rational(19, 10), b: sp.Rational(3, 5), lam: sp.Rational(3, 2), k: sp.Rational(1, 3)}]
NS = {"z": z, "x": x, "g": g, "a": a, "b": b, "lam": lam, "k": k, "sigma": lambda u: 1 / (1 + sp.exp(-u)),
      "sech": sp.sech, "exp": sp.exp, "sqrt": sp.sqrt, "pi": sp.pi, "log": sp.log, "tanh": sp.tanh, "cosh": sp.cosh, "cos": sp.cos, "atan": sp.atan, "Min": sp.Min, "Max": sp.Max, "Rational": sp.Rational, "E": sp.E, "sign": sp.sign, "Piecewise": sp.Piecewise, "erf": sp.erf, "Abs": sp.Abs}
COMMENT = {"txt": "# ", "tex": "% ", "md": "<!-- "}


@dataclass
class Case:
    name: str
    ext: str
    G: str                      # the definition, in my sympy syntax
    lines: list                 # raw str (not a step) or (text, expr or None, role) role: g d1 d2 d3 skip
    note: str = ""              # what the mistake is, by my judgment
    kind: str | None = None     # the kind I would name for the first wrong line
    args: list = field(default_factory=list)
    var: str = "z"
    fixed: dict = field(default_factory=dict)   # parameter values fixed by the catalog (--function)


def ev(s: str):
    return eval(s, {"__builtins__": {}}, NS)  # my own trusted strings, never user input


def truth(case: Case) -> list[tuple[int, bool | None]]:
    v = {"z": z, "x": x}[case.var]
    G = ev(case.G)
    out, idx = [], 0
    for item in case.lines:
        if isinstance(item, str):
            continue
        idx += 1
        text, expr, role = item
        if role == "skip" or expr is None:
            out.append((idx, None))
            continue
        order = {"g": 0, "d1": 1, "d2": 2, "d3": 3}[role]
        target = sp.diff(G, v, order)
        e = sp.S(ev(expr)).subs(g, G)
        ok = True
        for ps in PARAMS:
            ps = {**ps, **case.fixed}
            for p in POINTS:
                sub = {**ps, v: sp.Float(p, 40)}
                tv = sp.N(target.subs(sub), 30)
                ev_ = sp.N(e.subs(sub), 30)
                if not (abs(tv - ev_) <= sp.Float("1e-20") * (1 + abs(tv))):
                    ok = False
        out.append((idx, ok))
    return out


def write(case: Case, t) -> Path:
    wrong = [i for i, ok in t if ok is False]
    head = "TRUTH: valid" if not wrong else (
        f"TRUTH: first wrong line is {wrong[0]} (kind {case.kind}); wrong lines {wrong}. {case.note}")
    if case.ext == "md":
        head += " -->"
    body = [item if isinstance(item, str) else item[0] for item in case.lines]
    path = HERE / f"{case.name}.{case.ext}"
    path.write_text(COMMENT[case.ext] + head + "\n" + "\n".join(body) + "\n", encoding="utf-8")
    return path


def run(path: Path, args) -> tuple[int, dict | None, str]:
    r = subprocess.run([sys.executable, "-m", "derive", "check", str(path), "--format", "json", *args],
                       capture_output=True, text=True, timeout=120)
    try:
        return r.returncode, json.loads(r.stdout), r.stderr
    except json.JSONDecodeError:
        return r.returncode, None, r.stderr + r.stdout


def main(mods):
    for m in mods:
        for case in importlib.import_module(m).CASES:
            t = truth(case)
            path = write(case, t)
            code, data, err = run(path, case.args)
            twrong = [i for i, ok in t if ok is False]
            if data is None:
                print(f"{case.name}: truth wrong {twrong}; derive exit {code}: {err.strip()[:300]}")
                continue
            lines = data["lines"]
            dwrong = [l["index"] for l in lines if l["verdict"] == "wrong"]
            unread = [l["index"] for l in lines if l["verdict"] == "unreadable"]
            kinds = {l["index"]: l["kind"] for l in lines if l["verdict"] == "wrong"}
            tag = "OK " if (twrong[:1] == dwrong[:1] and not unread and not data["problem"]) else "!! "
            print(f"{tag}{case.name}: truth wrong {twrong} kind {case.kind}; derive wrong {dwrong} "
                  f"kinds {kinds} unread {unread} problem {data['problem']} exit {code} "
                  f"steps {len(lines)}/{len(t)}")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main(sys.argv[1:])
