r"""Regimes on a grid of two parameters: which equilibria hold where (for the explorer's map)."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError
from games.symmetric import SymmetricGame
from solvers.conditions.derive import equilibrium_conditions
from solvers.explorer.sliders import _exact
from solvers.symbolic.lookup import resolve_symbol

__all__ = ["regime_grid"]


def _equilibrium_label(eq: Any) -> str:
    """``(Capabilities, Passive)`` / ``mixed ({A, B}, C)``: the format of ConditionalEquilibrium.label."""
    names = []
    for strat, sup in zip(eq.strategies, eq.support):
        names.append(strat[sup[0]] if len(sup) == 1 else "{" + ", ".join(strat[i] for i in sup) + "}")
    body = ", ".join(names)
    return f"({body})" if eq.is_pure else f"mixed ({body})"


def _symmetric_label(eq: Any) -> str:
    if eq.kind == "continuum":
        return "continuum ({" + ", ".join(eq.strategies) + "})"
    if eq.kind == "pure":
        return "(" + (eq.strategies[0] if eq.p == 1 else eq.strategies[1]) + ")"
    return "mixed ({" + ", ".join(eq.strategies) + "})"


def regime_grid(
    game: Game | SymmetricGame,
    x: str,
    y: str,
    values: Mapping[str, Any],
    *,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    resolution: int = 100,
    x_log: bool = False,
    y_log: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple[str, ...]]]:
    r"""Which equilibria hold at each point of a grid over two parameters (from closed forms).

    Each equilibrium's closed-form condition (:func:`solvers.equilibrium_conditions`;
    degenerate continua left out) is evaluated on the grid with the other
    parameters fixed at ``values``; the regime of a point is the set of
    equilibria whose condition holds there.

    Parameters
    ----------
    game : Game or SymmetricGame
        A symbolic game.
    x, y : str
        The two parameters (free symbols of the game) on the axes.
    values : mapping
        ``{name: number}`` for every other free parameter.
    x_range, y_range : (float, float)
    resolution : int
        Grid points per axis.
    x_log, y_log : bool
        Space the grid logarithmically.

    Returns
    -------
    xs, ys : numpy arrays
        The grid coordinates (``resolution`` each).
    codes : numpy array of int, shape (resolution, resolution)
        ``codes[i, j]`` indexes ``regimes`` at ``(xs[j], ys[i])``; -1 where
        no condition holds (on a boundary the weak inequalities usually
        make two regimes hold, so -1 is rare).
    regimes : list of tuple of str
        Each regime as the sorted labels of its equilibria.

    Raises
    ------
    UnknownNameError
        If ``x``, ``y`` or a key of ``values`` is not a free parameter.
    GameError
        If a parameter other than x and y has no value.

    Examples
    --------
    A researcher takes Alignment (payoff :math:`w_A + V`) over Capabilities
    (:math:`w_C`) when :math:`V \ge w_C - w_A`:

    >>> import sympy
    >>> from games import Game
    >>> wA, wC, V = sympy.symbols("w_A w_C V", positive=True)
    >>> g = Game.from_bimatrix([[wA + V], [wC]], [[0], [0]], strategies=(["A", "C"], ["World"]))
    >>> xs, ys, codes, regimes = regime_grid(g, "V", "w_C", {"w_A": 1}, x_range=(0, 4), y_range=(2, 3),
    ...                                       resolution=5)
    >>> regimes[codes[0, 0]], regimes[codes[0, -1]]    # w_C = 2: V = 0 and V = 4
    (('(C, World)',), ('(A, World)',))
    """
    free = {s.name: s for s in game.free_symbols}
    for name in (x, y, *values):
        resolve_symbol(game, name, where="regime_grid", what="free parameter")
    missing = sorted(set(free) - {x, y} - set(values))
    if missing:
        raise GameError(f"regime_grid: no value for {', '.join(missing)} (give every parameter but x and y)")
    fixed = {free[k]: _exact(v) if not isinstance(v, sympy.Basic) else v for k, v in values.items()
             if k not in (x, y)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        records = [r for r in equilibrium_conditions(game) if r.kind != "continuum"]

    def axis(rng: tuple[float, float], log: bool) -> np.ndarray:
        lo, hi = float(rng[0]), float(rng[1])
        return np.geomspace(lo, hi, resolution) if log else np.linspace(lo, hi, resolution)

    xs, ys = axis(x_range, x_log), axis(y_range, y_log)
    X, Y = np.meshgrid(xs, ys)
    masks = []
    for rec in records:
        cond = rec.condition.xreplace(fixed)
        if cond is sympy.true or cond is sympy.false:
            masks.append(np.full(X.shape, bool(cond)))
            continue
        fn = sympy.lambdify((free[x], free[y]), cond, modules="numpy")
        with np.errstate(all="ignore"):
            masks.append(np.broadcast_to(np.asarray(fn(X, Y), dtype=bool), X.shape))
    labels = [r.label for r in records]
    bits = np.zeros(X.shape, dtype=object)  # which conditions hold, as one integer per point
    for i, m in enumerate(masks):
        bits = bits + np.where(m, 1 << i, 0).astype(object)
    regimes: list[tuple[str, ...]] = []
    codes = np.full(X.shape, -1, dtype=int)
    for b in sorted(set(bits.ravel().tolist())):
        if b == 0:
            continue
        regimes.append(tuple(sorted(lab for i, lab in enumerate(labels) if b >> i & 1)))
        codes[bits == b] = len(regimes) - 1
    return xs, ys, codes, regimes

