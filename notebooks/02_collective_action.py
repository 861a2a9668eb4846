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
# # 2. The collective-action problem among researchers
#
# > "Generally speaking, there's a collective action problem. If our AI researcher valued all 8 billion human
# > lives at each worth to their own, then with the same marginal expected impact on P(Doom) as above, that
# > specific one researcher working on Alignment would have a payoff of 5%\*5%\*\$20m\*8 billion=\$400 trillion,
# > or the 2021 world GDP for about five years."
#
# Each of $n$ researchers chooses Alignment or Capabilities. Every Alignment researcher lowers P(doom) by
# $\Delta = p\,\delta$ for *everyone*; the salary gap is paid by her alone. This notebook shows the resulting
# $n$-player Prisoner's Dilemma, the group size $n^*$ beyond which everybody would be better off if all chose
# Alignment, and the threshold variant in which Alignment needs a critical mass.

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
# ## The $n$-player game
#
# `collective_action` is a `SymmetricGame`: two payoff functions of $j$, the number of *other* researchers
# doing Alignment, for any (even symbolic) number of players $n$. With `clamp=False` P(doom) is the linear
# $P_{\mathrm{doom}} - \Delta a + \gamma c$ (valid while it stays in $[0, 1]$), which keeps the algebra clean.

# %%
ca = games.collective.collective_action(clamp=False)
ca

# %% [markdown]
# What does switching from Alignment to Capabilities gain a researcher, whatever the others do?

# %%
j = games.individual.COUNT
gain = sympy.simplify(ca.payoff("Capabilities", j) - ca.payoff("Alignment", j))
tex(gain, lhs=r"\pi_C(j) - \pi_A(j)")
print("at the essay's values:", money(gain.subs(PS.substitutions())), "for every j")

# %% [markdown]
# The gain does not depend on $j$: Capabilities is a dominant strategy whenever
# $(w_C - w_A) T + R_C - R_A > (\Delta + \gamma) W$, i.e. \$440,000 > \$16,250 at the baseline. The symmetric
# equilibria of a 50-researcher game at the essay's values:

# %%
ca50 = ca.subs(PS)          # n_researchers = 50 (ours)
for e in solvers.symmetric_equilibria(ca50):
    print(e)
all_alignment = ca50.payoff("Alignment", 49)
all_capabilities = ca50.payoff("Capabilities", 0)
print("everyone on Alignment:   ", money(all_alignment))
print("everyone on Capabilities:", money(all_capabilities))

# %% [markdown]
# Everybody on Capabilities is the only equilibrium, yet every single researcher would be better off if all 50
# chose Alignment: the P(doom) they buy together (50 × 0.25 points) is worth more to each of them than her own
# salary sacrifice. That is the collective-action problem.
#
# ## The critical group size $n^*$
#
# `break_even(..., what="welfare")` finds where the ranking of all-Alignment against all-Capabilities flips:

# %%
n = PS.symbol("n_researchers")
welfare = solvers.break_even(ca, n, what="welfare")
display(solvers.to_latex(welfare))
n_star = solvers.break_even(ca, n, PS, what="welfare")[0].value
print(f"n* = {n_star} = {float(n_star):.2f} researchers")
print("below:", welfare[0].below[0].label)
print("above:", welfare[0].above[0].label)

# %% [markdown]
# $n^* = (w_C - w_A) T / (\Delta W) = 440{,}000 / 16{,}250 \approx 27$: with more than 27 researchers, all of
# them would prefer a world where all do Alignment, but none chooses it alone.
#
# Breaking the dilemma from outside costs the same per researcher whatever $n$: the subsidy must cover the gap,
# and it is paid to all of them.

# %%
cost = solvers.minimal_intervention(ca, "Alignment", target="dominant", values=PS)
print(f"subsidy per researcher: {money(cost.amount)}; for all 50: {money(cost.total_cost)}")

# %% [markdown]
# ## The two-researcher game
#
# For two researchers the same model is a bimatrix; `classify` names its type.

# %%
pair = games.collective.collective_action_pair(clamp=False)
display(pair)
print(solvers.classify(pair, PS))
print(solvers.nash_equilibria(pair.subs(PS)))

# %% [markdown]
# With two researchers it is not even a dilemma (Deadlock: all-Capabilities is also the better outcome),
# since $2 < n^*$. The dilemma needs many researchers, which is exactly the essay's situation.
#
# ## Valuing all of humanity
#
# > "If our AI researcher valued all 8 billion human lives at each worth to their own ..."
#
# With the humanity case ($V = a V = \$19.5$m, the essay's "around \$20m"; $\alpha = 1$, $k = 8\times 10^9$) the
# marginal value of one researcher's Alignment work dwarfs any salary, and Alignment becomes dominant. The
# altruism-adjusted VSL already counts altruism toward others, so counting the 8 billion again double counts:
# at the average \$6.5m a life the figure is \$130 trillion, 1.34 years of world GDP, still enormous.

# %%
humanity = games.essay.parameters("phd", case="humanity")
claims = {c.id: c for c in games.essay.claims()}
readings = claims["humanity"].alternatives
essay_figure = readings["the essay's $20m"]
print(f"the essay's $400 trillion: {float(essay_figure):.4g}")
print(f"without double counting: {float(readings['no double counting']):.4g}")
print(f"... or {float(claims['gdp-years'].computed):.2f} years of 2021 world GDP")
ca_h = games.collective.collective_action(clamp=True).subs(humanity)
for e in solvers.symmetric_equilibria(ca_h):
    print(e)

# %% [markdown]
# ## Critical mass: the threshold game
#
# > "At least one prominent Alignment leader there is currently no promising path forward for Alignment
# > research ... it may be that research is generally futile, or moving the marginal researcher into AI Risk
# > is futile."
#
# If an agenda succeeds only when at least $M$ of $n$ researchers join it, a researcher matters only when she is
# pivotal. The game becomes a collective-risk dilemma: all-Capabilities stays an equilibrium, and interior mixed
# equilibria appear.

# %%
threshold = games.collective.threshold_alignment()
display(threshold)
th = threshold.subs(PS)      # n = 5, M = 2, q = 1 (ours)
for e in solvers.symmetric_equilibria(th):
    print(f"p(Alignment) = {float(e.p):.4f}  ({e.kind}, payoff {float(e.payoff):,.0f}, "
          f"{'stable' if e.stable else 'unstable'})")

# %% [markdown]
# The gradient of selection $g(x) = x(1-x)(\pi_A(x) - \pi_C(x))$ shows which mixtures attract:

# %%
import numpy as np

gos = solvers.gradient_of_selection(th)
xs = np.linspace(0, 1, 201)
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(xs, gos(xs) / 1e3)
ax.axhline(0, color="grey", lw=0.8)
for r in gos.roots:
    ax.plot(float(r.value), 0, "o", color="black" if r.stability == "stable" else "white", mec="black")
ax.set_xlabel("share of researchers doing Alignment")
ax.set_ylabel("g(x), $k")
ax.set_title("threshold game: n = 5, M = 2")
plt.show()
print([(round(float(r.value), 4), r.stability) for r in gos.roots])

# %% [markdown]
# ## Explore
#
# Move the number of researchers and their valuation: the equilibrium flips to all-Alignment exactly where
# $\Delta W$ exceeds the salary sacrifice, whatever $n$ is; $n$ only decides whether all-Capabilities is a
# *dilemma*.

# %%
explorer = solvers.explore(ca, sliders=["researcher_vsl_multiplier", "altruism_weight", "n_researchers"],
                           regime=("researcher_vsl_multiplier", "altruism_weight"))
explorer.set(altruism_weight=0.1, researcher_vsl_multiplier=2)
explorer

# %%
print(explorer.output_text)
