"""The public names of :mod:`solvers`: this stub is the one list.

``solvers/__init__.py`` reads it (``lazy_loader.attach_stub``) to load each
name from its module on first use, and type checkers read it as the
package's interface.  A name is public if and only if it is imported here;
``tests/test_architecture.py`` checks that every one resolves.
"""

# --- continuous choices (issue 16)
from . import (
    cli as cli,
    conditions as conditions,
    continuous as continuous,
    dynamics as dynamics,
    equilibria as equilibria,
    errors as errors,
    explorer as explorer,
    render as render,
    report as report,
    results as results,
    sweeps as sweeps,
    symbolic as symbolic,
)
from .conditions.derive import equilibrium_conditions as equilibrium_conditions
from .conditions.game_types import classify as classify
from .conditions.interventions import buyout_effect as buyout_effect, minimal_intervention as minimal_intervention
from .conditions.selection import (
    fermi_selection_favours as fermi_selection_favours,
    payoff_dominance as payoff_dominance,
    risk_dominance as risk_dominance,
)
from .conditions.statics import comparative_statics as comparative_statics
from .conditions.thresholds import break_even as break_even
from .continuous.first_order import continuous_equilibria as continuous_equilibria
from .continuous.numeric import deviation_gains as deviation_gains, numeric_equilibria as numeric_equilibria
from .continuous.precipice import race_equilibrium as race_equilibrium
from .continuous.responses import best_responses as best_responses
from .dynamics.best_response import (
    attractors as attractors,
    basins as basins,
    best_response_graph as best_response_graph,
    reachable_attractors as reachable_attractors,
)
from .dynamics.fixation import (
    finite_population_gradient as finite_population_gradient,
    fixation_probability as fixation_probability,
    population_payoffs as population_payoffs,
)
from .dynamics.gradient import gradient_of_selection as gradient_of_selection
from .dynamics.invasion import (
    invasion_graph as invasion_graph,
    small_mutation_chain as small_mutation_chain,
    stationary_distribution as stationary_distribution,
)
from .dynamics.regimes import regime_graph as regime_graph
from .dynamics.replicator import replicator_dynamics as replicator_dynamics
from .equilibria.complementary_pivoting import lemke_howson as lemke_howson
from .equilibria.components import equilibrium_components as equilibrium_components
from .equilibria.dominance import (
    dominated_strategies as dominated_strategies,
    iterated_elimination as iterated_elimination,
)
from .equilibria.nash import nash_equilibria as nash_equilibria
from .equilibria.nplayer import nplayer_support_enumeration as nplayer_support_enumeration
from .equilibria.pure import (
    pareto_efficient_profiles as pareto_efficient_profiles,
    pure_nash_equilibria as pure_nash_equilibria,
    social_optimum as social_optimum,
)
from .equilibria.symmetric import symmetric_equilibria as symmetric_equilibria
from .equilibria.verify import is_nash_equilibrium as is_nash_equilibrium, regrets as regrets
from .equilibria.vertices import vertex_enumeration as vertex_enumeration
from .errors import (
    MissingExtraError as MissingExtraError,  # issue 19 (docs and packaging): a missing optional extra, named
    NonDifferentiablePayoffError as NonDifferentiablePayoffError,
    ProfileError as ProfileError,
    ProgramError as ProgramError,
    SweepError as SweepError,
    UnsupportedPayoffError as UnsupportedPayoffError,
)
from .explorer.grid import regime_grid as regime_grid
from .explorer.launch import explore as explore
from .explorer.widget import Explorer as Explorer, ExplorerResult as ExplorerResult
from .render.continuous import plot_best_responses as plot_best_responses
from .render.graphs import draw_graph as draw_graph, write_graph as write_graph
from .render.latex import (
    LatexResult as LatexResult,
    display_latex as display_latex,  # issue 14 (paper-grade output): complete LaTeX displays
    to_latex as to_latex,
)
from .render.layout import graph_layout as graph_layout
from .render.phase import plot_phase_portrait as plot_phase_portrait
from .render.style import figure_style as figure_style, save_figure as save_figure  # issue 14: the figure style
from .render.tikz import to_tikz as to_tikz
from .results.conditions import (
    BreakEven as BreakEven,
    BuyoutEffect as BuyoutEffect,
    Classification as Classification,
    ComparativeStatics as ComparativeStatics,
    ConditionalEquilibrium as ConditionalEquilibrium,
    Derivative as Derivative,
    InterventionCost as InterventionCost,
    Outcome as Outcome,
    Threshold as Threshold,
)
from .results.continuous import (
    BestResponse as BestResponse,
    ContinuousEquilibrium as ContinuousEquilibrium,
    RaceEquilibrium as RaceEquilibrium,
)
from .results.dynamics import (
    FixedPoint as FixedPoint,
    GradientOfSelection as GradientOfSelection,
    ReplicatorDynamics as ReplicatorDynamics,
    SelectionRoot as SelectionRoot,
)
from .results.equilibria import (
    Elimination as Elimination,
    Equilibria as Equilibria,
    Equilibrium as Equilibrium,
    EquilibriumComponent as EquilibriumComponent,
    ExtremeEquilibria as ExtremeEquilibria,
    SymmetricEquilibrium as SymmetricEquilibrium,
)
from .sweeps.game_sweep import sweep as sweep
from .sweeps.local_sensitivity import Tornado as Tornado, TornadoRow as TornadoRow, tornado as tornado
from .sweeps.plots import (
    plot_gap_histogram as plot_gap_histogram,
    plot_regime_map as plot_regime_map,
    plot_tornado as plot_tornado,
)
from .sweeps.result import SweepResult as SweepResult
from .sweeps.sensitivity import first_order_indices as first_order_indices, first_order_table as first_order_table

# --- hidden information (issue 16): Bayesian and signalling games
# isort: split
from . import information as information
from .information.bayesian_nash import bayesian_equilibria as bayesian_equilibria
from .information.intuitive import intuitive_criterion as intuitive_criterion
from .information.pbe import perfect_bayesian_equilibria as perfect_bayesian_equilibria
from .results.information import (
    BayesianEquilibrium as BayesianEquilibrium,
    FrozenMapping as FrozenMapping,
    PerfectBayesianEquilibrium as PerfectBayesianEquilibrium,
)

# isort: split
# --- game trees and repeated games (issue 15: solvers.sequential)
from . import sequential as sequential
from .render.tree import plot_folk_region as plot_folk_region, tree_figure as tree_figure
from .results.sequential import (
    ConditionalSPE as ConditionalSPE,
    FolkRegion as FolkRegion,
    IncentiveConstraint as IncentiveConstraint,
    SubgamePerfectEquilibrium as SubgamePerfectEquilibrium,
    Sustainability as Sustainability,
)
from .sequential.folk import folk_region as folk_region
from .sequential.subgame_perfect import (
    is_subgame_perfect as is_subgame_perfect,
    subgame_perfect_equilibria as subgame_perfect_equilibria,
)
from .sequential.sustain import sustainability as sustainability

# isort: split
# --- solution concepts beyond Nash (issue 17: correlated equilibria, quantal response, ESS) ---
from .equilibria.correlated import correlated_equilibria as correlated_equilibria
from .equilibria.evolutionary import evolutionarily_stable_strategies as evolutionarily_stable_strategies
from .equilibria.quantal import logit_path as logit_path, logit_qre as logit_qre
from .results.concepts import (
    CorrelatedEquilibria as CorrelatedEquilibria,
    CorrelatedEquilibrium as CorrelatedEquilibrium,
    EvolutionarilyStableStrategy as EvolutionarilyStableStrategy,
    LogitPath as LogitPath,
    LogitPoint as LogitPoint,
    SupportComponent as SupportComponent,
)
