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
# # 8. Hidden information: who can tell aligned work from washed work?
#
# The essay's reputation argument is about what others cannot see: "social capital accrues for alignment
# research that *seems* to be impactful to relevant others", and "the end target of alignment remains somewhat
# mysterious" while "we can simply test an AI for the relevant capabilities". A funder sees a signal, not the
# type of the work. That is a **signalling game**, solved by **perfect Bayesian equilibrium**.
#
# This notebook: the textbook beer-quiche game (to see the machinery), the library's `alignment_signal`
# model with its pooling and separating conditions, and a Bayesian game in strategic form.

# %%
import warnings

import sympy
from IPython.display import Math, display

import games
import solvers

warnings.simplefilter("ignore", RuntimeWarning)
PS = games.essay.parameters("phd")


def money(x):
    return f"{float(x):,.0f}"


# %% [markdown]
# ## 1. Beer or quiche (Cho and Kreps 1987)
#
# A sender is Strong (probability 9/10) or Weak. It chooses a breakfast; a bully sees the breakfast and
# decides to Duel or Flee. The sender gets 1 for its preferred breakfast (Strong: Beer, Weak: Quiche) and 2 if
# the bully flees; the bully wants to duel only a weak sender.

# %%
def beer_quiche(p_weak):
    pays = {(t, m, r): (int(m == ("Beer" if t == "Strong" else "Quiche")) + 2 * (r == "Flee"),
                        (1 if t == "Weak" else -1) if r == "Duel" else 0)
            for t in ("Strong", "Weak") for m in ("Beer", "Quiche") for r in ("Duel", "Flee")}
    return games.SignalingGame({"Strong": 1 - p_weak, "Weak": p_weak}, ("Beer", "Quiche"), ("Duel", "Flee"),
                               pays, name="Beer-quiche")


for eq in solvers.perfect_bayesian_equilibria(beer_quiche(sympy.Rational(1, 10))):
    print(eq.label, "| intuitive:", eq.intuitive, "| off-path beliefs:", {m: str(b) for m, b in eq.beliefs.items()
                                                                        if m in eq.off_path})

# %% [markdown]
# Both pooling equilibria need a threat off the path: the bully duels after the other breakfast when it believes
# the sender is Weak with probability at least 1/2. Only pooling on Beer survives the intuitive criterion: a Weak
# sender could never gain from Beer, so a Strong one is the only type who would.
#
# With the prior left as a symbol $p$ = P(Weak), each equilibrium comes with its condition on the prior:

# %%
p = sympy.Symbol("p", nonnegative=True)
symbolic = solvers.perfect_bayesian_equilibria(beer_quiche(p))
display(Math(solvers.to_latex(symbolic[0], comments=False)))
print("pooling on Beer holds iff", symbolic[0].condition)

# %% [markdown]
# ## 2. Alignment-washing as a signalling game
#
# `alignment_signal`: the researcher's work is Genuine (probability $\pi$) or Washed (Capabilities work that
# only looks aligned). She either has it verified (cost $c_V$; a washer is then exposed with the audit's
# probability $d$ and pays the penalty $L_W$) or merely claims it is alignment. The funder sees which, and Funds
# (the researcher gains the social capital $S$) or Passes.

# %%
signal = games.build("alignment_signal")
signal

# %%
at_defaults = solvers.perfect_bayesian_equilibria(signal.subs(PS))
for eq in at_defaults:
    print(eq)

# %% [markdown]
# At the defaults no equilibrium separates the two types: washed work is claimed and funded. The conditions, in
# closed form (the separating one):

# %%
separating = [e for e in solvers.equilibrium_conditions(signal)
              if e.kind == "separating" and e.sender["Genuine"] == "Verify"
              and dict(e.receiver) == {"Verify": "Fund", "Claim": "Pass"}]
display(Math(solvers.to_latex(separating[0], comments=False)))

# %% [markdown]
# Verification is worth its cost to genuine work when $c_V \le S$, and deters washing when
# $S \le c_V + d L_W$. So the separating equilibrium holds for $S$ between two break-even values:

# %%
S, c_V = PS["social_capital"].value, PS["verification_cost"].value
d, L_W = PS["audit_detection"].value, PS["washing_penalty"].value
print(f"separating for {money(c_V)} <= S <= {money(c_V + d * L_W)}; the essay's default S = {money(S)}")
for value in (40_000, 200_000, 500_000):
    eqs = solvers.perfect_bayesian_equilibria(signal.subs(PS.set(social_capital=value)))
    print(f"S = {money(value)}: separating equilibrium: {any(e.kind == 'separating' for e in eqs)}")

# %% [markdown]
# More reputation for *looking* aligned breaks the separation: with $S$ above $c_V + d L_W$ a washer verifies
# too. A harsher penalty restores it:

# %%
harsh = solvers.perfect_bayesian_equilibria(signal.subs(PS.set(washing_penalty=1_000_000)))
print("with L_W = 1,000,000:", [e.label for e in harsh if e.kind == "separating"])

# %% [markdown]
# ## 3. A Bayesian game and its strategic form
#
# Osborne's battle of the sexes in which player 1 does not know whether player 2 wants to meet her or to avoid
# her (probability 1/2 each). Its ex-ante strategic form has one strategy per type-contingent plan:

# %%
meet = {("B", "B"): (2, 1), ("B", "S"): (0, 0), ("S", "B"): (0, 0), ("S", "S"): (1, 2)}
avoid = {("B", "B"): (2, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1), ("S", "S"): (1, 0)}
bos = games.BayesianGame(("1", "2"), (("any",), ("meet", "avoid")), (("B", "S"), ("B", "S")),
                         {("any", "meet"): sympy.Rational(1, 2), ("any", "avoid"): sympy.Rational(1, 2)},
                         lambda t, a: (meet if t[1] == "meet" else avoid)[a], name="BoS with imperfect information")
form = bos.to_strategic_form()
form

# %%
for eq in solvers.bayesian_equilibria(bos):
    print(eq)

# %% [markdown]
# ## 4. Explore
#
# The explorer works on the strategic form of the signalling game (the sender's plans against the funder's);
# its equilibria follow the sliders.

# %%
explorer = solvers.explore(signal.to_strategic_form(), PS, sliders=["social_capital", "washing_penalty"],
                           regime=False, plot=False)
explorer
