r"""Reputation: alignment-washing as an inspection game between a researcher and a funder.

The essay: "social capital accrues for alignment research that seems to be
impactful to relevant others", and "Alignment researchers are up against all
the people who say they work in Alignment but actually work in Capabilities".
A researcher labels her work Alignment whether or not it is; a funder (or the
community) may audit at a cost and exposes washing with some probability.

Symbols: ``social_capital`` (:math:`S`), ``audit_cost``
(:math:`c_{\mathrm{audit}}`), ``audit_detection`` (:math:`d`),
``washing_penalty`` (:math:`L_W`) and ``washing_harm`` (:math:`H_W`), all ours
(:mod:`games.assumptions`), with the researcher-level symbols of
:mod:`games.individual`.
"""

from __future__ import annotations

from games import essay
from games._registry import register
from games.core import Game
from games.individual import HORIZON, R_A, R_C, W_A, W_C, marginal_doom_reduction, survival_valuation

__all__ = ["alignment_washing"]

_s = essay.symbol
SOCIAL, AUDIT_COST, DETECT = _s("social_capital"), _s("audit_cost"), _s("audit_detection")
PENALTY, HARM = _s("washing_penalty"), _s("washing_harm")


@register("alignment_washing", "individual")
def alignment_washing() -> Game:
    r"""A researcher doing Genuine alignment, Washed alignment or Capabilities, against a funder who Trusts or Audits.

    Washed: she claims Alignment but does Capabilities work.

    The researcher (rows) against a funder or peer community (columns). Being
    seen to do Alignment earns social capital :math:`S`; a washer keeps it
    unless an audit (cost :math:`c`, detection probability :math:`d`) exposes
    her, when she loses it and :math:`R_A` and suffers the penalty :math:`L_W`.
    The funder loses :math:`H_W` when a washer goes undetected.

    .. math::

        \begin{array}{c|cc}
         & \text{Trust} & \text{Audit} \\ \hline
        \text{Genuine} & w_A T + \Delta W + R_A + S,\; 0 & w_A T + \Delta W + R_A + S,\; -c \\
        \text{Washed} & w_C T + R_A + S,\; -H_W &
            w_C T + (1 - d)(R_A + S) - d L_W,\; -c - (1 - d) H_W \\
        \text{Capabilities} & w_C T + R_C,\; 0 & w_C T + R_C,\; -c
        \end{array}

    with :math:`\Delta W = p \delta \, m V (1 + \alpha k)` (own life counted).
    It is an inspection game: when washing pays against a trusting funder and
    the penalty deters it against an auditing one, the equilibrium is mixed,
    with washing probability :math:`c / (d H_W)` (the funder is indifferent) and
    audit probability
    :math:`\bigl((w_C - w_A) T - \Delta W\bigr) / \bigl(d (R_A + S + L_W)\bigr)`
    (the researcher is indifferent between Genuine and Washed).  At the
    defaults: 0.2 and 423,750 / 500,000 = 0.8475.

    Assumptions (ours): the washer is paid as a Capabilities researcher; audits
    never wrongly convict genuine work; the funder's payoff counts only audit
    costs and undetected washing (constants common to a row do not change its
    choices).

    Returns
    -------
    Game
        Players ``("Researcher", "Funder")``; strategies
        ``("Genuine", "Washed", "Capabilities")`` and ``("Trust", "Audit")``.

    References
    ----------
    .. [1] The essay, "For social reputation": "social capital accrues for
       alignment research that seems to be impactful to relevant others" and
       "a motivated reasoning process that leads people to do Capabilities work
       while telling themselves and others they are doing Alignment work";
       "Do we need investment in alignment research?": "Alignment researchers
       are up against all the people who say they work in Alignment but
       actually work in Capabilities".
    .. [2] M. Avenhaus, B. von Stengel and S. Zamir, "Inspection games", in
       Handbook of Game Theory vol. 3, ch. 51, Elsevier, 2002.

    Examples
    --------
    >>> import games
    >>> g = alignment_washing().subs(games.essay.parameters("phd"))
    >>> g.payoffs[0][1, 0], g.payoffs[0][1, 1]
    (1115000, 615000)
    """
    impact = marginal_doom_reduction() * survival_valuation(own_life=True)
    genuine = W_A * HORIZON + impact + R_A + SOCIAL
    researcher = [
        [genuine, genuine],
        [W_C * HORIZON + R_A + SOCIAL, W_C * HORIZON + (1 - DETECT) * (R_A + SOCIAL) - DETECT * PENALTY],
        [W_C * HORIZON + R_C, W_C * HORIZON + R_C],
    ]
    funder = [
        [0, -AUDIT_COST],
        [-HARM, -AUDIT_COST - (1 - DETECT) * HARM],
        [0, -AUDIT_COST],
    ]
    return Game.from_bimatrix(researcher, funder, players=("Researcher", "Funder"),
                              strategies=(("Genuine", "Washed", "Capabilities"), ("Trust", "Audit")),
                              name="Alignment washing")
