r"""A disk cache of sweep templates, so that a repeated ``aligngames sweep`` starts without sympy.

The symbolic stage of a sweep (:func:`solvers.sweeps.template.build_template`:
import sympy, derive the closed-form conditions, compile them) takes about
1.5 s on the command line; the numeric stage over 10 million Monte Carlo
samples takes about half a second.  The command line therefore keeps each
template it builds as a JSON file and, when the same game and parameter
options come again, loads it and runs the numeric stage alone.

Key
    A SHA-256 over: the template format, the source of every module of
    ``games`` and ``solvers`` (any edit invalidates every entry), the sympy
    version, and the options that decide the template -- the game name,
    ``--scenario``, ``--case``, the *content* of the ``--params`` file and
    the ``--set`` items in order.  Options of the numeric stage (``--samples``,
    ``--vary``, ``--range``, ``--seed`` ...) are not part of it.
Where
    ``$ALIGNGAMES_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/aligngames``,
    else ``~/.cache/aligngames``.  ``ALIGNGAMES_NO_CACHE=1`` turns the cache off.
Safety
    A file holds data only: :meth:`solvers.sweeps.model.SweepTemplate.from_dict`
    checks every field and every operation against the whitelist of
    :mod:`solvers.sweeps.program`; nothing read is evaluated.  A file that is
    unreadable, too large (over :data:`MAX_BYTES`) or malformed counts as a
    miss and is rewritten.  Files are written atomically (a temporary file
    renamed), so concurrent sweeps never see half a file; a cache that
    cannot be written is skipped silently -- the sweep itself is unaffected.

Examples
--------
>>> import os, tempfile
>>> os.environ["ALIGNGAMES_CACHE_DIR"] = tempfile.mkdtemp()
>>> key = template_key("great_power_race", scenario="phd", case=None, params_file=None, sets=[])
>>> load(key) is None
True
>>> from solvers.sweeps.template import build_template
>>> path = store(key, build_template("great_power_race"))
>>> load(key).model.labels[0]
'(Alignment, Alignment)'
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from games._io import atomic_write_text
from games._numbers import MAX_PARAMETER_FILE_BYTES
from solvers.sweeps.model import SweepTemplate
from solvers.sweeps.program import FORMAT_VERSION

__all__ = ["template_key", "load", "store", "cache_dir", "MAX_BYTES"]


#: A cache file larger than this is not read (a template is a few tens of KiB).
MAX_BYTES = 16 * 1024 * 1024


_SOURCE_HASH: str | None = None


def cache_dir() -> Path | None:
    """The cache folder, or None when ``ALIGNGAMES_NO_CACHE`` is set."""
    if os.environ.get("ALIGNGAMES_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("ALIGNGAMES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aligngames"


def _source_hash() -> str:
    """SHA-256 of the games and solvers sources and the sympy version (computed once per process)."""
    global _SOURCE_HASH
    if _SOURCE_HASH is None:
        import importlib.util

        h = hashlib.sha256()
        for pkg in ("games", "solvers"):
            folder = Path(__file__).resolve().parent.parent / pkg
            for path in sorted(folder.glob("*.py")):
                h.update(f"{pkg}/{path.name}\0".encode())
                h.update(path.read_bytes())
        spec = importlib.util.find_spec("sympy")  # finds the package without importing it
        if spec is not None and spec.origin:
            release = Path(spec.origin).with_name("release.py")
            text = release.read_text() if release.exists() else ""
            m = re.search(r"__version__\s*=\s*['\"]([^'\"]+)['\"]", text)
            h.update(f"sympy {m.group(1) if m else spec.origin}".encode())
        _SOURCE_HASH = h.hexdigest()
    return _SOURCE_HASH


def template_key(game: str, *, scenario: str | None, case: str | None, params_file: str | None,
                 sets: Sequence[str]) -> str | None:
    """The cache key of the template of ``game`` under these parameter options (None: do not cache).

    None when the cache is off or the ``--params`` file is not a readable
    regular file of at most 1 MiB (the full path then reports the problem).
    """
    if cache_dir() is None:
        return None
    h = hashlib.sha256()
    h.update(f"aligngames sweep template format {FORMAT_VERSION}\0{_source_hash()}\0".encode())
    h.update(json.dumps([game, scenario, case, list(sets)]).encode())
    if params_file:
        try:
            info = os.stat(params_file)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_PARAMETER_FILE_BYTES:
                return None  # a FIFO, a device, a huge file: the full path refuses it with its own message
            data = Path(params_file).read_bytes()
        except OSError:
            return None
        h.update(b"\0params\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def _path(key: str) -> Path | None:
    folder = cache_dir()
    if folder is None or not re.fullmatch(r"[0-9a-f]{64}", key):
        return None
    return folder / f"sweep-template-{key}.json"


def load(key: str | None) -> SweepTemplate | None:
    """The cached template under ``key``, or None (no key, no file, or a file that fails the checks)."""
    path = None if key is None else _path(key)
    if path is None:
        return None
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        return SweepTemplate.from_dict(data.get("template"))
    except Exception:  # noqa: BLE001 - any damage to a cache file is a miss: the template is rebuilt
        return None


def store(key: str | None, template: SweepTemplate) -> Path | None:
    """Write ``template`` under ``key`` atomically; returns the file, or None if it could not be written."""
    path = None if key is None else _path(key)
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return atomic_write_text(path, json.dumps({"key": key, "template": template.to_dict()}))
    except (OSError, ValueError):
        return None

