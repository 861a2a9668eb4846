"""The public names of :mod:`solvers`: this stub is the one list.

``solvers/__init__.py`` reads it (``lazy_loader.attach_stub``) to load each
name from its module on first use, and type checkers read it as the
package's interface.  A name is public if and only if it is imported here;
``tests/test_architecture.py`` checks that every one resolves.
"""

from . import cli as cli
from . import conditions as conditions
from . import dynamics as dynamics
from . import equilibria as equilibria
from . import errors as errors
from . import explorer as explorer
from . import render as render
from . import report as report
from . import results as results
from . import sweeps as sweeps
from . import symbolic as symbolic
from .conditions.derive import equilibrium_conditions as equilibrium_conditions
from .conditions.game_types import classify as classify
from .conditions.interventions import buyout_effect as buyout_effect
from .conditions.interventions import minimal_intervention as minimal_intervention
from .conditions.selection import (
    fermi_selection_favours as fermi_selection_favours,
)
from .conditions.selection import (
    payoff_dominance as payoff_dominance,
)
from .conditions.selection import (
    risk_dominance as risk_dominance,
)
from .conditions.statics import comparative_statics as comparative_statics
from .conditions.thresholds import break_even as break_even
from .dynamics.best_response import (
    attractors as attractors,
)
from .dynamics.best_response import (
    basins as basins,
)
from .dynamics.best_response import (
    best_response_graph as best_response_graph,
)
from .dynamics.best_response import (
    reachable_attractors as reachable_attractors,
)
from .dynamics.fixation import (
    finite_population_gradient as finite_population_gradient,
)
from .dynamics.fixation import (
    fixation_probability as fixation_probability,
)
from .dynamics.fixation import (
    population_payoffs as population_payoffs,
)
from .dynamics.gradient import gradient_of_selection as gradient_of_selection
from .dynamics.invasion import (
    invasion_graph as invasion_graph,
)
from .dynamics.invasion import (
    small_mutation_chain as small_mutation_chain,
)
from .dynamics.invasion import (
    stationary_distribution as stationary_distribution,
)
from .dynamics.regimes import regime_graph as regime_graph
from .dynamics.replicator import replicator_dynamics as replicator_dynamics
from .equilibria.components import equilibrium_components as equilibrium_components
from .equilibria.dominance import (
    dominated_strategies as dominated_strategies,
)
from .equilibria.dominance import (
    iterated_elimination as iterated_elimination,
)
from .equilibria.nash import nash_equilibria as nash_equilibria
from .equilibria.nplayer import nplayer_support_enumeration as nplayer_support_enumeration
from .equilibria.pure import (
    pareto_efficient_profiles as pareto_efficient_profiles,
)
from .equilibria.pure import (
    pure_nash_equilibria as pure_nash_equilibria,
)
from .equilibria.pure import (
    social_optimum as social_optimum,
)
from .equilibria.symmetric import symmetric_equilibria as symmetric_equilibria
from .equilibria.verify import is_nash_equilibrium as is_nash_equilibrium
from .equilibria.verify import regrets as regrets
from .equilibria.vertices import vertex_enumeration as vertex_enumeration
from .errors import (
    ProfileError as ProfileError,
)
from .errors import (
    ProgramError as ProgramError,
)
from .errors import (
    SweepError as SweepError,
)
from .errors import (
    UnsupportedPayoffError as UnsupportedPayoffError,
)
from .explorer.grid import regime_grid as regime_grid
from .explorer.widget import Explorer as Explorer
from .explorer.widget import ExplorerResult as ExplorerResult
from .explorer.widget import explore as explore
from .render.graphs import draw_graph as draw_graph
from .render.graphs import graph_layout as graph_layout
from .render.graphs import write_graph as write_graph
from .render.latex import LatexResult as LatexResult
from .render.latex import to_latex as to_latex
from .render.phase import plot_phase_portrait as plot_phase_portrait
from .render.tikz import to_tikz as to_tikz
from .results.conditions import (
    BreakEven as BreakEven,
)
from .results.conditions import (
    BuyoutEffect as BuyoutEffect,
)
from .results.conditions import (
    Classification as Classification,
)
from .results.conditions import (
    ComparativeStatics as ComparativeStatics,
)
from .results.conditions import (
    ConditionalEquilibrium as ConditionalEquilibrium,
)
from .results.conditions import (
    Derivative as Derivative,
)
from .results.conditions import (
    InterventionCost as InterventionCost,
)
from .results.conditions import (
    Outcome as Outcome,
)
from .results.conditions import (
    Threshold as Threshold,
)
from .results.dynamics import (
    FixedPoint as FixedPoint,
)
from .results.dynamics import (
    GradientOfSelection as GradientOfSelection,
)
from .results.dynamics import (
    ReplicatorDynamics as ReplicatorDynamics,
)
from .results.dynamics import (
    SelectionRoot as SelectionRoot,
)
from .results.equilibria import (
    Elimination as Elimination,
)
from .results.equilibria import (
    Equilibria as Equilibria,
)
from .results.equilibria import (
    Equilibrium as Equilibrium,
)
from .results.equilibria import (
    EquilibriumComponent as EquilibriumComponent,
)
from .results.equilibria import (
    ExtremeEquilibria as ExtremeEquilibria,
)
from .results.equilibria import (
    SymmetricEquilibrium as SymmetricEquilibrium,
)
from .sweeps.plots import (
    plot_gap_histogram as plot_gap_histogram,
)
from .sweeps.plots import (
    plot_regime_map as plot_regime_map,
)
from .sweeps.plots import (
    plot_tornado as plot_tornado,
)
from .sweeps.result import SweepResult as SweepResult
from .sweeps.run import sweep as sweep
from .sweeps.sensitivity import (
    Tornado as Tornado,
)
from .sweeps.sensitivity import (
    TornadoRow as TornadoRow,
)
from .sweeps.sensitivity import (
    first_order_indices as first_order_indices,
)
from .sweeps.sensitivity import (
    first_order_table as first_order_table,
)
from .sweeps.sensitivity import (
    tornado as tornado,
)
