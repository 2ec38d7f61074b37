"""A long run of the property tests: thousands of random expressions.

    python benchmarks/properties.py [--count N] [--seed S]
    python benchmarks/properties.py --limits [--timeout T]

For each expression derive either refuses with a clear message or gives a chain whose
every line, derivative and form in g are checked here independently (tests/properties.py
builds the expressions, tests/test_properties.py's ``holds`` checks them).  Prints how
many held, how many were refused, and every failure, then exits 1 if there was one.

``--limits`` runs the hard cases as whole ``derive`` processes instead (σ nested around a
``where``, sums of many exponentials, towers of exponentials, high orders): each must end
within its --timeout + 1 s, with exit 0 or one line and exit 2, under the memory ceiling
(its peak resident memory is printed).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.properties import expressions  # noqa: E402
from tests.test_properties import holds  # noqa: E402

from derive.limits import OutOfTime, deadline  # noqa: E402


def _nested(depth: int, inner: str, outer: str = "sigmoid") -> str:
    return f"{outer}(" * depth + inner + ")" * depth


def _exponentials(count: int) -> str:
    primes = [97, 89, 83, 79, 73, 71, 67, 61, 59, 53, 47, 43, 41, 37, 31, 29]
    return " + ".join(f"exp(z/{p})" for p in primes[:count])


HARD = [
    *[[_nested(n, "where(z > 0, z, 0.1z)")] for n in (3, 6, 9, 12)],
    *[[_nested(n, "max(0, z)", "tanh")] for n in (4, 8)],
    [_nested(5, "where(z > 1, z, where(z > -1, 0.5z, 0.1z))")],
    *[[_exponentials(n)] for n in (2, 4, 8, 12, 16)],
    ["exp(exp(exp(exp(z))))"], ["exp(exp(exp(exp(exp(z)))))"],
    ["softsign", "--order", "12"], ["hardswish", "--order", "12"], ["gelu", "--order", "8"],
    ["notes", "sigmoid", "tanh", "relu", "elu", "gelu", "mish", "swish", "softplus", "selu", "celu"],
    ["list"],
]


def limits(timeout: float) -> None:
    """Every hard case as a process: within timeout + 1 s, one line if it fails."""
    import os
    import subprocess
    import tempfile

    root = Path(__file__).resolve().parent.parent
    worst_time = worst_memory = 0.0
    broken = []
    with tempfile.TemporaryDirectory() as folder:
        for args in HARD:
            command = [sys.executable, "-m", "derive", *args, "--timeout", f"{timeout:g}"]
            if args[0] != "notes":  # notes has no cache
                command.append("--no-cache")
            start = time.monotonic()
            process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                       env={**os.environ, "XDG_CACHE_HOME": folder})
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.monotonic() - start
            code = os.waitstatus_to_exitcode(status)
            err = process.stderr.read().decode(errors="replace").strip()
            process.stderr.close()
            megabytes = usage.ru_maxrss / 1024
            worst_time, worst_memory = max(worst_time, seconds), max(worst_memory, megabytes)
            ok = seconds <= timeout + 1 and (code == 0 or (code == 2 and len(err.splitlines()) == 1))
            label = " ".join(args)
            print(f"{'ok ' if ok else 'BAD'} {seconds:6.2f} s {megabytes:7.0f} MB exit {code}  "
                  f"{label[:70]}  {err[:90]}", flush=True)
            if not ok:
                broken.append(label)
    print(f"{len(HARD)} hard cases, --timeout {timeout:g}: slowest {worst_time:.2f} s, "
          f"largest {worst_memory:.0f} MB resident; {len(broken)} broke a limit")
    sys.exit(1 if broken else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds for one expression")
    parser.add_argument("--limits", action="store_true", help="the hard cases as processes (see above)")
    args = parser.parse_args()
    if args.limits:
        limits(args.timeout)
        return
    outcomes: Counter = Counter()
    failures: list[str] = []
    slow: list[str] = []
    start = time.perf_counter()

    @settings(max_examples=args.count, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(expressions)
    def run(expr):
        try:
            with deadline(args.timeout, "checking one expression"):
                outcomes[holds(expr)] += 1
        except OutOfTime:
            outcomes["timed out"] += 1
            slow.append(str(expr))
        except Exception as e:  # noqa: BLE001 -- counted and reported, the run goes on
            outcomes["failed"] += 1
            failures.append(f"{expr}: {type(e).__name__}: {str(e)[:200]}")
        done = sum(outcomes.values())
        if done % 50 == 0:
            print(f"  {done} done, {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)

    import random

    random.seed(args.seed)
    run()
    seconds = time.perf_counter() - start
    total = sum(outcomes.values())
    print(f"{total} expressions in {seconds:.0f} s: {outcomes['ok']} held, {outcomes['refused']} refused, "
          f"{outcomes['timed out']} took longer than {args.timeout:g} s, {outcomes['failed']} failed")
    for f in failures:
        print("FAILED", f)
    for expr in slow:
        print("SLOW", expr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
