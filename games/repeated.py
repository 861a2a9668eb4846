r"""Infinitely repeated games with a symbolic discount factor: :class:`RepeatedGame`.

A stage game (a :class:`~games.core.Game`) is played in every period
:math:`t = 0, 1, 2, \dots`; each player maximises the normalised discounted
sum :math:`(1 - \delta) \sum_t \delta^t u_i(a^t)` with the common discount
factor :math:`\delta \in (0, 1)`, which may be a sympy symbol (the default
:data:`DELTA`).  :func:`solvers.sustainability` gives the exact condition on
:math:`\delta` under which a stage profile can be repeated in a subgame-perfect
equilibrium.

References
----------
.. [1] D. Fudenberg and J. Tirole, Game Theory, MIT Press (1991), chapter 5
   (repeated games, the one-shot deviation principle, folk theorems).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy

from games._arrays import _subs_map
from games._exact import to_exact
from games.core import Game
from games.errors import GameError

__all__ = ["RepeatedGame", "DELTA"]

#: The default discount factor symbol, :math:`\delta` (positive; checked in (0, 1) when a number).
DELTA = sympy.Symbol("delta", positive=True)


@dataclass(frozen=True)
class RepeatedGame:
    r"""The infinite repetition of ``stage`` with discount factor ``discount``.

    Parameters
    ----------
    stage : Game
        The stage game.
    discount : number or sympy expression, default :data:`DELTA`
        A number strictly between 0 and 1, or an expression (a symbol).
    name : str, optional
    path : tuple of str, optional
        The stage profile the model is about sustaining (one strategy name per
        player); :func:`solvers.sustainability` uses it when no profile is given.
    threat : tuple of str, optional
        The stage Nash equilibrium a deviation reverts to (grim and k-period punishments).

    Raises
    ------
    GameError
        For a stage that is not a :class:`~games.core.Game`, or a numeric
        discount factor outside (0, 1).

    Examples
    --------
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> RepeatedGame(pd, sympy.Rational(9, 10)).discount
    9/10
    >>> RepeatedGame(pd, 1)
    Traceback (most recent call last):
    ...
    games.errors.GameError: RepeatedGame: discount factor 1 is outside (0, 1) (allowed: 0 < delta < 1)
    """

    stage: Game
    discount: sympy.Expr = DELTA
    name: str = field(default="", kw_only=True)
    path: tuple[str, ...] | None = field(default=None, kw_only=True)
    threat: tuple[str, ...] | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        if not isinstance(self.stage, Game):
            raise GameError(f"RepeatedGame: the stage must be a Game, got {type(self.stage).__name__}")
        d = to_exact(self.discount, "RepeatedGame: discount factor", error=GameError)
        if d.is_number and not (0 < d < 1):
            raise GameError(f"RepeatedGame: discount factor {d} is outside (0, 1) (allowed: 0 < delta < 1)")
        if d.is_number is False and (d.is_nonpositive or (d - 1).is_nonnegative):
            raise GameError(f"RepeatedGame: discount factor {d} cannot lie in (0, 1) (allowed: 0 < delta < 1)")
        object.__setattr__(self, "discount", d)
        if self.name is None or self.name == "":
            object.__setattr__(self, "name", f"Repeated {self.stage.name}".strip() if self.stage.name else "Repeated game")
        if not isinstance(self.name, str):
            raise GameError(f"RepeatedGame: name must be a string, got {type(self.name).__name__}")
        for what in ("path", "threat"):
            prof = getattr(self, what)
            if prof is None:
                continue
            prof = tuple(prof)
            if len(prof) != self.stage.n_players or any(
                    s not in self.stage.strategies[i] for i, s in enumerate(prof)):
                raise GameError(f"RepeatedGame: {what} {prof!r} must name one strategy per player "
                                f"(allowed: {self.stage.strategies})")
            object.__setattr__(self, what, prof)

    @property
    def players(self) -> tuple[str, ...]:
        """The stage game's players."""
        return self.stage.players

    @property
    def free_symbols(self) -> frozenset[sympy.Symbol]:
        """The stage game's parameters and the discount factor's symbols."""
        return frozenset(self.stage.free_symbols | self.discount.free_symbols)

    @property
    def is_numeric(self) -> bool:
        """True when neither the payoffs nor the discount factor have free symbols."""
        return not self.free_symbols

    def subs(self, mapping: Any) -> RepeatedGame:
        """A new repeated game with parameters (and possibly the discount factor) replaced.

        Examples
        --------
        >>> pd = Game.from_bimatrix([[3, 0], [5, 1]])
        >>> RepeatedGame(pd).subs({"delta": 0.5}).discount
        1/2
        """
        sub = _subs_map(self.free_symbols, mapping, owner="RepeatedGame")
        stage = self.stage.subs({k: v for k, v in sub.items() if k in self.stage.free_symbols})
        return RepeatedGame(stage, self.discount.xreplace(sub), name=self.name, path=self.path, threat=self.threat)

    def latex(self) -> str:
        r"""The stage game's table with the discount factor."""
        return self.stage.latex() + "\n" + rf"% repeated with discount factor $\delta = {sympy.latex(self.discount)}$"
