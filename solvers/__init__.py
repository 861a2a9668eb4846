"""aligngames' analysis layer: everything computed from a game, and its output.

One module per algorithm or family; each public function is re-exported here.
Names are loaded on first use (PEP 562): ``import solvers`` is cheap, and the
``aligngames sweep`` command line, which needs no sympy, never imports it.

Three modules share their name with the function they define (``classify``,
``sweep``, ``vertex_enumeration``); ``solvers.sweep`` is always the function,
and ``from solvers.sweep import SweepResult`` still reads the module.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import TYPE_CHECKING, Any

#: public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    "equilibrium_conditions": "solvers.conditions", "ConditionalEquilibrium": "solvers.conditions",
    "break_even": "solvers.breakeven", "BreakEven": "solvers.breakeven", "Threshold": "solvers.breakeven",
    "risk_dominance": "solvers.selection", "payoff_dominance": "solvers.selection", "fermi_selection_favours": "solvers.selection",
    "classify": "solvers.classify", "Classification": "solvers.classify",
    "to_latex": "solvers.latex", "LatexResult": "solvers.latex",
    "comparative_statics": "solvers.statics", "ComparativeStatics": "solvers.statics",
    "minimal_intervention": "solvers.intervention_costs", "InterventionCost": "solvers.intervention_costs", "buyout_effect": "solvers.intervention_costs",
    "nash_equilibria": "solvers.nash",
    "Equilibrium": "solvers.equilibrium", "Equilibria": "solvers.equilibrium", "EquilibriumComponent": "solvers.equilibrium", "is_nash_equilibrium": "solvers.equilibrium", "regrets": "solvers.equilibrium",
    "equilibrium_components": "solvers.components",
    "vertex_enumeration": "solvers.vertex_enumeration",
    "pure_nash_equilibria": "solvers.pure", "dominated_strategies": "solvers.pure", "iterated_elimination": "solvers.pure", "pareto_efficient_profiles": "solvers.pure", "social_optimum": "solvers.pure",
    "symmetric_equilibria": "solvers.symmetric", "SymmetricEquilibrium": "solvers.symmetric",
    "nplayer_support_enumeration": "solvers.nplayer_support",
    "best_response_graph": "solvers.best_response", "attractors": "solvers.best_response", "reachable_attractors": "solvers.best_response", "basins": "solvers.best_response",
    "fixation_probability": "solvers.fixation", "population_payoffs": "solvers.fixation", "finite_population_gradient": "solvers.fixation",
    "small_mutation_chain": "solvers.invasion", "stationary_distribution": "solvers.invasion", "invasion_graph": "solvers.invasion",
    "replicator_dynamics": "solvers.replicator", "ReplicatorDynamics": "solvers.replicator", "FixedPoint": "solvers.replicator", "gradient_of_selection": "solvers.replicator", "GradientOfSelection": "solvers.replicator", "SelectionRoot": "solvers.replicator",
    "draw_graph": "solvers.draw", "graph_layout": "solvers.draw", "plot_phase_portrait": "solvers.draw", "to_tikz": "solvers.draw", "write_graph": "solvers.draw",
    "regime_graph": "solvers.regimes",
    "explore": "solvers.explorer", "Explorer": "solvers.explorer", "ExplorerResult": "solvers.explorer", "regime_grid": "solvers.explorer",
    "sweep": "solvers.sweep", "SweepResult": "solvers.sweep", "SweepError": "solvers.sweep",
    "tornado": "solvers.sensitivity", "Tornado": "solvers.sensitivity", "TornadoRow": "solvers.sensitivity", "first_order_indices": "solvers.sensitivity", "first_order_table": "solvers.sensitivity",
    "plot_tornado": "solvers.sweep_plots", "plot_regime_map": "solvers.sweep_plots", "plot_gap_histogram": "solvers.sweep_plots",
}

__all__ = list(_EXPORTS)

#: functions named like their module: the function wins over the submodule attribute
_SHADOWED = frozenset(n for n, m in _EXPORTS.items() if m == f"solvers.{n}")


class _Package(types.ModuleType):
    """The ``solvers`` package: when a submodule named like its function is imported, bind the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:  # a submodule, as `import solvers.nash` would bind it
        if name.startswith("__") or importlib.util.find_spec(f"solvers.{name}") is None:
            raise AttributeError(f"module 'solvers' has no attribute {name!r}")
        return importlib.import_module(f"solvers.{name}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:
    from solvers.best_response import attractors, basins, best_response_graph, reachable_attractors  # noqa: F401
    from solvers.breakeven import BreakEven, Threshold, break_even  # noqa: F401
    from solvers.classify import Classification, classify  # noqa: F401
    from solvers.components import equilibrium_components  # noqa: F401
    from solvers.conditions import ConditionalEquilibrium, equilibrium_conditions  # noqa: F401
    from solvers.draw import draw_graph, graph_layout, plot_phase_portrait, to_tikz, write_graph  # noqa: F401
    from solvers.equilibrium import Equilibria, Equilibrium, EquilibriumComponent, is_nash_equilibrium, regrets  # noqa: F401
    from solvers.explorer import Explorer, ExplorerResult, explore, regime_grid  # noqa: F401
    from solvers.fixation import finite_population_gradient, fixation_probability, population_payoffs  # noqa: F401
    from solvers.intervention_costs import InterventionCost, buyout_effect, minimal_intervention  # noqa: F401
    from solvers.invasion import invasion_graph, small_mutation_chain, stationary_distribution  # noqa: F401
    from solvers.latex import LatexResult, to_latex  # noqa: F401
    from solvers.nash import nash_equilibria  # noqa: F401
    from solvers.nplayer_support import nplayer_support_enumeration  # noqa: F401
    from solvers.pure import (  # noqa: F401
        dominated_strategies,
        iterated_elimination,
        pareto_efficient_profiles,
        pure_nash_equilibria,
        social_optimum,
    )
    from solvers.regimes import regime_graph  # noqa: F401
    from solvers.replicator import (  # noqa: F401
        FixedPoint,
        GradientOfSelection,
        ReplicatorDynamics,
        SelectionRoot,
        gradient_of_selection,
        replicator_dynamics,
    )
    from solvers.selection import fermi_selection_favours, payoff_dominance, risk_dominance  # noqa: F401
    from solvers.sensitivity import Tornado, TornadoRow, first_order_indices, first_order_table, tornado  # noqa: F401
    from solvers.statics import ComparativeStatics, comparative_statics  # noqa: F401
    from solvers.sweep import SweepError, SweepResult, sweep  # noqa: F401
    from solvers.sweep_plots import plot_gap_histogram, plot_regime_map, plot_tornado  # noqa: F401
    from solvers.symmetric import SymmetricEquilibrium, symmetric_equilibria  # noqa: F401
    from solvers.vertex_enumeration import vertex_enumeration  # noqa: F401
