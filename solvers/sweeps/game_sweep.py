r"""A sweep of a game: :func:`sweep` builds the game's template (the symbolic stage) and runs it (the numeric stage).

The command line runs the two stages apart, with the template cached
(:mod:`solvers.sweeps.cache`); this module is the one-call form for Python and
Jupyter, and the only module of the numeric path's callers that imports the
symbolic stage.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:  # sympy and the game classes are needed only to build a template (solvers.sweeps.template)
    import sympy

    from games.core import Game
    from games.parameters import ParameterSet
    from games.symmetric import SymmetricGame
from solvers.sweeps.model import DEFAULT_CHUNK, DEFAULT_KEEP
from solvers.sweeps.result import SweepResult
from solvers.sweeps.run import run_template
from solvers.sweeps.template import build_template, game_from
from solvers.sweeps.validate import _check_options

__all__ = ["sweep"]


def sweep(
    game: Game | SymmetricGame | str,
    *,
    vary: Mapping[str, Any] | None = None,
    samples: int | None = None,
    params: ParameterSet | None = None,
    uncertain: Sequence[str] | None = None,
    ranges: Mapping[str, tuple[Any, Any]] | None = None,
    distributions: Mapping[str, Any] | None = None,
    seed: int | np.random.Generator | None = None,
    method: Literal["conditions", "solve"] = "conditions",
    backend: Literal["numpy", "dask"] = "numpy",
    quantities: Mapping[str, sympy.Expr] | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    keep: int = DEFAULT_KEEP,
    workers: int | None = None,
    scheduler: Any = None,
    progress: bool | None = None,
) -> SweepResult:
    r"""Which equilibria hold over a grid of 1 to 3 parameters or over Monte Carlo samples.

    Parameters
    ----------
    game : Game, SymmetricGame or str
        A symbolic game or the name of a library game (``aligngames list``).
    vary : mapping, optional
        Grid sweep: ``{name: (low, high, steps)}`` or ``{name: [values]}`` for
        1 to 3 parameters (C order: the last one varies fastest).
    samples : int, optional
        Monte Carlo sweep: this many draws of every uncertain parameter.
        Give exactly one of ``vary`` and ``samples``.
    params : ParameterSet, optional
        Values of the parameters that are not varied and the ranges of those
        that are sampled; default :func:`games.essay.parameters`.
    uncertain : sequence of str, optional
        Monte Carlo: the parameters to draw.  Default: every parameter of the
        game with a range (``low < high``) in ``params`` or ``ranges``.
    ranges : mapping, optional
        Monte Carlo: ``{name: (low, high)}`` overriding the registry range.
    distributions : mapping, optional
        Monte Carlo: ``{name: "uniform" | "loguniform" | "triangular" |
        ("triangular", mode) | ppf}``; ``ppf`` maps uniform numbers in (0, 1)
        to values (an inverse CDF).  Default uniform.
    seed : None, int or numpy.random.Generator
        The only source of randomness (see the module docstring).
    method : {"conditions", "solve"}
        Vectorised closed forms, or substitution and a numeric solver per point.
    backend : {"numpy", "dask"}
        Where the chunks run.
    quantities : mapping of str to sympy expression, optional
        Extra quantities to evaluate per point, built from the game's
        parameter symbols (a threshold, a mixed probability of a record's
        profile).  ``"gap"`` is always computed.
    chunk_size : int
        Points per chunk (the random streams depend on it).
    keep : int
        Keep per-point arrays for the first ``keep`` points (0 for counts only).
    workers : int, optional
        Threads of the numpy backend; default the number of CPUs.
    scheduler : str or distributed.Client, optional
        The dask scheduler (``backend="dask"`` only).
    progress : bool, optional
        A tqdm progress bar over chunks (if tqdm is installed); default: when
        stderr is a terminal and there is more than one chunk.

    Returns
    -------
    SweepResult

    Raises
    ------
    UnknownNameError
        A parameter that is not in ``params`` or not in the game (the message
        lists the game's parameters).
    ParameterError
        A range with low > high, or outside the parameter's kind (a
        probability above 1, a negative amount of money), a bad number.
    SweepError
        Both or neither of ``vary`` and ``samples``, more than 3 varied
        parameters, ``steps < 2``, ``samples <= 0``, an unknown method,
        backend or distribution, a bad chunk size, seed or ``keep``.
    SizeLimitError
        A grid of more than :data:`~solvers.sweeps.model.MAX_GRID_POINTS` points.

    See Also
    --------
    solvers.sweeps.local_sensitivity.tornado, solvers.sweeps.sensitivity.first_order_indices
    solvers.sweeps.plots.plot_regime_map

    Examples
    --------
    All-Alignment is an equilibrium of the great-power race iff
    :math:`b + s + h_1 D \ge E`; with the other parameters at their values
    (:math:`b = 10^{12}, s = 0, h_1 D = 5 \cdot 10^{11}`) that is
    :math:`E \le 1.5 \cdot 10^{12}`:

    >>> res = sweep("great_power_race", vary={"capabilities_edge": [1e12, 2e12]})
    >>> res.holds("(Alignment, Alignment)").tolist()
    [True, False]

    A derived quantity: the edge at which all-Alignment stops being an equilibrium.

    >>> import games
    >>> ps = games.essay.parameters()
    >>> b, s, h1, D = (ps.symbol(n) for n in ("alignment_world_benefit", "alignment_synergy",
    ...                                        "race_risk_one", "power_catastrophe_loss"))
    >>> res = sweep("great_power_race", samples=1000, seed=0, quantities={"edge_max": b + s + h1 * D})
    >>> bool(np.all(res.holds("(Alignment, Alignment)")
    ...             == (res.quantities["edge_max"] >= res.values["capabilities_edge"])))
    True
    """
    g, game_name = game_from(game)
    _check_options(method, backend, scheduler, chunk_size, keep, workers, vary, samples)
    template = build_template(g, params, quantities=quantities, method=method, game_name=game_name)
    return run_template(template, vary=vary, samples=samples, uncertain=uncertain, ranges=ranges,
                        distributions=distributions, seed=seed, backend=backend, chunk_size=chunk_size,
                        keep=keep, workers=workers, scheduler=scheduler, progress=progress)

