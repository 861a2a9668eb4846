"""Dispatch of the command line to the game families beyond the strategic form.

A library entry carries its ``family`` (:data:`games._registry.FAMILIES`).  The
strategic-form commands (``solve``, ``breakeven``, ``graph``, ``list``) handle
``normal-form`` games themselves and hand every other family to the module that
:data:`FAMILY_MODULES` names for it, which defines the verbs it supports as
functions ``solve(args, entry, game)``, ``breakeven(args, entry, game)``,
``graph(args, entry, game)`` and ``describe(entry, game)``, each returning what
the strategic-form command would (an exit status, or a JSON-ready dict for
``describe``).  The module is imported when the command runs, through the
dispatcher's ``"module:function"`` mechanism (ARCHITECTURE.md), so a family
costs nothing to the commands that do not use it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import games
from games._exact import json_value
from solvers.errors import CLIError

__all__ = ["FAMILY_MODULES", "family_command", "parameter_records"]

#: family -> the module of its command-line verbs.
FAMILY_MODULES: dict[str, str] = {
    "extensive": "solvers.cli.sequential", "repeated": "solvers.cli.sequential",  # game trees, repeated (issue 15)
    "bayesian": "solvers.cli.information", "signaling": "solvers.cli.information",  # hidden information (issue 16)
    "continuous": "solvers.cli.continuous",  # interval strategies (issue 16)
}


def family_command(family: str, verb: str) -> Callable[..., Any]:
    """The function implementing ``verb`` for games of ``family``.

    Raises
    ------
    CLIError
        When no module handles the family, or its module has no such verb; the
        message names the family and the verbs that are available.
    """
    module = FAMILY_MODULES.get(family)
    if module is None:
        raise CLIError(f"{verb}: games of the {family} family are not handled by the command line "
                       f"(handled: normal-form{''.join(', ' + f for f in FAMILY_MODULES)})")
    mod = importlib.import_module(module)
    function = getattr(mod, verb, None)
    if function is None:
        verbs = [v for v in ("solve", "breakeven", "graph", "describe") if hasattr(mod, v)]
        raise CLIError(f"{verb}: not available for {family} games (available: {', '.join(verbs) or 'none'})")
    return function  # type: ignore[no-any-return]


def parameter_records(game: Any) -> list[dict[str, Any]]:
    """The ``parameters`` of a game's ``aligngames list --json`` record: each free parameter by name, with its
    unit, kind and default from the registry (empty for a symbol the registry does not know)."""
    ps = games.essay.parameters()
    records = []
    for name in sorted(s.name for s in game.free_symbols):
        p = ps[name] if name in ps else None
        records.append({"name": name, "unit": p.unit if p else "", "kind": p.kind if p else "",
                        "default": json_value(p.value) if p else None})
    return records
