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

import functools
import numbers
from typing import Any

import sympy

from games import essay
from games._registry import register
from games.core import Game, SymmetricGame
from games.errors import GameError
from games.parameters import Parameter

__all__ = [
    "career_choice",
    "collective_action",
    "collective_action_pair",
    "threshold_alignment",
    "alignment_washing",
    "survival_valuation",
    "marginal_doom_reduction",
    "COUNT",
]

_reg = functools.partial(essay.register_model_parameter, module=__name__)

_reg(Parameter(
    "salary_neither", 100e3, kind="money", unit="USD / year", low=35e3, high=250e3, latex=r"w_N", ours=True,
    description="yearly pay of an orthogonal job, neither Alignment nor Capabilities (ours)",
    quote="choose between researching Capabilities, Alignment, or neither"))
_reg(Parameter(
    "reputation_alignment", 0, kind="money", unit="USD", low=0, high=1e6, latex=r"R_A", ours=True,
    description="career value of the reputation Alignment work earns, over the horizon (ours; default 0)",
    quote="You will be respected by other people who admire you're doing something to help prevent "
          "humanity dying"))
_reg(Parameter(
    "reputation_capabilities", 0, kind="money", unit="USD", low=0, high=1e6, latex=r"R_C", ours=True,
    description="career value of the recognition Capabilities work earns, over the horizon (ours; default 0)",
    quote="Advancing AI capabilities can lead to groundbreaking research that can gain recognition"))
_reg(Parameter(
    "capabilities_doom_increase", 0, kind="probability", unit="probability (absolute)", low=0, high=0.0025,
    latex=r"\gamma", ours=True,
    description="rise in P(doom) one Capabilities researcher causes (ours; default 0)",
    quote="others maintain they are doing incredible harm by shortening AI timelines"))
_reg(Parameter(
    "n_researchers", 50, kind="count", unit="researchers", low=2, high=1000, latex=r"n", ours=True,
    description="number of researchers in the collective-action game (ours)",
    quote="Generally speaking, there's a collective action problem."))
_reg(Parameter(
    "team_size", 5, kind="count", unit="researchers", low=2, high=100, latex=r"n_T", ours=True,
    description="researchers who could join an alignment agenda in the threshold game (ours)",
    quote="it may be that research is generally futile, or moving the marginal researcher into AI Risk is futile"))
_reg(Parameter(
    "alignment_threshold", 2, kind="count", unit="researchers", low=1, high=100, latex=r"M", ours=True,
    description="researchers an alignment agenda needs to succeed in the threshold game (ours)",
    quote="there is currently no promising path forward for Alignment research"))
_reg(Parameter(
    "threshold_success_probability", 1, kind="probability", unit="probability", low=0, high=1, latex=r"q",
    ours=True,
    description="chance a fully staffed agenda averts doom; near 0 is the essay's 'futile' (ours)",
    quote="it may be that research is generally futile"))
_reg(Parameter(
    "social_capital", 500e3, kind="money", unit="USD", low=0, high=2e6, latex=r"S", ours=True,
    description="career value of being seen to do Alignment work, in the washing game (ours)",
    quote="social capital accrues for alignment research that seems to be impactful to relevant others"))
_reg(Parameter(
    "audit_cost", 10e3, kind="money", unit="USD", low=0, high=200e3, latex=r"c_{\mathrm{audit}}", ours=True,
    description="what it costs the funder or community to audit one researcher's work (ours)",
    quote="Precisely because the line between Alignment and Capabilities work is blurry"))
_reg(Parameter(
    "audit_detection", 0.5, kind="probability", unit="probability", low=0, high=1, latex=r"d", ours=True,
    description="chance an audit exposes Capabilities work labelled Alignment (ours)",
    quote="perhaps difficult to see much of the time"))
_reg(Parameter(
    "washing_penalty", 500e3, kind="money", unit="USD", low=0, high=5e6, latex=r"L_W", ours=True,
    description="career damage to a researcher exposed as alignment-washing (ours)",
    quote="most researchers ... could recoil at the thought their work is net negative"))
_reg(Parameter(
    "washing_harm", 100e3, kind="money", unit="USD", low=0, high=10e6, latex=r"H_W", ours=True,
    description="the funder's loss from trusting a researcher whose 'alignment' work is Capabilities (ours)",
    quote="Alignment researchers are up against all the people who say they work in Alignment but actually "
          "work in Capabilities"))

_s = essay.symbol


VSL, M_MULT, ALPHA, CIRCLE = _s("vsl"), _s("researcher_vsl_multiplier"), _s("altruism_weight"), _s("circle_size")
P_PIVOTAL, DOOM_RED, P_DOOM = _s("p_pivotal"), _s("doom_reduction"), _s("p_doom")
W_A, W_C, W_N, HORIZON = _s("salary_alignment"), _s("salary_capabilities"), _s("salary_neither"), _s("horizon_years")
R_A, R_C = _s("reputation_alignment"), _s("reputation_capabilities")
GAMMA, N_RES = _s("capabilities_doom_increase"), _s("n_researchers")
TEAM, THRESHOLD, Q_SUCCESS = _s("team_size"), _s("alignment_threshold"), _s("threshold_success_probability")
SOCIAL, AUDIT_COST, DETECT = _s("social_capital"), _s("audit_cost"), _s("audit_detection")
PENALTY, HARM = _s("washing_penalty"), _s("washing_harm")

#: The count symbol of this module's symmetric games: how many *other* players
#: play the first strategy.  Named ``j`` because ``k`` is the circle size.
COUNT = sympy.Symbol("j", integer=True, nonnegative=True)

_READINGS = ("absolute", "relative")


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


def survival_valuation(*, own_life: bool = True) -> sympy.Expr:
    r"""What a researcher would pay for the world to survive: :math:`m V (s + \alpha k)`.

    .. math::

        V_{\mathrm{res}} = m \, V \, (s + \alpha k), \qquad s = 1 \text{ if the own life counts, else } 0.

    Parameters
    ----------
    own_life : bool
        Count the researcher's own life (``s = 1``).  The essay's "$243,750"
        leaves it out.

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
    """
    s = sympy.Integer(1) if _check_bool(own_life, "own_life", "survival_valuation") else sympy.Integer(0)
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
def career_choice(*, own_life: bool = True, reading: str = "absolute") -> Game:
    r"""One researcher choosing Alignment, Capabilities or Neither, against a passive World.

    Over the horizon :math:`T` (undiscounted), the researcher's payoffs are

    .. math::

        U_A &= w_A T + p \, \delta \, m V (s + \alpha k) + R_A \\
        U_C &= w_C T + R_C \\
        U_N &= w_N T

    where :math:`s = 1` when her own life counts (``own_life=True``) and 0 when
    it does not.  Only the *difference* Alignment makes to survival enters
    :math:`U_A`; the survival value common to all three choices is left out.

    The decision is represented as a two-player game so that every solver
    applies: the researcher (rows) against a passive "World" (one column,
    ``"Passive"``) whose payoff is 0 in every cell, a 3 x 1 bimatrix.

    Assumptions: salaries undiscounted over the horizon; reputations
    :math:`R_A, R_C` and the orthogonal salary :math:`w_N` are ours (defaults
    0, 0 and $100k); "reduce P(Doom) by 5%" read as absolute unless
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
    value = marginal_doom_reduction(reading=reading) * survival_valuation(own_life=own_life)
    researcher = [[W_A * HORIZON + value + R_A], [W_C * HORIZON + R_C], [W_N * HORIZON]]
    world = [[0], [0], [0]]
    return Game.from_bimatrix(
        researcher, world, players=("Researcher", "World"),
        strategies=(("Alignment", "Capabilities", "Neither"), ("Passive",)),
        name="Career choice" + ("" if own_life else " (own life not counted)"),
    )


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
    u_a = W_A * HORIZON + R_A + (1 - _doom(j + 1, n - 1 - j, delta, clamp)) * v
    u_c = W_C * HORIZON + R_C + (1 - _doom(j, n - j, delta, clamp)) * v
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

        U_A(j) &= w_A T + R_A + \bigl(1 - P(j + 1,\, n - 1 - j)\bigr) W \\
        U_C(j) &= w_C T + R_C + \bigl(1 - P(j,\, n - j)\bigr) W.

    Away from the clamps, :math:`U_C - U_A = (w_C - w_A) T + R_C - R_A - (\Delta + \gamma) W`
    for every :math:`j`, so Capabilities is dominant when that is positive, while
    all-Alignment beats all-Capabilities for everyone when
    :math:`n (\Delta + \gamma) W > (w_C - w_A) T + R_C - R_A`, i.e. when

    .. math::

        n > n^* = \frac{(w_C - w_A) T + R_C - R_A}{(\Delta + \gamma) W},

    about 27 researchers at the phd defaults (:math:`440{,}000 / 16{,}250`).

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
        A & w_A T + R_A + (1 - P(2, 0)) W & w_A T + R_A + (1 - P(1, 1)) W \\
        C & w_C T + R_C + (1 - P(1, 1)) W & w_C T + R_C + (1 - P(0, 2)) W
        \end{array}

    and the column researcher's are the transpose.

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

        U_A(j) &= w_A T + R_A + (1 - P_{\mathrm{doom}}) W
                 + q P_{\mathrm{doom}} W \,[\, j + 1 \ge M \,] \\
        U_C(j) &= w_C T + R_C + (1 - P_{\mathrm{doom}}) W
                 + q P_{\mathrm{doom}} W \,[\, j \ge M \,].

    A researcher is pivotal when exactly :math:`M - 1` others align; then
    Alignment pays :math:`q P_{\mathrm{doom}} W - (w_C - w_A) T - (R_C - R_A)` more.
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
    u_a = W_A * HORIZON + R_A + base + sympy.Piecewise((gain, j + 1 >= mm), (0, True))
    u_c = W_C * HORIZON + R_C + base + sympy.Piecewise((gain, j >= mm), (0, True))
    return SymmetricGame(nn, {"Alignment": u_a, "Capabilities": u_c}, count=COUNT,
                         name="Threshold alignment")


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
