r"""The report's section on continuous choices: the contest for the AI market and the race to the precipice.

The contest (:func:`games.races.rd_contest`, a Tullock contest) is solved by
:func:`solvers.continuous.first_order.continuous_equilibria`: each lab spends
:math:`x^* = (n - 1) V / (n^2 (1 + \sigma))` on Capabilities.  The race to the
precipice (:func:`solvers.continuous.precipice.race_equilibrium`) gives the
probability of an AI disaster in each of its three information cases.  The
numbers go to the report's JSON under ``"continuous"``; every number of the
text is the one of that record.

References
----------
.. [1] G. Tullock, "Efficient rent seeking", in *Toward a Theory of the
   Rent-Seeking Society* (1980) 97-112.
.. [2] S. Armstrong, N. Bostrom and C. Shulman, "Racing to the precipice: a model
   of artificial intelligence development", AI & Society 31 (2016) 201-206.
"""

from __future__ import annotations

from typing import Any

import sympy

import games
from games._exact import json_value
from games._text import format_number
from games.errors import AligngamesError
from solvers.continuous.first_order import continuous_equilibria
from solvers.continuous.precipice import INFORMATION, race_equilibrium
from solvers.report.document import Report, _align, _heading, _para, _sym_latex

__all__ = ["section_continuous", "contest_numbers", "precipice_numbers"]

_CASE_WORDS = {"none": "no team knows any capability", "private": "each team knows its own capability",
               "public": "every team knows every capability"}


def contest_numbers(params: Any) -> dict[str, Any]:
    """The contest's equilibrium: the closed form of each lab's spending and its value at ``params``.

    Examples
    --------
    >>> import games
    >>> d = contest_numbers(games.essay.parameters())
    >>> d["spending"], d["total"]
    (100000000000/11, 50000000000)
    """
    game = games.build("rd_contest")
    (eq,) = continuous_equilibria(game)
    (x,) = eq.symbols
    closed = eq.profile[x]
    subs = params.substitutions()
    n = sympy.Symbol("n_labs", positive=True)
    n = next((s for s in closed.free_symbols if s.name == "n_labs"), n)
    sigma = next(s for s in closed.free_symbols if s.name == "safety_cost_share")
    spending = sympy.nsimplify(closed.xreplace(subs))
    total = sympy.nsimplify((n * closed * (1 + sigma)).xreplace(subs))
    return {"closed_form": closed, "spending": spending, "total": total, "labs": n.xreplace(subs),
            "prize": params.value("market_prize"), "safety_share": params.value("safety_cost_share")}


def _branch(expr: sympy.Expr, subs: dict[Any, Any]) -> sympy.Expr:
    """The piece of a piecewise expression that holds at ``subs``."""
    folded = sympy.piecewise_fold(expr)
    if not isinstance(folded, sympy.Piecewise):
        return folded
    for piece, cond in folded.args:
        if cond == sympy.true or bool(cond.xreplace(subs)):
            return sympy.simplify(piece)
    return folded


def precipice_numbers(params: Any) -> dict[str, dict[str, Any]]:
    """The disaster probability of each information case: the formula that holds at ``params`` and its value.

    Examples
    --------
    >>> import games
    >>> d = precipice_numbers(games.essay.parameters())
    >>> [v["disaster"] for v in d.values()], d["public"]["least_safe"]
    ([1/2, 2/3, 2/3], 2/3)
    """
    subs = params.substitutions()
    values = params.as_dict()
    out: dict[str, dict[str, Any]] = {}
    for case in INFORMATION:
        r = race_equilibrium(case)
        out[case] = {"formula": _branch(r.disaster, subs), "disaster": r.disaster_at(values)}
        if case == "public":
            # The public case has a continuum of equilibria; race_equilibrium gives the safest.  The least
            # safe (the runner-up at safety 0, the leader at min(1, lead)) has the formula at enmity 1.
            out[case]["least_safe"] = r.disaster_at({**values, "race_enmity": sympy.Integer(1)})
    return out


def _contest(rep: Report, out: dict[str, Any]) -> None:
    d = contest_numbers(rep.params)
    out["rd_contest"] = {k: json_value(v) if not isinstance(v, sympy.Expr) or v.is_number else str(v)
                         for k, v in d.items()}
    out["rd_contest"]["spending_exact"] = str(d["spending"])
    rep.use(d["closed_form"])
    rep.blocks.append(_heading(2, "A contest for the AI market", "sec:rd-contest"))
    rep.blocks.append(_para(
        f"Each of n labs spends x on Capabilities and wins the market V with probability x over all labs' spending "
        f"(a Tullock contest), paying a share sigma of its spending again for safety. The symmetric equilibrium "
        f"spending, from the first-order condition, is (with the report's {format_number(d['labs'])} labs, "
        f"a market of {format_number(d['prize'], unit='USD')} and a safety share of "
        f"{format_number(d['safety_share'], unit='share')}; all three values are ours):",
        "Each of $n_L$ labs spends $x$ on Capabilities and wins the market $V_M$ with probability $x$ over all "
        r"labs' spending (a Tullock contest, \citealp{tullock1980}), paying a share $\sigma_S$ of its spending again "
        "for safety. The symmetric equilibrium spending, from the first-order condition, is (with the report's "
        f"{format_number(d['labs'])} labs, a market of {format_number(d['prize'], unit='USD', latex=True)} and "
        f"a safety share of {format_number(d['safety_share'], unit='share', latex=True)}; all three values are "
        "ours):"))
    rep.blocks.append(_align([(r"x^{*} &= " + _sym_latex(d["closed_form"]) + r" = \text{"
                               + format_number(d["spending"], unit="USD", latex=True) + "}", True)],
                             "eq:rd-contest", "rd_contest_spending", f"x* = {d['closed_form']}"))
    rep.blocks.append(_para(
        f"All labs together pay {format_number(d['total'], unit='USD')}, the share (n - 1)/n of the market "
        "whatever the safety share: the outlay grows with the prize, not with how much safety costs.",
        f"All labs together pay {format_number(d['total'], unit='USD', latex=True)}, the share $(n_L - 1)/n_L$ of "
        "the market whatever the safety share: the outlay grows with the prize, not with how much safety costs."))


def _precipice(rep: Report, out: dict[str, Any]) -> None:
    d = precipice_numbers(rep.params)
    out["precipice_race"] = {case: {"formula": str(v["formula"]), "disaster": json_value(v["disaster"]),
                                    "disaster_exact": str(v["disaster"])}
                             for case, v in d.items()}
    out["precipice_race"]["public"]["least_safe_exact"] = str(d["public"]["least_safe"])
    for v in d.values():
        rep.use(v["formula"])
    ps = rep.params
    rep.blocks.append(_heading(2, "The race to the precipice", "sec:precipice"))
    setting = (f"{format_number(ps.value('race_teams'))} teams, enmity {format_number(ps.value('race_enmity'))} "
               f"and capabilities uniform on [0, {format_number(ps.value('capability_spread'))}] (ours)")
    rep.blocks.append(_para(
        f"Teams trade safety for speed; the most capable after the cut wins, and its safety decides whether "
        f"there is a disaster. With {setting}, the probability of a disaster in each information case is:",
        "Teams trade safety for speed; the most capable after the cut wins, and its safety decides whether "
        r"there is a disaster \citep{armstrong2016}. With " + setting
        + ", the probability of a disaster in each information case is:"))
    lines = [(rf"D_{{\text{{{case}}}}} &= 1 - " + _sym_latex(sympy.factor(1 - v["formula"])) + r" = \text{"
              + format_number(v["disaster"], unit="probability", latex=True) + "}", i == 0)
             for i, (case, v) in enumerate(d.items())]
    rep.blocks.append(_align(lines, "eq:precipice", "precipice_disaster",
                             "; ".join(f"{c}: {v['disaster']}" for c, v in d.items())))
    words = "; ".join(f"{_CASE_WORDS[c]}: {format_number(v['disaster'], unit='probability')}" for c, v in d.items())
    risks = [v["disaster"] for v in d.values()]
    more = all(a <= b for a, b in zip(risks, risks[1:])) and risks[0] < risks[-1]
    rep.blocks.append(_para(f"In words: {words}. " + (
        "At these values knowing more about the rivals makes the race more dangerous." if more else
        "At these values more information does not make the race more dangerous.")))
    safest, least = d["public"]["disaster"], d["public"]["least_safe"]
    if least == safest:
        rep.blocks.append(_para(
            "With public information every safety of the leader from its lead Delta to Delta/e is an equilibrium "
            "(the runner-up does not undercut); at enmity 1 the two ends coincide, so the risk above is the only "
            "one.",
            r"With public information every safety of the leader from its lead $\Delta$ to $\Delta/e$ is an "
            "equilibrium (the runner-up does not undercut); at enmity 1 the two ends coincide, so the risk above "
            "is the only one."))
    else:
        least_md, least_tex = (format_number(least, unit="probability", latex=t) for t in (False, True))
        rep.blocks.append(_para(
            "With public information the number above is the safest of a continuum of equilibria: the leader keeps "
            "the most safety, Delta/e, that leaves the runner-up no gain from undercutting. In the least safe one "
            f"the runner-up keeps none and the leader only its lead Delta, and the risk is {least_md}; which of "
            "them the race ends in decides whether public information is more dangerous than private.",
            "With public information the number above is the safest of a continuum of equilibria: the leader keeps "
            r"the most safety, $\Delta/e$, that leaves the runner-up no gain from undercutting. In the least safe "
            rf"one the runner-up keeps none and the leader only its lead $\Delta$, and the risk is {least_tex}; "
            "which of them the race ends in decides whether public information is more dangerous than private."))


def section_continuous(rep: Report) -> None:
    """Append the section (the contest and the race to the precipice) to ``rep``."""
    rep.blocks.append(_heading(1, "Continuous choices: how much to spend, how much safety to keep",
                               "sec:continuous"))
    out: dict[str, Any] = {}
    for step in (_contest, _precipice):
        try:
            step(rep, out)
        except (AligngamesError, sympy.SympifyError) as exc:
            rep.errors.append(f"continuous: {exc}")
            rep.blocks.append(_para(f"not analysed ({exc})."))
    rep.data["continuous"] = out
