r"""nashpy's algorithms run through our verification, with a report of what nashpy missed or invented.

``nash_equilibria(game, method="nashpy-support" | "nashpy-vertex" |
"nashpy-lemke-howson")`` calls nashpy's ``support_enumeration``,
``vertex_enumeration`` or ``lemke_howson`` (Knight and Campbell 2018) on the
game's float payoffs, then

* **verifies** every profile nashpy returns with the float test of
  :func:`solvers.nash_equilibria` (non-negative probabilities summing to 1, no
  pure deviation gaining more than ``tol`` times the largest payoff): a
  profile that fails is *invented* and is not returned;
* **compares** with our own enumeration of every extreme equilibrium (exact
  when the payoffs are rational): an extreme equilibrium of ours that nashpy
  did not return (within ``1e-6``) is *missed*.  Lemke-Howson returns one
  equilibrium by design, so for it only invented equilibria are reported.

The returned :class:`~solvers.results.equilibria.Equilibria` holds nashpy's
verified equilibria; its ``method`` names the algorithm and the counts, and
``complete`` is False when nashpy missed some.  A ``RuntimeWarning`` names
every missed or invented profile.

References
----------
V. Knight, J. Campbell, "Nashpy: A Python library for the computation of
Nash equilibria", Journal of Open Source Software 3(30) (2018) 904.

Examples
--------
>>> from games import Game
>>> from solvers import nash_equilibria
>>> stag = Game.from_bimatrix([[4, 0], [3, 3]])
>>> res = nashpy_equilibria(stag, "nashpy-support", reference=nash_equilibria(stag))
>>> len(res), res.complete
(3, True)
>>> res.method
'nashpy support enumeration, verified: 3 returned, 0 invented, 0 missed of 3'
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

from games.core import Game
from games.errors import GameError
from solvers.equilibria.verify import float_arrays
from solvers.results.equilibria import FLOAT_TOL, Equilibria, Equilibrium

if TYPE_CHECKING:
    import numpy as np

__all__ = ["nashpy_equilibria", "NASHPY_METHODS"]

#: The ``method`` values that run nashpy, and nashpy's name for each algorithm.
NASHPY_METHODS = {
    "nashpy-support": "support enumeration",
    "nashpy-vertex": "vertex enumeration",
    "nashpy-lemke-howson": "Lemke-Howson",
}


def _verified(A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray, tol: float) -> tuple[float, float] | None:
    """The payoffs when (x, y) passes the float equilibrium test of nash_equilibria, else None."""
    import numpy as np

    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return None
    if x.min() < -tol or y.min() < -tol or abs(x.sum() - 1) > tol * len(x) or abs(y.sum() - 1) > tol * len(y):
        return None
    row, col = A @ y, x @ B
    u1, u2 = float(x @ row), float(col @ y)
    s1, s2 = max(1.0, float(np.abs(A).max())), max(1.0, float(np.abs(B).max()))
    if row.max() - u1 > tol * s1 or col.max() - u2 > tol * s2:
        return None
    return u1, u2


def nashpy_equilibria(
    game: Game, method: str, *, label: int = 0, reference: list[Any] | None = None, tol: float | None = None
) -> Equilibria:
    """nashpy's equilibria of a two-player game, verified, with what nashpy missed or invented.

    Parameters
    ----------
    game : Game
        A numeric two-player game.
    method : {"nashpy-support", "nashpy-vertex", "nashpy-lemke-howson"}
        The nashpy algorithm.
    label : int, default 0
        The initial dropped label of nashpy's Lemke-Howson.
    reference : list of Equilibrium, optional
        Our extreme equilibria to compare with (``nash_equilibria`` passes its own enumeration's);
        None skips the comparison (then ``complete`` is False).
    tol : float, optional
        Relative tolerance of the verification (default
        :data:`~solvers.results.equilibria.FLOAT_TOL`).

    Returns
    -------
    Equilibria
        nashpy's profiles that pass verification (floats).

    Raises
    ------
    GameError
        For an unknown ``method``.

    Warns
    -----
    RuntimeWarning
        When nashpy returned a profile that is not an equilibrium, or missed one of ours.

    References
    ----------
    V. Knight, J. Campbell, "Nashpy" (2018).

    Examples
    --------
    >>> from games import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]])
    >>> print(nashpy_equilibria(pd, "nashpy-lemke-howson")[0])
    Row: s2; Column: s2  (payoffs 1, 1)
    """
    if method not in NASHPY_METHODS:
        raise GameError(f"nashpy_equilibria: unknown method {method!r}; allowed: {', '.join(NASHPY_METHODS)}")
    nashpy = importlib.import_module("nashpy")
    import numpy as np  # loaded with nashpy; imported here so that importing this module does not load it

    A, B = float_arrays(game)
    t = FLOAT_TOL if tol is None else float(tol)
    g = nashpy.Game(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns on degenerate games; we report below instead
        if method == "nashpy-support":
            raw = list(g.support_enumeration())
        elif method == "nashpy-vertex":
            raw = list(g.vertex_enumeration())
        else:
            raw = [g.lemke_howson(initial_dropped_label=label)]
    kept: list[Equilibrium] = []
    invented: list[tuple[tuple[float, ...], tuple[float, ...]]] = []
    for x, y in raw:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        prof = (tuple(x.tolist()), tuple(y.tolist()))
        pay = _verified(A, B, x, y, t)
        if pay is None:
            invented.append(prof)
        elif not any(np.allclose(prof[0], e.profile[0], atol=1e-9) and np.allclose(prof[1], e.profile[1], atol=1e-9)
                     for e in kept):
            kept.append(Equilibrium(prof, pay, game.players, game.strategies, exact=False))
    missed: list[tuple[tuple[float, ...], tuple[float, ...]]] = []
    if reference is not None and method != "nashpy-lemke-howson":
        for e in reference:
            ref = e.as_floats()
            if not any(np.allclose(ref[0], k.profile[0], atol=1e-6) and np.allclose(ref[1], k.profile[1], atol=1e-6)
                       for k in kept):
                missed.append(ref)
    n_ref = "" if reference is None or method == "nashpy-lemke-howson" else f" of {len(reference)}"
    summary = (
        f"nashpy {NASHPY_METHODS[method]}, verified: {len(kept)} returned, {len(invented)} invented, "
        f"{len(missed)} missed{n_ref}"
    )
    if invented or missed:
        warnings.warn(
            f"nash_equilibria: {summary}; invented (not equilibria): {invented}; missed: {missed}",
            RuntimeWarning,
            stacklevel=3,
        )
    return Equilibria(kept, degenerate=None, exact=False, method=summary, complete=not missed and reference is not None
                      and method != "nashpy-lemke-howson")
