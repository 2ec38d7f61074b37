"""The stand-in for sympy.physics.units: simplify, solve and the pretty printer ask for
Quantity or Unit at every call, and the real module loads all of sympy.physics (~100 ms)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import sympy

ROOT = Path(__file__).parent.parent

PROBE = """
import sys
from derive.startup import install
install()
from sympy import Symbol, pretty, simplify, solve, sqrt
x = Symbol("x")
print(simplify(sqrt(x**2 + 2*x + 1) * 0 + (x**2 - 1)/(x - 1)), solve(x**2 - 4, x, check=True))
print("3/2" in pretty(2*x*sqrt(x)), "sympy.physics" in sys.modules)
from derive import derive
derive("hard sigmoid")
derive("bent identity")
print("sympy.physics" in sys.modules)
from sympy.physics.units import meter, Quantity
print(simplify(3*meter/meter), isinstance(meter, Quantity), type(sys.modules["sympy.physics.units"]).__name__)
"""


def test_units_stay_unloaded_and_still_work_when_asked_for():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "x + 1 [-2, 2]"
    assert lines[1] == "True False"
    assert lines[2] == "False"
    assert lines[3] == "3 True module"


def test_a_cold_piecewise_entry_does_not_import_sympy_physics(tmp_path):
    env = {"PATH": os.environ["PATH"], "XDG_CACHE_HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "derive", "hard sigmoid", "--no-cache"],
                         capture_output=True, timeout=120, env=env, cwd=ROOT)
    assert run.returncode == 0
    assert not re.search(rb"\|\s*sympy\.physics", run.stderr)


def test_only_simplify_solve_and_the_pretty_printer_import_units_by_name():
    """The stand-in's premise: outside sympy.physics, SymPy imports from sympy.physics.units
    only Quantity (simplify, the pretty printer), Unit (solve's checksol) and, for a
    Quantity found, quantity_simplify (which then loads the real module)."""
    root = Path(sympy.__file__).parent
    sites = set()
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if "/tests/" in rel or rel.startswith("physics/"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if "physics.units" in line and "import" in line and ">>>" not in line and not line.strip().startswith("#"):
                sites.add((rel, line.strip()))
    assert sites == {
        ("simplify/simplify.py", "from sympy.physics.units import Quantity"),
        ("simplify/simplify.py", "from sympy.physics.units.util import quantity_simplify"),
        ("solvers/solvers.py", "from sympy.physics.units import Unit"),
        ("printing/pretty/pretty.py", "from sympy.physics.units import Quantity"),
    }
