import time, sys, os, tempfile, collections
sys.path.insert(0, "/work/main/benchmarks")
import bench
import derive.startup; derive.startup.install()
from derive.batch import check_file
from derive.check import chain, equality, diagnose, document
from derive.render import check as rcheck
acc = collections.Counter(); depth = [0]
def wrap(mod, name, label):
    f = getattr(mod, name)
    def w(*a, **k):
        if depth[0]:
            return f(*a, **k)
        depth[0] += 1; t = time.process_time()
        try: return f(*a, **k)
        finally:
            acc[label] += time.process_time() - t; depth[0] -= 1
    setattr(mod, name, w)
def wrap2(mod, name, label):  # nested timing allowed
    f = getattr(mod, name)
    def w(*a, **k):
        t = time.process_time()
        try: return f(*a, **k)
        finally: acc[label] += time.process_time() - t
    setattr(mod, name, w)
wrap2(equality, "sample", "sample")
wrap2(equality, "_cancels_in_exp", "cancels_in_exp")
wrap2(equality, "proves_zero", "proves_zero")
wrap2(equality, "constant_gap", "constant_gap")
wrap2(equality, "exp_as_powers", "  exp_as_powers")
wrap2(equality, "rational_zero", "  rational_zero")
from sympy import Expr
orig_rw = Expr.rewrite
def rw(self, *a, **k):
    t = time.process_time()
    try: return orig_rw(self, *a, **k)
    finally: acc["  rewrite(any)"] += time.process_time() - t
Expr.rewrite = rw
wrap2(chain, "compare", "compare(all)")
wrap2(chain, "_derivative", "derivative")
from derive import batch
wrap2(batch, "read_document", "read")
wrap2(rcheck, "check_data", "check_data")
wrap2(diagnose, "diagnose", "diagnose")
folder = tempfile.mkdtemp(); paths = []
N = int(sys.argv[1]) if len(sys.argv) > 1 else 300
for i in range(N):
    family = ("sigmoid", "tanh")[i % 2]; k, c = 1 + (i // 2) % 25, (i // 50) - 10
    p = os.path.join(folder, f"s{i:04d}.txt"); open(p, "w").write(bench._student(family, k, c, i % 5 == 4)); paths.append(p)
for p in paths[:20]: check_file(p)
acc.clear()
t = time.process_time(); c0 = time.process_time()
for p in paths[20:]: check_file(p)
n = len(paths) - 20
print(f"per file {(time.process_time()-t)/n*1000:.1f} ms wall, {(time.process_time()-c0)/n*1000:.1f} ms cpu")
for k, v in acc.most_common(): print(f"  {k}: {v/n*1000:.1f} ms")
