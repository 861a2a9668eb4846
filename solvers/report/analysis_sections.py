r"""The report's analysis sections: break-even thresholds, interventions, uncertainty and dynamics, with their figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import sympy

import games
from games._exact import json_value
from games._text import format_number, latex_escape
from games.parameters import ParameterSet, latex_symbol_names
from games.removal import buyout_removal
from solvers.conditions.interventions import minimal_intervention
from solvers.conditions.thresholds import break_even
from solvers.dynamics.best_response import attractors, best_response_graph
from solvers.dynamics.invasion import invasion_graph, small_mutation_chain, stationary_distribution
from solvers.render.graphs import write_graph
from solvers.render.linebreak import TEXT_WIDTH_PT, expression_lines
from solvers.render.style import figure_style, new_figure, save_figure
from solvers.report.document import (
    Report,
    _align,
    _fig,
    _heading,
    _para,
    _table,
)
from solvers.report.essay_sections import uncertainty_blocks
from solvers.report.figures import draw_regime_map, draw_tornado
from solvers.report.notation import intermediate_names, shorten
from solvers.sweeps.plots import plot_gap_histogram
from solvers.symbolic.lookup import resolve_symbol

#: career_choice parameters whose break-even values the report derives.
BREAK_EVEN_PARAMETERS = ("altruism_weight", "researcher_vsl_multiplier", "p_pivotal", "doom_reduction", "vsl",
                         "horizon_years", "salary_capabilities", "salary_alignment")


def _section_thresholds(rep: Report) -> None:
    """Break-even values of career_choice's parameters (closed form and at the essay's values),
    and the collective-action size n* beyond which all-Alignment is better for everyone."""
    rep.blocks.append(_heading(1, "When does Alignment pay? Break-even conditions", "sec:thresholds"))
    game = games.build("career_choice")
    names = latex_symbol_names()
    inames = intermediate_names()
    rows_tex: list[tuple[str, bool]] = []
    table: list[list[tuple[str, str]]] = []
    out: dict[str, Any] = {}
    for pname in BREAK_EVEN_PARAMETERS:
        sym = resolve_symbol(game, pname, where="report")
        numeric = break_even(game, sym, rep.params)
        closed = list(break_even(game, sym))
        for t in numeric:
            if not any(o.label == "(Alignment, Passive)" for o in t.above + t.below):
                continue
            form = _matching_closed_form(closed, t.value, rep.params, sym)
            side = "above" if any(o.label == "(Alignment, Passive)" for o in t.above) else "below"
            out[pname] = {"value": json_value(t.value), "value_exact": str(t.value), "alignment_when": side,
                          "closed_form": None if form is None else str(form)}
            lhs = sympy.latex(sym, symbol_names=names) + "^{*}"
            if form is not None:
                short = shorten(form, rep.params, exclude={sym})
                rep.use(sym, short)
                parts = expression_lines(short, inames, TEXT_WIDTH_PT - 80)
                rows_tex.append((f"{lhs} &= {parts[0]}", True))
                rows_tex += [(r"&\qquad " + part, False) for part in parts[1:]]
            feasible = _feasible(rep.params[pname], t.value)
            out[pname]["feasible"] = feasible
            note = "" if feasible else f" (not a valid {rep.params[pname].kind})"
            unit = rep.params[pname].unit
            rep.use(sym)
            table.append([("$" + sympy.latex(sym, symbol_names=names) + "$", pname),
                          (latex_escape(rep.params[pname].description.split(" (")[0]),
                           rep.params[pname].description.split(" (")[0]),
                          (format_number(rep.params[pname].value, unit=unit, latex=True),
                           format_number(rep.params[pname].value, unit=unit)),
                          (format_number(t.value, unit=unit, latex=True), format_number(t.value, unit=unit)),
                          (latex_escape(f"{side}{note}"), f"{side}{note}")])
    rep.data["break_even"] = {"career_choice": out}
    rep.blocks.append(_para(
        "Values of each parameter at which the researcher's best choice switches to Alignment, with the "
        "other parameters at the essay's values (table) and as closed forms in all of them (equation)."))
    rep.blocks.append(_table(["symbol", "parameter", "essay's value", "break-even", "Alignment when"], table,
                             "Break-even values of career choice, the other parameters at the essay's values.",
                             "tab:break-even", "l>{\\raggedright\\arraybackslash}p{5.4cm}rr>{\\raggedright\\arraybackslash}p{2.6cm}",
                             "break_even_table"))
    if rows_tex:
        rep.blocks.append(_align(rows_tex, "eq:break-even", "break_even_closed_forms"))
    # the collective-action problem: n* from the welfare comparison
    ca = games.build("collective_action")
    be = break_even(ca, "n_researchers", rep.params, what="welfare")
    nstar = [t.value for t in be]
    rep.data["break_even"]["collective_action_n_star"] = [json_value(v) for v in nstar]
    if nstar:
        lead = ("Collective action: Capabilities is each researcher's dominant strategy, yet all-Alignment is "
                "better for everyone than all-Capabilities once more than ")
        n_star = format_number(nstar[0], digits=4)
        rep.blocks.append(_para(f"{lead}n* = {n_star} researchers are in the game.",
                                latex_escape(lead) + f"$n^* = {n_star}$ researchers are in the game."))


def _feasible(param: Any, value: Any) -> bool:
    """Whether a break-even value is a valid value of its parameter's kind."""
    if param.kind == "probability":
        return bool(0 <= value <= 1)
    return bool(value >= 0)


def _matching_closed_form(closed: Sequence[Any], value: Any, params: ParameterSet, sym: Any) -> Any:
    subs = {s_: v for s_, v in params.substitutions().items() if s_ != sym}
    by_name = {k.name: v for k, v in subs.items()}
    for t in closed:
        expr = t.value
        v = expr.xreplace({f: by_name[f.name] for f in expr.free_symbols if f.name in by_name})
        if v.is_number and sympy.simplify(v - value) == 0:
            return expr
    return None


def _section_interventions(rep: Report) -> None:
    """Minimal subsidies, taxes and prizes, and what the essay's $1b buy-out buys."""
    rep.blocks.append(_heading(1, "Interventions: what it costs to make Alignment pay", "sec:interventions"))
    ps = rep.params
    rows: list[list[tuple[str, str]]] = []
    out: list[dict[str, Any]] = []
    cases = [("career_choice", "subsidy", "dominant", None), ("career_choice", "tax", "dominant", None),
             ("career_choice", "prize", "dominant", ps.value("p_pivotal")),
             ("collective_action", "subsidy", "dominant", None), ("great_power_race", "subsidy", "dominant", None)]
    for game_name, instrument, target, q in cases:
        g = games.build(game_name)
        cost = minimal_intervention(g, "Alignment", target=target, instrument=instrument,
                                    success_probability=q, values=ps)
        amount, total = cost.amount, cost.total_cost
        out.append({"game": game_name, "instrument": instrument, "target": target, "amount": json_value(amount),
                    "total_cost": json_value(total)})
        rows.append([(latex_escape(game_name.replace("_", " ")), game_name), (instrument, instrument),
                     (format_number(amount, unit="USD", latex=True), format_number(amount, unit="USD")),
                     (format_number(total, unit="USD", latex=True), format_number(total, unit="USD"))])
    rep.blocks.append(_para(
        "The smallest transfer per player that makes Alignment a dominant strategy, at the essay's values "
        "(a prize is paid only if the work succeeds, with probability p)."))
    rep.blocks.append(_table(["game", "instrument", "per player", "total cost"], rows,
                             "Minimal interventions making Alignment dominant.", "tab:interventions", "llrr",
                             "interventions_table"))
    rep.data["interventions"] = {"minimal": out, "buyout": _buyout_paragraph(rep)}


def buyout_text(ps: ParameterSet) -> tuple[str, dict[str, Any]]:
    """The essay's buy-out as removal (:func:`games.removal.buyout_removal`): the sentence and its numbers.

    Every number of the sentence is one of the returned ``{name: value}``, all from the one
    :class:`~games.removal.BuyoutRemoval` evaluated at ``ps``, with the careers priced at the
    industry scenario's Capabilities salary (the essay's $250k).
    """
    ind = games.essay.parameters("industry")
    career = ind.value("salary_capabilities") * ps.value("horizon_years")
    at = buyout_removal(career).at(ps)
    p_doom = ps.value("p_doom")
    nums = {"budget": ps.value("buyout_budget"), "career_cost": career, "careers": at["careers"],
            "replacement_rate": ps.value("replacement_rate"), "removed": at["removed"],
            "workforce": ps.value("capabilities_workforce"), "time_bought": at["time_bought"],
            "doom_per_year_bought": ps.value("doom_per_year_bought"), "doom_change": at["doom_change"],
            "p_doom": p_doom, "p_doom_after": p_doom + at["doom_change"]}
    usd: dict[str, Any] = {"unit": "USD"}
    pct: dict[str, Any] = {"unit": "probability"}
    text = (
        f"The essay's buy-out removes researchers from the system (Yudkowsky's island); it does not move them to "
        f"Alignment. {format_number(nums['budget'], **usd)} buys {format_number(nums['careers'])} five-year "
        f"Capabilities careers at the industry salary ({format_number(career, **usd)} each). With "
        f"{format_number(nums['replacement_rate'], **pct)} of the places refilled by new hires, "
        f"{format_number(nums['removed'])} researchers leave a Capabilities workforce of "
        f"{format_number(nums['workforce'])}, which delays Capabilities progress by "
        f"{format_number(nums['time_bought'], unit='years')}; at "
        f"{format_number(nums['doom_per_year_bought'], **pct)} of P(doom) per year bought, P(doom) falls by "
        f"{format_number(-100 * nums['doom_change'])} percentage points, from {format_number(p_doom, **pct)} to "
        f"{format_number(nums['p_doom_after'], **pct)}. The replacement rate, the workforce and the P(doom) per "
        f"year bought are ours, not the essay's.")
    return text, nums


def _buyout_paragraph(rep: Report) -> dict[str, Any]:
    text, nums = buyout_text(rep.params)
    rep.blocks.append(_para(text))
    return {k: json_value(v) for k, v in nums.items()}


#: The report's uncertainty analysis of career_choice: which parameters are drawn, and the
#: ranges it narrows from the registry's (whose 0..1 probabilities and 1..8e9 circle would
#: make the Monte Carlo say more about the ranges than about the essay).
UNCERTAIN = ("vsl", "p_pivotal", "doom_reduction", "researcher_vsl_multiplier", "altruism_weight",
             "salary_alignment", "salary_capabilities")


UNCERTAIN_RANGES = {"p_pivotal": (0.01, 0.1), "doom_reduction": (0.01, 0.1), "altruism_weight": (0.0, 0.2)}


MC_SAMPLES = 200_000


def _section_uncertainty(rep: Report) -> None:
    """What would have to be true for Alignment to pay; Monte Carlo over the registry's distributions, named;
    sensitivity split by provenance; regime map, tornado and histogram (:mod:`solvers.report.essay_sections`)."""
    uncertainty_blocks(rep, _plot_figure)


def _plot_figure(kind: str, result: Any) -> Callable[[Path], None]:
    def draw(folder: Path) -> None:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.ticker import FuncFormatter

        stem = {"regime_map": "regime_map_career_choice", "tornado": "tornado_career_choice",
                "histogram": "gap_histogram_career_choice"}[kind]
        ps = games.essay.parameters()
        with figure_style():
            fig, ax = new_figure(0.5 if kind == "regime_map" else 0.45)
            if kind == "regime_map":
                draw_regime_map(result, ps, ax)
            elif kind == "tornado":
                draw_tornado(result, ps, ax)
            else:
                plot_gap_histogram(result, ax)
                ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, unit="USD", digits=3)))
                ax.set_xlabel("payoff gap of Alignment over the best alternative (USD)")
                ax.set_ylabel("Monte Carlo draws")
                ax.set_title("")
            save_figure(fig, folder, stem)

    return draw


#: Games whose best-response graphs the report draws.
GRAPH_GAMES = ("lab_race", "great_power_race", "alignment_washing")


def _section_dynamics(rep: Report) -> None:
    """Best-response graphs (figures, TikZ sources) and the small-mutation invasion graph."""
    rep.blocks.append(_heading(1, "Strategy dynamics", "sec:dynamics"))
    rep.blocks.append(_para(
        "Best-response graphs: one node per pure profile, an edge for every strictly improving unilateral "
        "deviation; sinks are pure equilibria, sink cycles the attractors of better-response dynamics."))
    data: dict[str, Any] = {}
    for name in GRAPH_GAMES:
        G = best_response_graph(games.build(name).subs(rep.params))
        atts = [sorted(", ".join(str(x) for x in v) if isinstance(v, tuple) else str(v) for v in a)
                for a in attractors(G)]
        data[name] = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "attractors": atts}
        stem = f"best_response_{name}"
        rep.figures[stem] = _graph_figure(G, stem, unit="USD")
        rep.blocks.append(_fig(stem, f"Best-response graph of {name.replace('_', ' ')} at the essay's values; "
                                     f"attractors: {'; '.join(' / '.join(a) for a in atts)}.", f"fig:{stem}"))
    # invasion graph of the two-researcher game in a finite population
    pair = games.build("collective_action_pair").subs(rep.params)
    A = pair.numeric_arrays()[0]
    beta = 1.0 / float(abs(A).max())  # selection in units of the largest payoff
    chain = small_mutation_chain(pair, 50, selection=beta)
    stat = stationary_distribution(chain)
    data["invasion_collective_action_pair"] = {"population": 50, "selection": beta,
                                               "stationary": {str(k): v for k, v in stat.items()}}
    stem = "invasion_collective_action_pair"
    rep.figures[stem] = _graph_figure(invasion_graph(chain), stem)
    rep.blocks.append(_fig(stem, "Invasion graph of the two-researcher game in a population of 50 (Fermi rule); "
                                 "stationary shares: " + ", ".join(f"{k} {format_number(v, unit='probability', digits=3)}"
                                                     for k, v in stat.items()) + ".",
                           f"fig:{stem}"))
    rep.data["dynamics"] = data


def _graph_figure(G: Any, stem: str, unit: str | None = None) -> Callable[[Path], None]:
    def draw(folder: Path) -> None:
        for ext in ("png", "pdf"):
            write_graph(G, folder / f"{stem}.{ext}", unit=unit, title=False)  # the caption names the game
        write_graph(G, folder / f"{stem}.tex")

    return draw

