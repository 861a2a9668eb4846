r"""The report's section on hidden information: alignment-washing as a signalling game.

:func:`games.hidden_information.alignment_signal` (Genuine or Washed work, a
costly Verify signal, a funder who Funds or Passes) is solved twice: in closed
form by :func:`solvers.equilibrium_conditions` (the conditions under which the
separating equilibrium, where only genuine work is verified and funded, and the
pooling equilibrium, where every claim is funded, exist) and at the report's
values by :func:`solvers.information.pbe.perfect_bayesian_equilibria`.  The
numbers go to the report's JSON under ``"information"``.

References
----------
.. [1] I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
   Quarterly Journal of Economics 102 (1987) 179-221.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import sympy

import games
from games._exact import json_value
from games._text import format_number, latex_escape
from games.errors import AligngamesError
from solvers.conditions.derive import equilibrium_conditions
from solvers.information.pbe import perfect_bayesian_equilibria
from solvers.report.document import Report, _align, _heading, _para, _sym_latex
from solvers.report.notation import tidy_relation

__all__ = ["section_information", "signal_numbers", "SEPARATING", "POOLING_FUNDED"]

#: The separating profile: genuine work verified and funded, washed work only claimed and passed.
SEPARATING = ({"Genuine": "Verify", "Washed": "Claim"}, {"Verify": "Fund", "Claim": "Pass"})

#: The pooling profile in which washing pays: nobody verifies and every claim is funded (off the path,
#: Verify is passed).
POOLING_FUNDED = ({"Genuine": "Claim", "Washed": "Claim"}, {"Verify": "Pass", "Claim": "Fund"})

#: Parameters whose atoms only say the prior is interior (0 < pi < 1, H_W (1 - pi) >= 0): left out of the display.
_PRIOR_ONLY = frozenset({"prior_genuine", "washing_harm"})


def _record(records: Any, profile: tuple[dict[str, str], dict[str, str]]) -> Any:
    return next(r for r in records if dict(r.sender) == profile[0] and dict(r.receiver) == profile[1])


def _atoms(cond: Any) -> list[Any]:
    atoms = cond.args if isinstance(cond, sympy.And) else (cond,)
    kept = [a for a in atoms if not {s.name for s in a.free_symbols} <= _PRIOR_ONLY]
    return kept or list(atoms)


def signal_numbers(params: Any) -> dict[str, Any]:
    """The closed-form conditions of the separating and the funded pooling equilibrium, and the equilibria at
    ``params``.

    Examples
    --------
    >>> import games
    >>> d = signal_numbers(games.essay.parameters())
    >>> d["separating_holds"], d["pooling_holds"], d["verify_cost_to_washer"]
    (False, True, 300000)
    """
    game = games.build("alignment_signal")
    closed = equilibrium_conditions(game)
    sep = _atoms(_record(closed, SEPARATING).condition)
    pool = _atoms(_record(closed, POOLING_FUNDED).condition)
    subs = params.substitutions()
    at = perfect_bayesian_equilibria(game.subs(params))
    v = params.as_dict()
    return {
        "separating": sep, "pooling": pool,
        "separating_holds": all(bool(a.xreplace(subs)) for a in sep),
        "pooling_holds": all(bool(a.xreplace(subs)) for a in pool),
        "verify_cost_to_washer": v["verification_cost"] + v["audit_detection"] * v["washing_penalty"],
        "social_capital": v["social_capital"], "verification_cost": v["verification_cost"],
        "expected_value_funded": v["prior_genuine"] * v["funded_alignment_value"],
        "expected_harm_funded": (1 - v["prior_genuine"]) * v["washing_harm"],
        "kinds": dict(Counter(e.kind for e in at)),
        "intuitive": sum(1 for e in at if e.intuitive), "count": len(at),
    }


def _conditions_tex(atoms: list[Any], params: Any) -> str:
    r"""The atoms as a paper writes them: two bounds on one quantity as a chain (:math:`c_V \le S \le c_V + d L_W`),
    each term on the side where it is positive (:func:`~solvers.report.notation.tidy_relation`)."""
    tidy = [tidy_relation(a, params) for a in atoms]
    if (len(tidy) == 2 and all(isinstance(a, sympy.GreaterThan) for a in tidy)
            and tidy[0].lhs == tidy[1].rhs):
        return r" \le ".join(_sym_latex(e) for e in (tidy[0].rhs, tidy[0].lhs, tidy[1].lhs))
    return r" \quad\text{and}\quad ".join(_sym_latex(a) for a in tidy)


def _section(rep: Report, out: dict[str, Any]) -> None:
    d = signal_numbers(rep.params)
    out["alignment_signal"] = {k: ([str(a) for a in val] if isinstance(val, list) else json_value(val)
                                   if not isinstance(val, dict) else val) for k, val in d.items()}
    rep.use(*d["separating"], *d["pooling"])
    usd: dict[str, Any] = {"unit": "USD"}
    rep.blocks.append(_para(
        "A researcher's work is Genuine or Washed (Capabilities work that only looks aligned); she either has it "
        "verified, at a cost, where washed work is exposed with some probability and penalised, or only claims it "
        "is alignment. The funder sees the message, not the work. In closed form, the separating equilibrium "
        "(only genuine work is verified, and only it is funded) and the pooling equilibrium in which every claim "
        "is funded and nobody verifies exist exactly when (for any prior strictly between 0 and 1):"))
    lines = [(r"\text{separating:}\quad & " + _conditions_tex(d["separating"], rep.params), True),
             (r"\text{pooling, funded:}\quad & " + _conditions_tex(d["pooling"], rep.params), False)]
    rep.blocks.append(_align(lines, "eq:alignment-signal", "alignment_signal_conditions",
                             "separating: " + " & ".join(map(str, d["separating"])) + "; pooling: "
                             + " & ".join(map(str, d["pooling"]))))
    sep_words = ("holds" if d["separating_holds"] else "fails: the social capital "
                 f"{format_number(d['social_capital'], **usd)} exceeds what verifying costs a washer, "
                 f"{format_number(d['verify_cost_to_washer'], **usd)}, so washers would verify too")
    pool_words = (f"holds: funding a claim is worth {format_number(d['expected_value_funded'], **usd)} in "
                  f"expectation against {format_number(d['expected_harm_funded'], **usd)} of expected harm"
                  if d["pooling_holds"] else "fails")
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(d["kinds"].items()))
    washing = " Washing pays and is funded." if d["pooling_holds"] and not d["separating_holds"] else ""
    text = (f"At the report's values (ours) the separating condition {sep_words}; the pooling condition "
            f"{pool_words}. The perfect Bayesian equilibria at these values: {d['count']} ({kinds}), "
            + ("all of them" if d["intuitive"] == d["count"] else f"{d['intuitive']} of them")
            + f" surviving the intuitive criterion of Cho and Kreps (1987).{washing}")
    rep.blocks.append(_para(text, latex_escape(text).replace("Cho and Kreps (1987)", r"\citet{cho1987}")))


def section_information(rep: Report) -> None:
    """Append the section (alignment-washing as a signalling game) to ``rep``."""
    rep.blocks.append(_heading(1, "Hidden information: verifying alignment work", "sec:information"))
    out: dict[str, Any] = {}
    try:
        _section(rep, out)
    except (AligngamesError, sympy.SympifyError, StopIteration) as exc:
        rep.errors.append(f"information: {exc}")
        rep.blocks.append(_para(f"not analysed ({exc})."))
    rep.data["information"] = out
