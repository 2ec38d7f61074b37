"""Records `derive check FILE --format json` and the plain text output (with the exit code) of
every file of the corpora, in one process (click's CliRunner: the same command as
`python -m derive check FILE`), so that a refactor of derive/check can be shown to change
nothing.

    python /work/wt/rows/refactor-check/record.py OUT.json    record, with the code of the current directory
    python refactor-check/record.py --compare A.json B.json

The files the test suite writes are copied once into refactor-check/from-tests/ (collect.sh)
so that both records read the same inputs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

#: the inputs are the worktree's; the code is the current directory's (a copy of the commit before
#: the refactor records "before")
ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".txt", ".tex", ".md"}


def corpus() -> list[Path]:
    files = [p for p in (ROOT / "tests/data/derivations").iterdir() if p.is_file()]
    files += [p for p in (ROOT / "tests/data/review3").rglob("*") if p.suffix in SUFFIXES]
    files += [p for p in Path("/work/wt/review2/cases").iterdir() if p.is_file()]
    files += [p for p in (ROOT / "examples/check").rglob("*") if p.is_file()]
    files += [p for p in (ROOT / "refactor-check/from-tests").rglob("*") if p.suffix in SUFFIXES]
    return sorted(set(files))


def record(out: Path) -> None:
    sys.path.insert(0, str(Path.cwd()))
    from derive.cli import cli

    runner = CliRunner()
    results = {}
    for path in corpus():
        entry = {}
        for fmt in ("json", "text"):
            r = runner.invoke(cli, ["check", str(path), "--format", fmt])
            entry[fmt] = {"exit": r.exit_code, "stdout": r.stdout, "stderr": r.stderr,
                          "exception": None if r.exception is None or isinstance(r.exception, SystemExit)
                          else repr(r.exception)}
        results[str(path)] = entry
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    import derive
    print(f"{len(results)} files recorded in {out} with {derive.__file__}")


def compare(a: Path, b: Path) -> int:
    before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (a, b))
    differ = [name for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]
    for name in differ:
        print("DIFFERS:", name)
    print(f"{len(before)} files before, {len(after)} after, {len(differ)} differ")
    return 1 if differ or set(before) != set(after) else 0


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    record(Path(sys.argv[1]))
