"""A long run of the property tests: thousands of random expressions.

    python benchmarks/properties.py [--count N] [--seed S]

For each expression derive either refuses with a clear message or gives a chain whose
every line, derivative and form in g are checked here independently (tests/properties.py
builds the expressions, tests/test_properties.py's ``holds`` checks them).  Prints how
many held, how many were refused, and every failure, then exits 1 if there was one.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds for one expression")
    args = parser.parse_args()
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
