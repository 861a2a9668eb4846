r"""The race to the precipice in its three information cases (Armstrong, Bostrom and Shulman 2016).

:func:`race_equilibrium` gives the symmetric equilibrium safety and the
probability of an AI disaster, :math:`D = 1 - E[s_{\text{winner}}]`, for
:math:`n` teams with enmity :math:`e` and capabilities uniform on
:math:`[0, \mu]` (the model of :mod:`games.races`), with :math:`n` a number or
the symbol ``race_teams``.

Derivations (each case is computed here with sympy from the step named, not
copied from the paper):

*No information*.  A strategy is one number, so the
case is the symmetric :class:`~games.continuous.ContinuousGame`
:func:`games.races.precipice_race`, solved by
:func:`~solvers.continuous.first_order.continuous_equilibria`: the win
probability has slope :math:`-1/\mu` at :math:`d = 0` from both sides whatever
:math:`n`, so the first-order condition is :math:`1/n - e s/\mu = 0`:

.. math::  s^* = \min\Bigl(1, \frac{\mu}{n e}\Bigr), \qquad D = 1 - s^*.

*Private information* (each team knows its own capability).  In an equilibrium
with an increasing score :math:`c - s(c)` the most capable team wins.  A team of
capability :math:`c` that plays as type :math:`\hat c` would (the ansatz
:math:`s(c) = k c`) win when every rival's capability is below
:math:`z = (c - k \hat c)/(1 - k)`, and gets

.. math::  U(c, \hat c) = \Bigl(\frac{z}{\mu}\Bigr)^{n-1} k \hat c
    + (1 - e) \int_z^\mu k x \, d\Bigl(\frac{x}{\mu}\Bigr)^{n-1};

:math:`\partial U / \partial \hat c = 0` at :math:`\hat c = c` for every
:math:`c` fixes :math:`k = 1/(1 + (n-1) e)` (the general solution of this
condition, :math:`c (1 - s') = (n - 1) e s`, adds :math:`A c^{-(n-1)e}`, unbounded
at :math:`c = 0`, so :math:`A = 0`).  Safety is capped at 1, which binds for
:math:`c > K = 1 + (n - 1) e`.  The winner's capability has density
:math:`n c^{n-1}/\mu^n`, so :math:`D = 1 - n \mu / ((n + 1) K)` for :math:`\mu \le K`
and :math:`K^n / ((n + 1) \mu^n)` above.

*Public information* (every capability known).  Only the leader and the
runner-up matter; with the gap :math:`\Delta = c_{(1)} - c_{(2)}`, the
runner-up can win only by cutting its safety below :math:`s - \Delta`, which
gives it at most :math:`s - \Delta` against :math:`(1 - e) s` for losing; the
leader takes the highest safety that leaves the runner-up no gain,
:math:`s - \Delta = (1 - e) s`, i.e. :math:`s = \min(1, \Delta / e)` (ties to
the more capable team).  The gap of the top two of :math:`n` uniform draws has
density :math:`n (\mu - \Delta)^{n-1} / \mu^n`, so :math:`D = 1 - \mu / ((n + 1) e)`
for :math:`\mu \le e` and :math:`1 - (\mu^{n+1} - (\mu - e)^{n+1}) / ((n + 1) e \mu^n)` above.

This is one equilibrium of a continuum: the leader at any
:math:`s \in [\min(1, \Delta), \min(1, \Delta / e)]` with the runner-up at the tie
:math:`s - \Delta` is a Nash equilibrium (the leader cannot be safer without losing, the
runner-up gains nothing by undercutting).  The one given here is the top of the range,
the leader's favourite and the safest.  The bottom, :math:`s = \min(1, \Delta)` (the
runner-up at safety 0), has :math:`D = 1 - E[\min(1, \Delta)]`, the formula above at
:math:`e = 1`; the two coincide when :math:`e = 1`.  The selection decides the comparison
with private information at :math:`e < 1`: the safest public equilibrium is *less*
dangerous than private information whenever :math:`\mu \le e < 1` (at
:math:`n = 2, e = \mu = 1/2`: 2/3 against 7/9), the least safe one more dangerous
whenever :math:`\mu \le 1` and :math:`e < 1` (5/6 there); the tests
(``tests/solvers/continuous/test_precipice_deviations.py``) check both, and that no team
gains by deviating from any of these profiles.

References
----------
.. [1] S. Armstrong, N. Bostrom and C. Shulman, "Racing to the precipice: a model
   of artificial intelligence development", AI & Society 31 (2016) 201-206,
   doi:10.1007/s00146-015-0590-y (FHI technical report 2013-1).  Its text could not be
   consulted here; the model is the one its abstract states (n teams, enmity, capability
   against risk-taking, three information cases) with the capability-minus-safety score
   secondary summaries give, and the closed forms are ours, derived above.
"""

from __future__ import annotations

from typing import Any

import sympy

from games.errors import GameError
from games.races import ENMITY, SPREAD, TEAMS, precipice_race
from solvers.continuous.first_order import continuous_equilibria
from solvers.results.continuous import RaceEquilibrium

__all__ = ["race_equilibrium", "INFORMATION", "CAPABILITY", "GAP"]

#: The information cases, from least to most informed.
INFORMATION = ("none", "private", "public")

#: A team's own capability (private information) and the leader's gap over the runner-up (public).
CAPABILITY, GAP = sympy.Symbol("c", positive=True), sympy.Symbol("Delta", positive=True)

_REFS = {"none": "Armstrong, Bostrom and Shulman (2016), no information",
         "private": "Armstrong, Bostrom and Shulman (2016), private information",
         "public": "Armstrong, Bostrom and Shulman (2016), public information"}


def _teams(n: Any) -> sympy.Expr:
    if n is None:
        return TEAMS
    if isinstance(n, sympy.Basic) and not n.is_number:
        return n
    if isinstance(n, bool) or not isinstance(n, (int, sympy.Integer)) or int(n) < 2:
        raise GameError(f"race_equilibrium: n={n!r} not allowed (allowed: a whole number >= 2 or a sympy expression)")
    return sympy.Integer(int(n))


def _none(n: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    records = continuous_equilibria(precipice_race(n))
    pieces = [(r.values[0], r.condition) for r in records if r.values[0] != 1]
    pieces += [(r.values[0], True) for r in records if r.values[0] == 1]
    safety = sympy.Piecewise(*pieces)
    return safety, 1 - safety


def _private(n: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    c, chat, k, x = CAPABILITY, sympy.Symbol("chat", positive=True), sympy.Symbol("k", positive=True), \
        sympy.Symbol("x", positive=True)
    e, mu = ENMITY, SPREAD
    z = (c - k * chat) / (1 - k)
    rivals = sympy.integrate(k * x * sympy.diff((x / mu) ** (n - 1), x), (x, z, mu))
    payoff = (z / mu) ** (n - 1) * k * chat + (1 - e) * rivals
    foc = sympy.simplify(sympy.diff(payoff, chat).subs(chat, c))
    (slope,) = [s for s in sympy.solve(foc, k) if s.free_symbols <= {e, n}]
    cap = 1 / slope
    safety = sympy.Piecewise((c * slope, c <= cap), (1, True))
    density = n * c ** (n - 1) / mu**n
    below = sympy.simplify(sympy.integrate(c * slope * density, (c, 0, mu)))
    capped = sympy.simplify(sympy.integrate(c * slope * density, (c, 0, cap)) + 1 - (cap / mu) ** n)
    return safety, sympy.Piecewise((sympy.simplify(1 - below), mu <= cap), (sympy.simplify(1 - capped), True))


def _public(n: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    s, e, mu, d = sympy.Symbol("s", positive=True), ENMITY, SPREAD, GAP
    (leader,) = sympy.solve(sympy.Eq(s - d, (1 - e) * s), s)
    safety = sympy.Piecewise((leader, d <= e), (1, True))
    density = n * (mu - d) ** (n - 1) / mu**n
    small = sympy.simplify(sympy.integrate(leader * density, (d, 0, mu)))
    large = sympy.simplify(sympy.integrate(leader * density, (d, 0, e)) + ((mu - e) / mu) ** n)
    return safety, sympy.Piecewise((sympy.simplify(1 - small), mu <= e), (sympy.factor(1 - large), True))


def race_equilibrium(information: str = "none", *, n: Any = None) -> RaceEquilibrium:
    r"""The equilibrium safety and disaster probability of the race to the precipice in one information case.

    Parameters
    ----------
    information : {"none", "private", "public"}, default "none"
        No team knows any capability; each knows its own; all know all.
    n : int or sympy expression, optional
        Number of teams; defaults to the symbol ``race_teams``.

    Returns
    -------
    RaceEquilibrium
        ``safety`` (a number, a function of the own capability ``c``, or of the
        leader's gap ``Delta``) and ``disaster`` (a ``Piecewise`` in the
        capability spread ``capability_spread`` against the enmity ``race_enmity``).

    Raises
    ------
    GameError
        For an unknown information case or a bad ``n``.

    References
    ----------
    .. [1] Armstrong, Bostrom and Shulman, "Racing to the precipice" (2016).

    Examples
    --------
    Two teams, full enmity, capabilities uniform on [0, 1]: no information gives
    safety 1/2 (disaster 1/2); private and public information give disaster 2/3.

    >>> [race_equilibrium(i, n=2).disaster_at({"race_enmity": 1, "capability_spread": 1})
    ...  for i in ("none", "private", "public")]
    [1/2, 2/3, 2/3]
    """
    if information not in INFORMATION:
        raise GameError(f"race_equilibrium: unknown information case {information!r} "
                        f"(allowed: {', '.join(INFORMATION)})")
    nn = _teams(n)
    safety, disaster = {"none": _none, "private": _private, "public": _public}[information](nn)
    variable = {"none": None, "private": CAPABILITY, "public": GAP}[information]
    params = tuple(sorted((disaster.free_symbols | safety.free_symbols) - {CAPABILITY, GAP}, key=str))
    return RaceEquilibrium(information, safety, variable, disaster, params, _REFS[information])
