r"""The report's sweep figures in the toolkit's style: the regime map with its regions named in words and its
threshold curves labelled with what they mean, and the tornado chart in the parameters' own words.

Both are drawn from the same result objects the report's text reads (the
grid sweep, the tornado), inside :func:`solvers.render.style.figure_style`
at the text width.  matplotlib is imported inside the functions.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

import games
from games._text import format_number
from games.parameters import ParameterSet, latex_symbol_names
from solvers.sweeps.plots import plot_tornado, threshold_relations

__all__ = ["draw_regime_map", "draw_tornado", "REGIME_WORDS", "STRATEGY_WORDS"]

#: The career-choice regimes in words.
REGIME_WORDS = {"(Alignment, Passive)": "Alignment pays", "(Capabilities, Passive)": "Capabilities pays",
                "(Neither, Passive)": "the orthogonal job pays"}

#: The researcher's strategies in words (threshold curves).
STRATEGY_WORDS = {"Alignment": "Alignment", "Capabilities": "Capabilities", "Neither": "the orthogonal job"}


#: Axis names of the parameters the report's figures vary (others: their registry description, shortened).
SHORT_NAMES = {"altruism_weight": "altruism weight on each other person",
               "researcher_vsl_multiplier": "researcher's VSL multiplier",
               "horizon_years": "career horizon", "salary_capabilities": "Capabilities salary",
               "salary_alignment": "Alignment salary", "doom_reduction": "reduction of P(doom)",
               "p_pivotal": "chance the work is pivotal", "vsl": "value of a statistical life"}


def short_name(params: ParameterSet, name: str) -> str:
    """A parameter's name for an axis or a tick label: words and its symbol (``career horizon ($T$)``)."""
    p = params[name]
    words = SHORT_NAMES.get(name)
    if words is None:
        words = p.description.split(" (")[0]
        if len(words) > 60:  # cut at a word, never ending on a word that needs the next one
            words = words[:60].rsplit(" ", 1)[0]
            while words.rsplit(" ", 1)[-1] in {"of", "to", "per", "the", "a", "an", "and", "or", "on", "in", "when"}:
                words = words.rsplit(" ", 1)[0]
    sym = latex_symbol_names().get(p.symbol, name)
    return f"{words} (${sym}$)"


def _curve_meaning(game: Any, params: ParameterSet, x: str, y: str, point: tuple[float, float]) -> str:
    """Which two strategies pay the same at a point of a threshold curve ("Alignment = Capabilities")."""
    vals = params.set({x: sympy.nsimplify(point[0], rational=True), y: sympy.nsimplify(point[1], rational=True)})
    u = game.subs(vals).numeric_arrays()[0][:, 0]
    i, j = min(((a, b) for a in range(len(u)) for b in range(a + 1, len(u))), key=lambda ab: abs(u[ab[0]] - u[ab[1]]))
    s = game.strategies[0]
    return f"{STRATEGY_WORDS.get(s[i], s[i])} and {STRATEGY_WORDS.get(s[j], s[j])} pay the same"


def _label_point(mask: np.ndarray) -> tuple[int, int]:
    """The cell of a region farthest from its border (a label put there stays inside the region)."""
    from scipy.ndimage import distance_transform_edt

    dist = distance_transform_edt(np.pad(mask, 1, constant_values=False))[1:-1, 1:-1]
    i, j = np.unravel_index(int(np.argmax(dist)), mask.shape)
    return int(i), int(j)


def draw_regime_map(grid: Any, params: ParameterSet, ax: Any) -> Any:
    """Regimes over the sweep's two parameters, each region named in words, each closed-form threshold curve
    labelled with the two choices that pay the same on it."""
    import matplotlib.colors as mcolors

    params = params.set({k: sympy.nsimplify(v, rational=True) for k, v in grid.fixed.items() if k in params})
    x, y = grid.names[0], grid.names[1]
    xs, ys = np.asarray(grid.axes[x], float), np.asarray(grid.axes[y], float)
    codes = grid.codes.reshape(grid.grid_shape)
    order = sorted(grid.counts, key=lambda c: (-grid.counts[c], c))
    # pale, distinct fills (ColorBrewer Pastel1/Pastel2), one per regime; repeated past ten
    palette = ["#c6dbef", "#fdd0a2", "#c7e9c0", "#dadaeb", "#fccde5", "#ffffb3", "#d9d9d9", "#ccebc5",
               "#bebada", "#fbb4ae"]
    colours = [palette[k % len(palette)] for k in range(len(order))]
    img = np.vectorize(lambda c: order.index(int(c)))(codes).astype(float)
    ax.pcolormesh(xs, ys, img.T, cmap=mcolors.ListedColormap(colours[:len(order)]), vmin=-0.5,
                  vmax=len(order) - 0.5, shading="nearest", rasterized=True)
    relations = threshold_relations(grid)
    sx, sy = params.symbol(x), params.symbol(y)
    GX, GY = np.meshgrid(xs, ys, indexing="ij")
    signs = [np.sign(np.broadcast_to(np.asarray(sympy.lambdify((sx, sy), r, "numpy")(GX, GY), float), GX.shape))
             for r in relations]
    names = {c: REGIME_WORDS.get(grid.regime_label(c), grid.regime_label(c)) for c in order}
    # region names written inside their regions only when every name is short and every region large;
    # otherwise (several equilibria per region, thin regions) a legend under the map names the colours
    inline = all(len(w) <= 28 for w in names.values()) and min(grid.counts.values()) >= 0.08 * codes.size
    if not inline:
        import textwrap

        import matplotlib.patches as mpatches

        labels = [textwrap.fill(names[c], 100) for c in order]  # at 8 pt, 100 characters fit the text width
        handles = [mpatches.Patch(facecolor=colours[k], edgecolor="0.5", linewidth=0.5, label=label)
                   for k, label in enumerate(labels)]
        fig = ax.figure
        w, h = fig.get_size_inches()
        lines = sum(label.count("\n") + 1 for label in labels)
        fig.set_size_inches(w, h + 0.16 * lines + 0.1 * len(labels) + 0.35)  # room for the legend below the map
        fig.legend(handles=handles, loc="outside lower center", fontsize=8, frameon=False, ncol=1,
                   title="equilibria in each region", title_fontsize=8)
    for c in order if inline else ():
        mask = codes == c
        for sg in signs:  # the label keeps to one side of every curve: the larger part of the region
            inside = mask & (sg > 0)
            mask = inside if inside.sum() * 2 >= mask.sum() else mask & (sg <= 0)
        words = names[c]
        lo, hi = int(0.08 * len(ys)), int(0.85 * len(ys))
        widths = mask[:, lo:hi].sum(axis=0)
        if widths.max(initial=0) < 0.35 * len(xs):  # a narrow region: two lines, from its left edge
            j = lo + int(np.argmax(widths))
            i = int(np.argmax(mask[:, j]))
            ax.text(xs[i] + 0.015 * (xs[-1] - xs[0]), ys[j], words.replace(" ", "\n", 1), ha="left",
                    va="center", fontsize=9, fontweight="bold")
        else:
            i, j = _label_point(mask)
            ax.text(xs[i], ys[j], words, ha="center", va="center", fontsize=9, fontweight="bold")
    game = games.build(grid.game)
    fine_x, fine_y = np.linspace(xs[0], xs[-1], 400), np.linspace(ys[0], ys[-1], 400)
    X, Y = np.meshgrid(fine_x, fine_y)
    styles = ("-", "--", ":", "-.")
    for k, rel in enumerate(relations):
        f = sympy.lambdify((sx, sy), rel, "numpy")
        Z = np.broadcast_to(np.asarray(f(X, Y), float), X.shape)
        cs = ax.contour(X, Y, Z, levels=[0.0], colors="black", linewidths=1.1, linestyles=styles[k % 4])
        paths = [p for seg in cs.allsegs for p in seg if len(p)]
        # a curve along the plot's edge (a parameter's bound, e.g. s = 0) is drawn but not labelled
        paths = [p for p in paths if not (np.ptp(p[:, 1]) < 1e-9 * (ys[-1] - ys[0]) and
                                          min(abs(p[0, 1] - ys[0]), abs(p[0, 1] - ys[-1])) < 1e-9 * (ys[-1] - ys[0]))
                 and not (np.ptp(p[:, 0]) < 1e-9 * (xs[-1] - xs[0]) and
                          min(abs(p[0, 0] - xs[0]), abs(p[0, 0] - xs[-1])) < 1e-9 * (xs[-1] - xs[0]))]
        if not paths:
            continue
        pts = max(paths, key=len)
        # label where the curve crosses a height of the plot, one height per curve so labels never meet
        target = ys[0] + (0.82 - 0.22 * k) * (ys[-1] - ys[0])
        px, py = pts[int(np.argmin(np.abs(pts[:, 1] - target)))]
        meaning = _curve_meaning(game, params, x, y, (float(px), float(py)))
        ax.annotate(meaning, xy=(px, py), xytext=(px + 0.12 * (xs[-1] - xs[0]), py), fontsize=8, va="center",
                    arrowprops={"arrowstyle": "-", "lw": 0.6, "color": "black"},
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    for axis, name in ((ax.xaxis, x), (ax.yaxis, y)):  # ticks in the parameter's unit ($1tn, 5%, 5 years)
        unit = params[name].unit
        axis.set_major_locator(MaxNLocator(nbins=5))
        axis.set_major_formatter(FuncFormatter(lambda v, _, unit=unit: format_number(v, unit=unit, digits=3)))
    ax.set_xlabel(short_name(params, x))
    ax.set_ylabel(short_name(params, y))
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(ys[0], ys[-1])
    return ax


def draw_tornado(tor: Any, params: ParameterSet, ax: Any) -> Any:
    """The tornado chart with the parameters named in words and symbols, and the gap in dollars."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    plot_tornado(tor, ax)
    rows = list(tor.rows)
    labels = [short_name(params, r.name) + (" *" if r.flips else "") for r in rows]
    ax.set_yticks(np.arange(len(rows))[::-1], labels)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, unit="USD", digits=3)))

    ax.set_title("")
    from matplotlib.lines import Line2D

    leg = ax.get_legend()
    if leg is not None:
        handles = list(leg.legend_handles)
        leg.remove()
        handles.append(Line2D([], [], linestyle="none"))
        ax.legend(handles, ["parameter at the low end of its range", "parameter at the high end of its range",
                            "* the choice flips within the range"], loc="lower left", fontsize=8)
    ax.set_xlabel("payoff gap of Alignment over the best alternative (USD)")
    return ax
