"""How derive check does on this corpus today: runs `python -m derive check FILE --format json`
(the derive of the current directory) on every file and compares with truth.json.

    python tests/data/derivations/score.py          the summary
    python tests/data/derivations/score.py -v       and one line per file
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def run(path: Path) -> tuple[int, dict | None]:
    out = subprocess.run([sys.executable, "-m", "derive", "check", str(path), "--format", "json"],
                         capture_output=True, text=True, timeout=120)
    try:
        return out.returncode, json.loads(out.stdout)
    except json.JSONDecodeError:
        return out.returncode, None


def main(verbose: bool) -> None:
    truth = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    tally = {"correct": 0, "correct_valid": 0, "correct_unreadable": 0, "correct_called_wrong": 0,
             "correct_steps_miscounted": 0, "mistakes": 0, "found_at_line": 0, "kind_right": 0,
             "mistake_unreadable": 0, "back": 0, "back_exact": 0, "exit3": 0}
    for name, t in sorted(truth.items()):
        code, data = run(HERE / name)
        lines = data["lines"] if data else []
        unread = any(line["verdict"] == "unreadable" for line in lines) or data is None or data["problem"]
        wrong = [line["index"] for line in lines if line["verdict"] == "wrong"]
        tally["exit3"] += code == 3
        steps_ok = [line["index"] for line in lines] == list(range(1, t["steps"] + 1))
        if t["valid"]:
            tally["correct"] += 1
            ok = bool(data) and data["valid"] and not unread and steps_ok and code == 0
            tally["correct_valid"] += ok
            tally["correct_unreadable"] += bool(unread)
            tally["correct_called_wrong"] += bool(wrong)
            tally["correct_steps_miscounted"] += not steps_ok and not unread
            note = "ok" if ok else ("unreadable" if unread else f"wrong lines {wrong}" if wrong else
                                    f"lines {[line['index'] for line in lines]}, {t['steps']} steps")
        else:
            tally["mistakes"] += 1
            at = bool(data) and data["first_error"] == t["first_wrong"]
            kind = lines[t["first_wrong"] - 1]["kind"] if at and len(lines) >= t["first_wrong"] else None
            tally["found_at_line"] += at
            tally["kind_right"] += at and kind == t["kind"]
            tally["mistake_unreadable"] += bool(unread)
            note = (f"line {data['first_error'] if data else None} (truth {t['first_wrong']}), "
                    f"kind {kind} (truth {t['kind']})" + (", unreadable line" if unread else ""))
            if "wrong" in t:
                tally["back"] += 1
                tally["back_exact"] += wrong == t["wrong"]
                note += f"; wrong lines {wrong} (truth {t['wrong']})"
        if verbose:
            print(f"{name:45} exit {code}  {note}")
    print(json.dumps(tally, indent=1))


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
