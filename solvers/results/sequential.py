r"""Results of the game-tree and repeated-game solvers: frozen values that know no algorithm and no rendering.

:class:`SubgamePerfectEquilibrium` (a behaviour profile of a numeric tree, its
play and payoffs), :class:`ConditionalSPE` (one subgame-perfect equilibrium of
a symbolic tree with the condition on the parameters under which it is one),
:class:`Sustainability` with its :class:`IncentiveConstraint` (when repeating a
profile is a subgame-perfect equilibrium of a repeated game) and
:class:`FolkRegion` (the feasible and individually rational payoffs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from solvers.results._display import Rendered
from solvers.results.conditions import ConditionalEquilibrium

__all__ = ["SubgamePerfectEquilibrium", "ConditionalSPE", "Sustainability", "IncentiveConstraint", "FolkRegion"]

Behaviour = tuple[tuple[str, tuple[tuple[str, sympy.Expr], ...]], ...]


def _lookup(behaviour: Behaviour, label: str) -> dict[str, sympy.Expr]:
    for h, probs in behaviour:
        if h == label:
            return dict(probs)
    raise KeyError(label)


@dataclass(frozen=True)
class SubgamePerfectEquilibrium(Rendered):
    r"""One subgame-perfect equilibrium of a numeric game tree.

    Attributes
    ----------
    behaviour : tuple
        ``((information set, ((action, probability), ...)), ...)`` in tree order.
    payoffs : tuple of sympy.Rational
        Each player's expected payoff.
    play : tuple
        ``((leaf path, probability), ...)``: the outcomes reached with positive probability.
    players : tuple of str
    game_name : str
    unreached : tuple of str
        Information sets that the owner's own choices rule out (their behaviour is arbitrary).

    Examples
    --------
    >>> from sympy import Integer
    >>> e = SubgamePerfectEquilibrium(((("A@root"), (("l", Integer(1)), ("r", Integer(0)))),), (Integer(2),),
    ...                               ((("l",), Integer(1)),), ("A",))
    >>> e.action("A@root"), e.path
    ('l', ('l',))
    """

    behaviour: Behaviour
    payoffs: tuple[sympy.Expr, ...]
    play: tuple[tuple[tuple[str, ...], sympy.Expr], ...]
    players: tuple[str, ...]
    game_name: str = ""
    unreached: tuple[str, ...] = ()

    def probabilities(self, label: str) -> dict[str, sympy.Expr]:
        """``{action: probability}`` at the information set ``label``."""
        return _lookup(self.behaviour, label)

    def action(self, label: str) -> str | None:
        """The action taken for sure at ``label``, or None when it mixes."""
        pure = [a for a, p in self.probabilities(label).items() if p == 1]
        return pure[0] if pure else None

    @property
    def is_pure(self) -> bool:
        """True when every information set takes one action for sure."""
        return all(any(p == 1 for _, p in probs) for _, probs in self.behaviour)

    @property
    def path(self) -> tuple[str, ...]:
        """The equilibrium path: the actions every outcome reached shares from the root."""
        leaves = [p for p, _ in self.play]
        common: list[str] = []
        for step in zip(*leaves):
            if len(set(step)) != 1:
                break
            common.append(step[0])
        return tuple(common)

    def behaviour_map(self) -> dict[str, dict[str, sympy.Expr]]:
        """The behaviour profile as ``{information set: {action: probability}}``."""
        return {h: dict(p) for h, p in self.behaviour}


@dataclass(frozen=True)
class ConditionalSPE(ConditionalEquilibrium):
    r"""One subgame-perfect equilibrium of a symbolic tree, with its condition on the parameters.

    A :class:`~solvers.results.conditions.ConditionalEquilibrium` of the tree's
    *agent form*: :attr:`players` are the information sets, :attr:`strategies`
    their actions and :attr:`profile` one probability vector per information
    set, so ``label`` reads ``"(Enter, Accommodate)"`` and :func:`solvers.break_even`
    works on it unchanged.  :attr:`payoffs` are the real players' (in the order
    of :attr:`game_players`).

    Attributes
    ----------
    game_players : tuple of str
    play : tuple
        ``((leaf path, probability), ...)``, the outcomes reached (probabilities may be expressions).
    """

    game_players: tuple[str, ...] = ()
    play: tuple[tuple[tuple[str, ...], sympy.Expr], ...] = ()

    def probabilities(self, label: str) -> dict[str, sympy.Expr]:
        """``{action: probability}`` at the information set ``label``."""
        k = self.players.index(label)
        return dict(zip(self.strategies[k], self.profile[k]))

    def action(self, label: str) -> str | None:
        """The action taken for sure at ``label``, or None when it mixes."""
        pure = [a for a, p in self.probabilities(label).items() if p == 1]
        return pure[0] if pure else None


@dataclass(frozen=True)
class IncentiveConstraint:
    """One one-shot-deviation constraint: in ``state``, ``player`` must not gain by playing ``deviation``.

    ``relation`` is the constraint as a sympy relation; ``bound`` the discount
    factor at which it binds when it is linear in the discount (else None),
    ``direction`` ``">="`` (a lower bound on the discount) or ``"<="``, or None
    when the sign of the discount's coefficient is open: then ``bound`` is a
    lower bound where ``valid_if`` (the coefficient is positive) holds.
    """

    state: str
    player: str
    deviation: str
    relation: Any
    bound: sympy.Expr | None = None
    direction: str | None = None
    valid_if: Any = sympy.true


@dataclass(frozen=True)
class Sustainability(Rendered):
    r"""When repeating ``profile`` forever is a subgame-perfect equilibrium of the repeated game.

    Attributes
    ----------
    game_name : str
    profile : tuple of str
        The stage profile played on the path.
    punishment : str
        ``"grim"``, ``"minmax"`` or ``"k-period"``.
    k : int or None
        The punishment length of ``"k-period"``.
    punishments : mapping
        The stage profile played while each player is punished (player -> profile).
    discount : sympy.Symbol or sympy.Expr
    condition : sympy Boolean
        The exact condition on the discount factor and the parameters.
    threshold : sympy.Expr or None
        The least discount factor for which the condition holds: for numeric
        payoffs the infimum of the positive discount factors where it holds
        (so a threshold of 1 or more means: never, for any discount factor
        below 1); for symbolic ones when every constraint is a lower bound
        linear in the discount (valid where its coefficient is positive);
        None when the set is not of that form.
    constraints : tuple of IncentiveConstraint
    """

    game_name: str
    profile: tuple[str, ...]
    punishment: str
    k: int | None
    punishments: Mapping[str, tuple[str, ...]]
    discount: sympy.Expr
    condition: Boolean
    threshold: sympy.Expr | None
    constraints: tuple[IncentiveConstraint, ...]
    threshold_valid_if: Any = sympy.true

    def holds_at(self, values: Mapping[Any, Any]) -> bool:
        """Whether the condition holds at numeric values (names or Symbols; include the discount)."""
        by_name = {getattr(k, "name", k): v for k, v in values.items()}
        subs = {s: sympy.nsimplify(by_name[s.name], rational=True) for s in self.condition.free_symbols
                if s.name in by_name}
        out = self.condition.xreplace(subs)
        if out not in (sympy.true, sympy.false):
            left = sorted(s.name for s in out.free_symbols)
            raise KeyError(f"Sustainability.holds_at: no value for {', '.join(left)}")
        return bool(out)


@dataclass(frozen=True)
class FolkRegion(Rendered):
    r"""The folk theorem's payoff set of a two-player stage game, exactly.

    Attributes
    ----------
    players : tuple of str
    feasible : tuple of (x, y)
        Vertices of the convex hull of the pure payoff vectors, counter-clockwise.
    minmax : tuple
        Each player's (mixed) minmax value :math:`\underline v_i`.
    region : tuple of (x, y)
        Vertices of the feasible payoffs with :math:`u_i \ge \underline v_i`, counter-clockwise.
    strict : bool
        True when some feasible payoff is strictly above both minmax values
        (the region has an interior: the folk theorem applies).
    """

    players: tuple[str, ...]
    feasible: tuple[tuple[sympy.Rational, sympy.Rational], ...]
    minmax: tuple[sympy.Rational, ...]
    region: tuple[tuple[sympy.Rational, sympy.Rational], ...]
    strict: bool
    game_name: str = ""

    def contains(self, point: tuple[Any, Any]) -> bool:
        """Whether ``point`` is feasible and individually rational (boundary included)."""
        x, y = (sympy.nsimplify(v, rational=True) for v in point)
        pts = self.region
        if not pts:
            return False
        if len(pts) == 1:
            return (x, y) == pts[0]
        for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1]):
            if (bx - ax) * (y - ay) - (by - ay) * (x - ax) < 0:
                return False
        if len(pts) == 2:
            (ax, ay), (bx, by) = pts
            return bool(min(ax, bx) <= x <= max(ax, bx) and min(ay, by) <= y <= max(ay, by)
                        and (bx - ax) * (y - ay) == (by - ay) * (x - ax))
        return True
