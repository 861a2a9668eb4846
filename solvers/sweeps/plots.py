r"""Figures of sweeps: tornado chart, regime map with the closed-form thresholds, payoff-gap histogram.

Every function takes ``ax=None`` (a new figure is made when it is None),
imports matplotlib inside, and returns the axes.

* :func:`plot_tornado` draws a :class:`~solvers.sweeps.local_sensitivity.Tornado`: one bar
  per parameter from the quantity at the low end of its range to the high end,
  around the baseline, largest swing on top; a parameter whose range flips the
  regime is marked with an asterisk.
* :func:`plot_regime_map` colours a two-parameter grid sweep by regime and
  draws on top the **threshold curves** of the closed forms: every relation
  of every equilibrium condition, with the other parameters put in, as the
  zero level of its ``lhs - rhs`` over a fine mesh (so the curve is the exact
  closed form, not an interpolation of the grid).
* :func:`plot_gap_histogram` is the histogram of the payoff gap (or another
  quantity) of the kept points, with the break-even line at zero.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from solvers import sweep
>>> res = sweep("great_power_race", vary={"capabilities_edge": (0.1e12, 1e13, 40),
...                                       "alignment_synergy": (0, 1e13, 40)})
>>> ax = plot_regime_map(res)
>>> [t.get_text() for t in ax.get_legend().get_texts()][-2:]
['$s - E + 1500000000000 = 0$', '$1500000000000 - E = 0$']
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import sympy

import games
from games.errors import UnknownNameError, suggest
from games.parameters import latex_symbol_names
from solvers.conditions.derive import equilibrium_conditions
from solvers.errors import SweepError
from solvers.sweeps.local_sensitivity import Tornado
from solvers.sweeps.result import SweepResult

__all__ = ["plot_tornado", "plot_regime_map", "plot_gap_histogram", "threshold_relations"]


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    return ax


def plot_tornado(result: Tornado, ax: Any = None, *, top: int | None = None) -> Any:
    """Tornado chart: one horizontal bar per parameter, largest swing on top.

    Parameters
    ----------
    result : Tornado
        From :func:`solvers.sweeps.local_sensitivity.tornado`.
    ax : matplotlib Axes, optional
    top : int, optional
        Draw only the ``top`` largest swings.

    Returns
    -------
    matplotlib Axes
        Bar ``i`` (from the top) spans ``[minimum, maximum]`` of row ``i``; the
        low end of the range is drawn in one colour, the high end in another.
    """
    if not isinstance(result, Tornado):
        raise SweepError(f"plot_tornado: expected a Tornado, got {type(result).__name__}")
    ax = _axes(ax)
    rows = list(result.rows[:top] if top else result.rows)
    ys = np.arange(len(rows))[::-1]
    base = result.baseline
    for y, r in zip(ys, rows):
        ax.barh(y, r.at_low - base, left=base, color="tab:blue", height=0.6,
                label="parameter at low" if y == ys[0] else None)
        ax.barh(y, r.at_high - base, left=base, color="tab:orange", height=0.6, alpha=0.8,
                label="parameter at high" if y == ys[0] else None)
        if r.minimum < min(r.at_low, r.at_high) or r.maximum > max(r.at_low, r.at_high):
            ax.plot([r.minimum, r.maximum], [y, y], color="black", lw=1)
    ax.axvline(base, color="black", lw=1)
    ax.set_yticks(ys, [r.name + (" *" if r.flips else "") for r in rows])
    ax.set_xlabel(f"{result.quantity} ({result.game}); * = the regime flips over the range")
    ax.set_title(f"One-at-a-time sensitivity; baseline regime {result.baseline_regime}", fontsize="small")
    if rows:
        ax.legend(loc="best", fontsize="small")
    return ax


def threshold_relations(result: SweepResult, x: str | None = None, y: str | None = None) -> list[sympy.Expr]:
    r"""The closed-form thresholds of a grid sweep's regimes in the plane of ``x`` and ``y``.

    Every relation of every equilibrium condition of the game, with the
    other parameters at the sweep's fixed values, as ``lhs - rhs`` in the
    symbols of ``x`` and ``y``; constant ones and duplicates (up to sign and
    a constant factor) are left out.

    Examples
    --------
    >>> from solvers import sweep
    >>> res = sweep("great_power_race", vary={"capabilities_edge": (0, 1e13, 3),
    ...                                       "alignment_synergy": (0, 1e13, 3)})
    >>> threshold_relations(res)[0]
    alignment_synergy - capabilities_edge + 1500000000000
    """
    x, y = _xy(result, x, y)
    game = games.build(result.game) if result.game in games.library(family="normal-form") else None
    if game is None:
        raise SweepError(f"threshold_relations: {result.game!r} is not a library game; "
                         "pass the game's conditions to plot_regime_map(thresholds=...)")
    records = equilibrium_conditions(game)
    fixed = {s: sympy.nsimplify(result.fixed[s.name], rational=True)
             for s in game.free_symbols if s.name in result.fixed}
    out: list[sympy.Expr] = []
    seen: list[sympy.Expr] = []
    for rec in records:
        if rec.kind == "continuum":
            continue
        for atom in rec.condition.atoms(sympy.core.relational.Relational):
            f = sympy.expand((atom.lhs - atom.rhs).xreplace(fixed))
            names = {s.name for s in f.free_symbols}
            if not names or not names <= {x, y}:
                continue
            f = sympy.together(f)
            num = sympy.expand(sympy.fraction(f)[0])
            if num.is_Add:
                lead = max(num.args, key=lambda t: abs(float(t.as_coeff_Mul()[0])))
                coeff = lead.as_coeff_Mul()[0]
                num = sympy.expand(num / abs(coeff)) if coeff != 0 else num
            if any(sympy.simplify(num - s) == 0 or sympy.simplify(num + s) == 0 for s in seen):
                continue
            seen.append(num)
            out.append(sympy.expand(f))
    return out


def _xy(result: SweepResult, x: str | None, y: str | None) -> tuple[str, str]:
    if result.kind != "grid" or len(result.names) != 2:
        raise SweepError(f"plot_regime_map: needs a grid sweep over 2 parameters, got a {result.kind} over "
                         f"{len(result.names)}")
    x = result.names[0] if x is None else x
    y = result.names[1] if y is None else y
    for n in (x, y):
        if n not in result.names:
            raise UnknownNameError("plot_regime_map: " + suggest(n, result.names, what="varied parameter"))
    if x == y:
        raise SweepError(f"plot_regime_map: x and y are both {x!r} (allowed: the two varied parameters)")
    return x, y


def plot_regime_map(result: SweepResult, ax: Any = None, *, x: str | None = None, y: str | None = None,
                    thresholds: bool = True, resolution: int = 400) -> Any:
    """Regimes over two parameters, with the closed-form threshold curves on top.

    Parameters
    ----------
    result : SweepResult
        A grid sweep over exactly two parameters.
    ax : matplotlib Axes, optional
    x, y : str, optional
        Which varied parameter goes on which axis (default: the sweep's order).
    thresholds : bool
        Draw the zero level of every relation of :func:`threshold_relations`.
    resolution : int
        Mesh points per axis for the threshold curves.

    Returns
    -------
    matplotlib Axes
        The regime image is ``ax.collections[0]`` (a ``QuadMesh`` whose array
        holds, per grid point, the index of its regime in the legend); the
        threshold curves follow as contour sets.
    """
    import matplotlib.colors as mcolors
    from matplotlib.patches import Patch

    x, y = _xy(result, x, y)
    ax = _axes(ax)
    assert result.grid_shape is not None
    codes = result.codes.reshape(result.grid_shape)
    if result.names[0] != x:
        codes = codes.T
    order = sorted(result.counts, key=lambda c: (-result.counts[c], c))
    index = {c: i for i, c in enumerate(order)}
    img = np.vectorize(lambda c: index[int(c)])(codes).astype(float)
    xs, ys = result.axes[x], result.axes[y]
    palette = [mcolors.to_rgba(c) for c in ("#9ecae1", "#fdae6b", "#a1d99b", "#bcbddc", "#fc9272", "#d9d9d9",
                                             "#fdd0a2", "#c7e9c0", "#dadaeb", "#fcbba1")]
    colors = [palette[i % len(palette)] for i in range(len(order))]
    cmap = mcolors.ListedColormap(colors)
    ax.pcolormesh(xs, ys, img.T, cmap=cmap, vmin=-0.5, vmax=len(order) - 0.5, shading="nearest")
    handles = [Patch(color=colors[i], label=textwrap.fill(result.regime_label(c), 48))
               for i, c in enumerate(order)]
    if thresholds:
        X, Y = np.meshgrid(np.linspace(xs.min(), xs.max(), resolution),
                           np.linspace(ys.min(), ys.max(), resolution))
        for k, f in enumerate(threshold_relations(result, x, y)):
            sx = [s for s in f.free_symbols if s.name == x]
            sy = [s for s in f.free_symbols if s.name == y]
            syms = (sx[0] if sx else sympy.Symbol(x), sy[0] if sy else sympy.Symbol(y))
            fn = sympy.lambdify(syms, f, modules="numpy")
            with np.errstate(all="ignore"):
                Z = np.broadcast_to(np.asarray(fn(X, Y), dtype=float), X.shape)
            if np.nanmin(Z) < 0 < np.nanmax(Z):
                ax.contour(X, Y, Z, levels=[0.0], colors="black", linewidths=1.2,
                           linestyles=["solid", "dashed", "dotted", "dashdot"][k % 4])
                handles.append(_line_handle(k, f"${sympy.latex(f, symbol_names=latex_symbol_names())} = 0$"))
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(f"{result.game}: equilibrium regimes", fontsize="small")
    ax.legend(handles=handles, fontsize="x-small", loc="upper left", bbox_to_anchor=(1.02, 1.0),
              borderaxespad=0.0)
    return ax


def _line_handle(k: int, label: str) -> Any:
    from matplotlib.lines import Line2D

    style: Any = ("solid", "dashed", "dotted", "dashdot")[k % 4]
    return Line2D([], [], color="black", lw=1.2, linestyle=style, label=label)


def plot_gap_histogram(result: SweepResult, ax: Any = None, *, quantity: str = "gap", bins: int = 60) -> Any:
    """Histogram of the payoff gap (or another quantity) over the kept points, zero marked.

    Returns
    -------
    matplotlib Axes
        The bars are ``ax.patches``; their heights are ``numpy.histogram`` of the quantity.
    """
    if quantity not in result.quantities:
        raise UnknownNameError("plot_gap_histogram: " + suggest(quantity, result.quantities, what="quantity"))
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise SweepError(f"plot_gap_histogram: bins {bins!r} not allowed (allowed: an integer >= 1)")
    ax = _axes(ax)
    q = np.asarray(result.quantities[quantity], dtype=float)
    q = q[np.isfinite(q)]
    ax.hist(q, bins=bins, color="tab:gray")
    ax.axvline(0.0, color="black", lw=1)
    share = float(np.mean(q > 0)) if q.size else float("nan")
    ax.set_xlabel(f"{quantity} (first strategy minus second, player 1)")
    ax.set_ylabel("points")
    ax.set_title(f"{result.game}: {quantity} > 0 at {share:.1%} of {q.size:,} points", fontsize="small")
    return ax

