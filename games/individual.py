r"""Researcher-level games: one researcher's career choice and researchers' collective action.

The essay's section "Incentives to research Alignment" prices a researcher's
contribution to averting doom with the value of a statistical life (VSL) and sets
it against the salary gap between Alignment and Capabilities work.  The games
here turn that comparison into normal-form games whose payoffs are sympy
expressions in the essay's parameters (:func:`games.essay.parameters`).

Symbols (the registry's names; LaTeX in brackets)
-------------------------------------------------
``p_pivotal`` (:math:`p`) and ``doom_reduction`` (:math:`\delta`): "a 5% chance
their particular work will reduce P(Doom) by 5%"; their product is the expected
fall in P(doom) that one researcher's Alignment work buys.  ``vsl`` (:math:`V`),
``researcher_vsl_multiplier`` (:math:`m`), ``altruism_weight`` (:math:`\alpha`),
``circle_size`` (:math:`k`), ``salary_alignment`` (:math:`w_A`),
``salary_capabilities`` (:math:`w_C`), ``horizon_years`` (:math:`T`),
``p_doom`` (:math:`P_{\mathrm{doom}}`).

Modelling choices
-----------------
* **Valuation of survival.**  A researcher values the world surviving at
  :math:`m V (s + \alpha k)`, where :math:`s = 1` when her own life counts and
  :math:`s = 0` when it does not.  The essay's "$243,750" counts only the 150
  others (:math:`s = 0`); its "$16,250" and "$81,250" count only her own life.
  Every builder takes ``own_life=True`` (the reading the essay's own model
  implies; see the ``dunbar`` claim in :func:`games.essay.claims`).
* **Salaries are undiscounted over the horizon** :math:`T`, as in the essay's
  "$440k over the next five years".
* **"Reduce P(Doom) by 5%" is absolute by default** (5 percentage points), the
  reading under which the essay's arithmetic holds; ``reading="relative"``
  multiplies the reduction by :math:`P_{\mathrm{doom}}` (5% of 20%).
* **Capabilities' incentives** ("Incentives to research Capabilities"):
  commercial opportunity and funding are the salary :math:`w_C`; recognition
  is :math:`R_C`, and it tracks achievement fully, while only the share
  :math:`t_A` of Alignment's recognition :math:`R_A` reaches researchers whose
  work is impactful (ours, default 1/2); the social impact of Capabilities
  work (healthcare, sustainability) is worth :math:`I_C` to the researcher
  (ours, default 0, so that the essay's arithmetic is reproduced).  With
  :math:`R_A = R_C = I_C = 0` (the defaults) both are inert.
* **Parameters the essay does not quantify are ours** and registered in
  :data:`games.essay.MODEL_PARAMETERS` with documented defaults and ranges:
  the orthogonal job's salary, reputations, the Capabilities researcher's
  contribution to P(doom), the number of researchers, the threshold of the
  threshold game, and the audit / washing parameters.
* **One-player decisions are games against a passive "World"**, a column player
  with the single strategy ``"Passive"`` and payoff 0 everywhere, so every
  two-player solver applies unchanged.

References
----------
.. [1] "Who Aligns the Alignment Researchers?", sections "So you don't die",
   "So humanity doesn't die", "For social reputation" and "Do we need
   investment in alignment research?" (``shared/essay/``).
.. [2] W. K. Viscusi and J. E. Aldy, "The value of a statistical life: a
   critical review of market estimates throughout the world", Journal of Risk
   and Uncertainty 27 (2003) 5-76.
"""

from __future__ import annotations

import numbers
from typing import Any

import sympy

from games import essay
from games._registry import register
from games.core import Game
from games.errors import GameError

__all__ = ["career_choice", "survival_valuation", "marginal_doom_reduction", "COUNT"]


_s = essay.symbol


VSL, M_MULT, ALPHA, CIRCLE = _s("vsl"), _s("researcher_vsl_multiplier"), _s("altruism_weight"), _s("circle_size")


P_PIVOTAL, DOOM_RED, P_DOOM = _s("p_pivotal"), _s("doom_reduction"), _s("p_doom")


W_A, W_C, W_N, HORIZON = _s("salary_alignment"), _s("salary_capabilities"), _s("salary_neither"), _s("horizon_years")


R_A, R_C = _s("reputation_alignment"), _s("reputation_capabilities")


#: Capabilities' social impact (healthcare, sustainability) as the researcher values it, and the share of
#: Alignment's recognition that tracks actual achievement (Capabilities' tracks it fully); both ours.
I_C, T_A = _s("capabilities_social_impact"), _s("alignment_recognition_tracking")


GAMMA, N_RES = _s("capabilities_doom_increase"), _s("n_researchers")


TEAM, THRESHOLD, Q_SUCCESS = _s("team_size"), _s("alignment_threshold"), _s("threshold_success_probability")


#: The count symbol of this module's symmetric games: how many *other* players
#: play the first strategy.  Named ``j`` because ``k`` is the circle size.
COUNT = sympy.Symbol("j", integer=True, nonnegative=True)


_READINGS = ("absolute", "relative")
_MULTIPLIERS = ("every life", "own life")


def _check_bool(value: Any, name: str, fn: str) -> bool:
    if not isinstance(value, bool):
        raise GameError(f"{fn}: {name}={value!r} must be True or False")
    return value


def _check_n(value: Any, name: str, fn: str, *, minimum: int) -> Any:
    """A whole number >= minimum, or a sympy expression (left symbolic)."""
    if isinstance(value, sympy.Basic) and not value.is_number:
        return value
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, sympy.Integer)):
        raise GameError(f"{fn}: {name}={value!r} must be a whole number >= {minimum} or a sympy expression")
    if int(value) < minimum:
        raise GameError(f"{fn}: {name}={value} is too small (allowed: a whole number >= {minimum})")
    return sympy.Integer(int(value))


def survival_valuation(*, own_life: bool = True, multiplier: str = "every life") -> sympy.Expr:
    r"""What a researcher would pay for the world to survive: :math:`m V (s + \alpha k)`.

    .. math::

        V_{\mathrm{res}} = m \, V \, (s + \alpha k), \qquad s = 1 \text{ if the own life counts, else } 0;

    with ``multiplier="own life"`` the researcher's multiplier :math:`m` scales
    only her own life, :math:`V (m s + \alpha k)`: the essay's "on top of
    that" (the ``dunbar-researcher`` claim: 81,250 + 243,750 = 325,000).

    Parameters
    ----------
    own_life : bool
        Count the researcher's own life (``s = 1``).  The essay's "$243,750"
        leaves it out.
    multiplier : {"every life", "own life"}
        What the researcher's VSL multiplier :math:`m` scales.

    Returns
    -------
    sympy.Expr

    References
    ----------
    .. [1] The essay, "So humanity doesn't die": "we'll value others' lives about
       10% as much as our own, over 150 people".

    Examples
    --------
    >>> survival_valuation()
    researcher_vsl_multiplier*vsl*(altruism_weight*circle_size + 1)
    >>> survival_valuation(own_life=False)
    altruism_weight*circle_size*researcher_vsl_multiplier*vsl
    >>> survival_valuation(multiplier="own life")
    vsl*(altruism_weight*circle_size + researcher_vsl_multiplier)
    """
    s = sympy.Integer(1) if _check_bool(own_life, "own_life", "survival_valuation") else sympy.Integer(0)
    if multiplier not in _MULTIPLIERS:
        raise GameError(f"survival_valuation: multiplier={multiplier!r} not allowed "
                        f"(allowed: {', '.join(map(repr, _MULTIPLIERS))})")
    if multiplier == "own life":
        return VSL * (M_MULT * s + ALPHA * CIRCLE)
    return M_MULT * VSL * (s + ALPHA * CIRCLE)


def marginal_doom_reduction(*, reading: str = "absolute") -> sympy.Expr:
    r"""Expected fall in P(doom) from one researcher's Alignment work.

    .. math::

        \Delta = p \, \delta \quad \text{(absolute)}, \qquad
        \Delta = p \, \delta \, P_{\mathrm{doom}} \quad \text{(relative)}.

    Parameters
    ----------
    reading : {"absolute", "relative"}
        How to read the essay's "reduce P(Doom) by 5%": five percentage points
        (the essay's arithmetic) or five percent of P(doom).

    Raises
    ------
    GameError
        For any other ``reading``.

    Examples
    --------
    >>> marginal_doom_reduction()
    doom_reduction*p_pivotal
    >>> marginal_doom_reduction(reading="relative")
    doom_reduction*p_doom*p_pivotal
    """
    if reading not in _READINGS:
        raise GameError(f"marginal_doom_reduction: reading={reading!r} not allowed (allowed: 'absolute', 'relative')")
    base = P_PIVOTAL * DOOM_RED
    return base * P_DOOM if reading == "relative" else base


@register("career_choice", "individual")
def career_choice(*, own_life: bool = True, reading: str = "absolute", multiplier: str = "every life") -> Game:
    r"""One researcher choosing Alignment, Capabilities or Neither, against a passive World.

    Over the horizon :math:`T` (undiscounted), the researcher's payoffs are

    .. math::

        U_A &= w_A T + p \, \delta \, m V (s + \alpha k) + t_A R_A \\
        U_C &= w_C T + R_C + I_C \\
        U_N &= w_N T

    where :math:`s = 1` when her own life counts (``own_life=True``) and 0 when
    it does not.  Only the *difference* Alignment makes to survival enters
    :math:`U_A`; the survival value common to all three choices is left out.

    The decision is represented as a two-player game so that every solver
    applies: the researcher (rows) against a passive "World" (one column,
    ``"Passive"``) whose payoff is 0 in every cell, a 3 x 1 bimatrix.

    Assumptions: salaries undiscounted over the horizon; reputations
    :math:`R_A, R_C`, the recognition tracking :math:`t_A`, Capabilities'
    social impact :math:`I_C` and the orthogonal salary :math:`w_N` are ours
    (defaults 0, 0, 1/2, 0 and $100k); "reduce P(Doom) by 5%" read as absolute unless
    ``reading="relative"`` (then :math:`\delta` is multiplied by
    :math:`P_{\mathrm{doom}}`).

    Parameters
    ----------
    own_life : bool, default True
        Whether the researcher's own life counts in the value of Alignment
        (:math:`s`).  The essay's "$243,750" leaves it out; its "$16,250"
        counts only it.
    reading : {"absolute", "relative"}, default "absolute"
        Reading of "reduce P(Doom) by 5%" (see :func:`marginal_doom_reduction`).
    multiplier : {"every life", "own life"}, default "every life"
        What the researcher's VSL multiplier scales (see :func:`survival_valuation`).

    Returns
    -------
    Game
        Players ``("Researcher", "World")``; strategies
        ``("Alignment", "Capabilities", "Neither")`` and ``("Passive",)``.

    Raises
    ------
    GameError
        For a non-boolean ``own_life`` or an unknown ``reading``.

    References
    ----------
    .. [1] The essay, "So you don't die": "the rational amount they'd be willing
       to pay is 5%*5%*$6.5m=$16,250"; "their expected income sacrifice over the
       next five years is $440k"; "So humanity doesn't die": "revised upwards
       from $16,250 to $243,750".

    Examples
    --------
    >>> import games
    >>> g = career_choice()
    >>> g.shape
    (3, 1)
    >>> num = g.subs(games.essay.parameters("phd"))
    >>> [num.payoffs[0][i, 0] for i in range(3)]
    [191250, 615000, 500000]
    """
    fn = "career_choice"
    _check_bool(own_life, "own_life", fn)
    if reading not in _READINGS:
        raise GameError(f"{fn}: reading={reading!r} not allowed (allowed: 'absolute', 'relative')")
    value = marginal_doom_reduction(reading=reading) * survival_valuation(own_life=own_life, multiplier=multiplier)
    researcher = [[W_A * HORIZON + value + T_A * R_A], [W_C * HORIZON + R_C + I_C], [W_N * HORIZON]]
    world = [[0], [0], [0]]
    return Game.from_bimatrix(
        researcher, world, players=("Researcher", "World"),
        strategies=(("Alignment", "Capabilities", "Neither"), ("Passive",)),
        name="Career choice" + ("" if own_life else " (own life not counted)"),
    )


