"""The garbage collector paused while a derive process starts (derive/collector.py):
off at first, back on after the pause with what exists frozen, in the ``derive`` script
and in every forked worker; a program importing derive keeps its own settings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={"PATH": os.environ["PATH"], "DERIVE_NO_CACHE": "1"})
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_pause_ends_with_the_collector_on_and_the_start_frozen():
    out = python("""
import gc, time
from derive import collector
assert gc.isenabled() and gc.get_freeze_count() == 0
collector.pause(0.2)
print(gc.isenabled())
class Node: pass
a, b = Node(), Node()
a.other, b.other = b, a    # a cycle: only the collector frees it
del a, b
time.sleep(1.0)
print(gc.isenabled(), gc.get_freeze_count() > 0)
""")
    assert out == ["False", "True", "True"]


def test_a_library_import_leaves_the_collector_alone():
    out = python("""
import gc
from derive import derive
derive("sigmoid")
print(gc.isenabled(), gc.get_freeze_count())
""")
    assert out == ["True", "0"]


def test_the_script_pauses_the_collector_on_a_miss():
    out = python("""
import gc, sys
import derive.launch as launch
seen = []
launch._exit = lambda code: seen.append((code, gc.isenabled()))  # instead of ending the process
sys.argv = ["derive", "relu", "--no-cache"]
launch.main()
print("state", *seen[0])
""")
    assert "max(0," in out  # the chain was printed: g(z) = max(0, z)
    assert out[-3:] == ["state", "0", "False"]


def test_a_forked_worker_collects_again_after_its_pause():
    out = python("""
import gc, multiprocessing, time
from derive import collector
collector.pause(0.2)         # the parent, paused as the script pauses it
def state(_):
    time.sleep(0.6)
    return gc.isenabled()
with multiprocessing.get_context("fork").Pool(1, initializer=collector.pause, initargs=(0.2,)) as pool:
    print(pool.map(state, [0])[0])
""")
    assert out == ["True"]
