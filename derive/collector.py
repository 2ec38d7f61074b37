"""Python's cyclic garbage collector, paused while a derive process starts.

Start-up makes hundreds of thousands of objects that live as long as the process
(SymPy's, click's and rich's modules, classes and functions) and almost no cyclic
garbage, yet the collector walks them again and again as they accumulate: measured with
``gc.callbacks`` in a cold ``derive tanh``, 140 young, 12 middle and one full collection
took 31 ms of a 270 ms command (10 % of the command; ``import sympy`` alone pays it too).

``pause()`` turns the collector off for the first ``PAUSE_SECONDS`` of a process and
then on again, with everything made so far frozen (``gc.freeze``: moved out of the
collector's sight in O(1), never examined again).  A command that finishes within the
pause never collects; a longer one (a high ``--order``, a batch of checks) collects as
usual after it, so what a pause can leave behind is bounded by what two seconds make:
measured at most +7 MB in ``derive mish --order 12`` with the collector off throughout,
+3 MB over 200 checks.

Called by the ``derive`` script on a cache miss (``derive.launch``) and by each forked
worker as it starts (a fork inherits the paused collector but not the thread that ends
the pause).  A program that imports derive as a library keeps its own collector settings.
"""

from __future__ import annotations

import gc
import threading

#: seconds of a process's start during which no collection runs
PAUSE_SECONDS = 2.0


def pause(seconds: float = PAUSE_SECONDS) -> None:
    """Turn the collector off now and back on after ``seconds`` (a daemon timer thread)."""
    gc.disable()
    timer = threading.Timer(seconds, resume)
    timer.daemon = True
    timer.start()


def resume() -> None:
    """What exists now is frozen, and the collector runs again on what is made next."""
    gc.freeze()
    gc.enable()
