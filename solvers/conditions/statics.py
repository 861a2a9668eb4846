r"""Comparative statics: how equilibrium probabilities and payoffs move with each parameter.

For every equilibrium of :func:`~solvers.equilibrium_conditions` (pure and
mixed; continua have no single profile and are skipped),
:func:`comparative_statics` differentiates each mixed probability
:math:`\sigma_i(s)` and each player's equilibrium payoff with respect to
every parameter :math:`\theta`, and reports the sign of
:math:`\partial / \partial \theta` where the parameters' sympy assumptions
decide it (money, ratios and probabilities nonnegative, counts and years
positive).  A sign the assumptions leave open is ``None``; the derivative
itself is still given, in closed form.

A classic reading (the inspection game): the inspector's equilibrium
probability depends only on the *inspectee's* payoffs, so raising the fine
changes how often inspections happen, not how often the inspectee cheats.

The derivatives hold inside the region where the equilibrium exists (its
``condition``); they do not account for equilibria appearing or vanishing at
the region's boundary (see :func:`~solvers.break_even`).

References
----------
.. [1] G. Tsebelis, "The abuse of probability in political analysis: the
   Robinson Crusoe fallacy", American Political Science Review 83 (1989) 77-91.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import sympy

from games.core import Game
from games.errors import GameError
from games.symmetric import SymmetricGame
from solvers.conditions.cache import KeyedCache, game_key
from solvers.conditions.derive import equilibrium_conditions
from solvers.results.conditions import ComparativeStatics, ConditionalEquilibrium, Derivative
from solvers.symbolic.lookup import resolve_symbol
from solvers.symbolic.relations import sign_of, weak_sign_of

__all__ = ["comparative_statics"]


def _quantities(rec: ConditionalEquilibrium) -> list[tuple[str, sympy.Expr]]:
    out = []
    for p, vec in enumerate(rec.profile):
        player = rec.players[p] if p < len(rec.players) else f"player {p + 1}"
        names = rec.strategies[p] if p < len(rec.strategies) else tuple(str(j) for j in range(len(vec)))
        if len(rec.supports[p]) > 1:
            for j in rec.supports[p]:
                out.append((f"P({player}: {names[j]})", vec[j]))
    for p, pay in enumerate(rec.payoffs):
        player = rec.players[p] if p < len(rec.players) else f"player {p + 1}"
        out.append((f"payoff of {player}", pay))
    return out


_CACHE = KeyedCache(128)


def _cached(game: Game | SymmetricGame, params: tuple[sympy.Symbol, ...]) -> tuple[ComparativeStatics, ...]:
    key = (game_key(game), params)
    hit = _CACHE.get(key)
    if hit is None:
        hit = _derive(game, params)
        _CACHE.put(key, hit)
    return hit  # type: ignore[no-any-return]


def _derive(game: Game | SymmetricGame, params: tuple[sympy.Symbol, ...]) -> tuple[ComparativeStatics, ...]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        records = equilibrium_conditions(game)
    out = []
    for rec in records:
        if rec.kind == "continuum":
            continue
        ders = []
        for name, q in _quantities(rec):
            for s in params:
                d = sympy.cancel(sympy.diff(q, s))
                ders.append(Derivative(name, s, d, sign_of(d), weak_sign_of(d)))
        out.append(ComparativeStatics(rec, tuple(ders)))
    return tuple(out)


def comparative_statics(game: Game | SymmetricGame,
                        parameters: Sequence[Any] | None = None) -> list[ComparativeStatics]:
    r"""Derivatives of every equilibrium's probabilities and payoffs with respect to the parameters.

    Parameters
    ----------
    game : Game or SymmetricGame
        Any game :func:`~solvers.equilibrium_conditions` accepts.
    parameters : sequence of Symbols or names, optional
        Defaults to every free symbol of the game (sorted by name).

    Returns
    -------
    list of ComparativeStatics
        One per pure or mixed equilibrium record, each holding a
        :class:`Derivative` per (quantity, parameter): the mixed
        probabilities :math:`\partial \sigma_i(s) / \partial \theta` and the
        payoffs :math:`\partial u_i / \partial \theta`, with their signs.

    Raises
    ------
    UnknownNameError
        For a parameter that is not a free symbol of the game.
    GameError
        For a game :func:`equilibrium_conditions` refuses.

    Examples
    --------
    Hawk-Dove: the hawk share :math:`V/C` rises with the prize and falls with
    the cost of a fight.

    >>> import sympy
    >>> from games import Game
    >>> V, C = sympy.symbols("V C", positive=True)
    >>> hd = Game.from_bimatrix([[(V - C) / 2, V], [0, V / 2]], strategies=(["Hawk", "Dove"], ["Hawk", "Dove"]))
    >>> mixed = [cs for cs in comparative_statics(hd) if cs.record.kind == "mixed"][0]
    >>> d = mixed.of("P(Row: Hawk)", "C")
    >>> d.derivative, d.sign
    (-V/C**2, -1)
    """
    if not isinstance(game, (Game, SymmetricGame)):
        raise GameError(f"comparative_statics: expected a Game or SymmetricGame, got {type(game).__name__}")
    free = {s.name: s for s in game.free_symbols}
    if parameters is None:
        params = tuple(sorted(free.values(), key=lambda s: s.name))
    else:
        params = tuple(resolve_symbol(game, p, where="comparative_statics", what="parameter of this game")
                       for p in parameters)
    return list(_cached(game, params))

