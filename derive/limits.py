"""The bounds a derive process keeps: time (--timeout), memory, and signals.

- **Time.** One deadline per command, counted from the process's start, covering
  everything it does (reading, deriving, the facts, rendering, writing).  When it runs out
  SIGALRM raises ``OutOfTime`` (one line: 'gave up after 20 s ...; try --timeout 40'),
  again every 0.25 s if some library swallowed it; and, in a real process (``main``), a
  watchdog thread ends the process ``GRACE`` seconds later whatever the code is doing
  (the same line, temporary files removed, exit 2), and a backstop process ``BACKSTOP``
  seconds after that should no Python code run at all (SIGKILL): --timeout T ends
  within T + 1 s.
- **Memory.** ``RLIMIT_AS`` is set to ``MEMORY_BYTES`` (2 GiB); a derivation that needs
  more gets ``MemoryError``, reported as one line (exit 2).
- **Signals.** SIGTERM raises ``SystemExit(143)`` so that every ``finally`` runs
  (temporary files removed, worker processes killed).  A signal's exception that lands in a
  weakref or gc callback is swallowed by Python and printed as "Exception ignored" with a
  traceback; ``_unraisable`` keeps it off the terminal and sends the signal again.

This module imports nothing heavy: ``derive --version`` stays fast.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import DeriveError
from .output import remove_temporaries

try:
    import resource
except ImportError:  # not on this system (Windows): no memory ceiling
    resource = None

DEFAULT_SECONDS = 20.0
#: the memory ceiling (address space) of a derive process and of each worker
MEMORY_BYTES = 2 * 1024**3
#: seconds between the deadline and the watchdog's hard stop
GRACE = 0.7
#: a process older than this when main starts did not start for this command
STARTUP = 5.0
#: how long after a swallowed OutOfTime it is raised again
REPEAT = 0.25



def _process_start() -> float:
    """When this process started, on the monotonic clock (Linux: from /proc; elsewhere: now,
    which the command line's first import is close to)."""
    now = time.monotonic()
    try:
        with open("/proc/self/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - int(fields[19]) / ticks
    except (OSError, ValueError, IndexError, AttributeError):
        return now
    return now - age if 0 <= age < 60 else now


_STARTED = _process_start()
_hard_stop = False  # only in a real process (main); never inside a test runner
_watchdog: threading.Timer | None = None
_backstop: int | None = None  # the pid of the backstop process
_unreaped: list[int] = []  # backstops killed, not yet collected
#: seconds after the watchdog at which the backstop process kills the command
BACKSTOP = 0.25


class OutOfTime(DeriveError):
    pass


class OutOfMemory(DeriveError):
    pass


def out_of_memory() -> OutOfMemory:
    return OutOfMemory(f"the derivation needs more than {MEMORY_BYTES / 1024**3:g} GB; "
                       "try a smaller expression or a lower --order")


_installed: list = []  # what install() replaced, for uninstall()


def install() -> None:
    """For a real derive process (``main``): the memory ceiling, SIGTERM as SystemExit,
    the watchdog, the clock from the process's start.  ``uninstall`` puts things back (for
    a program, such as a test, that calls ``main`` and goes on)."""
    global _hard_stop, _STARTED
    # the clock starts with the process, unless main is called by a program that has run
    # for a while already (a test runner): then it starts now
    _STARTED = _process_start()
    if time.monotonic() - _STARTED > STARTUP:
        _STARTED = time.monotonic()
    previous_memory = set_memory_ceiling()
    previous_term = None
    if threading.current_thread() is threading.main_thread():
        previous_term = signal.signal(signal.SIGTERM, _terminated)
    _installed.append((_hard_stop, previous_memory, previous_term, sys.unraisablehook))
    sys.unraisablehook = _unraisable
    _hard_stop = True


def uninstall() -> None:
    global _hard_stop
    if not _installed:
        return
    _hard_stop, previous_memory, previous_term, sys.unraisablehook = _installed.pop()
    if previous_term is not None:
        signal.signal(signal.SIGTERM, previous_term)
    if previous_memory is not None:
        try:
            resource.setrlimit(resource.RLIMIT_AS, previous_memory)
        except (ValueError, OSError):
            pass


def end_now(code: int) -> None:
    """Exit at once, without tearing down what the derivation built (freeing a huge
    expression can take seconds): after a deadline or out of memory, in a real process."""
    if not _hard_stop:
        raise SystemExit(code)
    remove_temporaries()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def as_worker() -> None:
    """In a forked worker of a derive process: SIGTERM ends it at once, as multiprocessing
    expects when it ends its workers (the parent's SystemExit handler, inherited, unwound a
    worker into multiprocessing's own shutdown, which could wait for ever on the queue's
    lock: 1 ``derive list`` in about 100 hung so); Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _terminated(signum, frame):
    raise SystemExit(128 + signum)


#: seconds after a swallowed SIGTERM or Ctrl-C at which the signal is sent again
RESEND = 0.05


def _unraisable(unraisable) -> None:
    """sys.unraisablehook: an exception Python cannot raise (one from a weakref or gc
    callback, a ``__del__``).  The ones our signal handlers raise are not errors to show:
    a deadline's ``OutOfTime`` or a proof's ``TimeoutError`` comes again by its own timer;
    SIGTERM's ``SystemExit`` and Ctrl-C's ``KeyboardInterrupt`` are sent again shortly, to
    land where they can be raised.  Anything else is shown as Python would."""
    kind = unraisable.exc_type
    if kind is not None and issubclass(kind, (OutOfTime, TimeoutError)):
        return
    if kind is not None and issubclass(kind, (SystemExit, KeyboardInterrupt)):
        again = signal.SIGINT if issubclass(kind, KeyboardInterrupt) else signal.SIGTERM
        resend = threading.Timer(RESEND, os.kill, args=(os.getpid(), again))
        resend.daemon = True
        resend.start()
        return
    sys.__unraisablehook__(unraisable)


def set_memory_ceiling(limit: int = MEMORY_BYTES) -> tuple[int, int] | None:
    """RLIMIT_AS lowered to ``limit`` (never raised); the previous limits, or None."""
    if resource is None:  # not on this system: unbounded
        return None
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        if soft == resource.RLIM_INFINITY or soft > wanted:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        return None
    return soft, hard


def start_command(seconds: float, doing: str) -> None:
    """The whole command's deadline: ``seconds`` from the process's start."""
    stop_command()
    # in a real process the clock started with the process; called in-process (tests, an
    # embedding program) it starts now
    started = _STARTED if _hard_stop else time.monotonic()
    left = max(seconds - (time.monotonic() - started), 0.01)
    message = f"gave up after {seconds:g} s {doing}; try --timeout {2 * seconds:g}"

    def on_alarm(signum, frame):
        signal.setitimer(signal.ITIMER_REAL, REPEAT)  # again, if this one is swallowed
        raise OutOfTime(message)

    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, left)
    if _hard_stop:
        global _watchdog, _backstop
        _backstop = _start_backstop(left + GRACE + BACKSTOP, message)
        _watchdog = threading.Timer(left + GRACE, _stop_now, args=(message,))
        _watchdog.daemon = True
        _watchdog.start()


def stop_command() -> None:
    global _watchdog, _backstop
    if _watchdog is not None:
        _watchdog.cancel()
        _watchdog = None
    if _backstop is not None:
        try:
            os.kill(_backstop, signal.SIGKILL)
        except OSError:
            pass
        _unreaped.append(_backstop)
        _backstop = None
    _reap()
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def _reap() -> None:
    """Collect the backstops killed so far, without waiting for one: a killed fork of this
    process takes milliseconds to leave (its copy of the address space is torn down), time
    the command does not need to spend.  One not gone yet is collected at the next call;
    the process that ends after the command leaves it to the system."""
    for pid in list(_unreaped):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _unreaped.remove(pid)


def _start_backstop(after: float, message: str) -> int | None:
    """A small child process that kills this one (SIGKILL, exit status 137) ``after``
    seconds from now, with the deadline's line, should even the watchdog thread not run
    (a long computation in C holds the interpreter's lock and no Python code runs).  It
    watches its parent and goes as soon as the parent does; ``stop_command`` ends it."""
    if not hasattr(os, "fork"):
        return None
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid:
        return pid
    try:  # the child: no imports, no locks; sleep, watching the parent
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, 0)
        end = time.monotonic() + after
        while time.monotonic() < end:
            if os.getppid() != parent:
                os._exit(0)
            time.sleep(0.05)
        os.write(2, f"derive: error: {message}\n".encode("utf-8", "replace"))
        os.kill(parent, signal.SIGKILL)
    finally:
        os._exit(0)


def _stop_now(message: str) -> None:
    """The last resort: the process is stuck where no exception reaches (a C loop, a
    handler that swallows everything).  One line, no temporary file left, exit 2."""
    remove_temporaries()
    try:
        os.write(2, f"derive: error: {message}\n".encode("utf-8", "replace"))
    finally:
        os._exit(2)


@contextmanager
def deadline(seconds: float, doing: str) -> Iterator[None]:
    """Run the block for at most `seconds` (and never past the command's deadline); then
    OutOfTime: 'gave up after 20 s deriving sigmoid; try --timeout 40'.  Without SIGALRM
    (not the main thread) the block runs unbounded."""
    from .engine.verify import alarm  # here: this module loads no SymPy (derive --version)

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
