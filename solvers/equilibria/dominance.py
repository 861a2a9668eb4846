r"""Dominated strategies and iterated elimination of strictly dominated strategies (exact for rational payoffs).

Strategy :math:`t` *strictly dominates* :math:`s` when :math:`u_i(t, s_{-i}) >
u_i(s, s_{-i})` against every profile of the others, and *weakly dominates*
it when :math:`\ge` everywhere and :math:`>` somewhere.  Only domination by
pure strategies is considered (domination by mixed strategies is not).
Payoffs are compared as in :mod:`solvers.equilibria.pure`: exactly when
rational, with a relative tolerance otherwise.

Examples
--------
>>> from games import Game
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
>>> dominated_strategies(pd, 0)
[(0, 1)]
"""

from __future__ import annotations

import numpy as np

from games.core import Game
from games.errors import GameError
from solvers.equilibria.pure import _comparable_arrays, _numeric
from solvers.results.equilibria import FLOAT_TOL, Elimination

__all__ = ["dominated_strategies", "iterated_elimination"]


def _dominance_pairs(u: np.ndarray, axis: int, strict: bool, exact: bool, alive: list[list[int]] | None = None) -> list[tuple[int, int]]:
    """(dominated, dominating) pairs of strategies of the player on ``axis``."""
    if alive is not None:
        u = u[np.ix_(*alive)]
    v = np.moveaxis(u, axis, 0).reshape(u.shape[axis], -1)
    tol = 0.0 if exact else FLOAT_TOL * max(1.0, float(np.max(np.abs(v))))
    # diff[t, s, :] = u(t, .) - u(s, .)
    diff = v[:, None, :] - v[None, :, :]
    if strict:
        dom = np.all(diff > tol, axis=2)
    else:
        dom = np.all(diff >= -tol, axis=2) & np.any(diff > tol, axis=2)
    names = list(range(u.shape[axis])) if alive is None else alive[axis]
    out = []
    for s in range(v.shape[0]):
        dominators = [t for t in range(v.shape[0]) if dom[t, s]]
        if dominators:
            out.append((names[s], names[dominators[0]]))
    return out


def dominated_strategies(game: Game, player: int | str, *, strict: bool = True) -> list[tuple[int, int]]:
    """The pure strategies of ``player`` dominated by another pure strategy.

    Parameters
    ----------
    game : Game
        A numeric game.
    player : int or str
        Player index or name.
    strict : bool
        True: strict dominance (better against every profile of the others).
        False: weak dominance (never worse, sometimes better).

    Returns
    -------
    list of (int, int)
        ``(dominated, dominating)`` strategy indices; the dominating one is
        the first (lowest index) that dominates.

    Examples
    --------
    >>> from games import Game
    >>> g = Game.from_bimatrix([[1, 1], [1, 0]], [[0, 0], [0, 0]])
    >>> dominated_strategies(g, "Row"), dominated_strategies(g, "Row", strict=False)
    ([], [(1, 0)])
    """
    _numeric(game, "dominated_strategies")
    i = _player_index(game, player, "dominated_strategies")
    arrays, exact = _comparable_arrays(game)
    return _dominance_pairs(arrays[i], i, strict, exact)


def _player_index(game: Game, player: int | str, where: str) -> int:
    if isinstance(player, str):
        if player in game.players:
            return game.players.index(player)
        raise GameError(f"{where}: unknown player {player!r} (allowed: {', '.join(game.players)})")
    if isinstance(player, (int, np.integer)) and not isinstance(player, bool) and 0 <= int(player) < game.n_players:
        return int(player)
    raise GameError(f"{where}: player {player!r} not allowed (allowed: 0..{game.n_players - 1} or a name)")


def iterated_elimination(game: Game) -> Elimination:
    """Iterated elimination of strictly dominated (pure) strategies.

    In each round every strategy strictly dominated by another surviving pure
    strategy is removed, for all players at once; the result of strict
    elimination does not depend on the order (Gilboa, Kalai and Zemel 1990).

    Examples
    --------
    >>> from games import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> res = iterated_elimination(pd)
    >>> res.game.strategies, res.steps
    ((('D',), ('D',)), ((1, 0, 'C', 'D'), (1, 1, 'C', 'D')))
    """
    _numeric(game, "iterated_elimination")
    arrays, exact = _comparable_arrays(game)
    alive = [list(range(m)) for m in game.shape]
    steps: list[tuple[int, int, str, str]] = []
    rnd = 0
    while True:
        rnd += 1
        removals = []
        for i, u in enumerate(arrays):
            if len(alive[i]) < 2:
                continue
            removals.append((i, _dominance_pairs(u, i, True, exact, alive)))
        changed = False
        for i, pairs in removals:
            for s, t in pairs:
                steps.append((rnd, i, game.strategies[i][s], game.strategies[i][t]))
                alive[i].remove(s)
                changed = True
        if not changed:
            break
    idx = np.ix_(*alive)
    reduced = Game.from_payoff_arrays(
        [np.array(arr.tolist(), dtype=object)[idx] for arr in game.payoffs],
        players=game.players,
        strategies=[[game.strategies[i][s] for s in alive[i]] for i in range(game.n_players)],
        name=game.name,
    )
    return Elimination(reduced, tuple(tuple(a) for a in alive), tuple(steps))

