"""Whole-process timings of derive, as ratios to a baseline run side by side (issue 14).

    python benchmarks/bench.py [--runs N] [--catalog-runs N] [--batch N] [--growth] [--orders N]

Every command runs once to warm the file cache, then N times, each run right after a
run of its baseline (``python -c "import sympy"``, or ``python -c pass`` for a cache
hit), so both see the same machine load; the ratio is median over median.  Prints each
target with its ratio and whether it is met, then the figures behind them
(with the ratio of CPU time, user + system, which a busy machine disturbs less): every other
command, every catalog entry, a batch check of many files (copies of six example chains, and
as many different generated ones), the catalog in one process,
and (``--growth``) the time against n for products and compositions of n sigmoids and
for ``--order n``.  Markdown, so that the README's speed table is this output.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PY = sys.executable
ROOT = Path(__file__).resolve().parent.parent
DERIVE = [PY, "-m", "derive"]
IMPORT_SYMPY = [PY, "-c", "import sympy"]
PASS = [PY, "-c", "pass"]
CACHE = tempfile.mkdtemp(prefix="derive-bench-")  # the cached commands fill it in the warm-up
ENV = {**os.environ, "XDG_CACHE_HOME": CACHE}
ENV.pop("DERIVE_NO_CACHE", None)
SIX_LINES = ["examples/check/sigmoid-correct.tex", "examples/check/tanh-correct.tex",
             "examples/check/sigmoid-chain-factor.tex", "examples/check/sigmoid-exponent.tex",
             "examples/check/tanh-quotient-rule.tex", "examples/check/tanh-sech.tex"]


@dataclass
class Timed:
    """A command timed against its baseline, run for run."""

    name: str
    command: list[str]
    baseline: list[str] = field(default_factory=lambda: IMPORT_SYMPY)
    limit: float | None = None  # the target: ratio at most this
    times: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the process
    base_cpu: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return statistics.median(self.times) / statistics.median(self.base)

    @property
    def cpu_ratio(self) -> float:
        return statistics.median(self.cpu) / statistics.median(self.base_cpu)

    def row(self) -> str:
        limit = f"≤ {self.limit:g}" if self.limit is not None else ""
        met = ("met" if self.ratio <= self.limit else "**not met**") if self.limit is not None else ""
        base = "import sympy" if self.baseline is IMPORT_SYMPY else "pass"
        return (f"| {self.name} | {statistics.median(self.times) * 1000:.0f} ms | "
                f"{statistics.median(self.base) * 1000:.0f} ms ({base}) | {self.ratio:.2f} | {self.cpu_ratio:.2f} | "
                f"{limit} | {met} |")


def timed(cmd: list[str], check: bool = True) -> float:
    return timed_cpu(cmd, check)[0]


def timed_cpu(cmd: list[str], check: bool = True) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of cmd."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_all(items: list[Timed], runs: int) -> None:
    for item in items:  # warm-up: file cache, and the cache of outputs for the cached rows
        timed(item.baseline)
        timed(item.command, check=False)
    for _ in range(runs):
        for item in items:
            wall, cpu = timed_cpu(item.baseline)
            item.base.append(wall)
            item.base_cpu.append(cpu)
            wall, cpu = timed_cpu(item.command, check=False)
            item.times.append(wall)
            item.cpu.append(cpu)


HEADER = ("| command | median | baseline, side by side | ratio | CPU-time ratio | target | |\n"
          "|---|---|---|---|---|---|---|")


def targets(runs: int) -> list[Timed]:
    d = DERIVE
    items = [
        Timed("cold `derive sigmoid`", [*d, "sigmoid", "--no-cache"], limit=1.25),
        Timed("cold `derive tanh`", [*d, "tanh", "--no-cache"], limit=1.25),
        Timed("`derive check` of a 6-line chain (sigmoid)", [*d, "check", SIX_LINES[0]], limit=1.3),
        Timed("`derive check` of a 6-line chain (tanh)", [*d, "check", SIX_LINES[1]], limit=1.3),
        Timed("cache hit `derive sigmoid`", [*d, "sigmoid"], baseline=PASS, limit=1.3),
        Timed("cache hit `derive list`", [*d, "list"], baseline=PASS, limit=1.3),
        Timed("cache hit `derive tanh --format latex`", [*d, "tanh", "--format", "latex"], baseline=PASS, limit=1.3),
        Timed("cold `derive list`", [*d, "list", "--no-cache"], limit=3),
    ]
    run_all(items, runs)
    return items


def others(runs: int) -> list[Timed]:
    d = DERIVE
    items = [
        Timed("python -c pass", PASS),
        Timed("derive --version", [*d, "--version"]),
        Timed("derive sigmoid --format latex", [*d, "sigmoid", "--format", "latex", "--no-cache"]),
        Timed("derive sigmoid --format json", [*d, "sigmoid", "--format", "json", "--no-cache"]),
        Timed('derive "1/(1+exp(-2z))"', [*d, "1/(1+exp(-2z))", "--no-cache"]),
        Timed("derive sigmoid --order 2", [*d, "sigmoid", "--order", "2", "--no-cache"]),
        Timed("derive sigmoid --no-notes (cached, through click)", [*d, "sigmoid", "--no-notes"], baseline=PASS),
    ]
    run_all(items, runs)
    return items


def catalog(runs: int) -> list[Timed]:
    sys.path.insert(0, str(ROOT))
    from derive.catalog import CATALOG

    items = [Timed(entry.name, [*DERIVE, entry.name, "--no-cache"], limit=1.5) for entry in CATALOG]
    run_all(items, runs)
    return items


def batch(count: int, jobs: int) -> tuple[bool, str]:
    """`derive check` of `count` six-line files on `jobs` cores, against one file alone."""
    folder = Path(tempfile.mkdtemp(prefix="derive-batch-"))
    try:
        paths = []
        for i in range(count):
            source = ROOT / SIX_LINES[i % len(SIX_LINES)]
            path = folder / f"student-{i:04d}.tex"
            shutil.copyfile(source, path)
            paths.append(str(path))
        one = min(timed([*DERIVE, "check", "--summary", "csv", "-j", "1", paths[0]], check=False) for _ in range(3))
        total, cpu = timed_cpu([*DERIVE, "check", "--summary", "csv", "-j", str(jobs), *paths], check=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    per_file = (total - one) * jobs / max(count - 1, 1)
    ok = total <= 15 * count / 1000
    met = "met" if ok else "**not met**"
    return ok, (f"| batch check, {count} six-line files on {jobs} cores | {total:.1f} s | "
            f"{count / total / jobs:.1f} files per second per core; {per_file * 1000:.0f} ms per file after "
            f"start-up ({one * 1000:.0f} ms for one file alone); CPU {cpu * 1000 / count:.0f} ms per file "
            f"(all processes), so {cpu / jobs * 1000 / count:.1f} s per 1,000 on {jobs} idle cores "
            f"| | | ≤ 15 s for 1,000 | {met} |")


def _student(family: str, k: int, c: int, wrong: bool) -> str:
    """A six-line hand derivation of σ(kz + c) or tanh(kz + c), as a student types it;
    ``wrong``: the chain factor dropped (σ) or 1 + tanh² written (tanh) in one line."""
    u = f"{k}z + {c}" if c >= 0 else f"{k}z - {-c}"
    if family == "sigmoid":
        e = f"e^{{-({u})}}"
        lines = [f"g(z) = 1/(1 + {e})",
                 f"g'(z) = {'' if wrong else f'{k} '}{e}/(1 + {e})^2",
                 f"g'(z) = {k} (1/(1 + {e})) ({e}/(1 + {e}))",
                 f"g'(z) = {k} g(z) (1 - 1/(1 + {e}))",
                 f"g'(z) = {k} g(z)(1 - g(z))",
                 f"g'(z) = {k} g(z) - {k} g(z)^2"]
    else:
        lines = [f"g(z) = tanh({u})",
                 f"g(z) = (e^{{{u}}} - e^{{-({u})}})/(e^{{{u}}} + e^{{-({u})}})",
                 f"g'(z) = {k} (1 {'+' if wrong else '-'} tanh^2({u}))",
                 f"g'(z) = {k} (1 - g(z)^2)",
                 f"g'(z) = {k} - {k} g(z)^2",
                 f"g'(z) = {k} (1 - g(z))(1 + g(z))"]
    return "\n".join(lines) + "\n"


def distinct_batch(count: int, jobs: int) -> tuple[bool, str]:
    """`derive check` of `count` different six-line files (σ(kz + c) and tanh(kz + c), one
    in five with a mistake): no two files alike, so nothing is answered from another's work."""
    folder = Path(tempfile.mkdtemp(prefix="derive-distinct-"))
    try:
        paths, wrong = [], 0
        for i in range(count):
            family = ("sigmoid", "tanh")[i % 2]
            k, c = 1 + (i // 2) % 25, (i // 50) - 10
            bad = i % 5 == 4
            wrong += bad
            path = folder / f"student-{i:04d}.txt"
            path.write_text(_student(family, k, c, bad))
            paths.append(str(path))
        start = time.perf_counter()
        done = subprocess.run([*DERIVE, "check", "--summary", "csv", "-j", str(jobs), *paths], env=ENV, cwd=ROOT,
                              capture_output=True, text=True)
        total = time.perf_counter() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rows = done.stdout.splitlines()[1:]
    statuses = [row.split(",")[1] for row in rows]
    right = statuses.count("valid") == count - wrong and statuses.count("wrong") == wrong
    ok = right and total <= 15 * count / 1000
    met = "met" if ok else "**not met**"
    return ok, (f"| batch check, {count} different six-line files on {jobs} cores | {total:.1f} s | "
                f"{count / total / jobs:.1f} files per second per core; verdicts "
                f"{'as generated' if right else '**not as generated**'} ({count - wrong} valid, {wrong} wrong) "
                f"| | | ≤ 15 s for 1,000 | {met} |")


def in_process() -> list[str]:
    """Where the time goes once imports are done: the catalog, σ nested."""
    sys.path.insert(0, str(ROOT))
    from derive import derive
    from derive.catalog import CATALOG

    derive("sigmoid")  # imports and SymPy's caches warm
    times = {}
    for entry in CATALOG:
        start = time.perf_counter()
        derive(entry.name)
        times[entry.name] = time.perf_counter() - start
    slowest = sorted(times, key=times.get, reverse=True)[:3]
    out = [f"whole catalog in one process: {sum(times.values()):.2f} s for {len(times)} entries; slowest: "
           + ", ".join(f"{n} {times[n] * 1000:.0f} ms" for n in slowest)]
    nested, text = [], "z"
    for _ in range(6):
        text = f"sigmoid({text})"
        start = time.perf_counter()
        derive(text)
        nested.append(f"{(time.perf_counter() - start) * 1000:.0f}")
    out.append(f"σ nested n = 1…6 times, in process: {', '.join(nested)} ms")
    return out


def growth(timeout: float) -> list[str]:
    """ms against n, each a fresh process with --timeout; 'timed out' past it."""
    families = {
        "product of n scaled sigmoids σ(z)σ(2z)…": lambda n: "*".join(f"sigmoid({k}*z)" for k in range(1, n + 1)),
        "product of n shifted sigmoids σ(z)σ(z+1)…": lambda n: "*".join(f"sigmoid(z+{k})" for k in range(n)),
        "σ nested n times": lambda n: _nested("sigmoid", n),
        "tanh nested n times": lambda n: _nested("tanh", n),
    }
    rows = []
    for name, formula in families.items():
        rows.append(_growth_row(name, [[*DERIVE, formula(n), "--no-cache", "--timeout", f"{timeout:g}"]
                                       for n in range(1, 9)], timeout))
    for entry in ("sigmoid", "tanh"):
        rows.append(_growth_row(f"{entry} --order n (n = 1…12)",
                                [[*DERIVE, entry, "--order", str(n), "--no-cache", "--timeout", f"{timeout:g}"]
                                 for n in range(1, 13)], timeout))
    return rows


def orders(top: int, timeout: float) -> tuple[bool, list[str]]:
    """Every catalog entry at --order top (the documented maximum), a fresh process each
    with the default --timeout: the wall time, or how it failed."""
    sys.path.insert(0, str(ROOT))
    from derive.catalog import CATALOG

    rows, ok = [], True
    for entry in CATALOG:
        if entry.multivariate:
            continue  # softmax: --order is refused for a function of many variables
        start = time.perf_counter()
        done = subprocess.run([*DERIVE, entry.name, "--order", str(top), "--no-cache", "--timeout", f"{timeout:g}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, cwd=ROOT,
                              timeout=timeout + 30)
        elapsed = time.perf_counter() - start
        failed = done.returncode != 0
        ok &= not failed
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        rows.append(f"| {entry.name} | {elapsed:.1f} s | {'**' + (said[-1] if said else 'failed') + '**' if failed else 'ok'} |")
    return ok, rows


def _nested(function: str, n: int) -> str:
    text = "z"
    for _ in range(n):
        text = f"{function}({text})"
    return text


def _growth_row(name: str, commands: list[list[str]], timeout: float) -> str:
    ms = []
    for cmd in commands:
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT,
                              timeout=timeout + 30)
        elapsed = time.perf_counter() - start
        ms.append(elapsed * 1000 if done.returncode == 0 else None)
        if done.returncode != 0:
            break  # past the time limit: larger n will not finish either
    shown = ", ".join(f"{m:.0f}" if m is not None else "timed out" for m in ms)
    return f"| {name} | {shown} | {_fit(ms)} |"


def _fit(ms: list[float | None]) -> str:
    """The exponent k of ms ≈ c·n^k and the factor per step, from the finished runs."""
    points = [(n, m) for n, m in enumerate(ms, start=1) if m is not None]
    if len(points) < 3 or None in ms:
        return "did not finish every n" if None in ms else "too few points"
    xs, ys = [math.log(n) for n, _ in points], [math.log(m) for _, m in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    k = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    step = (points[-1][1] / points[-2][1])
    return f"≈ n^{k:.1f}; last step ×{step:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="runs of each target command (and its baseline)")
    parser.add_argument("--catalog-runs", type=int, default=3, help="runs of each catalog entry (0: skip)")
    parser.add_argument("--batch", type=int, default=1000,
                        help="files in each batch check: copies of six example files, and as many different "
                             "generated ones (0: skip)")
    parser.add_argument("--growth", action="store_true", help="also time products, compositions and --order n")
    parser.add_argument("--timeout", type=float, default=20.0, help="--timeout of each growth and --orders run")
    parser.add_argument("--orders", type=int, default=0, metavar="N",
                        help="also every catalog entry at --order N (the documented maximum is 12)")
    args = parser.parse_args()
    # derive's modules compiled, as an installed package has them: where .pyc files are not
    # written (PYTHONDONTWRITEBYTECODE) every command would compile derive's sources anew
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "derive")], check=True, env={
        k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores; load average {load:.1f} at the start\n")

    print("### Targets\n\n" + HEADER)
    met = []
    for item in targets(args.runs):
        print(item.row())
        met.append(item.ratio <= item.limit)
    if args.catalog_runs:
        entries = catalog(args.catalog_runs)
        worst = max(entries, key=lambda e: e.ratio)
        over = [e for e in entries if e.ratio > 1.5]
        met.append(not over)
        print(f"| every catalog entry, cold (worst: {worst.name}) | {statistics.median(worst.times) * 1000:.0f} ms "
              f"| {statistics.median(worst.base) * 1000:.0f} ms (import sympy) | {worst.ratio:.2f} | {worst.cpu_ratio:.2f} "
              f"| ≤ 1.5 | "
              f"{'met' if not over else f'**not met** ({len(over)} of {len(entries)} over)'} |")
    if args.batch:
        ok, row = batch(args.batch, os.cpu_count() or 1)
        met.append(ok)
        print(row)
        ok, row = distinct_batch(args.batch, os.cpu_count() or 1)
        met.append(ok)
        print(row)
    print(f"\n{sum(met)} of {len(met)} ratio targets met"
          f" (load average {os.getloadavg()[0]:.1f} at the end).\n")

    print("### Other commands\n\n" + HEADER)
    for item in others(args.runs):
        print(item.row())
    if args.catalog_runs:
        print("\n### Every catalog entry, cold\n\n" + HEADER)
        for item in sorted(entries, key=lambda e: e.ratio, reverse=True):
            print(item.row())
    print("\n### In one process\n")
    for line in in_process():
        print(f"- {line}")
    if args.orders:
        ok, rows = orders(args.orders, args.timeout)
        print(f"\n### Every catalog entry at --order {args.orders}, --timeout {args.timeout:g} "
              f"({'all within it' if ok else '**not all within it**'})\n")
        print("| entry | wall | |\n|---|---|---|")
        for row in rows:
            print(row)
    if args.growth:
        print(f"\n### Growth (ms for n = 1, 2, …; a fresh process each, --timeout {args.timeout:g})\n")
        print("| family | ms for n = 1, 2, … | fit |\n|---|---|---|")
        for row in growth(args.timeout):
            print(row)


if __name__ == "__main__":
    main()
