r"""Cache files that trust nothing: where they live, and how one is read and written safely.

The primitives of :mod:`solvers.sweeps.cache` (which keeps compiled sweep templates) that need
neither numpy nor sympy, so that the command line's light paths (``aligngames list`` from its
cache) can use the same checks: the folder (:func:`cache_dir`), a bounded read of a regular file
that never blocks and never follows a symlink (:func:`_read_regular`), strict bounded JSON
(:func:`_parse`) and the clearing of a squatted path before an atomic write (:func:`_make_room`).
See the *Safety* section of :mod:`solvers.sweeps.cache` for why each check is there.

Examples
--------
>>> _parse(b'{"a": [1, 2.5]}')
{'a': [1, 2.5]}
>>> _parse(b'[NaN]')
Traceback (most recent call last):
...
ValueError: JSON constant NaN (allowed: finite numbers only)
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

from games._limits import nesting_depth

__all__ = ["cache_dir", "MAX_BYTES", "MAX_DEPTH", "MAX_INT_DIGITS"]


#: A cache file larger than this is not read.  The library's largest template is 17,458 bytes
#: (alignment_washing); 1 MiB is 60 times that, and bounds what parsing a hostile file can cost.
MAX_BYTES = 1 << 20

#: Deepest nesting of lists and objects in a cache file.  The format fixes it at 9 (the operations' slots
#: inside a continuum layout's program, inside the model, inside the template); a file nested deeper is
#: refused before parsing (deep nesting costs the parser stack and memory).
MAX_DEPTH = 16

#: Longest integer literal in a cache file (the integers of a template are counts and slot numbers; a value
#: is written as a float).  Bounds the parser's int conversion, which is quadratic in the digits.
MAX_INT_DIGITS = 20


def cache_dir() -> Path | None:
    """The cache folder, or None when ``ALIGNGAMES_NO_CACHE`` is set."""
    if os.environ.get("ALIGNGAMES_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("ALIGNGAMES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aligngames"


def _read_regular(path: str | os.PathLike[str], limit: int, *, follow: bool) -> bytes | None:
    """The bytes of the regular file ``path`` if it has at most ``limit`` of them, else None; never blocks.

    Checked before opening (``lstat``, or ``stat`` if ``follow``), opened with ``O_NONBLOCK`` (and
    ``O_NOFOLLOW`` unless ``follow``), checked again on the descriptor (``fstat``: a file swapped in between
    is caught), and read to at most ``limit + 1`` bytes whatever its size claims.
    """
    try:
        info = os.stat(path) if follow else os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
        if not follow:
            flags |= getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return None if size > limit else b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"JSON constant {name} (allowed: finite numbers only)")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"JSON number {text[:40]} overflows a float")
    return value


def _short_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"JSON integer of {len(text)} digits (allowed: at most {MAX_INT_DIGITS})")
    return int(text)


def _parse(raw: bytes) -> Any:
    """Strict JSON of at most :data:`MAX_DEPTH` levels (ValueError otherwise)."""
    text = raw.decode("utf-8")
    if nesting_depth(text) > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH}")
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_short_int)


def _make_room(path: Path) -> None:
    """Remove a symlink or an empty folder at ``path`` (a FIFO or a device is replaced by the rename itself)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        os.unlink(path)
    elif stat.S_ISDIR(info.st_mode):
        os.rmdir(path)  # OSError if it is not empty: the cache is skipped


_SOURCES: str | None = None


def source_digest() -> str:
    """SHA-256 of every source file of ``games`` and ``solvers`` and sympy's version, computed once per process.

    The one key part the caches share (sweep templates, the report, the ``list`` catalogue): a cached
    result is reused only by the code and the sympy that produced it.  Every ``.py``, ``.pyi``,
    ``.sty`` and ``.bib`` file of both packages counts, in sub-packages too (an edit in
    ``solvers/conditions/`` changes what a template holds).  sympy's version is read from the sympy
    that would be imported (:func:`_sympy_version`), without importing it.
    """
    global _SOURCES
    if _SOURCES is None:
        _SOURCES = _digest(Path(__file__).resolve().parent.parent.parent)
    return _SOURCES


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for pkg in ("games", "solvers"):
        for path in sorted((root / pkg).rglob("*")):
            if path.suffix in (".py", ".pyi", ".sty", ".bib") and "__pycache__" not in path.parts:
                h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    version = _sympy_version()
    if version is not None:
        h.update(b"sympy " + version.encode())
    return h.hexdigest()


def _sympy_version() -> str | None:
    """The version of the sympy that ``import sympy`` would load, read from its ``release.py``; never imports it.

    Read from the package's own file rather than its distribution's metadata: ``importlib.metadata``
    costs the command line's light paths about 20 ms of start-up (issue 17), and the file is the
    version of the code actually imported.  None if sympy cannot be found.
    """
    spec = importlib.util.find_spec("sympy")
    if spec is None or not spec.submodule_search_locations:
        return None
    release = Path(next(iter(spec.submodule_search_locations))) / "release.py"
    raw = _read_regular(release, 4096, follow=True)
    found = None if raw is None else re.search(rb"""__version__\s*=\s*["']([^"']+)["']""", raw)
    return None if found is None else found.group(1).decode("ascii", "replace")
