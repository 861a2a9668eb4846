r"""Regime graphs: how the pure equilibria of a symbolic game change over one or two parameters.

The pure equilibria (and the better-response cycles) of a game are fixed by
the signs of its *deviation gains*
:math:`\Delta = u_i(s_i', s_{-i}) - u_i(s)`, one per profile and unilateral
deviation.  Over a grid of one or two parameters (the other parameters held
at given values) :func:`regime_graph` samples those signs, groups the grid
points by their attractor set (the sinks and sink cycles of
:func:`~solvers.dynamics.best_response.best_response_graph`) and links two regimes when
they are neighbours on the grid.  Each link is labelled with the *exact*
threshold: the deviation gains that change sign between the two neighbours at
a profile that is an attractor on one side, solved in closed form
(:math:`\Delta = 0` for the first parameter when it enters linearly, the
exact root in the interval in one dimension).

Sampling can miss a regime narrower than the grid spacing; grid points lying
exactly on a threshold form their own (weak-equilibrium) regime.

References
----------
Santos, F. C., Pacheco, J. M. & Lenaerts, T. (2006). Evolutionary dynamics of
social dilemmas in structured heterogeneous populations. PNAS 103, 3490-3494
(the T-S plane of symmetric 2x2 games).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import sympy

from games.core import Game
from games.errors import GameError, ParameterError, SizeLimitError, SymbolicError, UnknownNameError, suggest
from games.parameters import ParameterSet
from games.symmetric import SymmetricGame
from solvers.symbolic.lookup import resolve_symbol

__all__ = ["regime_graph", "MAX_GRID_POINTS"]


#: Grid points (samples ** number of parameters) above this are refused.
MAX_GRID_POINTS = 250_000




def _label(eqs: frozenset[tuple[str, ...]], cycles: frozenset[frozenset[tuple[str, ...]]]) -> str:
    parts = sorted("(" + ", ".join(p) + ")" for p in eqs)
    parts += sorted("cycle of " + str(len(c)) for c in cycles)
    return "; ".join(parts) if parts else "none"


def regime_graph(
    game: Game | SymmetricGame,
    parameters: Sequence[str | sympy.Symbol],
    ranges: Mapping[str | sympy.Symbol, tuple[float, float]],
    *,
    fixed: Mapping[Any, Any] | ParameterSet | None = None,
    samples: int = 101,
) -> nx.Graph:
    r"""Regimes of pure equilibria over one or two parameters, linked across exact thresholds.

    Parameters
    ----------
    game : Game or SymmetricGame
        A symbolic game (a ``SymmetricGame`` is expanded with ``to_game()``
        once its ``n_players`` is a number).
    parameters : sequence of one or two names (or Symbols)
        The parameters to vary.
    ranges : mapping
        ``{parameter: (low, high)}`` for each varied parameter.
    fixed : mapping or ParameterSet, optional
        Values of every other free symbol (a ``ParameterSet`` may hold more).
    samples : int
        Grid points per parameter (>= 2).

    Returns
    -------
    networkx.Graph
        One node per regime, keyed by its label (the pure equilibria, e.g.
        ``"(C, C); (D, D)"``, and ``"cycle of k"`` for better-response
        cycles; ``"none"``), with ``equilibria`` (frozenset of profiles),
        ``cycles``, ``share`` (fraction of the grid), ``example`` (a
        parameter point inside it) and ``center`` (its centroid, each
        coordinate scaled to [0, 1]).  An edge joins regimes that are grid
        neighbours; ``thresholds`` lists the exact boundaries as sympy
        ``Eq`` (solved for the first parameter where it enters linearly; in
        one dimension the root itself), ``label`` is their text.  Graph
        attributes: ``kind="regimes"``, ``parameters``, ``ranges``, ``name``.

    Raises
    ------
    UnknownNameError
        A parameter that is not a free symbol of the game.
    SymbolicError
        Free symbols left without a value in ``fixed``.
    ParameterError, SizeLimitError, GameError
        Bad ranges or sample counts, too large a grid, not a game.

    Examples
    --------
    Symmetric 2x2 games ``[[R, S], [T, P]]`` with ``R = 3, P = 1``: over the
    temptation ``T`` the stag hunt (two equilibria) turns into the prisoner's
    dilemma at ``T = R = 3``.

    >>> import sympy
    >>> from games import Game
    >>> T, S = sympy.symbols("T S")
    >>> g = Game.from_bimatrix([[3, S], [T, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> R = regime_graph(g, ["T"], {"T": (0, 6)}, fixed={"S": 0}, samples=50)
    >>> sorted(R.nodes)
    ['(C, C); (D, D)', '(D, D)']
    >>> R.edges['(C, C); (D, D)', '(D, D)']["thresholds"]
    [Eq(T, 3)]
    """
    where = "regime_graph"
    if isinstance(game, SymmetricGame):
        g0: Any = game
    elif isinstance(game, Game):
        g0 = game
    else:
        raise GameError(f"{where}: expected a Game or SymmetricGame, got {type(game).__name__}")
    if isinstance(parameters, (str, sympy.Symbol)):
        parameters = [parameters]
    if not 1 <= len(parameters) <= 2:
        raise ParameterError(f"{where}: {len(parameters)} parameters given (allowed: 1 or 2)")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 2:
        raise ParameterError(f"{where}: samples={samples!r} (allowed: a whole number >= 2)")
    if samples ** len(parameters) > MAX_GRID_POINTS:
        raise SizeLimitError(f"{where}: {samples}**{len(parameters)} grid points (allowed: at most {MAX_GRID_POINTS})")
    free = g0.free_symbols
    params = [resolve_symbol(free, p, where=where) for p in parameters]
    if len(set(params)) != len(params):
        raise ParameterError(f"{where}: parameter {params[0].name!r} given twice")
    varied = {p.name for p in params}
    free_names = {s.name for s in free}
    if fixed is not None:
        vals: dict[str, Any] = {}
        if isinstance(fixed, ParameterSet):
            vals = {q.name: q.value for q in fixed.values() if q.name in free_names and q.name not in varied}
        elif isinstance(fixed, Mapping):
            for k, v in fixed.items():
                nm = k.name if isinstance(k, sympy.Symbol) else str(k)
                if nm not in free_names:
                    raise UnknownNameError(f"{where}: fixed: " + suggest(nm, sorted(free_names), what="parameter of the game"))
                if nm in varied:
                    raise ParameterError(f"{where}: {nm!r} is both varied and fixed")
                vals[nm] = v
        else:
            raise ParameterError(f"{where}: fixed must be a mapping or ParameterSet, got {type(fixed).__name__}")
        g0 = g0.subs(vals) if vals else g0
    left = {s for s in g0.free_symbols if s.name not in varied}
    if left:
        raise SymbolicError(
            f"{where}: free symbols {', '.join(sorted(s.name for s in left))} have no value; give them in fixed="
        )
    # the varied symbols as they appear in the (substituted) game
    params = [resolve_symbol(g0.free_symbols | frozenset(params), p, where=where) for p in params]
    G0: Game = g0.to_game() if isinstance(g0, SymmetricGame) else g0
    bounds = []
    for p in params:
        rng = ranges.get(p.name, ranges.get(p)) if isinstance(ranges, Mapping) else None  # type: ignore[call-overload]
        if rng is None or len(rng) != 2:
            raise ParameterError(f"{where}: ranges has no (low, high) for {p.name!r}")
        lo, hi = float(rng[0]), float(rng[1])
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise ParameterError(f"{where}: range of {p.name!r} is ({lo}, {hi}) (allowed: finite low < high)")
        bounds.append((lo, hi))

    # deviation gains, as expressions and as numpy functions
    shape = G0.shape
    profiles = list(itertools.product(*(range(m) for m in shape)))
    names = {idx: tuple(G0.strategies[i][s] for i, s in enumerate(idx)) for idx in profiles}
    devs: list[tuple[tuple[int, ...], tuple[int, ...], sympy.Expr]] = []
    for idx in profiles:
        for i, arr in enumerate(G0.payoffs):
            for s in range(shape[i]):
                if s != idx[i]:
                    other = idx[:i] + (s,) + idx[i + 1:]
                    devs.append((idx, other, sympy.simplify(arr[other] - arr[idx])))
    axes = [np.linspace(lo, hi, samples) for lo, hi in bounds]
    mesh = np.meshgrid(*axes, indexing="ij")
    values = np.empty((len(devs),) + mesh[0].shape)
    for k, (_, _, expr) in enumerate(devs):
        f = sympy.lambdify(tuple(params), expr, modules="numpy")
        with np.errstate(all="ignore"):
            values[k] = np.broadcast_to(np.asarray(f(*mesh), dtype=float), mesh[0].shape)
    if not np.all(np.isfinite(values)):
        raise ParameterError(f"{where}: a payoff is not finite somewhere in the ranges {dict(zip((p.name for p in params), bounds))}")
    scale = max(1.0, float(np.abs(values).max()))
    signs = np.where(values > 1e-12 * scale, 1, 0)

    regime_of: dict[tuple[int, ...], tuple[frozenset[Any], frozenset[Any]]] = {}
    attractor_nodes: dict[tuple[int, ...], set[tuple[int, ...]]] = {}
    cache: dict[bytes, tuple[tuple[frozenset[Any], frozenset[Any]], set[tuple[int, ...]]]] = {}
    for cell in np.ndindex(mesh[0].shape):
        pattern = signs[(slice(None),) + cell]
        key = pattern.tobytes()
        if key not in cache:
            D = nx.DiGraph()
            D.add_nodes_from(profiles)
            D.add_edges_from((devs[k][0], devs[k][1]) for k in np.flatnonzero(pattern))
            C = nx.condensation(D)
            sinks = [frozenset(C.nodes[c]["members"]) for c in C.nodes if C.out_degree(c) == 0]
            eqs = frozenset(names[next(iter(s))] for s in sinks if len(s) == 1)
            cycles = frozenset(frozenset(names[v] for v in s) for s in sinks if len(s) > 1)
            cache[key] = ((eqs, cycles), set().union(*sinks) if sinks else set())
        regime_of[cell], attractor_nodes[cell] = cache[key]

    R = nx.Graph(kind="regimes", parameters=tuple(p.name for p in params), ranges=tuple(bounds), name=G0.name)
    total = mesh[0].size
    sums: dict[str, np.ndarray] = {}
    for cell, (eqs, cycles) in regime_of.items():
        lab = _label(eqs, cycles)
        if lab not in R:
            R.add_node(lab, equilibria=eqs, cycles=cycles, share=0.0,
                       example={p.name: float(axes[d][cell[d]]) for d, p in enumerate(params)})
            sums[lab] = np.zeros(len(params))
        R.nodes[lab]["share"] += 1.0 / total
        sums[lab] += np.array(cell, dtype=float) / (samples - 1)
    for lab, tot in sums.items():
        # centroid of the regime's grid points, each coordinate scaled to [0, 1] (used for drawing)
        R.nodes[lab]["center"] = tuple(float(c) for c in tot / (R.nodes[lab]["share"] * total))
    found: dict[tuple[str, str], set[sympy.Basic]] = {}
    solve_cache: _Cache = {}
    for cell in regime_of:
        for d in range(len(params)):
            if cell[d] + 1 >= samples:
                continue
            nb = cell[:d] + (cell[d] + 1,) + cell[d + 1:]
            if regime_of[cell] == regime_of[nb]:
                continue
            a, b = _label(*regime_of[cell]), _label(*regime_of[nb])
            pair = (a, b) if a <= b else (b, a)
            out = found.setdefault(pair, set())
            relevant = attractor_nodes[cell] | attractor_nodes[nb]
            for k in np.flatnonzero(signs[(slice(None),) + cell] != signs[(slice(None),) + nb]):
                if devs[k][0] in relevant:
                    out.add(_threshold(devs[k][2], params, (axes[d][cell[d]], axes[d][nb[d]]), solve_cache))
    for (a, b), ths in found.items():
        ths.discard(sympy.true)
        ordered = sorted(ths, key=sympy.default_sort_key)
        R.add_edge(a, b, thresholds=ordered, label="; ".join(str(t) for t in ordered))
    return R


_Cache = dict[tuple[sympy.Expr, sympy.Symbol], "list[sympy.Expr] | None"]


def _solutions(expr: sympy.Expr, p: sympy.Symbol, cache: _Cache) -> list[sympy.Expr] | None:
    key = (expr, p)
    if key not in cache:
        try:
            poly = sympy.Poly(expr, p)
            ok = poly.degree() <= 2 and not any(c.has(p) for c in poly.coeffs())
        except sympy.PolynomialError:
            ok = False
        cache[key] = [sympy.simplify(r) for r in sympy.solve(expr, p)] if ok else None
    return cache[key]


def _threshold(expr: sympy.Expr, params: list[sympy.Symbol], interval: tuple[float, float], cache: _Cache) -> sympy.Basic:
    """The boundary ``expr = 0`` between two grid neighbours (``interval``: their coordinates along the step)."""
    p0 = params[0]
    if len(params) == 1:
        sols = _solutions(expr, p0, cache)
        lo, hi = sorted(interval)
        if sols is not None:
            inside = [s for s in sols if s.is_real is not False and lo - 1e-12 <= float(s) <= hi + 1e-12]
            if inside:
                return sympy.Eq(p0, inside[0])
        return sympy.Eq(expr, 0)
    sols = _solutions(expr, p0, cache)
    if sols is not None and len(sols) == 1:
        return sympy.Eq(p0, sols[0])
    other = params[1]
    sols = _solutions(expr, other, cache)
    if sols is not None and len(sols) == 1:
        return sympy.Eq(other, sols[0])
    return sympy.Eq(expr, 0)

