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
Safety (a cache that trusts nothing)
    The cache folder may be shared, or written by another program: a file
    in it is data from a stranger.  Before any byte is parsed:

    - only a regular file is opened: ``os.lstat`` first (a FIFO, a device,
      a socket, a folder or a **symlink** at the cache path is refused
      without being opened), then ``open`` with ``O_NONBLOCK`` (a FIFO
      swapped in between never blocks) and ``O_NOFOLLOW``, then ``fstat`` of
      the opened descriptor (race-safe).  Symlinks are refused because the
      cache never makes one (it writes regular files and renames them into
      place), and following one could read a device (``/dev/zero``) or any
      file of the user; the folder itself may be a symlink (only the last
      component is checked);
    - at most :data:`MAX_BYTES` + 1 bytes are read, whatever ``st_size``
      says (it is 0 for devices);
    - the text must be UTF-8 and nest at most :data:`MAX_DEPTH` deep (a
      cheap pre-scan), and the JSON is strict: ``NaN``, ``Infinity``,
      ``-Infinity``, floats that overflow and integers of more than
      :data:`MAX_INT_DIGITS` digits are refused by the parser;
    - :meth:`solvers.sweeps.model.SweepTemplate.from_dict` then checks the
      sizes (records, quantities, inputs, operations: the limits of
      :mod:`solvers.sweeps.model` and :mod:`solvers.sweeps.program`) before
      it builds anything, then every field and every operation against the
      whitelist of :mod:`solvers.sweeps.program`, and runs the programs once
      on two points; nothing read is ever evaluated as code.

    Anything refused counts as a miss: the template is rebuilt and the file
    rewritten (a symlink or an empty folder squatting at the path is removed
    first; a folder that is not empty is left alone and the cache skipped).
    Files are written atomically (a temporary file renamed), so concurrent
    sweeps never see half a file; a cache that cannot be written is skipped
    silently -- the sweep itself is unaffected.

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
import re
from collections.abc import Sequence
from pathlib import Path

from games._io import atomic_write_text
from games._numbers import MAX_PARAMETER_FILE_BYTES
from solvers.sweeps.cachefile import (  # the safe reading and writing of cache files, shared with the CLI's list
    MAX_BYTES,
    MAX_DEPTH,
    MAX_INT_DIGITS,
    _make_room,
    _parse,
    _read_regular,
    cache_dir,
    source_digest,
)
from solvers.sweeps.model import SweepTemplate
from solvers.sweeps.program import FORMAT_VERSION

__all__ = ["template_key", "load", "store", "cache_dir", "MAX_BYTES", "MAX_DEPTH", "MAX_INT_DIGITS"]



def template_key(game: str, *, scenario: str | None, case: str | None, params_file: str | None,
                 sets: Sequence[str]) -> str | None:
    """The cache key of the template of ``game`` under these parameter options (None: do not cache).

    None when the cache is off or the ``--params`` file is not a readable
    regular file of at most 1 MiB (the full path then reports the problem).
    """
    if cache_dir() is None:
        return None
    h = hashlib.sha256()
    h.update(f"aligngames sweep template format {FORMAT_VERSION}\0{source_digest()}\0".encode())
    h.update(json.dumps([game, scenario, case, list(sets)]).encode())
    if params_file:
        data = _read_regular(params_file, MAX_PARAMETER_FILE_BYTES, follow=True)
        if data is None:
            return None  # missing, a FIFO, a device, a huge file: the full path refuses it with its own message
        h.update(b"\0params\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def _path(key: str) -> Path | None:
    folder = cache_dir()
    if folder is None or not re.fullmatch(r"[0-9a-f]{64}", key):
        return None
    return folder / f"sweep-template-{key}.json"


def load(key: str | None) -> SweepTemplate | None:
    """The cached template under ``key``, or None (no key, no file, or a file that fails the checks).

    Never blocks, never reads more than :data:`MAX_BYTES` + 1 bytes, never raises: see *Safety* above.
    """
    path = None if key is None else _path(key)
    if path is None:
        return None
    raw = _read_regular(path, MAX_BYTES, follow=False)
    if raw is None:
        return None
    try:
        data = _parse(raw)
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        return SweepTemplate.from_dict(data.get("template"))
    except Exception:  # noqa: BLE001 - any damage to a cache file is a miss: the template is rebuilt
        return None


def store(key: str | None, template: SweepTemplate) -> Path | None:
    """Write ``template`` under ``key`` atomically; returns the file, or None if it could not be written.

    Strict JSON (no ``NaN``/``Infinity``: :meth:`~solvers.sweeps.program.NumericProgram.to_dict` writes
    non-finite constants as strings).  A symlink or an empty folder at the path is removed first (a
    symlink is never followed); a folder that is not empty is left and the cache skipped.
    """
    path = None if key is None else _path(key)
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"key": key, "template": template.to_dict()}, allow_nan=False)
        _make_room(path)
        return atomic_write_text(path, text)
    except (OSError, ValueError):
        return None
