r"""Evolutionarily stable strategies of symmetric two-player games, exact, with symbolic conditions for 2x2.

A mixed strategy :math:`p^*` of the symmetric game with payoff matrix
:math:`A` (row player's payoffs, :math:`B = A^\top`) is *evolutionarily stable*
(Maynard Smith and Price 1973) when for every :math:`q \ne p^*`

.. math::

    u(q, p^*) < u(p^*, p^*) \quad\text{or}\quad
    \bigl[u(q, p^*) = u(p^*, p^*) \text{ and } u(p^*, q) > u(q, q)\bigr],
    \qquad u(x, y) = x^\top A y.

Numeric games (rational payoffs, any number of strategies): each support
:math:`S` gives at most one isolated symmetric equilibrium :math:`p^*`
(a support with a continuum of them holds no ESS: its members cannot invade
each other, but are not repelled either).  With :math:`T` the pure best
replies to :math:`p^*`, :math:`p^*` is an ESS if and only if
:math:`z^\top A z < 0` for every non-zero :math:`z` with :math:`\sum z = 0`,
support in :math:`T` and :math:`z_j \ge 0` on :math:`T \setminus S`
(Haigh 1975; Bomze and Weibull 1995, Section 2): the quadratic form must be
negative definite on the directions inside :math:`S` and, after maximising
over those (a Schur complement), strictly negative on the cone of the extra
best replies -- decided exactly by the critical points of every face of that
cone.

Symbolic 2x2 games, :math:`A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}`:
the first strategy is an ESS iff :math:`a > c` or (:math:`a = c` and :math:`b > d`);
the second iff :math:`d > b` or (:math:`d = b` and :math:`c > a`); the mixed
strategy :math:`p = (d - b)/(a - b - c + d)` iff :math:`c > a` and :math:`b > d`.

References
----------
J. Maynard Smith, G. R. Price, "The logic of animal conflict", Nature 246 (1973) 15-18.
J. Haigh, "Game theory and evolution", Advances in Applied Probability 7 (1975) 8-11.
I. M. Bomze, J. W. Weibull, "Does neutral stability imply Lyapunov stability?",
Games and Economic Behavior 11 (1995) 173-192, Section 2.
J. W. Weibull, *Evolutionary Game Theory*, MIT Press (1995), Sections 2.1-2.3.

Examples
--------
>>> import sympy
>>> from games import Game
>>> V, C = sympy.symbols("V C", positive=True)
>>> hawk_dove = Game.from_bimatrix([[(V - C) / 2, V], [0, V / 2]], strategies=(["Hawk", "Dove"],) * 2)
>>> mixed = [e for e in evolutionarily_stable_strategies(hawk_dove) if e.kind == "mixed"][0]
>>> mixed.strategy[0], mixed.condition
(V/C, C > V)
"""

from __future__ import annotations

import itertools
from typing import Any

import sympy

from games.core import Game
from games.errors import GameError, SymbolicError
from solvers.results.concepts import EvolutionarilyStableStrategy
from solvers.symbolic.relations import relation

__all__ = ["evolutionarily_stable_strategies"]

_WHERE = "evolutionarily_stable_strategies"


def _matrix(game: Game) -> sympy.Matrix:
    if not isinstance(game, Game):
        raise GameError(f"{_WHERE}: expected a games.Game, got {type(game).__name__}")
    if game.n_players != 2 or game.shape[0] != game.shape[1]:
        raise GameError(f"{_WHERE}: needs a symmetric two-player game (square), got shape {game.shape}")
    m = game.shape[0]
    A = sympy.Matrix(m, m, lambda i, j: game.payoffs[0][i, j])
    B = sympy.Matrix(m, m, lambda i, j: game.payoffs[1][i, j])
    if any(sympy.expand(B[i, j] - A[j, i]) != 0 for i in range(m) for j in range(m)):
        raise GameError(f"{_WHERE}: the game is not symmetric (Column's payoffs must be Row's transposed)")
    return A


def _symbolic_2x2(A: sympy.Matrix, strategies: tuple[str, ...]) -> list[EvolutionarilyStableStrategy]:
    a, b, c, d = A[0, 0], A[0, 1], A[1, 0], A[1, 1]

    def cond(x: Any) -> Any:
        return sympy.simplify_logic(x) if isinstance(x, (sympy.And, sympy.Or)) else x

    out = []
    first = cond(sympy.Or(relation(a - c, ">"), sympy.And(relation(a - c, "=="), relation(b - d, ">"))))
    second = cond(sympy.Or(relation(d - b, ">"), sympy.And(relation(d - b, "=="), relation(c - a, ">"))))
    if first is not sympy.false:
        out.append(EvolutionarilyStableStrategy((sympy.Integer(1), sympy.Integer(0)), a, "pure", first, strategies))
    if second is not sympy.false:
        out.append(EvolutionarilyStableStrategy((sympy.Integer(0), sympy.Integer(1)), d, "pure", second, strategies))
    mixed = cond(sympy.And(relation(c - a, ">"), relation(b - d, ">")))
    if mixed is not sympy.false:
        den = a - b - c + d
        p = sympy.factor(sympy.cancel((d - b) / den))
        q = sympy.factor(sympy.cancel(1 - p))
        pay = sympy.factor(sympy.cancel(p * (a * p + b * q) + q * (c * p + d * q)))
        out.append(EvolutionarilyStableStrategy((p, q), pay, "mixed", mixed, strategies))
    return out


def _strictly_copositive(C: sympy.Matrix) -> bool:
    r"""True when :math:`w^\top C w > 0` for every non-zero :math:`w \ge 0` (exact).

    The minimum of :math:`w^\top C w` over the simplex is attained at a critical
    point in the relative interior of some face :math:`J`, where
    :math:`C_J w_J = \mu 1` and the value is :math:`\mu`.  Faces whose system
    is singular carry a line of critical points of one value, which meets a
    smaller face; so checking the faces with a unique positive solution suffices.
    """
    d = C.shape[0]
    for k in range(1, d + 1):
        for J in itertools.combinations(range(d), k):
            CJ = C.extract(list(J), list(J))
            M = CJ.row_join(-sympy.ones(k, 1)).col_join(sympy.Matrix([[1] * k + [0]]))
            if M.det() == 0:
                continue
            sol = M.LUsolve(sympy.Matrix([0] * k + [1]))
            if all(v > 0 for v in sol[:k]) and sol[k] <= 0:
                return False
    return True


def _is_ess(A: sympy.Matrix, p: list[Any], S: tuple[int, ...], T: list[int]) -> bool:
    m = A.shape[0]
    M = (A + A.T) / 2
    k = S[-1]
    directions = []  # z = e_j - e_k for the free directions (j in S) and the cone directions (j in T \ S)
    free = [j for j in S if j != k]
    extra = [j for j in T if j not in S]
    for j in free + extra:
        z = [0] * m
        z[j], z[k] = 1, -1
        directions.append(z)
    if not directions:
        return True  # the unique best reply is p* itself (a strict pure equilibrium)
    E = sympy.Matrix(directions).T
    Q = E.T * M * E
    f = len(free)
    P = Q[:f, :f]
    if f and not all((-P)[:i, :i].det() > 0 for i in range(1, f + 1)):
        return False  # not negative definite on the directions inside the support (Sylvester)
    if not extra:
        return True
    Y, R = Q[:f, f:], Q[f:, f:]
    schur = R - Y.T * P.inv() * Y if f else R
    return _strictly_copositive(-schur)


def _numeric(A: sympy.Matrix, strategies: tuple[str, ...]) -> list[EvolutionarilyStableStrategy]:
    m = A.shape[0]
    out = []
    for k in range(1, m + 1):
        for S in itertools.combinations(range(m), k):
            # (A p)_i = v for i in S, sum p = 1, p_j = 0 off S
            M = sympy.zeros(k + 1, k + 1)
            for r, i in enumerate(S):
                for c, j in enumerate(S):
                    M[r, c] = A[i, j]
                M[r, k] = -1
            for c in range(k):
                M[k, c] = 1
            if M.det() == 0:
                continue  # a continuum of equilibria on S (or none): no ESS there
            sol = M.LUsolve(sympy.Matrix([0] * k + [1]))
            if any(sol[c] <= 0 for c in range(k)):
                continue
            p: list[Any] = [sympy.Integer(0)] * m
            for c, j in enumerate(S):
                p[j] = sol[c]
            v = sol[k]
            Ap = A * sympy.Matrix(p)
            if any(Ap[j] > v for j in range(m)):
                continue
            T = [j for j in range(m) if Ap[j] == v]
            if _is_ess(A, p, S, T):
                out.append(EvolutionarilyStableStrategy(tuple(p), v, "pure" if k == 1 else "mixed", sympy.true,
                                                        strategies))
    return out


def evolutionarily_stable_strategies(game: Game) -> list[EvolutionarilyStableStrategy]:
    r"""The evolutionarily stable strategies (pure and mixed) of a symmetric two-player game.

    Parameters
    ----------
    game : Game
        A symmetric two-player game (Column's payoffs are Row's transposed).
        Numeric with rational payoffs and any number of strategies, or
        symbolic with two strategies (then each ESS carries its condition).

    Returns
    -------
    list of EvolutionarilyStableStrategy
        Pure ones first, by strategy; for symbolic games every candidate
        whose condition is not identically false.

    Raises
    ------
    GameError
        If the game is not a symmetric two-player game, or a payoff is irrational.
    SymbolicError
        If a symbolic game has more than two strategies.

    Examples
    --------
    >>> from games import Game
    >>> coordination = Game.from_bimatrix([[2, 0], [0, 1]])
    >>> [e.strategy for e in evolutionarily_stable_strategies(coordination)]
    [(1, 0), (0, 1)]
    """
    A = _matrix(game)
    strategies = game.strategies[0]
    if A.free_symbols:
        if A.shape[0] != 2:
            names = ", ".join(sorted(s.name for s in A.free_symbols))
            raise SymbolicError(
                f"{_WHERE}: symbolic games (symbols {names}) need two strategies, got {A.shape[0]}; "
                "substitute values for the others"
            )
        return _symbolic_2x2(A, strategies)
    for v in A:
        if not isinstance(v, sympy.Rational):
            raise GameError(f"{_WHERE}: payoff {v} is not rational (allowed: rational payoffs)")
    return _numeric(A, strategies)
