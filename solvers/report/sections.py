r"""``aligngames report``: the essay analysed end to end, as LaTeX/PDF, Markdown and JSON.

:func:`build_report` computes everything (the audit of the essay's arithmetic,
every library game's payoff table, its equilibria at the essay's values, its
closed-form equilibrium conditions and break-even thresholds, the dynamics
graphs); :func:`write_report` writes it into a folder:

``report.tex``
    a standalone article (booktabs tables, amsmath equations, labels and refs);
``report.pdf``
    compiled with ``pdflatex`` (twice, for the references) when it is installed;
``report.md``
    the same content for GitHub and Jupyter readers, figures linked;
``report.json``
    every number in the report, machine-readable;
``figures/``
    PNG figures with PDF versions for the paper, and TikZ sources;
``fragments/`` (with ``fragments=True``)
    each table and equation as its own ``.tex`` file to ``\input`` in a paper.

Every file is written atomically, so an interrupted run never leaves a partial
file.  The document model is a flat list of blocks (heading, paragraph, table,
equation, figure), each rendered to both LaTeX and Markdown, so the two outputs
cannot drift apart.

Examples
--------
>>> rep = build_report(sections=("audit",))
>>> rep.data["audit"][1]["computed"]
16250
"""

from __future__ import annotations

import re
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import sympy

import games
from games._text import latex_escape
from games.core import Game
from games.errors import AligngamesError
from games.parameters import ParameterSet, latex_symbol_names
from solvers.equilibria.summary import equilibria_summary
from solvers.report.document import (
    Block,
    Report,
    _fig,
    _fmt,
    _heading,
    _math,
    _md_cell,
    _num,
    _para,
    _sym_latex,
    _table,
    _tex_num,
    _wide,
)

__all__ = ['build_report', 'SECTIONS']


#: The report's sections, in order.
SECTIONS = ("audit", "games", "thresholds", "interventions", "uncertainty", "dynamics")


_LEVEL_TITLES = {
    "individual": "Individual level: researchers",
    "organizational": "Organizational level: labs and investors",
    "geopolitical": "Geopolitical level: great powers",
    "intervention": "Interventions",
    "example": "Examples",
}


def _section_audit(rep: Report) -> None:
    claims = games.essay.claims(rep.params)
    rep.data["audit"] = [
        {"id": c.id, "claim": c.claim, "essay_value": _num(c.essay_value), "computed": _num(c.computed),
         "computed_exact": str(c.computed), "status": c.status, "note": c.note,
         "alternatives": {k: _num(v) for k, v in c.alternatives.items()}}
        for c in claims
    ]
    rep.blocks.append(_heading(1, "The essay's arithmetic, recomputed", "sec:audit"))
    counts = {s: sum(1 for c in claims if c.status == s) for s in ("ok", "approx", "mismatch", "ambiguous")}
    summary = (f"Every figure of the essay recomputed exactly from its parameters: {counts['ok']} claims check "
               f"out, {counts['approx']} is a rounding, {counts['mismatch']} does not match and "
               f"{counts['ambiguous']} depends on how its words are read")
    rep.blocks.append(_para(summary + " (table below).", latex_escape(summary) + r" (Table~\ref{tab:audit})."))
    rows = [[(latex_escape(c.id), c.id), (_tex_num(c.essay_value), _fmt(c.essay_value)),
             (_tex_num(c.computed), _fmt(c.computed)), (latex_escape(c.status), c.status)] for c in claims]
    rep.blocks.append(_table(["claim", "essay", "recomputed", "status"], rows,
                             "The essay's numeric claims and their exact recomputation.", "tab:audit", "lrrl",
                             "audit_table"))
    notes = [c for c in claims if c.note]
    items_tex = "\n".join(r"\item[\texttt{%s}] %s" % (latex_escape(c.id), latex_escape(c.note)) for c in notes)
    rep.blocks.append(Block("raw", "\\begin{description}\n" + items_tex + "\n\\end{description}",
                            "\n".join(f"- **{c.id}**: {c.note}" for c in notes)))


def _describe(fn: Callable[..., Any]) -> str:
    """The first paragraph of a docstring, without reST markup."""
    doc = (fn.__doc__ or "").strip()
    first = " ".join(doc.split("\n\n", 1)[0].split())
    first = re.sub(r":\w+:`~?([^`]+)`", r"\1", first)
    return first.replace("``", "")


def _game_blocks(rep: Report, name: str, entry: Any) -> None:
    t0 = time.perf_counter()
    game = entry.builder()
    numeric = game.subs(rep.params)
    label = "game:" + name.replace("_", "-")
    rep.blocks.append(_heading(2, name.replace("_", " "), label))
    rep.blocks.append(_para(_describe(entry.builder)))
    record: dict[str, Any] = {"level": entry.level, "free_parameters": sorted(s.name for s in game.free_symbols)}
    shown_game = _closed_form_game(entry.builder, game)
    if shown_game is not game:
        rep.blocks.append(_para("Shown without the clamp that keeps P(doom) in [0, 1] (the model keeps it; "
                                "at the essay's values it never binds)."))
    if isinstance(shown_game, Game):
        table = _wide(shown_game.latex(booktabs=True))
        tex = "\\begin{table}[htbp]\n\\centering\n" + table + \
              "\n\\caption{%s: payoffs (symbolic).}\\label{tab:%s}\n\\end{table}" % (
                  latex_escape(name.replace("_", " ")), name.replace("_", "-"))
        md = _game_markdown(shown_game)
        rep.blocks.append(Block("table", tex, md, f"{name}_payoffs"))
    else:
        rep.blocks.append(_math(shown_game.latex(), f"eq:{name.replace('_', '-')}-payoffs", f"{name}_payoffs"))
        n = game.n_players
        n_md = _fmt(n) if n.is_number else f"${_sym_latex(n)}$"
        n_tex = _tex_num(n) if n.is_number else f"${_sym_latex(n)}$"
        rep.blocks.append(_para(f"Number of players: {n_md}.", f"Number of players: {n_tex}."))
    lines, recs = equilibria_summary(numeric)
    record["equilibria"] = recs
    intro = f"Equilibria at the essay's values ({len(lines)}):"
    items = "\n".join(r"\item " + latex_escape(line) for line in lines) or r"\item none"
    rep.blocks.append(Block("raw", latex_escape(intro) + "\n\\begin{itemize}\n" + items + "\n\\end{itemize}",
                            intro + "\n\n" + "\n".join(f"- {line}" for line in lines)))
    _conditions_blocks(rep, name, _closed_form_game(entry.builder, game), record)
    rep.data.setdefault("games", {})[name] = record
    rep.timings[f"game:{name}"] = time.perf_counter() - t0


def _closed_form_game(builder: Callable[..., Any], game: Any) -> Any:
    """The game whose conditions are typeset: without the [0, 1] clamp of P(doom) where the
    builder has one (the clamp only matters far outside the essay's values, and its
    Piecewise makes the formulas unreadable)."""
    import inspect

    if "clamp" in inspect.signature(builder).parameters:
        return builder(clamp=False)
    return game


#: Longest conditions block typeset in the report (characters of LaTeX); longer ones are in report.json.
_MAX_TEX = 3500


def _aligned_body(tex: str) -> str:
    """The inside of a ``to_latex`` result's aligned environment."""
    body = tex.strip()
    body = body.removeprefix("\\begin{aligned}").removesuffix("\\end{aligned}")
    return body.strip("\n")


def _conditions_blocks(rep: Report, name: str, game: Game | Any, record: dict[str, Any]) -> None:
    """Closed-form equilibrium conditions (and the game type of symmetric 2x2 games)."""
    from solvers.conditions.derive import equilibrium_conditions
    from solvers.conditions.game_types import classify
    from solvers.render.latex import to_latex

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "mixed equilibria not derived" is said in the text
        records = equilibrium_conditions(game)
    rep.timings[f"conditions:{name}"] = time.perf_counter() - t0
    holding = [r for r in records if _holds(r, rep.params)]
    pure = [r for r in records if r.kind == "pure"]
    shown = (pure + [r for r in holding if r.kind == "mixed"])[:_MAX_RECORDS]
    if len(to_latex(shown)) > _MAX_TEX:
        shown = [r for r in holding if r.kind != "continuum"]
    if shown and len(to_latex(shown)) > _MAX_TEX:
        shown = []
        rep.blocks.append(_para("The closed-form conditions of this game are too long to typeset usefully; "
                                "report.json lists them."))
    record["conditions"] = [
        {"label": r.label, "kind": r.kind, "condition": str(r.condition), "holds_at_values": r in holding}
        for r in records
    ]
    if shown:
        n_cont = sum(1 for r in records if r.kind == "continuum")
        intro = (f"Closed-form equilibrium conditions: {len(records)} equilibrium records"
                 + (f" ({n_cont} of them continua on degenerate boundaries)" if n_cont else "")
                 + f"; {len(shown)} shown. At the essay's values these hold: "
                 + (", ".join(r.label for r in holding) or "none") + ".")
        rep.blocks.append(_para(intro))
        tex = to_latex(shown)
        rep.blocks.append(_math(_aligned_body(tex), f"eq:{name.replace('_', '-')}-conditions",
                                f"{name}_conditions"))
    if isinstance(game, Game) and game.n_players == 2 and game.shape == (2, 2):
        try:
            c = classify(game, rep.params)
        except AligngamesError:
            return
        record["type"] = c.name
        if c.name:
            rep.blocks.append(_para(f"At the essay's values this is a {c.name}."))


_MAX_RECORDS = 8


def _holds(rec: Any, params: ParameterSet) -> bool:
    try:
        return bool(rec.holds_at(params))
    except (AligngamesError, TypeError):
        return False


def _game_markdown(game: Game) -> str:
    if game.n_players != 2:
        return "(" + str(game) + ")"
    names = latex_symbol_names()
    head = f"| {game.players[0]} \\ {game.players[1]} | " + " | ".join(game.strategies[1]) + " |"
    sep = "|---" * (len(game.strategies[1]) + 1) + "|"
    rows = []
    for r, rn in enumerate(game.strategies[0]):
        cells = []
        for c in range(len(game.strategies[1])):
            cells.append("$" + ", ".join(sympy.latex(arr[r, c], symbol_names=names) for arr in game.payoffs) + "$")
        rows.append(f"| {rn} | " + " | ".join(_md_cell(x) for x in cells) + " |")
    return "\n".join([head, sep, *rows])


def _section_games(rep: Report) -> None:
    entries = games.library_entries()
    for level in ("individual", "organizational", "geopolitical", "example"):
        names = [n for n, e in entries.items() if e.level == level]
        if not names:
            continue
        rep.blocks.append(_heading(1, _LEVEL_TITLES[level], f"sec:{level}"))
        for name in names:
            try:
                _game_blocks(rep, name, entries[name])
            except AligngamesError as exc:
                rep.errors.append(f"{name}: {exc}")
                rep.blocks.append(_para(f"{name}: not analysed ({exc})."))


#: career_choice parameters whose break-even values the report derives.
BREAK_EVEN_PARAMETERS = ("altruism_weight", "researcher_vsl_multiplier", "p_pivotal", "doom_reduction", "vsl",
                         "horizon_years", "salary_capabilities", "salary_alignment")


def _section_thresholds(rep: Report) -> None:
    """Break-even values of career_choice's parameters (closed form and at the essay's values),
    and the collective-action size n* beyond which all-Alignment is better for everyone."""
    from solvers.conditions.thresholds import break_even
    from solvers.render.latex import latex_expr

    rep.blocks.append(_heading(1, "When does Alignment pay? Break-even conditions", "sec:thresholds"))
    game = games.build("career_choice")
    free = {s_.name: s_ for s_ in game.free_symbols}
    names = latex_symbol_names()
    rows_tex: list[str] = []
    table: list[list[tuple[str, str]]] = []
    out: dict[str, Any] = {}
    for pname in BREAK_EVEN_PARAMETERS:
        sym = free[pname]
        numeric = break_even(game, sym, rep.params)
        closed = list(break_even(game, sym))
        for t in numeric:
            if not any(o.label == "(Alignment, Passive)" for o in t.above + t.below):
                continue
            form = _matching_closed_form(closed, t.value, rep.params, sym)
            side = "above" if any(o.label == "(Alignment, Passive)" for o in t.above) else "below"
            out[pname] = {"value": _num(t.value), "value_exact": str(t.value), "alignment_when": side,
                          "closed_form": None if form is None else str(form)}
            lhs = sympy.latex(sym, symbol_names=names) + "^{*}"
            if form is not None:
                rows_tex.append(f"{lhs} &= {latex_expr(form, names)}")
            feasible = _feasible(rep.params[pname], t.value)
            out[pname]["feasible"] = feasible
            note = "" if feasible else f" (outside the valid {rep.params[pname].kind} range)"
            table.append([(latex_escape(pname), pname), (_tex_num(t.value), _fmt(t.value)),
                          (latex_escape(f"Alignment {side}{note}"), f"Alignment {side}{note}")])
    rep.data["break_even"] = {"career_choice": out}
    rep.blocks.append(_para(
        "Values of each parameter at which the researcher's best choice switches to Alignment, with the "
        "other parameters at the essay's values (table) and as closed forms in all of them (equation)."))
    rep.blocks.append(_table(["parameter", "break-even value", "Alignment chosen when the parameter is"], table,
                             "Break-even values of career choice at the essay's values.", "tab:break-even", "lrl",
                             "break_even_table"))
    if rows_tex:
        rep.blocks.append(_math(" \\\\\n".join(rows_tex), "eq:break-even", "break_even_closed_forms"))
    # the collective-action problem: n* from the welfare comparison
    ca = games.build("collective_action")
    be = break_even(ca, "n_researchers", rep.params, what="welfare")
    nstar = [t.value for t in be]
    rep.data["break_even"]["collective_action_n_star"] = [_num(v) for v in nstar]
    if nstar:
        rep.blocks.append(_para(
            f"Collective action: Capabilities is each researcher's dominant strategy, yet all-Alignment is "
            f"better for everyone than all-Capabilities once more than n* = {_fmt(nstar[0])} researchers are "
            "in the game."))


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
    from solvers.conditions.interventions import buyout_effect, minimal_intervention

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
        out.append({"game": game_name, "instrument": instrument, "target": target, "amount": _num(amount),
                    "total_cost": _num(total)})
        rows.append([(latex_escape(game_name.replace("_", " ")), game_name), (instrument, instrument),
                     (_tex_num(amount), _fmt(amount)), (_tex_num(total), _fmt(total))])
    rep.blocks.append(_para(
        "The smallest transfer per player that makes Alignment a dominant strategy, at the essay's values "
        "(a prize is paid only if the work succeeds, with probability p)."))
    rep.blocks.append(_table(["game", "instrument", "per player", "total cost"], rows,
                             "Minimal interventions making Alignment dominant.", "tab:interventions", "llrr",
                             "interventions_table"))
    career = ps.value("salary_capabilities") * ps.value("horizon_years")
    ind = games.essay.parameters("industry")
    career_ind = ind.value("salary_capabilities") * ps.value("horizon_years")
    per_career = ps.value("p_pivotal") * ps.value("doom_reduction")
    eff = buyout_effect(ps.value("buyout_budget"), career_ind, doom_per_career=per_career, p_doom=ps.value("p_doom"))
    rep.data["interventions"] = {"minimal": out, "buyout": {
        "budget": _num(ps.value("buyout_budget")), "career_cost": _num(career_ind), "careers": _num(eff.careers),
        "doom_change_if_moved_to_alignment": _num(eff.doom_change),
        "p_doom_after": _num(eff.p_doom_after), "phd_career_cost": _num(career)}}
    rep.blocks.append(_para(
        f"The essay's buy-out: {_fmt(ps.value('buyout_budget'))} dollars buys {_fmt(eff.careers)} five-year "
        f"capabilities careers at the industry salary ({_fmt(career_ind)} dollars each). If each bought-out "
        f"researcher moved to Alignment with the essay's marginal impact (p x delta = {_fmt(per_career)} "
        f"each), the linear model would remove {_fmt(-eff.doom_change)} of P(doom), more than its "
        f"{_fmt(ps.value('p_doom'))}: {_fmt(sympy.ceiling(ps.value('p_doom') / per_career))} careers would "
        "already suffice. The model's linearity is the essay's, not a forecast."
        if per_career and -eff.doom_change > ps.value("p_doom") else
        f"researcher moved to Alignment with the essay's marginal impact (p x delta = {_fmt(per_career)} "
        f"each), P(doom) would fall by {_fmt(-eff.doom_change)} to {_fmt(eff.p_doom_after)}."))


#: The report's uncertainty analysis of career_choice: which parameters are drawn, and the
#: ranges it narrows from the registry's (whose 0..1 probabilities and 1..8e9 circle would
#: make the Monte Carlo say more about the ranges than about the essay).
UNCERTAIN = ("vsl", "p_pivotal", "doom_reduction", "researcher_vsl_multiplier", "altruism_weight",
             "salary_alignment", "salary_capabilities")


UNCERTAIN_RANGES = {"p_pivotal": (0.01, 0.1), "doom_reduction": (0.01, 0.1), "altruism_weight": (0.0, 0.2)}


MC_SAMPLES = 200_000


def _section_uncertainty(rep: Report) -> None:
    """Regime map over two parameters, Monte Carlo shares, sensitivity, tornado chart."""
    from solvers.sweeps.run import sweep
    from solvers.sweeps.sensitivity import first_order_indices, tornado

    ps = rep.params
    rep.blocks.append(_heading(1, "Uncertainty: in how many plausible worlds does Alignment pay?", "sec:uncertainty"))
    grid = sweep("career_choice", vary={"altruism_weight": (0, 0.5, 101), "researcher_vsl_multiplier": (1, 5, 101)},
                 params=ps, progress=False)
    mc = sweep("career_choice", samples=MC_SAMPLES, seed=1, params=ps, uncertain=list(UNCERTAIN),
               ranges=UNCERTAIN_RANGES, progress=False)
    tor = tornado("career_choice", params=ps, parameters=list(UNCERTAIN) + ["horizon_years"],
                  ranges=UNCERTAIN_RANGES)
    shares = mc.shares()
    indices = first_order_indices(mc)
    rep.data["uncertainty"] = {
        "grid_shares": grid.shares(), "monte_carlo": {"samples": MC_SAMPLES, "seed": 1, "shares": shares,
                                                      "uncertain": list(UNCERTAIN),
                                                      "ranges": {k: list(v) for k, v in UNCERTAIN_RANGES.items()}},
        "first_order_indices": indices, "tornado": tor.to_dict(),
    }
    align = shares.get("(Alignment, Passive)", 0.0)
    rep.blocks.append(_para(
        f"Drawing the essay's uncertain parameters uniformly ({MC_SAMPLES:,} samples; p and delta between 1% and "
        f"10%, altruism weight up to 0.2, the other ranges from the registry), Alignment is the researcher's "
        f"best choice in {align:.1%} of the draws. The parameter that explains most of the payoff gap's "
        f"variance on its own is {max(indices, key=lambda n: indices[n])}."))
    rep.figures["regime_map_career_choice"] = _plot_figure("regime_map", grid)
    rep.blocks.append(_fig("regime_map_career_choice", "Career choice over altruism weight and the researcher's "
                           "VSL multiplier, other parameters at the essay's values; the closed-form threshold "
                           "is drawn on top.", "fig:regime-map"))
    rep.figures["tornado_career_choice"] = _plot_figure("tornado", tor)
    rep.blocks.append(_fig("tornado_career_choice", "One-at-a-time sensitivity of the payoff gap "
                           "(Alignment minus the best alternative) over each parameter's range.", "fig:tornado"))
    rep.figures["gap_histogram_career_choice"] = _plot_figure("histogram", mc)
    rep.blocks.append(_fig("gap_histogram_career_choice", "The payoff gap across the Monte Carlo draws.",
                           "fig:gap-histogram"))


def _plot_figure(kind: str, result: Any) -> Callable[[Path], None]:
    def draw(folder: Path) -> None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from solvers.sweeps.plots import plot_gap_histogram, plot_regime_map, plot_tornado

        plotters: dict[str, Callable[..., Any]] = {
            "regime_map": plot_regime_map, "tornado": plot_tornado, "histogram": plot_gap_histogram}
        fig, ax = plt.subplots(figsize=(6.4, 4.4))
        plotters[kind](result, ax)
        fig.tight_layout()
        stem = {"regime_map": "regime_map_career_choice", "tornado": "tornado_career_choice",
                "histogram": "gap_histogram_career_choice"}[kind]
        for ext in ("png", "pdf"):
            with tempfile.NamedTemporaryFile(dir=folder, suffix="." + ext, delete=False) as tmp:
                fig.savefig(tmp.name, dpi=150)
            Path(tmp.name).replace(folder / f"{stem}.{ext}")
        plt.close(fig)

    return draw


#: Games whose best-response graphs the report draws.
GRAPH_GAMES = ("lab_race", "great_power_race", "alignment_washing")


def _section_dynamics(rep: Report) -> None:
    """Best-response graphs (figures, TikZ sources) and the small-mutation invasion graph."""
    from solvers.dynamics.best_response import attractors, best_response_graph
    from solvers.dynamics.invasion import invasion_graph, small_mutation_chain, stationary_distribution

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
        rep.figures[stem] = _graph_figure(G, stem)
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
                                 "stationary shares: " + ", ".join(f"{k} {v:.3f}" for k, v in stat.items()) + ".",
                           f"fig:{stem}"))
    rep.data["dynamics"] = data


def _graph_figure(G: Any, stem: str) -> Callable[[Path], None]:
    def draw(folder: Path) -> None:
        from solvers.render.graphs import write_graph

        for ext in ("png", "pdf", "tex"):
            write_graph(G, folder / f"{stem}.{ext}")

    return draw


_SECTION_FUNCS: dict[str, Callable[[Report], None]] = {
    "audit": _section_audit,
    "games": _section_games,
    "thresholds": _section_thresholds,
    "interventions": _section_interventions,
    "uncertainty": _section_uncertainty,
    "dynamics": _section_dynamics,
}


def build_report(
    params: ParameterSet | None = None,
    *,
    sections: Iterable[str] = SECTIONS,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Compute the report on ``params`` (default: the essay's phd scenario).

    Parameters
    ----------
    params : ParameterSet, optional
    sections : iterable of str
        Any of :data:`SECTIONS`, in the report's order.
    progress : callable, optional
        Called with a short message as each section starts.

    Raises
    ------
    UnknownNameError
        For an unknown section name.
    """
    from games.errors import UnknownNameError, suggest

    rep = Report(params if params is not None else games.essay.parameters("phd"))
    wanted = list(sections)
    for s in wanted:
        if s not in _SECTION_FUNCS:
            raise UnknownNameError(suggest(s, _SECTION_FUNCS, what="report section"))
    rep.data["parameters"] = {
        p.name: {"value": _num(p.value), "unit": p.unit, "kind": p.kind} for p in rep.params.values()
    }
    rep.data["scenario"] = rep.params.name
    for s in SECTIONS:
        if s in wanted:
            if progress:
                progress(s)
            t0 = time.perf_counter()
            _SECTION_FUNCS[s](rep)
            rep.timings[s] = time.perf_counter() - t0
    rep.data["errors"] = list(rep.errors)
    return rep

