r"""Sensitivity of a game's outcome to its parameters: one-at-a-time (tornado) and first-order indices.

:func:`tornado` moves one parameter at a time over its range, every other
parameter at its value, and reports how far a quantity (by default the payoff
gap of :func:`solvers.sweeps.run.sweep`) moves and whether the equilibrium regime
flips.  :func:`first_order_indices` estimates the variance-based first-order
(Sobol') index of every sampled parameter from a Monte Carlo sweep:

.. math::

    S_i = \frac{\operatorname{Var}\bigl(E[Y \mid X_i]\bigr)}{\operatorname{Var}(Y)},

the share of the variance of the outcome :math:`Y` explained by
:math:`X_i` alone.  :math:`E[Y \mid X_i]` is estimated by the mean of
:math:`Y` in ``bins`` equal-count bins of :math:`X_i` (the binning
estimator, which needs only the sweep's i.i.d. samples); its bias under the
null is about :math:`(B - 1) / N` and is subtracted.

References
----------
.. [1] A. Saltelli et al., *Global Sensitivity Analysis: The Primer*, Wiley
   (2008), sections 1.2.5 (one-at-a-time, tornado) and 4.2 (first-order indices).
.. [2] I. M. Sobol', "Global sensitivity indices for nonlinear mathematical
   models and their Monte Carlo estimates", Mathematics and Computers in
   Simulation 55 (2001) 271-280.

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

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from games.errors import UnknownNameError, suggest
from solvers.errors import SweepError
from solvers.sweeps.result import SweepResult
from solvers.sweeps.run import sweep
from solvers.sweeps.validate import _check_name

if TYPE_CHECKING:  # tornado needs sympy; first_order_indices does not (the sweep command line imports it)
    import sympy

    from games.core import Game
    from games.parameters import ParameterSet
    from games.symmetric import SymmetricGame

__all__ = ['tornado', 'Tornado', 'TornadoRow', 'first_order_indices', 'first_order_table', 'EDGE_POINTS']


#: The bin edges of :func:`first_order_indices` are quantiles of the first this many points.
EDGE_POINTS = 50_000


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
        What the bars measure: the payoff gap of :func:`solvers.sweeps.run.sweep`
        or an expression in the game's parameters.
    steps : int
        Points per range (the regime flip and the extremes are looked for on them).

    Returns
    -------
    Tornado

    Raises
    ------
    UnknownNameError, ParameterError, SweepError
        As :func:`solvers.sweeps.run.sweep` does for bad names, ranges and steps.

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

    from solvers.sweeps.template import default_parameters, game_from, game_parameters

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


def first_order_indices(result: SweepResult, outcome: str = "gap", *, bins: int | None = None) -> dict[str, float]:
    r"""First-order variance-based indices of a Monte Carlo sweep's parameters.

    Parameters
    ----------
    result : SweepResult
        A Monte Carlo sweep; its kept points are the samples used.
    outcome : str
        ``"gap"`` or another quantity of the result, or an equilibrium label
        of ``result.records`` (the outcome is then 1 where it exists, else 0).
    bins : int, optional
        Bins per parameter, between the quantiles of its first
        :data:`EDGE_POINTS` samples (so of nearly equal counts for continuous
        draws); default :math:`\min(50, \sqrt{N}/4)`, at least 2.

    Returns
    -------
    dict of str to float
        :math:`S_i` per sampled parameter, in ``result.names`` order (0 where
        the outcome does not vary).

    Raises
    ------
    SweepError
        For a grid sweep, fewer than 100 kept points, or bad ``bins``.
    UnknownNameError
        For an unknown outcome.

    Examples
    --------
    >>> res = sweep("great_power_race", samples=100_000, seed=1)
    >>> s = first_order_indices(res, "(Alignment, Alignment)")
    >>> max(s, key=s.get)
    'power_catastrophe_loss'
    """
    return first_order_table(result, [outcome], bins=bins)[outcome]


def first_order_table(result: SweepResult, outcomes: Sequence[str] | None = None, *,
                      bins: int | None = None, points: int | None = None) -> dict[str, dict[str, float]]:
    """:func:`first_order_indices` of several outcomes at once (the bins are computed once).

    ``outcomes`` defaults to the gap and every equilibrium that exists at some
    but not all kept points.  ``points`` uses only the first that many kept
    points (an i.i.d. subsample; default all).  Returns ``{outcome: {parameter: index}}``.
    """
    if result.kind != "monte_carlo":
        raise SweepError("first_order_indices: needs a Monte Carlo sweep (samples=N), got a grid")
    if points is not None and (isinstance(points, bool) or not isinstance(points, int) or points < 1):
        raise SweepError(f"first_order_table: points {points!r} not allowed (allowed: an integer >= 1)")
    n = result.n_kept if points is None else min(points, result.n_kept)
    head = slice(0, n)
    if n < 100:
        raise SweepError(f"first_order_indices: {n} kept points (allowed: at least 100; raise keep)")
    if bins is None:
        bins = int(max(2, min(50, np.sqrt(n) / 4)))
    elif isinstance(bins, bool) or not isinstance(bins, int) or bins < 2 or bins > n:
        raise SweepError(f"first_order_indices: bins {bins!r} not allowed (allowed: 2 to the number of points)")
    codes = result.codes[head].astype(np.uint64)

    def holds(lab: str) -> np.ndarray:
        return ((codes >> np.uint64(result.records.index(lab))) & np.uint64(1)).astype(float)

    if outcomes is None:
        outcomes = ["gap"] + [lab for lab in result.records if 0 < float(np.mean(holds(lab))) < 1]
    ys: dict[str, np.ndarray] = {}
    for outcome in outcomes:
        if outcome in result.quantities:
            ys[outcome] = np.asarray(result.quantities[outcome][head], dtype=float)
        elif outcome in result.records:
            ys[outcome] = holds(outcome)
        else:
            raise UnknownNameError("first_order_indices: " + suggest(
                outcome, [*result.quantities, *result.records], what="outcome"))
    stats = {o: (float(np.mean(y)), float(np.var(y))) for o, y in ys.items()}

    def column(name: str) -> dict[str, float]:
        x = result.values[name][head]
        # bin edges: the quantiles of the first EDGE_POINTS points (an i.i.d. subsample), so the bins hold
        # nearly equal counts; the estimator and its bias correction hold for any fixed bins
        edges = np.quantile(x[:EDGE_POINTS], np.linspace(0, 1, bins + 1)[1:-1])
        b = np.searchsorted(edges, x, side="right")
        cnt = np.bincount(b, minlength=bins)
        used = int(np.count_nonzero(cnt))
        col: dict[str, float] = {}
        for o, y in ys.items():
            mean, var = stats[o]
            if var == 0 or not np.isfinite(var):
                col[o] = 0.0
                continue
            sums = np.bincount(b, weights=y, minlength=bins)
            means = sums / np.maximum(cnt, 1)
            between = float(np.sum(cnt * (means - mean) ** 2) / n)
            col[o] = float(min(1.0, max(0.0, between / var - (used - 1) / n)))
        return col

    if n * len(result.names) >= 200_000:  # numpy releases the GIL: one thread per CPU over the parameters
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(len(result.names), os.cpu_count() or 1)) as ex:
            cols = list(ex.map(column, result.names))
    else:
        cols = [column(name) for name in result.names]
    out: dict[str, dict[str, float]] = {o: {} for o in ys}
    for name, col in zip(result.names, cols):
        for o, v in col.items():
            out[o][name] = v
    return out

