"""A whole command's time limit (--timeout): one clear line when it runs out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .errors import DeriveError

DEFAULT_SECONDS = 20.0


class OutOfTime(DeriveError):
    pass


@contextmanager
def deadline(seconds: float, doing: str) -> Iterator[None]:
    """Run the block for at most `seconds`; then OutOfTime: 'gave up after 20 s deriving
    sigmoid; try --timeout 40'.  Without SIGALRM (not the main thread) the block runs unbounded."""
    from .engine.verify import alarm

    def on_alarm(signum, frame):
        raise OutOfTime(f"gave up after {seconds:g} s {doing}; try --timeout {2 * seconds:g}")

    try:
        context = alarm(seconds, on_alarm)
        context.__enter__()
    except TimeoutError:
        yield
        return
    try:
        yield
    finally:
        context.__exit__(None, None, None)
