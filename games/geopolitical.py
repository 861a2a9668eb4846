r"""Great-power games: a relative edge from Capabilities, a world-wide public good from Alignment.

The essay's section "Global level": "Competing great powers gain an edge over each
other if they push the envelope on Capabilities research, but the benefits of
Alignment work accrues to the whole world in general."  The essay quantifies
nothing here, so every parameter is ours (registered in
:data:`games.essay.MODEL_PARAMETERS` with ``ours=True``) except
:math:`P_{\mathrm{doom}}`, which the games do not need.

Modelling choices
-----------------
Each power chooses Alignment or Capabilities.  Payoffs are in USD.

* **Edge (zero-sum)**: a racing power gains :math:`E` from each non-racing power,
  which loses it; with :math:`n` powers the edge per pair is :math:`E / (n - 1)`.
* **Alignment is a public good**: each aligning power gives *every* power :math:`b`.
* **Synergy**: a joint alignment programme adds :math:`s` per pair of aligning
  powers, :math:`s / (n - 1)` each with n powers (0 by default); with it the game
  can become a Stag Hunt.
* **Racing risk**: with :math:`c` racing powers a catastrophe costing each power
  :math:`D` happens with probability :math:`h(c) = h_1 c + (h_2 - 2 h_1) \binom{c}{2}`,
  so :math:`h(1) = h_1` and :math:`h(2) = h_2`; :math:`h_2 > 2 h_1` means racing
  escalates (two racers are more than twice as dangerous as one), which can make
  the game Chicken.

For two powers, with :math:`R, S, T, P` the row power's payoffs at (A, A),
(A, C), (C, A), (C, C):

.. math::

    R = 2 b + s, \quad S = b - E - h_1 D, \quad T = b + E - h_1 D, \quad P = - h_2 D.

Prisoner's Dilemma :math:`T > R > P > S` (the defaults), Stag Hunt
:math:`R > T \ge P > S` (large :math:`s`), Chicken :math:`T > R > S > P`
(large :math:`h_2 D`), Harmony :math:`R > T,\ S > P` (small :math:`E`).

References
----------
.. [1] "Who Aligns the Alignment Researchers?", section "Global level"
   (``shared/essay/``).
.. [2] A. Rapoport and M. Guyer, "A taxonomy of 2 x 2 games", General Systems 11
   (1966) 203-214.
.. [3] R. Jervis, "Cooperation under the security dilemma", World Politics 30
   (1978) 167-214.
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

__all__ = ["great_power_race", "n_power_race", "race_risk", "COUNT"]


_s = essay.symbol


BENEFIT, SYNERGY, EDGE = _s("alignment_world_benefit"), _s("alignment_synergy"), _s("capabilities_edge")
H1, H2, LOSS, N_POWERS = _s("race_risk_one"), _s("race_risk_both"), _s("power_catastrophe_loss"), _s("n_powers")

#: The count symbol of :func:`n_power_race`: how many *other* powers choose Alignment.
COUNT = sympy.Symbol("j", integer=True, nonnegative=True)


def race_risk(racers: Any, *, clamp: bool = True) -> sympy.Expr:
    r"""Catastrophe probability with ``racers`` powers racing.

    .. math::

        h(c) = \min\Bigl(1, \max\bigl(0,\; h_1 c + (h_2 - 2 h_1) \tfrac{c (c - 1)}{2}\bigr)\Bigr).

    Parameters
    ----------
    racers : int or sympy expression
    clamp : bool, default True
        Keep the value in [0, 1] (a ``Piecewise``).

    Examples
    --------
    >>> race_risk(2, clamp=False)
    race_risk_both
    >>> race_risk(0)
    0
    """
    c = sympy.sympify(racers, strict=True) if isinstance(racers, numbers.Number) else racers
    raw = H1 * c + (H2 - 2 * H1) * c * (c - 1) / 2
    return sympy.Piecewise((0, raw < 0), (1, raw > 1), (raw, True)) if clamp else raw


def _power_payoffs(n: Any, j: Any, *, clamp: bool) -> tuple[sympy.Expr, sympy.Expr]:
    """(U_Alignment, U_Capabilities) when j of the other n-1 powers align."""
    u_a = BENEFIT * (j + 1) + SYNERGY * j / (n - 1) - EDGE * (n - 1 - j) / (n - 1) - race_risk(n - 1 - j, clamp=clamp) * LOSS
    u_c = BENEFIT * j + EDGE * j / (n - 1) - race_risk(n - j, clamp=clamp) * LOSS
    return u_a, u_c


@register("great_power_race", "geopolitical")
def great_power_race() -> Game:
    r"""Two great powers, each choosing Alignment or Capabilities.

    The row power's payoffs (the column power's are the transpose):

    .. math::

        \begin{array}{c|cc}
         & \text{Alignment} & \text{Capabilities} \\ \hline
        \text{Alignment} & 2 b + s & b - E - h_1 D \\
        \text{Capabilities} & b + E - h_1 D & - h_2 D
        \end{array}

    :math:`b`: benefit to every power of each power's Alignment (public good);
    :math:`s`: synergy of joint Alignment; :math:`E`: zero-sum edge of racing
    against a non-racer; :math:`h_1, h_2`: catastrophe probability with one or
    two racers; :math:`D`: each power's loss in a catastrophe.  All ours.

    The parameters select the game's type: Prisoner's Dilemma
    (:math:`T > R > P > S`; the defaults give, in trillions of USD,
    :math:`3.5 > 2 > -1 > -2.5`), Stag Hunt
    (:math:`R > T \ge P > S`, e.g. a synergy :math:`s` above
    :math:`E - b - h_1 D`), Chicken (:math:`T > R > S > P`, e.g. escalating risk
    :math:`h_2 D > E + h_1 D - b`) or Harmony (:math:`R > T`, :math:`S > P`,
    e.g. :math:`E < b + s + h_1 D` and :math:`E < b - h_1 D + h_2 D`).

    Returns
    -------
    Game
        Players ``("Power 1", "Power 2")``, strategies ``("Alignment", "Capabilities")``.

    References
    ----------
    .. [1] The essay, "Global level": "Competing great powers gain an edge over
       each other if they push the envelope on Capabilities research, but the
       benefits of Alignment work accrues to the whole world in general."
    .. [2] Rapoport and Guyer, "A taxonomy of 2 x 2 games" (1966).

    Examples
    --------
    >>> import games
    >>> g = great_power_race().subs(games.essay.parameters())
    >>> [[x / 10**12 for x in row] for row in g.payoffs[0].tolist()]
    [[2, -5/2], [7/2, -1]]
    """
    two = sympy.Integer(2)
    a_vs_a, c_vs_a = _power_payoffs(two, 1, clamp=False)
    a_vs_c, c_vs_c = _power_payoffs(two, 0, clamp=False)
    A = [[a_vs_a, a_vs_c], [c_vs_a, c_vs_c]]
    return Game.from_bimatrix(A, None, players=("Power 1", "Power 2"),
                              strategies=(("Alignment", "Capabilities"),) * 2, name="Great-power race")


@register("n_power_race", "geopolitical")
def n_power_race(n: Any = None, *, clamp: bool = True) -> SymmetricGame:
    r"""n great powers, each choosing Alignment or Capabilities (symmetric n-player race).

    When :math:`j` of the other :math:`n - 1` powers align,

    .. math::

        U_A(j) &= b (j + 1) + \frac{s j}{n - 1} - \frac{E (n - 1 - j)}{n - 1} - h(n - 1 - j) D \\
        U_C(j) &= b j + \frac{E j}{n - 1} - h(n - j) D

    with :math:`h(c) = h_1 c + (h_2 - 2 h_1) c (c - 1) / 2` kept in [0, 1]
    (:func:`race_risk`).  For n = 2 this is :func:`great_power_race`.

    Parameters
    ----------
    n : int or sympy expression, optional
        Number of powers; defaults to the symbol ``n_powers`` (ours, default 3).
    clamp : bool, default True
        Keep the catastrophe probability in [0, 1] (a ``Piecewise``);
        ``clamp=False`` gives polynomial payoffs for closed-form work.

    Returns
    -------
    SymmetricGame
        Strategies ``("Alignment", "Capabilities")``, count :data:`COUNT`.

    Raises
    ------
    GameError
        For ``n`` below 2 or not a whole number.

    References
    ----------
    .. [1] The essay, "Global level".

    Examples
    --------
    >>> import games
    >>> g = n_power_race(3).subs(games.essay.parameters())
    >>> g.payoff("Capabilities", 2) / 10**12
    9/2
    """
    fn = "n_power_race"
    if not isinstance(clamp, bool):
        raise GameError(f"{fn}: clamp={clamp!r} must be True or False")
    if n is None:
        nn = N_POWERS
    elif isinstance(n, sympy.Basic) and not n.is_number:
        nn = n
    elif isinstance(n, bool) or not isinstance(n, (numbers.Integral, sympy.Integer)) or int(n) < 2:
        raise GameError(f"{fn}: n={n!r} not allowed (allowed: a whole number >= 2 or a sympy expression)")
    else:
        nn = sympy.Integer(int(n))
    u_a, u_c = _power_payoffs(nn, COUNT, clamp=clamp)
    return SymmetricGame(nn, {"Alignment": u_a, "Capabilities": u_c}, count=COUNT, name="n-power race")
