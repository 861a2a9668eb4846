"""aligngames' analysis layer: everything computed from a game, and its output.

One module per algorithm or family; each public function is re-exported here.
"""

__all__: list[str] = []

# closed-form analysis (issue 5)
from solvers.breakeven import BreakEven, Threshold, break_even  # noqa: E402
from solvers.classify import Classification, classify  # noqa: E402
from solvers.conditions import ConditionalEquilibrium, equilibrium_conditions  # noqa: E402
from solvers.intervention_costs import InterventionCost, buyout_effect, minimal_intervention  # noqa: E402
from solvers.latex import LatexResult, to_latex  # noqa: E402
from solvers.selection import fermi_selection_favours, payoff_dominance, risk_dominance  # noqa: E402
from solvers.statics import ComparativeStatics, comparative_statics  # noqa: E402

__all__ += ["equilibrium_conditions", "ConditionalEquilibrium", "break_even", "BreakEven", "Threshold"]
__all__ += ["risk_dominance", "payoff_dominance", "fermi_selection_favours", "classify", "Classification"]
__all__ += ["to_latex", "LatexResult", "comparative_statics", "ComparativeStatics"]
__all__ += ["minimal_intervention", "InterventionCost", "buyout_effect"]

# equilibria (issue 4)
from solvers.components import equilibrium_components  # noqa: E402
from solvers.equilibrium import (  # noqa: E402
    Equilibria,
    Equilibrium,
    EquilibriumComponent,
    is_nash_equilibrium,
    regrets,
)
from solvers.nash import nash_equilibria  # noqa: E402
from solvers.nplayer_support import nplayer_support_enumeration  # noqa: E402
from solvers.pure import (  # noqa: E402
    dominated_strategies,
    iterated_elimination,
    pareto_efficient_profiles,
    pure_nash_equilibria,
    social_optimum,
)
from solvers.symmetric import SymmetricEquilibrium, symmetric_equilibria  # noqa: E402
from solvers.vertex_enumeration import vertex_enumeration  # noqa: E402

__all__ += [
    "nash_equilibria", "Equilibrium", "Equilibria", "EquilibriumComponent", "is_nash_equilibrium", "regrets",
    "equilibrium_components", "vertex_enumeration", "pure_nash_equilibria", "dominated_strategies",
    "iterated_elimination", "pareto_efficient_profiles", "social_optimum", "symmetric_equilibria",
    "SymmetricEquilibrium", "nplayer_support_enumeration",
]

# strategy dynamics as networkx graphs (issue 6)
from solvers.best_response import attractors, basins, best_response_graph, reachable_attractors  # noqa: E402
from solvers.draw import draw_graph, graph_layout, plot_phase_portrait, to_tikz, write_graph  # noqa: E402
from solvers.fixation import finite_population_gradient, fixation_probability, population_payoffs  # noqa: E402
from solvers.invasion import invasion_graph, small_mutation_chain, stationary_distribution  # noqa: E402
from solvers.regimes import regime_graph  # noqa: E402
from solvers.replicator import (  # noqa: E402
    FixedPoint,
    GradientOfSelection,
    ReplicatorDynamics,
    SelectionRoot,
    gradient_of_selection,
    replicator_dynamics,
)

__all__ += [
    "best_response_graph", "attractors", "reachable_attractors", "basins",
    "fixation_probability", "population_payoffs", "finite_population_gradient",
    "small_mutation_chain", "stationary_distribution", "invasion_graph",
    "replicator_dynamics", "ReplicatorDynamics", "FixedPoint",
    "gradient_of_selection", "GradientOfSelection", "SelectionRoot",
    "draw_graph", "graph_layout", "plot_phase_portrait", "to_tikz", "write_graph",
    "regime_graph",
]

# Jupyter explorer (issue 8); ipywidgets is imported inside explore()
from solvers.explorer import Explorer, ExplorerResult, explore, regime_grid  # noqa: E402

__all__ += ["explore", "Explorer", "ExplorerResult", "regime_grid"]

# parameter sweeps and uncertainty (issue 7); matplotlib and dask are imported inside the functions
from solvers.sensitivity import Tornado, TornadoRow, first_order_indices, first_order_table, tornado  # noqa: E402
from solvers.sweep import SweepError, SweepResult, sweep  # noqa: E402
from solvers.sweep_plots import plot_gap_histogram, plot_regime_map, plot_tornado  # noqa: E402

__all__ += ["sweep", "SweepResult", "SweepError", "tornado", "Tornado", "TornadoRow", "first_order_indices",
            "first_order_table", "plot_tornado", "plot_regime_map", "plot_gap_histogram"]
