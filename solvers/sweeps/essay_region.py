r"""What would have to be true for Alignment to pay: closed-form conditions, and their share of the essay's ranges.

Instead of the share of Monte Carlo draws from ranges that are ours, this
module states, for a game, the region of parameters in which Alignment pays:

* as a **closed form**: the condition under which the aligned profile
  (every player who has an ``Alignment``, ``Safety`` or ``Genuine`` strategy
  plays it) is an equilibrium, from
  :func:`solvers.conditions.derive.equilibrium_conditions`, in all the
  parameters, and with every parameter whose range the essay does *not* state
  fixed at its value (a condition in the essay's uncertain parameters only);
* as a **share of the essay's own stated ranges**: the fraction of the box of
  those ranges in which the condition holds.  The essay states a range for the
  VSL ($5m to $8m), the altruism multiplier ("two or three"), the researcher's
  VSL multiplier (1 to "5x") and, through its two scenarios, the salaries
  ($35k to $90k for Alignment, $123k to $250k for Capabilities): exactly the
  parameters whose registry distribution has an ``"essay: ..."`` provenance
  (:data:`games.essay.ESSAY_PARAMETERS`).  The share is a *measure of that box*
  (uniform on it), not a probability: the essay gives no weights.

Decisions: the module lives in :mod:`solvers.sweeps` (not
:mod:`solvers.conditions`) because it evaluates the closed forms over a grid
with the sweep's compiled programs (:func:`~solvers.sweeps.template.build_template`);
the grid is a midpoint rule with ``steps`` points per essay parameter (error
at most about one cell's share of the boundary, :math:`O(1/\mathrm{steps})`);
"Alignment pays" means the aligned pure profile is an equilibrium (for the
washing game, ``Genuine`` against either funder strategy).

References
----------
.. [1] "Who Aligns the Alignment Researchers?" (``shared/essay/``): the stated
   ranges ("somewhere from $5 to $8m", "by two or three", "if you think 5x
   higher", the $35k/$90k and $123k/$250k salaries).
.. [2] A. Saltelli et al., *Global Sensitivity Analysis: The Primer*, Wiley
   (2008), section 1.2 (what a share of an input box means without weights).

Examples
--------
>>> import games
>>> r = alignment_region("career_choice", steps=11)
>>> sorted(r.ranges)
['researcher_vsl_multiplier', 'salary_alignment', 'salary_capabilities', 'vsl']
>>> r.holds_at_values, r.share
(False, 0.0)
>>> d = alignment_region("career_choice", games.essay.parameters(case="dunbar_5x"), steps=11)
>>> d.holds_at_values, round(d.share, 2)
(True, 0.64)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.essay import parameters
from games.parameters import ParameterSet
from games.symmetric import SymmetricGame
from solvers.conditions.derive import equilibrium_conditions
from solvers.errors import SweepError
from solvers.sweeps.template import build_template, game_from

__all__ = ["alignment_region", "AlignmentRegion", "ALIGNED_STRATEGIES", "essay_ranges"]

#: The strategies that count as doing Alignment.
ALIGNED_STRATEGIES: tuple[str, ...] = ("Alignment", "Safety", "Genuine")

#: Points per essay parameter of the grid behind :attr:`AlignmentRegion.share`, and the largest grid.
DEFAULT_STEPS = 25
MAX_POINTS = 2_000_000


@dataclass(frozen=True)
class AlignmentRegion:
    """Where Alignment pays in one game: the closed form and its share of the essay's ranges.

    Attributes
    ----------
    game : str
    labels : tuple of str
        The aligned equilibrium records (their conditions are joined by "or").
    condition : sympy Boolean
        In all the game's parameters.
    condition_at : sympy Boolean
        With the parameters that have no essay-stated range fixed at their values.
    ranges : dict of str to (float, float)
        The essay-stated ranges of the game's parameters: the box of :attr:`share`.
    share : float
        Fraction of that box (midpoint grid) in which the condition holds.
    holds_at_values : bool
        Whether it holds at the parameter set's own values.
    ours : tuple of str
        Parameters of the condition whose values or ranges are ours.
    steps : int
    """

    game: str
    labels: tuple[str, ...]
    condition: Any
    condition_at: Any
    ranges: dict[str, tuple[float, float]]
    share: float
    holds_at_values: bool
    ours: tuple[str, ...]
    steps: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: conditions as text."""
        return {"game": self.game, "labels": list(self.labels), "condition": str(self.condition),
                "condition_at_values": str(self.condition_at), "ranges": {k: list(v) for k, v in self.ranges.items()},
                "share_of_essay_ranges": self.share, "holds_at_values": self.holds_at_values,
                "ours": list(self.ours), "steps": self.steps}


def essay_ranges(params: ParameterSet | None = None) -> dict[str, tuple[float, float]]:
    """The ranges the essay itself states: every parameter whose distribution's provenance is the essay's.

    Examples
    --------
    >>> essay_ranges()["vsl"]
    (5000000.0, 8000000.0)
    """
    ps = parameters() if params is None else params
    return {p.name: (float(p.distribution.low), float(p.distribution.high)) for p in ps.values()
            if p.distribution is not None and not p.distribution.ours}


def _aligned(rec: Any) -> bool:
    """A pure record in which every player who has an aligned strategy plays one (and someone has one)."""
    if rec.kind != "pure":
        return False
    any_aligned = False
    for strategies, support in zip(rec.strategies, rec.supports):
        if any(s in ALIGNED_STRATEGIES for s in strategies):
            if strategies[support[0]] not in ALIGNED_STRATEGIES:
                return False
            any_aligned = True
    return any_aligned


def alignment_region(game: Game | SymmetricGame | str, params: ParameterSet | None = None, *,
                     steps: int = DEFAULT_STEPS) -> AlignmentRegion:
    r"""The region in which Alignment pays in ``game``: closed form, and share of the essay's stated ranges.

    Parameters
    ----------
    game : Game, SymmetricGame or str
        A symbolic game or a library name.
    params : ParameterSet, optional
        Values of the parameters held fixed (default :func:`games.essay.parameters`);
        its essay-provenance distributions give the box.
    steps : int, default 25
        Grid points per essay parameter (midpoint rule), 2 to 1001.

    Returns
    -------
    AlignmentRegion

    Raises
    ------
    SweepError
        For a game with no aligned strategy, bad ``steps`` or too large a grid.
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or not 2 <= steps <= 1001:
        raise SweepError(f"alignment_region: steps {steps!r} not allowed (allowed: an integer from 2 to 1001)")
    g, name = game_from(game)
    ps = parameters() if params is None else params
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        records = equilibrium_conditions(g)
        template = build_template(g, ps, game_name=name)
    idx = [i for i, r in enumerate(records) if _aligned(r)]
    if not idx:
        raise SweepError(f"alignment_region: {name} has no pure profile of {', '.join(ALIGNED_STRATEGIES)} "
                         "(allowed: a game with an aligned strategy)")
    condition = sympy.Or(*(records[i].condition for i in idx))
    ranges = {n: r for n, r in essay_ranges(ps).items() if n in template.names}
    fixed = {s: ps[s.name].value for s in condition.free_symbols if s.name not in ranges and s.name in ps}
    condition_at = sympy.simplify_logic(condition.xreplace(fixed)) if fixed else condition
    axes = [(np.arange(steps) + 0.5) / steps * (hi - lo) + lo for lo, hi in ranges.values()]
    if steps ** len(axes) > MAX_POINTS:
        raise SweepError(f"alignment_region: {steps}^{len(axes)} grid points (allowed: at most {MAX_POINTS})")
    mesh = dict(zip(ranges, (m.ravel() for m in np.meshgrid(*axes, indexing="ij")))) if axes else {}
    size = steps ** len(axes)
    args = [mesh.get(n, np.full(size, template.values[n])) for n in template.names]
    with np.errstate(all="ignore"):
        out = template.model.regimes(*args)
    holds = np.zeros(size, dtype=bool)
    labels = tuple(records[i].label for i in idx)
    for lab in labels:
        pos = template.model.labels.index(lab)
        holds |= np.broadcast_to(np.asarray(out[template.model.layout[pos][1]], dtype=bool), (size,))
    at = condition.xreplace({s: ps[s.name].value for s in condition.free_symbols if s.name in ps})

    def is_ours(name: str) -> bool:
        d = ps[name].distribution
        return bool(ps[name].ours or d is None or d.ours)

    ours = tuple(sorted(s.name for s in condition.free_symbols
                        if s.name in ps and s.name not in ranges and is_ours(s.name)))
    return AlignmentRegion(name, labels, condition, condition_at, ranges, float(holds.mean()),
                           bool(at == sympy.true), ours, steps)
