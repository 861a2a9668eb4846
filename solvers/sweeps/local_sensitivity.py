r"""One-at-a-time sensitivity: the tornado table of a game's payoff gap over each parameter's range.

:func:`tornado` moves one parameter at a time over its range, every other
parameter at its value, and reports how far a quantity (by default the payoff
gap of :func:`solvers.sweep`) moves and whether the equilibrium regime flips.

References
----------
.. [1] A. Saltelli et al., *Global Sensitivity Analysis: The Primer*, Wiley
   (2008), section 1.2.5 (one-at-a-time, tornado).

Examples
--------
At the essay's values the great-power race is a Prisoner's Dilemma; the risk
with two racers, :math:`h_2`, does not enter the gap :math:`R - T` but flips the
regime (to Chicken) at the top of its range:

>>> t = tornado("great_power_race")
>>> t.baseline_regime
'(Capabilities, Capabilities)'
>>> last = t.rows[-1]
>>> last.name, last.swing, last.regime_high
('race_risk_both', 0.0, '(Alignment, Capabilities) + (Capabilities, Alignment) + mixed ({Alignment, Capabilities}, {Alignment, Capabilities})')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from games.errors import UnknownNameError
from solvers.errors import SweepError
from solvers.sweeps.game_sweep import sweep
from solvers.sweeps.template import default_parameters, game_from, game_parameters
from solvers.sweeps.validate import _check_name

if TYPE_CHECKING:
    import sympy

    from games.core import Game
    from games.parameters import ParameterSet
    from games.symmetric import SymmetricGame

__all__ = ["tornado", "Tornado", "TornadoRow"]


@dataclass(frozen=True)
class TornadoRow:
    """One parameter of a tornado: the quantity at the ends of its range and the regimes there.

    Attributes
    ----------
    name : str
    low, high : float
        The ends of the parameter's range.
    at_low, at_high : float
        The quantity with the parameter at ``low`` / ``high``, the others at their values.
    minimum, maximum : float
        The quantity's extremes over the ``steps`` points of the range.
    regime_low, regime_high : str
        The equilibrium regime at either end.
    flips : bool
        Whether the regime changes somewhere over the range.
    """

    name: str
    low: float
    high: float
    at_low: float
    at_high: float
    minimum: float
    maximum: float
    regime_low: str
    regime_high: str
    flips: bool

    @property
    def swing(self) -> float:
        """``maximum - minimum``: the bar's length."""
        return self.maximum - self.minimum


@dataclass(frozen=True)
class Tornado:
    """A one-at-a-time sensitivity analysis, rows sorted by swing (largest first).

    Attributes
    ----------
    game : str
    quantity : str
    baseline : float
        The quantity with every parameter at its value.
    baseline_regime : str
    rows : tuple of TornadoRow
    """

    game: str
    quantity: str
    baseline: float
    baseline_regime: str
    rows: tuple[TornadoRow, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"game": self.game, "quantity": self.quantity, "baseline": self.baseline,
                "baseline_regime": self.baseline_regime,
                "rows": [dict(r.__dict__, swing=r.swing) for r in self.rows]}


def tornado(
    game: Game | SymmetricGame | str,
    *,
    params: ParameterSet | None = None,
    parameters: Sequence[str] | None = None,
    ranges: Mapping[str, tuple[Any, Any]] | None = None,
    quantity: str | sympy.Expr = "gap",
    steps: int = 21,
) -> Tornado:
    r"""One-at-a-time sensitivity: each parameter over its range, the others at their values.

    Parameters
    ----------
    game : Game, SymmetricGame or str
    params : ParameterSet, optional
        Values and ranges; default :func:`games.essay.parameters`.
    parameters : sequence of str, optional
        Which parameters to move; default every parameter of the game with a range.
    ranges : mapping, optional
        ``{name: (low, high)}`` overriding the registry ranges.
    quantity : "gap" or sympy expression
        What the bars measure: the payoff gap of :func:`solvers.sweeps.game_sweep.sweep`
        or an expression in the game's parameters.
    steps : int
        Points per range (the regime flip and the extremes are looked for on them).

    Returns
    -------
    Tornado

    Raises
    ------
    UnknownNameError, ParameterError, SweepError
        As :func:`solvers.sweeps.game_sweep.sweep` does for bad names, ranges and steps.

    Examples
    --------
    The great-power race with the registry ranges: the gap
    :math:`R - T = b + s - E + h_1 D` moves by $10 trillion over the range of
    each of :math:`b, s, E` (0 to 1e13) and of :math:`h_1` and :math:`D`
    (:math:`h_1 D` from 0 to 1e13 with the other at its value):

    >>> t = tornado("great_power_race")
    >>> [r.name for r in t.rows if r.swing == 1e13]
    ['alignment_synergy', 'alignment_world_benefit', 'capabilities_edge', 'power_catastrophe_loss', 'race_risk_one']
    """
    import sympy

    g, name = game_from(game)
    ps = default_parameters() if params is None else params
    syms = game_parameters(g, ps, name)
    ranges = dict(ranges or {})
    for n in ranges:
        _check_name(n, ps, tuple(syms), name, "range of")
    if parameters is None:
        chosen = [n for n in syms if n in ranges or (
            ps[n].low is not None and ps[n].high is not None and ps[n].low < ps[n].high)]
    else:
        chosen = [_check_name(n, ps, tuple(syms), name, "tornado parameter") for n in parameters]
    if not chosen:
        raise SweepError(f"tornado: {name} has no parameter with a range (its parameters: {', '.join(syms)})")
    qmap: dict[str, sympy.Expr] = {}
    qname = "gap"
    if isinstance(quantity, sympy.Expr):
        qname = "quantity"
        qmap = {qname: quantity}
    elif quantity != "gap":
        raise SweepError(f"tornado: quantity {quantity!r} not allowed (allowed: 'gap' or a sympy expression)")
    base = sweep(g, vary={chosen[0]: [float(ps[chosen[0]].value)] * 2}, params=ps, quantities=qmap, progress=False)
    rows = []
    for n in chosen:
        if n in ranges:
            lo, hi = ranges[n]
        else:
            if ps[n].low is None or ps[n].high is None:
                raise UnknownNameError(f"tornado: parameter {n!r} has no range; give ranges={{{n!r}: (low, high)}}")
            lo, hi = ps[n].low, ps[n].high
        res = sweep(g, vary={n: (lo, hi, steps)}, params=ps, quantities=qmap, progress=False)
        q = res.quantities[qname]
        rows.append(TornadoRow(
            name=n, low=float(res.axes[n][0]), high=float(res.axes[n][-1]), at_low=float(q[0]),
            at_high=float(q[-1]), minimum=float(np.min(q)), maximum=float(np.max(q)),
            regime_low=res.regime_label(res.codes[0]), regime_high=res.regime_label(res.codes[-1]),
            flips=bool(np.any(res.codes != res.codes[0])),
        ))
    rows.sort(key=lambda r: (-r.swing, r.name))
    return Tornado(game=name, quantity=qname, baseline=float(base.quantities[qname][0]),
                   baseline_regime=base.regime_label(base.codes[0]), rows=tuple(rows))

