r"""A Jupyter explorer: one slider per free parameter of a game, re-solving as they move.

:func:`explore` builds an :class:`Explorer` for any library game (or a game of
your own): ipywidgets sliders for the game's free parameters, with ranges from
the parameter registry (:attr:`games.Parameter.low` / ``high``), and, each
time a slider moves,

* the game at the sliders' values, solved exactly
  (:func:`solvers.nash_equilibria` for a :class:`~games.Game`,
  :func:`solvers.symmetric_equilibria` for a :class:`~games.SymmetricGame`);
* the break-even values of the focus parameter (the regime map's x axis) at
  the other parameters' values (:func:`solvers.break_even`);
* a regime map over two parameters: which equilibria hold at each point of a
  grid, from the closed-form conditions of :func:`solvers.equilibrium_conditions`
  (drawn when the game has a closed form), with the current point marked.

Everything the widgets show is also available without a browser:
:attr:`Explorer.result` (an :class:`ExplorerResult`), :attr:`Explorer.output_text`,
:meth:`Explorer.set` (moves sliders programmatically, as a user would) and
:attr:`Explorer.figure` (the matplotlib figure last drawn).

Slider ranges
-------------
From the registry's ``low``/``high`` when present; otherwise ``[0, 1]`` for a
probability and ``[0, 2 v]`` around a positive default ``v`` (``[2 v, -2 v]``
for a negative one, ``[-1, 1]`` for zero).  A range spanning more than four
orders of magnitude above zero (``circle_size``: 1 to 8e9) gets a logarithmic
slider; a count whose range is at most 10,000 (the number of researchers) gets
an integer slider, and so does a symbol in a symmetric game's number of
players.  :meth:`Explorer.set` widens a slider whose range excludes the value.

Slider values are read as the exact rational of their shortest decimal form
(``1.69 -> 169/100``), so the equilibria are those of the exact game.

ipywidgets (the ``notebooks`` extra) is imported inside :func:`explore`;
matplotlib inside the drawing method.
"""

from __future__ import annotations

import math
import textwrap
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

import solvers
from games._text import format_number
from games.core import Game
from games.errors import AligngamesError, GameError, UnknownNameError, suggest
from games.symmetric import SymmetricGame
from solvers.conditions.derive import equilibrium_conditions
from solvers.explorer.grid import _equilibrium_label, _symmetric_label, regime_grid
from solvers.explorer.sliders import SliderSpec, _exact

__all__ = ["Explorer", "ExplorerResult"]


@dataclass(frozen=True)
class ExplorerResult:
    """What the explorer shows for the current slider values.

    Attributes
    ----------
    values : dict
        ``{name: exact value}`` of every free parameter.
    equilibria : list
        :class:`~solvers.results.equilibria.Equilibrium` (Game) or
        :class:`~solvers.results.equilibria.SymmetricEquilibrium` (SymmetricGame).
    labels : tuple of str
        The equilibria as ``"(Capabilities, Passive)"`` / ``"mixed (...)"``
        (the labels of :func:`solvers.equilibrium_conditions`).
    thresholds : tuple
        :class:`~solvers.results.conditions.Threshold` of the focus parameter at the
        other parameters' values (empty when not computed).
    regime : tuple of str
        The regime-map label at the current point (empty without a map).
    notes : tuple of str
        What could not be computed, and why.
    text : str
        Everything above as the text the explorer displays.
    """

    values: dict[str, sympy.Expr]
    equilibria: list[Any]
    labels: tuple[str, ...]
    thresholds: tuple[Any, ...] = ()
    regime: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    text: str = ""


def _describe(eq: Any) -> str:
    """One equilibrium as text; symmetric ones with algebraic (CRootOf) values shown as decimals."""
    if hasattr(eq, "profile"):
        return str(eq)
    if eq.kind == "continuum":
        return "every mixture (both strategies always earn the same)"
    stab = "stable" if eq.stable else "unstable"
    return f"p({eq.strategies[0]}) = {_fmt(eq.p)} ({eq.kind}, payoff {_fmt(eq.payoff)}, {stab})"


def _fmt(v: Any) -> str:
    """A slider value: whole numbers in full, fractions as p/q with the decimal beside (22/13 ≈ 1.69231)."""
    return format_number(v, exact="both", digits=6)


@dataclass
class Explorer:
    """Sliders for the free parameters of a game, and what the game's equilibria are at their values.

    Build with :func:`explore`.  Display it in Jupyter (it shows
    :attr:`widget`); drive it from code with :meth:`set`.

    Attributes
    ----------
    game : Game or SymmetricGame
        The symbolic game.
    specs : dict
        ``{name: SliderSpec}`` of every slider.
    sliders : dict
        ``{name: ipywidgets slider}``.
    fixed : dict
        ``{name: exact value}`` of free parameters without a slider.
    focus : str or None
        The parameter whose break-even values are shown (the regime map's x).
    regime_axes : tuple of str or None
        The regime map's (x, y) parameters; None: no map.
    result : ExplorerResult
        The latest result.
    figure : matplotlib Figure or None
        The latest drawing (None with ``plot=False``).
    widget : ipywidgets.VBox
        The sliders, the text and the figure.
    """

    game: Game | SymmetricGame
    specs: dict[str, SliderSpec]
    sliders: dict[str, Any]
    fixed: dict[str, sympy.Expr]
    focus: str | None
    regime_axes: tuple[str, str] | None
    resolution: int
    plot: bool
    breakeven: bool
    text_widget: Any = None
    output: Any = None
    widget: Any = None
    result: ExplorerResult | None = None
    figure: Any = None
    _batch: bool = field(default=False, repr=False)
    _grid: Any = field(default=None, repr=False)
    _grid_key: Any = field(default=None, repr=False)

    # -- values ---------------------------------------------------------------
    @property
    def names(self) -> tuple[str, ...]:
        """The slider names, in order."""
        return tuple(self.sliders)

    @property
    def values(self) -> dict[str, sympy.Expr]:
        """``{name: exact value}`` of every free parameter (sliders and fixed)."""
        out = dict(self.fixed)
        for name, s in self.sliders.items():
            out[name] = _exact(s.value)
        return out

    @property
    def regime_map(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple[str, ...]]] | None:
        """The regime map last computed, as :func:`regime_grid` returns it (None without a map)."""
        return self._grid  # type: ignore[no-any-return]

    @property
    def output_text(self) -> str:
        """The text the explorer displays for the current values."""
        return self.result.text if self.result is not None else ""

    def set(self, **values: Any) -> ExplorerResult:
        """Move sliders (by name) as a user would, then re-solve once.

        A value outside a slider's range widens the range.

        Raises
        ------
        UnknownNameError
            For a name that is not a slider.
        """
        for name in values:
            if name not in self.sliders:
                raise UnknownNameError("Explorer.set: " + suggest(name, self.sliders, what="slider"))
        self._batch = True
        try:
            for name, v in values.items():
                s = self.sliders[name]
                spec = self.specs[name]
                fv = float(v)
                if spec.scale == "log":
                    if fv <= 0:
                        raise GameError(f"Explorer.set: {name}={v} (allowed: > 0 on a logarithmic slider)")
                    e = math.log10(fv)
                    s.min, s.max = min(s.min, math.floor(e)), max(s.max, math.ceil(e))
                else:
                    if fv < s.min:
                        s.min = int(math.floor(fv)) if spec.scale == "int" else fv
                    if fv > s.max:
                        s.max = int(math.ceil(fv)) if spec.scale == "int" else fv
                s.value = int(v) if spec.scale == "int" else fv
        finally:
            self._batch = False
        return self.update()

    def _on_change(self, change: Any) -> None:
        if not self._batch:
            self.update()

    # -- solving --------------------------------------------------------------
    def _solve(self, values: dict[str, sympy.Expr]) -> tuple[list[Any], tuple[str, ...]]:
        g = self.game.subs(values)
        if isinstance(g, SymmetricGame):
            seqs = solvers.symmetric_equilibria(g)
            return list(seqs), tuple(_symmetric_label(e) for e in seqs)
        eqs = solvers.nash_equilibria(g)
        return list(eqs), tuple(_equilibrium_label(e) for e in eqs)

    def _thresholds(self, values: dict[str, sympy.Expr], notes: list[str]) -> tuple[Any, ...]:
        if not self.breakeven or self.focus is None:
            return ()
        others = {k: v for k, v in values.items() if k != self.focus}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                return tuple(solvers.break_even(self.game, self.focus, others).thresholds)
        except (AligngamesError, NotImplementedError, TypeError) as exc:
            notes.append(f"break-even values of {self.focus} not computed: {exc}")
            return ()

    def _regime(self, values: dict[str, sympy.Expr], notes: list[str]) -> tuple[str, ...]:
        if self.regime_axes is None:
            return ()
        x, y = self.regime_axes
        key = tuple(sorted((k, v) for k, v in values.items() if k not in (x, y)))
        if key != self._grid_key:
            sx, sy = self.specs[x], self.specs[y]
            try:
                self._grid = regime_grid(
                    self.game, x, y, {k: v for k, v in values.items() if k not in (x, y)},
                    x_range=(sx.low, sx.high), y_range=(sy.low, sy.high), resolution=self.resolution,
                    x_log=sx.scale == "log", y_log=sy.scale == "log",
                )
            except (AligngamesError, NotImplementedError, TypeError) as exc:
                notes.append(f"regime map not drawn: {exc}")
                self._grid = None
            self._grid_key = key
        if self._grid is None:
            return ()
        # the regime at the current point, decided exactly (the grid only approximates it)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            records = [r for r in equilibrium_conditions(self.game) if r.kind != "continuum"]
        return tuple(sorted(r.label for r in records if r.holds_at(values)))

    def _text(self, values: dict[str, sympy.Expr], labels: tuple[str, ...], eqs: list[Any],
              thresholds: tuple[Any, ...], regime: tuple[str, ...], notes: list[str]) -> str:
        lines = [f"{self.game.name or 'Game'} at " + ", ".join(
            f"{k} = {_fmt(values[k])}" for k in self.sliders) + ":"]
        lines.append(f"{len(eqs)} equilibri{'um' if len(eqs) == 1 else 'a'}:")
        for lab, e in zip(labels, eqs):
            lines.append(f"  {lab}: {_describe(e)}")
        for t in thresholds:
            below = "; ".join(o.label for o in t.below) or "none"
            above = "; ".join(o.label for o in t.above) or "none"
            lines.append(f"break-even {t.symbol} = {_fmt(t.value)}: below {below}; above {above}")
        if regime:
            lines.append("regime map here: " + "; ".join(regime))
        lines.extend("note: " + n for n in notes)
        return "\n".join(lines)

    def update(self) -> ExplorerResult:
        """Re-solve at the sliders' values, refresh the text and redraw."""
        values = self.values
        notes: list[str] = []
        eqs, labels = self._solve(values)
        thresholds = self._thresholds(values, notes)
        regime = self._regime(values, notes)
        text = self._text(values, labels, eqs, thresholds, regime, notes)
        self.result = ExplorerResult(values, eqs, labels, thresholds, regime, tuple(notes), text)
        if self.text_widget is not None:
            import html

            self.text_widget.value = "<pre>" + html.escape(text) + "</pre>"
        if self.plot:
            self.draw()
        return self.result

    # -- drawing --------------------------------------------------------------
    def draw(self) -> Any:
        """Draw the equilibria (and the regime map) on a new matplotlib Figure; show it in :attr:`output`."""
        from matplotlib.figure import Figure

        res = self.result
        assert res is not None
        has_map = self.regime_axes is not None and self._grid is not None
        fig = Figure(figsize=(11 if has_map else 5.5, 5 if has_map else 4), layout="constrained")
        ax = fig.add_subplot(1, 2 if has_map else 1, 1)
        self._draw_equilibria(ax, res)
        if has_map:
            self._draw_regimes(fig.add_subplot(1, 2, 2), res)
        self.figure = fig
        if self.output is not None:
            from IPython import get_ipython

            if get_ipython() is not None:
                from IPython.display import clear_output, display

                with self.output:
                    clear_output(wait=True)
                    display(fig)
        return fig

    def _draw_equilibria(self, ax: Any, res: ExplorerResult) -> None:
        if isinstance(self.game, SymmetricGame):
            assert self.game.strategies is not None
            ps = [float(e.p) if e.kind != "continuum" else 0.5 for e in res.equilibria]
            ax.barh(range(len(ps)), ps, color="tab:blue")
            ax.set_yticks(range(len(ps)), res.labels)
            ax.set_xlim(0, 1)
            ax.set_xlabel(f"probability of {self.game.strategies[0]}")
        else:
            game = self.game
            strategies = game.strategies[0]
            colors = [f"C{i}" for i in range(len(strategies))]
            for row, e in enumerate(res.equilibria):
                left = 0.0
                for k, p in enumerate(e.as_floats()[0]):
                    if p > 0:
                        ax.barh(row, p, left=left, color=colors[k])
                        left += p
            handles = {s: ax.bar(0, 0, color=c) for s, c in zip(strategies, colors)}
            ax.legend(handles.values(), handles.keys(), loc="upper right", fontsize="small",
                      title=game.players[0])
            ax.set_yticks(range(len(res.labels)), res.labels)
            ax.set_xlim(0, 1.35)
            ax.set_xlabel(f"{game.players[0]}'s mixture at each equilibrium")
        ax.set_title("equilibria")
        ax.invert_yaxis()

    def _draw_regimes(self, ax: Any, res: ExplorerResult) -> None:
        from matplotlib.colors import ListedColormap
        from matplotlib.patches import Patch

        assert self.regime_axes is not None
        x, y = self.regime_axes
        xs, ys, codes, regimes = self._grid
        cmap = ListedColormap([f"C{i % 10}" for i in range(max(1, len(regimes)))])
        masked = np.ma.masked_less(codes, 0)
        ax.pcolormesh(xs, ys, masked, cmap=cmap, vmin=-0.5, vmax=max(1, len(regimes)) - 0.5, shading="nearest",
                      alpha=0.6)
        if self.specs[x].scale == "log":
            ax.set_xscale("log")
        if self.specs[y].scale == "log":
            ax.set_yscale("log")
        ax.plot([float(res.values[x])], [float(res.values[y])], marker="*", color="black", markersize=14)
        for t in res.thresholds:
            try:
                ax.axvline(float(t.value), color="black", lw=0.8, ls="--")
            except TypeError:
                pass
        labels = [textwrap.fill("; ".join(r), 60) for r in regimes]
        ax.legend(handles=[Patch(color=f"C{i % 10}", alpha=0.6, label=lab) for i, lab in enumerate(labels)],
                  loc="upper center", bbox_to_anchor=(0.5, -0.18), fontsize="x-small", title="equilibria",
                  title_fontsize="x-small")
        ax.set_xlabel(x)
        ax.set_ylabel(y)
        ax.set_title("regime map (closed-form conditions)")

    # -- display --------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

