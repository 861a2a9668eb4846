r"""The type of a symmetric 2 x 2 game: Prisoner's Dilemma, Stag Hunt, Chicken, Harmony, Deadlock, ...

The first strategy plays the role of "cooperate" (C, e.g. Alignment), the
second of "defect" (D, e.g. Capabilities), with the usual letters

.. math::

    R = \pi(C, C), \quad S = \pi(C, D), \quad T = \pi(D, C), \quad P = \pi(D, D).

The type follows from the two gains of cooperating, :math:`R - T` (against a
cooperator) and :math:`S - P` (against a defector), and one tie-breaking
comparison:

=================================  ==========================================  ===========================
type                               condition                                    equilibria
=================================  ==========================================  ===========================
Prisoner's Dilemma                 :math:`T > R,\ P > S,\ R > P`               (D, D), Pareto-dominated
Deadlock                           :math:`T > R,\ P > S,\ P > R`               (D, D), efficient
Harmony                            :math:`R > T,\ S > P,\ R > P`               (C, C), efficient
Prisoner's Dilemma (reversed)      :math:`R > T,\ S > P,\ P > R`               (C, C), Pareto-dominated
Stag Hunt                          :math:`R > T,\ P > S,\ R > P`               (C, C), (D, D), mixed
Stag Hunt (reversed)               :math:`R > T,\ P > S,\ P > R`               (C, C), (D, D), mixed
Chicken (Snowdrift, Hawk-Dove)     :math:`T > R,\ S > P,\ \max(R, P) > \min(S, T)`  (C, D), (D, C), mixed
Battle of the Sexes (Leader)       :math:`T > R,\ S > P,\ \min(S, T) > \max(R, P)`  (C, D), (D, C), mixed
Degenerate (ties)                  a tie in a comparison above                  continua of equilibria
=================================  ==========================================  ===========================

"Reversed" types are the named type with the roles of the two strategies
swapped (the second strategy is the cooperative one).  Chicken and the
Battle of the Sexes are told apart in a way that does not depend on the order
of the strategies.  For numeric payoffs :func:`classify` names the type; for
symbolic ones it gives the condition on the parameters for each type (types
whose condition is identically false are left out).

References
----------
.. [1] D. Robinson and D. Goforth, The Topology of the 2x2 Games: A New
   Periodic Table, Routledge, 2005.
.. [2] M. A. Nowak, Evolutionary Dynamics, Harvard University Press, 2006,
   chapter 4 (the four symmetric 2 x 2 classes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from games.core import Game
from games.errors import SymbolicError
from games.parameters import ParameterSet
from games.symmetric import SymmetricGame
from solvers.conditions.selection import _symmetric_2x2
from solvers.results.conditions import Classification
from solvers.symbolic.lookup import _value_map
from solvers.symbolic.relations import relation

__all__ = ["classify"]


def _type_conditions(R: sympy.Expr, S: sympy.Expr, T: sympy.Expr, P: sympy.Expr) -> dict[str, Any]:
    gt = lambda x, y: relation(x - y, ">")  # noqa: E731
    eq = lambda x, y: relation(x - y, "==")  # noqa: E731
    d_dom = sympy.And(gt(T, R), gt(P, S))
    c_dom = sympy.And(gt(R, T), gt(S, P))
    coord = sympy.And(gt(R, T), gt(P, S))
    anti = sympy.And(gt(T, R), gt(S, P))
    # Given T > R and S > P: max(R, P) > min(S, T) iff R > S or P > T, and
    # min(S, T) > max(R, P) iff S > R and T > P.
    diag_above = sympy.Or(gt(R, S), gt(P, T))
    eqs_above = sympy.And(gt(S, R), gt(T, P))
    ties = sympy.Or(
        eq(R, T), eq(S, P),
        sympy.And(sympy.Or(d_dom, c_dom, coord), eq(R, P)),
        sympy.And(anti, sympy.Or(eq(R, S), eq(P, T)), sympy.Not(diag_above)),
    )
    conds = {
        "Prisoner's Dilemma": sympy.And(d_dom, gt(R, P)),
        "Deadlock": sympy.And(d_dom, gt(P, R)),
        "Harmony": sympy.And(c_dom, gt(R, P)),
        "Prisoner's Dilemma (reversed)": sympy.And(c_dom, gt(P, R)),
        "Stag Hunt": sympy.And(coord, gt(R, P)),
        "Stag Hunt (reversed)": sympy.And(coord, gt(P, R)),
        "Chicken": sympy.And(anti, diag_above),
        "Battle of the Sexes": sympy.And(anti, eqs_above),
        "Degenerate (ties)": ties,
    }
    return conds


def classify(game: Game | SymmetricGame, values: Mapping[Any, Any] | ParameterSet | None = None) -> Classification:
    r"""Classify a symmetric 2 x 2 game (numeric: its type; symbolic: the condition for each type).

    Parameters
    ----------
    game : Game or SymmetricGame
        A symmetric 2 x 2 game (``B = A.T``) or a two-player SymmetricGame.
        The first strategy is read as "cooperate".
    values : mapping or ParameterSet, optional
        Parameter values to substitute first (names or Symbols as keys).

    Returns
    -------
    Classification
        ``name`` is the type when it is decided; ``conditions`` maps each
        possible type to its condition.

    Raises
    ------
    GameError
        For a game that is not a symmetric 2 x 2 game.

    References
    ----------
    .. [1] D. Robinson and D. Goforth, The Topology of the 2x2 Games, Routledge, 2005.

    Examples
    --------
    >>> from games import Game
    >>> classify(Game.from_bimatrix([[3, 0], [5, 1]])).name
    "Prisoner's Dilemma"
    >>> classify(Game.from_bimatrix([[4, 0], [3, 3]])).name
    'Stag Hunt'
    >>> import sympy
    >>> b, c = sympy.symbols("b c", positive=True)
    >>> donation = Game.from_bimatrix([[b - c, -c], [b, 0]])   # the donation game
    >>> cls = classify(donation)
    >>> cls.conditions["Prisoner's Dilemma"]
    b > c
    """
    R, S, T, P = _symmetric_2x2(game, "classify")
    if values is not None:
        syms: set[sympy.Symbol] = set()
        for e in (R, S, T, P):
            syms |= e.free_symbols
        subs = _value_map(syms, values)
        R, S, T, P = (sympy.piecewise_fold(e.xreplace(subs)) for e in (R, S, T, P))
    conds = {k: v for k, v in _type_conditions(R, S, T, P).items() if v is not sympy.false}
    decided = [k for k, v in conds.items() if v is sympy.true]
    name = decided[0] if len(decided) == 1 else None
    if name is None and all(e.is_number for e in (R, S, T, P)):  # pragma: no cover - defensive
        raise SymbolicError(f"classify: numeric payoffs R={R}, S={S}, T={T}, P={P} were not classified")
    strategies = tuple(game.strategies[0]) if isinstance(game, Game) else tuple(game.strategies or ("C", "D"))
    return Classification(name, conds, R, S, T, P, strategies[:2], game.name)  # type: ignore[arg-type]

