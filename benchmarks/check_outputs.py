"""Every derivation file under tests/data and examples/check checked (text and --format json, and with the
review3 harness's --function/--var where a case has some), each output and exit code written
to OUT/<path>.<mode>.out: `python benchmarks/check_outputs.py OUT 0 1`, then `diff -r` two OUTs
(before and after a refactor). One process per worker (click's CliRunner on derive's cli)."""
import sys, os, importlib
from pathlib import Path
from click.testing import CliRunner

root = Path.cwd()
out = Path(sys.argv[1])
part, parts = int(sys.argv[2]), int(sys.argv[3])
sys.path.insert(0, str(root))
from derive.cli import cli
sys.path.insert(0, str(root / "tests/data/review3/cases"))
extra = {}
for b in range(1, 12):
    try:
        m = importlib.import_module(f"b{b}")
    except Exception:
        continue
    for c in getattr(m, "CASES", []):
        if getattr(c, "args", None):
            extra[c.name if hasattr(c, "name") else c.file] = c.args
files = sorted(p for p in [*(root / "tests/data").rglob("*"), *(root / "examples/check").glob("*")]
               if p.is_file() and p.suffix in (".txt", ".tex", ".md") and "harness" not in p.parts
               and p.name not in ("README.md", "FINDINGS.md"))
runner = CliRunner()
for i, f in enumerate(files):
    if i % parts != part:
        continue
    rel = f.relative_to(root)
    modes = {"text": [], "json": ["--format", "json"]}
    for key, args in extra.items():
        if f.name.startswith(str(key)):
            modes["args-text"] = list(args)
            modes["args-json"] = list(args) + ["--format", "json"]
    for mode, args in modes.items():
        r = runner.invoke(cli, ["check", str(rel), *args])
        dest = out / f"{rel}.{mode}.out"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(f"exit {r.exit_code}\n--stdout\n{r.stdout}\n--stderr\n{r.stderr}\n"
                        + (repr(r.exception) if r.exception and not isinstance(r.exception, SystemExit) else ""))
print("done", part)
