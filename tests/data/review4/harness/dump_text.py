"""Dump text and LaTeX output for every typed case for reading by eye."""
import subprocess, sys
from cases import TYPED
fmt = sys.argv[1] if len(sys.argv) > 1 else "text"
with open(f"dump-{fmt}.txt", "w") as f:
    for inp, _ in TYPED:
        p = subprocess.run([sys.executable, "-m", "derive", inp, "--format", fmt, "--no-cache"], cwd="/work/wt/review4",
                           capture_output=True, text=True, env={"COLUMNS": "110", "PATH": "/usr/bin:/bin", "HOME": "/root"})
        f.write(f"===== {inp}  (exit {p.returncode})\n{p.stdout}{p.stderr}\n")
        f.flush()
