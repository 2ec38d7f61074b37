"""A time budget shared by the steps of one search (the form in g): each step gets at
most what is left, and the search can tell afterwards whether it ran out.

The search for a form in g may be long (a Groebner basis of a product of n sigmoids
grows as 16^n), but the chain does not depend on it: past its budget the search gives
up, the derivation says "no form in g found within the time limit", and the chain is
printed on time.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from sympy.polys.polyerrors import BasePolynomialError

from .verify import time_limit

T = TypeVar("T")

#: what SymPy raises for a step it cannot do (solve's "no algorithms", a non-polynomial
#: generator): that step found nothing, and the search goes on with the next
CANNOT = (NotImplementedError, ValueError, TypeError, ArithmeticError, RecursionError, BasePolynomialError)

#: seconds for the whole search for a form in g (all routes together)
IN_G_SECONDS = 4.0


class Budget:
    """``seconds`` of this process's CPU time (as ``time_limit`` counts): what the search
    finds does not depend on how busy the machine is."""

    def __init__(self, seconds: float) -> None:
        self.end = time.process_time() + seconds
        self.ran_out = False
        self.too_long = False  # a form was found, but too long to show

    @property
    def left(self) -> float:
        return self.end - time.process_time()

    def run(self, step: Callable[[], T], *, at_most: float | None = None) -> T | None:
        """step() within what is left (and at most `at_most` s); None if it did not finish."""
        seconds = self.left if at_most is None else min(at_most, self.left)
        if seconds <= 0.01:
            self.ran_out = True
            return None
        try:
            if not _bounded():  # no alarm outside the main thread: run unbounded, as before budgets
                return step()
            with time_limit(seconds):
                return step()
        except CANNOT:
            return None
        except TimeoutError:
            # the budget ran out, not just this step's own cap: the search stopped short
            # (a step past its cap found nothing, as on any machine: the output stays the same)
            if at_most is None or seconds < at_most:
                self.ran_out = True
            return None


def _bounded() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
