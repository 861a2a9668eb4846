r"""Results of the continuous-choice solvers: equilibria with their conditions, best responses, race outcomes.

:class:`ContinuousEquilibrium` (a pure profile of numbers or closed forms, the
condition on the parameters under which it is an equilibrium, and how it was
found), :class:`BestResponse` (one player's best-response function) and
:class:`RaceEquilibrium` (an equilibrium of the Armstrong-Bostrom-Shulman race
in one information case: the safety rule and the probability of disaster).
They know no algorithm and no formatting (``str()`` and ``_repr_latex_`` go
through :mod:`solvers.render`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from games.parameters import ParameterSet
from solvers.results._display import Rendered
from solvers.symbolic.lookup import _value_map

__all__ = ["ContinuousEquilibrium", "BestResponse", "RaceEquilibrium", "KINDS", "METHODS"]

#: ``interior``: every strategy strictly inside its interval (all first-order conditions hold);
#: ``boundary``: at least one player at an end of its interval (a corner); ``symmetric``: the
#: symmetric equilibrium of a symmetric game (every player plays the same).
KINDS = ("interior", "boundary", "symmetric")

#: ``first-order``: closed form from the first-order conditions; ``numeric``: the numeric fallback.
METHODS = ("first-order", "numeric")


@dataclass(frozen=True)
class ContinuousEquilibrium(Rendered):
    r"""One pure Nash equilibrium of a :class:`~games.continuous.ContinuousGame`, with its condition.

    Iterating gives ``(profile, condition)``, as for the strategic-form records.

    Attributes
    ----------
    profile : sympy.Dict
        Strategy symbol -> its equilibrium value (a closed form in the
        parameters, or a number).  For a symmetric game: the representative
        player's symbol -> the common value.
    condition : sympy Boolean
        Where this is an equilibrium: interior values inside the intervals, the
        second-order condition (unless the payoff is concave in the own
        strategy everywhere), and the sign of the derivative at a corner.
    payoffs : tuple of sympy.Expr
        Each player's payoff at the profile (one entry for a symmetric game).
    kind : {"interior", "boundary", "symmetric"}
    method : {"first-order", "numeric"}
    concave : bool
        True when every payoff is concave in the player's own strategy on the
        whole interval, so the first-order conditions are sufficient (each
        strategy is a global best response).  False: the condition includes the
        local second-order condition, and numeric profiles were checked for
        deviations on a grid.
    players : tuple of str
    symbols : tuple of sympy.Symbol
        The strategy symbols, in player order (the order of :attr:`values`).
    n_players : sympy.Expr or None
        The number of players of a symmetric game (may be a symbol).
    """

    profile: sympy.Dict
    condition: Boolean
    payoffs: tuple[sympy.Expr, ...]
    kind: str
    method: str = "first-order"
    concave: bool = False
    players: tuple[str, ...] = ()
    symbols: tuple[sympy.Symbol, ...] = ()
    n_players: sympy.Expr | None = None

    def __iter__(self) -> Iterator[Any]:
        yield self.profile
        yield self.condition

    @property
    def values(self) -> tuple[sympy.Expr, ...]:
        """The equilibrium strategies in player order."""
        return tuple(self.profile[s] for s in self.symbols)

    @property
    def label(self) -> str:
        """A short description: ``q1 = ..., q2 = ...``."""
        return ", ".join(f"{s} = {self.profile[s]}" for s in self.symbols)

    def at(self, values: Mapping[Any, Any] | ParameterSet) -> ContinuousEquilibrium:
        """The record with parameter values put in (profile, payoffs and condition).

        Examples
        --------
        >>> import sympy
        >>> a, q = sympy.symbols("a q")
        >>> r = ContinuousEquilibrium(sympy.Dict({q: a / 2}), a > 0, (a**2 / 4,), "interior", symbols=(q,))
        >>> r.at({"a": 2}).values, r.at({"a": 2}).condition
        ((1,), True)
        """
        free: set[sympy.Symbol] = set()
        for v in self.profile.values():
            free |= v.free_symbols
        for p in self.payoffs:
            free |= p.free_symbols
        free |= getattr(self.condition, "free_symbols", set())
        subs = _value_map(free, values)
        return ContinuousEquilibrium(
            sympy.Dict({k: v.subs(subs) for k, v in self.profile.items()}),
            self.condition.subs(subs) if isinstance(self.condition, sympy.Basic) else self.condition,
            tuple(p.subs(subs) for p in self.payoffs), self.kind, self.method, self.concave, self.players,
            self.symbols, None if self.n_players is None else self.n_players.subs(subs))


@dataclass(frozen=True)
class BestResponse(Rendered):
    r"""One player's best response to the others' strategies, in closed form.

    Attributes
    ----------
    player : str
    symbol : sympy.Symbol
        The player's strategy.
    response : sympy.Expr
        The best response as a function of :attr:`others` (a ``Piecewise`` when
        it sits at an end of the interval for some of the others' strategies).
    others : tuple of sympy.Symbol
        The other players' strategies (for a symmetric game: the common strategy of the others).
    condition : sympy Boolean
        Where :attr:`response` is the (unique) best response: True when the payoff
        is concave in the own strategy on the whole interval.
    """

    player: str
    symbol: sympy.Symbol
    response: sympy.Expr
    others: tuple[sympy.Symbol, ...]
    condition: Boolean = sympy.true


@dataclass(frozen=True)
class RaceEquilibrium(Rendered):
    r"""The symmetric equilibrium of the race to the precipice in one information case.

    Attributes
    ----------
    information : {"none", "private", "public"}
        What the teams know about the capabilities.
    safety : sympy.Expr
        The safety level chosen in equilibrium: a number (no information), a
        function of the team's own capability :attr:`variable` (private), or of
        the leader's capability gap :attr:`variable` (public; the leader's
        safety, the only one that matters).
    variable : sympy.Symbol or None
        The capability ``c`` (private) or the gap ``Delta`` (public); None (no information).
    disaster : sympy.Expr
        The probability of an AI disaster, :math:`1 - E[s_{\text{winner}}]`, in the parameters.
    parameters : tuple of sympy.Symbol
        The number of teams, the enmity and the capability spread.
    reference : str
        Where the case is in the paper.
    """

    information: str
    safety: sympy.Expr
    variable: sympy.Symbol | None
    disaster: sympy.Expr
    parameters: tuple[sympy.Symbol, ...]
    reference: str = ""

    def disaster_at(self, values: Mapping[Any, Any] | ParameterSet) -> sympy.Expr:
        """The disaster probability with values for the number of teams, enmity and capability spread."""
        subs = _value_map(self.disaster.free_symbols, values)
        return self.disaster.subs(subs)
