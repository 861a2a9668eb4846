"""Atomic file output: write to a temporary file beside the target, then rename.

An interrupted write never leaves a partial or corrupt file at the target path:
either the old file (or none) is there, or the complete new one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from games.errors import OutputError

__all__ = ["atomic_write_text", "atomic_write_bytes"]


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    Raises
    ------
    OutputError
        If the folder does not exist, is not writable, or ``path`` is a folder.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputError(f"cannot write {str(target)!r}: it is a folder, give a file path")
    if not folder.is_dir():
        raise OutputError(f"cannot write {str(target)!r}: folder {str(folder)!r} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from None
        raise
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically and return the path."""
    return atomic_write_bytes(path, text.encode("utf-8"))
