"""Write `derive NAME --order K --format json --no-cache` for every catalog entry and order
into a folder, to compare two versions of derive byte for byte (`diff -r BEFORE AFTER`).

    python benchmarks/orders_json.py OUT_DIR [--orders 2,3,5] [--jobs 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from derive.catalog import CATALOG


def run(name: str, order: int, out: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "derive", name, "--order", str(order), "--format", "json",
                           "--no-cache", "--timeout", "120"], capture_output=True, text=True)
    path = out / f"{name.replace(' ', '_')}.{order}"
    path.write_text(f"exit {done.returncode}\n{done.stdout}\n--- stderr\n{done.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--orders", default="2,3,5")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    orders = [int(k) for k in args.orders.split(",")]
    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(lambda job: run(*job, args.out), [(a.name, k) for a in CATALOG for k in orders]))


if __name__ == "__main__":
    main()
