r"""Races with continuous choices: the race to the precipice, and the Tullock contest for the AI market.

Two models of the essay's organizational race ("leaders like OpenAI and
Deepmind, to maintain their lead, must continue spending on Capabilities, or
they'll be outcompeted"), with continuous choices rather than the two-strategy
games of :mod:`games.organizational`.  Both are :class:`~games.continuous.ContinuousGame`
in the symmetric form, so the number of teams may stay a symbol.

**The race to the precipice** (Armstrong, Bostrom and Shulman 2016; the model as its abstract and
secondary summaries state it: the paper's text was not available to check against).
:math:`n` teams race to build the first AI.  Team :math:`i` has a capability
:math:`c_i`, drawn independently and uniformly from :math:`[0, \mu]`, and
chooses a safety level :math:`s_i \in [0, 1]`; the team with the highest
:math:`c_i - s_i` builds the AI first, which is safe with probability
:math:`s_i` of that team (a disaster otherwise).  A team gets 1 if its own AI is
safe, :math:`1 - e` if a rival's is (:math:`e` is the *enmity*), 0 on a disaster.
:func:`precipice_race` is the game *without information* (no team knows any
capability, its own included), where a strategy is one number: with the others
at :math:`t` and :math:`d = s - t`, a team wins with probability

.. math::

    P(d) = \begin{cases}
      1 & d \le -\mu \\
      \dfrac{\mu^n - (-d)^n}{n \mu^n} - \dfrac{d}{\mu} & -\mu < d \le 0 \\
      \dfrac{(\mu - d)^n}{n \mu^n} & 0 < d < \mu \\
      0 & d \ge \mu
    \end{cases}

(the chance that :math:`c - d` beats the best of :math:`n - 1` uniform draws),
and its payoff is :math:`P(d) s + (1 - P(d)) (1 - e) t`.  The cases with private
and public information have strategies that are functions of capabilities; they
are solved by :func:`solvers.race_equilibrium`.

**The contest for the market** (Tullock 1980).  :func:`rd_contest`: :math:`n`
labs spend :math:`x_i` on Capabilities; lab :math:`i` takes the market
:math:`V` with probability :math:`x_i / \sum_j x_j` and pays :math:`(1 + \sigma) x_i`,
where :math:`\sigma` is what it spends on safety per dollar of Capabilities
(:math:`\sigma = 0` without a safety cost).

References
----------
.. [1] S. Armstrong, N. Bostrom and C. Shulman, "Racing to the precipice: a model
   of artificial intelligence development", AI & Society 31 (2016) 201-206,
   doi:10.1007/s00146-015-0590-y (FHI technical report 2013-1).
.. [2] G. Tullock, "Efficient rent seeking", in *Toward a Theory of the
   Rent-Seeking Society* (1980) 97-112.
.. [3] The essay, "Organizational level" ("Who Aligns the Alignment Researchers?", ``shared/essay/``).
"""

from __future__ import annotations

from typing import Any

import sympy

from games import essay
from games._exact import to_exact
from games._registry import register
from games.continuous import ContinuousGame
from games.errors import GameError

__all__ = ["precipice_race", "rd_contest", "win_probability", "SAFETY", "RIVAL_SAFETY", "SPENDING",
           "RIVAL_SPENDING"]

_s = essay.symbol
TEAMS, ENMITY, SPREAD = _s("race_teams"), _s("race_enmity"), _s("capability_spread")
PRIZE, SAFETY_SHARE, LABS = _s("market_prize"), _s("safety_cost_share"), _s("n_labs")

#: A team's safety level, and each rival's (the symmetric form's ``others``).
SAFETY, RIVAL_SAFETY = sympy.Symbol("s", nonnegative=True), sympy.Symbol("t", nonnegative=True)
#: A lab's Capabilities spending, and each rival's.
SPENDING, RIVAL_SPENDING = sympy.Symbol("x", nonnegative=True), sympy.Symbol("y", nonnegative=True)


def _number(n: Any, default: sympy.Symbol, fn: str) -> sympy.Expr:
    if n is None:
        return default
    if isinstance(n, sympy.Basic) and not n.is_number:
        return n
    if isinstance(n, bool) or not isinstance(n, (int, sympy.Integer)) or int(n) < 2:
        raise GameError(f"{fn}: n={n!r} not allowed (allowed: a whole number >= 2 or a sympy expression)")
    return sympy.Integer(int(n))


def win_probability(d: Any, n: Any, mu: Any) -> sympy.Expr:
    r"""The chance that a team whose safety is ``d`` above its rivals' wins the race (no information).

    .. math::

        P(d) = \Pr\bigl(c - d > \max_{j \ne i} c_j\bigr), \qquad c, c_j \sim U[0, \mu]

    (a ``Piecewise`` in :math:`d`; the module docstring gives the branches).

    Examples
    --------
    >>> win_probability(0, 2, 1), win_probability(sympy.Rational(1, 2), 2, 1)
    (1/2, 1/8)
    """
    d = to_exact(d, "win_probability: d", error=GameError)
    return sympy.Piecewise(
        (1, d <= -mu),
        ((mu**n - (-d) ** n) / (n * mu**n) - d / mu, d <= 0),
        ((mu - d) ** n / (n * mu**n), d < mu),
        (0, True))


@register("precipice_race", "organizational", family="continuous")
def precipice_race(n: Any = None) -> ContinuousGame:
    r"""The race to the precipice without information: n teams choose safety levels in [0, 1].

    .. math::

        u(s, t) = P(s - t)\, s + \bigl(1 - P(s - t)\bigr) (1 - e)\, t,
        \qquad s, t \in [0, 1]

    with :math:`P` the chance of winning (module docstring), :math:`e` the
    enmity (``race_enmity``) and :math:`\mu` the capability spread
    (``capability_spread``).  The symmetric equilibrium is
    :math:`s^* = \min(1, \mu / (n e))` (:func:`solvers.continuous_equilibria`;
    Armstrong, Bostrom and Shulman, no information).

    Parameters
    ----------
    n : int or sympy expression, optional
        Number of teams; defaults to the symbol ``race_teams`` (ours, default 2).

    Returns
    -------
    ContinuousGame
        The symmetric form: strategy :data:`SAFETY`, rivals' strategy :data:`RIVAL_SAFETY`.

    Raises
    ------
    GameError
        For ``n`` below 2 or not a whole number.

    References
    ----------
    .. [1] Armstrong, Bostrom and Shulman, "Racing to the precipice" (2016).
    .. [2] The essay, "Organizational level": "leaders like OpenAI and Deepmind, to maintain their
       lead, must continue spending on Capabilities, or they'll be outcompeted".

    Examples
    --------
    >>> g = precipice_race(2)
    >>> g.n_players, sorted(s.name for s in g.free_symbols)
    (2, ['capability_spread', 'race_enmity'])
    """
    nn = _number(n, TEAMS, "precipice_race")
    p = win_probability(SAFETY - RIVAL_SAFETY, nn, SPREAD)
    u = p * SAFETY + (1 - p) * (1 - ENMITY) * RIVAL_SAFETY
    return ContinuousGame.symmetric(nn, (SAFETY, 0, 1), u, others=RIVAL_SAFETY, player="Each team",
                                    name="Race to the precipice (no information)")


@register("rd_contest", "organizational", family="continuous")
def rd_contest(n: Any = None, *, safety: bool = True) -> ContinuousGame:
    r"""n labs spend on Capabilities in a Tullock contest for the AI market, with or without a safety cost.

    .. math::

        u(x, y) = \frac{x}{x + (n - 1) y} V - (1 + \sigma) x, \qquad x, y \ge 0

    :math:`V` the market (``market_prize``), :math:`\sigma` the safety spending per
    dollar of Capabilities (``safety_cost_share``; 0 with ``safety=False``).  The
    symmetric equilibrium spends :math:`x^* = (n - 1) V / (n^2 (1 + \sigma))` on
    Capabilities; all labs together pay :math:`(n - 1) V / n` whatever
    :math:`\sigma`, so spending grows in proportion to the prize: the essay's
    $50b this year and $110b by 2024 are the equilibrium outlays of five labs
    contesting markets of $62.5b and $137.5b.

    Parameters
    ----------
    n : int or sympy expression, optional
        Number of labs; defaults to the symbol ``n_labs`` (ours, default 5).
    safety : bool, default True
        Charge the safety cost :math:`\sigma`.

    Returns
    -------
    ContinuousGame
        The symmetric form: strategy :data:`SPENDING`, rivals' strategy :data:`RIVAL_SPENDING`.

    Raises
    ------
    GameError
        For ``n`` below 2 or not a whole number, or ``safety`` not a bool.

    References
    ----------
    .. [1] Tullock, "Efficient rent seeking" (1980).
    .. [2] The essay, "Organizational level": "investors and major companies intend to pour $50b
       into AI this year and $110b by 2024".

    Examples
    --------
    >>> g = rd_contest(2, safety=False)
    >>> g.payoffs[0]
    market_prize*x/(x + y) - x
    """
    if not isinstance(safety, bool):
        raise GameError(f"rd_contest: safety={safety!r} must be True or False")
    nn = _number(n, LABS, "rd_contest")
    cost = 1 + SAFETY_SHARE if safety else sympy.Integer(1)
    u = SPENDING / (SPENDING + (nn - 1) * RIVAL_SPENDING) * PRIZE - cost * SPENDING
    title = "Contest for the AI market" + (" with a safety cost" if safety else "")
    return ContinuousGame.symmetric(nn, (SPENDING, 0, sympy.oo), u, others=RIVAL_SPENDING, player="Each lab",
                                    name=title)
