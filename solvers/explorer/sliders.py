r"""Slider ranges for the explorer: linear or logarithmic, from a parameter's registered range, kind and value."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from games.errors import GameError
from games.parameters import Parameter

__all__ = ["SliderSpec", "slider_spec"]


#: A range whose high / low ratio exceeds this (with low > 0) gets a log slider.
LOG_RATIO = 1e4


#: A count whose range is at most this wide gets an integer slider.
MAX_INT_RANGE = 10_000


#: Linear sliders have this many steps.
STEPS = 1000


@dataclass(frozen=True)
class SliderSpec:
    """What one slider looks like: range, default, scale.

    Attributes
    ----------
    name : str
        The parameter (free symbol) name.
    low, high : float
        The slider's range.
    value : float
        Its initial value.
    scale : {"linear", "log", "int"}
    step : float
        Linear: the value step; log: the step of the base-10 exponent; int: 1.
    description : str
        What the parameter is (from the registry), for the slider's tooltip.
    """

    name: str
    low: float
    high: float
    value: float
    scale: str
    step: float
    description: str = ""


def _fallback_range(value: float, kind: str | None) -> tuple[float, float]:
    if kind == "probability":
        return 0.0, 1.0
    if value > 0:
        return (1.0 if kind == "count" else 0.0), 2 * value
    if value < 0:
        return 2 * value, -2 * value
    return (0.0, 1.0) if kind in ("money", "ratio", "count", "years") else (-1.0, 1.0)


def slider_spec(
    name: str,
    value: Any,
    parameter: Parameter | None = None,
    *,
    low: Any = None,
    high: Any = None,
    integer: bool = False,
) -> SliderSpec:
    """The slider of one parameter: its range from the registry, or a sensible fallback.

    Parameters
    ----------
    name : str
        Parameter name.
    value : number
        The initial value.
    parameter : Parameter, optional
        The registry entry; gives the range (``low``, ``high``), the kind and
        the description.
    low, high : number, optional
        Override the range.
    integer : bool
        Force an integer slider (a symmetric game's number of players).

    Returns
    -------
    SliderSpec

    Examples
    --------
    >>> import games
    >>> ps = games.essay.parameters()
    >>> s = slider_spec("researcher_vsl_multiplier", 1, ps["researcher_vsl_multiplier"])
    >>> s.low, s.high, s.scale
    (1.0, 5.0, 'linear')
    >>> slider_spec("circle_size", 150, ps["circle_size"]).scale
    'log'
    >>> slider_spec("n_researchers", 50, ps["n_researchers"]).scale
    'int'
    >>> slider_spec("b", 3).low, slider_spec("b", 3).high
    (0.0, 6.0)
    """
    v = float(value)
    kind = parameter.kind if parameter is not None else None
    lo = parameter.low if parameter is not None else None
    hi = parameter.high if parameter is not None else None
    flo, fhi = _fallback_range(v, kind)
    lo_f = float(low) if low is not None else (float(lo) if lo is not None else flo)
    hi_f = float(high) if high is not None else (float(hi) if hi is not None else fhi)
    if not lo_f < hi_f:
        raise GameError(f"slider_spec: range of {name!r} is [{lo_f}, {hi_f}] (allowed: low < high)")
    lo_f, hi_f = min(lo_f, v), max(hi_f, v)
    description = parameter.description if parameter is not None else ""
    if integer or (kind == "count" and hi_f - lo_f <= MAX_INT_RANGE):
        return SliderSpec(name, float(math.floor(lo_f)), float(math.ceil(hi_f)), float(round(v)), "int", 1.0,
                          description)
    if lo_f > 0 and hi_f / lo_f > LOG_RATIO:
        return SliderSpec(name, lo_f, hi_f, v, "log", 0.01, description)
    return SliderSpec(name, lo_f, hi_f, v, "linear", (hi_f - lo_f) / STEPS, description)


def _exact(value: Any) -> sympy.Rational:
    """The exact rational of a slider value's shortest decimal form."""
    if isinstance(value, (int, np.integer)):
        return sympy.Integer(int(value))
    f = float(value)
    if not math.isfinite(f):
        raise GameError(f"explorer: value {value!r} is not a finite number")
    return sympy.Rational(repr(f))

