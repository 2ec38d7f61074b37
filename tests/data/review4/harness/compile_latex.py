"""Compile every typed case's --format latex --standalone with pdflatex; report failures."""
import os, subprocess, sys, tempfile
from cases import TYPED, CATALOG
items = [x for x, _ in TYPED] + CATALOG
bad = 0
for inp in items:
    for order in ("1", "2"):
        p = subprocess.run([sys.executable, "-m", "derive", inp, "--format", "latex", "--standalone", "--order", order, "--no-cache"],
                           cwd="/work/wt/review4", capture_output=True, text=True)
        if p.returncode:
            print("derive exit", p.returncode, inp, order, p.stderr.strip()[:200]); continue
        with tempfile.TemporaryDirectory() as d:
            open(os.path.join(d, "x.tex"), "w").write(p.stdout)
            r = subprocess.run(["pdflatex", "-halt-on-error", "-interaction=nonstopmode", "x.tex"], cwd=d, capture_output=True, text=True)
            if r.returncode:
                bad += 1
                err = [l for l in r.stdout.splitlines() if l.startswith("!")]
                print("PDFLATEX FAIL", inp, order, err[:2])
            sys.stdout.flush()
print("done, failures:", bad)
