"""The command's start: a cache hit answered before click, rich or SymPy load; the
stand-in for sympy.tensor.tensor that keeps SymPy's tensor and combinatorics code unloaded."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def run(args, cache_home, *python_options):
    env = {"PATH": os.environ["PATH"], "XDG_CACHE_HOME": str(cache_home)}
    return subprocess.run([sys.executable, *python_options, "-m", "derive", *args], capture_output=True,
                          timeout=120, env=env, cwd=ROOT)


def imported(stderr: bytes) -> set[str]:
    """Top-level package names in a -X importtime report."""
    names = re.findall(r"\|\s*([A-Za-z_][\w.]*)\s*$", stderr.decode(), flags=re.M)
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("args", [["sigmoid"], ["tanh", "--format", "latex"], ["show", "relu", "-f", "json"],
                                  ["list"]])
def test_a_plain_hit_imports_nothing_heavy(tmp_path, args):
    first = run(args, tmp_path, "-X", "importtime")
    assert first.returncode == 0 and {"click", "sympy"} <= imported(first.stderr)  # a miss: the full command
    second = run(args, tmp_path, "-X", "importtime")
    assert second.returncode == 0 and second.stdout == first.stdout
    assert not imported(second.stderr) & {"click", "rich", "sympy", "mpmath"}


def test_other_command_lines_still_use_the_cache_through_the_full_command(tmp_path):
    args = ["sigmoid", "--no-notes"]
    first = run(args, tmp_path)
    second = run(args, tmp_path, "-X", "importtime")
    assert second.stdout == first.stdout and "sympy" not in imported(second.stderr)


def test_a_different_command_line_is_not_a_hit(tmp_path):
    sigmoid = run(["sigmoid", "--format", "json"], tmp_path).stdout
    tanh = run(["tanh", "--format", "json"], tmp_path).stdout
    assert b'"tanh' in tanh and sigmoid != tanh


PROBE = """
import sys
from derive.startup import install
install()
from derive import derive
derive("sigmoid")
derive("tanh")
print("sympy.combinatorics" in sys.modules)
from sympy.tensor.tensor import TensorIndexType, TensorHead, TensExpr, tensor_indices
L = TensorIndexType("L")
i = tensor_indices("i", L)
A = TensorHead("A", [L])
s = A(i) + A(i) * 2
print(type(s).__name__, isinstance(A(i), TensExpr))
import sympy.tensor.tensor as T
print(T.TensExpr is TensExpr, type(sys.modules["sympy.tensor.tensor"]).__name__)
"""


def test_tensor_module_stays_unloaded_and_still_works_when_asked_for():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "TensMul", "True", "True", "module"]


def test_only_add_flatten_imports_the_two_stand_in_names():
    """The stand-in's premise: outside the tensor package itself, SymPy imports TensExpr
    or TensAdd from sympy.tensor.tensor at one place, inside Add.flatten (re-run each call)."""
    import sympy

    root = Path(sympy.__file__).parent
    sites = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if "/tests/" in rel or rel.startswith(("tensor/", "physics/")):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if "tensor.tensor import" in line and ">>>" not in line:
                sites.append((rel, line.strip()))
    assert sites == [("core/add.py", "from sympy.tensor.tensor import TensExpr, TensAdd")]


def test_entries_derived_in_workers_are_the_ones_derived_here():
    """derive list's workers: every derivation comes back node for node (the chain's
    deliberately unevaluated lines too), softmax included (derived here instead)."""
    from derive import derive
    from derive.parallel import derive_each
    from derive.render.json import dumps

    names = ["bipolar sigmoid", "logistic slope", "elu", "softmax", "hard sigmoid"]
    here = [derive(name) for name in names]
    there = derive_each(names, jobs=2)
    assert there == here
    assert [dumps(d) for d in there] == [dumps(d) for d in here]


def test_the_script_ends_without_teardown_but_with_all_its_output_and_its_code(tmp_path):
    """launch._exit skips the interpreter's teardown: every byte must still arrive (a
    pipe, larger than its buffer), and the exit code stay what cli.main decided."""
    from click.testing import CliRunner

    from derive.cli import cli

    done = run(["list", "--no-cache"], tmp_path)
    assert done.returncode == 0
    expected = CliRunner().invoke(cli, ["list", "--no-cache"]).output.encode()
    assert len(done.stdout) > 8192 and done.stdout == expected  # more than one pipe buffer, whole
    unknown = run(["sigmoidd", "--no-cache"], tmp_path)
    assert unknown.returncode == 2 and unknown.stdout == b""
    assert unknown.stderr.decode().count("\n") == 1 and "sigmoid" in unknown.stderr.decode()
    bad_option = run(["sigmoid", "--order", "zero"], tmp_path)
    assert bad_option.returncode == 2 and b"--order" in bad_option.stderr
