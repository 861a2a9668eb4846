"""Equilibria of a numeric game as readable lines and JSON records.

The one place where the CLI (``aligngames solve``), the report and the
notebooks turn solver results into text and JSON, so they always agree.

Examples
--------
>>> from games import Game
>>> lines, records = equilibria_summary(Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"])))
>>> lines
['Row: D; Column: D  (payoffs 1, 1)']
>>> records[0]["profile"]
{'Row': {'C': 0, 'D': 1}, 'Column': {'C': 0, 'D': 1}}
"""

from __future__ import annotations

from typing import Any

import sympy

from games.core import Game, SymmetricGame
from solvers.nash import nash_equilibria
from solvers.symmetric import symmetric_equilibria

__all__ = ["equilibria_summary", "format_number"]


def format_number(x: Any) -> str:
    """Readable text of a number: ``16,250``, ``0.1739``, ``4e+14``; symbols as text.

    Examples
    --------
    >>> format_number(sympy.Rational(400, 97)), format_number(sympy.Integer(1300000))
    ('4.124', '1,300,000')
    """
    if x is None:
        return "-"
    if isinstance(x, sympy.Basic) and not x.is_number:
        return str(x)
    f = float(x)
    if f == int(f) and abs(f) < 1e15:
        return f"{int(f):,}"
    if abs(f) >= 1e15 or (f != 0 and abs(f) < 1e-3):
        return f"{f:.4g}"
    return f"{f:,.4g}"


def equilibria_summary(game: Game | SymmetricGame) -> tuple[list[str], list[dict[str, Any]]]:
    """Solve a numeric game; return one readable line and one JSON record per equilibrium.

    For a degenerate two-player game a last line describes the connected sets
    of equilibria (every equilibrium is a mixture within one of them).

    A :class:`~games.core.Game` is solved with :func:`~solvers.nash.nash_equilibria`
    (records as :meth:`Equilibrium.to_dict`), a
    :class:`~games.core.SymmetricGame` with
    :func:`~solvers.symmetric.symmetric_equilibria` (records with the
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
    for e in symmetric_equilibria(game):
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
