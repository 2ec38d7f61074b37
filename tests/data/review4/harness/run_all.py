"""Run every case; write results.json and print problems. Usage: python run_all.py [typed|catalog|sym]"""
import json
import sys
import time

import harness
from cases import TYPED, CATALOG

which = sys.argv[1] if len(sys.argv) > 1 else "typed"
cases = []
if which == "typed":
    for inp, truth in TYPED:
        cases.append(dict(input=inp, truth=truth))
    for inp, truth in TYPED[:40]:
        cases.append(dict(input=inp, truth=truth, order=2))
elif which == "catalog":
    for n in CATALOG:
        for o in (1, 2, 3):
            cases.append(dict(input=n, order=o))
elif which == "more":
    from cases import MORE
    for inp, truth, order in MORE:
        if "--var" in inp:
            continue
        cases.append(dict(input=inp, truth=truth, order=order))
elif which == "sym":
    for n in CATALOG:
        cases.append(dict(input=n, order=1, args=["--symbolic"]))
        cases.append(dict(input=n, order=2, args=["--symbolic"]))
out = []
for c in cases:
    t = time.time()
    try:
        r = harness.review(c)
    except Exception as ex:  # noqa
        r = {"case": c, "problems": [f"harness crash {ex!r}"]}
    r.pop("json", None)
    r["secs"] = round(time.time() - t, 1)
    out.append(r)
    if r["problems"]:
        print(c, r["secs"], file=sys.stdout)
        for p in r["problems"]:
            print("   ", p[:600])
    sys.stdout.flush()
json.dump(out, open(f"results-{which}.json", "w"), indent=1, default=str)
print("done", len(out), "cases,", sum(1 for r in out if r["problems"]), "with problems")
