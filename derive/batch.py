"""Checking whole texts and files: one at a time, or many in worker processes.

A worker returns plain data (the JSON of ``derive.render.check``), so that results
cross process boundaries and every file is reported the same way.  One unreadable or
hostile file is reported as such and does not stop the others.

It sits above the checker and the renderer, beside the API and the command line that
call it: the checker (``derive.check``) reads and judges one text and never imports a
renderer; the data a worker sends back is the renderer's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from .errors import DeriveError
from .check.document import DocumentError, clash, read_document

from .limits import DEFAULT_SECONDS as DEFAULT_TIMEOUT


def function_from(spec: str | None, var: str, written: frozenset = frozenset()):
    """g from --function: a catalog name (with its default parameters, but those the text
    writes, ``written``) or a typed formula."""
    if spec is None:
        return None
    from .definitions import definition  # here: the catalog is read only for --function (4 ms)

    return definition(spec, var, written)


def check_text(text: str, *, var: str | None = None, function: str | None = None, timeout: float = DEFAULT_TIMEOUT):
    """(the CheckedChain, or None) and its problem (None, or one line why not)."""
    from .limits import OutOfTime, deadline
    from .check.chain import check_document

    try:
        # the alarm stops one slow step; the line-by-line deadline inside also works where
        # no alarm can be set (a thread), so a file is bounded either way
        with deadline(timeout, "checking"):
            document = read_document(text, var=var)
            written = frozenset(str(x) for s in document.steps if s.expr is not None for x in s.expr.free_symbols)
            g = function_from(function, str(document.var), written)
            if g is not None and (clashing := clash(document, g, function)) is not None:
                return None, clashing  # the text defines another function than --function
            chain = check_document(document, function=g, deadline=time.monotonic() + timeout)
        return (None, chain.problem) if chain.problem is not None else (chain, None)
    except (DocumentError, OutOfTime) as e:
        return None, str(e)
    except DeriveError as e:
        return None, str(e)
    except RecursionError:
        return None, "the text is nested too deeply to read"


def read_text(path: str) -> tuple[str | None, str | None]:
    """(text, None) or (None, why it cannot be read).

    Bounded: a regular file or standard input only, at most INPUT_LIMIT bytes read; a
    FIFO, a device or a folder is refused without waiting on it (opened non-blocking).  A
    UTF-8 byte-order mark at the start is not part of the text."""
    try:
        data = _read_stdin() if path == "-" else _read_file(path)
    except _Refused as e:
        return None, str(e)
    except OSError as e:
        return None, f"cannot read the file: {e.strerror or e}"
    if len(data) > INPUT_LIMIT:
        return None, _too_large()
    if b"\x00" in data:
        return None, "not a text file (it contains NUL bytes)"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, "not UTF-8 text"
    return text.removeprefix("\ufeff"), None


#: the most a file to check may hold (1 MB: a long derivation is a few kB)
INPUT_LIMIT = 1_000_000


class _Refused(Exception):
    pass


def _too_large() -> str:
    return f"larger than {INPUT_LIMIT // 1_000_000} MB, the limit for a file to check"


def _read_stdin() -> bytes:
    import sys

    if sys.stdin is None:
        raise _Refused("standard input is closed")
    return sys.stdin.buffer.read(INPUT_LIMIT + 1)


def _read_file(path: str) -> bytes:
    import os
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)  # non-blocking: a FIFO with no writer does not hold us
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _Refused("a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("not a regular file (a FIFO, socket or device)")
        if info.st_size > INPUT_LIMIT:
            raise _Refused(_too_large())
        chunks, size = [], 0
        while size <= INPUT_LIMIT:
            chunk = os.read(fd, INPUT_LIMIT + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def check_file(path: str, *, var: str | None = None, function: str | None = None,
               timeout: float = DEFAULT_TIMEOUT) -> dict:
    """The JSON data for one file: {"file": ..., "valid": ..., ...}."""
    from .render.check import check_data

    text, problem = read_text(path)
    chain = None
    if text is not None:
        chain, problem = check_text(text, var=var, function=function, timeout=timeout)
    return {"file": "<stdin>" if path == "-" else path, **check_data(chain, problem)}


#: a batch result's problem when its worker process died (kill -9, the OOM killer)
WORKER_DIED = "worker died (killed, or out of memory) while checking this file"
#: a batch result's problem when the batch was stopped before its turn, and the exit code
INTERRUPTED = {"not checked: interrupted (Ctrl-C)": 130, "not checked: interrupted (terminated)": 143}
#: seconds past --timeout after which a worker that did not answer is killed
KILL_GRACE = 2.0


def check_many(paths: list[str], *, jobs: int, done: Callable[[dict], None] | None = None, **options) -> list[dict]:
    """Every file checked, in worker processes; results in the order of ``paths``.

    One process per job, one file at a time each: a worker that dies (kill -9, out of
    memory) costs its own file only (WORKER_DIED) and is replaced; one that outlives
    --timeout by KILL_GRACE is killed.  Ctrl-C or SIGTERM kills every worker at once and
    returns what is done, the rest marked INTERRUPTED."""
    from collections import deque
    from multiprocessing.connection import wait

    from .render.check import check_data
    from .check import diagnose  # noqa: F401 -- loaded once here, so that no forked worker loads it again

    context = _context()
    limit = float(options.get("timeout", DEFAULT_TIMEOUT)) + KILL_GRACE
    results: dict[int, dict] = {}
    waiting = deque(range(len(paths)))
    workers: list[_Worker] = []

    def finish(i: int, result: dict) -> None:
        results[i] = result
        if done is not None:
            done(result)

    try:
        while waiting or any(w.index is not None for w in workers):
            workers = [w for w in workers if w.alive]
            while waiting and len(workers) < max(jobs, 1):
                workers.append(_Worker(context, options))
            for worker in workers:
                if worker.index is None and waiting:
                    worker.give(waiting.popleft(), paths)
            busy = [w for w in workers if w.index is not None]
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.5)
            for worker in busy:
                i = worker.index
                answer = worker.answer()
                if answer is not None:
                    finish(i, answer)
                elif not worker.process.is_alive():
                    worker.kill()
                    finish(i, {"file": paths[i], **check_data(None, WORKER_DIED)})
                elif worker.running_for() > limit:
                    worker.kill()
                    finish(i, {"file": paths[i], **check_data(None, f"gave up after {limit - KILL_GRACE:g} s; "
                                                                    f"try --timeout {2 * (limit - KILL_GRACE):g}")})
    except (KeyboardInterrupt, SystemExit) as stop:
        code = 143 if isinstance(stop, SystemExit) else 130
        message = next(m for m, c in INTERRUPTED.items() if c == code)
        for worker in workers:
            worker.kill()
        for i, path in enumerate(paths):
            results.setdefault(i, {"file": path, **check_data(None, message)})
    finally:
        for worker in workers:
            worker.kill()
    return [results[i] for i in range(len(paths))]


def _context():
    import multiprocessing

    # fork: a worker starts in milliseconds with SymPy already imported
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


class _Worker:
    """One worker process and the pipe to it; ``index`` is the file it is checking."""

    def __init__(self, context, options: dict) -> None:
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, options), daemon=True)
        self.process.start()
        theirs.close()
        self.index: int | None = None
        self.started = 0.0
        self.alive = True

    def give(self, index: int, paths: list[str]) -> None:
        self.index, self.started = index, time.monotonic()
        try:
            self.conn.send(paths[index])
        except OSError:  # died before it could be given anything: noticed by the caller
            pass

    def answer(self) -> dict | None:
        try:
            if not self.conn.poll():
                return None
            result = self.conn.recv()
        except (EOFError, OSError):
            return None
        self.index = None
        return result

    def running_for(self) -> float:
        return time.monotonic() - self.started

    def kill(self) -> None:
        self.index, self.alive = None, False
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


def _serve(conn, options: dict) -> None:
    """A worker: paths in, result data out, until the pipe closes.  Ctrl-C is the parent's
    to handle (it kills the workers), so no worker prints a traceback."""
    from . import collector
    from .limits import as_worker, set_memory_ceiling

    collector.pause()  # a worker lives as long as the batch: its own pause, then collections
    as_worker()
    set_memory_ceiling()
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_safe_check(path, options))


def _safe_check(path: str, options: dict) -> dict:
    """A worker's check: whatever happens, data comes back (never an exception)."""
    from .render.check import check_data

    try:
        return check_file(path, **options)
    except MemoryError:
        from .limits import out_of_memory

        return {"file": path, **check_data(None, str(out_of_memory()))}
    except RecursionError:
        return {"file": path, **check_data(None, "the text is nested too deeply to read")}
    except Exception as e:  # noqa: BLE001 -- one broken file must not stop the class
        return {"file": path, **check_data(None, f"internal error (a bug, please report it): {type(e).__name__}")}


def exit_code(results: Iterable[dict]) -> int:
    """0 all valid, 1 a wrong line (or a worker that died) somewhere, 2 an unreadable file
    somewhere; 130/143 a batch interrupted by Ctrl-C/SIGTERM."""
    results = list(results)
    for message, code in INTERRUPTED.items():
        if any(r["problem"] == message for r in results):
            return code
    if any((r["problem"] is not None and r["problem"] != WORKER_DIED)
           or any(line["verdict"] == "unreadable" for line in r["lines"]) for r in results):
        return 2
    return 0 if all(r["valid"] for r in results) else 1
