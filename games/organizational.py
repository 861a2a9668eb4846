r"""Organization-level games: labs racing for a market, investors choosing what to fund.

The essay's section "Organizational level" argues that "Alignment doesn't earn
money (except in so far as it improves capabilities for tasks); Capabilities
does", and that leaders "must continue spending on Capabilities, or they'll be
outcompeted by others who prefer to spend only on Capabilities".  The games here
make both arguments explicit.

Modelling choices
-----------------
* **The prize** the labs compete for is the yearly value of the AI market,
  ``ai_market_value`` (:math:`M`, ours: $150b a year).  The essay's "$50b into
  AI this year and $110b by 2024" is *investment*, a cost: the labs share the
  2024 investment :math:`I_{2024}` = $110b equally, :math:`I_{2024}/n` each,
  whatever their focus (so it moves payoff levels, not choices).
* **Market shares**: labs with the same focus split the market equally; when
  some labs focus on Capabilities and others on Safety, the Capabilities labs
  share the leader's fraction :math:`\sigma` and the Safety labs share
  :math:`1 - \sigma` (ours: default 0.8).
* **Safety costs** :math:`\kappa` per Safety-focused lab (ours: $5b, half the
  essay's $10b total alignment funding).
* **Catastrophe probability** rises linearly with the number :math:`c` of
  Capabilities-focused labs among :math:`n`: :math:`P_{\mathrm{doom}} c / n`, so
  that a world where every lab races has the essay's P(doom) and a world where
  none does has none.  Each lab loses :math:`L` in a catastrophe (ours: $100b).
* **Investors** (``funding``) each fund Alignment or Capabilities with the
  essay's representative investment, Microsoft's $10b in OpenAI; Capabilities
  returns :math:`r` (ours: 30% over the horizon), Alignment returns the share
  :math:`\rho r` (the RLHF objection; default 0, the essay's "Alignment doesn't
  earn money"), and each Alignment investment lowers P(doom) by
  :math:`\varepsilon` (ours: one point), which every investor values at its
  stake :math:`S_I` in the world (ours: $200b).

Every parameter the essay does not quantify is registered in
:data:`games.essay.MODEL_PARAMETERS` with ``ours=True``, a default and a range.

References
----------
.. [1] "Who Aligns the Alignment Researchers?", sections "History",
   "Organizational level" and "Across all levels" (``shared/essay/``).
.. [2] S. Armstrong, N. Bostrom and C. Shulman, "Racing to the precipice: a
   model of artificial intelligence development", AI & Society 31 (2016) 201-206.
"""

from __future__ import annotations

import numbers
from typing import Any

import sympy

from games import essay
from games._registry import register
from games.core import Game
from games.errors import GameError
from games.symmetric import SymmetricGame

__all__ = ["lab_race", "n_lab_race", "funding", "COUNT"]


_s = essay.symbol


MARKET, SHARE, KAPPA, LOSS = _s("ai_market_value"), _s("leader_share"), _s("safety_cost"), _s("lab_catastrophe_loss")
INVESTMENT = _s("ai_investment_2024")
P_DOOM, N_LABS = _s("p_doom"), _s("n_labs")
INVEST, RET, RHO = _s("microsoft_openai_investment"), _s("capabilities_return"), _s("alignment_return_share")
EPS, STAKE = _s("funding_doom_reduction"), _s("investor_stake")

#: The count symbol of :func:`n_lab_race`: how many *other* labs focus on Safety.
COUNT = sympy.Symbol("j", integer=True, nonnegative=True)


def _check_n(value: Any, name: str, fn: str) -> Any:
    if isinstance(value, sympy.Basic) and not value.is_number:
        return value
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, sympy.Integer)):
        raise GameError(f"{fn}: {name}={value!r} must be a whole number >= 2 or a sympy expression")
    if int(value) < 2:
        raise GameError(f"{fn}: {name}={value} is too small (allowed: a whole number >= 2)")
    return sympy.Integer(int(value))


def _lab_safety(n: Any, j: Any) -> sympy.Expr:
    """Payoff of a Safety lab when j of the other n-1 labs focus on Safety (j < n-1)."""
    c = n - 1 - j
    return (1 - SHARE) * MARKET / (j + 1) - INVESTMENT / n - KAPPA - P_DOOM * c / n * LOSS


def _lab_capabilities(n: Any, j: Any) -> sympy.Expr:
    """Payoff of a Capabilities lab when j > 0 of the other n-1 labs focus on Safety."""
    c = n - j
    return SHARE * MARKET / c - INVESTMENT / n - P_DOOM * c / n * LOSS


@register("lab_race", "organizational")
def lab_race() -> Game:
    r"""Two labs, each Safety-focused or Capabilities-focused, racing for the AI market.

    With market value :math:`M` (the prize), each lab's investment
    :math:`I_{2024}/2`, leader share :math:`\sigma`, safety cost
    :math:`\kappa`, catastrophe probability :math:`P_{\mathrm{doom}} c / 2` for
    :math:`c` Capabilities-focused labs and loss :math:`L` per lab, the row
    lab's payoffs are

    .. math::

        \begin{array}{c|cc}
         & \text{Safety} & \text{Capabilities} \\ \hline
        \text{Safety} & M/2 - I_{2024}/2 - \kappa &
            (1 - \sigma) M - I_{2024}/2 - \kappa - P_{\mathrm{doom}} L / 2 \\
        \text{Capabilities} & \sigma M - I_{2024}/2 - P_{\mathrm{doom}} L / 2 &
            M/2 - I_{2024}/2 - P_{\mathrm{doom}} L
        \end{array}

    (the column lab's are the transpose).  At the defaults it is a Prisoner's
    Dilemma: in $bn, :math:`T = 120 - 55 - 10 = 55 > R = 75 - 55 - 5 = 15 >
    P = 75 - 55 - 20 = 0 > S = 30 - 55 - 5 - 10 = -40`.  The investment is a
    cost common to all cells, so whether it is a dilemma depends on :math:`M`,
    :math:`\sigma`, :math:`\kappa` and :math:`P_{\mathrm{doom}} L`, not on it.
    This is the n = 2 case of :func:`n_lab_race`.

    Assumptions: see the module docstring (market value, shares, costs,
    catastrophe probability linear in the number of racing labs; all but the
    investment and P(doom) ours).

    Returns
    -------
    Game
        Players ``("Lab 1", "Lab 2")``, strategies ``("Safety", "Capabilities")``.

    References
    ----------
    .. [1] The essay, "Organizational level": "leaders like OpenAI and Deepmind,
       to maintain their lead, must continue spending on Capabilities, or they'll
       be outcompeted by others who prefer to spend only on Capabilities".
    .. [2] Armstrong, Bostrom and Shulman, "Racing to the precipice", AI &
       Society 31 (2016).

    Examples
    --------
    >>> import games
    >>> g = lab_race().subs(games.essay.parameters())
    >>> g.payoffs[0].tolist()
    [[15000000000, -40000000000], [55000000000, 0]]
    """
    two = sympy.Integer(2)
    A = [
        [MARKET / 2 - INVESTMENT / 2 - KAPPA, _lab_safety(two, 0)],
        [_lab_capabilities(two, 1), MARKET / 2 - INVESTMENT / 2 - P_DOOM * LOSS],
    ]
    return Game.from_bimatrix(A, None, players=("Lab 1", "Lab 2"),
                              strategies=(("Safety", "Capabilities"),) * 2, name="Lab race")


@register("n_lab_race", "organizational")
def n_lab_race(n: Any = None) -> SymmetricGame:
    r"""n labs, each Safety-focused or Capabilities-focused (a symmetric n-player race).

    When :math:`j` of the other :math:`n - 1` labs focus on Safety, with
    :math:`c` Capabilities-focused labs in all,

    .. math::

        U_S(j) &= -\frac{I_{2024}}{n} + \begin{cases}
            M/n - \kappa & j = n - 1 \\
            (1 - \sigma) M / (j + 1) - \kappa - P_{\mathrm{doom}} \tfrac{n - 1 - j}{n} L & \text{otherwise}
        \end{cases} \\
        U_C(j) &= -\frac{I_{2024}}{n} + \begin{cases}
            M/n - P_{\mathrm{doom}} L & j = 0 \\
            \sigma M / (n - j) - P_{\mathrm{doom}} \tfrac{n - j}{n} L & \text{otherwise}.
        \end{cases}

    Capabilities labs share the leader's fraction :math:`\sigma` of the market,
    Safety labs the rest; labs with the same focus split equally.  For n = 2 this
    is :func:`lab_race`.

    Parameters
    ----------
    n : int or sympy expression, optional
        Number of labs; defaults to the symbol ``n_labs`` (ours, default 5).

    Returns
    -------
    SymmetricGame
        Strategies ``("Safety", "Capabilities")``, count :data:`COUNT` (other
        Safety-focused labs).

    Raises
    ------
    GameError
        For ``n`` below 2 or not a whole number.

    References
    ----------
    .. [1] The essay, "Organizational level": "there are many other potential
       competitors who can spring up to focus on Capabilities".

    Examples
    --------
    >>> import games
    >>> g = n_lab_race(5).subs(games.essay.parameters())
    >>> g.payoff("Safety", 4), g.payoff("Capabilities", 4)
    (3000000000, 94000000000)
    """
    nn = N_LABS if n is None else _check_n(n, "n", "n_lab_race")
    j = COUNT
    u_s = sympy.Piecewise((MARKET / nn - INVESTMENT / nn - KAPPA, sympy.Eq(j, nn - 1)), (_lab_safety(nn, j), True))
    u_c = sympy.Piecewise((MARKET / nn - INVESTMENT / nn - P_DOOM * LOSS, sympy.Eq(j, 0)),
                          (_lab_capabilities(nn, j), True))
    return SymmetricGame(nn, {"Safety": u_s, "Capabilities": u_c}, count=COUNT, name="n-lab race")


@register("funding", "organizational")
def funding(*, clamp: bool = True) -> Game:
    r"""Two investors, each funding Alignment or Capabilities with the essay's $10b.

    With investment :math:`I` (Microsoft's $10b in OpenAI), Capabilities return
    :math:`r`, Alignment return :math:`\rho r` (the RLHF objection), and P(doom)
    :math:`P(a) = \max(0, P_{\mathrm{doom}} - \varepsilon a)` after :math:`a`
    Alignment investments, each investor with stake :math:`S_I` in the world gets

    .. math::

        U_i = I (1 + r_i) + (1 - P(a)) S_I, \qquad r_A = \rho r, \quad r_C = r:

    .. math::

        \begin{array}{c|cc}
         & \text{Alignment} & \text{Capabilities} \\ \hline
        \text{Alignment} & I (1 + \rho r) + (1 - P(2)) S_I & I (1 + \rho r) + (1 - P(1)) S_I \\
        \text{Capabilities} & I (1 + r) + (1 - P(1)) S_I & I (1 + r) + (1 - P(0)) S_I
        \end{array}

    Capabilities is dominant when :math:`(1 - \rho) r I > \varepsilon S_I`, and
    joint Alignment beats joint Capabilities when
    :math:`2 \varepsilon S_I > (1 - \rho) r I`; at the defaults
    ($3b > $2b and $4b > $3b) the game is a Prisoner's Dilemma.  As the money
    at stake :math:`I` grows, Capabilities wins: "As the amount of money
    available to investors grows, more and more will choose to invest in
    Capabilities research".

    Parameters
    ----------
    clamp : bool, default True
        Keep P(doom) at or above 0 (a ``Piecewise``).  ``clamp=False`` gives polynomial
        payoffs, valid when :math:`2 \varepsilon \le P_{\mathrm{doom}}`, which
        are easier for closed-form analysis.

    Returns
    -------
    Game
        Players ``("Investor 1", "Investor 2")``, strategies
        ``("Alignment", "Capabilities")``.

    References
    ----------
    .. [1] The essay, "History": "Alignment doesn't earn money (except in so far
       as it improves capabilities for tasks); Capabilities does"; "Organizational
       level": "productionizable models rely just as much or even more on
       Alignment research (e.g., RLHF)".

    Examples
    --------
    >>> import games
    >>> g = funding().subs(games.essay.parameters())
    >>> g.payoffs[0][1, 0] - g.payoffs[0][0, 0]
    1000000000
    """
    if not isinstance(clamp, bool):
        raise GameError(f"funding: clamp={clamp!r} must be True or False")

    def doom(a: int) -> sympy.Expr:
        raw = P_DOOM - EPS * a
        return sympy.Piecewise((0, raw < 0), (raw, True)) if clamp else raw

    u_a = INVEST * (1 + RHO * RET)
    u_c = INVEST * (1 + RET)
    A = [
        [u_a + (1 - doom(2)) * STAKE, u_a + (1 - doom(1)) * STAKE],
        [u_c + (1 - doom(1)) * STAKE, u_c + (1 - doom(0)) * STAKE],
    ]
    return Game.from_bimatrix(A, None, players=("Investor 1", "Investor 2"),
                              strategies=(("Alignment", "Capabilities"),) * 2, name="Funding")
