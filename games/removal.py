r"""The essay's buy-out as removal: careers bought, researchers removed net of replacements, time bought.

Yudkowsky's idea, as the essay quotes it, is to "remove them from the
system": the bought-out Capabilities researchers do neither Alignment nor
Capabilities, so the buy-out acts on P(doom) by slowing Capabilities progress
(buying time), not by adding Alignment work.  :func:`buyout_removal` gives the
closed forms; the game transform that adds the strategy "Bought out" is
:func:`games.interventions.buyout`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy

from games import essay
from games._exact import to_exact
from games.errors import GameError

__all__ = ["buyout_removal", "BuyoutRemoval", "doom_fall_per_researcher"]

BUDGET = essay.symbol("buyout_budget")
W_C, HORIZON = essay.symbol("salary_capabilities"), essay.symbol("horizon_years")
REPLACED, WORKFORCE = essay.symbol("replacement_rate"), essay.symbol("capabilities_workforce")
PER_YEAR = essay.symbol("doom_per_year_bought")


@dataclass(frozen=True)
class BuyoutRemoval:
    """The buy-out as removal: careers bought, researchers removed net of replacements, time bought, P(doom) change.

    Attributes
    ----------
    careers, removed, time_bought, doom_change : sympy.Expr
        Closed forms in the registry's symbols (see :func:`buyout_removal`).
    """

    careers: sympy.Expr
    removed: sympy.Expr
    time_bought: sympy.Expr
    doom_change: sympy.Expr

    def at(self, values: Any) -> dict[str, sympy.Expr]:
        """The four quantities at a :class:`~games.parameters.ParameterSet` (or ``{name: value}``)."""
        subs = values.as_dict() if hasattr(values, "as_dict") else dict(values)
        out = {}
        for name in ("careers", "removed", "time_bought", "doom_change"):
            expr = getattr(self, name)
            out[name] = expr.xreplace({s: subs[s.name] for s in expr.free_symbols if s.name in subs})
        return out


def buyout_removal(career_cost: Any = None) -> BuyoutRemoval:
    r"""The essay's buy-out as Yudkowsky means it: researchers removed from the system, buying time.

    .. math::

        n_B = \frac{B}{c}, \qquad n_{\mathrm{out}} = n_B (1 - h), \qquad
        \tau = T \, \frac{n_{\mathrm{out}}}{N_C}, \qquad \Delta P = -\lambda \tau

    with :math:`B` the budget, :math:`c = w_C T` the price of a career,
    :math:`h` the replacement-hiring rate, :math:`N_C` the Capabilities
    workforce (progress proportional to it, so removing a share of it for
    :math:`T` years delays progress by that share of :math:`T`) and
    :math:`\lambda` the fall in P(doom) per year of progress delayed.  The
    Capabilities-progress term :math:`\lambda` is not zero at the defaults
    (one point a year), unlike the per-researcher ``capabilities_doom_increase``
    of the collective-action game.  :math:`h`, :math:`N_C` and :math:`\lambda`
    are ours (flagged in the ``buyout`` claim's readings).

    Parameters
    ----------
    career_cost : number or sympy expression, optional
        Defaults to ``salary_capabilities * horizon_years`` (evaluate at the
        industry scenario for the essay's $250k careers).

    Returns
    -------
    BuyoutRemoval

    References
    ----------
    .. [1] The essay, quoting E. Yudkowsky: "bribe people to move out of AI development ... move to the
       equivalent of an island somewhere ... just to remove them from the system"; and "less funding for
       research in Capabilities could help by buying us more time".

    Examples
    --------
    >>> import games
    >>> r = buyout_removal().at(games.essay.parameters("industry"))
    >>> r["careers"], r["removed"], r["time_bought"], r["doom_change"]
    (800, 400, 1/5, -1/500)
    """
    c = W_C * HORIZON if career_cost is None else to_exact(career_cost, "buyout_removal: career_cost", error=GameError)
    careers = BUDGET / c
    removed = careers * (1 - REPLACED)
    time_bought = HORIZON * removed / WORKFORCE
    return BuyoutRemoval(careers, removed, time_bought, -PER_YEAR * time_bought)


def doom_fall_per_researcher() -> sympy.Expr:
    r"""The fall in P(doom) that removing one Capabilities researcher buys: :math:`\lambda T (1 - h) / N_C`.

    Her place is refilled with probability :math:`h`; otherwise the workforce
    :math:`N_C` is one smaller for :math:`T` years, which delays progress by
    :math:`T / N_C` years, each worth :math:`\lambda` of P(doom).

    Examples
    --------
    >>> import games
    >>> doom_fall_per_researcher().xreplace(games.essay.parameters().substitutions())
    1/400000
    """
    return PER_YEAR * HORIZON * (1 - REPLACED) / WORKFORCE
