r"""Correlated and coarse correlated equilibria: the exact polytope, its vertices, and optima by exact LP.

A distribution :math:`x` over pure profiles is a *correlated equilibrium*
(Aumann 1974) when no player gains by disobeying a recommendation:

.. math::

    \sum_{s_{-i}} x(a, s_{-i}) \bigl[u_i(a', s_{-i}) - u_i(a, s_{-i})\bigr] \le 0
    \qquad \text{for every player } i \text{ and strategies } a \ne a',

and a *coarse correlated equilibrium* (Hannan set; Moulin and Vial 1978) when
no player gains by committing in advance to a fixed strategy :math:`a'`:
:math:`\sum_s x(s)\,[u_i(a', s_{-i}) - u_i(s)] \le 0`.  With :math:`x \ge 0`
and :math:`\sum x = 1` both sets are polytopes, given here exactly (rational
coefficients).  Optima (``objective="welfare"`` or a player) come from the
exact simplex method of :mod:`solvers.equilibria.exact_lp`, certified by
duality.  The vertices are listed for small games (at most
:data:`MAX_VERTEX_BASES` candidate bases): each candidate basis is screened in
floating point and every vertex is then solved and checked in rational
arithmetic.

References
----------
R. J. Aumann, "Subjectivity and correlation in randomized strategies",
Journal of Mathematical Economics 1 (1974) 67-96 (the chicken example,
Section 5 / Example 2.5).
H. Moulin, J.-P. Vial, "Strategically zero-sum games", International Journal
of Game Theory 7 (1978) 201-221 (coarse correlated equilibria).
C. H. Papadimitriou, T. Roughgarden, "Computing correlated equilibria in
multi-player games", Journal of the ACM 55 (2008), Section 2 (the LP).

Examples
--------
>>> from games import Game
>>> chicken = Game.from_bimatrix([[6, 2], [7, 0]], strategies=(["C", "D"], ["C", "D"]))
>>> best = correlated_equilibria(chicken, objective="welfare")
>>> best.distribution, best.value
({('C', 'C'): 1/2, ('C', 'D'): 1/4, ('D', 'C'): 1/4}, 21/2)
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any, overload

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError
from solvers.equilibria.dominance import _player_index
from solvers.equilibria.exact_lp import solve_lp
from solvers.equilibria.pure import _numeric
from solvers.results.concepts import CorrelatedEquilibria, CorrelatedEquilibrium

__all__ = ["correlated_equilibria", "MAX_VERTEX_BASES"]

#: The vertices are listed only when at most this many candidate bases (n-1 of the inequality rows) exist.
MAX_VERTEX_BASES = 250_000


def _exact_payoffs(game: Game, where: str) -> list[np.ndarray]:
    _numeric(game, where)
    out = []
    for arr in game.payoffs:
        flat = list(arr._array)  # noqa: SLF001
        for v in flat:
            if not isinstance(v, sympy.Rational):
                raise GameError(f"{where}: payoff {v} is not rational (allowed: rational payoffs)")
        a = np.empty(len(flat), dtype=object)
        a[:] = [Fraction(int(v.p), int(v.q)) for v in flat]
        out.append(a.reshape(game.shape))
    return out


def _incentive_rows(game: Game, u: list[np.ndarray], coarse: bool) -> list[tuple[str, list[Fraction]]]:
    """The incentive constraints ``row . x <= 0`` with their labels (rows that are all zero left out)."""
    profiles = list(np.ndindex(*game.shape))
    rows = []
    for i, ui in enumerate(u):
        names = game.strategies[i]
        for b in range(game.shape[i]):
            def gain(s: tuple[int, ...], b: int = b, i: int = i, ui: np.ndarray = ui) -> Fraction:
                return ui[s[:i] + (b,) + s[i + 1:]] - ui[s]
            if coarse:
                cands = [(f"{game.players[i]}: -> {names[b]}", [gain(s) for s in profiles])]
            else:
                cands = [(f"{game.players[i]}: {names[a]} -> {names[b]}",
                          [gain(s) if s[i] == a else Fraction(0) for s in profiles])
                         for a in range(game.shape[i]) if a != b]
            rows += [(label, row) for label, row in cands if any(row)]
    return rows


def _point(game: Game, u: list[np.ndarray], x: Any, value: Any, objective: str | None, coarse: bool) -> CorrelatedEquilibrium:
    profiles = tuple(np.ndindex(*game.shape))
    probs = tuple(sympy.Rational(v.numerator, v.denominator) for v in x)
    pays = tuple(
        sympy.Rational(sum((p * ui[s] for p, s in zip(x, profiles)), Fraction(0))) for ui in u
    )
    val = None if value is None else sympy.Rational(value.numerator, value.denominator)
    return CorrelatedEquilibrium(profiles, probs, pays, val, objective, coarse, game.players, game.strategies)


def _solve_exact(M: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Gauss-Jordan elimination over fractions; None when singular."""
    n = len(M)
    A = [row[:] + [b] for row, b in zip(M, rhs)]
    for col in range(n):
        piv = next((r for r in range(col, n) if A[r][col] != 0), None)
        if piv is None:
            return None
        A[col], A[piv] = A[piv], A[col]
        inv = 1 / A[col][col]
        A[col] = [v * inv for v in A[col]]
        for r in range(n):
            if r != col and A[r][col] != 0:
                f = A[r][col]
                A[r] = [a - f * b for a, b in zip(A[r], A[col])]
    return [A[r][-1] for r in range(n)]


def _vertices(rows: list[list[Fraction]], n: int) -> list[tuple[Fraction, ...]] | None:
    """The vertices of {x >= 0, sum x = 1, row . x <= 0}, or None past MAX_VERTEX_BASES."""
    ineq = rows + [[Fraction(-1) if j == k else Fraction(0) for j in range(n)] for k in range(n)]
    if math.comb(len(ineq), n - 1) > MAX_VERTEX_BASES:
        return None
    if n == 1:
        return [(Fraction(1),)]
    G = np.array([[float(v) for v in r] for r in ineq])
    scale = max(1.0, float(np.abs(G).max()))
    combos = np.array(list(itertools.combinations(range(len(ineq)), n - 1)), dtype=np.intp)
    found: set[tuple[Fraction, ...]] = set()
    seen: set[tuple[float, ...]] = set()
    for chunk in np.array_split(combos, max(1, len(combos) // 20000)):
        mats = np.concatenate([G[chunk], np.ones((len(chunk), 1, n))], axis=1)
        det = np.linalg.det(mats / scale)
        good = np.abs(det) > 1e-10
        if not good.any():
            continue
        rhs = np.zeros((int(good.sum()), n, 1))
        rhs[:, -1, 0] = 1.0
        xs = np.linalg.solve(mats[good], rhs)[..., 0]
        feasible = np.all(G @ xs.T <= 1e-7 * scale, axis=0)
        for idx, xf in zip(chunk[good][feasible], xs[feasible]):
            key = tuple(np.round(xf, 7))
            if key in seen:  # a degenerate vertex is met from many bases: solve it exactly once
                continue
            seen.add(key)
            x = _solve_exact([ineq[k] for k in idx] + [[Fraction(1)] * n], [Fraction(0)] * (n - 1) + [Fraction(1)])
            if x is not None and all(sum((a * v for a, v in zip(r, x)), Fraction(0)) <= 0 for r in ineq):
                found.add(tuple(x))
    return sorted(found, reverse=True)


@overload
def correlated_equilibria(game: Game, *, objective: None = ..., coarse: bool = ...) -> CorrelatedEquilibria: ...
@overload
def correlated_equilibria(game: Game, *, objective: str | int, coarse: bool = ...) -> CorrelatedEquilibrium: ...
def correlated_equilibria(
    game: Game, *, objective: str | int | None = None, coarse: bool = False
) -> CorrelatedEquilibria | CorrelatedEquilibrium:
    """The correlated (or coarse correlated) equilibria of a numeric game, exactly; or the optimal one.

    Parameters
    ----------
    game : Game
        A numeric game with rational payoffs, any number of players.
    objective : None, "welfare", or a player (name or index)
        None: return the polytope (its constraints, and its vertices for small
        games).  ``"welfare"``: the equilibrium maximising the sum of expected
        payoffs.  A player: the one maximising that player's expected payoff.
    coarse : bool
        True: coarse correlated equilibria (deviations committed before the
        recommendation) instead of correlated ones.

    Returns
    -------
    CorrelatedEquilibria or CorrelatedEquilibrium
        The polytope, or (with an objective) an optimal vertex with its
        ``value``; ties between optima are broken by the simplex method's
        smallest-index rule.

    Raises
    ------
    SymbolicError
        If the game has free symbols.
    GameError
        If a payoff is irrational, or the objective is not allowed.

    Examples
    --------
    >>> from games import Game
    >>> pennies = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> ce = correlated_equilibria(pennies)
    >>> [v.probabilities for v in ce.vertices]
    [(1/4, 1/4, 1/4, 1/4)]
    """
    where = "correlated_equilibria"
    u = _exact_payoffs(game, where)
    profiles = list(np.ndindex(*game.shape))
    rows = _incentive_rows(game, u, coarse)
    if objective is None:
        verts = _vertices([r for _, r in rows], len(profiles))
        points = None if verts is None else tuple(_point(game, u, v, None, None, coarse) for v in verts)
        return CorrelatedEquilibria(
            tuple(profiles), tuple((label, tuple(sympy.Rational(v.numerator, v.denominator) for v in r)) for label, r in rows),
            points, coarse, game.players, game.strategies,
        )
    if objective == "welfare":
        c = [sum((ui[s] for ui in u), Fraction(0)) for s in profiles]
        name = "welfare"
    elif isinstance(objective, (str, int)):
        i = _player_index(game, objective, where)
        c = [u[i][s] for s in profiles]
        name = game.players[i]
    else:
        raise GameError(f"{where}: objective {objective!r} not allowed (allowed: None, 'welfare', a player's name or index)")
    sol = solve_lp(c, [r for _, r in rows], [0] * len(rows), [[1] * len(profiles)], [1])
    assert sol.x is not None  # the polytope holds every Nash equilibrium, so it is never empty
    return _point(game, u, sol.x, sol.value, name, coarse)
