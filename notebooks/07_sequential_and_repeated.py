# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 7. Sequence and time: a leader facing entrants, a mission kept or dropped, a pact held by the future
#
# > "Thus, leaders like OpenAI and Deepmind, to maintain their lead, must continue spending on Capabilities, or
# > they'll be outcompeted by others who prefer to spend only on Capabilities."
#
# > "It's striking that no organizations founded with the goal of AI Capabilities research have drifted towards
# > Alignment research over time. ... If you go public, you'll have a fiduciary duty to obtain a return for
# > investors."
#
# The essay's organizational argument is about *who moves first* and *what happens next year*. A one-shot
# payoff table cannot say it; a game tree and a repeated game can, and their thresholds come out in closed form.

# %%
import warnings

import matplotlib.pyplot as plt
import sympy
from IPython.display import Math, display

import games
import solvers

warnings.simplefilter("ignore", RuntimeWarning)
PS = games.essay.parameters("phd")
NAMES = games.parameters.latex_symbol_names()   # after the parameter set: every registry symbol has its name
VALUES = {p.name: p.value for p in PS.values()}


def tex(expr, lhs=None):
    """Render a sympy expression or condition with the registry's symbol names."""
    body = sympy.latex(expr, symbol_names=NAMES)
    display(Math(f"{lhs} = {body}" if lhs else body))


# %% [markdown]
# ## 1. The leader and the entrant (a game tree)
#
# A leading lab spends on Alignment (cost $\kappa$) or Capabilities; an entrant sees the choice, then enters the
# race (paying $c_E$) or stays out. The market is the essay's $110b of 2024 AI investment; a Capabilities lab
# takes the share $\sigma$ from a Safety-focused one; each racing lab adds $P_{\mathrm{doom}}/2$ to the chance of
# a catastrophe that costs every lab $L$.

# %%
leader = games.build("lab_race_leader")
print(solvers.tree_figure(leader.subs(PS)).splitlines()[0])   # the TikZ drawing (see `aligngames graph`)
for e in solvers.subgame_perfect_equilibria(leader.subs(PS)):
    print(e)

# %% [markdown]
# At the essay's values (our $c_E$ = $20b) the entrant enters whatever the leader does, and the leader races:
# Alignment would leave it $7b, Capabilities $35b. Which entry costs change that?

# %%
print(solvers.break_even(leader, "entry_cost", PS))

# %% [markdown]
# With the entry cost and the safety budget left free, the conditions of each subgame-perfect equilibrium are
# intervals: the leader keeps its Alignment budget only when entry is blockaded whatever it does *and* its own
# share of the catastrophe risk outweighs the budget.

# %%
free = leader.subs({k: v for k, v in VALUES.items() if k not in ("entry_cost", "safety_cost")})
for record in solvers.equilibrium_conditions(free):
    print(record.label)
    tex(record.condition)

# %% [markdown]
# ## 2. Mission drift (a repeated game)
#
# A lab founded for Alignment meets its Alignment funders every year: it keeps its Mission or Drifts to
# Capabilities; they Fund it or Withhold. Funding brings $g = \phi_A F_A$ a year (a share of the essay's $10b),
# drifting earns $x = \phi_C I$ (a share of the year's AI investment, the essay's $50b in 2023, $110b in 2024).
# Under grim trigger the mission is kept iff

# %%
drift = games.build("mission_drift")
res = solvers.sustainability(drift)
tex(res.threshold, r"\delta^{*}")
for market in ("ai_investment_2023", "ai_investment_2024"):
    r = solvers.sustainability(games.build("mission_drift", market=market).subs(PS))
    print(f"{market}: mission kept iff delta >= {r.threshold}")

# %% [markdown]
# With the 2023 market the lab needs a discount factor of one half; with the 2024 market the threshold is above
# one, so no patience keeps the mission: "As the amount of money available to investors grows, more and more
# will choose to invest in Capabilities research". The threshold rises linearly with the funding gap:

# %%
invest = sympy.Symbol("I")
curve = res.threshold.subs({games.essay.symbol("ai_investment_2024"): invest}).subs(PS.substitutions())
xs = [10e9 * k for k in range(0, 13)]
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot([x / 1e9 for x in xs], [float(curve.subs(invest, x)) for x in xs])
ax.axhline(1, color="0.4", ls="--", lw=1)
ax.set_xlabel("AI investment a year ($bn)")
ax.set_ylabel("discount threshold")
plt.show()

# %% [markdown]
# ## 3. A safety pact between great powers
#
# The great-power race of notebook 4, repeated: mutual Alignment is held by grim trigger iff
# $\delta \ge (T - R)/(T - P)$; a one-period punishment needs $\delta \ge (T - R)/(R - P)$.

# %%
pact = games.build("safety_pact")
print(solvers.sustainability(pact.subs(PS)))
print(solvers.sustainability(pact.subs(PS), punishment="k-period", k=1))
print(solvers.break_even(pact, "delta", PS))

# %% [markdown]
# Which average payoffs can a patient pair of powers sustain? The folk theorem's region: feasible and above each
# power's minmax value.

# %%
region = solvers.folk_region(pact.subs(PS))
print(region)
solvers.plot_folk_region(region)
plt.show()

# %% [markdown]
# ## Explore
#
# The stage game of the pact: as the edge $E$ shrinks or the synergy $s$ grows the race stops being a
# Prisoner's Dilemma, and the pact needs no shadow of the future at all.

# %%
explorer = solvers.explore(pact.stage, sliders=["alignment_synergy", "capabilities_edge"],
                           regime=("alignment_synergy", "capabilities_edge"))
explorer
