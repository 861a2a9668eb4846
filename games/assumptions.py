"""Our modelling assumptions: the parameters of the game models that the essay does not quantify.

Each is a :class:`~games.parameters.Parameter` with ``ours=True``, a default,
a range and the passage of the essay it models.  :mod:`games.essay` adds them
to every scenario's parameter set (after the essay's own parameters), and the
game modules look up their symbols by name (:func:`games.essay.symbol`).
They live here, as data, so that the essay's parameter sets are complete
without importing any game module.

Distributions: an entry may give ``distribution=Distribution(...)`` with its
provenance; one that does not gets the rule-derived default of
:func:`games.parameters.default_distribution` (provenance ``"ours (rule ...)"``),
so blocks appended for new game families get one too.
"""

from __future__ import annotations

from games.parameters import Distribution, Parameter

__all__ = ["MODEL_PARAMETERS"]

#: By game module (geopolitical, individual, interventions, organizational), in the order each uses them.
MODEL_PARAMETERS: tuple[Parameter, ...] = (
    # --- games.geopolitical
    Parameter(
        "alignment_world_benefit", 1e12, kind="money", unit="USD", low=0, high=10e12, latex=r"b", ours=True,
        description="benefit to every power of one power's Alignment programme (ours)",
        quote="the benefits of Alignment work accrues to the whole world in general"),
    Parameter(
        "alignment_synergy", 0, kind="money", unit="USD", low=0, high=10e12, latex=r"s", ours=True,
        description="extra benefit per pair of powers aligning together (ours; default 0)",
        quote="the benefits of Alignment work accrues to the whole world in general"),
    Parameter(
        "capabilities_edge", 3e12, kind="money", unit="USD", low=0, high=10e12, latex=r"E", ours=True,
        description="edge a racing power gains over a non-racing one, zero-sum (ours)",
        quote="Competing great powers gain an edge over each other if they push the envelope on Capabilities"),
    Parameter(
        "race_risk_one", 0.01, kind="probability", unit="probability", low=0, high=0.2, latex=r"h_1", ours=True,
        description="catastrophe probability when one power races (ours)",
        quote="the geopolitical game theoretic factors are also fit into the question of Alignment"),
    Parameter(
        "race_risk_both", 0.02, kind="probability", unit="probability", low=0, high=0.5, latex=r"h_2", ours=True,
        description="catastrophe probability when two powers race (ours)",
        quote="the geopolitical game theoretic factors are also fit into the question of Alignment"),
    Parameter(
        "power_catastrophe_loss", 50e12, kind="money", unit="USD", low=0, high=1e15, latex=r"D", ours=True,
        description="what one power loses in an AI catastrophe (ours)",
        quote="Competing great powers gain an edge over each other"),
    Parameter(
        "n_powers", 3, kind="count", unit="powers", low=2, high=20, latex=r"n_P", ours=True,
        description="number of great powers in the n-power race (ours)",
        quote="Competing great powers gain an edge over each other"),
    # --- games.individual
    Parameter(
        "salary_neither", 100e3, kind="money", unit="USD / year", low=35e3, high=250e3, latex=r"w_N", ours=True,
        description="yearly pay of an orthogonal job, neither Alignment nor Capabilities (ours)",
        quote="choose between researching Capabilities, Alignment, or neither"),
    Parameter(
        "reputation_alignment", 0, kind="money", unit="USD", low=0, high=1e6, latex=r"R_A", ours=True,
        description="career value of the reputation Alignment work earns, over the horizon (ours; default 0)",
        quote="You will be respected by other people who admire you're doing something to help prevent "
              "humanity dying"),
    Parameter(
        "reputation_capabilities", 0, kind="money", unit="USD", low=0, high=1e6, latex=r"R_C", ours=True,
        description="career value of the recognition Capabilities work earns, over the horizon (ours; default 0)",
        quote="Advancing AI capabilities can lead to groundbreaking research that can gain recognition"),
    Parameter(
        "capabilities_social_impact", 0, kind="money", unit="USD", low=0, high=1e6, latex=r"I_C", ours=True,
        description="what the social impact of her Capabilities work (healthcare, sustainability) is worth to the "
                    "researcher, over the horizon (ours; default 0: the essay names it but does not price it, "
                    "and at 0 its arithmetic is reproduced)",
        quote="Advancing AI capabilities can lead to breakthroughs in healthcare, environmental sustainability, "
              "and other areas that can improve people's lives"),
    Parameter(
        "alignment_recognition_tracking", 0.5, kind="probability", unit="share", low=0, high=1, latex=r"t_A",
        ours=True,
        description="share of Alignment's recognition R_A that reaches researchers whose work is impactful; "
                    "Capabilities' recognition tracks achievement fully (ours; default 1/2; no effect while "
                    "R_A = 0)",
        quote="recognition for achievements in Capabilities is more directly aligned to actual achievements, "
              "relative to recognition for research in Alignment, which might less directly track actual "
              "achievements",
        distribution=Distribution("uniform", 0, 1, provenance="ours: the essay gives no figure")),
    Parameter(
        "capabilities_doom_increase", 0, kind="probability", unit="probability (absolute)", low=0, high=0.0025,
        latex=r"\gamma", ours=True,
        description="rise in P(doom) one Capabilities researcher causes (ours; default 0)",
        quote="others maintain they are doing incredible harm by shortening AI timelines"),
    Parameter(
        "n_researchers", 50, kind="count", unit="researchers", low=2, high=1000, latex=r"n", ours=True,
        description="number of researchers in the collective-action game (ours)",
        quote="Generally speaking, there's a collective action problem."),
    Parameter(
        "team_size", 5, kind="count", unit="researchers", low=2, high=100, latex=r"n_T", ours=True,
        description="researchers who could join an alignment agenda in the threshold game (ours)",
        quote="it may be that research is generally futile, or moving the marginal researcher into AI Risk is futile"),
    Parameter(
        "alignment_threshold", 2, kind="count", unit="researchers", low=1, high=100, latex=r"M", ours=True,
        description="researchers an alignment agenda needs to succeed in the threshold game (ours)",
        quote="there is currently no promising path forward for Alignment research"),
    Parameter(
        "threshold_success_probability", 1, kind="probability", unit="probability", low=0, high=1, latex=r"q",
        ours=True,
        description="chance a fully staffed agenda averts doom; near 0 is the essay's 'futile' (ours)",
        quote="it may be that research is generally futile"),
    Parameter(
        "social_capital", 500e3, kind="money", unit="USD", low=0, high=2e6, latex=r"S", ours=True,
        description="career value of being seen to do Alignment work, in the washing game (ours)",
        quote="social capital accrues for alignment research that seems to be impactful to relevant others"),
    Parameter(
        "audit_cost", 10e3, kind="money", unit="USD", low=0, high=200e3, latex=r"c_{\mathrm{audit}}", ours=True,
        description="what it costs the funder or community to audit one researcher's work (ours)",
        quote="Precisely because the line between Alignment and Capabilities work is blurry"),
    Parameter(
        "audit_detection", 0.5, kind="probability", unit="probability", low=0, high=1, latex=r"d", ours=True,
        description="chance an audit exposes Capabilities work labelled Alignment (ours)",
        quote="perhaps difficult to see much of the time"),
    Parameter(
        "washing_penalty", 500e3, kind="money", unit="USD", low=0, high=5e6, latex=r"L_W", ours=True,
        description="career damage to a researcher exposed as alignment-washing (ours)",
        quote="most researchers ... could recoil at the thought their work is net negative"),
    Parameter(
        "washing_harm", 100e3, kind="money", unit="USD", low=0, high=10e6, latex=r"H_W", ours=True,
        description="the funder's loss from trusting a researcher whose 'alignment' work is Capabilities (ours)",
        quote="Alignment researchers are up against all the people who say they work in Alignment but actually "
              "work in Capabilities"),
    # --- games.interventions
    Parameter(
        "alignment_subsidy", 0, kind="money", unit="USD (payoff unit of the game)", low=0, high=1e6,
        latex=r"\sigma_A", ours=True,
        description="subsidy paid to whoever declares Alignment work (ours; default 0: no intervention)",
        quote="if you think that more funding for research in Alignment could help reduce P(Doom)"),
    Parameter(
        "capabilities_tax", 0, kind="money", unit="USD (payoff unit of the game)", low=0, high=1e6,
        latex=r"\tau_C", ours=True,
        description="tax on declared Capabilities work (ours; default 0: no intervention)",
        quote="or you think that less funding for research in Capabilities could help by buying us more time"),
    Parameter(
        "alignment_prize", 0, kind="money", unit="USD (payoff unit of the game)", low=0, high=1e8,
        latex=r"Z", ours=True,
        description="prize paid when a researcher's alignment work succeeds (ours; default 0: no intervention)",
        quote="if you think that more funding for research in Alignment could help reduce P(Doom)"),
    Parameter(
        "buyout_researchers", 800, kind="count", unit="researchers", low=1, high=10000, latex=r"n_B", ours=True,
        description="researchers the buy-out budget is shared among (ours: 800 five-year $250k careers in $1b)",
        quote="I might try to bribe people to move out of AI development"),
    Parameter(
        "replacement_rate", 0.5, kind="probability", unit="share", low=0, high=1, latex=r"h", ours=True,
        description="share of bought-out Capabilities positions that labs refill by new hires (ours, flagged; "
                    "default 1/2)",
        quote="there are many other potential competitors who can spring up to focus on Capabilities"),
    Parameter(
        "capabilities_workforce", 10_000, kind="count", unit="researchers", low=1_000, high=100_000,
        latex=r"N_C", ours=True,
        description="researchers whose work drives Capabilities progress; progress is taken proportional to "
                    "it (ours, flagged; default 10,000)",
        quote="any AI research organization will be incentivized to do capabilities research"),
    Parameter(
        "doom_per_year_bought", 0.01, kind="probability", unit="probability (absolute) per year", low=0,
        high=0.05, latex=r"\lambda", ours=True,
        description="fall in P(doom) per year of Capabilities progress delayed (time for Alignment to catch "
                    "up; ours, flagged; default one point a year)",
        quote="less funding for research in Capabilities could help by buying us more time"),
    # --- games.organizational
    Parameter(
        "ai_market_value", 150e9, kind="money", unit="USD / year", low=50e9, high=1.5e12, latex=r"M", ours=True,
        description="yearly value of the AI market the labs compete for, the race's prize (ours; default "
                    "$150b; the essay's $50b/$110b are investment, a cost, not this prize)",
        quote="For organizations, Alignment doesn't earn money ...; Capabilities does."),
    Parameter(
        "leader_share", 0.8, kind="probability", unit="share of the market", low=0.5, high=1, latex=r"\sigma",
        ours=True, description="market share the Capabilities-focused labs take from Safety-focused ones (ours)",
        quote="leaders like OpenAI and Deepmind, to maintain their lead, must continue spending on Capabilities, "
              "or they'll be outcompeted"),
    Parameter(
        "safety_cost", 5e9, kind="money", unit="USD / year", low=0, high=50e9, latex=r"\kappa", ours=True,
        description="yearly spending a Safety-focused lab diverts from Capabilities (ours)",
        quote="I don't mean to suggest there isn't safety research at OpenAI, Deepmind"),
    Parameter(
        "lab_catastrophe_loss", 100e9, kind="money", unit="USD", low=0, high=2e12, latex=r"L", ours=True,
        description="what one lab loses in an AI catastrophe (ours)",
        quote="their overall efforts are net-negative for alignment by accelerating development of AGI"),
    Parameter(
        "n_labs", 5, kind="count", unit="labs", low=2, high=100, latex=r"n_L", ours=True,
        description="number of labs in the n-lab race (ours)",
        quote="there are many other potential competitors who can spring up to focus on Capabilities"),
    Parameter(
        "capabilities_return", 0.3, kind="ratio", unit="ratio (return over the horizon)", low=0, high=2, latex=r"r",
        ours=True, description="return on an investment in Capabilities (ours)",
        quote="For organizations, Alignment doesn't earn money ...; Capabilities does."),
    Parameter(
        "alignment_return_share", 0, kind="ratio", unit="ratio", low=0, high=1, latex=r"\rho", ours=True,
        description="fraction of the Capabilities return that Alignment work also earns (the RLHF objection; ours)",
        quote="productionizable models rely just as much or even more on Alignment research (e.g., RLHF)"),
    Parameter(
        "funding_doom_reduction", 0.01, kind="probability", unit="probability (absolute)", low=0, high=0.1,
        latex=r"\varepsilon", ours=True,
        description="fall in P(doom) one investor's Alignment funding buys (ours)",
        quote="if you think that more funding for research in Alignment could help reduce P(Doom)"),
    Parameter(
        "investor_stake", 200e9, kind="money", unit="USD", low=0, high=3e12, latex=r"S_I", ours=True,
        description="what an investor loses if doom comes (ours)",
        quote="The same incentives that apply to individuals in theory apply to corporations."),
    # --- games.races
    Parameter(
        "race_teams", 2, kind="count", unit="teams", low=2, high=10, latex=r"n_R", ours=True,
        description="teams racing to build the first AI in the race to the precipice (ours; paper: 2 and 5)",
        quote="there are many other potential competitors who can spring up to focus on Capabilities"),
    Parameter(
        "race_enmity", 1, kind="probability", unit="share of the prize lost when a rival wins", low=0, high=1,
        latex=r"e", ours=True,
        description="enmity: a team values a rival's safe AI at 1 - e of its own (ours; paper: 1 and 1/2)",
        quote="or they'll be outcompeted by others who prefer to spend only on Capabilities"),
    Parameter(
        "capability_spread", 1, kind="ratio", unit="safety units", low=0, high=5, latex=r"\mu", ours=True,
        description="capabilities are uniform on [0, mu]: how much skill matters against skimping on safety (ours)",
        quote="leaders like OpenAI and Deepmind, to maintain their lead, must continue spending on Capabilities"),
    Parameter(
        "market_prize", 62.5e9, kind="money", unit="USD / year", low=0, high=500e9, latex=r"V_M", ours=True,
        description="value of the AI market the labs contest (ours: 62.5b makes 5 labs spend the essay's 50b)",
        quote="investors and major companies intend to pour $50b into AI this year and $110b by 2024"),
    Parameter(
        "safety_cost_share", 0.1, kind="ratio", unit="USD of safety per USD of Capabilities", low=0, high=1,
        latex=r"\sigma_S", ours=True,
        description="safety spending a lab adds to each dollar of Capabilities in the contest (ours)",
        quote="I don't mean to suggest there isn't safety research at OpenAI, Deepmind"),
    # --- games.hidden_information
    Parameter(
        "prior_genuine", 0.5, kind="probability", unit="probability", low=0, high=1, latex=r"\pi", ours=True,
        description="share of the work labelled Alignment that is genuinely aligned, in the signalling game (ours)",
        quote="Alignment researchers are up against all the people who say they work in Alignment but actually "
              "work in Capabilities"),
    Parameter(
        "verification_cost", 50e3, kind="money", unit="USD", low=0, high=1e6, latex=r"c_V", ours=True,
        description="what a researcher pays to have her alignment work verified (evaluations, open review; ours)",
        quote="there is plenty of empirical testing that can be done to test out Alignment solutions"),
    Parameter(
        "funded_alignment_value", 200e3, kind="money", unit="USD", low=0, high=10e6, latex=r"V_F", ours=True,
        description="what a funder gains from funding one piece of genuinely aligned work (ours)",
        quote="There is more money available to fund Alignment research and the ROI for doing the research is "
              "higher."),
    # --- games.sequential
    Parameter(
        "entry_cost", 20e9, kind="money", unit="USD", low=0, high=200e9, latex=r"c_E", ours=True,
        description="what an entrant pays to build a frontier lab and race the leader (ours)",
        quote="there are many other potential competitors who can spring up to focus on Capabilities"),
    Parameter(
        "mission_funding_share", 0.1, kind="probability", unit="share of the alignment funding, per year",
        low=0, high=1, latex=r"\phi_A", ours=True,
        description="share of the essay's $10b alignment funding a mission-driven lab receives each year (ours)",
        quote="We can expect the yearly funding available to be substantially less than that"),
    Parameter(
        "drift_market_share", 0.01, kind="probability", unit="share of the AI investment, per year",
        low=0, high=0.2, latex=r"\phi_C", ours=True,
        description="share of the year's AI investment a lab captures once it drifts to Capabilities (ours)",
        quote="As the amount of money available to investors grows, more and more will choose to invest in "
              "Capabilities research, because of the return available."),
    Parameter(
        "mission_value", 0, kind="money", unit="USD / year", low=0, high=5e9, latex=r"v_M", ours=True,
        description="what keeping its Alignment mission is worth to the lab itself each year (ours; default 0)",
        quote="no organizations founded with the goal of AI Capabilities research have drifted towards "
              "Alignment research over time"),
    Parameter(
        "funder_value_ratio", 2, kind="ratio", unit="ratio (value per dollar granted)", low=0, high=20,
        latex=r"\beta", ours=True,
        description="what a dollar of the lab's Alignment work is worth to its funders (ours)",
        quote="if you think that more funding for research in Alignment could help reduce P(Doom)"),
)
