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
# # 6. Build your own game: sharing safety research
#
# The library's games are examples; the toolkit is for yours. This notebook builds a new game from scratch —
# **symbolic matrix → equilibria → conditions → graph → LaTeX** — using nothing but the public API.
#
# The question, in the spirit of the essay's "the benefits of Alignment work accrues to the whole world in
# general": two labs each decide whether to **Share** their alignment results or **Hoard** them.
#
# * every shared result is worth $b$ to *each* lab (a public good);
# * sharing costs the sharer $c$ (a competitor learns from it);
# * when both share, a joint programme adds a synergy $s$ to each.

# %%
import warnings

import matplotlib.pyplot as plt
import sympy
from IPython.display import Markdown, Math, display

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
# ## 1. The symbolic payoff matrix

# %%
b, c, s = sympy.symbols("b c s", positive=True)
A = [[2 * b + s - c, b - c],      # row lab shares: the other shares / hoards
     [b,             0    ]]      # row lab hoards
sharing = games.Game.from_bimatrix(A, players=("Lab 1", "Lab 2"), strategies=(["Share", "Hoard"],) * 2,
                                   name="Sharing safety research")
sharing      # B = A.T: a symmetric game

# %% [markdown]
# ## 2. Equilibria, in closed form

# %%
records = [r for r in solvers.equilibrium_conditions(sharing) if r.kind != "continuum"]
display(solvers.to_latex(records))
mixed_record = [r for r in records if r.kind == "mixed"][0]
tex(mixed_record.profile[0][0], lhs="x^*")

# %% [markdown]
# ## 3. Which game, and where it changes
#
# Sharing is a best reply to Hoard iff $b \ge c$, and to Share iff $b + s \ge c$. `classify` gives the
# condition for each type of game; `break_even` finds the synergy at which mutual sharing becomes an
# equilibrium.

# %%
types = solvers.classify(sharing)
for name in ("Prisoner's Dilemma", "Stag Hunt", "Harmony", "Deadlock"):
    display(Markdown(f"**{name}** if"))
    tex(types.conditions[name])
display(solvers.to_latex(solvers.break_even(sharing, s)))
# %% [markdown]
# ## 4. A numeric instance
#
# With $b = 1$, $c = 2$, $s = 3$ sharing alone does not pay ($b < c$) but sharing together does
# ($b + s > c$): a Stag Hunt, with a mixed equilibrium at $x^* = (c - b) / s = 1/3$.

# %%
values = {"b": 1, "c": 2, "s": 3}
instance = sharing.subs(values)
display(instance)
print(solvers.classify(instance))
equilibria = solvers.nash_equilibria(instance)
for e in equilibria:
    print(e)
mixed = [e for e in equilibria if not e.is_pure][0]
print(f"mixed equilibrium: each lab shares with probability {mixed.profile[0][0]}")
rd = solvers.risk_dominance(sharing)
print("risk-dominance condition for mutual sharing:", rd, "->", rd.subs({b: 1, c: 2, s: 3}))

# %% [markdown]
# ## 5. Graphs: best responses and replicator dynamics

# %%
G = solvers.best_response_graph(instance)
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
solvers.draw_graph(G, ax=axes[0])
dyn = solvers.replicator_dynamics(instance)
solvers.plot_phase_portrait(dyn, ax=axes[1])
plt.show()
for fp in dyn.fixed_points:
    print(fp)

# %% [markdown]
# ## 6. LaTeX for the paper
#
# The payoff table (booktabs), the conditions and the graph, ready to paste.

# %%
print(sharing.latex(booktabs=True))
print()
print(solvers.to_latex(records))              # each line carries its plain-text form as a % comment
print()
print(solvers.to_latex(solvers.break_even(sharing, s)))
print()
print(solvers.to_tikz(G, standalone=False))

# %% [markdown]
# ## 7. Explore it
#
# `explore` works for any game; parameters outside the registry need values (and, optionally, ranges).

# %%
explorer = solvers.explore(sharing, values, ranges={"b": (0, 4), "c": (0, 4), "s": (0, 8)}, regime=("s", "b"))
explorer

# %%
explorer.set(s=0.5)          # below s* = c - b = 1: a Prisoner's Dilemma
print(explorer.result.labels)
explorer.set(s=2.5)
print(explorer.output_text)
