r"""``nash_equilibria``: every Nash equilibrium you can trust, exact where possible.

Dispatch
--------
* **Two players**: every *extreme* equilibrium by vertex enumeration of the
  best-response polytopes (:mod:`solvers.equilibria.vertices`), degenerate
  games included, plus the connected components of the equilibrium set
  (:mod:`solvers.equilibria.components`; every equilibrium of the game lies in the convex
  hull of a clique of extreme ones).  ``exact=None`` computes in rational
  arithmetic when the payoffs are rational and the game is small enough
  (:data:`~solvers.equilibria.exact_vertices.EXACT_MAX_BASES`, i.e. up to 7 x 7), and
  returns sympy ``Rational`` probabilities and payoffs; otherwise floats.
  Float mode on rational games with at most 300 bases per polytope (5 x 5)
  still computes in integers and converts the result to floats: at that size
  it is faster than the numpy search.
* **One player**: her optimal pure strategies.
* **Three or more players**: every *pure* equilibrium
  (:func:`solvers.equilibria.pure.pure_nash_equilibria`, exact), and for small games
  (``mixed``) every *isolated* mixed equilibrium by exact support enumeration
  (:func:`solvers.equilibria.nplayer.nplayer_support_enumeration`).  Mixed
  equilibria forming a continuum within one support are not enumerated, and
  larger games get pure equilibria only; the result's ``method`` and
  ``complete`` say what was done.

Every returned equilibrium is verified before it is returned: exactly (all
regrets exactly 0, probabilities summing to 1) in exact mode, and with the
relative tolerance :data:`~solvers.results.equilibria.FLOAT_TOL` (1e-9 times
``max(1, largest absolute payoff)``) in float mode.  A float candidate that fails is
dropped with a ``RuntimeWarning``.  There are no duplicates and the order is
deterministic (lexicographic in the row player's then the column player's
probabilities, largest first).

Examples
--------
>>> from games import Game
>>> pennies = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
>>> eqs = nash_equilibria(pennies)
>>> print(eqs[0])
Row: 1/2 s1 + 1/2 s2; Column: 1/2 s1 + 1/2 s2  (payoffs 0, 0)
>>> eqs.degenerate, eqs.exact
(False, True)
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError
from solvers.equilibria.complementary_pivoting import _resolve_label, lemke_howson
from solvers.equilibria.components import components_from_extreme
from solvers.equilibria.exact_vertices import (
    EXACT_MAX_BASES,
    IntVertex,
    check_enumeration_size,
    count_bases,
    exact_extreme_integer,
)
from solvers.equilibria.nplayer import nplayer_support_enumeration
from solvers.equilibria.pure import pure_nash_equilibria
from solvers.equilibria.verify import check_numeric_game, rational_payoff_arrays
from solvers.equilibria.vertices import integer_bimatrix, vertex_enumeration
from solvers.results.equilibria import FLOAT_TOL, Equilibria, Equilibrium, EquilibriumComponent, ExtremeEquilibria

__all__ = ["nash_equilibria", "SMALL_NPLAYER_SUPPORTS"]


#: ``mixed=None`` searches N-player mixed equilibria when the game has at most this many support profiles.
SMALL_NPLAYER_SUPPORTS = 64


#: Float mode computes rational games with at most this many polytope bases in
#: integers (then converts to floats): measured faster than numpy up to 5 x 5.
_FLOAT_VIA_INTEGERS = 300


def _verify_exact(A: list[list[int]], B: list[list[int]], x: IntVertex, y: IntVertex) -> tuple[Fraction, Fraction] | None:
    """Exact mutual-best-response check in integers; returns the payoffs of the integer game or None.

    ``x`` and ``y`` are non-negative integer weights; the mixed strategies are
    ``x / sum(x)`` and ``y / sum(y)``.
    """
    if min(x) < 0 or min(y) < 0:
        return None
    m, n = len(x), len(y)
    sx, sy = sum(x), sum(y)
    if sx <= 0 or sy <= 0:
        return None
    row = [sum(A[i][j] * y[j] for j in range(n) if y[j]) for i in range(m)]
    col = [sum(B[i][j] * x[i] for i in range(m) if x[i]) for j in range(n)]
    u1 = sum(x[i] * row[i] for i in range(m) if x[i])  # = payoff * sx * sy
    u2 = sum(y[j] * col[j] for j in range(n) if y[j])
    if max(row) * sx != u1 or max(col) * sy != u2:
        return None
    return Fraction(u1, sx * sy), Fraction(u2, sx * sy)


def _verify_float(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray, tol: float) -> tuple[float, float] | None:
    if x.min() < -tol or y.min() < -tol or abs(x.sum() - 1) > tol * len(x) or abs(y.sum() - 1) > tol * len(y):
        return None
    row = A @ y
    col = x @ B
    u1, u2 = float(x @ row), float(col @ y)
    s1 = max(1.0, float(np.abs(A).max()))
    s2 = max(1.0, float(np.abs(B).max()))
    if row.max() - u1 > tol * s1 or col.max() - u2 > tol * s2:
        return None
    return u1, u2


def _warn_if_unresolvable(A: np.ndarray, B: np.ndarray, tol: float) -> None:
    """Warn when two payoffs a player compares differ by less than the float tolerance.

    Float mode treats payoffs within ``tol`` (relative to the largest payoff) as
    equal, so a smaller non-zero difference between two strategies' payoffs
    (a player's payoffs against the same opponent strategy) cannot be told
    apart from a tie: equilibria may be merged, added or missed.
    """
    scale = max(float(np.abs(A).max(initial=0.0)), float(np.abs(B).max(initial=0.0)), 1.0)
    smallest = np.inf
    for M in (A, B.T):  # rows of A, and rows of B.T, are what each player compares
        d = np.abs(M[:, None, :] - M[None, :, :])
        nonzero = d[d > 0]
        if nonzero.size:
            smallest = min(smallest, float(nonzero.min()))
    if smallest <= tol * scale:
        warnings.warn(
            f"nash_equilibria: payoffs differ by {smallest:.3g}, below the float tolerance "
            f"{tol * scale:.3g}; float mode cannot separate them from ties. Use exact=True.",
            RuntimeWarning,
            stacklevel=4,
        )


def _two_player(game: Game, exact: bool | None, tol: float | None) -> Equilibria:
    m, n = game.shape
    check_enumeration_size(m, n, "nash_equilibria")
    ints = integer_bimatrix(game)
    if exact is None:
        exact = ints is not None and count_bases(m, n) <= EXACT_MAX_BASES
    # Small rational games are computed in integers in both modes: it is faster than numpy there.
    if ints is not None and (exact or count_bases(m, n) <= _FLOAT_VIA_INTEGERS):
        return _two_player_integer(game, ints, as_float=not exact)
    ext = vertex_enumeration(game, exact=exact, tol=tol)
    names = (game.players, game.strategies)
    eqs: list[Equilibrium] = []
    Af, Bf = game.numeric_arrays()
    t = FLOAT_TOL if tol is None else float(tol)
    if not exact:
        _warn_if_unresolvable(Af, Bf, t)
    good: list[tuple[int, int]] = []
    for i, j in ext.pairs:
        x = np.asarray(ext.row_vertices[i])
        y = np.asarray(ext.col_vertices[j])
        pay = _verify_float(Af, Bf, x, y, t)
        if pay is None:
            warnings.warn(
                f"nash_equilibria: float candidate {tuple(x)}, {tuple(y)} failed verification (tol={t}); dropped. "
                "Use exact=True for this game.",
                RuntimeWarning,
                stacklevel=3,
            )
            continue
        good.append((i, j))
        eqs.append(Equilibrium((ext.row_vertices[i], ext.col_vertices[j]), pay, *names, exact=False))
    kept = ExtremeEquilibria(ext.row_vertices, ext.col_vertices, tuple(good), ext.degenerate, False)
    return Equilibria(
        eqs, degenerate=ext.degenerate, components=components_from_extreme(kept), exact=False,
        method="vertex enumeration (float)",
    )


def _two_player_integer(
    game: Game, ints: tuple[list[list[int]], list[list[int]], int, int], *, as_float: bool
) -> Equilibria:
    A, B, den_a, den_b = ints
    rows_i, cols_i, pairs, degenerate = exact_extreme_integer(A, B)
    conv: Any
    if as_float:
        def conv(a: int, s: int) -> float:
            return a / s
    else:
        def conv(a: int, s: int) -> sympy.Rational:
            return sympy.Rational(a, s)
    rows = [tuple(conv(a, sum(x)) for a in x) for x in rows_i]
    cols = [tuple(conv(a, sum(y)) for a in y) for y in cols_i]
    eqs: list[Equilibrium] = []
    for i, j in pairs:
        pay = _verify_exact(A, B, rows_i[i], cols_i[j])
        if pay is None:  # pragma: no cover - would be a bug in the enumeration
            raise RuntimeError(f"nash_equilibria: internal error, candidate {rows[i]}, {cols[j]} is not an equilibrium")
        p1, p2 = pay[0] / den_a, pay[1] / den_b
        payoffs = (float(p1), float(p2)) if as_float else (
            sympy.Rational(p1.numerator, p1.denominator), sympy.Rational(p2.numerator, p2.denominator))
        eqs.append(Equilibrium((rows[i], cols[j]), payoffs, game.players, game.strategies, exact=not as_float))
    ext = ExtremeEquilibria(tuple(rows), tuple(cols), tuple(pairs), degenerate, not as_float)
    if degenerate:
        comps = components_from_extreme(ext)
    else:
        comps = [
            EquilibriumComponent((k,), (((0,), (0,)),), (rows[i],), (cols[j],)) for k, (i, j) in enumerate(pairs)
        ]
    mode = "float output, computed in integers" if as_float else "exact"
    return Equilibria(
        eqs, degenerate=degenerate, components=comps, exact=not as_float, method=f"vertex enumeration ({mode})"
    )


def _one_player(game: Game) -> Equilibria:
    res = pure_nash_equilibria(game)
    return Equilibria(res, degenerate=None, exact=res.exact, method="optimal pure strategies (one player)")


#: The values of ``nash_equilibria(method=...)``.
METHODS = ("enumeration", "lemke-howson")


def _lemke_howson(game: Game, exact: bool | None, label: int | str) -> Equilibria:
    eq = lemke_howson(game, label=label, exact=exact)
    m = game.shape[0]
    k = _resolve_label(game, label)
    who = f"{game.players[0]}'s {game.strategies[0][k]}" if k < m else f"{game.players[1]}'s {game.strategies[1][k - m]}"
    return Equilibria(
        [eq], degenerate=None, exact=eq.exact, complete=False, method=f"Lemke-Howson, label {k} ({who})"
    )


def nash_equilibria(
    game: Game, *, exact: bool | None = None, tol: float | None = None, mixed: bool | None = None,
    method: str | None = None, label: int | str = 0,
) -> Equilibria:
    r"""All Nash equilibria of a numeric game, each verified before it is returned.

    For two players: every extreme equilibrium (degenerate games included)
    and the connected components of the equilibrium set; for N >= 3 players:
    every pure equilibrium.  See the module docstring for the algorithms and
    the tolerance.

    Parameters
    ----------
    game : Game
        A numeric game (no free symbols).
    exact : bool, optional
        True: compute and verify in rational arithmetic; probabilities and
        payoffs are sympy ``Rational``.  False: floats, verified with ``tol``.
        None (default): exact for rational two-player games up to
        :data:`~solvers.equilibria.exact_vertices.EXACT_MAX_BASES` bases (7 x 7),
        and always for the pure equilibria of N-player games.
    tol : float, optional
        Float mode: relative tolerance (default
        :data:`~solvers.results.equilibria.FLOAT_TOL` = 1e-9).
    mixed : bool, optional
        N >= 3 players only.  True: also every isolated mixed equilibrium by
        exact support enumeration (:mod:`solvers.equilibria.nplayer`; rational
        payoffs, at most 400 support profiles).  False: pure equilibria only.
        None (default): mixed ones too when the game has at most
        :data:`SMALL_NPLAYER_SUPPORTS` support profiles (e.g. 2 x 2 x 2 and
        3 x 2 x 2) and rational payoffs.
    method : {None, "enumeration", "lemke-howson"}, optional
        Two players only.  None or ``"enumeration"`` (default): every extreme
        equilibrium, as above.  ``"lemke-howson"``: one equilibrium, by
        :func:`~solvers.equilibria.complementary_pivoting.lemke_howson` (any
        size; ``complete`` is False).
    label : int or str, default 0
        ``method="lemke-howson"`` only: the dropped label (``0..m-1`` the row
        player's strategies, ``m..m+n-1`` the column player's, or a strategy name).

    Returns
    -------
    Equilibria
        A list of :class:`~solvers.results.equilibria.Equilibrium`, with attributes
        ``degenerate``, ``components``, ``exact``, ``method``.

    Raises
    ------
    SymbolicError
        If the game has free symbols; the message names them.
    SizeLimitError
        At once, for a two-player game with more than
        :data:`~solvers.equilibria.exact_vertices.MAX_ENUMERATION_BASES` bases
        (larger than about 14 x 14), unless ``method="lemke-howson"``.
    GameError
        For a :class:`~games.symmetric.SymmetricGame` (use
        :func:`solvers.equilibria.symmetric.symmetric_equilibria` or ``to_game()``),
        ``exact=True`` with irrational payoffs, or an unknown ``method``.

    References
    ----------
    B. von Stengel, "Computing equilibria for two-person games", Handbook of
    Game Theory vol. 3 (2002), ch. 45, Section 3.
    D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash
    equilibria for two-player games", Economic Theory 42 (2010) 9-37.

    Notes
    -----
    A profile :math:`\sigma` is a Nash equilibrium when no player gains by a
    unilateral deviation; since payoffs are linear in a player's own mixed
    strategy, pure deviations suffice:

    .. math::

       u_i(\sigma) \geq u_i(s_i, \sigma_{-i})
       \quad \text{for every player } i \text{ and every pure strategy } s_i .

    In a 2 x 2 game with a completely mixed equilibrium the row player's
    probability of her first strategy makes the column player indifferent,

    .. math::

       p = \frac{b_{22} - b_{21}}{b_{11} - b_{12} - b_{21} + b_{22}},

    which is :math:`\frac{3}{4}` in the Stag Hunt below.

    Examples
    --------
    >>> from games import Game
    >>> stag = Game.from_bimatrix([[4, 0], [3, 3]], strategies=(["Stag", "Hare"], ["Stag", "Hare"]))
    >>> for e in nash_equilibria(stag):
    ...     print(e)
    Row: Stag; Column: Stag  (payoffs 4, 4)
    Row: 3/4 Stag + 1/4 Hare; Column: 3/4 Stag + 1/4 Hare  (payoffs 3, 3)
    Row: Hare; Column: Hare  (payoffs 3, 3)
    >>> [e.as_floats() for e in nash_equilibria(stag, exact=False)][1]
    ((0.75, 0.25), (0.75, 0.25))

    A degenerate game: a connected set of equilibria.

    >>> g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> eqs = nash_equilibria(g)
    >>> len(eqs), eqs.degenerate, len(eqs.components)
    (3, True, 2)
    >>> print(eqs.components[0])
    conv{(1, 0, 0)} x conv{(1, 0) | (2/3, 1/3)}

    One equilibrium of a large game, by Lemke-Howson:

    >>> one = nash_equilibria(stag, method="lemke-howson", label=1)
    >>> print(one[0]); print(one.method)
    Row: Hare; Column: Hare  (payoffs 3, 3)
    Lemke-Howson, label 1 (Row's Hare)
    """
    check_numeric_game(game, "nash_equilibria")
    if exact is not None and not isinstance(exact, bool):
        raise GameError(f"nash_equilibria: exact must be True, False or None, got {exact!r}")
    if method is not None and method not in METHODS:
        raise GameError(
            f"nash_equilibria: unknown method {method!r}; allowed: {', '.join(repr(m) for m in METHODS)} or None"
        )
    if method == "lemke-howson":
        if game.n_players != 2:
            raise GameError(f"nash_equilibria: method='lemke-howson' needs a two-player game, got {game.n_players} players")
        return _lemke_howson(game, exact, label)
    if game.n_players == 2:
        return _two_player(game, exact, tol)
    if game.n_players == 1:
        return _one_player(game)
    rational = rational_payoff_arrays(game) is not None
    if exact is True and not rational:
        raise GameError("nash_equilibria: exact=True needs rational payoffs; this game has irrational ones")
    supports = math.prod(2**m - 1 for m in game.shape)
    if mixed is None:
        mixed = rational and supports <= SMALL_NPLAYER_SUPPORTS
    if mixed:
        return nplayer_support_enumeration(game)
    res = pure_nash_equilibria(game)
    return Equilibria(
        res, degenerate=None, exact=res.exact,
        method=f"pure equilibria of a {game.n_players}-player game (mixed equilibria not searched)",
    )

