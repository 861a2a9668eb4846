r"""Hidden information: alignment-washing as a signalling game between a researcher and a funder.

The essay's reputation argument is about what others cannot see: "social
capital accrues for alignment research that seems to be impactful to relevant
others", and "the end target of alignment remains somewhat mysterious" while
"we can simply test an AI for the relevant capabilities".  Funders and peers
see a signal, not the type of the work.  :mod:`games.reputation` states the
same problem as an inspection game with both sides informed; here the funder
does not know the type.

Symbols: ``social_capital`` (:math:`S`), ``audit_detection`` (:math:`d`),
``washing_penalty`` (:math:`L_W`), ``washing_harm`` (:math:`H_W`) from
:mod:`games.reputation`, and three of ours (:mod:`games.assumptions`):
``prior_genuine`` (:math:`\pi`), ``verification_cost`` (:math:`c_V`) and
``funded_alignment_value`` (:math:`V_F`).
"""

from __future__ import annotations

from games import essay
from games._registry import register
from games.signaling import SignalingGame

__all__ = ["alignment_signal"]

_s = essay.symbol
SOCIAL, DETECT, PENALTY, HARM = _s("social_capital"), _s("audit_detection"), _s("washing_penalty"), _s("washing_harm")
PRIOR, VERIFY_COST, VALUE = _s("prior_genuine"), _s("verification_cost"), _s("funded_alignment_value")


@register("alignment_signal", "individual", family="signaling")
def alignment_signal() -> SignalingGame:
    r"""Alignment-washing with hidden types: Genuine or Washed work, a costly Verify signal, a funder who Funds or Passes.

    Nature draws the researcher's work: Genuine (aligned, probability
    :math:`\pi`) or Washed (Capabilities work that only looks aligned).  She
    either submits it to verification (Verify: cost :math:`c_V`; washed work
    that is verified is exposed with probability :math:`d` and then pays the
    penalty :math:`L_W`, so Verify costs a washer :math:`c_V + d L_W` in
    expectation) or only claims it is alignment (Claim, free).  The funder or
    peer community sees the message, not the work, and Funds (the researcher
    gains the social capital :math:`S`) or Passes.  Funding genuine work is
    worth :math:`V_F` to the funder, funding washed work costs her :math:`H_W`.

    .. math::

        \begin{array}{l|cc}
         & \text{Fund} & \text{Pass} \\ \hline
        \text{Genuine, Verify} & S - c_V,\; V_F & -c_V,\; 0 \\
        \text{Genuine, Claim} & S,\; V_F & 0,\; 0 \\
        \text{Washed, Verify} & S - c_V - d L_W,\; -H_W & -c_V - d L_W,\; 0 \\
        \text{Washed, Claim} & S,\; -H_W & 0,\; 0
        \end{array}

    Equilibria (derived by hand; :func:`solvers.perfect_bayesian_equilibria`
    finds them with these conditions):

    * **pooling on Claim, funded** ("washing pays and is funded"): nobody
      verifies and the funder funds every claim iff
      :math:`\pi V_F \ge (1 - \pi) H_W`; the funder passes after an off-path
      Verify.  It survives the intuitive criterion (both types lose
      :math:`c_V` by verifying whatever the answer).  The social capital
      :math:`S` does not enter: reputation rewards the claim.
    * **separating** ("verification is worth its cost"): genuine work is
      verified and funded, washed work is only claimed and not funded, iff
      :math:`c_V \le S \le c_V + d L_W`.  A larger social capital :math:`S`
      breaks it (washers then verify too), a larger detection :math:`d` or
      penalty :math:`L_W` restores it.
    * **pooling on Verify, funded**: both verify, iff
      :math:`\pi V_F \ge (1 - \pi) H_W` and :math:`S \ge c_V + d L_W`;
      **pooling on Claim, not funded** iff :math:`\pi V_F \le (1 - \pi) H_W`.

    At the defaults (:math:`S` = 500,000, :math:`d` = 0.5, :math:`L_W` =
    500,000, :math:`c_V` = 50,000, :math:`\pi` = 0.5, :math:`V_F` = 200,000,
    :math:`H_W` = 100,000) :math:`S > c_V + d L_W = 300{,}000`: there is no
    separating equilibrium, and washing is funded.

    Assumptions (ours): verification exposes washed work with the audit's
    detection probability and never wrongly convicts genuine work; the funder
    only funds or passes (no partial grants); the researcher's salary and
    impact, common to both messages of a type, are left out.

    Returns
    -------
    SignalingGame
        Types ``("Genuine", "Washed")``, messages ``("Verify", "Claim")``,
        responses ``("Fund", "Pass")``, players ``("Researcher", "Funder")``.

    References
    ----------
    .. [1] The essay, "For social reputation": "social capital accrues for
       alignment research that seems to be impactful to relevant others",
       "there are a million different ways to motivated reasoning yourself
       into thinking that your net-negative capabilities work is actually
       net-positive Alignment work"; "Recognition": "we can simply test an AI
       for the relevant capabilities. In contrast, ... the end target of
       alignment remains somewhat mysterious"; "Do we need investment in
       alignment research?": "Alignment researchers are up against all the
       people who say they work in Alignment but actually work in
       Capabilities".
    .. [2] M. Spence, "Job market signaling", Quarterly Journal of Economics
       87 (1973) 355-374.

    Examples
    --------
    >>> import games
    >>> g = alignment_signal().subs(games.essay.parameters("phd"))
    >>> g.prior, g.payoff("Washed", "Verify", "Fund")
    ((1/2, 1/2), (200000, -100000))
    """
    cost = {"Genuine": VERIFY_COST, "Washed": VERIFY_COST + DETECT * PENALTY}
    value = {"Genuine": VALUE, "Washed": -HARM}
    pays = {}
    for t in ("Genuine", "Washed"):
        for m in ("Verify", "Claim"):
            paid = cost[t] if m == "Verify" else 0
            pays[(t, m, "Fund")] = (SOCIAL - paid, value[t])
            pays[(t, m, "Pass")] = (-paid, 0)
    return SignalingGame({"Genuine": PRIOR, "Washed": 1 - PRIOR}, ("Verify", "Claim"), ("Fund", "Pass"), pays,
                         players=("Researcher", "Funder"), name="Alignment signal")
