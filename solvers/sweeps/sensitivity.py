r"""First-order (variance-based) sensitivity indices of a Monte Carlo sweep's outcome.

:func:`first_order_indices` estimates the first-order (Sobol') index of every
sampled parameter of a Monte Carlo sweep:

.. math::

    S_i = \frac{\operatorname{Var}\bigl(E[Y \mid X_i]\bigr)}{\operatorname{Var}(Y)},

the share of the variance of the outcome :math:`Y` explained by
:math:`X_i` alone.  :math:`E[Y \mid X_i]` is estimated by the mean of
:math:`Y` in ``bins`` equal-count bins of :math:`X_i` (the binning
estimator, which needs only the sweep's i.i.d. samples); its bias under the
null is about :math:`(B - 1) / N` and is subtracted.  :func:`provenance_split`
says how much of the explained variance comes from parameters whose
distributions are the essay's and how much from ours.  Numeric only (numpy):
the sweep command line imports it without sympy.  The one-at-a-time tornado
table is :mod:`solvers.sweeps.local_sensitivity`.

References
----------
.. [1] A. Saltelli et al., *Global Sensitivity Analysis: The Primer*, Wiley
   (2008), section 4.2 (first-order indices).
.. [2] I. M. Sobol', "Global sensitivity indices for nonlinear mathematical
   models and their Monte Carlo estimates", Mathematics and Computers in
   Simulation 55 (2001) 271-280.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from games.errors import UnknownNameError, suggest
from solvers.errors import SweepError
from solvers.sweeps.result import SweepResult

__all__ = ["first_order_indices", "first_order_table", "provenance_split", "EDGE_POINTS"]

#: The bin edges of :func:`first_order_indices` are quantiles of the first this many points.
EDGE_POINTS = 50_000


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
    >>> from solvers import sweep
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



def provenance_split(result: SweepResult, indices: Mapping[str, float]) -> dict[str, Any]:
    """Which of a Monte Carlo sweep's first-order indices belong to parameters whose distributions are ours.

    A parameter's distribution is the essay's when the sweep drew it from the
    registry with an ``"essay: ..."`` provenance (:attr:`SweepResult.distributions`
    reads ``"...; registry, essay: ..."``); every other one -- ours, the rule's,
    or chosen in the call -- counts as ours.

    Parameters
    ----------
    result : SweepResult
    indices : mapping of str to float
        :func:`first_order_indices` of ``result``.

    Returns
    -------
    dict
        ``essay`` and ``ours``: the parameter names of each; ``essay_share`` and
        ``ours_share``: the sums of their indices; ``top``: the parameter with
        the largest index and ``top_is_ours``.

    Examples
    --------
    >>> from solvers import sweep
    >>> res = sweep("career_choice", samples=20_000, seed=1, uncertain=["vsl", "p_pivotal"])
    >>> split = provenance_split(res, first_order_indices(res))
    >>> split["essay"], split["ours"], split["top"], split["top_is_ours"]
    (['vsl'], ['p_pivotal'], 'p_pivotal', True)
    """
    essay = [n for n in result.names if "; registry, essay" in result.distributions.get(n, "")]
    ours = [n for n in result.names if n not in essay]
    top = max(indices, key=lambda n: indices[n]) if indices else ""
    return {"essay": essay, "ours": ours, "essay_share": float(sum(indices.get(n, 0.0) for n in essay)),
            "ours_share": float(sum(indices.get(n, 0.0) for n in ours)), "top": top, "top_is_ours": top in ours}
