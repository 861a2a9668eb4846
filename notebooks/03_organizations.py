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
# # 3. Labs and investors: the organizational level
#
# > "If you create a company to do for-profit work, and get investors to invest in the project, they'll expect a
# > return. If you go public, you'll have a fiduciary duty to obtain a return for investors. For organizations,
# > Alignment doesn't earn money (except in so far as it improves capabilities for tasks); Capabilities does."
#
# > "Thus, leaders like OpenAI and Deepmind, to maintain their lead, must continue spending on Capabilities, or
# > they'll be outcompeted by others who prefer to spend only on Capabilities."
#
# Two games: labs racing for the essay's \$110b AI market, and investors deciding where their \$10b goes.
# Then the interventions the essay closes with: taxes, subsidies, a buy-out.

# %%
import warnings

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
# ## The lab race
#
# Each lab focuses on Safety or Capabilities. The prize is the market's value $M$ (ours: \$150b a year); the
# essay's "\$50b into AI this year and \$110b by 2024" is investment, a cost the two labs share. The rest
# (leader share $\sigma$, safety cost $\kappa$, catastrophe loss $L$) are our assumptions, registered with their
# ranges.

# %%
race = games.organizational.lab_race()
race

# %%
numeric = race.subs(PS)
in_bn = games.Game.from_bimatrix([[v / 10**9 for v in row] for row in numeric.payoffs[0].tolist()],
                                 players=numeric.players, strategies=numeric.strategies, name="Lab race, $bn")
display(in_bn)
(R, S), (T, P) = in_bn.payoffs[0].tolist()
print(f"T, R, P, S = {T}, {R}, {P}, {S} ($bn a year)")
print(solvers.classify(numeric))
print(solvers.nash_equilibria(numeric))

# %% [markdown]
# $T > R > P > S$: a Prisoner's Dilemma. Both labs would earn \$15b a year with Safety, but each gains \$40b by
# racing against a Safety lab, so both race and earn nothing. When is the race a Prisoner's Dilemma? `classify`
# gives the closed-form condition:

# %%
types = solvers.classify(race)
tex(types.conditions["Prisoner's Dilemma"])
display(solvers.to_latex([record for record in solvers.equilibrium_conditions(race) if record.label == "(Safety, Safety)"]))
# %% [markdown]
# Mutual Safety is an equilibrium only if a lab gains nothing by racing against a Safety lab ($T \le R$): at our
# defaults racing earns \$55b a year against Safety's \$15b, so it is not.

# %% [markdown]
# ## Many labs
#
# > "Even if these organizations do more Alignment research overall than Capabilities, there are many other
# > potential competitors who can spring up to focus on Capabilities."

# %%
labs = games.organizational.n_lab_race(5)
display(labs)
for e in solvers.symmetric_equilibria(labs.subs(PS)):
    print(e)

# %% [markdown]
# ## Investors
#
# > "As the amount of money available to investors grows, more and more will choose to invest in Capabilities
# > research, because of the return available."
#
# Two investors each place the essay's representative \$10b (Microsoft's investment in OpenAI). Capabilities
# returns $r$; Alignment returns $\rho r$ (0: "Alignment doesn't earn money") but lowers P(doom), which each
# investor values at her stake $S_I$.

# %%
funding = games.organizational.funding()
display(funding)
print(solvers.classify(funding, PS))
investment = PS.symbol("microsoft_openai_investment")
be = solvers.break_even(funding, investment, PS)
print(be)
print(f"investment above which Capabilities dominates: ${float(be[0].value):,.0f}")
tex(solvers.break_even(games.organizational.funding(clamp=False), investment)[0].value, lhs="I^*")

# %% [markdown]
# Below \$6.7b per investor, Alignment's share of the survival gain outweighs the forgone return; above it,
# Capabilities dominates — the essay's "as the amount of money available to investors grows".
#
# The RLHF objection ("productionizable models rely just as much or even more on Alignment research") is the
# return share $\rho$. How large must it be to restore Alignment at the essay's \$10b?

# %%
rho = PS.symbol("alignment_return_share")
for t in solvers.break_even(funding, rho, PS):
    print(f"rho = {t.value}: below {[o.label for o in t.below]}, above {[o.label for o in t.above]}")

# %% [markdown]
# ## Interventions
#
# > "Overall, if you think that more funding for research in Alignment could help reduce P(Doom), or you think
# > that less funding for research in Capabilities could help by buying us more time, then perhaps you're buying
# > into a version of the argument I'm making here."
#
# A tax on Capabilities-focused labs or a subsidy to Safety-focused ones, each a new game with the intervention's
# symbol in its payoffs, so its break-even size is a closed form:

# %%
taxed = games.interventions.tax_capabilities(race)
display(taxed)
tax = PS.symbol("capabilities_tax")
print(solvers.break_even(taxed, tax, PS))
subsidy = PS.symbol("alignment_subsidy")
print(solvers.break_even(games.interventions.subsidize_alignment(race), subsidy, PS))
for instrument in ("tax", "subsidy"):
    c = solvers.minimal_intervention(race, "Safety", target="equilibrium", instrument=instrument, values=PS)
    print(f"minimal {instrument}: ${float(c.amount) / 1e9:.0f}b per lab; the intervener pays ${float(c.total_cost) / 1e9:.0f}b")

# %% [markdown]
# Either needs \$40b a year per lab ($T - R$). A tax costs the intervener nothing once it works (nobody pays
# it at the new equilibrium); a subsidy costs \$80b a year, eight times the essay's "\$10b" of total
# Alignment funding.
#
# ### Buying researchers out
#
# > "If you gave Miri a billion dollars, I would not know how to–Well, at a billion dollars, I might try to bribe
# > people to move out of AI development ..."
#
# A buy-out adds the strategy "Bought out": the researcher leaves AI work (as "Neither") and receives
# $B / n_B$ — the billion shared by $n_B = 800$ researchers (800 five-year careers at \$250k). The bought-out
# researchers are removed from the system, not moved to Alignment: the buy-out buys time. With our flagged
# assumptions (half the positions refilled, a Capabilities workforce of 10,000, P(doom) one point lower per year
# bought) that is 0.2 years and 0.002 of P(doom).

# %%
bought = games.interventions.buyout(games.individual.career_choice())
display(bought)
b = bought.subs(PS)
print(solvers.nash_equilibria(b))
print("one researcher's share of the billion:", money(PS.value("buyout_budget") / PS.value("buyout_researchers")))
effect = solvers.buyout_effect(PS.value("buyout_budget"), 250_000 * 5)
print(f"careers the billion buys at $250k a year for five years: {effect.careers}")
removal = games.removal.buyout_removal().at(games.essay.parameters("industry"))
print(f"removed net of replacements: {removal['removed']}; years bought: {float(removal['time_bought'])}; "
      f"P(doom) change: {float(removal['doom_change'])}")

# %% [markdown]
# ## Explore
#
# The lab race with sliders on the assumptions we had to make; the regime map shows where Safety becomes
# an equilibrium.

# %%
explorer = solvers.explore(race, sliders=["leader_share", "safety_cost", "lab_catastrophe_loss", "p_doom"],
                           regime=("lab_catastrophe_loss", "safety_cost"))
explorer

# %%
print(explorer.output_text)
