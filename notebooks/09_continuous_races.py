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
# # 9. Continuous races: spending on Capabilities, and racing to the precipice
#
# > "Thus, leaders like OpenAI and Deepmind, to maintain their lead, must continue spending on Capabilities, or
# > they'll be outcompeted by others who prefer to spend only on Capabilities."
#
# Two races where the choice is a number, not one of two strategies: how much a lab spends on Capabilities in a
# contest for the AI market (Tullock 1980), and how much safety a team keeps in the race to the precipice of
# Armstrong, Bostrom and Shulman, "Racing to the precipice: a model of artificial intelligence development",
# AI & Society 31 (2016) 201-206.

# %%
import warnings

import matplotlib.pyplot as plt
import sympy
from IPython.display import Math, display

import games
import solvers

warnings.simplefilter("ignore", RuntimeWarning)
PS = games.essay.parameters("phd")

# %% [markdown]
# ## The contest for the market
#
# Each of $n$ labs spends $x_i$ on Capabilities, wins the market $V$ with probability $x_i / \sum_j x_j$ and
# pays $(1 + \sigma) x_i$, where $\sigma$ is its safety spending per dollar of Capabilities. The first-order
# condition at a symmetric profile gives the equilibrium, with $n$ left a symbol:

# %%
contest = games.build("rd_contest")
(eq,) = solvers.continuous_equilibria(contest)
print(eq)
display(Math(solvers.to_latex(eq, comments=False)))
n, V, sigma = (games.essay.symbol(k) for k in ("n_labs", "market_prize", "safety_cost_share"))
outlay = sympy.simplify(n * (1 + sigma) * eq.values[0])
print("all labs together pay:", outlay)

# %% [markdown]
# The labs' total outlay is $(n-1)V/n$ whatever the safety cost: safety spending displaces Capabilities
# spending one for one, it does not slow the race's budget. Read the essay's figures as such outlays of five
# labs, and the markets they contest follow:

# %%
for year, spend in (("this year", 50e9), ("by 2024", 110e9)):
    prize = sympy.nsimplify(spend) * 5 / 4
    capabilities = eq.values[0].subs({n: 5, V: prize, sigma: PS["safety_cost_share"].value})
    print(f"outlay ${spend / 1e9:.0f}b {year}: market ${float(prize) / 1e9:.1f}b, "
          f"each lab's Capabilities ${float(capabilities) / 1e9:.2f}b")

# %% [markdown]
# Two labs that value the market differently, $V_1 = 2$ and $V_2 = 1$ (in units of $50b): the textbook
# equilibrium is $x_1^* = V_1^2 V_2 / (V_1 + V_2)^2 = 4/9$ and $x_2^* = V_1 V_2^2 / (V_1 + V_2)^2 = 2/9$.

# %%
x1, x2 = sympy.symbols("x1 x2", nonnegative=True)
two = games.ContinuousGame(("Lab 1", "Lab 2"), ((x1, 0, sympy.oo), (x2, 0, sympy.oo)),
                           (x1 / (x1 + x2) * 2 - x1, x2 / (x1 + x2) * 1 - x2), name="Two-lab contest")
two_eq = solvers.continuous_equilibria(two)
print(two_eq[0])
display(Math(solvers.to_latex(two_eq, comments=False)))
print("largest gain from deviating:", max(solvers.deviation_gains(two, two_eq[0].values, box={"x1": (0, 2),
                                                                                             "x2": (0, 2)})))
ax = solvers.plot_best_responses(solvers.best_responses(two), equilibria=two_eq, ranges=[(0, 1), (0, 1)])
plt.show()

# %% [markdown]
# ## The race to the precipice
#
# $n$ teams; team $i$ has capability $c_i \sim U[0, \mu]$ and picks safety $s_i \in [0, 1]$; the highest
# $c_i - s_i$ builds the first AI, safe with probability $s_i$. A team values its own safe AI at 1, a rival's at
# $1 - e$ (enmity $e$), a disaster at 0. Without information (no team knows any capability) this is a symmetric
# continuous game; the solver finds its equilibrium from the first-order condition, $n$ symbolic:

# %%
race = games.build("precipice_race")
for r in solvers.continuous_equilibria(race):
    print(r.values[0], "  if", r.condition)

# %% [markdown]
# With private information (each team knows its own capability) the equilibrium safety is a rule
# $s(c) = \min(1, c / (1 + (n-1)e))$; with public information only the leader's safety matters,
# $\min(1, \Delta / e)$ for a lead $\Delta$ over the runner-up. The disaster probability
# $D = 1 - E[s_{\mathrm{winner}}]$ in each case:

# %%
CASES = ("none", "private", "public")
solved = {(i, k): solvers.race_equilibrium(i, n=k) for i in CASES for k in (2, 5)}
for i in CASES:
    print(f"{i}: s = {solved[(i, 2)].safety}")
print()
print(f"{'n':>2} {'e':>4} {'mu':>4} | " + " | ".join(f"{i:>8}" for i in CASES))
for k in (2, 5):
    for e in (1, sympy.Rational(1, 2)):
        for mu in (sympy.Rational(1, 2), 1, 2, 4):
            row = [float(solved[(i, k)].disaster_at({"race_enmity": e, "capability_spread": mu})) for i in CASES]
            print(f"{k:>2} {str(e):>4} {str(mu):>4} | " + " | ".join(f"{v:8.4f}" for v in row))

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
mus = [0.05 * j for j in range(1, 101)]
for ax, e in zip(axes, (1, 0.5)):
    for k, style in ((2, "-"), (5, "--")):
        for i in CASES:
            d = solved[(i, k)].disaster
            f = sympy.lambdify(games.essay.symbol("capability_spread"), d.subs(games.essay.symbol("race_enmity"), e))
            ax.plot(mus, [float(f(m)) for m in mus], style, label=f"{i}, {k} teams")
    ax.set_title(f"enmity e = {e}")
    ax.set_xlabel("capability spread mu")
axes[0].set_ylabel("probability of disaster")
axes[1].legend(fontsize="small")
plt.show()

# %% [markdown]
# The paper's headline results, checked on these formulas: more teams and more enmity raise the danger, and so
# does a smaller capability spread ("especially if risk-taking is more important than skill"). Information:
# private information is more dangerous than none everywhere; public information is more dangerous than private
# with full enmity once capability matters ($\mu > 1$), equal for $\mu \le 1$, and *less* dangerous with low
# enmity and small $\mu$, so "more information raises the risk" holds from none to private, and from private to
# public only in part of the parameter space. That last comparison rests on a choice: with public information
# the leader at any safety between $\min(1, \Delta)$ and $\min(1, \Delta/e)$ is an equilibrium (the runner-up
# at the tie), and `race_equilibrium` gives the safest. The least safe one (the runner-up at safety 0) has the
# disaster probability of the safest at $e = 1$, and is more dangerous than private information whenever
# $e < 1$ and $\mu \le 1$: 5/6 against 7/9 at $n = 2$, $e = \mu = 1/2$ (the safest gives 2/3).

# %%
def disaster(i, k, e, mu):
    return float(solved[(i, k)].disaster_at({"race_enmity": e, "capability_spread": mu}))


print("more teams raise the danger:", all(disaster(i, 5, 1, 1) > disaster(i, 2, 1, 1) for i in CASES))
print("more enmity raises the danger:", all(disaster(i, 2, 1, 1) > disaster(i, 2, 0.5, 1) for i in CASES))
print("private >= none:", all(disaster("private", k, e, mu) >= disaster("none", k, e, mu)
                              for k in (2, 5) for e in (1, 0.5) for mu in (0.5, 1, 2, 4)))
print("public > private at e = 1, mu = 3/2:", disaster("public", 2, 1, 1.5) > disaster("private", 2, 1, 1.5))
print("public < private at e = 1/2, mu = 1/2:", disaster("public", 2, 0.5, 0.5) < disaster("private", 2, 0.5, 0.5))
print("least safe public equilibrium at e = 1/2, mu = 1/2 (the safest at e = 1):", disaster("public", 2, 1, 0.5))


# %% [markdown]
# ## Explore
#
# The contest's closed form at other sizes of the race: each lab's Capabilities spending and the labs' total
# outlay, as the number of labs, the market and the safety cost move (the strategic-form explorer of the other
# notebooks needs finite strategies; this one evaluates the equilibrium derived above).

# %%
import ipywidgets


def contest_at(labs, market_bn, safety):
    at = {n: labs, V: sympy.nsimplify(market_bn) * 10**9, sigma: sympy.nsimplify(safety)}
    each = eq.values[0].subs(at)
    display(Math(rf"x^* = \${float(each) / 1e9:.2f}\,\text{{bn per lab}},\quad "
                 rf"n(1+\sigma)x^* = \${float(outlay.subs(at)) / 1e9:.2f}\,\text{{bn}}"))


explorer = ipywidgets.interactive(contest_at, labs=ipywidgets.IntSlider(5, min=2, max=20),
                                  market_bn=ipywidgets.FloatSlider(62.5, min=10, max=500, step=2.5),
                                  safety=ipywidgets.FloatSlider(0.1, min=0, max=1, step=0.05))
explorer
