r"""The data of a sweep: :class:`SweepModel` (compiled conditions) and :class:`SweepTemplate` (what the numeric stage needs).

Plain data (numbers, strings and :class:`~solvers.sweeps.program.NumericProgram`
objects): a template is written to and read from the cache as JSON, and the
numeric stage runs it without sympy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from solvers.errors import ProgramError, SweepError
from solvers.sweeps.program import NumericProgram

__all__ = [
    "SweepTemplate",
    "SweepModel",
    "DEFAULT_CHUNK",
    "DEFAULT_KEEP",
    "BLOCK",
    "MAX_GRID_POINTS",
    "MAX_RECORDS",
    "MAX_SAMPLES",
    "DISTRIBUTIONS",
]


#: Points per chunk: the unit of work of a thread or a dask task, and of the random streams.
DEFAULT_CHUNK = 1 << 20


#: Points evaluated at once inside a chunk (arrays of 512 KiB: they stay in cache).
BLOCK = 1 << 16


#: Per-point arrays are kept for the first this many points (an i.i.d. subsample of a Monte Carlo sweep).
DEFAULT_KEEP = 1_000_000


#: A grid may have at most this many points.
MAX_GRID_POINTS = 100_000_000


#: A Monte Carlo sweep may have at most this many samples (1e13: days on a large Dask cluster).
MAX_SAMPLES = 10**13


#: A game may have at most this many equilibrium records (bits of the regime code).
MAX_RECORDS = 62


#: Named distributions for Monte Carlo draws.
DISTRIBUTIONS = ("uniform", "loguniform", "triangular")


_KIND_BOUNDS: dict[str, tuple[float, float]] = {
    "probability": (0.0, 1.0),
    "money": (0.0, math.inf),
    "ratio": (0.0, math.inf),
    "count": (0.0, math.inf),
    "years": (0.0, math.inf),
}


def _whole_field(x: Any) -> int:
    """A non-negative integer field of a serialised template (booleans and floats refused)."""
    if isinstance(x, bool) or not isinstance(x, int) or x < 0:
        raise ValueError(f"not a whole number: {x!r}")
    return x


@dataclass(frozen=True)
class SweepModel:
    """The compiled closed forms of one game: record labels, programs, layout.

    Attributes
    ----------
    labels : tuple of str
        One per equilibrium record (bit ``i`` of a regime code).
    layout : tuple
        Per record: ``("plain", k)`` -- output ``k`` of the programs is its
        condition -- or ``("continuum", k, linear, strict)`` -- output ``k``
        is its parameter part and the program ``linear`` gives ``(a, b)``
        per atom ``a + b s (>|>=) 0`` of its free variable ``s``.
    regimes : NumericProgram
        The records' conditions.
    everything : NumericProgram
        The conditions, then the quantities (``gap`` first).
    n_quantities : int
    complete : bool
        False when the closed forms did not cover every equilibrium.
    note : str
        Why they did not (the warning :func:`run_template` repeats).
    """

    labels: tuple[str, ...]
    layout: tuple[tuple[Any, ...], ...]
    regimes: NumericProgram
    everything: NumericProgram
    n_quantities: int
    complete: bool
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        layout = [["plain", lay[1]] if lay[0] == "plain" else ["continuum", lay[1], lay[2].to_dict(), list(lay[3])]
                  for lay in self.layout]
        return {"labels": list(self.labels), "layout": layout, "regimes": self.regimes.to_dict(),
                "everything": self.everything.to_dict(), "n_quantities": self.n_quantities,
                "complete": self.complete, "note": self.note}

    @classmethod
    def from_dict(cls, data: Any) -> SweepModel:
        """Read :meth:`to_dict`'s form back, checking it (:class:`~solvers.errors.ProgramError` if malformed)."""
        try:
            labels = tuple(str(x) for x in data["labels"])
            regimes = NumericProgram.from_dict(data["regimes"])
            everything = NumericProgram.from_dict(data["everything"])
            layout: list[tuple[Any, ...]] = []
            for lay in data["layout"]:
                if lay[0] == "plain" and len(lay) == 2:
                    layout.append(("plain", _whole_field(lay[1])))
                elif lay[0] == "continuum" and len(lay) == 4:
                    layout.append(("continuum", _whole_field(lay[1]), NumericProgram.from_dict(lay[2]),
                                   tuple(bool(s) for s in lay[3])))
                else:
                    raise ProgramError(f"SweepModel.from_dict: bad layout entry {lay!r}")
            n_q = _whole_field(data["n_quantities"])
            complete = bool(data["complete"])
            note = str(data["note"])
        except (KeyError, TypeError, ValueError, IndexError, OverflowError):
            raise ProgramError("SweepModel.from_dict: missing or malformed fields") from None
        n_rec = len(labels)
        n_in = everything.n_inputs
        if (len(layout) != n_rec or len(regimes.outputs) != n_rec or len(everything.outputs) != n_rec + n_q
                or regimes.n_inputs != n_in or any(not 0 <= lay[1] < n_rec for lay in layout)
                or any(lay[2].n_inputs != n_in or len(lay[2].outputs) != 2 * len(lay[3])
                       for lay in layout if lay[0] == "continuum")):
            raise ProgramError("SweepModel.from_dict: labels, layout and programs do not match")
        return cls(labels, tuple(layout), regimes, everything, n_q, complete, note)


@dataclass(frozen=True)
class SweepTemplate:
    """Everything the numeric stage of a sweep needs from a game and a parameter set; no sympy.

    Built by :func:`solvers.sweeps.template.build_template` (the symbolic
    stage); :func:`run_template` evaluates it over a grid or Monte Carlo
    samples.  It serialises to JSON (:meth:`to_dict`), so the command line
    caches it on disk (:mod:`solvers.sweeps.cache`).

    Attributes
    ----------
    game : str
        The game's name.
    names : tuple of str
        The game's parameters in name order: the inputs of the programs.
    kinds, values, lows, highs : dict of str
        Per parameter: its kind, its value (the value of a parameter that is
        not varied or sampled) and its range (``None`` when it has none).
    all_names : tuple of str
        Every parameter of the set (to tell "unknown" from "not in this game").
    scenario : str
        The parameter set's name.
    model : SweepModel
    quantity_names : tuple of str
        ``"gap"`` first, then any requested quantity.
    game_object, exact_values, label_points
        For ``method="solve"`` only (not serialised): the game, the exact
        parameter values, and the function that solves the game at each point
        (:func:`solvers.sweeps.template.solve_labels`, set by the symbolic
        stage, so that the numeric stage never imports it).
    """

    game: str
    names: tuple[str, ...]
    kinds: dict[str, str]
    values: dict[str, float]
    lows: dict[str, float | None]
    highs: dict[str, float | None]
    all_names: tuple[str, ...]
    scenario: str
    model: SweepModel
    quantity_names: tuple[str, ...]
    game_object: Any = field(default=None, compare=False, repr=False)
    exact_values: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    label_points: Any = field(default=None, compare=False, repr=False)

    @property
    def method(self) -> str:
        """``"solve"`` for a template that carries its game for a numeric solver, else ``"conditions"``."""
        return "solve" if self.game_object is not None else "conditions"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (a template for ``method="solve"`` cannot be serialised)."""
        if self.game_object is not None:
            raise SweepError("SweepTemplate.to_dict: a template for method='solve' holds a game; not serialisable")
        return {"game": self.game, "names": list(self.names), "kinds": self.kinds, "values": self.values,
                "lows": self.lows, "highs": self.highs, "all_names": list(self.all_names),
                "scenario": self.scenario, "model": self.model.to_dict(),
                "quantity_names": list(self.quantity_names)}

    @classmethod
    def from_dict(cls, data: Any) -> SweepTemplate:
        """Read :meth:`to_dict`'s form back, checking it.

        Raises
        ------
        ProgramError
            If anything is missing, of the wrong type or inconsistent.
        """
        try:
            names = tuple(data["names"])
            tpl = cls(
                game=str(data["game"]), names=names,
                kinds={n: str(data["kinds"][n]) for n in names},
                values={n: float(data["values"][n]) for n in names},
                lows={n: None if data["lows"][n] is None else float(data["lows"][n]) for n in names},
                highs={n: None if data["highs"][n] is None else float(data["highs"][n]) for n in names},
                all_names=tuple(str(n) for n in data["all_names"]), scenario=str(data["scenario"]),
                model=SweepModel.from_dict(data["model"]),
                quantity_names=tuple(str(q) for q in data["quantity_names"]),
            )
        except (KeyError, TypeError, ValueError, OverflowError):
            raise ProgramError("SweepTemplate.from_dict: missing or malformed fields") from None
        numbers_ok = all(math.isfinite(v) for v in tpl.values.values()) and all(
            v is None or math.isfinite(v) for v in (*tpl.lows.values(), *tpl.highs.values()))
        if (not all(isinstance(n, str) for n in names) or any(k not in _KIND_BOUNDS for k in tpl.kinds.values())
                or tpl.model.everything.n_inputs != len(names) or not numbers_ok
                or len(tpl.quantity_names) != tpl.model.n_quantities):
            raise ProgramError("SweepTemplate.from_dict: names, kinds and programs do not match")
        tpl._check_runs()
        return tpl

    def _check_runs(self) -> None:
        """Evaluate every program once at the parameters' values: a program numpy cannot run is refused here."""
        args = [np.full(2, self.values[n]) for n in self.names]
        model = self.model
        try:
            with np.errstate(all="ignore"):
                out = model.everything(*args)
                for lay in model.layout:
                    np.broadcast_to(np.asarray(out[lay[1]], dtype=bool), (2,))
                    if lay[0] == "continuum":
                        for v in lay[2](*args):
                            np.broadcast_to(np.asarray(v, dtype=float), (2,))
                for v in out[len(model.layout):]:
                    np.broadcast_to(np.asarray(v, dtype=float), (2,))
                model.regimes(*args)
        except Exception as exc:  # noqa: BLE001 - whatever numpy raises, the template is unusable
            raise ProgramError(f"SweepTemplate.from_dict: the programs do not run ({type(exc).__name__})") from None


def _unique_labels(labels: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    for lab in labels:
        seen[lab] = seen.get(lab, 0) + 1
    count: dict[str, int] = {}
    out = []
    for lab in labels:
        if seen[lab] > 1:
            count[lab] = count.get(lab, 0) + 1
            out.append(f"{lab} #{count[lab]}")
        else:
            out.append(lab)
    return tuple(out)

