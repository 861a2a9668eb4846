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
from solvers.sweeps.program import MAX_INPUTS, NumericProgram

__all__ = [
    "SweepTemplate",
    "SweepModel",
    "DEFAULT_CHUNK",
    "DEFAULT_KEEP",
    "BLOCK",
    "MAX_GRID_POINTS",
    "MAX_RECORDS",
    "MAX_QUANTITIES",
    "MAX_TEMPLATE_OPS",
    "MAX_PARAMETERS",
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
#: The library's maximum is 30 (alignment_washing); a template read back with more is refused.
MAX_RECORDS = 62


# Limits of a template read back by :meth:`SweepTemplate.from_dict` (the sweep cache: data from disk),
# checked before any program is built or evaluated (the programs' own: :mod:`solvers.sweeps.program`).
# The maxima quoted are those of ``build_template(name)`` for every game of ``games.library()``.  A limit
# that is too tight costs only speed (the cache misses and the template is rebuilt), never an answer.

#: Quantities of a template (``gap`` first).  Each one is an array per block of points while a sweep runs
#: and is kept for ``keep`` points (8 MB each at the default keep).  Library templates have 1 (the command
#: line never asks for more); 32 leaves room for quantities asked through the API (256 MB kept at most).
MAX_QUANTITIES = 32

#: Operations over all the programs of a template (regimes, everything, the continuum layouts): the cost
#: of a sweep is proportional to it.  Library maximum 558 (alignment_washing); 16 times that, rounded up to
#: a power of two (each program also stays within :data:`solvers.sweeps.program.MAX_OPS`).
MAX_TEMPLATE_OPS = 16_384

#: Names of the parameter set a template knows (``all_names``: strings, only looked up).  Library 51;
#: 20 times that, rounded up to a power of two.
MAX_PARAMETERS = 1024


#: Named distributions for Monte Carlo draws.
DISTRIBUTIONS = ("uniform", "loguniform", "triangular")


_KIND_BOUNDS: dict[str, tuple[float, float]] = {
    "probability": (0.0, 1.0),
    "money": (0.0, math.inf),
    "ratio": (0.0, math.inf),
    "count": (0.0, math.inf),
    "years": (0.0, math.inf),
}


def _is_count(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


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
        """Read :meth:`to_dict`'s form back, checking it (:class:`~solvers.errors.ProgramError` if malformed).

        The sizes come first, before any program is built: at most
        :data:`MAX_RECORDS` labels (distinct strings), one layout entry each,
        at most :data:`MAX_QUANTITIES` quantities and :data:`MAX_TEMPLATE_OPS`
        operations in all.
        """
        if not isinstance(data, dict):
            raise ProgramError("SweepModel.from_dict: not a mapping")
        raw_labels, raw_layout = data.get("labels"), data.get("layout")
        if not isinstance(raw_labels, list) or not all(isinstance(x, str) for x in raw_labels):
            raise ProgramError("SweepModel.from_dict: labels must be a list of strings")
        if len(raw_labels) > MAX_RECORDS:
            raise ProgramError(f"SweepModel.from_dict: {len(raw_labels)} records (allowed: at most {MAX_RECORDS}, "
                               "the bits of a regime code)")
        if len(set(raw_labels)) != len(raw_labels):
            raise ProgramError("SweepModel.from_dict: the labels are not distinct")
        if not isinstance(raw_layout, list) or len(raw_layout) != len(raw_labels) or not all(
                isinstance(lay, list) and len(lay) in (2, 4) for lay in raw_layout):
            raise ProgramError("SweepModel.from_dict: the layout must have one entry per label")
        n_q_raw: Any = data.get("n_quantities")
        if not (_is_count(n_q_raw) and 1 <= n_q_raw <= MAX_QUANTITIES):
            raise ProgramError(f"SweepModel.from_dict: n_quantities {str(n_q_raw)[:40]} "
                               f"(allowed: 1 to {MAX_QUANTITIES})")
        raw_programs = [data.get("regimes"), data.get("everything"), *(lay[2] for lay in raw_layout if len(lay) == 4)]
        n_ops = sum(len(p["ops"]) if isinstance(p, dict) and isinstance(p.get("ops"), list) else 0
                    for p in raw_programs)
        if n_ops > MAX_TEMPLATE_OPS:
            raise ProgramError(f"SweepModel.from_dict: {n_ops} operations in all (allowed: at most "
                               f"{MAX_TEMPLATE_OPS})")
        try:
            labels = tuple(raw_labels)
            regimes = NumericProgram.from_dict(data["regimes"])
            everything = NumericProgram.from_dict(data["everything"])
            layout: list[tuple[Any, ...]] = []
            for lay in raw_layout:
                if lay[0] == "plain" and len(lay) == 2:
                    layout.append(("plain", _whole_field(lay[1])))
                elif (lay[0] == "continuum" and len(lay) == 4 and isinstance(lay[3], list)
                      and all(isinstance(s, bool) for s in lay[3])):
                    layout.append(("continuum", _whole_field(lay[1]), NumericProgram.from_dict(lay[2]),
                                   tuple(lay[3])))
                else:
                    raise ProgramError(f"SweepModel.from_dict: bad layout entry {str(lay)[:80]}")
            n_q = _whole_field(data["n_quantities"])
            complete = data["complete"]
            note = data["note"]
            if not isinstance(complete, bool) or not isinstance(note, str):
                raise ValueError("complete must be a boolean, note a string")
        except (KeyError, TypeError, ValueError, IndexError, OverflowError) as exc:
            if isinstance(exc, ProgramError):
                raise
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
    distributions : dict of str to dict
        Per parameter with one, the registry's distribution
        (:class:`games.parameters.Distribution`) as plain data: ``family``,
        ``low``, ``high``, ``mode`` (triangular only) and ``provenance``.
        Monte Carlo draws from it unless the call names a distribution or a range.
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
    distributions: dict[str, dict[str, Any]] = field(default_factory=dict)
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
                "quantity_names": list(self.quantity_names), "distributions": self.distributions}

    @classmethod
    def from_dict(cls, data: Any) -> SweepTemplate:
        """Read :meth:`to_dict`'s form back, checking it.

        Raises
        ------
        ProgramError
            If anything is missing, of the wrong type, inconsistent or over a limit (at most
            :data:`~solvers.sweeps.program.MAX_INPUTS` parameters, :data:`MAX_PARAMETERS` names in the
            set, :data:`MAX_QUANTITIES` quantities; and :meth:`SweepModel.from_dict`'s limits).
        """
        if not isinstance(data, dict):
            raise ProgramError("SweepTemplate.from_dict: not a mapping")
        for what, limit in (("names", MAX_INPUTS), ("all_names", MAX_PARAMETERS), ("quantity_names", MAX_QUANTITIES)):
            seq = data.get(what)
            if not isinstance(seq, list) or not all(isinstance(n, str) for n in seq) or len(set(seq)) != len(seq):
                raise ProgramError(f"SweepTemplate.from_dict: {what} must be a list of distinct strings")
            if len(seq) > limit:
                raise ProgramError(f"SweepTemplate.from_dict: {len(seq)} {what} (allowed: at most {limit})")
        for what in ("kinds", "values", "lows", "highs"):
            if not isinstance(data.get(what), dict):
                raise ProgramError(f"SweepTemplate.from_dict: {what} must be a mapping")
        numbers = [data["values"].get(n) for n in data["names"]] + [
            v for k in ("lows", "highs") for v in (data[k].get(n) for n in data["names"]) if v is not None]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
            raise ProgramError("SweepTemplate.from_dict: values and ranges must be numbers")
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
                distributions=_read_distributions(data.get("distributions", {}), names),
            )
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            if isinstance(exc, ProgramError):
                raise
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


def _read_distributions(data: Any, names: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """The ``distributions`` field of a serialised template, checked (plain numbers and strings only)."""
    if not isinstance(data, dict) or not set(data) <= set(names):
        raise ProgramError("SweepTemplate.from_dict: distributions must map parameter names to distributions")
    out: dict[str, dict[str, Any]] = {}
    for name, d in data.items():
        ok = (isinstance(d, dict) and d.get("family") in DISTRIBUTIONS and isinstance(d.get("provenance", ""), str)
              and all(isinstance(d.get(k), (int, float)) and not isinstance(d.get(k), bool)
                      and math.isfinite(d[k]) for k in ("low", "high")))
        mode = d.get("mode") if isinstance(d, dict) else None
        if not ok or (mode is not None and (isinstance(mode, bool) or not isinstance(mode, (int, float)))):
            raise ProgramError(f"SweepTemplate.from_dict: malformed distribution of {name!r}")
        out[name] = {"family": d["family"], "low": float(d["low"]), "high": float(d["high"]),
                     "mode": None if mode is None else float(mode), "provenance": str(d.get("provenance", ""))}
    return out


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

