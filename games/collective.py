r"""Collective action among researchers: the n-researcher game, its two-researcher form and the threshold game.

The essay: "Generally speaking, there's a collective action problem."  Each
researcher's Alignment work lowers everyone's P(doom), so the gain is shared
and the salary sacrifice is private.
"""

from __future__ import annotations

from typing import Any

import sympy

from games._registry import register
from games.core import Game
from games.errors import GameError
from games.individual import (
    _READINGS,
    COUNT,
    GAMMA,
    HORIZON,
    I_C,
    N_RES,
    P_DOOM,
    Q_SUCCESS,
    R_A,
    R_C,
    T_A,
    TEAM,
    THRESHOLD,
    W_A,
    W_C,
    _check_bool,
    _check_n,
    marginal_doom_reduction,
    survival_valuation,
)
from games.symmetric import SymmetricGame

__all__ = ["collective_action", "collective_action_pair", "threshold_alignment"]


def _doom(alignment: Any, capabilities: Any, delta: sympy.Expr, clamp: bool) -> sympy.Expr:
    """P(doom) with `alignment` and `capabilities` researchers, kept in [0, 1] when `clamp`."""
    raw = P_DOOM - delta * alignment + GAMMA * capabilities
    return sympy.Piecewise((0, raw < 0), (1, raw > 1), (raw, True)) if clamp else raw


def _collective_payoffs(
    n: Any, others_alignment: Any, *, own_life: bool, reading: str, clamp: bool
) -> tuple[sympy.Expr, sympy.Expr]:
    """(U_Alignment, U_Capabilities) when `others_alignment` of the other n-1 do Alignment."""
    j = others_alignment
    v = survival_valuation(own_life=own_life)
    delta = marginal_doom_reduction(reading=reading)
    u_a = W_A * HORIZON + T_A * R_A + (1 - _doom(j + 1, n - 1 - j, delta, clamp)) * v
    u_c = W_C * HORIZON + R_C + I_C + (1 - _doom(j, n - j, delta, clamp)) * v
    return u_a, u_c


@register("collective_action", "individual")
def collective_action(
    n: Any = None, *, own_life: bool = True, reading: str = "absolute", clamp: bool = True
) -> SymmetricGame:
    r"""n researchers each choosing Alignment or Capabilities: the essay's collective-action problem.

    With :math:`a` Alignment and :math:`c = n - a` Capabilities researchers,

    .. math::

        P(a, c) = \min\bigl(1, \max(0,\; P_{\mathrm{doom}} - \Delta a + \gamma c)\bigr)
        \quad \text{(a Piecewise)},
        \qquad \Delta = p \, \delta,

    and a researcher whose valuation of survival is
    :math:`W = m V (s + \alpha k)` gets, when :math:`j` of the *other*
    :math:`n - 1` researchers do Alignment,

    .. math::

        U_A(j) &= w_A T + t_A R_A + \bigl(1 - P(j + 1,\, n - 1 - j)\bigr) W \\
        U_C(j) &= w_C T + R_C + I_C + \bigl(1 - P(j,\, n - j)\bigr) W.

    Away from the clamps, with :math:`c = (w_C - w_A) T + R_C + I_C - t_A R_A`,
    :math:`U_C - U_A = c - (\Delta + \gamma) W` for every :math:`j`, so
    Capabilities is dominant when that is positive, while all-Alignment beats
    all-Capabilities for everyone when :math:`n (\Delta + \gamma) W > c`, i.e. when

    .. math::

        n > n^* = \frac{(w_C - w_A) T + R_C + I_C - t_A R_A}{(\Delta + \gamma) W},

    27.08 researchers at the phd defaults (:math:`440{,}000 / 16{,}250`): the
    dilemma starts at 28 researchers.  Below that the game is not a dilemma:
    with two researchers all-Alignment is worse for both than all-Capabilities
    (by :math:`440{,}000 - 2 \times 16{,}250 = 407{,}500`), a Deadlock.

    Assumptions: each researcher's effect on P(doom) is additive (:math:`\Delta`
    per Alignment researcher, :math:`\gamma` per Capabilities researcher, the
    essay's "shortening AI timelines", ours, default 0); P(doom) is clamped to
    [0, 1]; every researcher has the same valuation :math:`W`.

    Parameters
    ----------
    n : int or sympy expression, optional
        Number of researchers; defaults to the symbol ``n_researchers`` (ours,
        default value 50).
    own_life : bool, default True
        Whether the own life counts in :math:`W` (:math:`s`).
    reading : {"absolute", "relative"}, default "absolute"
        Reading of "reduce P(Doom) by 5%".
    clamp : bool, default True
        Keep P(doom) in [0, 1] (a ``Piecewise``).  ``clamp=False`` gives
        polynomial payoffs, valid while P(doom) stays in [0, 1], which are
        easier for closed-form analysis.

    Returns
    -------
    SymmetricGame
        Strategies ``("Alignment", "Capabilities")``; ``count`` is the symbol
        :data:`COUNT` (``j``), the number of *other* researchers doing Alignment.

    Raises
    ------
    GameError
        For ``n`` below 2 or not a whole number, and bad options.

    References
    ----------
    .. [1] The essay, "So you don't die": "Generally speaking, there's a
       collective action problem. If our AI researcher valued all 8 billion
       human lives at each worth to their own ... $400 trillion".
    .. [2] M. Olson, The Logic of Collective Action, Harvard University Press, 1965.

    Examples
    --------
    >>> import games
    >>> g = collective_action(30).subs(games.essay.parameters("phd"))
    >>> g.payoff("Capabilities", 0) - g.payoff("Alignment", 0)
    423750
    """
    fn = "collective_action"
    _check_bool(own_life, "own_life", fn)
    if reading not in _READINGS:
        raise GameError(f"{fn}: reading={reading!r} not allowed (allowed: 'absolute', 'relative')")
    _check_bool(clamp, "clamp", fn)
    nn = N_RES if n is None else _check_n(n, "n", fn, minimum=2)
    u_a, u_c = _collective_payoffs(nn, COUNT, own_life=own_life, reading=reading, clamp=clamp)
    return SymmetricGame(nn, {"Alignment": u_a, "Capabilities": u_c}, count=COUNT,
                         name="Collective action among researchers")


@register("collective_action_pair", "individual")
def collective_action_pair(*, own_life: bool = True, reading: str = "absolute", clamp: bool = True) -> Game:
    r"""Two researchers' collective-action game: :func:`collective_action` with n = 2 as a bimatrix.

    With :math:`W = m V (s + \alpha k)`, :math:`\Delta = p \delta` and
    :math:`P(a, c)` the clamped P(doom) of :func:`collective_action`, the row
    researcher's payoffs are

    .. math::

        \begin{array}{c|cc}
         & A & C \\ \hline
        A & w_A T + t_A R_A + (1 - P(2, 0)) W & w_A T + t_A R_A + (1 - P(1, 1)) W \\
        C & w_C T + R_C + I_C + (1 - P(1, 1)) W & w_C T + R_C + I_C + (1 - P(0, 2)) W
        \end{array}

    and the column researcher's are the transpose.  At the defaults it is a
    Deadlock, not a Prisoner's Dilemma: Capabilities is dominant (by
    :math:`440{,}000 - 16{,}250 = 423{,}750`) *and* mutual Capabilities is better
    for both than mutual Alignment (by :math:`440{,}000 - 2 \times 16{,}250 =
    407{,}500`); the dilemma needs more than :math:`n^* = 27.08` researchers
    (:func:`collective_action`).

    Parameters
    ----------
    own_life : bool, default True
    reading : {"absolute", "relative"}, default "absolute"
    clamp : bool, default True
        Keep P(doom) in [0, 1] (a ``Piecewise``).  ``clamp=False`` gives
        polynomial payoffs, valid while P(doom) stays in [0, 1], which are
        easier for closed-form analysis.

    Returns
    -------
    Game
        Players ``("Researcher 1", "Researcher 2")``, strategies
        ``("Alignment", "Capabilities")`` each.

    References
    ----------
    .. [1] The essay, "So you don't die": "there's a collective action problem".

    Examples
    --------
    >>> import games
    >>> g = collective_action_pair().subs(games.essay.parameters("phd"))
    >>> g.payoffs[0][1, 1] - g.payoffs[0][0, 1]
    423750
    """
    fn = "collective_action_pair"
    _check_bool(own_life, "own_life", fn)
    if reading not in _READINGS:
        raise GameError(f"{fn}: reading={reading!r} not allowed (allowed: 'absolute', 'relative')")
    _check_bool(clamp, "clamp", fn)
    two = sympy.Integer(2)
    a_vs_a, c_vs_a = _collective_payoffs(two, 1, own_life=own_life, reading=reading, clamp=clamp)
    a_vs_c, c_vs_c = _collective_payoffs(two, 0, own_life=own_life, reading=reading, clamp=clamp)
    A = [[a_vs_a, a_vs_c], [c_vs_a, c_vs_c]]
    return Game.from_bimatrix(A, None, players=("Researcher 1", "Researcher 2"),
                              strategies=(("Alignment", "Capabilities"),) * 2,
                              name="Collective action, two researchers")


@register("threshold_alignment", "individual")
def threshold_alignment(n: Any = None, threshold: Any = None, *, own_life: bool = True) -> SymmetricGame:
    r"""Alignment succeeds only if at least M of n researchers work on it (a collective-risk game).

    If at least :math:`M` of the :math:`n` researchers choose Alignment, the
    agenda succeeds and averts doom with probability :math:`q`
    (P(doom) falls from :math:`P_{\mathrm{doom}}` to
    :math:`(1 - q) P_{\mathrm{doom}}`); otherwise nothing changes.  With
    :math:`W = m V (s + \alpha k)` and :math:`j` the number of *other*
    researchers doing Alignment,

    .. math::

        U_A(j) &= w_A T + t_A R_A + (1 - P_{\mathrm{doom}}) W
                 + q P_{\mathrm{doom}} W \,[\, j + 1 \ge M \,] \\
        U_C(j) &= w_C T + R_C + I_C + (1 - P_{\mathrm{doom}}) W
                 + q P_{\mathrm{doom}} W \,[\, j \ge M \,].

    A researcher is pivotal when exactly :math:`M - 1` others align; then
    Alignment pays :math:`q P_{\mathrm{doom}} W - (w_C - w_A) T - (R_C + I_C - t_A R_A)` more.
    When that is positive the game is a volunteer's dilemma (:math:`M = 1`) or a
    collective-risk dilemma: besides all-Capabilities, the symmetric equilibria
    include interior mixtures in which each researcher aligns with the
    probability that makes her pivotal often enough.  At the defaults
    (:math:`n = 5`, :math:`M = 2`, :math:`q = 1`): pivotal gain
    :math:`0.2 \times 6.5\text{m} = 1.3\text{m}` against a $440k sacrifice.

    Assumptions: the threshold (the essay's "no promising path forward" and
    "research is generally futile": large :math:`M`, small :math:`q`) and team
    size are ours; extra researchers beyond :math:`M` add nothing.

    Parameters
    ----------
    n : int or sympy expression, optional
        Team size; defaults to the symbol ``team_size`` (ours, default 5).
    threshold : int or sympy expression, optional
        :math:`M`; defaults to the symbol ``alignment_threshold`` (ours, default 2).
    own_life : bool, default True

    Returns
    -------
    SymmetricGame
        Strategies ``("Alignment", "Capabilities")``, count :data:`COUNT`.

    Raises
    ------
    GameError
        For ``n < 2``, ``threshold < 1`` or ``threshold > n`` (numbers).

    References
    ----------
    .. [1] The essay, "Do we need investment in alignment research?": "there is
       currently no promising path forward for Alignment research ... it may be
       that research is generally futile".
    .. [2] J. M. Pacheco, F. C. Santos, M. O. Souza and B. Skyrms, "Evolutionary
       dynamics of collective action in N-person stag hunt dilemmas", Proc. R.
       Soc. B 276 (2009) 315-321.
    .. [3] A. Diekmann, "Volunteer's dilemma", J. Conflict Resolution 29 (1985) 605-610.

    Examples
    --------
    >>> import games
    >>> g = threshold_alignment().subs(games.essay.parameters("phd"))
    >>> g.payoff("Alignment", 1) - g.payoff("Capabilities", 1)
    860000
    >>> g.payoff("Alignment", 0) - g.payoff("Capabilities", 0)
    -440000
    """
    fn = "threshold_alignment"
    _check_bool(own_life, "own_life", fn)
    nn = TEAM if n is None else _check_n(n, "n", fn, minimum=2)
    mm = THRESHOLD if threshold is None else _check_n(threshold, "threshold", fn, minimum=1)
    if nn.is_number and mm.is_number and mm > nn:
        raise GameError(f"{fn}: threshold={mm} exceeds n={nn} (allowed: 1 <= threshold <= n)")
    w = survival_valuation(own_life=own_life)
    base = (1 - P_DOOM) * w
    gain = Q_SUCCESS * P_DOOM * w
    j = COUNT
    u_a = W_A * HORIZON + T_A * R_A + base + sympy.Piecewise((gain, j + 1 >= mm), (0, True))
    u_c = W_C * HORIZON + R_C + I_C + base + sympy.Piecewise((gain, j >= mm), (0, True))
    return SymmetricGame(nn, {"Alignment": u_a, "Capabilities": u_c}, count=COUNT,
                         name="Threshold alignment")

