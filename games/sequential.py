r"""The essay's arguments about sequence and time: a leader facing entrants, a mission kept over time, a pact.

Three models, each the sequential or repeated form of an argument the essay
makes in words:

* :func:`lab_race_leader` (a game tree): "leaders like OpenAI and Deepmind, to
  maintain their lead, must continue spending on Capabilities, or they'll be
  outcompeted by others who prefer to spend only on Capabilities".  A leading
  lab chooses Alignment or Capabilities; an entrant sees the choice and enters
  the race or stays out.
* :func:`mission_drift` (a repeated game): "no organizations founded with the
  goal of AI Capabilities research have drifted towards Alignment research ...
  If you go public, you'll have a fiduciary duty to obtain a return".  A lab
  founded for Alignment and its Alignment funders meet every year; the lab
  keeps its mission while the discounted funding outweighs what drifting to
  Capabilities earns from the essay's $50b (2023) or $110b (2024) of AI
  investment, against the essay's $10b of Alignment funding.
* :func:`safety_pact` (a repeated game): the great-power race of
  :func:`games.geopolitical.great_power_race`, repeated; mutual Alignment is
  sustained by the shadow of the future above a discount factor.

The parameters the essay does not give are ours (``ours=True`` in
:data:`games.essay.MODEL_PARAMETERS`, block ``games.sequential``).

References
----------
.. [1] "Who Aligns the Alignment Researchers?", sections "History",
   "Organizational level" and "Global level" (``shared/essay/``).
.. [2] R. Selten, "The chain store paradox", Theory and Decision 9 (1978)
   127-159 (entry deterrence).
.. [3] G. J. Mailath and L. Samuelson, Repeated Games and Reputations, Oxford
   University Press (2006), section 2.2 (the product-choice game).
"""

from __future__ import annotations

import sympy

from games import essay
from games._registry import register
from games.core import Game
from games.errors import GameError
from games.extensive import Decision, ExtensiveGame, Outcome
from games.geopolitical import great_power_race
from games.repeated import DELTA, RepeatedGame

__all__ = ["lab_race_leader", "mission_drift", "safety_pact", "QUOTES"]

_s = essay.symbol

MARKET, SHARE, KAPPA, LOSS, P_DOOM = (_s("ai_investment_2024"), _s("leader_share"), _s("safety_cost"),
                                      _s("lab_catastrophe_loss"), _s("p_doom"))
ENTRY = _s("entry_cost")
FUNDING, PHI_A, PHI_C, MISSION, BETA = (_s("alignment_funding_total"), _s("mission_funding_share"),
                                        _s("drift_market_share"), _s("mission_value"), _s("funder_value_ratio"))

#: The essay's words each model formalises.
QUOTES: dict[str, tuple[str, ...]] = {
    "lab_race_leader": (
        "Thus, leaders like OpenAI and Deepmind, to maintain their lead, must continue spending on Capabilities, "
        "or they'll be outcompeted by others who prefer to spend only on Capabilities.",
        "Even if these organizations do more Alignment research overall than Capabilities, there are many other "
        "potential competitors who can spring up to focus on Capabilities.",
    ),
    "mission_drift": (
        "it's striking that no organizations founded with the goal of AI Capabilities research have drifted "
        "towards Alignment research over time.",
        "If you go public, you'll have a fiduciary duty to obtain a return for investors.",
        "The total available funding specifically for Alignment research is in the order of $10b",
        "investors and major companies intend to pour $50b into AI this year and $110b by 2024.",
    ),
    "safety_pact": (
        "Competing great powers gain an edge over each other if they push the envelope on Capabilities "
        "research, but the benefits of Alignment work accrues to the whole world in general.",
    ),
}


@register("lab_race_leader", "organizational", family="extensive")
def lab_race_leader() -> ExtensiveGame:
    r"""A leading lab chooses Alignment or Capabilities; an entrant sees it and enters the race or stays out.

    With the market :math:`I_{2024}` ($110b), the share :math:`\sigma` a
    Capabilities lab takes from a Safety-focused one, the leader's safety
    spending :math:`\kappa`, the entry cost :math:`c_E` and a catastrophe
    probability :math:`P_{\mathrm{doom}} c / 2` with :math:`c` racing labs, each
    losing :math:`L` (as in :func:`games.organizational.lab_race`):

    .. math::

        \begin{array}{l|cc}
         & \text{Leader} & \text{Entrant} \\ \hline
        \text{Alignment, Stay out} & I - \kappa & 0 \\
        \text{Alignment, Enter} & (1 - \sigma) I - \kappa - P L / 2 & \sigma I - c_E - P L / 2 \\
        \text{Capabilities, Stay out} & I - P L / 2 & 0 \\
        \text{Capabilities, Enter} & I / 2 - P L & I / 2 - c_E - P L
        \end{array}

    The entrant enters after Alignment iff :math:`c_E \le \sigma I - P L / 2`
    and after Capabilities iff :math:`c_E \le I / 2 - P L`; so the leader keeps
    its Alignment budget iff entry is blockaded whatever it does,
    :math:`c_E > \sigma I - P L / 2`, and its own share of the risk outweighs the
    safety cost, :math:`\kappa < P L / 2`.  At the defaults (in $bn) the
    thresholds are 78 and 35 and :math:`c_E = 20`: the entrant enters either way
    and the leader races.

    Returns
    -------
    ExtensiveGame
        Players ``("Leader", "Entrant")``.

    References
    ----------
    .. [1] The essay, "Organizational level" (quoted in :data:`QUOTES`).
    .. [2] Selten, "The chain store paradox" (1978).

    Examples
    --------
    >>> import games
    >>> g = lab_race_leader().subs(games.essay.parameters())
    >>> g.node(("Alignment", "Enter")).payoffs
    (7000000000, 58000000000)
    """
    half_risk = P_DOOM * LOSS / 2
    entrant = {
        "Alignment": (Outcome(((1 - SHARE) * MARKET - KAPPA - half_risk, SHARE * MARKET - ENTRY - half_risk)),
                      Outcome((MARKET - KAPPA, 0))),
        "Capabilities": (Outcome((MARKET / 2 - P_DOOM * LOSS, MARKET / 2 - ENTRY - P_DOOM * LOSS)),
                         Outcome((MARKET - half_risk, 0))),
    }
    root = Decision("Leader", {
        choice: Decision("Entrant", {"Enter": enter, "Stay out": out}) for choice, (enter, out) in entrant.items()})
    return ExtensiveGame(("Leader", "Entrant"), root, name="Lab race with a leader")


@register("mission_drift", "organizational", family="repeated")
def mission_drift(*, market: str = "ai_investment_2024") -> RepeatedGame:
    r"""A lab founded for Alignment and its Alignment funders, every year: keep the mission or drift to Capabilities.

    The stage game (a product-choice game): the lab plays Mission or Drift,
    the funders Fund or Withhold.  Funding brings the lab
    :math:`g = \phi_A F_A` a year (a share of the essay's $10b); drifting earns
    :math:`x = \phi_C I` (a share of the year's AI investment, the essay's $50b
    in 2023 or $110b in 2024); the mission itself is worth :math:`v_M` to the
    lab; each dollar of Alignment work is worth :math:`\beta` to the funders.

    .. math::

        \begin{array}{c|cc}
         & \text{Fund} & \text{Withhold} \\ \hline
        \text{Mission} & g + v_M,\ (\beta - 1) g & v_M,\ 0 \\
        \text{Drift} & g + x,\ -g & x,\ 0
        \end{array}

    Drift is dominant when :math:`x > v_M`, and (Drift, Withhold) is the stage
    equilibrium.  Under grim trigger the mission is kept iff
    :math:`\delta \ge (x - v_M) / g = (\phi_C I - v_M) / (\phi_A F_A)` (and
    :math:`\beta \ge 1`): the threshold rises with the funding gap :math:`I / F_A`.

    Parameters
    ----------
    market : {"ai_investment_2024", "ai_investment_2023"}
        Which of the essay's AI investment figures the drifting lab draws on.

    Returns
    -------
    RepeatedGame
        Stage players ``("Lab", "Funders")``, path (Mission, Fund), threat (Drift, Withhold).

    References
    ----------
    .. [1] The essay, "History" and "Organizational level" (quoted in :data:`QUOTES`).
    .. [2] Mailath and Samuelson, Repeated Games and Reputations (2006), section 2.2.

    Examples
    --------
    >>> import games
    >>> g = mission_drift().subs(games.essay.parameters())
    >>> g.stage.payoffs[0].tolist()
    [[1000000000, 0], [2100000000, 1100000000]]
    """
    if market not in ("ai_investment_2024", "ai_investment_2023"):
        raise GameError(f"mission_drift: market={market!r} (allowed: ai_investment_2024, ai_investment_2023)")
    g = PHI_A * FUNDING
    x = PHI_C * _s(market)
    lab = [[g + MISSION, MISSION], [g + x, x]]
    funders = [[(BETA - 1) * g, sympy.Integer(0)], [-g, sympy.Integer(0)]]
    stage = Game.from_bimatrix(lab, funders, players=("Lab", "Funders"),
                               strategies=(("Mission", "Drift"), ("Fund", "Withhold")), name="Mission drift")
    return RepeatedGame(stage, DELTA, name="Mission drift", path=("Mission", "Fund"), threat=("Drift", "Withhold"))


@register("safety_pact", "geopolitical", family="repeated")
def safety_pact() -> RepeatedGame:
    r"""The great-power race repeated: a pact of mutual Alignment, held by the shadow of the future.

    The stage game is :func:`games.geopolitical.great_power_race` (a
    prisoner's dilemma at the defaults, :math:`T = b + E - h_1 D`,
    :math:`R = 2 b + s`, :math:`P = -h_2 D`, :math:`S = b - E - h_1 D`).  Under grim
    trigger (both race forever after a breach) mutual Alignment is a
    subgame-perfect equilibrium iff

    .. math::

        \delta \ge \frac{T - R}{T - P} = \frac{E - b - s - h_1 D}{E + b + (h_2 - h_1) D},

    which is 1/3 at the defaults (:math:`(3.5 - 2) / (3.5 + 1)` in trillions).

    Returns
    -------
    RepeatedGame
        Path (Alignment, Alignment), threat (Capabilities, Capabilities).

    References
    ----------
    .. [1] The essay, "Global level" (quoted in :data:`QUOTES`).
    .. [2] J. W. Friedman, "A non-cooperative equilibrium for supergames" (1971).

    Examples
    --------
    >>> safety_pact().path
    ('Alignment', 'Alignment')
    """
    return RepeatedGame(great_power_race(), DELTA, name="Safety pact", path=("Alignment", "Alignment"),
                        threat=("Capabilities", "Capabilities"))
