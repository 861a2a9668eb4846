r"""The result of a sweep: regime shares, kept points and per-point quantities."""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from games._io import atomic_write_bytes, atomic_write_text, check_output
from games.errors import (
    OutputError,
    UnknownNameError,
    suggest,
)

__all__ = ["SweepResult"]


@dataclass(frozen=True)
class SweepResult:
    """What a sweep found: regime counts over every point, per-point arrays for the first ``keep``.

    Attributes
    ----------
    game : str
        The game's name.
    kind : {"grid", "monte_carlo"}
    names : tuple of str
        The varied (grid) or sampled (Monte Carlo) parameters, in column order.
    values : dict of str to ndarray
        Per kept point, the value of each parameter in :attr:`names`.
    codes : ndarray of unsigned int
        Per kept point, the regime code: bit ``i`` set when ``records[i]`` holds.
    records : tuple of str
        The equilibrium labels, one per bit.
    quantities : dict of str to ndarray
        Per kept point: ``"gap"`` (player 1's payoff from her first strategy
        minus her second when every other player plays the first) and any
        requested quantity.
    counts : dict of int to int
        Over **every** point: how many points had each regime code.
    n_points : int
        Points evaluated (grid size or number of samples).
    grid_shape : tuple of int or None
        For a grid: points per varied parameter (C order).
    axes : dict of str to ndarray
        For a grid: the values of each varied parameter.
    fixed : dict of str to float
        The values of the game's other parameters.
    method, backend : str
    seed : int or None
        The entropy of the seed sequence (reproduces a Monte Carlo sweep).
    distributions : dict of str to str
        For Monte Carlo: each sampled parameter's distribution and range.
    complete : bool
        False when the closed forms did not cover every equilibrium (see the warning).
    """

    game: str
    kind: str
    names: tuple[str, ...]
    values: dict[str, np.ndarray]
    codes: np.ndarray
    records: tuple[str, ...]
    quantities: dict[str, np.ndarray]
    counts: dict[int, int]
    n_points: int
    grid_shape: tuple[int, ...] | None = None
    axes: dict[str, np.ndarray] = field(default_factory=dict)
    fixed: dict[str, float] = field(default_factory=dict)
    method: str = "conditions"
    backend: str = "numpy"
    seed: Any = None
    distributions: dict[str, str] = field(default_factory=dict)
    complete: bool = True

    # -- regimes ---------------------------------------------------------------
    def regime_label(self, code: int) -> str:
        """The regime of a code in words: the equilibria that hold, joined by ``" + "``."""
        code = int(code)
        labs = [lab for i, lab in enumerate(self.records) if code >> i & 1]
        return " + ".join(labs) if labs else "no equilibrium found"

    def regime_set(self, code: int) -> frozenset[str]:
        """The set of equilibrium labels of a code."""
        code = int(code)
        return frozenset(lab for i, lab in enumerate(self.records) if code >> i & 1)

    def regimes(self) -> list[str]:
        """The regime label of every kept point."""
        cache: dict[int, str] = {}
        return [cache.setdefault(int(c), self.regime_label(int(c))) for c in self.codes]

    def holds(self, record: str) -> np.ndarray:
        """Per kept point: whether the equilibrium ``record`` exists.

        Raises
        ------
        UnknownNameError
            If ``record`` is not one of :attr:`records`.
        """
        if record not in self.records:
            raise UnknownNameError(suggest(record, self.records, what="equilibrium"))
        bit = self.records.index(record)
        return ((self.codes.astype(np.uint64) >> np.uint64(bit)) & np.uint64(1)).astype(bool)

    def shares(self) -> dict[str, float]:
        """Share of **all** points in each regime, largest first."""
        total = max(self.n_points, 1)
        rows = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return {self.regime_label(c): m / total for c, m in rows}

    def record_shares(self) -> dict[str, float]:
        """Share of **all** points where each equilibrium exists (in record order)."""
        total = max(self.n_points, 1)
        out = {}
        for i, lab in enumerate(self.records):
            out[lab] = sum(m for c, m in self.counts.items() if c >> i & 1) / total
        return out

    @property
    def n_kept(self) -> int:
        """How many points have per-point arrays."""
        return int(self.codes.shape[0])

    # -- output ----------------------------------------------------------------
    def summary(self) -> dict[str, Any]:
        """A JSON-ready summary: shares per regime and per equilibrium, and the setup."""
        out: dict[str, Any] = {
            "game": self.game, "kind": self.kind, "method": self.method, "backend": self.backend,
            "points": self.n_points, "parameters": list(self.names), "seed": self.seed,
            "regime_shares": self.shares(), "equilibrium_shares": self.record_shares(),
            "fixed": dict(self.fixed), "complete": self.complete,
        }
        if self.kind == "grid":
            out["grid"] = {k: [float(v.min()), float(v.max()), int(v.size)] for k, v in self.axes.items()}
        else:
            out["distributions"] = dict(self.distributions)
        if "gap" in self.quantities and self.n_kept:
            g = self.quantities["gap"]
            out["gap"] = {"mean": float(np.mean(g)), "min": float(np.min(g)), "max": float(np.max(g)),
                          "share_positive": float(np.mean(g > 0)), "points": int(g.size)}
        return out

    def to_dataframe(self) -> Any:
        """The kept points as a :class:`pandas.DataFrame`: parameters, regime, quantities.

        Raises
        ------
        ImportError
            If pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - pandas is installed in the test environment
            raise ImportError("SweepResult.to_dataframe needs pandas (pip install pandas)") from exc
        data: dict[str, Any] = {name: self.values[name] for name in self.names}
        labels = {int(c): self.regime_label(int(c)) for c in np.unique(self.codes)}
        data["regime"] = pd.Categorical([labels[int(c)] for c in self.codes])
        data["regime_code"] = self.codes
        for name, arr in self.quantities.items():
            data[name] = arr
        return pd.DataFrame(data)

    def _metadata(self) -> dict[str, Any]:
        meta = {
            "game": self.game, "kind": self.kind, "names": list(self.names), "records": list(self.records),
            "counts": {str(k): v for k, v in self.counts.items()}, "n_points": self.n_points,
            "grid_shape": list(self.grid_shape) if self.grid_shape else None, "fixed": self.fixed,
            "method": self.method, "backend": self.backend, "seed": self.seed,
            "distributions": self.distributions, "complete": self.complete,
            "quantities": list(self.quantities), "axes": list(self.axes),
        }
        return meta

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the kept points atomically as ``.npz`` (everything), ``.csv`` or ``.parquet``.

        The ``.npz`` file also holds the counts over every point and the
        setup, and reads back with :meth:`load`.  A temporary file is written
        beside the target and renamed, so an interrupted save never leaves a
        partial file.

        Raises
        ------
        OutputError
            For another suffix, a missing folder, or ``.parquet`` without pyarrow.
        """
        target = check_output(path, suffixes=(".npz", ".csv", ".parquet"))  # before the file is built
        suffix = target.suffix.lower()
        if suffix == ".npz":
            arrays: dict[str, Any] = {f"value:{k}": v for k, v in self.values.items()}
            arrays.update({f"quantity:{k}": v for k, v in self.quantities.items()})
            arrays.update({f"axis:{k}": v for k, v in self.axes.items()})
            arrays["codes"] = self.codes
            arrays["metadata"] = np.array(json.dumps(self._metadata()))
            buf = io.BytesIO()
            np.savez_compressed(buf, **arrays)
            return atomic_write_bytes(target, buf.getvalue())
        if suffix == ".csv":
            return atomic_write_text(target, self._csv_text())
        if suffix == ".parquet":
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError:
                raise OutputError(f"cannot write {str(target)!r}: Parquet needs pyarrow (pip install pyarrow)") from None
            cols: dict[str, Any] = {name: self.values[name] for name in self.names}
            cols["regime"] = self.regimes()
            cols["regime_code"] = self.codes.astype(np.uint64)
            cols.update(self.quantities)
            table = pa.table(cols)
            table = table.replace_schema_metadata({"aligngames": json.dumps(self._metadata())})
            sink = pa.BufferOutputStream()
            pq.write_table(table, sink)
            return atomic_write_bytes(target, sink.getvalue().to_pybytes())
        raise OutputError(f"cannot write {str(target)!r}: unknown suffix {suffix or '(none)'!r} "
                          "(allowed: .npz, .csv, .parquet)")

    def _csv_text(self) -> str:
        import csv

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        qn = list(self.quantities)
        w.writerow([*self.names, "regime", "regime_code", *qn])
        labels = self.regimes()
        cols = [self.values[n] for n in self.names]
        qs = [self.quantities[n] for n in qn]
        for i in range(self.n_kept):
            w.writerow([*(repr(float(c[i])) for c in cols), labels[i], int(self.codes[i]),
                        *(repr(float(q[i])) for q in qs)])
        return buf.getvalue()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SweepResult:
        """Read a result written by :meth:`save` as ``.npz`` (no pickles are loaded)."""
        with np.load(Path(path), allow_pickle=False) as data:
            meta = json.loads(str(data["metadata"]))
            values = {k: data[f"value:{k}"] for k in meta["names"]}
            quantities = {k: data[f"quantity:{k}"] for k in meta["quantities"]}
            axes = {k: data[f"axis:{k}"] for k in meta["axes"]}
            codes = data["codes"]
        return cls(game=meta["game"], kind=meta["kind"], names=tuple(meta["names"]), values=values, codes=codes,
                   records=tuple(meta["records"]), quantities=quantities,
                   counts={int(k): int(v) for k, v in meta["counts"].items()}, n_points=int(meta["n_points"]),
                   grid_shape=tuple(meta["grid_shape"]) if meta["grid_shape"] else None, axes=axes,
                   fixed=meta["fixed"], method=meta["method"], backend=meta["backend"], seed=meta["seed"],
                   distributions=meta["distributions"], complete=meta["complete"])

