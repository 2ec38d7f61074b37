"""The same command prints byte-identical output whatever the hash seed."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("args", [["sigmoid"], ["tanh", "--format", "json"], ["sigmoid", "--format", "latex", "--steps"]])
def test_output_does_not_depend_on_hash_seed(args):
    outputs = set()
    for seed in ("0", "1", "12345"):
        run = subprocess.run(
            [sys.executable, "-c", "from derive.cli import main; main()", *args],
            capture_output=True, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}, timeout=120,
        )
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1
