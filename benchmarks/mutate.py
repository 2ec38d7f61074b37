"""Hand mutations: would the tests notice a weaker derive?

    python benchmarks/mutate.py [--only NAME ...] [--timeout 600] [--list]

Each mutation is a small edit (file, old text, new text) that makes derive wrong or
weaker in one way: a tolerance loosened, a bracket dropped, a check removed, a cache key
shortened.  Each is applied to a temporary COPY of the tree (the checkout is never
touched), the tests that bear on it are run there (stopping at the first failure), and
the mutation is *killed* if a test fails (or the run exceeds its timeout) and *survives*
if every test passes.  Prints one line per mutation and the surviving share; exits 1 if
any survived.

The tests run are independent of derive's own output: the examples (regenerated from
derive's run), the compile and determinism tests are not used.  ``check/`` and
``parse/`` mutations are at the end: those files were being rewritten when this list was
written; re-run them after a merge (a mutation whose old text is no longer found is
reported ``stale``, not counted).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: the independent tests for the mathematics and its printing (fast first)
ENGINE = ["tests/test_mutants.py", "tests/test_verify.py", "tests/test_rules.py", "tests/test_render.py",
          "tests/test_general_method.py", "tests/test_reference.py", "tests/test_catalog.py",
          "tests/test_check.py", "tests/test_cli.py", "tests/test_parse.py", "tests/test_documents.py",
          "tests/test_properties.py"]
#: the tests for files, the cache, processes and limits
LIMITS = ["tests/test_mutants.py", "tests/test_cache.py", "tests/test_limits.py", "tests/test_cli.py"]


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str
    edits: tuple[tuple[str | tuple[str, ...], str], ...]  # (old, new): old found exactly once
    tests: list[str] = field(default_factory=lambda: ENGINE)


def m(name: str, path: str, old: str | tuple[str, ...], new: str, tests: list[str] | None = None) -> Mutation:
    return Mutation(name, path, ((old, new),), tests or ENGINE)


MUTATIONS = [
    # engine/verify.py: what "equal" means
    m("verify: tolerance 1e-8", "derive/engine/verify.py", 'TOLERANCE = Float("1e-18")', 'TOLERANCE = Float("1e-8")'),
    m("verify: 4 sample points", "derive/engine/verify.py", "POINTS = sample_points(12, seed=4_9)",
      "POINTS = sample_points(4, seed=4_9)"),
    m("verify: positive points only", "derive/engine/verify.py", "* (1 if len(points) % 2 == 0 else -1)", "* 1"),
    m("verify: 2 bad points for a counterexample", "derive/engine/verify.py",
      'if wrong:\n        return Comparison("wrong"', 'if len(wrong) > 1:\n        return Comparison("wrong"'),
    m("verify: 1 point is evidence", "derive/engine/verify.py", "if agree < 3:", "if agree < 1:"),
    m("verify: t-rational proof without cancel", "derive/engine/verify.py",
      "if rational is not None and cancel(rational) == 0:", "if rational is not None:"),
    # engine/chain.py: the checks before printing
    m("chain: step-tree check removed", "derive/engine/chain.py",
      "if not numeric_compare(result, expected, var).equal:", "if False:"),
    m("chain: line check removed", "derive/engine/chain.py",
      "if not check.equal:\n                raise EngineFault", "if False:\n                raise EngineFault"),
    # engine/in_g.py: the form in g
    m("in_g: log with beta != 1", "derive/engine/in_g.py", "expand(F.subs(E, exp(G / c)))", "expand(F.subs(E, exp(G)))"),
    m("in_g: asinh not inverted", "derive/engine/in_g.py", "inverses = {atan: tan, asinh: sinh}",
      "inverses = {atan: tan}"),
    m("in_g: sign of the eliminated form", "derive/engine/in_g.py", "return cancel(-rest / slope)",
      "return cancel(rest / slope)"),
    # engine/piecewise.py, branches.py: kinks and cases
    m("branches: upper boundary never owned", "derive/engine/branches.py",
      "conditions.append(var <= p.high if high_closed else var < p.high)", "conditions.append(var < p.high)"),
    m("branches: lower boundary never owned", "derive/engine/branches.py",
      "conditions.append(var >= p.low if low_closed else var > p.low)", "conditions.append(var > p.low)"),
    m("piecewise: framework side swapped", "derive/engine/piecewise.py",
      'framework = slopes[0] if sides[i] == "left" else slopes[1]',
      'framework = slopes[1] if sides[i] == "left" else slopes[0]'),
    m("piecewise: continuity on the left only", "derive/engine/piecewise.py",
      "return _all_zero(self.left - self.value, self.right - self.value)",
      "return _all_zero(self.left - self.value)"),
    m("piecewise: slopes never compared", "derive/engine/piecewise.py",
      "slopes = _all_zero(self.left_slope - self.right_slope)", "slopes = True"),
    # render/latex.py: a printed line must read as what it is
    m("latex: subtracted sum without brackets", "derive/render/latex.py",
      'if layout.unwrap(magnitude).is_Add:\n                body = rf"\\left({body}\\right)"',
      'if False:\n                body = rf"\\left({body}\\right)"'),
    m("latex: negated sum without brackets", "derive/render/latex.py", "if p.negated_sum:", "if False:"),
    m("latex: grouped numerator without brackets", "derive/render/latex.py", "if p.numerator_is_grouped:",
      "if False:"),
    m("latex: 1/x^n printed 1/x", "derive/render/latex.py",
      "positive = base if exponent == -1 else Pow(base, -exponent, evaluate=False)", "positive = base"),
    m("latex: power base without brackets", "derive/render/latex.py", "if layout.base_needs_brackets(base):",
      "if False:"),
    m("latex: d/dz operand without brackets", "derive/render/latex.py",
      "if not single:\n                body", "if False:\n                body"),
    m("latex: minus of a decimal dropped", "derive/render/latex.py",
      'return f"- {text[1:]}" if text.startswith("-") else text', 'return text[1:] if text.startswith("-") else text'),
    m("latex: g'' printed g'", "derive/render/latex.py", "primes = \"'\" * order if order <= 3",
      "primes = \"'\" if order <= 3"),
    m("latex: factors without brackets", "derive/render/latex.py",
      "if len(factors) > 1 and layout.factor_needs_brackets(factor, first=i == 0):", "if False:"),
    m("latex: <= printed <", "derive/render/latex.py", '"<=": r"\\leq"', '"<=": "<"'),
    m("latex: sqrt dropped", "derive/render/latex.py", 'return rf"\\sqrt{{{self._print(base)}}}"',
      'return self._print(base)'),
    m("latex: 2 3 without a product sign", "derive/render/latex.py",
      ('tex += r" \\cdot " if tex[-1].isdigit() and body[0].isdigit() else " "',
       'tex += r" \\cdot " if numbers or (tex[-1].isdigit() and body[0].isdigit()) else " "'), 'tex += " "'),
    m("latex: a d/dz factor before others unbracketed", "derive/render/latex.py",
      "if layout.derivative_needs_brackets(factor, last=i == len(factors) - 1):", "if False:"),
    m("latex: % not escaped", "derive/render/latex.py", '"%": r"\\%"', '"%": "%"'),
    # cache.py: the key and the trust
    m("cache: key without the code", "derive/cache.py", '"code": _code(), ', "", LIMITS),
    m("cache: key without the encoding", "derive/cache.py",
      '"encoding": [getattr(sys.stdout, "encoding", None), *(os.environ.get(n) for n in ENCODING_ENV)]',
      '"encoding": None', LIMITS),
    m("cache: key without the terminal size", "derive/cache.py", '"size": [size.columns, size.lines],', "", LIMITS),
    m("cache: checksum not checked", "derive/cache.py",
      'if header.startswith(MAGIC) and header[len(MAGIC):].decode("ascii", "replace") == hashlib.sha256(payload)'
      '.hexdigest():', "if header.startswith(MAGIC):", LIMITS),
    m("cache: any file type read", "derive/cache.py", "if not stat.S_ISREG(info.st_mode) or info.st_uid",
      "if info.st_uid", LIMITS),
    m("cache: symlinks followed", "derive/cache.py", '| getattr(os, "O_NOFOLLOW", 0) ', "", LIMITS),
    m("cache: any folder trusted", "derive/cache.py",
      "if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():",
      "if not stat.S_ISDIR(os.stat(folder).st_mode):", LIMITS),
    Mutation("cache: folder not private", "derive/cache.py",
             (("folder.mkdir(mode=0o700)", "folder.mkdir(mode=0o755)"),
              ("if stat.S_IMODE(info.st_mode) & 0o077:", "if False:")), LIMITS),
    m("cli: cache key without the order", "derive/cli.py", '"order": order, ', "", LIMITS),
    # output.py: files
    m("output: new files 0600", "derive/output.py", "return 0o666 & ~_umask()", "return 0o600", LIMITS),
    m("output: mode not kept on --force", "derive/output.py", "    if force:\n        try:\n            info",
      "    if False:\n        try:\n            info", LIMITS),
    m("output: publish by replace", "derive/output.py", "os.link(path, output)  # FileExistsError",
      "os.replace(path, output)  # FileExistsError", LIMITS),
    m("output: a dangling symlink is no file", "derive/output.py",
      "if output is not None and not force and os.path.lexists(output):",
      "if output is not None and not force and os.path.exists(output):", LIMITS),
    # limits.py, batch.py: processes and input
    m("limits: SIGTERM not handled", "derive/limits.py", "previous_term = signal.signal(signal.SIGTERM, _terminated)",
      "previous_term = signal.getsignal(signal.SIGTERM)", LIMITS),
    m("limits: no memory ceiling", "derive/limits.py", "MEMORY_BYTES = 2 * 1024**3", "MEMORY_BYTES = 1024**5", LIMITS),
    m("limits: deadline only inside the derivation", "derive/cli.py",
      'start_command(seconds, f"on derive {ctx.info_name}")', "pass", LIMITS),
    m("batch: a dead worker breaks the batch", "derive/batch.py",
      'finish(i, {"file": paths[i], **check_data(None, WORKER_DIED)})', 'raise RuntimeError("worker died")', LIMITS),
    m("batch: input unbounded", "derive/batch.py", "INPUT_LIMIT = 1_000_000", "INPUT_LIMIT = 10**12", LIMITS),
    m("batch: byte-order mark kept", "derive/batch.py", 'return text.removeprefix("\\ufeff"), None',
      "return text, None", LIMITS),
    m("batch: FIFOs read", "derive/batch.py",
      "if not stat.S_ISREG(info.st_mode):\n            raise _Refused", "if False:\n            raise _Refused", LIMITS),
    m("batch: interrupted batch exits 0", "derive/batch.py",
      "            return code\n", "            return 0\n", LIMITS),
    # check/, parse/: being rewritten by other helpers when written; re-run after merging
    m("check: 3 bad points for a counterexample", "derive/check/equality.py", "if len(wrong) >= 2:",
      "if len(wrong) >= 3:"),
]


def apply(mutation: Mutation, tree: Path) -> bool:
    """The edits made; False (stale) if an old text is not found exactly once.  An old text
    may be a tuple of alternatives (the same code as written before and after a change)."""
    path = tree / mutation.path
    text = path.read_text(encoding="utf-8")
    for old, new in mutation.edits:
        choices = old if isinstance(old, tuple) else (old,)
        found = [o for o in choices if text.count(o) == 1]
        if not found:
            return False
        text = text.replace(found[0], new)
    path.write_text(text, encoding="utf-8")
    return True


def copy_tree(target: Path) -> None:
    ignore = shutil.ignore_patterns(".git", "__pycache__", ".pytest_cache", "*.pyc", ".hypothesis", "build", "*.egg-info")
    shutil.copytree(ROOT, target, ignore=ignore, dirs_exist_ok=True)


def run(mutation: Mutation, timeout: float) -> tuple[str, float, str]:
    """('killed' | 'survived' | 'stale', seconds, the first failing test)."""
    with tempfile.TemporaryDirectory(prefix="derive-mutant-") as folder:
        tree = Path(folder)
        copy_tree(tree)
        if not apply(mutation, tree):
            return "stale", 0.0, ""
        tests = [t for t in mutation.tests if (tree / t).exists()]
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DERIVE_NO_CACHE")}
        env["XDG_CACHE_HOME"] = str(tree / ".cache")
        start = time.monotonic()
        try:
            done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                                   "-p", "no:randomly", *tests], cwd=tree, env=env, capture_output=True,
                                  text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "killed", time.monotonic() - start, "(timeout)"
        seconds = time.monotonic() - start
        lines = done.stdout.splitlines()
        failed = next((line.split(" ")[1] for line in lines if line.startswith(("FAILED ", "ERROR "))),
                      lines[-1] if lines else done.stderr.strip()[-120:])
        return ("killed" if done.returncode != 0 else "survived"), seconds, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", default=None, help="mutations whose name contains one of these")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds for one mutation's tests")
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    args = parser.parse_args()
    chosen = [mu for mu in MUTATIONS if not args.only or any(word in mu.name for word in args.only)]
    if args.list:
        for mu in chosen:
            print(f"{mu.name:48} {mu.path}")
        return
    counts = {"killed": 0, "survived": 0, "stale": 0}
    survivors = []
    for mu in chosen:
        verdict, seconds, failed = run(mu, args.timeout)
        counts[verdict] += 1
        if verdict == "survived":
            survivors.append(mu.name)
        print(f"{verdict:9} {seconds:6.1f} s  {mu.name:48} {failed}", flush=True)
    counted = counts["killed"] + counts["survived"]
    share = counts["survived"] / counted if counted else 0.0
    print(f"{counted} mutations: {counts['killed']} killed, {counts['survived']} survived ({share:.0%}); "
          f"{counts['stale']} stale")
    for name in survivors:
        print("SURVIVED", name)
    sys.exit(1 if survivors else 0)


if __name__ == "__main__":
    main()
