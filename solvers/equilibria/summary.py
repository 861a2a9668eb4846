r"""Readable lines and JSON records of a numeric game's equilibria (the command line and the report)."""

from __future__ import annotations

import importlib
from typing import Any

import sympy

from games._text import format_number
from games.core import Game
from games.symmetric import SymmetricGame
from solvers.equilibria.nash import nash_equilibria

__all__ = ["equilibria_summary"]

#: The solver of symmetric n-player games, imported by name when one is summarised: a strategic-form
#: ``aligngames solve`` does not load it (the command line's start-up, issue 17; ARCHITECTURE.md, "Imports by name").
_SYMMETRIC = "solvers.equilibria.symmetric"


def equilibria_summary(game: Game | SymmetricGame) -> tuple[list[str], list[dict[str, Any]]]:
    """Solve a numeric game; return one readable line and one JSON record per equilibrium.

    For a degenerate two-player game a last line describes the connected sets
    of equilibria (every equilibrium is a mixture within one of them).

    A :class:`~games.core.Game` is solved with :func:`~solvers.equilibria.nash.nash_equilibria`
    (records as :meth:`Equilibrium.to_dict`), a
    :class:`~games.symmetric.SymmetricGame` with
    :func:`~solvers.equilibria.symmetric.symmetric_equilibria` (records with the
    probability ``p_first`` of the first strategy, kind, payoff, stability).
    """
    lines: list[str] = []
    if isinstance(game, Game):
        eqs = nash_equilibria(game)
        lines = [str(e) for e in eqs]
        if eqs.degenerate and eqs.components:
            lines.append(f"degenerate game: the equilibria form {len(eqs.components)} connected set(s): "
                         + "; ".join(str(c) for c in eqs.components))
        return lines, [dict(e.to_dict(), text=str(e)) for e in eqs]
    first = (game.strategies or ("first",))[0]
    recs: list[dict[str, Any]] = []
    for e in importlib.import_module(_SYMMETRIC).symmetric_equilibria(game):
        if e.kind == "continuum":
            text = f"every p({first}) in [0, 1] (continuum: both strategies always earn the same)"
            p: Any = [0, 1]
            pay: Any = None
        else:
            p = float(sympy.N(e.p, 17))
            pay = float(sympy.N(e.payoff, 17))
            stab = "stable" if e.stable else "unstable"
            text = f"p({first}) = {format_number(p)}: {e.kind}, {stab}, payoff {format_number(pay)} each"
        lines.append(text)
        recs.append({"p_first": p, "kind": e.kind, "payoff": pay, "stable": e.stable,
                     "exact": str(e.p) if e.exact and e.kind != "continuum" else None, "text": text})
    return lines, recs

