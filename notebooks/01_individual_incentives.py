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
# # 1. One researcher's choice: Alignment, Capabilities or neither
#
# > "A self-interested, rational AI researcher can choose to work on Capabilities, or work on Alignment.
# > What are the advantages for a rational researcher facing this choice?"
# > — *Who Aligns the Alignment Researchers?*
#
# This notebook turns the essay's section "Incentives to research Alignment" into a game, solves it exactly,
# derives the closed-form condition under which Alignment is chosen, and audits the essay's arithmetic.
# Everything comes from the public API: `games` (the models) and `solvers` (the analysis).

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
# ## The essay's numbers
#
# Every figure of the essay is a registered parameter with its value, its plausible range and the essay's
# own words. The baseline is "the average person" valuing only her own life; the `phd` scenario compares
# "graduate school with a \$35k stipend" with "an entry-level software engineering job paying ... \$123k".

# %%
def esc(text):
    return str(text).replace("$", r"\$").replace("|", r"\|")

rows = ["| parameter | symbol | value | range | the essay |", "|---|---|---|---|---|"]
for name in ["vsl", "p_doom", "p_pivotal", "doom_reduction", "researcher_vsl_multiplier", "salary_alignment",
             "salary_capabilities", "horizon_years", "altruism_weight", "circle_size"]:
    p = PS[name]
    rng = f"{float(p.low):g} – {float(p.high):g}" if p.low is not None else ""
    rows.append(f"| `{name}` | ${p.latex}$ | {float(p.value):g} | {rng} | “{esc(p.quote)}” |")
display(Markdown("\n".join(rows)))

# %% [markdown]
# ### The audit: the essay's claims recomputed
#
# `games.essay.claims()` recomputes every claim exactly, with every reading of its words. Its status says what
# happened: `ok`, `rounding`, `reading` (the essay's figure holds under its reading, another defensible one
# differs), `slip` (a textual error), `error` (arithmetic wrong). The Dunbar figure "revised upwards from
# \$16,250 to \$243,750" counts the 150 others but not the researcher's own life
# ($16{,}250 \times (1 + 0.1 \times 150) = 260{,}000$ with it); and if the "five times" VSL is only the
# researcher's own, "on top of that" gives $81{,}250 + 243{,}750 = 325{,}000$, below the \$440k sacrifice.

# %%
rows = ["| claim | the essay says | recomputed | status |", "|---|---|---|---|"]
for c in games.essay.claims():
    value = "" if c.computed is None else f"{float(c.computed):,.6g}"
    rows.append(f"| {c.id} | “{esc(c.claim)}” | {value} | **{c.status}** |")
display(Markdown("\n".join(rows)))
claims = {c.id: c for c in games.essay.claims()}
print("marginal value of one researcher's Alignment work:", money(claims["marginal"].computed))
print("income sacrifice over five years:", money(claims["income-sacrifice"].computed))
print("Dunbar, with the researcher's own life:", money(claims["dunbar"].alternatives["with own life"]),
      "| without it (the essay):", money(claims["dunbar"].computed))
for r in claims["dunbar-researcher"].readings:
    print(f"5x VSL, {r.name}: {money(r.value)}; the essay's conclusion {'survives' if r.survives else 'fails'}")

# %% [markdown]
# ## The career-choice game
#
# > "Say a rational researcher believes there is a 5% chance their particular work will reduce P(Doom) by 5%,
# > then the rational amount they'd be willing to pay is 5%\*5%\*\$6.5m=\$16,250."
#
# Over a horizon of $T$ years (undiscounted, as the essay's "\$440k over the next five years"), a researcher
# who values survival at $m V (1 + \alpha k)$ (her own life, plus weight $\alpha$ on each of $k$ others) gets
#
# * Alignment: $w_A T + p\,\delta\, m V (1 + \alpha k) + R_A$,
# * Capabilities: $w_C T + R_C$,
# * Neither: $w_N T$.
#
# The decision is a game against a passive "World" (one column), so every two-player solver applies.
# The game object renders itself as LaTeX:

# %%
career = games.individual.career_choice()
career

# %% [markdown]
# At the essay's baseline values the game is numeric, and its equilibrium is exact:

# %%
baseline = career.subs(PS)
display(baseline)
for i, s in enumerate(baseline.strategies[0]):
    print(f"{s} payoff over five years: {money(baseline.payoffs[0][i, 0])}")
equilibria = solvers.nash_equilibria(baseline)
print(equilibria)

# %% [markdown]
# Capabilities wins by a wide margin: \$615,000 of salary against \$175,000 of stipend plus \$16,250 of
# expected survival value. In the essay's words, "It's far from clear that the value people typically assign to
# their own lives makes it worth the sacrifice for an average researcher to add their own marginal effort to
# the Alignment problem."
#
# ## When is Alignment the equilibrium? The closed form
#
# `solvers.equilibrium_conditions` solves the *symbolic* game: every equilibrium with the exact condition on the
# parameters under which it holds.

# %%
conditions = solvers.equilibrium_conditions(career)
display(solvers.to_latex([record for record in conditions if record.kind == "pure"]))
# %% [markdown]
# `solvers.break_even` solves those conditions for one parameter. How much more than the average person must a
# researcher value her own life for Alignment to win? With the other parameters free:

# %%
m = PS.symbol("researcher_vsl_multiplier")
display(solvers.to_latex(solvers.break_even(career, m)))
# %% [markdown]
# At the essay's baseline (only her own life counts) the researcher would need to value her life 27 times as
# much as the average person; the essay's "if you think 5x higher, then we get to \$81,250" is far short of the
# \$440,000 sacrifice.

# %%
be = solvers.break_even(career, m, PS)
print(be)
at_baseline = [t for t in be if "(Alignment, Passive)" in [o.label for o in t.above]][0]
print(f"break-even multiplier, own life only: {float(at_baseline.value):.4f}")

# %% [markdown]
# ## Caring about others: the Dunbar case
#
# > "Assuming we'll value others' lives about 10% as much as our own, over 150 people, the value of working on
# > alignment research as described above would be revised upwards from \$16,250 to \$243,750. On top of that,
# > if you think alignment researchers have a Value of Statistical Life for themselves that is five times as
# > much as the average person, then we're getting to a value we need to be altruistic enough to take salary
# > sacrifice to work on Alignment."
#
# The essay's walk-through cases, solved one by one:

# %%
rows = ["| case | Alignment payoff | Capabilities payoff | equilibrium |", "|---|---|---|---|"]
for case in games.essay.cases():
    game = career.subs(games.essay.parameters("phd", case=case))
    eq = solvers.nash_equilibria(game)[0]
    choice = game.strategies[0][eq.support[0][0]]
    rows.append(f"| {case} | {float(game.payoffs[0][0, 0]):,.0f} | {float(game.payoffs[0][1, 0]):,.0f} | **{choice}** |")
display(Markdown("\n".join(rows)))

# %% [markdown]
# The Dunbar case is close but still Capabilities (\$435,000 against \$615,000); with a five-fold VSL it is
# Alignment. Where exactly does it flip? At the Dunbar values the break-even multiplier is
# $440{,}000 / 260{,}000 = 22/13$:

# %%
dunbar = games.essay.parameters("phd", case="dunbar")
threshold = solvers.break_even(career, m, dunbar)
print(threshold)
t = [t for t in threshold if "(Alignment, Passive)" in [o.label for o in t.above]][0]
print(f"break-even multiplier at the Dunbar values: {t.value} = {float(t.value):.4f}")

# the essay's reading (own life left out): 440,000 / 243,750
others_only = solvers.break_even(games.individual.career_choice(own_life=False), m, dunbar)
print(f"leaving out the researcher's own life, as the essay's $243,750 does: "
      f"{float(others_only[-1].value):.4f}")

# %% [markdown]
# ## Other readings and scenarios
#
# "reduce P(Doom) by 5%" could also mean 5% *of* P(doom) (a relative reading): the marginal value falls from
# \$16,250 to \$3,250. And the industry scenario ("independent alignment work for \$90k vs. Capabilities work
# for \$250k") doubles the sacrifice to \$800,000.

# %%
relative = games.individual.career_choice(reading="relative").subs(PS)
print("relative reading, Alignment payoff:", money(relative.payoffs[0][0, 0]),
      "= 175,000 +", money(relative.payoffs[0][0, 0] - 175_000))
industry = games.essay.parameters("industry", case="dunbar")
t_ind = [t for t in solvers.break_even(career, m, industry) if "(Alignment, Passive)" in [o.label for o in t.above]][0]
print(f"industry scenario, Dunbar values: break-even multiplier {float(t_ind.value):.4f}")

# %% [markdown]
# ## How robust is the conclusion? Sweeps
#
# > "So—depending on how much AI researchers differ from the average person, perhaps saving humanity really is
# > enough of a motivator. It doesn't seem like a slam-dunk, though."
#
# A grid sweep over the researcher's VSL multiplier and her altruism (150 others, the phd salaries), evaluated
# from the closed-form conditions, with the threshold curve on top:

# %%
grid = solvers.sweep("career_choice", vary={"researcher_vsl_multiplier": (1, 5, 60), "altruism_weight": (0, 0.3, 60)},
                     params=PS)
print(f"Alignment holds on {int(grid.holds('(Alignment, Passive)').sum())} of {grid.n_points} grid points")
fig, ax = plt.subplots(figsize=(7, 4))
solvers.plot_regime_map(grid, ax=ax, resolution=100)
plt.show()

# %% [markdown]
# And with the uncertainty the essay admits ("The value of a statistical life is worth somewhere from \$5 to \$8m",
# salaries from its \$35k stipend to \$90k and from \$123k to \$250k, a researcher's VSL from 1 to 5 times the
# average), at the Dunbar altruism: a Monte Carlo sweep over the registry's distributions (here all four are
# uniform on the essay's own ranges; each is named with its provenance), and which parameters matter most.

# %%
uncertain = ["vsl", "researcher_vsl_multiplier", "salary_alignment", "salary_capabilities"]
mc = solvers.sweep("career_choice", samples=20_000, params=dunbar, uncertain=uncertain, seed=1)
shares = {k: v for k, v in mc.record_shares().items() if v}
print(f"Alignment in {shares['(Alignment, Passive)']:.3f} of the draws; Capabilities in "
      f"{shares['(Capabilities, Passive)']:.3f}")
print(mc.distributions)
tor = solvers.tornado("career_choice", params=dunbar, parameters=uncertain)
solvers.plot_tornado(tor)
plt.show()

# %% [markdown]
# Half and half: at the Dunbar altruism the choice hinges on numbers nobody knows well — a coin flip, not a
# slam-dunk.
#
# ## What would it cost to change the choice?
#
# The smallest subsidy that makes Alignment the researcher's best choice, in closed form and at the essay's
# values: the income sacrifice less what her share of survival is worth to her.

# %%
cost = solvers.minimal_intervention(career, "Alignment", target="dominant", instrument="subsidy")
tex(cost.amount, lhs=r"\sigma_A^*")
for case in ("baseline", "dunbar"):
    amount, _ = cost.at(games.essay.parameters("phd", case=case))
    print(f"subsidy needed, {case} case: {money(amount)}")

# %% [markdown]
# ## For social reputation: the alignment-washing game
#
# > "Precisely because the line between Alignment and Capabilities work is blurry, and perhaps difficult to see
# > much of the time, we are all vulnerable to a motivated reasoning process that leads people to do
# > Capabilities work while telling themselves and others they are doing Alignment work."
#
# A researcher chooses Genuine alignment, Washed alignment (Capabilities work labelled Alignment) or open
# Capabilities; a funder Trusts or Audits. Social capital $S$ goes to whoever *seems* to do Alignment.

# %%
washing = games.reputation.alignment_washing()
display(washing)
w_eq = solvers.nash_equilibria(washing.subs(PS))
print(w_eq)
researcher, funder = w_eq[0].profile
print(f"washing probability {researcher[1]}, audit probability {funder[1]} = {float(funder[1]):.4f}")

# %% [markdown]
# It is an inspection game: no pure equilibrium. One researcher in five washes and the funder audits 85% of
# the time, which is what it takes to keep washing from paying. Reputation, in this model, motivates
# "things that look like Alignment" as much as Alignment.
#
# ## Explore
#
# `solvers.explore` puts a slider on every parameter (ranges from the registry) and re-solves the game as they
# move, with the break-even values of its first parameter (and, optionally, a regime map from the closed-form
# conditions: `regime=(x, y)`).
# In Jupyter the sliders are live; here we also drive them from code.

# %%
explorer = solvers.explore(
    career, dunbar,
    sliders=["researcher_vsl_multiplier", "altruism_weight", "circle_size", "salary_capabilities"],
    regime=False,         # the sweep above drew the regime map; notebooks 2-4 and 6 show the explorer's own
)
explorer

# %%
explorer.set(researcher_vsl_multiplier=1.69)
print(explorer.result.labels)
explorer.set(researcher_vsl_multiplier=1.70)
print(explorer.output_text)

# %% [markdown]
# The conclusion of the essay, in one line of algebra: Alignment wins when
# $p\,\delta\, m V (1 + \alpha k) > (w_C - w_A) T$ — "depending on how much AI researchers differ from the
# average person, perhaps saving humanity really is enough of a motivator. It doesn't seem like a slam-dunk,
# though."
