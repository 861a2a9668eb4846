r""":func:`explore`: open the explorer on a game, with sliders for its parameters."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sympy

from games import essay
from games.core import Game
from games.errors import GameError, UnknownNameError, suggest
from games.parameters import Parameter, ParameterSet
from games.symmetric import SymmetricGame
from solvers.errors import MissingExtraError
from solvers.explorer.sliders import SliderSpec, slider_spec
from solvers.explorer.widget import Explorer

__all__ = ["explore"]


def _parameter_lookup(params: ParameterSet | Mapping[str, Any] | None) -> tuple[dict[str, Any], dict[str, Parameter]]:
    """``({name: value}, {name: Parameter})`` from a ParameterSet, a plain mapping or None (the essay's)."""
    registry = essay.parameters()
    if params is None:
        return dict(registry.as_dict()), {p.name: p for p in registry.values()}
    if isinstance(params, ParameterSet):
        regs = {p.name: p for p in registry.values()}
        regs.update({p.name: p for p in params.values()})
        return dict(params.as_dict()), regs
    if not isinstance(params, Mapping):
        raise GameError(f"explore: params must be a ParameterSet or a mapping, got {type(params).__name__}")
    values = dict(registry.as_dict())
    for k, v in params.items():
        values[k.name if isinstance(k, sympy.Symbol) else str(k)] = v
    return values, {p.name: p for p in registry.values()}


def explore(
    game: Game | SymmetricGame,
    params: ParameterSet | Mapping[str, Any] | None = None,
    *,
    sliders: Sequence[str] | None = None,
    ranges: Mapping[str, tuple[Any, Any]] | None = None,
    regime: tuple[str, str] | None | bool = True,
    focus: str | None = None,
    resolution: int = 100,
    plot: bool = True,
    breakeven: bool | None = None,
    continuous_update: bool = False,
) -> Explorer:
    """Sliders for every free parameter of a game; the equilibria and regime map follow them.

    Parameters
    ----------
    game : Game or SymmetricGame
        A symbolic game (a library game, or one of your own).
    params : ParameterSet or mapping, optional
        Initial values (and, for a ParameterSet, the registry entries giving
        ranges).  Defaults to :func:`games.essay.parameters` (the phd
        scenario); a mapping overrides those values by name.  Free symbols
        outside the registry need a value here.
    sliders : sequence of str, optional
        Which parameters get a slider (default: every free parameter); the
        others stay at their ``params`` value.
    ranges : mapping, optional
        ``{name: (low, high)}`` overriding the registry's ranges.
    regime : (str, str), True, False or None
        The regime map's (x, y) parameters; True (default): the first two
        sliders; False/None: no map.  The map needs the closed form
        (:func:`solvers.equilibrium_conditions`).
    focus : str, optional
        The parameter whose break-even values are listed (default: the map's
        x, else the first slider).
    resolution : int
        Regime-map grid points per axis.
    plot : bool
        Draw the figure on every update (False: text only, faster).
    breakeven : bool, optional
        Compute the focus parameter's break-even values on every update.
        Default: yes, unless the game is a SymmetricGame with ``Piecewise``
        payoffs (its conditions are re-derived on every update: seconds).
    continuous_update : bool
        Re-solve while a slider is dragged (default: when it is released).

    Returns
    -------
    Explorer
        Display it in a notebook; :meth:`Explorer.set` moves sliders from code.

    Raises
    ------
    GameError
        A free parameter without a value, or a bad range.
    UnknownNameError
        A name in ``sliders``, ``ranges``, ``regime`` or ``focus`` that is not
        a free parameter.
    MissingExtraError
        Without ipywidgets: the message names the ``notebooks`` extra
        (``pip install "aligngames[notebooks]"``).

    Examples
    --------
    >>> import games
    >>> ex = explore(games.individual.career_choice(), plot=False, regime=False,
    ...              sliders=["researcher_vsl_multiplier", "altruism_weight"])
    >>> ex.set(altruism_weight=0.1, researcher_vsl_multiplier=1.69).labels
    ('(Capabilities, Passive)',)
    >>> ex.set(researcher_vsl_multiplier=1.70).labels
    ('(Alignment, Passive)',)
    """
    try:
        import ipywidgets as widgets
    except ImportError as exc:
        raise MissingExtraError(
            "explore: the explorer needs ipywidgets, which is not installed; install the notebooks extra: "
            'pip install "aligngames[notebooks]" (or, from a clone, pip install ".[notebooks]")') from exc

    if not isinstance(game, (Game, SymmetricGame)):
        raise GameError(f"explore: expected a Game or SymmetricGame, got {type(game).__name__}")
    if not isinstance(resolution, int) or not 2 <= resolution <= 500:
        raise GameError(f"explore: resolution={resolution!r} (allowed: an integer from 2 to 500)")
    free = sorted(game.free_symbols, key=lambda s: s.name)
    names_free = [s.name for s in free]
    values, registry = _parameter_lookup(params)
    order = {name: i for i, name in enumerate(registry)}
    names_free.sort(key=lambda n: (order.get(n, len(order)), n))
    missing = [n for n in names_free if n not in values]
    if missing:
        raise GameError(f"explore: no value for {', '.join(missing)}; pass params={{name: value}}")

    def check(name: str, what: str) -> str:
        if name not in names_free:
            raise UnknownNameError(f"explore: {what}: " + suggest(name, names_free, what="free parameter"))
        return name

    chosen = [check(n, "sliders") for n in sliders] if sliders is not None else list(names_free)
    ranges = dict(ranges or {})
    for n in ranges:
        check(n, "ranges")
    n_syms: set[str] = set()
    if isinstance(game, SymmetricGame) and isinstance(game.n_players, sympy.Basic):
        n_syms = {s.name for s in game.n_players.free_symbols}
    specs: dict[str, SliderSpec] = {}
    for n in chosen:
        lo, hi = ranges.get(n, (None, None))
        specs[n] = slider_spec(n, values[n], registry.get(n), low=lo, high=hi, integer=n in n_syms)
    if regime is True:
        axes = (chosen[0], chosen[1]) if len(chosen) >= 2 else None
    elif regime in (False, None):
        axes = None
    else:
        assert isinstance(regime, tuple)
        if len(regime) != 2 or regime[0] == regime[1]:
            raise GameError(f"explore: regime={regime!r} (allowed: two different slider names)")
        axes = (check(regime[0], "regime"), check(regime[1], "regime"))
        for a in axes:
            if a not in specs:
                raise GameError(f"explore: regime axis {a!r} has no slider (add it to sliders=)")
    if focus is not None:
        check(focus, "focus")
    if breakeven is None:
        breakeven = not (isinstance(game, SymmetricGame) and any(e.has(sympy.Piecewise) for e in game.payoff_exprs))
    foc = focus if focus is not None else (axes[0] if axes else (chosen[0] if chosen else None))

    built: dict[str, Any] = {}
    for n, spec in specs.items():
        common = {"description": n, "continuous_update": continuous_update,
                  "style": {"description_width": "initial"}, "layout": widgets.Layout(width="95%")}
        if spec.scale == "int":
            w = widgets.IntSlider(value=int(spec.value), min=int(spec.low), max=int(spec.high), step=1, **common)
        elif spec.scale == "log":
            w = widgets.FloatLogSlider(value=spec.value, base=10, min=math.log10(spec.low),
                                       max=math.log10(spec.high), step=spec.step, **common)
        else:
            w = widgets.FloatSlider(value=spec.value, min=spec.low, max=spec.high, step=spec.step,
                                    readout_format=".4g", **common)
        w.tooltip = spec.description
        built[n] = w
    fixed = {n: (v if isinstance(v, sympy.Basic) else sympy.nsimplify(v, rational=True))
             for n, v in values.items() if n in names_free and n not in specs}
    text = widgets.HTML()
    out = widgets.Output()
    ex = Explorer(game=game, specs=specs, sliders=built, fixed=fixed, focus=foc, regime_axes=axes,
                  resolution=resolution, plot=plot, breakeven=breakeven, text_widget=text, output=out)
    ex.widget = widgets.VBox([widgets.HTML(f"<b>{game.name or 'Game'}</b>"), *built.values(), text, out])
    handler: Callable[[Any], None] = ex._on_change
    for w in built.values():
        w.observe(handler, names="value")
    ex.update()
    return ex

