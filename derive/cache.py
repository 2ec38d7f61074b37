"""A cache of finished outputs, so that asking again is instant.

A derivation's output depends only on derive's version and code, the command's options,
the output encoding and how the terminal looks (its width, whether it is one, colour
settings); the key is a hash of all of these.  Entries live in ``$XDG_CACHE_HOME/derive``
(``~/.cache/derive``), are written atomically (a temporary file renamed), carry a checksum
so that a truncated or corrupted entry is ignored (and removed), and can be turned off
with ``--no-cache`` or ``DERIVE_NO_CACHE=1``.  This module imports nothing heavy: a hit
never imports SymPy.

Trust: the cache is as trusted as the user's own files, and no more.  The folder must be
the user's own, not a symlink, and is kept at mode 0700 (a folder that is someone else's,
or a symlink, means no cache).  An entry is used only if it is a regular file owned by the
user, at most ``ENTRY_LIMIT`` bytes, opened without following symlinks and without
blocking (a FIFO, a device, a folder or another owner's file is ignored and replaced).
The checksum finds damage, not forgery: whoever can write the user's files can make
derive print anything, as they could by editing derive itself.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

try:  # the built-in module: hashlib would load OpenSSL's first (2 ms of a 30 ms cache hit)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

from . import __version__

MAGIC = b"derive-cache 1 "
TERMINAL_ENV = ("COLUMNS", "LINES", "TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")
#: the output's encoding is chosen from these (PYTHONIOENCODING=ascii prints "beta", not β)
ENCODING_ENV = ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LC_CTYPE", "LANG")
#: the largest entry read (the whole catalog is about 10 kB)
ENTRY_LIMIT = 4_000_000


def directory() -> Path | None:
    if os.environ.get("DERIVE_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.environ.get("HOME")
        if not home:
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "derive"


def _own_folder(create: bool) -> Path | None:
    """The cache folder if it is the user's own (created 0700 if asked), else None."""
    folder = directory()
    if folder is None:
        return None
    if create:
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
    try:
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return None  # a symlink, a file, someone else's folder: no cache
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(folder, 0o700)
        except OSError:
            return None
    return folder


def _code() -> list:
    """derive's own files (name, size, modification time): an edited checkout is a new
    version as far as the cache is concerned, without reading a byte of the code.

    ``os.scandir`` and ``os.stat`` rather than ``Path.rglob``: the same facts in a tenth
    of the time (about 0.3 ms for 50 files), which is most of what a cache hit costs."""
    out = []
    root = os.path.dirname(os.path.abspath(__file__))
    folders = [""]
    while folders:
        folder = folders.pop()
        with os.scandir(os.path.join(root, folder)) as entries:
            for entry in entries:
                name = entry.name if not folder else folder + "/" + entry.name
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    folders.append(name)
                elif name.endswith(".py"):
                    info = os.stat(entry.path)
                    out.append([name, info.st_size, info.st_mtime_ns])
    out.sort()
    return out


def key(command: str, options: dict, *, terminal: bool) -> str:
    """The entry's name: version, code, command, options and, for terminal text, the terminal."""
    parts = {"version": __version__, "code": _code(), "command": command, "options": options,
             "encoding": [getattr(sys.stdout, "encoding", None), *(os.environ.get(n) for n in ENCODING_ENV)]}
    if terminal:
        size = shutil.get_terminal_size((80, 24))
        parts["terminal"] = {"isatty": sys.stdout.isatty(), "size": [size.columns, size.lines],
                             **{name: os.environ.get(name) for name in TERMINAL_ENV}}
    blob = json.dumps(parts, sort_keys=True, default=str).encode("utf-8")
    return _digest(blob)


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=32).hexdigest()


def load(name: str) -> bytes | None:
    """The payload stored under ``name``, or None: missing, damaged, or not to be trusted."""
    folder = _own_folder(create=False)
    if folder is None:
        return None
    path = folder / name
    data = _read_entry(path)
    if data is None:
        return None
    header, _, payload = data.partition(b"\n")
    if header.startswith(MAGIC) and header[len(MAGIC):].decode("ascii", "replace") == _digest(payload):
        return payload
    _remove(path)  # truncated or corrupted: not to be trusted, not to be kept
    return None


def _read_entry(path: Path) -> bytes | None:
    """An entry's bytes if it is a regular file of the user's, not too large; anything else
    is removed (it is replaced by the next store)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError:  # a symlink (ELOOP), unreadable: not an entry of ours
        _remove(path)
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_size > ENTRY_LIMIT:
            data = None
        else:
            data = os.read(fd, ENTRY_LIMIT + 1)
            while data and len(data) <= ENTRY_LIMIT:
                more = os.read(fd, ENTRY_LIMIT + 1 - len(data))
                if not more:
                    break
                data += more
            if len(data) > ENTRY_LIMIT:
                data = None
    except OSError:
        data = None
    finally:
        os.close(fd)
    if data is None:
        _remove(path)
    return data


def _remove(path: Path) -> None:
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        pass


def store(name: str, payload: bytes) -> None:
    """Best effort: a cache that cannot be written is no cache, never an error; the
    temporary file never outlives the call."""
    folder = _own_folder(create=True)
    if folder is None:
        return
    temporary = None
    try:
        fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + _digest(payload).encode("ascii") + b"\n" + payload)
        target = folder / name
        if os.path.lexists(target) and stat.S_ISDIR(os.lstat(target).st_mode):
            _remove(target)
        os.replace(temporary, target)
        temporary = None
    except OSError:
        pass
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
