"""aligngames' analysis layer: everything computed from a game, and its output.

One module per algorithm or family; each public function is re-exported here.
"""

__all__: list[str] = []

# closed-form analysis (issue 5)
from solvers.breakeven import BreakEven, Threshold, break_even  # noqa: E402
from solvers.conditions import ConditionalEquilibrium, equilibrium_conditions  # noqa: E402

__all__ += ["equilibrium_conditions", "ConditionalEquilibrium", "break_even", "BreakEven", "Threshold"]
