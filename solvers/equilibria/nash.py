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
  The routes, in order:

  - a nondegenerate **2 x 2** game: the closed form
    (:mod:`solvers.equilibria.closed_form`), no polytope at all;
  - **exact**, and float mode on rational games of small integers up to 5 x 5 (and 2 x n):
    the lexicographic **reverse search** of lrs in Python integers
    (:mod:`solvers.equilibria.reverse_search`), whose memory does not grow
    with the vertices visited;
  - **float** otherwise: the vectorised numpy search
    (:mod:`solvers.equilibria.float_vertices`), unless the game is
    *near-degenerate* -- two payoffs a player compares, or a slack at a
    vertex, within 1000 times the tolerance of a tie -- which is then
    computed exactly (its rational payoffs, or its floats as exact dyadic
    rationals) and returned as floats; a float candidate failing verification
    also sends the game to exact arithmetic.  Past 14 x 14 (allowed with a
    ``time_limit``) float mode also takes the reverse search, for its bounded
    memory.

  Before any work, a game past the size guard
  (:func:`~solvers.equilibria.exact_vertices.check_enumeration_size`) is
  refused with :class:`~games.errors.SizeLimitError` unless a ``time_limit``
  is given; ``method="lemke-howson"`` finds one equilibrium of any size, and
  ``method="nashpy-..."`` runs nashpy's algorithms through the same
  verification (:mod:`solvers.equilibria.nashpy_check`).
* **One player**: her optimal pure strategies.
* **Three or more players**: every *pure* equilibrium
  (:func:`solvers.equilibria.pure.pure_nash_equilibria`, exact), and for small games
  (``mixed``) every *isolated* mixed equilibrium by exact support enumeration
  (:func:`solvers.equilibria.nplayer.nplayer_support_enumeration`); a support
  whose equilibria form a continuum is reported as a component (its equations,
  inequalities and an exact witness) in the result's ``components``.  Larger
  games get pure equilibria only; the result's ``method`` and ``complete`` say
  what was done.

Every returned equilibrium is verified before it is returned: exactly (all
regrets exactly 0, probabilities summing to 1) in exact mode, and with the
relative tolerance :data:`~solvers.results.equilibria.FLOAT_TOL` (1e-9 times
``max(1, largest absolute payoff)``) in float mode.  A float candidate that fails
sends the game to exact arithmetic (or, past 11 x 11, is dropped with a
``RuntimeWarning``).  There are no duplicates and the order is
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

import functools
import importlib
import math
import time
import warnings
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy

from games.core import Game
from games.errors import GameError, SizeLimitError
from solvers.equilibria.closed_form import two_by_two
from solvers.equilibria.exact_vertices import (
    EXACT_MAX_BASES,
    MAX_ENUMERATION_BASES,
    IntVertex,
    check_enumeration_size,
    count_bases,
    exact_extreme_integer,
)
from solvers.equilibria.nashpy_check import NASHPY_METHODS, nashpy_equilibria
from solvers.equilibria.reverse_search import q_is_degenerate
from solvers.equilibria.verify import check_numeric_game, float_arrays, integer_bimatrix, rational_payoff_arrays
from solvers.results.equilibria import FLOAT_TOL, Equilibria, Equilibrium, EquilibriumComponent, ExtremeEquilibria

if TYPE_CHECKING:
    import numpy as np

__all__ = ["nash_equilibria", "SMALL_NPLAYER_SUPPORTS"]

#: The modules of the routes that not every call takes, by the name :func:`_route` gives: each is
#: imported when a call first takes its route, so that an exact two-player solve (the 2 x 2 closed
#: form, the reverse search in integers) loads neither numpy nor Lemke-Howson, the float search or the
#: N-player solvers (the command line's start-up, issue 17; ARCHITECTURE.md, "Imports by name").
_ROUTES = {
    "lemke_howson": "solvers.equilibria.complementary_pivoting",
    "_resolve_label": "solvers.equilibria.complementary_pivoting",
    "components_from_extreme": "solvers.equilibria.components",
    "nplayer_support_enumeration": "solvers.equilibria.nplayer",
    "pure_nash_equilibria": "solvers.equilibria.pure",
    "NEAR_DEGENERATE_EXACT_MAX": "solvers.equilibria.vertices",
    "float_integer_bimatrix": "solvers.equilibria.vertices",
    "guarded_float_extreme": "solvers.equilibria.vertices",
    "vertex_enumeration": "solvers.equilibria.vertices",
}


def _route(name: str) -> Any:
    """The function (or constant) ``name`` of :data:`_ROUTES`, its module imported on first use."""
    return getattr(importlib.import_module(_ROUTES[name]), name)


#: ``mixed=None`` searches N-player mixed equilibria when the game has at most this many support profiles.
SMALL_NPLAYER_SUPPORTS = 64


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
    import numpy as np

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


#: Float mode on a rational game takes the integer route (the reverse search, then floats) when each
#: polytope has at most this many bases (5 x 5 has 251) and every scaled integer payoff is below
#: :data:`_SMALL_INTEGER` in absolute value; past it the qhull route of
#: :mod:`~solvers.equilibria.float_vertices` is faster (per call, integer route against qhull route:
#: 5 x 5 0.87 against 0.91 ms, 4 x 7 1.24 against 0.84, 6 x 6 2.97 against 1.02).  Games with a
#: side of 2 stay on integers up to :data:`_FLOAT_VIA_INTEGERS_2N` bases (2 x 30: 0.51 against 3.89 ms).
#: Games of decimals with long expansions (large common denominators) take the numpy route.
_FLOAT_VIA_INTEGERS = 300
_FLOAT_VIA_INTEGERS_2N = 1000
_SMALL_INTEGER = 10**6


def _two_player(game: Game, exact: bool | None, tol: float | None, deadline: float | None) -> Equilibria:
    m, n = game.shape
    check_enumeration_size(m, n, "nash_equilibria", timed=deadline is not None)
    ints = integer_bimatrix(game)
    if exact is None:
        exact = ints is not None and count_bases(m, n) <= EXACT_MAX_BASES
    if exact and ints is None:
        _route("vertex_enumeration")(game, exact=True)  # raises GameError naming the irrational payoff
    t = FLOAT_TOL if tol is None else float(tol)
    if not (0 < t < 1e-2):
        raise GameError(f"nash_equilibria: tol must be in (0, 0.01), got {tol!r}")
    if ints is not None and m == n == 2:
        fast = _two_by_two(game, ints, as_float=not exact)
        if fast is not None:
            return fast
    small_ints = ints is not None and max(max(map(abs, row)) for M in ints[:2] for row in M) < _SMALL_INTEGER
    via_integers = _FLOAT_VIA_INTEGERS_2N if min(m, n) == 2 else _FLOAT_VIA_INTEGERS
    if ints is not None and (exact or (small_ints and count_bases(m, n) <= via_integers)):
        return _two_player_integer(game, ints, as_float=not exact, deadline=deadline)
    if count_bases(m, n) > MAX_ENUMERATION_BASES:  # past 14 x 14 (time_limit given): bounded memory
        scaled = ints if ints is not None else _route("float_integer_bimatrix")(*float_arrays(game))
        res = _two_player_integer(game, scaled, as_float=True, deadline=deadline)
        res.method = "vertex enumeration (float output, computed in integers by reverse search: bounded memory)"
        return res
    ext, exact_ints = _route("guarded_float_extreme")(game, t, ints, deadline)
    if ext is None:
        assert exact_ints is not None
        res = _two_player_integer(game, exact_ints, as_float=True, deadline=deadline)
        res.method = "vertex enumeration (near-degenerate float game, computed exactly in integers)"
        return res
    import numpy as np  # the float search: numpy is loaded by now

    names = (game.players, game.strategies)
    eqs: list[Equilibrium] = []
    Af, Bf = float_arrays(game)
    good: list[tuple[int, int]] = []
    for i, j in ext.pairs:
        x = np.asarray(ext.row_vertices[i])
        y = np.asarray(ext.col_vertices[j])
        pay = _verify_float(Af, Bf, x, y, t)
        if pay is None:
            if count_bases(m, n) <= _route("NEAR_DEGENERATE_EXACT_MAX"):  # round-off decided something: redo exactly
                res = _two_player_integer(
                    game, ints if ints is not None else _route("float_integer_bimatrix")(Af, Bf), as_float=True,
                    deadline=deadline)
                res.method = "vertex enumeration (float candidate failed verification, computed exactly in integers)"
                return res
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
        eqs, degenerate=ext.degenerate, components=_route("components_from_extreme")(kept), exact=False,
        method="vertex enumeration (float)",
    )


def _two_by_two(game: Game, ints: tuple[list[list[int]], list[list[int]], int, int], *, as_float: bool) -> Equilibria | None:
    """A nondegenerate 2 x 2 game in closed form (:func:`~solvers.equilibria.closed_form.two_by_two`); None if degenerate."""
    A, B, den_a, den_b = ints
    found = two_by_two(A, B)
    if found is None:
        return None
    eqs = []
    comps = []
    for k, (x, y) in enumerate(found):
        # the closed form is exact; verify it anyway, in integers, as every returned equilibrium is
        pay = _verify_exact(A, B, x, y)
        if pay is None:  # pragma: no cover - would be a bug in the closed form
            raise RuntimeError(f"nash_equilibria: internal error, 2 x 2 candidate {x}, {y} is not an equilibrium")
        sx, sy = x[0] + x[1], y[0] + y[1]
        prof: tuple[tuple[Any, ...], tuple[Any, ...]]
        if as_float:
            prof = ((x[0] / sx, x[1] / sx), (y[0] / sy, y[1] / sy))
            payoffs: tuple[Any, Any] = (float(pay[0] / den_a), float(pay[1] / den_b))
        else:
            prof = ((sympy.Rational(x[0], sx), sympy.Rational(x[1], sx)), (sympy.Rational(y[0], sy), sympy.Rational(y[1], sy)))
            u1, u2 = pay[0] / den_a, pay[1] / den_b
            payoffs = (sympy.Rational(u1.numerator, u1.denominator), sympy.Rational(u2.numerator, u2.denominator))
        eqs.append(Equilibrium(prof, payoffs, game.players, game.strategies, exact=not as_float))
        comps.append(EquilibriumComponent((k,), (((0,), (0,)),), (prof[0],), (prof[1],)))
    mode = "float output" if as_float else "exact"
    return Equilibria(eqs, degenerate=False, components=comps, exact=not as_float, method=f"2 x 2 closed form ({mode})")


def _two_player_integer(
    game: Game, ints: tuple[list[list[int]], list[list[int]], int, int], *, as_float: bool, deadline: float | None
) -> Equilibria:
    A, B, den_a, den_b = ints
    started = time.monotonic()
    rows_i, cols_i, pairs, degenerate = exact_extreme_integer(A, B, deadline=deadline, lazy_degenerate=True)
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
    if degenerate:
        ext = ExtremeEquilibria(tuple(rows), tuple(cols), tuple(pairs), True, not as_float)
        comps = _route("components_from_extreme")(ext)
    else:  # no degenerate vertex in any equilibrium: each vertex has one partner, each equilibrium is isolated
        comps = [
            EquilibriumComponent((k,), (((0,), (0,)),), (rows[i],), (cols[j],)) for k, (i, j) in enumerate(pairs)
        ]
    mode = "float output, computed in integers" if as_float else "exact"
    # None: P is nondegenerate and so is every equilibrium; whether Q is waits for the first read (a walk of Q,
    # allowed the time this enumeration was)
    budget = None if deadline is None else max(0.0, deadline - started)
    flag = functools.partial(_degeneracy_of_q, A, budget) if degenerate is None else degenerate
    return Equilibria(
        eqs, degenerate=flag, components=comps, exact=not as_float, method=f"vertex enumeration ({mode})"
    )


def _degeneracy_of_q(A: list[list[int]], seconds: float | None) -> bool | None:
    """Whether the column player's polytope Q is degenerate (a walk of Q); None when ``seconds`` run out first."""
    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        return q_is_degenerate(A, deadline=deadline)
    except SizeLimitError:
        return None


def _one_player(game: Game) -> Equilibria:
    res = _route("pure_nash_equilibria")(game)
    return Equilibria(res, degenerate=None, exact=res.exact, method="optimal pure strategies (one player)")


#: The values of ``nash_equilibria(method=...)``.
METHODS = ("enumeration", "lemke-howson", *NASHPY_METHODS)


def _lemke_howson(game: Game, exact: bool | None, label: int | str) -> Equilibria:
    eq = _route("lemke_howson")(game, label=label, exact=exact)
    m = game.shape[0]
    k = _route("_resolve_label")(game, label)
    who = f"{game.players[0]}'s {game.strategies[0][k]}" if k < m else f"{game.players[1]}'s {game.strategies[1][k - m]}"
    return Equilibria(
        [eq], degenerate=None, exact=eq.exact, complete=False, method=f"Lemke-Howson, label {k} ({who})"
    )


def nash_equilibria(
    game: Game, *, exact: bool | None = None, tol: float | None = None, mixed: bool | None = None,
    method: str | None = None, label: int | str = 0, time_limit: float | None = None,
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
    method : {None, "enumeration", "lemke-howson", "nashpy-support", "nashpy-vertex", "nashpy-lemke-howson"}, optional
        Two players only.  None or ``"enumeration"`` (default): every extreme
        equilibrium, as above.  ``"lemke-howson"``: one equilibrium, by
        :func:`~solvers.equilibria.complementary_pivoting.lemke_howson` (any
        size; ``complete`` is False).  ``"nashpy-..."``: nashpy's support
        enumeration, vertex enumeration or Lemke-Howson, every profile verified
        and compared with our enumeration; ``method`` of the result counts what
        nashpy returned, invented and missed, and a ``RuntimeWarning`` names them
        (:mod:`solvers.equilibria.nashpy_check`).
    label : int or str, default 0
        ``method="lemke-howson"`` only: the dropped label (``0..m-1`` the row
        player's strategies, ``m..m+n-1`` the column player's, or a strategy name).
    time_limit : float, optional
        Two-player enumeration only: seconds (wall clock) after which the
        enumeration stops with :class:`~games.errors.SizeLimitError` (checked
        between pivots, so it stops within a few milliseconds of the limit).
        With a time limit any size may be enumerated (games past the size guard
        go through the reverse search, whose memory does not grow).  None
        (default): no limit beyond the size guard.

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
        At once, before any work, for a two-player game with more than
        :data:`~solvers.equilibria.exact_vertices.MAX_ENUMERATION_BASES` bases
        (larger than about 14 x 14), unless ``method="lemke-howson"`` or a
        ``time_limit`` is given; the message names the size and suggests
        ``method="lemke-howson"``.  Also when ``time_limit`` runs out.
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
    if time_limit is not None and not (isinstance(time_limit, (int, float)) and not isinstance(time_limit, bool)
                                       and time_limit > 0):
        raise GameError(f"nash_equilibria: time_limit must be a positive number of seconds or None, got {time_limit!r}")
    deadline = None if time_limit is None else time.monotonic() + float(time_limit)
    if method in NASHPY_METHODS:
        if game.n_players != 2:
            raise GameError(f"nash_equilibria: method={method!r} needs a two-player game, got {game.n_players} players")
        ours = None if method == "nashpy-lemke-howson" else _two_player(game, exact, tol, deadline)
        return nashpy_equilibria(game, method, label=_route("_resolve_label")(game, label), reference=ours, tol=tol)
    if game.n_players == 2:
        return _two_player(game, exact, tol, deadline)
    if game.n_players == 1:
        return _one_player(game)
    rational = rational_payoff_arrays(game) is not None
    if exact is True and not rational:
        raise GameError("nash_equilibria: exact=True needs rational payoffs; this game has irrational ones")
    supports = math.prod(2**m - 1 for m in game.shape)
    if mixed is None:
        mixed = rational and supports <= SMALL_NPLAYER_SUPPORTS
    if mixed:
        return _route("nplayer_support_enumeration")(game)
    res = _route("pure_nash_equilibria")(game)
    return Equilibria(
        res, degenerate=None, exact=res.exact,
        method=f"pure equilibria of a {game.n_players}-player game (mixed equilibria not searched)",
    )

