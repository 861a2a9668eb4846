r"""What ``aligngames list`` and ``aligngames audit`` print, kept in the cache so that the next run starts without sympy.

Listing the games means building every game of the library and the essay's parameter sets, and the
audit recomputes the essay's claims; both need sympy (about 0.8 s of CPU on the command line).
What they print depends only on the sources of ``games`` and of the command line, on
``--scenario`` and, for the audit, on ``--case``.  :mod:`solvers.cli.info` therefore keeps both
forms of the output (the table and the JSON) as one cache file per command and variant, and the
dispatcher (:mod:`solvers.cli.app`) prints a cached one without importing anything heavy.  An
audit with ``--params`` or ``--set`` is never cached (its values are the user's).

Key
    A SHA-256 over the format, the command, the source of every module (an edit of a game, a
    parameter or a family's ``describe`` invalidates it) and the variant (the scenario, and the
    audit's case).
Where and how
    The sweep cache's folder and its checks (:mod:`solvers.sweeps.cachefile`: a regular file only,
    never a symlink, at most 1 MiB, strict JSON nested at most 16 deep); a file that fails them, or
    whose content is not two strings under the right key, is a miss and is rebuilt.  Written
    atomically.  ``ALIGNGAMES_NO_CACHE=1`` turns it off.

Examples
--------
>>> import os, tempfile
>>> saved = os.environ.get("ALIGNGAMES_CACHE_DIR")
>>> os.environ["ALIGNGAMES_CACHE_DIR"] = tempfile.mkdtemp()
>>> load("example") is None
True
>>> store("example", text="Games ...", json_text="{}") is not None
True
>>> load("example")
{'text': 'Games ...', 'json': '{}'}
>>> if saved is None:
...     del os.environ["ALIGNGAMES_CACHE_DIR"]
... else:
...     os.environ["ALIGNGAMES_CACHE_DIR"] = saved
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from games._io import atomic_write_text
from solvers.sweeps.cachefile import MAX_BYTES, _make_room, _parse, _read_regular, cache_dir, source_digest

__all__ = ["load", "store", "variant", "cached_output"]

#: Bumped when what is stored changes.
FORMAT = 1

_ROOT = Path(__file__).resolve().parents[2]


#: The commands whose output is kept.
COMMANDS = ("list", "audit")


def _key(scenario: str, command: str) -> str:
    # every source file counts: the library's families describe themselves through their own modules
    h = hashlib.sha256(f"aligngames {command} format {FORMAT}\0{scenario}\0{source_digest()}".encode())
    return h.hexdigest()


def _path(scenario: str, command: str) -> tuple[Path, str] | None:
    folder = cache_dir()
    if folder is None or command not in COMMANDS or not scenario.isidentifier():
        return None
    key = _key(scenario, command)
    return folder / f"{command}-{scenario}-{key[:32]}.json", key


def variant(args: Any) -> str | None:
    """The cache variant of parsed ``list`` or ``audit`` arguments, or None when the output is not kept.

    ``list``: the scenario.  ``audit``: the scenario and the case (``phd_none``), and None with
    ``--params`` or ``--set`` (the values are then the user's own).  Any other command: None.
    """
    if args.command == "list":
        return str(args.scenario)
    if args.command == "audit" and not args.params and not args.set:
        return f"{args.scenario}_{args.case or 'none'}"
    return None


def cached_output(args: Any) -> dict[str, str] | None:
    """The kept output for these parsed arguments (:func:`variant`, :func:`load`), or None."""
    key = variant(args)
    return None if key is None else load(key, args.command)


def load(scenario: str, command: str = "list") -> dict[str, str] | None:
    """The cached ``{"text": ..., "json": ...}`` output of ``aligngames COMMAND`` for the variant ``scenario``, or None.

    For ``list`` the variant is the scenario; for ``audit`` the scenario and the case joined by
    ``_`` (``phd_none`` for no case).
    """
    where = _path(scenario, command)
    if where is None:
        return None
    path, key = where
    raw = _read_regular(path, MAX_BYTES, follow=False)
    if raw is None:
        return None
    try:
        data = _parse(raw)
    except Exception:  # noqa: BLE001 - any damage to a cache file is a miss
        return None
    if (not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("text"), str)
            or not isinstance(data.get("json"), str)):
        return None
    return {"text": data["text"], "json": data["json"]}


def store(scenario: str, *, text: str, json_text: str, command: str = "list") -> Path | None:
    """Keep the two forms of the command's output; returns the file, or None if it could not be written."""
    where = _path(scenario, command)
    if where is None:
        return None
    path, key = where
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _make_room(path)
        return atomic_write_text(path, json.dumps({"key": key, "text": text, "json": json_text}))
    except (OSError, ValueError):
        return None
