r"""Phase portraits of replicator dynamics: flows on the line or the simplex, with fixed points marked by stability."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import sympy

from games.errors import GameError
from solvers.render.layout import _STABLE_STYLE
from solvers.results.dynamics import GradientOfSelection, ReplicatorDynamics

__all__ = ["plot_phase_portrait"]


def _marker(ax: Any, x: float, y: float, stability: str) -> None:
    style = _STABLE_STYLE.get(stability)
    if style is None:  # half-filled for semi-stable, non-hyperbolic, neutral, undetermined
        ax.plot([x], [y], marker="o", markersize=9, color="black", fillstyle="left",
                markerfacecoloralt="white", linestyle="none", zorder=5, label=stability)
    else:
        ax.plot([x], [y], marker="o", markersize=9, markerfacecolor=style["facecolor"], markeredgecolor="black",
                linestyle="none", zorder=5, label=style["label"])


def _simplex_xy(p: np.ndarray) -> tuple[float, float]:
    """Barycentric (p1, p2, p3) -> triangle with vertices (0, 0), (1, 0), (1/2, sqrt(3)/2)."""
    return float(p[1] + p[2] / 2), float(p[2] * math.sqrt(3) / 2)


def plot_phase_portrait(system: Any, *, ax: Any = None, resolution: int = 15) -> Any:
    """Phase portrait of replicator dynamics, fixed points marked by stability.

    Parameters
    ----------
    system : ReplicatorDynamics or GradientOfSelection
        From :func:`~solvers.dynamics.replicator.replicator_dynamics` (one population
        with 2 or 3 strategies, or two populations of a 2x2 game) or
        :func:`~solvers.dynamics.gradient.gradient_of_selection`; numeric games only.
    ax : matplotlib Axes, optional
    resolution : int
        Grid points per side for the arrows.

    Returns
    -------
    matplotlib.axes.Axes
        Fixed points are ``Line2D`` markers labelled with their stability:
        filled = stable, open = unstable, half = anything else.

    Raises
    ------
    GameError
        A system this function cannot draw (more strategies, not a dynamics object).
    SymbolicError
        A game with free symbols.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from games import Game
    >>> from solvers import replicator_dynamics
    >>> stag = Game.from_bimatrix([[4, 0], [3, 3]])
    >>> ax = plot_phase_portrait(replicator_dynamics(stag))
    >>> sorted((float(line.get_xdata()[0]), line.get_label()) for line in ax.lines if line.get_marker() == "o")
    [(0.0, 'stable'), (0.75, 'unstable'), (1.0, 'stable')]
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    if isinstance(system, GradientOfSelection):
        xs = np.linspace(0, 1, 401)
        g = system(xs)
        points = [(float(sympy.N(r.value)), r.stability) for r in system.roots]
        _flow_line(ax, xs, g, points)
        ax.set_xlabel(f"share of {_first_name(system.game)}")
        ax.set_ylabel("gradient of selection")
        return ax
    if not isinstance(system, ReplicatorDynamics):
        raise GameError(f"plot_phase_portrait: expected ReplicatorDynamics or GradientOfSelection, got {type(system).__name__}")
    game = system.game
    f = system.numeric_field()
    shape = game.shape
    if system.populations == 1 and shape[0] == 2:
        xs = np.linspace(0, 1, 401)
        g = np.array([f([x, 1 - x])[0] for x in xs])
        points = [(float(fp.point[0][0]), fp.stability) for fp in system.fixed_points if not fp.is_continuum]
        _flow_line(ax, xs, g, points)
        ax.set_xlabel(f"share of {game.strategies[0][0]}")
        ax.set_ylabel(r"$\dot x$")
        return ax
    if system.populations == 1 and shape[0] == 3:
        tri = np.array([[0, 0], [1, 0], [0.5, math.sqrt(3) / 2], [0, 0]])
        ax.plot(tri[:, 0], tri[:, 1], color="black", linewidth=1)
        pts, arrows = [], []
        n = resolution
        for i in range(n + 1):
            for j in range(n + 1 - i):
                p = np.array([i, j, n - i - j], dtype=float) / n
                d = f(p)
                pts.append(_simplex_xy(p))
                arrows.append((d[1] + d[2] / 2, d[2] * math.sqrt(3) / 2))
        P, V = np.array(pts), np.array(arrows)
        norm = np.hypot(V[:, 0], V[:, 1])
        scale = np.where(norm > 0, 1 / np.maximum(norm, 1e-12), 0)
        ax.quiver(P[:, 0], P[:, 1], V[:, 0] * scale, V[:, 1] * scale, norm, cmap="viridis", angles="xy",
                  scale_units="xy", scale=1.6 * n, width=0.004)
        for fp in system.fixed_points:
            if fp.is_continuum:
                continue
            x, y = _simplex_xy(np.array([float(v) for v in fp.point[0]]))
            _marker(ax, x, y, fp.stability)
        for k, (x, y) in enumerate([(0, 0), (1, 0), (0.5, math.sqrt(3) / 2)]):
            ax.annotate(game.strategies[0][k], (x, y), textcoords="offset points",
                        xytext=(0, 8 if k == 2 else -14), ha="center")
        ax.set_aspect("equal")
        ax.axis("off")
        return ax
    if system.populations == 2 and shape == (2, 2):
        grid = np.linspace(0, 1, resolution)
        X, Y = np.meshgrid(grid, grid)
        U, W = np.zeros_like(X), np.zeros_like(X)
        for a in range(X.shape[0]):
            for b in range(X.shape[1]):
                d = f([X[a, b], 1 - X[a, b]], [Y[a, b], 1 - Y[a, b]])
                U[a, b], W[a, b] = d[0], d[2]
        ax.streamplot(X, Y, U, W, color="0.4", density=1.0, linewidth=0.8)
        for fp in system.fixed_points:
            if fp.is_continuum:
                continue
            _marker(ax, float(fp.point[0][0]), float(fp.point[1][0]), fp.stability)
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel(f"{game.players[0]}: share of {game.strategies[0][0]}")
        ax.set_ylabel(f"{game.players[1]}: share of {game.strategies[1][0]}")
        ax.set_aspect("equal")
        return ax
    raise GameError(
        f"plot_phase_portrait: cannot draw {system.populations} population(s) of a game of shape {shape} "
        "(allowed: one population with 2 or 3 strategies, two populations of a 2x2 game)"
    )


def _first_name(game: Any) -> str:
    strategies = getattr(game, "strategies", None)
    if not strategies:
        return "the first strategy"
    first = strategies[0]
    return str(first[0] if isinstance(first, tuple) else first)


def _flow_line(ax: Any, xs: np.ndarray, g: np.ndarray, points: list[tuple[float, str]]) -> None:
    ax.plot(xs, g, color="0.3", linewidth=1.2)
    ax.axhline(0, color="black", linewidth=0.8)
    cuts = sorted({p for p, _ in points} | {0.0, 1.0})
    for a, b in zip(cuts[:-1], cuts[1:]):
        mid = (a + b) / 2
        k = int(np.argmin(abs(xs - mid)))
        if g[k] > 0:
            ax.annotate("", xy=(mid + 0.03, 0), xytext=(mid - 0.03, 0), arrowprops={"arrowstyle": "-|>", "color": "C0"})
        elif g[k] < 0:
            ax.annotate("", xy=(mid - 0.03, 0), xytext=(mid + 0.03, 0), arrowprops={"arrowstyle": "-|>", "color": "C3"})
    for x, stab in points:
        _marker(ax, x, 0.0, stab)
    ax.set_xlim(-0.03, 1.03)

