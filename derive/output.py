"""Where output goes: standard output, or a file written whole or not at all.

``-o FILE`` never half-writes and never overwrites by surprise:

- the bytes go to an unnamed temporary file in the target's folder (Linux ``O_TMPFILE``:
  nothing is visible until it is complete, so even ``kill -9`` leaves no stray file);
  elsewhere to a ``.derive-*`` file, removed on every exit derive sees (errors, Ctrl-C,
  SIGTERM; ``kill -9`` can leave it);
- without ``--force`` the finished file is *linked* to the target name, which fails if
  anything is there — a file, a folder, a dangling symlink — even one created while derive
  was computing: the existence check and the publishing are one atomic step;
- with ``--force`` it is renamed over the target (``os.replace``, atomic), keeping the
  target's permission bits; a new file gets the usual ``0666 & ~umask``.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import DeriveError

#: why a hard link cannot be made here (the filesystem or a sandbox), as opposed to "it exists"
_NO_LINK = (errno.EXDEV, errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOENT, errno.EACCES)
#: temporary files alive now; removed by ``remove_temporaries`` on a hard stop (limits.py)
_TEMPORARIES: set[str] = set()


def format_from(output: str | None, table: dict[str, str], default: str) -> str:
    """The format an output file's extension names (``.tex`` → latex), or ``default``."""
    if output is None:
        return default
    suffix = os.path.splitext(output)[1].lower()
    if suffix not in table:
        known = ", ".join(sorted(table))
        raise DeriveError(f"cannot tell the format from {os.path.basename(output)!r}: use --format, "
                          f"or an extension among {known}")
    return table[suffix]


def _exists_error(output: str) -> DeriveError:
    return DeriveError(f"{output} exists; use --force to overwrite it")


def refuse_existing(output: str | None, force: bool) -> None:
    """An early answer (before any work); ``atomic`` checks again when it publishes."""
    if output is not None and not force and os.path.lexists(output):  # a dangling symlink exists too
        raise _exists_error(output)


def write_stdout(data: bytes) -> None:
    """The bytes to standard output (its binary buffer where there is one)."""
    stream = sys.stdout
    if stream is None:
        raise OSError(errno.EBADF, "standard output is closed")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(data)
        buffer.flush()
    else:  # a text-only stream (a test's StringIO)
        stream.write(data.decode("utf-8"))
        stream.flush()


def emit(data: str | bytes, output: str | None, force: bool) -> None:
    """To standard output, or to ``output`` atomically."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        write_stdout(data)
        return
    refuse_existing(output, force)
    with atomic(output, force=force) as temporary:
        with open(temporary, "wb") as f:
            f.write(data)


@contextmanager
def atomic(output: str, suffix: str = "", *, force: bool = False) -> Iterator[str]:
    """A path to write; published as ``output`` if the block succeeds, gone if not.

    Without ``force``, publishing fails (one line, nothing written) if ``output`` exists by
    then, whatever created it meanwhile."""
    folder = os.path.dirname(os.path.abspath(output))
    unnamed = _unnamed(folder)
    try:
        if unnamed is not None:
            fd, path = unnamed, f"/proc/self/fd/{unnamed}"
            yield path
            _publish_unnamed(fd, output, force)
        else:
            try:
                fd, path = tempfile.mkstemp(prefix=".derive-", suffix=suffix, dir=folder)
            except OSError as e:
                raise DeriveError(f"cannot write {output}: {e.strerror}") from None
            os.close(fd)
            _TEMPORARIES.add(path)
            try:
                yield path
                _publish_named(path, output, force)
            finally:
                _discard(path)
    except FileExistsError:
        raise _exists_error(output) from None
    except OSError as e:
        raise DeriveError(f"cannot write {output}: {e.strerror or e}") from None
    finally:
        if unnamed is not None:
            os.close(unnamed)


def _unnamed(folder: str) -> int | None:
    """An O_TMPFILE descriptor in ``folder`` (no name until linked), or None where there is none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_RDWR | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:  # a filesystem without O_TMPFILE: the named way
        return None


def _publish_unnamed(fd: int, output: str, force: bool) -> None:
    os.fchmod(fd, _mode_for(output, force))
    source = f"/proc/self/fd/{fd}"
    if not force:
        try:
            os.link(source, output, follow_symlinks=True)  # FileExistsError if anything is there
            return
        except OSError as e:
            if e.errno not in _NO_LINK:
                raise
        return _publish_copy(fd, output, force)
    folder = os.path.dirname(os.path.abspath(output))
    for _ in range(100):  # link under a fresh name, then rename over the target
        name = os.path.join(folder, f".derive-{os.urandom(6).hex()}")
        try:
            os.link(source, name, follow_symlinks=True)
        except FileExistsError:
            continue
        except OSError as e:
            if e.errno not in _NO_LINK:
                raise
            return _publish_copy(fd, output, force)
        _TEMPORARIES.add(name)
        try:
            os.replace(name, output)
        finally:
            _discard(name)
        return
    raise OSError(errno.EEXIST, "no free temporary name")


def _publish_copy(fd: int, output: str, force: bool) -> None:
    """Where /proc links cannot be made (some sandboxes: EXDEV): the finished bytes copied
    to a named temporary file, published from there; it is visible for that moment only."""
    folder = os.path.dirname(os.path.abspath(output))
    named, path = tempfile.mkstemp(prefix=".derive-", dir=folder)
    _TEMPORARIES.add(path)
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        with os.fdopen(named, "wb") as f:
            while chunk := os.read(fd, 1 << 20):
                f.write(chunk)
        _publish_named(path, output, force)
    finally:
        _discard(path)


def _publish_named(path: str, output: str, force: bool) -> None:
    os.chmod(path, _mode_for(output, force))
    if force:
        os.replace(path, output)
        return
    try:
        os.link(path, output)  # FileExistsError if anything is there
    except OSError as e:
        if e.errno not in _NO_LINK or e.errno == errno.ENOENT:
            raise
        # a filesystem without hard links: claim the name exclusively, then fill it
        os.close(os.open(output, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        os.replace(path, output)


def _mode_for(output: str, force: bool) -> int:
    """The target's permission bits when it is replaced; a new file's otherwise."""
    if force:
        try:
            info = os.stat(output)
        except OSError:
            info = None
        if info is not None and stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    return 0o666 & ~_umask()


def _discard(path: str) -> None:
    _TEMPORARIES.discard(path)
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        pass


def remove_temporaries() -> None:
    """Every temporary file still there (a hard stop: the deadline's last resort)."""
    for path in list(_TEMPORARIES):
        _discard(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
