"""--format python of every case: forward and backward compared with sympy (harness.check_python)."""
import sys
import harness
from cases import TYPED, CATALOG
cases = [dict(input=i, truth=t) for i, t in TYPED] + [dict(input=n) for n in CATALOG] + \
        [dict(input=n, args=["--symbolic"]) for n in ("softplus", "elu", "leaky relu", "silu", "celu")]
bad = 0
for c in cases:
    p = []
    try:
        harness.check_python(c, p)
    except Exception as ex:  # noqa
        p.append(f"harness crash {ex!r}")
    if p:
        bad += 1
        print(c, p)
        sys.stdout.flush()
print("done", len(cases), "bad", bad)
