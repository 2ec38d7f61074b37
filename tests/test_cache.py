"""The output cache: a hit prints the same bytes without importing SymPy; a damaged entry
is ignored; --no-cache and DERIVE_NO_CACHE turn it off; XDG_CACHE_HOME is respected."""

import os
import subprocess
import sys

PROBE = ("import sys; sys.argv = ['derive'] + sys.argv[1:]; from derive.cli import main\n"
         "try:\n    main()\nfinally:\n    print('sympy' in sys.modules, file=sys.stderr)")


def run(args, cache_home, **env):
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, timeout=120,
                          env={"PATH": os.environ["PATH"], "XDG_CACHE_HOME": str(cache_home), **env})


def entries(cache_home):
    folder = cache_home / "derive"
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else []


def test_a_hit_is_the_same_bytes_without_sympy(tmp_path):
    first = run(["sigmoid", "--format", "latex"], tmp_path)
    assert first.returncode == 0 and first.stderr.strip() == b"True"
    assert len(entries(tmp_path)) == 1
    second = run(["sigmoid", "--format", "latex"], tmp_path)
    assert second.returncode == 0 and second.stdout == first.stdout
    assert second.stderr.strip() == b"False"  # answered from the cache: SymPy never imported


def test_options_are_part_of_the_key(tmp_path):
    a = run(["sigmoid", "--format", "latex"], tmp_path).stdout
    b = run(["tanh", "--format", "latex"], tmp_path).stdout
    c = run(["leaky-relu", "--param", "alpha=0.2", "--format", "json"], tmp_path).stdout
    d = run(["leaky-relu", "--param", "alpha=0.3", "--format", "json"], tmp_path).stdout
    assert len({a, b, c, d}) == 4 and len(entries(tmp_path)) == 4


def test_a_damaged_entry_is_ignored_and_replaced(tmp_path):
    good = run(["tanh", "--format", "json"], tmp_path).stdout
    (entry,) = entries(tmp_path)
    entry.write_bytes(entry.read_bytes()[:40])  # truncated
    again = run(["tanh", "--format", "json"], tmp_path)
    assert again.stdout == good and again.stderr.strip() == b"True"  # recomputed
    entry.write_bytes(b"derive-cache 1 0000\nnot what was stored")  # corrupted
    assert run(["tanh", "--format", "json"], tmp_path).stdout == good


def test_cache_can_be_turned_off(tmp_path):
    run(["sigmoid", "--no-cache"], tmp_path)
    run(["sigmoid"], tmp_path, DERIVE_NO_CACHE="1")
    assert entries(tmp_path) == []


def test_errors_are_not_cached(tmp_path):
    assert run(["sigmoud"], tmp_path).returncode == 2
    assert entries(tmp_path) == []
