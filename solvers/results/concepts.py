r"""Results of the solution concepts beyond Nash: correlated equilibria, logit QRE, evolutionary stability.

:class:`CorrelatedEquilibrium` (one distribution over pure profiles with its
value), :class:`CorrelatedEquilibria` (the exact polytope of them),
:class:`LogitPoint` and :class:`LogitPath` (quantal-response equilibria),
:class:`EvolutionarilyStableStrategy`, and :class:`SupportComponent` (a
continuum of N-player equilibria on one support).  They know no algorithm and
no formatting: ``str()`` and ``_repr_latex_()`` go through
:mod:`solvers.render`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy

from games._exact import to_exact
from games.errors import GameError
from solvers.results._display import Rendered
from solvers.results.equilibria import Equilibrium

__all__ = [
    "CorrelatedEquilibrium",
    "CorrelatedEquilibria",
    "LogitPoint",
    "LogitPath",
    "EvolutionarilyStableStrategy",
    "SupportComponent",
]


@dataclass(frozen=True)
class CorrelatedEquilibrium(Rendered):
    r"""A correlated (or coarse correlated) equilibrium: a distribution over pure strategy profiles.

    Attributes
    ----------
    profiles : tuple of tuple of int
        Every pure profile of the game (strategy indices), in ``numpy.ndindex`` order.
    probabilities : tuple
        The probability of each profile (sympy ``Rational``).
    payoffs : tuple
        Each player's expected payoff.
    value : sympy number or None
        The value of the objective it optimises (None when it optimises none).
    objective : str or None
        ``"welfare"``, a player's name, or None.
    coarse : bool
        True for a coarse correlated equilibrium (Hannan set).
    players, strategies : tuple
        Names, for display.
    """

    profiles: tuple[tuple[int, ...], ...]
    probabilities: tuple[Any, ...]
    payoffs: tuple[Any, ...]
    value: Any = None
    objective: str | None = None
    coarse: bool = False
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()

    @property
    def distribution(self) -> dict[tuple[str, ...], Any]:
        """The profiles with positive probability, by strategy names."""
        return {
            tuple(self.strategies[i][s] for i, s in enumerate(prof)): p
            for prof, p in zip(self.profiles, self.probabilities)
            if p != 0
        }


@dataclass(frozen=True)
class CorrelatedEquilibria(Rendered):
    r"""The polytope of correlated (or coarse correlated) equilibria of a game, exactly.

    A distribution :math:`x` over pure profiles is in the polytope when
    :math:`x \ge 0`, :math:`\sum x = 1` and every incentive row
    :math:`a \cdot x \le 0` holds (``constraints``).

    Attributes
    ----------
    profiles : tuple of tuple of int
        The pure profiles, the coordinates of :math:`x`.
    constraints : tuple of (str, tuple)
        ``(label, a)``: the incentive constraint :math:`a \cdot x \le 0`, labelled
        ``"Row: U -> D"`` (obey U rather than switch to D) or ``"Row: -> D"`` (coarse).
    vertices : tuple of CorrelatedEquilibrium or None
        The vertices of the polytope (None when the game is too large to list them).
    coarse : bool
    players, strategies : tuple
    """

    profiles: tuple[tuple[int, ...], ...]
    constraints: tuple[tuple[str, tuple[Any, ...]], ...]
    vertices: tuple[CorrelatedEquilibrium, ...] | None
    coarse: bool = False
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()

    def contains(self, probabilities: Any) -> bool:
        """True when the distribution (one number per profile, in ``profiles`` order) is in the polytope."""
        x = [to_exact(v, "CorrelatedEquilibria.contains", error=GameError) for v in probabilities]
        if len(x) != len(self.profiles) or any(v < 0 for v in x) or sum(x) != 1:
            return False
        return all(sum(a * v for a, v in zip(row, x)) <= 0 for _, row in self.constraints)


@dataclass(frozen=True)
class LogitPoint(Rendered):
    """One logit quantal-response equilibrium: the precision and the mixed profile.

    Attributes
    ----------
    lam : float
        The precision :math:`\\lambda` (0: uniform play; large: close to Nash).
    profile : tuple of tuple of float
        One probability vector per player.
    max_regret : float
        The largest gain any player could get from a pure deviation.
    players, strategies : tuple
    """

    lam: float
    profile: tuple[tuple[float, ...], ...]
    max_regret: float
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class LogitPath(Rendered):
    """The principal branch of the logit QRE correspondence, from :math:`\\lambda = 0` towards a Nash equilibrium.

    Attributes
    ----------
    points : tuple of LogitPoint
        The points traced, in increasing arclength (``lam`` increases along the
        principal branch except where it folds back).
    limit : Equilibrium
        The Nash equilibrium the branch converges to (approximate, float).
    converged : bool
        True when the last point's regret is within the tolerance.
    """

    points: tuple[LogitPoint, ...]
    limit: Equilibrium
    converged: bool


@dataclass(frozen=True)
class EvolutionarilyStableStrategy(Rendered):
    r"""An evolutionarily stable strategy of a symmetric two-player game (Maynard Smith and Price).

    Attributes
    ----------
    strategy : tuple
        The probability of each strategy (exact sympy; expressions for symbolic games).
    payoff : sympy expression
        The payoff :math:`u(p^*, p^*)`.
    kind : str
        ``"pure"`` or ``"mixed"``.
    condition : sympy Boolean
        The condition on the parameters under which it is an ESS (``True`` for numeric games).
    strategies : tuple of str
    """

    strategy: tuple[Any, ...]
    payoff: Any
    kind: str
    condition: Any = sympy.true
    strategies: tuple[str, ...] = ()

    @property
    def support(self) -> tuple[int, ...]:
        """The strategies played with positive probability (those not identically zero)."""
        return tuple(j for j, v in enumerate(self.strategy) if v != 0)


@dataclass(frozen=True)
class SupportComponent(Rendered):
    r"""A continuum of Nash equilibria of an N-player game, all with one support profile.

    The set is semi-algebraic: the profiles with the given supports that solve
    ``equations`` (each :math:`= 0`), are positive on the supports and satisfy
    ``inequalities`` (each :math:`\ge 0`: no strategy outside a support earns more).

    Attributes
    ----------
    supports : tuple of tuple of int
        The strategies each player uses.
    unknowns : tuple of sympy.Symbol
        The free probabilities (``p_i_s``: player i's probability of strategy s).
    equations : tuple of sympy expressions
        The solution set of the indifference equations, solved for some
        unknowns in terms of the others (``u - f(free)``, each :math:`= 0`;
        empty: every mixture on the supports is indifferent).
    inequalities : tuple of sympy expressions
        Each must be :math:`\ge 0`.
    dimension : int
        The dimension of the solution set of the equations.
    witness : Equilibrium
        One equilibrium of the set (checked exactly).
    """

    supports: tuple[tuple[int, ...], ...]
    unknowns: tuple[sympy.Symbol, ...]
    equations: tuple[Any, ...]
    inequalities: tuple[Any, ...]
    dimension: int
    witness: Equilibrium
