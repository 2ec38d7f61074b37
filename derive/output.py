"""Where output goes: standard output, or a file written whole or not at all.

``-o FILE`` never half-writes: the bytes go to a temporary file in the same folder,
which is renamed over the target only when complete (``os.replace`` is atomic).  An
existing file is replaced only with ``--force``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import click

from .errors import DeriveError


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


def refuse_existing(output: str | None, force: bool) -> None:
    if output is not None and os.path.exists(output) and not force:
        raise DeriveError(f"{output} exists; use --force to overwrite it")


def emit(data: str | bytes, output: str | None, force: bool) -> None:
    """To standard output, or to ``output`` atomically."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        stream = click.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()
        return
    refuse_existing(output, force)
    with atomic(output) as temporary:
        with open(temporary, "wb") as f:
            f.write(data)


@contextmanager
def atomic(output: str, suffix: str = "") -> Iterator[str]:
    """A temporary path to write; renamed to ``output`` if the block succeeds, removed if not."""
    folder = os.path.dirname(os.path.abspath(output))
    try:
        fd, temporary = tempfile.mkstemp(prefix=".derive-", suffix=suffix, dir=folder)
    except OSError as e:
        raise DeriveError(f"cannot write {output}: {e.strerror}") from None
    os.close(fd)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~_umask())  # an ordinary new file, not mkstemp's 0600
        os.replace(temporary, output)
    except OSError as e:
        raise DeriveError(f"cannot write {output}: {e.strerror}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
