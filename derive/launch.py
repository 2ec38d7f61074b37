"""The ``derive`` command's entry point: a cached output printed before anything heavy loads.

A repeated ``derive NAME``, ``derive NAME --format FMT`` or ``derive list`` is answered
from the cache with the standard library alone: no click, rich or SymPy (about 100 ms
saved; a hit then costs little more than starting Python).  The key is the one
``derive.cli`` computes for the same options (``derive.cache.key``), so any other
command line, a miss, or ``--no-cache`` goes to the full command line unchanged, which
looks in the cache itself.
"""

from __future__ import annotations

import os
import sys

from . import cache

#: ``derive show``'s options at their defaults, as ``derive.cli.show`` puts them in its key.
SHOW_DEFAULTS = {"format": "text", "standalone": False, "params": [], "symbolic": False, "order": 1,
                 "var": "z", "latex": None, "steps": False, "notes": True}
FORMATS = ("text", "latex", "json", "beamer", "markdown")
SUBCOMMANDS = ("show", "notes", "plot", "list", "check")


def cached_output(argv: list[str]) -> bytes | None:
    """The cached bytes for a plain command line, or None (not plain, or not cached)."""
    if argv == ["list"]:
        return cache.load(cache.key("list", {"file": False}, terminal=True))
    if argv[:1] == ["show"]:
        argv = argv[1:]
    if not argv or argv[0].startswith("-") or argv[0] in SUBCOMMANDS:
        return None
    function, rest = argv[0], argv[1:]
    fmt = "text"
    if len(rest) == 2 and rest[0] in ("-f", "--format"):
        fmt = rest[1]
    elif len(rest) == 1 and rest[0].startswith("--format="):
        fmt = rest[0].partition("=")[2]
    elif rest:
        return None
    if fmt not in FORMATS:
        return None
    options = {"function": function, **SHOW_DEFAULTS, "format": fmt}
    return cache.load(cache.key("show", options, terminal=fmt == "text"))


def main() -> None:
    # no stdout at all (closed: `derive sigmoid >&-`): the full command line says so in one line
    usable = sys.stdout is not None
    hit = cached_output(sys.argv[1:]) if usable and cache.directory() is not None else None
    if hit is not None:
        try:
            sys.stdout.buffer.write(hit)
            sys.stdout.flush()
        except BrokenPipeError:
            sys.exit(0)
        return
    from . import collector
    from .startup import install  # here, not above: a hit needs none of it

    collector.pause()
    install()
    from .cli import main as cli_main  # click, and through it the rest: only on a miss

    try:
        cli_main()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    else:
        code = 0
    _exit(code)


def _exit(code: int) -> None:
    """End the process now that the command is done and its output written.

    A normal exit tears down every object the command made, SymPy's caches and modules
    included: 35-40 ms of a 300 ms command, for memory the system takes back anyway.
    Nothing derive needs runs at exit (output files are linked into place and worker
    pools closed before ``cli.main`` returns), so the streams are flushed and the
    process ends.  Only here, in the ``derive`` script: ``cli.main`` called by a program
    (a test) returns through ``SystemExit`` as usual."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # cli.main has said what failed; the code says it too
            pass
    os._exit(code)
