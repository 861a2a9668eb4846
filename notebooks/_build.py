"""Generate the tutorial notebooks (clean: no outputs) from the cells below.

Run ``python notebooks/_build.py`` from anywhere; it rewrites every
``notebooks/NN_*.ipynb``.  The notebooks are executed by
``tests/test_notebooks.py`` (nbclient, a real ipykernel, working directory
``notebooks/``), which also checks numbers each one prints.

Conventions for the cells: only the public API (``import games, solvers``);
games and conditions shown as rendered LaTeX (objects with ``_repr_latex_``,
or ``IPython.display.Math``); the essay quoted verbatim; every notebook runs in
a few seconds after the kernel has imported the package.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

SETUP = '''\
import warnings

import matplotlib.pyplot as plt
import sympy
from IPython.display import Markdown, Math, display

import games
import solvers

warnings.simplefilter("ignore", RuntimeWarning)   # closed forms the solvers cannot derive are reported as warnings
NAMES = games.parameters.latex_symbol_names()     # the registry's LaTeX names: V, p, \\delta, m, ...
PS = games.essay.parameters("phd")                # the essay's baseline: a $35k stipend vs a $123k job


def tex(expr, lhs=None):
    """Render a sympy expression or condition with the registry's symbol names."""
    body = sympy.latex(expr, symbol_names=NAMES)
    display(Math(f"{lhs} = {body}" if lhs else body))


def show(result):
    """Render a closed-form result (equilibrium conditions, break-even values, a classification) as LaTeX."""
    latex = solvers.to_latex(result)                     # each line ends with its plain text as a % comment
    display(Math("\\n".join(line.split("  % ")[0] for line in latex.splitlines())))


def money(x):
    return f"{float(x):,.0f}"
'''


def md(text: str) -> nbformat.NotebookNode:
    return new_markdown_cell(text.strip("\n"))


def code(text: str) -> nbformat.NotebookNode:
    return new_code_cell(text.strip("\n"))


# ---------------------------------------------------------------------------
# 01 individual incentives
# ---------------------------------------------------------------------------

NB01 = [
    md(r'''
# 1. One researcher's choice: Alignment, Capabilities or neither

> "A self-interested, rational AI researcher can choose to work on Capabilities, or work on Alignment.
> What are the advantages for a rational researcher facing this choice?"
> — *Who Aligns the Alignment Researchers?*

This notebook turns the essay's section "Incentives to research Alignment" into a game, solves it exactly,
derives the closed-form condition under which Alignment is chosen, and audits the essay's arithmetic.
Everything comes from the public API: `games` (the models) and `solvers` (the analysis).
'''),
    code(SETUP),
    md(r'''
## The essay's numbers

Every figure of the essay is a registered parameter with its value, its plausible range and the essay's
own words. The baseline is "the average person" valuing only her own life; the `phd` scenario compares
"graduate school with a \$35k stipend" with "an entry-level software engineering job paying ... \$123k".
'''),
    code(r'''
def esc(text):
    return str(text).replace("$", r"\$").replace("|", r"\|")

rows = ["| parameter | symbol | value | range | the essay |", "|---|---|---|---|---|"]
for name in ["vsl", "p_doom", "p_pivotal", "doom_reduction", "researcher_vsl_multiplier", "salary_alignment",
             "salary_capabilities", "horizon_years", "altruism_weight", "circle_size"]:
    p = PS[name]
    rng = f"{float(p.low):g} – {float(p.high):g}" if p.low is not None else ""
    rows.append(f"| `{name}` | ${p.latex}$ | {float(p.value):g} | {rng} | “{esc(p.quote)}” |")
display(Markdown("\n".join(rows)))
'''),
    md(r'''
### The audit: the essay's claims recomputed

`games.essay.claims()` recomputes every number exactly. Most survive; one does not: the Dunbar figure
"revised upwards from \$16,250 to \$243,750" counts the 150 others but leaves out the researcher's own life,
which the essay's own model includes ($16{,}250 \times (1 + 0.1 \times 150) = 260{,}000$).
'''),
    code(r'''
rows = ["| claim | the essay says | recomputed | status |", "|---|---|---|---|"]
for c in games.essay.claims():
    rows.append(f"| {c.id} | “{esc(c.claim)}” | {float(c.computed):,.6g} | **{c.status}** |")
display(Markdown("\n".join(rows)))
claims = {c.id: c for c in games.essay.claims()}
print("marginal value of one researcher's Alignment work:", money(claims["marginal"].computed))
print("income sacrifice over five years:", money(claims["income-sacrifice"].computed))
print("Dunbar, with the researcher's own life:", money(claims["dunbar"].computed),
      "| without it (the essay):", money(claims["dunbar"].alternatives["without own life"]))
'''),
    md(r'''
## The career-choice game

> "Say a rational researcher believes there is a 5% chance their particular work will reduce P(Doom) by 5%,
> then the rational amount they'd be willing to pay is 5%\*5%\*\$6.5m=\$16,250."

Over a horizon of $T$ years (undiscounted, as the essay's "\$440k over the next five years"), a researcher
who values survival at $m V (1 + \alpha k)$ (her own life, plus weight $\alpha$ on each of $k$ others) gets

* Alignment: $w_A T + p\,\delta\, m V (1 + \alpha k) + R_A$,
* Capabilities: $w_C T + R_C$,
* Neither: $w_N T$.

The decision is a game against a passive "World" (one column), so every two-player solver applies.
The game object renders itself as LaTeX:
'''),
    code(r'''
career = games.individual.career_choice()
career
'''),
    md("At the essay's baseline values the game is numeric, and its equilibrium is exact:"),
    code(r'''
baseline = career.subs(PS)
display(baseline)
for i, s in enumerate(baseline.strategies[0]):
    print(f"{s} payoff over five years: {money(baseline.payoffs[0][i, 0])}")
equilibria = solvers.nash_equilibria(baseline)
print(equilibria)
'''),
    md(r'''
Capabilities wins by a wide margin: \$615,000 of salary against \$175,000 of stipend plus \$16,250 of
expected survival value. In the essay's words, "It's far from clear that the value people typically assign to
their own lives makes it worth the sacrifice for an average researcher to add their own marginal effort to
the Alignment problem."

## When is Alignment the equilibrium? The closed form

`solvers.equilibrium_conditions` solves the *symbolic* game: every equilibrium with the exact condition on the
parameters under which it holds.
'''),
    code(r'''
conditions = solvers.equilibrium_conditions(career)
show([record for record in conditions if record.kind == "pure"])
'''),
    md(r'''
`solvers.break_even` solves those conditions for one parameter. How much more than the average person must a
researcher value her own life for Alignment to win? With the other parameters free:
'''),
    code(r'''
m = PS.symbol("researcher_vsl_multiplier")
show(solvers.break_even(career, m))
'''),
    md(r'''
At the essay's baseline (only her own life counts) the researcher would need to value her life 27 times as
much as the average person; the essay's "if you think 5x higher, then we get to \$81,250" is far short of the
\$440,000 sacrifice.
'''),
    code(r'''
be = solvers.break_even(career, m, PS)
print(be)
at_baseline = [t for t in be if "(Alignment, Passive)" in [o.label for o in t.above]][0]
print(f"break-even multiplier, own life only: {float(at_baseline.value):.4f}")
'''),
    md(r'''
## Caring about others: the Dunbar case

> "Assuming we'll value others' lives about 10% as much as our own, over 150 people, the value of working on
> alignment research as described above would be revised upwards from \$16,250 to \$243,750. On top of that,
> if you think alignment researchers have a Value of Statistical Life for themselves that is five times as
> much as the average person, then we're getting to a value we need to be altruistic enough to take salary
> sacrifice to work on Alignment."

The essay's walk-through cases, solved one by one:
'''),
    code(r'''
rows = ["| case | Alignment payoff | Capabilities payoff | equilibrium |", "|---|---|---|---|"]
for case in games.essay.cases():
    game = career.subs(games.essay.parameters("phd", case=case))
    eq = solvers.nash_equilibria(game)[0]
    choice = game.strategies[0][eq.support[0][0]]
    rows.append(f"| {case} | {float(game.payoffs[0][0, 0]):,.0f} | {float(game.payoffs[0][1, 0]):,.0f} | **{choice}** |")
display(Markdown("\n".join(rows)))
'''),
    md(r'''
The Dunbar case is close but still Capabilities (\$435,000 against \$615,000); with a five-fold VSL it is
Alignment. Where exactly does it flip? At the Dunbar values the break-even multiplier is
$440{,}000 / 260{,}000 = 22/13$:
'''),
    code(r'''
dunbar = games.essay.parameters("phd", case="dunbar")
threshold = solvers.break_even(career, m, dunbar)
print(threshold)
t = [t for t in threshold if "(Alignment, Passive)" in [o.label for o in t.above]][0]
print(f"break-even multiplier at the Dunbar values: {t.value} = {float(t.value):.4f}")

# the essay's reading (own life left out): 440,000 / 243,750
others_only = solvers.break_even(games.individual.career_choice(own_life=False), m, dunbar)
print(f"leaving out the researcher's own life, as the essay's $243,750 does: "
      f"{float(others_only[-1].value):.4f}")
'''),
    md(r'''
## Other readings and scenarios

"reduce P(Doom) by 5%" could also mean 5% *of* P(doom) (a relative reading): the marginal value falls from
\$16,250 to \$3,250. And the industry scenario ("independent alignment work for \$90k vs. Capabilities work
for \$250k") doubles the sacrifice to \$800,000.
'''),
    code(r'''
relative = games.individual.career_choice(reading="relative").subs(PS)
print("relative reading, Alignment payoff:", money(relative.payoffs[0][0, 0]),
      "= 175,000 +", money(relative.payoffs[0][0, 0] - 175_000))
industry = games.essay.parameters("industry", case="dunbar")
t_ind = [t for t in solvers.break_even(career, m, industry) if "(Alignment, Passive)" in [o.label for o in t.above]][0]
print(f"industry scenario, Dunbar values: break-even multiplier {float(t_ind.value):.4f}")
'''),
    md(r'''
## How robust is the conclusion? Sweeps

> "So—depending on how much AI researchers differ from the average person, perhaps saving humanity really is
> enough of a motivator. It doesn't seem like a slam-dunk, though."

A grid sweep over the researcher's VSL multiplier and her altruism (150 others, the phd salaries), evaluated
from the closed-form conditions, with the threshold curve on top:
'''),
    code(r'''
grid = solvers.sweep("career_choice", vary={"researcher_vsl_multiplier": (1, 5, 60), "altruism_weight": (0, 0.3, 60)},
                     params=PS)
print(f"Alignment holds on {int(grid.holds('(Alignment, Passive)').sum())} of {grid.n_points} grid points")
fig, ax = plt.subplots(figsize=(7, 4))
solvers.plot_regime_map(grid, ax=ax, resolution=100)
plt.show()
'''),
    md(r'''
And with the uncertainty the essay admits ("The value of a statistical life is worth somewhere from \$5 to \$8m",
salaries that vary from a stipend to an industry job, a researcher's VSL from 1 to 5 times the average), at
the Dunbar altruism: a Monte Carlo sweep over the registry's ranges, and which parameters matter most.
'''),
    code(r'''
uncertain = ["vsl", "researcher_vsl_multiplier", "salary_alignment", "salary_capabilities"]
mc = solvers.sweep("career_choice", samples=20_000, params=dunbar, uncertain=uncertain, seed=1)
shares = {k: v for k, v in mc.record_shares().items() if v}
print(f"Alignment in {shares['(Alignment, Passive)']:.3f} of the draws; Capabilities in "
      f"{shares['(Capabilities, Passive)']:.3f}")
print(mc.distributions)
tor = solvers.tornado("career_choice", params=dunbar, parameters=uncertain)
solvers.plot_tornado(tor)
plt.show()
'''),
    md(r'''
Half and half: at the Dunbar altruism the choice hinges on numbers nobody knows well — a coin flip, not a
slam-dunk.

## What would it cost to change the choice?

The smallest subsidy that makes Alignment the researcher's best choice, in closed form and at the essay's
values: the income sacrifice less what her share of survival is worth to her.
'''),
    code(r'''
cost = solvers.minimal_intervention(career, "Alignment", target="dominant", instrument="subsidy")
tex(cost.amount, lhs=r"\sigma_A^*")
for case in ("baseline", "dunbar"):
    amount, _ = cost.at(games.essay.parameters("phd", case=case))
    print(f"subsidy needed, {case} case: {money(amount)}")
'''),
    md(r'''
## For social reputation: the alignment-washing game

> "Precisely because the line between Alignment and Capabilities work is blurry, and perhaps difficult to see
> much of the time, we are all vulnerable to a motivated reasoning process that leads people to do
> Capabilities work while telling themselves and others they are doing Alignment work."

A researcher chooses Genuine alignment, Washed alignment (Capabilities work labelled Alignment) or open
Capabilities; a funder Trusts or Audits. Social capital $S$ goes to whoever *seems* to do Alignment.
'''),
    code(r'''
washing = games.individual.alignment_washing()
display(washing)
w_eq = solvers.nash_equilibria(washing.subs(PS))
print(w_eq)
researcher, funder = w_eq[0].profile
print(f"washing probability {researcher[1]}, audit probability {funder[1]} = {float(funder[1]):.4f}")
'''),
    md(r'''
It is an inspection game: no pure equilibrium. One researcher in five washes and the funder audits 85% of
the time, which is what it takes to keep washing from paying. Reputation, in this model, motivates
"things that look like Alignment" as much as Alignment.

## Explore

`solvers.explore` puts a slider on every parameter (ranges from the registry) and re-solves the game as they
move, with the break-even values of its first parameter (and, optionally, a regime map from the closed-form
conditions: `regime=(x, y)`).
In Jupyter the sliders are live; here we also drive them from code.
'''),
    code(r'''
explorer = solvers.explore(
    career, dunbar,
    sliders=["researcher_vsl_multiplier", "altruism_weight", "circle_size", "salary_capabilities"],
    regime=False,         # the sweep above drew the regime map; notebooks 2-4 and 6 show the explorer's own
)
explorer
'''),
    code(r'''
explorer.set(researcher_vsl_multiplier=1.69)
print(explorer.result.labels)
explorer.set(researcher_vsl_multiplier=1.70)
print(explorer.output_text)
'''),
    md(r'''
The conclusion of the essay, in one line of algebra: Alignment wins when
$p\,\delta\, m V (1 + \alpha k) > (w_C - w_A) T$ — "depending on how much AI researchers differ from the
average person, perhaps saving humanity really is enough of a motivator. It doesn't seem like a slam-dunk,
though."
'''),
]


# ---------------------------------------------------------------------------
# 02 collective action
# ---------------------------------------------------------------------------

NB02 = [
    md(r'''
# 2. The collective-action problem among researchers

> "Generally speaking, there's a collective action problem. If our AI researcher valued all 8 billion human
> lives at each worth to their own, then with the same marginal expected impact on P(Doom) as above, that
> specific one researcher working on Alignment would have a payoff of 5%\*5%\*\$20m\*8 billion=\$400 trillion,
> or the 2021 world GDP for about five years."

Each of $n$ researchers chooses Alignment or Capabilities. Every Alignment researcher lowers P(doom) by
$\Delta = p\,\delta$ for *everyone*; the salary gap is paid by her alone. This notebook shows the resulting
$n$-player Prisoner's Dilemma, the group size $n^*$ beyond which everybody would be better off if all chose
Alignment, and the threshold variant in which Alignment needs a critical mass.
'''),
    code(SETUP),
    md(r'''
## The $n$-player game

`collective_action` is a `SymmetricGame`: two payoff functions of $j$, the number of *other* researchers
doing Alignment, for any (even symbolic) number of players $n$. With `clamp=False` P(doom) is the linear
$P_{\mathrm{doom}} - \Delta a + \gamma c$ (valid while it stays in $[0, 1]$), which keeps the algebra clean.
'''),
    code(r'''
ca = games.individual.collective_action(clamp=False)
ca
'''),
    md("What does switching from Alignment to Capabilities gain a researcher, whatever the others do?"),
    code(r'''
j = games.individual.COUNT
gain = sympy.simplify(ca.payoff("Capabilities", j) - ca.payoff("Alignment", j))
tex(gain, lhs=r"\pi_C(j) - \pi_A(j)")
print("at the essay's values:", money(gain.subs(PS.substitutions())), "for every j")
'''),
    md(r'''
The gain does not depend on $j$: Capabilities is a dominant strategy whenever
$(w_C - w_A) T + R_C - R_A > (\Delta + \gamma) W$, i.e. \$440,000 > \$16,250 at the baseline. The symmetric
equilibria of a 50-researcher game at the essay's values:
'''),
    code(r'''
ca50 = ca.subs(PS)          # n_researchers = 50 (ours)
for e in solvers.symmetric_equilibria(ca50):
    print(e)
all_alignment = ca50.payoff("Alignment", 49)
all_capabilities = ca50.payoff("Capabilities", 0)
print("everyone on Alignment:   ", money(all_alignment))
print("everyone on Capabilities:", money(all_capabilities))
'''),
    md(r'''
Everybody on Capabilities is the only equilibrium, yet every single researcher would be better off if all 50
chose Alignment: the P(doom) they buy together (50 × 0.25 points) is worth more to each of them than her own
salary sacrifice. That is the collective-action problem.

## The critical group size $n^*$

`break_even(..., what="welfare")` finds where the ranking of all-Alignment against all-Capabilities flips:
'''),
    code(r'''
n = PS.symbol("n_researchers")
welfare = solvers.break_even(ca, n, what="welfare")
show(welfare)
n_star = solvers.break_even(ca, n, PS, what="welfare")[0].value
print(f"n* = {n_star} = {float(n_star):.2f} researchers")
print("below:", welfare[0].below[0].label)
print("above:", welfare[0].above[0].label)
'''),
    md(r'''
$n^* = (w_C - w_A) T / (\Delta W) = 440{,}000 / 16{,}250 \approx 27$: with more than 27 researchers, all of
them would prefer a world where all do Alignment, but none chooses it alone.

Breaking the dilemma from outside costs the same per researcher whatever $n$: the subsidy must cover the gap,
and it is paid to all of them.
'''),
    code(r'''
cost = solvers.minimal_intervention(ca, "Alignment", target="dominant", values=PS)
print(f"subsidy per researcher: {money(cost.amount)}; for all 50: {money(cost.total_cost)}")
'''),
    md(r'''
## The two-researcher game

For two researchers the same model is a bimatrix; `classify` names its type.
'''),
    code(r'''
pair = games.individual.collective_action_pair(clamp=False)
display(pair)
print(solvers.classify(pair, PS))
print(solvers.nash_equilibria(pair.subs(PS)))
'''),
    md(r'''
With two researchers it is not even a dilemma (Deadlock: all-Capabilities is also the better outcome),
since $2 < n^*$. The dilemma needs many researchers, which is exactly the essay's situation.

## Valuing all of humanity

> "If our AI researcher valued all 8 billion human lives at each worth to their own ..."

With the humanity case ($V = \$20$m, $\alpha = 1$, $k = 8\times 10^9$) the marginal value of one researcher's
Alignment work dwarfs any salary, and Alignment becomes dominant:
'''),
    code(r'''
humanity = games.essay.parameters("phd", case="humanity")
claims = {c.id: c for c in games.essay.claims()}
print(f"the essay's $400 trillion: {float(claims['humanity'].computed):.4g}")
print(f"... or {float(claims['gdp-years'].computed):.2f} years of 2021 world GDP")
ca_h = games.individual.collective_action(clamp=True).subs(humanity)
for e in solvers.symmetric_equilibria(ca_h):
    print(e)
'''),
    md(r'''
## Critical mass: the threshold game

> "At least one prominent Alignment leader there is currently no promising path forward for Alignment
> research ... it may be that research is generally futile, or moving the marginal researcher into AI Risk
> is futile."

If an agenda succeeds only when at least $M$ of $n$ researchers join it, a researcher matters only when she is
pivotal. The game becomes a collective-risk dilemma: all-Capabilities stays an equilibrium, and interior mixed
equilibria appear.
'''),
    code(r'''
threshold = games.individual.threshold_alignment()
display(threshold)
th = threshold.subs(PS)      # n = 5, M = 2, q = 1 (ours)
for e in solvers.symmetric_equilibria(th):
    print(f"p(Alignment) = {float(e.p):.4f}  ({e.kind}, payoff {float(e.payoff):,.0f}, "
          f"{'stable' if e.stable else 'unstable'})")
'''),
    md("The gradient of selection $g(x) = x(1-x)(\\pi_A(x) - \\pi_C(x))$ shows which mixtures attract:"),
    code(r'''
gos = solvers.gradient_of_selection(th)
import numpy as np
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
'''),
    md(r'''
## Explore

Move the number of researchers and their valuation: the equilibrium flips to all-Alignment exactly where
$\Delta W$ exceeds the salary sacrifice, whatever $n$ is; $n$ only decides whether all-Capabilities is a
*dilemma*.
'''),
    code(r'''
explorer = solvers.explore(ca, sliders=["researcher_vsl_multiplier", "altruism_weight", "n_researchers"],
                           regime=("researcher_vsl_multiplier", "altruism_weight"))
explorer.set(altruism_weight=0.1, researcher_vsl_multiplier=2)
explorer
'''),
    code("print(explorer.output_text)"),
]


# ---------------------------------------------------------------------------
# 03 organizations
# ---------------------------------------------------------------------------

NB03 = [
    md(r'''
# 3. Labs and investors: the organizational level

> "If you create a company to do for-profit work, and get investors to invest in the project, they'll expect a
> return. If you go public, you'll have a fiduciary duty to obtain a return for investors. For organizations,
> Alignment doesn't earn money (except in so far as it improves capabilities for tasks); Capabilities does."

> "Thus, leaders like OpenAI and Deepmind, to maintain their lead, must continue spending on Capabilities, or
> they'll be outcompeted by others who prefer to spend only on Capabilities."

Two games: labs racing for the essay's \$110b AI market, and investors deciding where their \$10b goes.
Then the interventions the essay closes with: taxes, subsidies, a buy-out.
'''),
    code(SETUP),
    md(r'''
## The lab race

Each lab focuses on Safety or Capabilities. The market is the essay's "\$110b by 2024"; the rest
(leader share $\sigma$, safety cost $\kappa$, catastrophe loss $L$) are our assumptions, registered with their
ranges.
'''),
    code(r'''
race = games.organizational.lab_race()
race
'''),
    code(r'''
numeric = race.subs(PS)
in_bn = games.Game.from_bimatrix([[v / 10**9 for v in row] for row in numeric.payoffs[0].tolist()],
                                 players=numeric.players, strategies=numeric.strategies, name="Lab race, $bn")
display(in_bn)
(R, S), (T, P) = in_bn.payoffs[0].tolist()
print(f"T, R, P, S = {T}, {R}, {P}, {S} ($bn a year)")
print(solvers.classify(numeric))
print(solvers.nash_equilibria(numeric))
'''),
    md(r'''
$T > R > P > S$: a Prisoner's Dilemma. Both labs would earn \$50b a year with Safety, but each gains \$28b by
racing against a Safety lab, so both race and earn \$35b. When is the race a Prisoner's Dilemma? `classify`
gives the closed-form condition:
'''),
    code(r'''
types = solvers.classify(race)
tex(types.conditions["Prisoner's Dilemma"])
show([record for record in solvers.equilibrium_conditions(race) if record.label == "(Safety, Safety)"])
'''),
    md(r'''
Mutual Safety is an equilibrium only if a lab gains nothing by racing against a Safety lab ($T \le R$): at our
defaults racing earns \$78b a year against Safety's \$50b, so it is not.
'''),
    md(r'''
## Many labs

> "Even if these organizations do more Alignment research overall than Capabilities, there are many other
> potential competitors who can spring up to focus on Capabilities."
'''),
    code(r'''
labs = games.organizational.n_lab_race(5)
display(labs)
for e in solvers.symmetric_equilibria(labs.subs(PS)):
    print(e)
'''),
    md(r'''
## Investors

> "As the amount of money available to investors grows, more and more will choose to invest in Capabilities
> research, because of the return available."

Two investors each place the essay's representative \$10b (Microsoft's investment in OpenAI). Capabilities
returns $r$; Alignment returns $\rho r$ (0: "Alignment doesn't earn money") but lowers P(doom), which each
investor values at her stake $S_I$.
'''),
    code(r'''
funding = games.organizational.funding()
display(funding)
print(solvers.classify(funding, PS))
I = PS.symbol("microsoft_openai_investment")
be = solvers.break_even(funding, I, PS)
print(be)
print(f"investment above which Capabilities dominates: ${float(be[0].value):,.0f}")
tex(solvers.break_even(games.organizational.funding(clamp=False), I)[0].value, lhs="I^*")
'''),
    md(r'''
Below \$6.7b per investor, Alignment's share of the survival gain outweighs the forgone return; above it,
Capabilities dominates — the essay's "as the amount of money available to investors grows".

The RLHF objection ("productionizable models rely just as much or even more on Alignment research") is the
return share $\rho$. How large must it be to restore Alignment at the essay's \$10b?
'''),
    code(r'''
rho = PS.symbol("alignment_return_share")
for t in solvers.break_even(funding, rho, PS):
    print(f"rho = {t.value}: below {[o.label for o in t.below]}, above {[o.label for o in t.above]}")
'''),
    md(r'''
## Interventions

> "Overall, if you think that more funding for research in Alignment could help reduce P(Doom), or you think
> that less funding for research in Capabilities could help by buying us more time, then perhaps you're buying
> into a version of the argument I'm making here."

A tax on Capabilities-focused labs or a subsidy to Safety-focused ones, each a new game with the intervention's
symbol in its payoffs, so its break-even size is a closed form:
'''),
    code(r'''
taxed = games.interventions.tax_capabilities(race)
display(taxed)
tax = PS.symbol("capabilities_tax")
print(solvers.break_even(taxed, tax, PS))
subsidy = PS.symbol("alignment_subsidy")
print(solvers.break_even(games.interventions.subsidize_alignment(race), subsidy, PS))
for instrument in ("tax", "subsidy"):
    c = solvers.minimal_intervention(race, "Safety", target="equilibrium", instrument=instrument, values=PS)
    print(f"minimal {instrument}: ${float(c.amount) / 1e9:.0f}b per lab; the intervener pays ${float(c.total_cost) / 1e9:.0f}b")
'''),
    md(r'''
Either needs \$28b a year per lab ($T - R$). A tax costs the intervener nothing once it works (nobody pays
it at the new equilibrium); a subsidy costs \$56b a year, more than five times the essay's "\$10b" of total
Alignment funding.

### Buying researchers out

> "If you gave Miri a billion dollars, I would not know how to–Well, at a billion dollars, I might try to bribe
> people to move out of AI development ..."

A buy-out adds the strategy "Bought out": the researcher leaves AI work (as "Neither") and receives
$B / n_B$ — the billion shared by $n_B = 800$ researchers (800 five-year careers at \$250k).
'''),
    code(r'''
bought = games.interventions.buyout(games.individual.career_choice())
display(bought)
b = bought.subs(PS)
print(solvers.nash_equilibria(b))
print("one researcher's share of the billion:", money(PS.value("buyout_budget") / PS.value("buyout_researchers")))
effect = solvers.buyout_effect(PS.value("buyout_budget"), 250_000 * 5)
print(f"careers the billion buys at $250k a year for five years: {effect.careers}")
'''),
    md(r'''
## Explore

The lab race with sliders on the assumptions we had to make; the regime map shows where Safety becomes
an equilibrium.
'''),
    code(r'''
explorer = solvers.explore(race, sliders=["leader_share", "safety_cost", "lab_catastrophe_loss", "p_doom"],
                           regime=("lab_catastrophe_loss", "safety_cost"))
explorer
'''),
    code("print(explorer.output_text)"),
]


# ---------------------------------------------------------------------------
# 04 geopolitics
# ---------------------------------------------------------------------------

NB04 = [
    md(r'''
# 4. Great powers: a relative edge against a global public good

> "Though it's not a focus here, I emphasize the geopolitical game theoretic factors are also fit into the
> question of Alignment broadly speaking. Competing great powers gain an edge over each other if they push the
> envelope on Capabilities research, but the benefits of Alignment work accrues to the whole world in general."

The essay gives no numbers here, so every parameter is ours (registered with a range). What the model shows is
which *kind* of game the sentence describes, and what would change the kind.
'''),
    code(SETUP),
    code(r'''
powers = games.geopolitical.great_power_race()
powers
'''),
    md(r'''
$b$: the benefit to every power of one power's Alignment; $s$: the synergy of aligning together; $E$: the
zero-sum edge of racing against a non-racer; $h_1, h_2$: catastrophe probability with one or two racers;
$D$: each power's loss in a catastrophe. At our defaults, in trillions of dollars:
'''),
    code(r'''
numeric = powers.subs(PS)
in_tn = games.Game.from_bimatrix([[v / 10**12 for v in row] for row in numeric.payoffs[0].tolist()],
                                 players=numeric.players, strategies=numeric.strategies, name="Great powers, $tn")
display(in_tn)
(R, S), (T, P) = in_tn.payoffs[0].tolist()
print(f"T, R, P, S = {T}, {R}, {P}, {S} ($tn)")
print(solvers.classify(numeric))
print(solvers.nash_equilibria(numeric))
'''),
    md(r'''
## Which game is it? Conditions for each type

`classify` on the symbolic game gives the condition for every type of symmetric 2×2 game:
'''),
    code(r'''
types = solvers.classify(powers)
for name in ("Prisoner's Dilemma", "Stag Hunt", "Chicken", "Harmony"):
    display(Markdown(f"**{name}** if"))
    tex(types.conditions[name])
'''),
    md(r'''
## From a Prisoner's Dilemma to a Stag Hunt

If aligning *together* is worth more than the sum of the parts (synergy $s$), mutual Alignment becomes an
equilibrium. `break_even` finds the synergy at which this happens:
'''),
    code(r'''
s = PS.symbol("alignment_synergy")
be = solvers.break_even(powers, s, PS)
print(be)
show(solvers.break_even(powers, s))
'''),
    code(r'''
stag = powers.subs(PS.set(alignment_synergy=4e12))
print(solvers.classify(stag))
for e in solvers.nash_equilibria(stag):
    print(e)
'''),
    md(r'''
In a Stag Hunt both outcomes are equilibria; which one is *risk*-dominant (Harsanyi–Selten) decides which a
cautious power expects. The closed-form condition for mutual Alignment to be risk-dominant:
'''),
    code(r'''
rd = solvers.risk_dominance(powers)
tex(rd)
for synergy in (2e12, 4e12):
    holds = rd.subs({sym: PS.value(sym.name) if sym.name != "alignment_synergy" else sympy.Rational(int(synergy))
                     for sym in rd.free_symbols})
    print(f"synergy ${synergy / 1e12:.0f}tn: mutual Alignment risk-dominant: {holds}")
'''),
    md(r'''
## Escalating risk: Chicken

If two racers are far more dangerous than one ($h_2 \gg 2 h_1$), racing against a racer is the worst
outcome, and the game becomes Chicken: each power wants the *other* to align.
'''),
    code(r'''
chicken = powers.subs(PS.set(race_risk_both=0.1))
print(solvers.classify(chicken))
for e in solvers.nash_equilibria(chicken):
    print(e)
'''),
    md(r'''
## Three powers

With more powers the edge is shared among more rivals, but racing stays the only symmetric equilibrium at our
defaults:
'''),
    code(r'''
three = games.geopolitical.n_power_race(3)
display(three)
for e in solvers.symmetric_equilibria(three.subs(PS)):
    print(e)
'''),
    md(r'''
## The best-response graph

Nodes are pure profiles, arrows are profitable unilateral deviations; sinks are the pure equilibria.
'''),
    code(r'''
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
solvers.draw_graph(solvers.best_response_graph(numeric), ax=axes[0])
axes[0].set_title("defaults: Prisoner's Dilemma")
solvers.draw_graph(solvers.best_response_graph(stag), ax=axes[1])
axes[1].set_title("synergy $4tn: Stag Hunt")
plt.show()
'''),
    md(r'''
## Explore

Synergy against edge: Harmony at the bottom (a small edge), the Prisoner's Dilemma in the upper left, the
Stag Hunt's two equilibria to the right of $s^*$.
'''),
    code(r'''
explorer = solvers.explore(powers, sliders=["alignment_synergy", "capabilities_edge", "race_risk_both"],
                           regime=("alignment_synergy", "capabilities_edge"))
explorer
'''),
    code("print(explorer.output_text)"),
]


# ---------------------------------------------------------------------------
# 05 dynamics and graphs
# ---------------------------------------------------------------------------

NB05 = [
    md(r'''
# 5. Dynamics: how populations of researchers, labs and powers move

> "But of course there is a distribution of motivations that researchers have and many will still prefer to
> directly work on Alignment. Perhaps, although the incentives tip towards Capabilities, we have sufficient
> incentives for Alignment to be solved."

Equilibria say where play can rest; dynamics say where it goes. This notebook builds the graphs of the
toolkit: best-response graphs, replicator dynamics, fixation probabilities in finite populations, and the
small-mutation chain with its invasion graph, and exports one as TikZ for a paper.
'''),
    code(SETUP),
    md(r'''
## Best-response graphs

The washing game has no pure equilibrium: its better-response graph has no sink but a cycle, the attractor
in which researchers and funders chase each other.
'''),
    code(r'''
washing = games.individual.alignment_washing().subs(PS)
display(washing)
G = solvers.best_response_graph(washing)
print("pure equilibria:", [v for v, eq in G.nodes(data="equilibrium") if eq])
for a in solvers.attractors(G):
    print("attractor:", sorted(a))
solvers.draw_graph(G)
plt.show()
'''),
    md(r'''
## Replicator dynamics

In a large population of labs playing the lab race, the share $x$ of Safety-focused labs follows
$\dot x = x (\pi_S - \bar \pi)$. The fixed points come in closed form with their stability:
'''),
    code(r'''
race = games.organizational.lab_race().subs(PS)
dyn = solvers.replicator_dynamics(race)
for fp in dyn.fixed_points:
    print(fp)
solvers.plot_phase_portrait(dyn)
plt.show()
'''),
    md(r'''
With synergy the great-power game is a Stag Hunt, and the replicator dynamics are bistable: the unstable
interior point separates the basins of mutual Alignment and mutual racing.
'''),
    code(r'''
stag = games.geopolitical.great_power_race().subs(PS.set(alignment_synergy=4e12))
stag_dyn = solvers.replicator_dynamics(stag)
for fp in stag_dyn.fixed_points:
    print(fp)
solvers.plot_phase_portrait(stag_dyn)
plt.show()
'''),
    md(r'''
The same dynamics in closed form, on the symbolic game: the field $\dot x$ (share $x$ of aligning powers)
and the interior rest point that separates the two basins.
'''),
    code(r'''
symbolic = solvers.replicator_dynamics(games.geopolitical.great_power_race())
tex(sympy.factor(symbolic.field[0]), lhs=r"\dot x")
interior = [fp for fp in symbolic.fixed_points if len(fp.support[0]) == 2][0]
tex(sympy.simplify(interior.point[0][0]), lhs="x^*")
print("at synergy $4tn:", interior.point[0][0].subs(PS.set(alignment_synergy=4e12).substitutions()))
'''),
    md(r'''
## Finite populations: fixation of one Alignment researcher

Among $Z$ researchers who imitate better-paid peers (the Fermi rule, intensity $\beta$ per dollar), what is the
chance that a single Alignment researcher's choice takes over? In the two-researcher game Alignment pays
\$423,750 less than Capabilities against either co-player; since nobody plays against herself, a mutant also
meets one fewer of her own kind, which costs her another $\Delta W / (Z - 1) = 16{,}250 / 9$. The gap $g$ is the
same in every state, so the fixation probability has the textbook closed form
$\rho = 1 / \sum_{k=0}^{Z-1} e^{k \beta g}$, far below neutral drift.
'''),
    code(r'''
pair = games.individual.collective_action_pair(clamp=False).subs(PS)
Z, beta = 10, 1e-6
rho = solvers.fixation_probability(pair, Z, selection=beta, mutant="Alignment", resident="Capabilities")
print(f"fixation probability of one Alignment researcher among {Z}: {rho:.6g} (neutral drift: {1 / Z})")
rho_c = solvers.fixation_probability(pair, Z, selection=beta, mutant="Capabilities", resident="Alignment")
print(f"... and of one Capabilities researcher among Alignment researchers: {rho_c:.6g}")
'''),
    md(r'''
## The small-mutation limit and the invasion graph

With rare mutations a population is almost always monomorphic; the chain over monomorphic states and its
stationary distribution tell where it spends its time. The invasion graph keeps the transitions that beat
neutral drift.
'''),
    code(r'''
chain = solvers.small_mutation_chain(stag, 20, selection=1e-12)
print({k: round(v, 4) for k, v in solvers.stationary_distribution(chain).items()})
inv = solvers.invasion_graph(chain)
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
solvers.draw_graph(chain, ax=axes[0])
axes[0].set_title("small-mutation chain")
solvers.draw_graph(inv, ax=axes[1])
axes[1].set_title("invasion graph")
plt.show()
'''),
    md("## For the paper: TikZ"),
    code(r'''
tikz = solvers.to_tikz(solvers.best_response_graph(race), standalone=False)
print(tikz)
'''),
]


# ---------------------------------------------------------------------------
# 06 build your own game
# ---------------------------------------------------------------------------

NB06 = [
    md(r'''
# 6. Build your own game: sharing safety research

The library's games are examples; the toolkit is for yours. This notebook builds a new game from scratch —
**symbolic matrix → equilibria → conditions → graph → LaTeX** — using nothing but the public API.

The question, in the spirit of the essay's "the benefits of Alignment work accrues to the whole world in
general": two labs each decide whether to **Share** their alignment results or **Hoard** them.

* every shared result is worth $b$ to *each* lab (a public good);
* sharing costs the sharer $c$ (a competitor learns from it);
* when both share, a joint programme adds a synergy $s$ to each.
'''),
    code(SETUP),
    md("## 1. The symbolic payoff matrix"),
    code(r'''
b, c, s = sympy.symbols("b c s", positive=True)
A = [[2 * b + s - c, b - c],      # row lab shares: the other shares / hoards
     [b,             0    ]]      # row lab hoards
sharing = games.Game.from_bimatrix(A, players=("Lab 1", "Lab 2"), strategies=(["Share", "Hoard"],) * 2,
                                   name="Sharing safety research")
sharing      # B = A.T: a symmetric game
'''),
    md("## 2. Equilibria, in closed form"),
    code(r'''
records = [r for r in solvers.equilibrium_conditions(sharing) if r.kind != "continuum"]
show(records)
mixed_record = [r for r in records if r.kind == "mixed"][0]
tex(mixed_record.profile[0][0], lhs="x^*")
'''),
    md(r'''
## 3. Which game, and where it changes

Sharing is a best reply to Hoard iff $b \ge c$, and to Share iff $b + s \ge c$. `classify` gives the
condition for each type of game; `break_even` finds the synergy at which mutual sharing becomes an
equilibrium.
'''),
    code(r'''
types = solvers.classify(sharing)
for name in ("Prisoner's Dilemma", "Stag Hunt", "Harmony", "Deadlock"):
    display(Markdown(f"**{name}** if"))
    tex(types.conditions[name])
show(solvers.break_even(sharing, s))
'''),
    md(r'''
## 4. A numeric instance

With $b = 1$, $c = 2$, $s = 3$ sharing alone does not pay ($b < c$) but sharing together does
($b + s > c$): a Stag Hunt, with a mixed equilibrium at $x^* = (c - b) / s = 1/3$.
'''),
    code(r'''
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
'''),
    md("## 5. Graphs: best responses and replicator dynamics"),
    code(r'''
G = solvers.best_response_graph(instance)
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
solvers.draw_graph(G, ax=axes[0])
dyn = solvers.replicator_dynamics(instance)
solvers.plot_phase_portrait(dyn, ax=axes[1])
plt.show()
for fp in dyn.fixed_points:
    print(fp)
'''),
    md(r'''
## 6. LaTeX for the paper

The payoff table (booktabs), the conditions and the graph, ready to paste.
'''),
    code(r'''
print(sharing.latex(booktabs=True))
print()
print(solvers.to_latex(records))              # each line carries its plain-text form as a % comment
print()
print(solvers.to_latex(solvers.break_even(sharing, s)))
print()
print(solvers.to_tikz(G, standalone=False))
'''),
    md(r'''
## 7. Explore it

`explore` works for any game; parameters outside the registry need values (and, optionally, ranges).
'''),
    code(r'''
explorer = solvers.explore(sharing, values, ranges={"b": (0, 4), "c": (0, 4), "s": (0, 8)}, regime=("s", "b"))
explorer
'''),
    code(r'''
explorer.set(s=0.5)          # below s* = c - b = 1: a Prisoner's Dilemma
print(explorer.result.labels)
explorer.set(s=2.5)
print(explorer.output_text)
'''),
]


NOTEBOOKS = {
    "01_individual_incentives.ipynb": NB01,
    "02_collective_action.ipynb": NB02,
    "03_organizations.ipynb": NB03,
    "04_geopolitics.ipynb": NB04,
    "05_dynamics_graphs.ipynb": NB05,
    "06_build_your_own_game.ipynb": NB06,
}


def build(out_dir: Path = HERE) -> list[Path]:
    """Write every notebook (without outputs) into ``out_dir``; returns the paths."""
    written = []
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=cells)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.metadata["language_info"] = {"name": "python"}
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"{name[:2]}-{i:02d}"
        nbformat.validate(nb)
        path = out_dir / name
        nbformat.write(nb, path)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
