"""Re-run the cases that had problems in a results file, with the current harness."""
import json, sys
import harness
src = sys.argv[1]
rs = json.load(open(src))
for r in rs:
    if not r["problems"]:
        continue
    c = r["case"]
    r2 = harness.review(c)
    probs = [p for p in r2["problems"] if not p.startswith("latex-unparsed")]
    print(c, "OK" if not probs else "")
    for p in probs:
        print("   ", p[:500])
    sys.stdout.flush()
