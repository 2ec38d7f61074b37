"""`derive check` on every derivation file under tests/data and examples/check, text and
--format json (and with the review3 harness's --function/--var where a case has some), each
output and exit code written to OUT/<path>.<mode>.out, for a refactor's before and after:

    python benchmarks/check_outputs.py /tmp/before       (at the old commit)
    python benchmarks/check_outputs.py /tmp/after        (at the new one)
    diff -r /tmp/before /tmp/after

Run from the repository's root.  One process (click's CliRunner on derive's cli, the same code
as `python -m derive check`); ``PART PARTS`` after OUT splits the files between processes.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT))  # this checkout's derive

from click.testing import CliRunner  # noqa: E402

from derive.cli import cli  # noqa: E402


def harness_arguments() -> dict[str, list[str]]:
    """Case name -> the options the review3 harness checks it with (cases/b*.py, its own data)."""
    sys.path.insert(0, str(ROOT / "tests/data/review3/cases"))
    out = {}
    for batch in range(1, 12):
        try:
            module = importlib.import_module(f"b{batch}")
        except ImportError:
            continue
        for case in getattr(module, "CASES", []):
            if getattr(case, "args", None):
                out[case.name] = list(case.args)
    return out


def main(out: Path, part: int = 0, parts: int = 1) -> None:
    extra = harness_arguments()
    files = sorted(p for p in [*(ROOT / "tests/data").rglob("*"), *(ROOT / "examples/check").glob("*")]
                   if p.is_file() and p.suffix in (".txt", ".tex", ".md") and "harness" not in p.parts
                   and p.name not in ("README.md", "FINDINGS.md"))
    runner = CliRunner()
    for i, path in enumerate(files):
        if i % parts != part:
            continue
        relative = path.relative_to(ROOT)
        modes = {"text": [], "json": ["--format", "json"]}
        for name, args in extra.items():
            if path.name.startswith(name):
                modes["args-text"] = args
                modes["args-json"] = args + ["--format", "json"]
        for mode, args in modes.items():
            result = runner.invoke(cli, ["check", str(relative), *args])
            dest = out / f"{relative}.{mode}.out"
            dest.parent.mkdir(parents=True, exist_ok=True)
            crash = repr(result.exception) if result.exception and not isinstance(result.exception, SystemExit) else ""
            dest.write_text(f"exit {result.exit_code}\n--stdout\n{result.stdout}\n--stderr\n{result.stderr}\n{crash}",
                            encoding="utf-8")
    print(f"{out}: part {part} of {parts} done")


if __name__ == "__main__":
    main(Path(sys.argv[1]), *(int(a) for a in sys.argv[2:4]))
