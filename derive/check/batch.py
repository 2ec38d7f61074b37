"""Checking whole texts and files: one at a time, or many in worker processes.

A worker returns plain data (the JSON of ``derive.render.check``), so that results
cross process boundaries and every file is reported the same way.  One unreadable or
hostile file is reported as such and does not stop the others.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import DeriveError
from .document import DocumentError, read_document

from ..limits import DEFAULT_SECONDS as DEFAULT_TIMEOUT


def function_from(spec: str | None, var: str):
    """g from --function: a catalog name (with its default parameters) or a typed formula."""
    if spec is None:
        return None
    from ..api import derive

    return derive(spec, var=var).definition


def check_text(text: str, *, var: str | None = None, function: str | None = None, timeout: float = DEFAULT_TIMEOUT):
    """(the CheckedChain, or None) and its problem (None, or one line why not)."""
    from ..limits import OutOfTime, deadline
    from .chain import check_document

    try:
        # the alarm stops one slow step; the line-by-line deadline inside also works where
        # no alarm can be set (a thread), so a file is bounded either way
        with deadline(timeout, "checking"):
            document = read_document(text, var=var)
            g = function_from(function, str(document.var))
            chain = check_document(document, function=g, deadline=time.monotonic() + timeout)
        return (None, chain.problem) if chain.problem is not None else (chain, None)
    except (DocumentError, OutOfTime) as e:
        return None, str(e)
    except DeriveError as e:
        return None, str(e)
    except RecursionError:
        return None, "the text is nested too deeply to read"


def read_text(path: str) -> tuple[str | None, str | None]:
    """(text, None) or (None, why it cannot be read)."""
    import sys

    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as e:
        return None, f"cannot read the file: {e.strerror or e}"
    if b"\x00" in data:
        return None, "not a text file (it contains NUL bytes)"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, "not UTF-8 text"


def check_file(path: str, *, var: str | None = None, function: str | None = None,
               timeout: float = DEFAULT_TIMEOUT) -> dict:
    """The JSON data for one file: {"file": ..., "valid": ..., ...}."""
    from ..render.check import check_data

    text, problem = read_text(path)
    chain = None
    if text is not None:
        chain, problem = check_text(text, var=var, function=function, timeout=timeout)
    return {"file": "<stdin>" if path == "-" else path, **check_data(chain, problem)}


def check_many(paths: list[str], *, jobs: int, done: Callable[[dict], None] | None = None, **options) -> list[dict]:
    """Every file checked, in worker processes; results in the order of ``paths``."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: dict[int, dict] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_safe_check, path, options): i for i, path in enumerate(paths)}
        for future in as_completed(futures):
            i = futures[future]
            results[i] = future.result()
            if done is not None:
                done(results[i])
    return [results[i] for i in range(len(paths))]


def _safe_check(path: str, options: dict) -> dict:
    """A worker's check: whatever happens, data comes back (never an exception)."""
    try:
        return check_file(path, **options)
    except Exception as e:  # noqa: BLE001 -- one broken file must not stop the class
        from ..render.check import check_data

        return {"file": path, **check_data(None, f"internal error (a bug, please report it): {type(e).__name__}")}


def exit_code(results: Iterable[dict]) -> int:
    """0 all valid, 1 a wrong line somewhere, 2 an unreadable file somewhere."""
    results = list(results)
    if any(r["problem"] is not None or any(line["verdict"] == "unreadable" for line in r["lines"]) for r in results):
        return 2
    return 0 if all(r["valid"] for r in results) else 1
