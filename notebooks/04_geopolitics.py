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
# # 4. Great powers: a relative edge against a global public good
#
# > "Though it's not a focus here, I emphasize the geopolitical game theoretic factors are also fit into the
# > question of Alignment broadly speaking. Competing great powers gain an edge over each other if they push the
# > envelope on Capabilities research, but the benefits of Alignment work accrues to the whole world in general."
#
# The essay gives no numbers here, so every parameter is ours (registered with a range). What the model shows is
# which *kind* of game the sentence describes, and what would change the kind.

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


# %%
powers = games.geopolitical.great_power_race()
powers

# %% [markdown]
# $b$: the benefit to every power of one power's Alignment; $s$: the synergy of aligning together; $E$: the
# zero-sum edge of racing against a non-racer; $h_1, h_2$: catastrophe probability with one or two racers;
# $D$: each power's loss in a catastrophe. At our defaults, in trillions of dollars:

# %%
numeric = powers.subs(PS)
in_tn = games.Game.from_bimatrix([[v / 10**12 for v in row] for row in numeric.payoffs[0].tolist()],
                                 players=numeric.players, strategies=numeric.strategies, name="Great powers, $tn")
display(in_tn)
(R, S), (T, P) = in_tn.payoffs[0].tolist()
print(f"T, R, P, S = {T}, {R}, {P}, {S} ($tn)")
print(solvers.classify(numeric))
print(solvers.nash_equilibria(numeric))

# %% [markdown]
# ## Which game is it? Conditions for each type
#
# `classify` on the symbolic game gives the condition for every type of symmetric 2×2 game:

# %%
types = solvers.classify(powers)
for name in ("Prisoner's Dilemma", "Stag Hunt", "Chicken", "Harmony"):
    display(Markdown(f"**{name}** if"))
    tex(types.conditions[name])

# %% [markdown]
# ## From a Prisoner's Dilemma to a Stag Hunt
#
# If aligning *together* is worth more than the sum of the parts (synergy $s$), mutual Alignment becomes an
# equilibrium. `break_even` finds the synergy at which this happens:

# %%
s = PS.symbol("alignment_synergy")
be = solvers.break_even(powers, s, PS)
print(be)
display(solvers.to_latex(solvers.break_even(powers, s)))
# %%
stag = powers.subs(PS.set(alignment_synergy=4e12))
print(solvers.classify(stag))
for e in solvers.nash_equilibria(stag):
    print(e)

# %% [markdown]
# In a Stag Hunt both outcomes are equilibria; which one is *risk*-dominant (Harsanyi–Selten) decides which a
# cautious power expects. The closed-form condition for mutual Alignment to be risk-dominant:

# %%
rd = solvers.risk_dominance(powers)
tex(rd)
for synergy in (2e12, 4e12):
    holds = rd.subs({sym: PS.value(sym.name) if sym.name != "alignment_synergy" else sympy.Rational(int(synergy))
                     for sym in rd.free_symbols})
    print(f"synergy ${synergy / 1e12:.0f}tn: mutual Alignment risk-dominant: {holds}")

# %% [markdown]
# ## Escalating risk: Chicken
#
# If two racers are far more dangerous than one ($h_2 \gg 2 h_1$), racing against a racer is the worst
# outcome, and the game becomes Chicken: each power wants the *other* to align.

# %%
chicken = powers.subs(PS.set(race_risk_both=0.1))
print(solvers.classify(chicken))
for e in solvers.nash_equilibria(chicken):
    print(e)

# %% [markdown]
# ## Three powers
#
# With more powers the edge is shared among more rivals, but racing stays the only symmetric equilibrium at our
# defaults:

# %%
three = games.geopolitical.n_power_race(3)
display(three)
for e in solvers.symmetric_equilibria(three.subs(PS)):
    print(e)

# %% [markdown]
# ## The best-response graph
#
# Nodes are pure profiles, arrows are profitable unilateral deviations; sinks are the pure equilibria.

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
solvers.draw_graph(solvers.best_response_graph(numeric), ax=axes[0])
axes[0].set_title("defaults: Prisoner's Dilemma")
solvers.draw_graph(solvers.best_response_graph(stag), ax=axes[1])
axes[1].set_title("synergy $4tn: Stag Hunt")
plt.show()

# %% [markdown]
# ## Explore
#
# Synergy against edge: Harmony at the bottom (a small edge), the Prisoner's Dilemma in the upper left, the
# Stag Hunt's two equilibria to the right of $s^*$.

# %%
explorer = solvers.explore(powers, sliders=["alignment_synergy", "capabilities_edge", "race_risk_both"],
                           regime=("alignment_synergy", "capabilities_edge"))
explorer

# %%
print(explorer.output_text)
