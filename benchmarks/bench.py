"""Whole-process timings of derive, as ratios to starting Python and importing SymPy.

    python benchmarks/bench.py [--runs N]

Each command runs once to warm the file cache, then N times interleaved with the
baseline ``python -c "import sympy"``, so both see the same machine load.  Prints
medians and the ratio of each median to the baseline's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

PY = sys.executable
BASELINE = [PY, "-c", "import sympy"]
COMMANDS = {
    "python -c pass": [PY, "-c", "pass"],
    "derive --version": [PY, "-m", "derive", "--version"],
    "derive sigmoid (first run: --no-cache)": [PY, "-m", "derive", "sigmoid", "--no-cache"],
    "derive sigmoid (repeated: cached)": [PY, "-m", "derive", "sigmoid"],
    "derive list (repeated: cached)": [PY, "-m", "derive", "list"],
    "derive tanh": [PY, "-m", "derive", "tanh", "--no-cache"],
    "derive sigmoid --format latex": [PY, "-m", "derive", "sigmoid", "--format", "latex", "--no-cache"],
    "derive sigmoid --format json": [PY, "-m", "derive", "sigmoid", "--format", "json", "--no-cache"],
    "derive relu": [PY, "-m", "derive", "relu", "--no-cache"],
    "derive swish": [PY, "-m", "derive", "swish", "--no-cache"],
    'derive "1/(1+exp(-2z))"': [PY, "-m", "derive", "1/(1+exp(-2z))", "--no-cache"],
    "derive sigmoid --order 2": [PY, "-m", "derive", "sigmoid", "--order", "2", "--no-cache"],
    "derive softmax": [PY, "-m", "derive", "softmax", "--no-cache"],
    "derive list --no-cache": [PY, "-m", "derive", "list", "--no-cache"],
    "derive check (6-line sigmoid chain)": [PY, "-m", "derive", "check", "examples/check/sigmoid-correct.tex"],
    "derive check (6-line tanh chain)": [PY, "-m", "derive", "check", "examples/check/tanh-correct.tex"],
}


def catalog_in_process() -> None:
    """Every catalog entry derived in one process (imports done): the total and the slowest."""
    from derive import derive
    from derive.catalog import CATALOG

    derive("sigmoid")  # imports and SymPy's caches warm
    times = {}
    for entry in CATALOG:
        start = time.perf_counter()
        derive(entry.name)
        times[entry.name] = time.perf_counter() - start
    slowest = max(times, key=times.get)
    print(f"\nwhole catalog in one process: {sum(times.values()):.2f} s for {len(times)} entries;"
          f" slowest {slowest} {times[slowest] * 1000:.0f} ms")


def nested_sigmoid() -> None:
    """sigma(sigma(...(z))) nested n times: the time per n must not grow exponentially."""
    from derive import derive

    print("\n| n (sigma nested n times) | derive, in process |\n|---|---|")
    text = "z"
    for n in range(1, 7):
        text = f"sigmoid({text})"
        start = time.perf_counter()
        derive(text)
        print(f"| {n} | {(time.perf_counter() - start) * 1000:.0f} ms |")


CACHE = tempfile.mkdtemp(prefix="derive-bench-")  # the cached rows fill it during the warm-up
ENV = {**os.environ, "XDG_CACHE_HOME": CACHE}
ENV.pop("DERIVE_NO_CACHE", None)


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    for cmd in [BASELINE, *COMMANDS.values()]:
        timed(cmd)  # warm-up
    base, times = [], {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, cmd in COMMANDS.items():
            base.append(timed(BASELINE))
            times[name].append(timed(cmd))
    baseline = statistics.median(base)
    print("| command | median | ratio to `import sympy` |")
    print("|---|---|---|")
    print(f"| python -c \"import sympy\" (baseline) | {baseline * 1000:.0f} ms | 1.00 |")
    for name, values in times.items():
        m = statistics.median(values)
        print(f"| {name} | {m * 1000:.0f} ms | {m / baseline:.2f} |")
    catalog_in_process()
    nested_sigmoid()


if __name__ == "__main__":
    main()
