r"""The numeric side of continuous games: deviation checks on a fine grid, and the fallback solver.

:func:`deviation_gains` is the verification every numeric equilibrium passes:
for each player, the largest gain from a unilateral deviation, found on a grid
of ``points`` strategies over the interval and refined by a bounded local
optimisation (:func:`scipy.optimize.minimize_scalar`) around the best grid
point.  :func:`numeric_equilibria` is the fallback when no closed form exists
(a payoff with kinks, or first-order conditions sympy cannot solve): iterated
best responses from several starting profiles (the grid corners, the interval
midpoints and ``starts`` random profiles drawn with ``seed``), each best
response found the same way (grid, then local refinement); for a symmetric game
the fixed points of the best response to a common strategy, bracketed on a grid
and refined by bisection.  Only profiles that pass :func:`deviation_gains`
(no gain above ``tol``) are returned, so an equilibrium may be missed (the
method is not exhaustive) but none is returned that is not one to the grid's
and the optimiser's precision.

References
----------
.. [1] D. Fudenberg and D. K. Levine, *The Theory of Learning in Games* (MIT
   Press, 1998), chapter 2 (best-response dynamics).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from games.continuous import ContinuousGame
from games.errors import GameError, SymbolicError
from solvers.results.continuous import ContinuousEquilibrium

__all__ = ["deviation_gains", "numeric_equilibria"]


def _box(game: ContinuousGame, box: Mapping[Any, tuple[float, float]] | None) -> list[tuple[float, float]]:
    named = {getattr(k, "name", k): v for k, v in (box or {}).items()}
    out = []
    for s, lo, hi in game.strategies:
        if s.name in named:
            a, b = (float(v) for v in named[s.name])
        else:
            if lo in (sympy.oo, -sympy.oo) or hi in (sympy.oo, -sympy.oo):
                raise GameError(f"numeric continuous game: strategy {s} has the infinite interval [{lo}, {hi}]; "
                                f"give box={{'{s}': (low, high)}} for the numeric search")
            a, b = float(lo), float(hi)
        if not a <= b:
            raise GameError(f"numeric continuous game: box of {s} is [{a}, {b}] (allowed: low <= high)")
        out.append((a, b))
    return out


def _functions(game: ContinuousGame) -> list[Any]:
    if not game.is_numeric:
        raise SymbolicError(f"numeric continuous game: the game has free symbols "
                            f"{', '.join(sorted(s.name for s in game.free_symbols))}; substitute values first")
    args = game.symbols + ((game.others,) if game.others is not None else ())
    return [_broadcasting(sympy.lambdify(args, u, modules="numpy")) for u in game.payoffs]


def _broadcasting(f: Any) -> Any:
    """``f`` called with its arguments broadcast to one shape.

    A payoff is evaluated on a grid of one player's strategy while the others
    stay scalars; a ``Piecewise`` whose condition is an ``And`` of a grid
    comparison and a scalar one then reaches ``numpy.select`` with conditions
    of different shapes and fails, so the scalars are broadcast first.
    """
    def call(*values: Any) -> Any:
        return f(*np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in values)))

    return call


def _best(f: Any, a: float, b: float, points: int) -> tuple[float, float]:
    """Maximiser and maximum of the scalar function ``f`` on [a, b]: grid, then bounded refinement."""
    from scipy.optimize import minimize_scalar

    grid = np.linspace(a, b, points)
    with np.errstate(all="ignore"):
        vals = np.asarray(f(grid), dtype=float) * np.ones_like(grid)
    vals = np.where(np.isfinite(vals), vals, -np.inf)
    k = int(np.argmax(vals))
    best_x, best_v = float(grid[k]), float(vals[k])
    lo, hi = float(grid[max(k - 1, 0)]), float(grid[min(k + 1, points - 1)])
    if hi > lo:
        with np.errstate(all="ignore"):
            res = minimize_scalar(lambda t: -float(f(t)), bounds=(lo, hi), method="bounded",
                                  options={"xatol": 1e-12 * max(1.0, abs(b - a))})
        if np.isfinite(res.fun) and -res.fun > best_v:
            best_x, best_v = float(res.x), float(-res.fun)
    return best_x, best_v


def deviation_gains(game: ContinuousGame, profile: Sequence[Any] | Mapping[Any, Any], *, points: int = 2001,
                    box: Mapping[Any, tuple[float, float]] | None = None) -> tuple[float, ...]:
    r"""Each player's largest gain from a unilateral deviation (grid of ``points``, then local optimisation).

    Parameters
    ----------
    game : ContinuousGame
        A numeric game.
    profile : sequence or mapping
        The strategies in player order, or strategy symbol (or its name) -> value.
        For a symmetric game: the common strategy.
    points : int, default 2001
        Grid points per interval.
    box : mapping, optional
        Finite search intervals for strategies whose interval is infinite.

    Returns
    -------
    tuple of float
        One gain per player (one for a symmetric game); a profile is an
        equilibrium to the grid's precision when none is positive beyond rounding.

    Raises
    ------
    SymbolicError
        When the game still has parameters.

    Examples
    --------
    >>> import sympy
    >>> q1, q2 = sympy.symbols("q1 q2", nonnegative=True)
    >>> g = ContinuousGame(("A", "B"), ((q1, 0, 10), (q2, 0, 10)), ((9 - q1 - q2) * q1, (9 - q1 - q2) * q2))
    >>> [round(v, 9) for v in deviation_gains(g, (3, 3))], deviation_gains(g, (4, 3))[0] > 0.2
    ([0.0, 0.0], True)
    """
    fs = _functions(game)
    bounds = _box(game, box)
    if isinstance(profile, Mapping):
        named = {getattr(k, "name", k): v for k, v in profile.items()}
        values = [float(named[s.name]) for s in game.symbols]
    else:
        values = [float(v) for v in profile]
    if len(values) != len(game.symbols):
        raise GameError(f"deviation_gains: {len(values)} strategies given for {len(game.symbols)} players")
    gains = []
    for i, f in enumerate(fs):
        def own(t: Any, i: int = i, f: Any = f) -> Any:
            args = list(values)
            args[i] = t
            if game.others is not None:
                args.append(values[0])
            return f(*args)

        current = float(own(values[i]))
        _, best = _best(own, *bounds[i], points)
        gains.append(best - current)
    return tuple(gains)


def _kind(values: Sequence[float], bounds: Sequence[tuple[float, float]], symmetric: bool) -> str:
    if symmetric:
        return "symmetric"
    at_end = any(min(abs(v - a), abs(v - b)) <= 1e-9 * max(1.0, b - a) for v, (a, b) in zip(values, bounds))
    return "boundary" if at_end else "interior"


def numeric_equilibria(game: ContinuousGame, *, points: int = 401, starts: int = 8, tol: float = 1e-7,
                       box: Mapping[Any, tuple[float, float]] | None = None, seed: Any = None,
                       max_iterations: int = 300) -> list[ContinuousEquilibrium]:
    r"""Pure equilibria of a numeric continuous game without a closed form (the documented fallback).

    Parameters
    ----------
    game : ContinuousGame
        A numeric game (explicit or symmetric with a numeric number of players).
    points : int, default 401
        Grid points per interval for each best response (then refined locally).
    starts : int, default 8
        Random starting profiles, beyond the corners and midpoints (explicit games).
    tol : float, default 1e-7
        Largest deviation gain accepted, relative to the payoff scale (at least 1).
    box : mapping, optional
        Finite search intervals for strategies whose interval is infinite.
    seed : None, int or numpy.random.Generator
        For the random starting profiles.
    max_iterations : int, default 300
        Best-response rounds per start.

    Returns
    -------
    list of ContinuousEquilibrium
        ``method="numeric"``, ``condition=True``; every one verified by
        :func:`deviation_gains` on a grid of 4 x ``points`` points.

    Raises
    ------
    SymbolicError
        When the game still has parameters.
    GameError
        When a strategy's interval is infinite and ``box`` gives none.

    Examples
    --------
    A kinked payoff (no first-order condition): each player wants to be 1 closer to 1 than the other...

    >>> import sympy
    >>> x, y = sympy.symbols("x y", real=True)
    >>> g = ContinuousGame(("A", "B"), ((x, 0, 1), (y, 0, 1)), (-sympy.Abs(x - y / 2), -sympy.Abs(y - x / 2)))
    >>> [tuple(round(float(v), 6) for v in e.values) for e in numeric_equilibria(g, seed=0)]
    [(0.0, 0.0)]
    """
    fs = _functions(game)
    bounds = _box(game, box)
    rng = np.random.default_rng(seed)
    symmetric = game.others is not None
    found: list[list[float]] = []
    if symmetric:
        f = fs[0]
        a, b = bounds[0]

        def response(v: float) -> float:
            return _best(lambda t: f(t, v), a, b, points)[0]

        grid = np.linspace(a, b, points)
        h = np.array([response(float(v)) - float(v) for v in grid])
        candidates = [float(v) for v, hv in zip(grid, h) if abs(hv) <= (b - a) / (points - 1)]
        for k in range(points - 1):
            if h[k] > 0 > h[k + 1]:
                lo, hi = float(grid[k]), float(grid[k + 1])
                for _ in range(60):
                    mid = (lo + hi) / 2
                    lo, hi = (mid, hi) if response(mid) > mid else (lo, mid)
                candidates.append((lo + hi) / 2)
        starts_list = [[v] for v in candidates]
    else:
        corners = [[a for a, _ in bounds], [b for _, b in bounds], [(a + b) / 2 for a, b in bounds]]
        randoms = [[float(rng.uniform(a, b)) for a, b in bounds] for _ in range(starts)]
        starts_list = []
        for start in corners + randoms:
            current = list(start)
            for _ in range(max_iterations):
                before = list(current)
                for i, f in enumerate(fs):
                    def own(t: Any, i: int = i, f: Any = f, current: list[float] = current) -> Any:
                        args = list(current)
                        args[i] = t
                        return f(*args)
                    current[i] = _best(own, *bounds[i], points)[0]
                if max(abs(u - v) for u, v in zip(current, before)) < 1e-12 * max(1.0, *(b - a for a, b in bounds)):
                    break
            starts_list.append(current)
    records: list[ContinuousEquilibrium] = []
    for values in starts_list:
        if any(max(abs(u - v) for u, v in zip(values, old)) <= 1e-6 * max(1.0, *(b - a for a, b in bounds))
               for old in found):
            continue
        try:
            gains = deviation_gains(game, values, points=4 * points, box=box)
        except (ValueError, TypeError, ZeroDivisionError):
            continue
        args = list(values) + ([values[0]] if symmetric else [])
        with np.errstate(all="ignore"):
            pays = [float(f(*[*args[:i], args[i], *args[i + 1:]])) for i, f in enumerate(fs)]
        scale = max([1.0] + [abs(p) for p in pays if np.isfinite(p)])
        if not all(np.isfinite(pays)) or max(gains) > tol * scale:
            continue
        found.append(values)
        records.append(ContinuousEquilibrium(
            sympy.Dict({s: sympy.Float(v, 15) for s, v in zip(game.symbols, values)}), sympy.true,
            tuple(sympy.Float(p, 15) for p in pays), _kind(values, bounds, symmetric), "numeric", False,
            game.players, game.symbols, game.n_players))
    return records
