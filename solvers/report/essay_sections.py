r"""The report's audit of the essay (claims, statuses, readings) and its uncertainty section (what would have to be true).

:func:`audit_blocks` is the body of ``model_sections._section_audit`` and
:func:`uncertainty_blocks` the body of ``analysis_sections._section_uncertainty``:
the text they produce follows from :func:`games.essay.claims` (every reading,
with its assumption and whether the essay's conclusion survives it),
:func:`solvers.sweeps.essay_region.alignment_region` (the closed-form region
where Alignment pays and its share of the essay's own stated ranges) and a
Monte Carlo sweep whose distributions are the registry's, each named with its
provenance.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import games
from games._exact import json_value
from games._text import format_number, latex_escape
from games.parameters import latex_symbol_names
from solvers.render.latex import latex_expr
from solvers.report.document import Block, Report, _fig, _heading, _math, _para, _table
from solvers.sweeps.essay_region import alignment_region
from solvers.sweeps.game_sweep import sweep
from solvers.sweeps.local_sensitivity import tornado
from solvers.sweeps.sensitivity import first_order_indices, provenance_split

__all__ = ["audit_blocks", "uncertainty_blocks", "UNCERTAIN", "MC_SAMPLES", "REGION_CASES", "REGION_GAMES"]

_STATUS_WORDS = {"ok": ("checks out", "check out"), "rounding": ("is a rounding", "are roundings"),
                 "reading": ("depends on a reading of its words", "depend on a reading of their words"),
                 "slip": ("is a textual slip", "are textual slips"), "error": ("is an arithmetic error",
                                                                           "are arithmetic errors"),
                 "changed": ("is recomputed under values that differ from the essay's",
                             "are recomputed under values that differ from the essay's")}


def _breakable(text: str) -> str:
    """LaTeX for text with long identifiers: escaped, with a break allowed after every underscore."""
    return latex_escape(text).replace(r"\_", r"\_\allowbreak{}")


def _breakable_para(text: str) -> Block:
    """A paragraph whose long identifiers (``salary_capabilities``) may break after an underscore."""
    return _para(text, _breakable(text))


def _num(x: Any, latex: bool = False) -> str:
    return "-" if x is None else format_number(x, latex=latex)


#: The unit of each claim's figure (a registry unit, read by :func:`games._text.unit_style`; ``"ratio"`` is
#: written ``5x``), and of the readings whose unit differs from their claim's.
CLAIM_UNITS: dict[str, str] = {
    "gdp-years": "years", "collective-action": "researchers", "funding-ratio": "ratio", "buyout": "careers",
}
READING_UNITS: dict[tuple[str, str], str] = {
    ("funding-ratio", "Alignment's share, this year"): "share", ("funding-ratio", "Alignment's share, 2024"): "share",
    ("buyout", "time bought (years)"): "years",
    ("buyout", "P(doom) change"): "probability (absolute)", ("buyout", "moved to Alignment"): "probability (absolute)",
}


def _value(x: Any, unit: str, latex: bool = False) -> str:
    """A claim's figure with its unit: ``$390tn``, ``4.124 years``, ``5x``, ``16.67%``."""
    if x is None:
        return "-"
    if unit == "ratio":
        return format_number(x, digits=3, latex=latex) + "x"
    return format_number(x, unit=unit, latex=latex)


def _claim_unit(claim_id: str) -> str:
    return CLAIM_UNITS.get(claim_id, "USD")


def _reading_unit(claim_id: str, name: str) -> str:
    if claim_id == "collective-action":
        return "USD"  # both readings are payoff gaps (n* itself is a count of researchers)
    return READING_UNITS.get((claim_id, name), _claim_unit(claim_id))


_BIG = re.compile(r"(?<![\d.,$])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)")
_COUNTED = re.compile(r"\s+(others|people|lives|researchers)\b")


#: Claims whose notes give every thousands-separated figure in dollars (other notes: those of a million and more).
_MONEY_NOTES = frozenset({"collective-action"})


def _numbers_with_units(text: str, money: bool = False) -> str:
    """A claim's note with its figures written as the report writes money and counts: ``19,500,000`` as
    ``$19.5m``, ``8,000,000,000 others`` as ``8 billion others``.

    The notes of :func:`games.essay.claims` write plain numbers.  A thousands-separated figure of a million
    or more is money unless a count follows it; with ``money`` (a claim about dollars) every
    thousands-separated figure is.

    Examples
    --------
    >>> _numbers_with_units("3 x 6,500,000 = 19,500,000, or 390,000,000,000,000; the 8,000,000,000 others")
    '3 x $6.5m = $19.5m, or $390tn; the 8 billion others'
    >>> _numbers_with_units("16,250 x 0.1 x 150 = 243,750, a workforce of 10,000", money=True)
    '$16,250 x 0.1 x 150 = $243,750, a workforce of $10,000'
    """
    def one(m: re.Match[str]) -> str:
        value = float(m.group(0).replace(",", ""))
        counted = _COUNTED.match(text, m.end()) is not None
        if not counted and not money and abs(value) < 1e6:
            return m.group(0)
        return format_number(value, unit="people" if counted else "USD")

    return _BIG.sub(one, text)


#: " x " between two figures is a multiplication sign (``3 x $6.5m`` as ``3 × $6.5m``).
_TIMES = re.compile(r"(?<=[\d)mnk]) x (?=[\d($])")

_QUOTED = re.compile(r"(?<![\w'])'([^']+?)'(?!\w)")


def _quotes(tex: str) -> str:
    r"""Single-quoted words typeset with an opening quote: ``'by two or three'`` as ```by two or three'``.

    Examples
    --------
    >>> print(_quotes("the essay's 'on top of that': only the others' lives"))
    the essay's `on top of that': only the others' lives
    """
    return _QUOTED.sub(r"`\1'", tex)


def audit_blocks(rep: Report) -> None:
    """The audit section: every claim with its status, and every reading with its assumption and verdict."""
    claims = games.essay.claims(rep.params)
    rep.data["audit"] = [
        {"id": c.id, "claim": c.claim, "essay_value": json_value(c.essay_value), "computed": json_value(c.computed),
         "computed_exact": None if c.computed is None else str(c.computed), "status": c.status, "note": c.note,
         "conclusion": c.conclusion, "unit": _claim_unit(c.id),
         "readings": [{"reading": r.name, "assumption": r.assumption, "value": json_value(r.value),
                       "unit": _reading_unit(c.id, r.name), "survives": r.survives} for r in c.readings],
         "alternatives": {k: json_value(v) for k, v in c.alternatives.items()}}
        for c in claims
    ]
    rep.blocks.append(_heading(1, "The essay's arithmetic, recomputed", "sec:audit"))
    counts = {s: sum(1 for c in claims if c.status == s) for s in games.essay.STATUSES}
    parts = [f"{n} {_STATUS_WORDS[s][n != 1]}" for s, n in counts.items() if n]
    failing = [c.id for c in claims if any(r.survives is False for r in c.readings)]
    summary = (f"Every claim of the essay recomputed exactly from its parameters ({len(claims)} claims): "
               + "; ".join(parts) + ". A status says what happened: ok, rounding, reading (the essay's figure "
               "holds under its reading and another defensible reading differs), slip (a textual error), error "
               "(arithmetic wrong), changed (recomputed under other values). The essay's conclusion fails under "
               "at least one reading of: " + (", ".join(failing) or "none"))
    rep.blocks.append(_para(summary + " (table below).", latex_escape(summary) + r" (Table~\ref{tab:audit})."))
    rows = [[(latex_escape(c.id), c.id),
             (_value(c.essay_value, _claim_unit(c.id), True), _value(c.essay_value, _claim_unit(c.id))),
             (_value(c.computed, _claim_unit(c.id), True), _value(c.computed, _claim_unit(c.id))),
             (latex_escape(c.status), c.status)] for c in claims]
    rep.blocks.append(_table(["claim", "essay", "recomputed", "status"], rows,
                             "The essay's claims, their exact recomputation and what happened.", "tab:audit",
                             "lrrl", "audit_table"))
    tex: list[str] = []
    md: list[str] = []
    verdict = {True: "conclusion survives", False: "conclusion fails", None: ""}
    for c in claims:
        if not (c.note or c.readings):
            continue
        note = _TIMES.sub(" × ", _numbers_with_units(c.note, money=_claim_unit(c.id) == "USD"
                                                     or c.id in _MONEY_NOTES))
        tex.append(r"\item[\texttt{%s}] %s" % (latex_escape(c.id), _quotes(_breakable(note))))
        md.append(f"- **{c.id}**: {note}")
        if c.readings:
            head = f"Readings, tested against the conclusion that {c.conclusion}" if c.conclusion else "Readings"
            items_tex: list[str] = []
            for r in c.readings:
                unit = _reading_unit(c.id, r.name)
                tail = (f", {verdict[r.survives]}" if r.survives is not None else "") + f": {r.assumption}."
                items_tex.append(r"\item \emph{%s}: %s%s" % (latex_escape(r.name), _value(r.value, unit, True),
                                                              _quotes(_breakable(tail))))
                md.append(f"  - *{r.name}*: {_value(r.value, unit)}{tail}")
            md.insert(len(md) - len(c.readings), f"  {head}:")
            tex.append(r"\par\smallskip\noindent " + latex_escape(head) + ":\n\\begin{itemize}\n"
                       + "\n".join(items_tex) + "\n\\end{itemize}")
    rep.blocks.append(Block("raw", "\\begin{description}\n" + "\n".join(tex) + "\n\\end{description}",
                            "\n".join(md)))


#: The report's uncertainty analysis of career_choice: which parameters are drawn (each from its registry distribution).
UNCERTAIN = ("vsl", "p_pivotal", "doom_reduction", "researcher_vsl_multiplier", "altruism_weight",
             "salary_alignment", "salary_capabilities")

MC_SAMPLES = 200_000

#: The essay's walk-through cases for which the report gives career_choice's region.
REGION_CASES = (None, "dunbar", "humanity")

#: The other games whose region the report gives (at the essay's values).
REGION_GAMES = ("collective_action", "collective_action_pair", "threshold_alignment", "alignment_washing",
                "lab_race", "funding", "great_power_race")

REGION_STEPS = 21


_LONG_INTEGER = re.compile(r"(?<![\w^_.\\])\d{5,}(?![\d.])")


def _grouped(tex: str) -> str:
    r"""Whole numbers of five digits and more in a LaTeX formula with thousands separators (``500{,}000``).

    Examples
    --------
    >>> print(_grouped(r"\frac{8000000001 m V}{400} + 5 w_{A} \geq 500000"))
    \frac{8{,}000{,}000{,}001 m V}{400} + 5 w_{A} \geq 500{,}000
    """
    return _LONG_INTEGER.sub(lambda m: format_number(int(m.group(0)), latex=True), tex)


def _regions(rep: Report) -> None:
    ps = rep.params
    names = latex_symbol_names()
    rows: list[list[tuple[str, str]]] = []
    data: list[dict[str, Any]] = []
    forms: list[str] = []
    todo: list[tuple[str, str | None]] = [("career_choice", c) for c in REGION_CASES] + [(g, None) for g in
                                                                                      REGION_GAMES]
    for game, case in todo:
        params = ps if case is None else games.essay.apply_case(ps, case)
        r = alignment_region(game, params, steps=REGION_STEPS)
        data.append({"case": case or "baseline", **r.to_dict()})
        where = ", ".join(r.ranges) or "none (no parameter with an essay-stated range enters)"
        label = game + ("" if case is None else f" ({case})")
        rows.append([(_breakable(label), label), (f"{r.share:.1%}".replace("%", r"\%"), f"{r.share:.1%}"),
                     ("yes" if r.holds_at_values else "no",) * 2, (_breakable(where), where)])
        if game == "career_choice":
            forms.append(r"\text{%s}:\ & %s" % (latex_escape(case or "baseline"),
                                                _grouped(latex_expr(r.condition_at, names))))
    rep.data["uncertainty"]["what_would_have_to_be_true"] = data
    rep.blocks.append(_heading(2, "What would have to be true", "sec:what-would-have-to-be-true"))
    text = ("For each game, the region in which Alignment pays (the aligned profile is an equilibrium) as a "
            "closed-form condition, and as the share of the box of the essay's own stated ranges (VSL $5m to $8m, "
            "the researcher's VSL multiplier 1 to 5, Alignment pay $35k to $90k, Capabilities pay $123k to $250k; "
            f"a midpoint grid of {REGION_STEPS} points per parameter, the other parameters at their values). The "
            "share measures the box, with no weights: the essay gives none.")
    rep.blocks.append(_para(text))
    rep.blocks.append(_table(["game (case)", "share of the box", "at the values",
                              "essay ranges varied"], rows, "Where Alignment pays within the essay's stated ranges.",
                             "tab:what-would-have-to-be-true", "p{3.4cm}rlp{4.6cm}",
                             "what_would_have_to_be_true_table"))
    rep.blocks.append(_math(" \\\\\n".join(forms), "eq:what-would-have-to-be-true", "what_would_have_to_be_true"))
    ours = sorted({n for d in data for n in d["ours"]})
    text = "These conditions also involve parameters whose values are ours, not the essay's: " + ", ".join(ours) + "."
    rep.blocks.append(_para(text, _breakable(text)))


def _collective_note(rep: Report) -> None:
    c = {cl.id: cl for cl in games.essay.claims(rep.params)}["collective-action"]
    rep.data["uncertainty"]["collective_action"] = {"n_star": json_value(c.computed), "readings": {
        r.name: json_value(r.value) for r in c.readings}}
    lead = ("Collective action: with two researchers the game is a Deadlock, not a Prisoner's Dilemma (mutual "
            "Capabilities is better for both than mutual Alignment, by "
            f"{_value(-c.readings[0].value if c.readings[0].value is not None else None, 'USD')}); the dilemma "
            "starts above ")
    n_star = format_number(c.computed, digits=4)
    rep.blocks.append(_para(f"{lead}n* = {n_star} researchers.",
                            latex_escape(lead) + f"$n^* = {n_star}$ researchers."))


_TORNADO_REF = "(the tornado chart below)"


def _tornado_note(ps: Any, rows: list[dict[str, Any]], top: str) -> str:
    """What the tornado chart varies that the Monte Carlo does not, and how its ranges differ (one source of
    truth: where two parts of the report use different parameter sets, the text says so)."""
    extra = [r for r in rows if r["name"] not in UNCERTAIN]
    longest = max(rows, key=lambda r: r["swing"]) if rows else None
    parts = [f"The one-at-a-time sensitivity chart {_TORNADO_REF} uses a different parameter set "
             "from the Monte Carlo's: it moves one parameter at a time from the low to the high end of its "
             "distribution's range, the others at their values"]
    for r in extra:
        unit = ps[r["name"]].unit
        parts.append(f"; it also varies {r['name']}, which the Monte Carlo holds at "
                     f"{format_number(ps[r['name']].value, unit=unit)}, over its registry range "
                     f"{format_number(r['low'], unit=unit)} to {format_number(r['high'], unit=unit)} (the "
                     "registry gives it no distribution)")
    text = "".join(parts) + "."
    if longest is not None:
        text += (f" Its longest bar is {longest['name']}'s (a swing of {format_number(longest['swing'], unit='USD')}"
                 f" in the payoff gap), while the largest share of the Monte Carlo's variance is {top}'s"
                 + (": the two figures answer different questions." if longest["name"] != top else "."))
    return text


def uncertainty_blocks(rep: Report, plot: Callable[[str, Any], Any]) -> None:
    """The uncertainty section: what would have to be true, the Monte Carlo with its distributions named, sensitivity."""
    ps = rep.params
    rep.blocks.append(_heading(1, "Uncertainty: what would have to be true for Alignment to pay", "sec:uncertainty"))
    grid = sweep("career_choice", vary={"altruism_weight": (0, 0.5, 101), "researcher_vsl_multiplier": (1, 5, 101)},
                 params=ps, progress=False)
    mc = sweep("career_choice", samples=MC_SAMPLES, seed=1, params=ps, uncertain=list(UNCERTAIN), progress=False)
    dists = {n: d for n in UNCERTAIN if (d := ps[n].distribution) is not None}
    ranges = {n: (float(d.low), float(d.high)) for n, d in dists.items()}
    tor = tornado("career_choice", params=ps, parameters=list(UNCERTAIN) + ["horizon_years"], ranges=ranges)
    shares = mc.shares()
    indices = first_order_indices(mc)
    split = provenance_split(mc, indices)
    rep.data["uncertainty"] = {
        "grid_shares": grid.shares(), "monte_carlo": {"samples": MC_SAMPLES, "seed": 1, "shares": shares,
                                                      "uncertain": list(UNCERTAIN),
                                                      "distributions": dict(mc.distributions)},
        "first_order_indices": indices, "provenance": split, "tornado": tor.to_dict(),
    }
    _regions(rep)
    _collective_note(rep)
    rep.blocks.append(_heading(2, "Monte Carlo over stated distributions", "sec:monte-carlo"))
    align = shares.get("(Alignment, Passive)", 0.0)
    rep.blocks.append(_breakable_para(
        f"Only with its distributions named: {MC_SAMPLES:,} draws (seed 1) of {', '.join(UNCERTAIN)}, each from "
        "the registry's distribution, with its provenance:"))
    items = [(n, d.describe()) for n, d in dists.items()]
    rep.blocks.append(Block("raw", "\\begin{itemize}\n" + "\n".join(
        r"\item \texttt{%s}: %s" % (latex_escape(n), _quotes(latex_escape(text))) for n, text in items)
        + "\n\\end{itemize}", "\n".join(f"- `{n}`: {text}" for n, text in items)))
    rep.blocks.append(_breakable_para(
        f"Alignment is the researcher's best choice in {format_number(align, unit='share', digits=3)} of "
        f"the draws. Of the payoff gap's variance, parameters whose distributions are the essay's explain "
        f"{format_number(split['essay_share'], unit='share', digits=2)} on their own "
        f"({', '.join(split['essay']) or 'none'}) and parameters whose distributions are ours "
        f"{format_number(split['ours_share'], unit='share', digits=2)} ({', '.join(split['ours']) or 'none'}); "
        f"the largest single share is {split['top']}'s, whose distribution is "
        + ("ours, so this conclusion depends on our choice." if split["top_is_ours"] else "the essay's.")))
    note = _tornado_note(ps, tor.to_dict()["rows"], split["top"])
    rep.data["uncertainty"]["tornado_note"] = note
    rep.blocks.append(_para(note, _breakable(note).replace(_TORNADO_REF, r"(Figure~\ref{fig:tornado})")))
    rep.figures["regime_map_career_choice"] = plot("regime_map", grid)
    rep.blocks.append(_fig("regime_map_career_choice", "Career choice over altruism weight and the researcher's "
                           "VSL multiplier, other parameters at the essay's values; the closed-form threshold "
                           "is drawn on top.", "fig:regime-map"))
    rep.figures["tornado_career_choice"] = plot("tornado", tor)
    rep.blocks.append(_fig("tornado_career_choice", "One-at-a-time sensitivity of the payoff gap "
                           "(Alignment minus the best alternative) over each parameter's distribution's range.",
                           "fig:tornado"))
    rep.figures["gap_histogram_career_choice"] = plot("histogram", mc)
    rep.blocks.append(_fig("gap_histogram_career_choice", "The payoff gap across the Monte Carlo draws (the "
                           "registry's distributions).", "fig:gap-histogram"))
