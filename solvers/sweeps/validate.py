r"""Checks of a sweep's arguments: names, ranges and options, each rejected with a message naming it."""

from __future__ import annotations

import math
import numbers
import re
import sys
from collections.abc import Sequence
from typing import Any

from games.errors import (
    ParameterError,
    UnknownNameError,
    suggest,
)
from solvers.errors import SweepError
from solvers.sweeps.model import _KIND_BOUNDS


def _allowed(kind: str) -> str:
    lo, hi = _KIND_BOUNDS[kind]
    return f"a {kind} from {lo:g} to {hi:g}" if math.isfinite(hi) else f"a {kind} >= {lo:g}"


def _number(x: Any, where: str) -> float:
    sym = sys.modules.get("sympy")  # a sympy number can only be given if sympy is loaded
    allowed: tuple[type, ...] = (numbers.Real, sym.Basic) if sym is not None else (numbers.Real,)
    if isinstance(x, bool) or not isinstance(x, allowed):
        raise ParameterError(f"sweep: {where}: {x!r} is not a number (allowed: a finite real number)")
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError(f"sweep: {where}: {x!r} is not a number (allowed: a finite real number)") from None
    if not math.isfinite(v):
        raise ParameterError(f"sweep: {where}: {x!r} is not finite (allowed: a finite real number)")
    return v


def _check_range(name: str, kind: str, lo: float, hi: float, where: str) -> None:
    if lo > hi:
        raise ParameterError(f"sweep: {where}: low {lo:g} exceeds high {hi:g} (allowed: low <= high)")
    klo, khi = _KIND_BOUNDS[kind]
    if lo < klo or hi > khi:
        bad = lo if lo < klo else hi
        raise ParameterError(f"sweep: {where}: {bad:g} is outside what parameter {name!r} allows ({_allowed(kind)})")


def _check_name(name: Any, all_names: Any, game_names: Sequence[str], game_name: str, what: str) -> str:
    """``name`` if it is a parameter of the game; else an error telling unknown from not-in-this-game."""
    if not isinstance(name, str):
        raise UnknownNameError(f"sweep: {what} {name!r} is not a parameter name")
    if name not in all_names:
        raise UnknownNameError("sweep: " + suggest(name, game_names, what="parameter"))
    if name not in game_names:
        raise UnknownNameError(f"sweep: parameter {name!r} does not appear in {game_name} "
                               f"(allowed: {', '.join(game_names) or 'none: the game is numeric'})")
    return name


_ADDRESS = re.compile(r"(?:(?:tcp|tls)://)?(?P<host>[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]):(?P<port>\d{1,5})")


def _check_address(address: str) -> None:
    """A dask scheduler address: ``tcp://host:port`` (or ``tls://``, or ``host:port``), port 1 to 65535."""
    m = _ADDRESS.fullmatch(address)
    if m is None or not 1 <= int(m["port"]) <= 65535:
        raise SweepError(f"sweep: scheduler {address!r} is not an address "
                         "(allowed: tcp://host:port or tls://host:port, port 1 to 65535)")


def _check_options(method: Any, backend: Any, scheduler: Any, chunk_size: Any, keep: Any, workers: Any,
                   vary: Any, samples: Any) -> None:
    if method not in ("conditions", "solve"):
        raise SweepError(f"sweep: method {method!r} not allowed (allowed: conditions, solve)")
    if backend not in ("numpy", "dask"):
        raise SweepError(f"sweep: backend {backend!r} not allowed (allowed: numpy, dask)")
    if scheduler is not None and backend != "dask":
        raise SweepError("sweep: scheduler is only used with backend='dask'")
    if isinstance(scheduler, str):
        _check_address(scheduler)
    for label, v, low in (("chunk_size", chunk_size, 1), ("keep", keep, 0)):
        if isinstance(v, bool) or not isinstance(v, numbers.Integral) or int(v) < low:
            raise SweepError(f"sweep: {label} {v!r} not allowed (allowed: an integer >= {low})")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, numbers.Integral)
                                or int(workers) < 1):
        raise SweepError(f"sweep: workers {workers!r} not allowed (allowed: an integer >= 1)")
    if (vary is None) == (samples is None):
        raise SweepError("sweep: give exactly one of vary (a grid) and samples (Monte Carlo)")

