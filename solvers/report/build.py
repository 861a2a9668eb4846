r"""The report assembled: :func:`build_report` runs the sections in order into a :class:`~solvers.report.document.Report`."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import games
from games._exact import json_value
from games.errors import UnknownNameError, suggest
from games.parameters import ParameterSet
from solvers.report.analysis_sections import (
    _section_dynamics,
    _section_interventions,
    _section_thresholds,
    _section_uncertainty,
)
from solvers.report.continuous_sections import section_continuous
from solvers.report.document import (
    Report,
)
from solvers.report.information_sections import section_information
from solvers.report.model_sections import _section_audit, _section_games
from solvers.report.paper import abstract_text, conclusion_blocks, notation_block
from solvers.report.sequential_sections import section_sequential

__all__ = ["build_report", "SECTIONS"]


#: The report's sections, in order.
SECTIONS = ("audit", "games", "thresholds", "interventions", "uncertainty", "dynamics", "sequential", "information",
            "continuous")


_SECTION_FUNCS: dict[str, Callable[[Report], None]] = {
    "audit": _section_audit,
    "games": _section_games,
    "thresholds": _section_thresholds,
    "interventions": _section_interventions,
    "uncertainty": _section_uncertainty,
    "dynamics": _section_dynamics,
    "sequential": section_sequential,
    "information": section_information,
    "continuous": section_continuous,
}


def build_report(
    params: ParameterSet | None = None,
    *,
    sections: Iterable[str] = SECTIONS,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Compute the report on ``params`` (default: the essay's phd scenario).

    Parameters
    ----------
    params : ParameterSet, optional
    sections : iterable of str
        Any of :data:`SECTIONS`, in the report's order.
    progress : callable, optional
        Called with a short message as each section starts.

    Raises
    ------
    UnknownNameError
        For an unknown section name.
    """
    rep = Report(params if params is not None else games.essay.parameters("phd"))
    wanted = list(sections)
    for s in wanted:
        if s not in _SECTION_FUNCS:
            raise UnknownNameError(suggest(s, _SECTION_FUNCS, what="report section"))
    rep.data["parameters"] = {
        p.name: {"value": json_value(p.value), "unit": p.unit, "kind": p.kind} for p in rep.params.values()
    }
    rep.data["scenario"] = rep.params.name
    for s in SECTIONS:
        if s in wanted:
            if progress:
                progress(s)
            t0 = time.perf_counter()
            _SECTION_FUNCS[s](rep)
            rep.timings[s] = time.perf_counter() - t0
    rep.blocks[0:0] = notation_block(rep)  # every symbol the sections typeset, in order of first use
    rep.blocks += conclusion_blocks(rep)
    rep.abstract = abstract_text(rep)
    rep.data["errors"] = list(rep.errors)
    return rep

