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
# # 5. Dynamics: how populations of researchers, labs and powers move
#
# > "But of course there is a distribution of motivations that researchers have and many will still prefer to
# > directly work on Alignment. Perhaps, although the incentives tip towards Capabilities, we have sufficient
# > incentives for Alignment to be solved."
#
# Equilibria say where play can rest; dynamics say where it goes. This notebook builds the graphs of the
# toolkit: best-response graphs, replicator dynamics, fixation probabilities in finite populations, and the
# small-mutation chain with its invasion graph, and exports one as TikZ for a paper.

# %%
import warnings

import matplotlib.pyplot as plt
import sympy
from IPython.display import Math, display

import games
import solvers

warnings.simplefilter("ignore", RuntimeWarning)   # closed forms the solvers cannot derive are reported as warnings
NAMES = games.parameters.latex_symbol_names()     # the registry's LaTeX names: V, p, \delta, m, ...
PS = games.essay.parameters("phd")                # the essay's baseline: a $35k stipend vs a $123k job


def tex(expr, lhs=None):
    """Render a sympy expression or condition with the registry's symbol names."""
    body = sympy.latex(expr, symbol_names=NAMES)
    display(Math(f"{lhs} = {body}" if lhs else body))



def money(x):
    return f"{float(x):,.0f}"


# %% [markdown]
# ## Best-response graphs
#
# The washing game has no pure equilibrium: its better-response graph has no sink but a cycle, the attractor
# in which researchers and funders chase each other.

# %%
washing = games.reputation.alignment_washing().subs(PS)
display(washing)
G = solvers.best_response_graph(washing)
print("pure equilibria:", [v for v, eq in G.nodes(data="equilibrium") if eq])
for a in solvers.attractors(G):
    print("attractor:", sorted(a))
solvers.draw_graph(G)
plt.show()

# %% [markdown]
# ## Replicator dynamics
#
# In a large population of labs playing the lab race, the share $x$ of Safety-focused labs follows
# $\dot x = x (\pi_S - \bar \pi)$. The fixed points come in closed form with their stability:

# %%
race = games.organizational.lab_race().subs(PS)
dyn = solvers.replicator_dynamics(race)
for fp in dyn.fixed_points:
    print(fp)
solvers.plot_phase_portrait(dyn)
plt.show()

# %% [markdown]
# With synergy the great-power game is a Stag Hunt, and the replicator dynamics are bistable: the unstable
# interior point separates the basins of mutual Alignment and mutual racing.

# %%
stag = games.geopolitical.great_power_race().subs(PS.set(alignment_synergy=4e12))
stag_dyn = solvers.replicator_dynamics(stag)
for fp in stag_dyn.fixed_points:
    print(fp)
solvers.plot_phase_portrait(stag_dyn)
plt.show()

# %% [markdown]
# The same dynamics in closed form, on the symbolic game: the field $\dot x$ (share $x$ of aligning powers)
# and the interior rest point that separates the two basins.

# %%
symbolic = solvers.replicator_dynamics(games.geopolitical.great_power_race())
tex(sympy.factor(symbolic.field[0]), lhs=r"\dot x")
interior = [fp for fp in symbolic.fixed_points if len(fp.support[0]) == 2][0]
tex(sympy.simplify(interior.point[0][0]), lhs="x^*")
print("at synergy $4tn:", interior.point[0][0].subs(PS.set(alignment_synergy=4e12).substitutions()))

# %% [markdown]
# ## Finite populations: fixation of one Alignment researcher
#
# Among $Z$ researchers who imitate better-paid peers (the Fermi rule, intensity $\beta$ per dollar), what is the
# chance that a single Alignment researcher's choice takes over? In the two-researcher game Alignment pays
# \$423,750 less than Capabilities against either co-player; since nobody plays against herself, a mutant also
# meets one fewer of her own kind, which costs her another $\Delta W / (Z - 1) = 16{,}250 / 9$. The gap $g$ is the
# same in every state, so the fixation probability has the textbook closed form
# $\rho = 1 / \sum_{k=0}^{Z-1} e^{k \beta g}$, far below neutral drift.

# %%
pair = games.collective.collective_action_pair(clamp=False).subs(PS)
Z, beta = 10, 1e-6
rho = solvers.fixation_probability(pair, Z, selection=beta, mutant="Alignment", resident="Capabilities")
print(f"fixation probability of one Alignment researcher among {Z}: {rho:.6g} (neutral drift: {1 / Z})")
rho_c = solvers.fixation_probability(pair, Z, selection=beta, mutant="Capabilities", resident="Alignment")
print(f"... and of one Capabilities researcher among Alignment researchers: {rho_c:.6g}")

# %% [markdown]
# ## The small-mutation limit and the invasion graph
#
# With rare mutations a population is almost always monomorphic; the chain over monomorphic states and its
# stationary distribution tell where it spends its time. The invasion graph keeps the transitions that beat
# neutral drift.

# %%
chain = solvers.small_mutation_chain(stag, 20, selection=1e-12)
print({k: round(v, 4) for k, v in solvers.stationary_distribution(chain).items()})
inv = solvers.invasion_graph(chain)
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
solvers.draw_graph(chain, ax=axes[0])
axes[0].set_title("small-mutation chain")
solvers.draw_graph(inv, ax=axes[1])
axes[1].set_title("invasion graph")
plt.show()

# %% [markdown]
# ## For the paper: TikZ

# %%
tikz = solvers.to_tikz(solvers.best_response_graph(race), standalone=False)
print(tikz)
