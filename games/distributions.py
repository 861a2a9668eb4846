r"""Distributions of uncertain parameters, with their provenance, and the rule that gives a default one.

:class:`Distribution` is a family (uniform, log-uniform, triangular) on a
range with a provenance: ``"essay: ..."`` when the essay states the range,
``"ours: ..."`` when the choice is this toolkit's.  Every
:class:`~games.parameters.Parameter` with a range carries one; a parameter
defined without one gets :func:`default_distribution`, whose rule is in
:mod:`games.parameters` (provenance ``"ours (rule: ...)"``).  Monte Carlo sweeps
draw from them by default (:mod:`solvers.sweeps.sampling`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from games._exact import to_exact
from games._text import format_number
from games.errors import ParameterError

__all__ = ["Distribution", "DISTRIBUTION_FAMILIES", "default_distribution"]


#: The distribution families a :class:`Distribution` may name (the Monte Carlo sampler draws each).
DISTRIBUTION_FAMILIES: tuple[str, ...] = ("uniform", "loguniform", "triangular")


@dataclass(frozen=True)
class Distribution:
    r"""The uncertainty of one parameter: a family on a range, with its provenance.

    Parameters
    ----------
    family : {"uniform", "loguniform", "triangular"}
        ``"loguniform"`` needs ``low > 0``; ``"triangular"`` needs ``mode``.
    low, high : number
        The support.
    mode : number, optional
        The triangular distribution's mode (``low <= mode <= high``).
    provenance : str
        Where it comes from: ``"essay: ..."`` (the essay states the range) or
        ``"ours: ..."`` / ``"ours (rule ...)"`` (this toolkit's choice).

    Raises
    ------
    ParameterError
        For an unknown family, ``low > high``, a log-uniform with ``low <= 0``
        or a triangular mode outside the range.

    References
    ----------
    .. [1] A. Saltelli et al., *Global Sensitivity Analysis: The Primer*,
       Wiley (2008), section 1.2 (input distributions and their sources).

    Examples
    --------
    >>> d = Distribution("triangular", 0.01, 0.1, mode=0.05, provenance="ours")
    >>> d.mode, d.ours, d.describe()
    (1/20, True, 'triangular [0.01, 0.1], mode 0.05 (ours)')
    >>> Distribution("loguniform", 0, 10)
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: Distribution: loguniform needs low > 0, got 0 (allowed: 0 < low <= high)
    """

    family: str
    low: Any
    high: Any
    mode: Any = None
    provenance: str = ""

    def __post_init__(self) -> None:
        if self.family not in DISTRIBUTION_FAMILIES:
            raise ParameterError(f"Distribution: unknown family {self.family!r} "
                                 f"(allowed: {', '.join(DISTRIBUTION_FAMILIES)})")
        lo = to_exact(self.low, "Distribution low")
        hi = to_exact(self.high, "Distribution high")
        if lo > hi:
            raise ParameterError(f"Distribution: low {lo} exceeds high {hi} (allowed: low <= high)")
        object.__setattr__(self, "low", lo)
        object.__setattr__(self, "high", hi)
        if self.family == "loguniform" and not lo > 0:
            raise ParameterError(f"Distribution: loguniform needs low > 0, got {lo} (allowed: 0 < low <= high)")
        if self.family == "triangular":
            if self.mode is None:
                raise ParameterError("Distribution: triangular needs a mode (allowed: low <= mode <= high)")
            m = to_exact(self.mode, "Distribution mode")
            if not lo <= m <= hi:
                raise ParameterError(f"Distribution: mode {m} outside [{lo}, {hi}] (allowed: low <= mode <= high)")
            object.__setattr__(self, "mode", m)
        elif self.mode is not None:
            raise ParameterError(f"Distribution: a mode is only for triangular, not {self.family!r}")

    @property
    def ours(self) -> bool:
        """True unless the provenance says the essay states the range (``"essay..."``)."""
        return not self.provenance.startswith("essay")

    def spec(self) -> tuple[Any, ...]:
        """Plain floats for the numeric sampler: ``(family, low, high)`` or ``("triangular", low, high, mode)``."""
        base: tuple[Any, ...] = (self.family, float(self.low), float(self.high))
        return base + (float(self.mode),) if self.family == "triangular" else base

    def describe(self) -> str:
        """One line: family, range, mode and provenance."""
        text = f"{self.family} [{format_number(self.low)}, {format_number(self.high)}]"
        if self.mode is not None:
            text += f", mode {format_number(self.mode)}"
        return text + (f" ({self.provenance})" if self.provenance else "")


def default_distribution(kind: str, value: Any, low: Any, high: Any) -> Distribution | None:
    """The rule-derived distribution of a parameter defined without one (the rule in the module docstring).

    Examples
    --------
    >>> default_distribution("count", 150, 1, 8e9).describe()
    'loguniform [1, 8,000,000,000] (ours (rule: a count spanning two orders of magnitude or more -> log-uniform))'
    >>> default_distribution("probability", 0.2, 0, 1).family
    'triangular'
    >>> default_distribution("money", 1, None, None) is None
    True
    """
    if low is None or high is None:
        return None
    lo, hi, v = to_exact(low, "range"), to_exact(high, "range"), to_exact(value, "value")
    if lo >= hi:
        return None
    if kind != "probability" and lo > 0 and hi / lo >= 100:
        return Distribution("loguniform", lo, hi, provenance=f"ours (rule: a {kind} spanning two orders of "
                                                             "magnitude or more -> log-uniform)")
    mode = min(max(v, lo), hi) if v.is_number else lo
    what = "a probability" if kind == "probability" else f"a {kind} within two orders of magnitude"
    return Distribution("triangular", lo, hi, mode=mode,
                        provenance=f"ours (rule: {what} -> triangular, mode at the default value)")
