r"""The report's shape as a short paper: abstract, per level the essay's claim and what rests on our assumptions,
the notation table, and the conclusion.

Every number in these texts is read from the report's computed data
(``rep.data``), the same objects its tables and figures are drawn from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from games._text import format_number, latex_escape
from games.parameters import latex_symbol_names
from solvers.report.document import Block, Report, _heading, _para, _strip_tex
from solvers.report.notation import FIXED_NOTATION, notation_rows

__all__ = ["level_intro", "notation_block", "abstract_text", "conclusion_blocks", "LEVEL_CLAIMS"]

#: The essay's claim at each level, in its own words, with the works the model follows.
LEVEL_CLAIMS: dict[str, tuple[str, str]] = {
    "individual": ("We'll see that it maybe that, even considering normal levels of altruism, the average person "
                   "might prefer to do Capabilities rather than Alignment work. There is relevant collective "
                   "action dynamic.", r"\citep{olson1965,santos2011}"),
    "organizational": ("leaders like OpenAI and Deepmind, to maintain their lead, must continue spending on "
                       "Capabilities, or they'll be outcompeted by others who prefer to spend only on "
                       "Capabilities.", r"\citep{armstrong2016,han2020}"),
    "geopolitical": ("Competing great powers gain an edge over each other if they push the envelope on "
                     "Capabilities research, but the benefits of Alignment work accrues to the whole world in "
                     "general.", r"\citep{jervis1978}"),
}


#: Strategies that count as doing Alignment work (Safety for labs, Genuine alignment in the washing game);
#: a mixed equilibrium that gives them weight is not "nobody aligns".
_GOOD = ("Alignment", "Safety", "Genuine", "mixed")


def _holding(rep: Report, name: str) -> list[str]:
    rec = rep.data.get("games", {}).get(name, {})
    return [c["label"] for c in rec.get("conditions", []) if c.get("holds_at_values")]


def _ours(rep: Report, used: Sequence[Any]) -> list[Any]:
    by_symbol = {p.symbol: p for p in rep.params.values()}
    return [by_symbol[s] for s in used if s in by_symbol and by_symbol[s].ours]


def level_intro(rep: Report, level: str, used: Sequence[Any], names: Sequence[str]) -> list[Block]:
    """The essay's claim (quoted), what the models find, and which of the symbols used are our assumptions."""
    blocks: list[Block] = []
    if level in LEVEL_CLAIMS:
        quote, cites = LEVEL_CLAIMS[level]
        blocks.append(Block("raw", r"\paragraph{The essay's claim.} \citet{essay2023}: ``" + latex_escape(quote)
                            + "'' The models below follow " + cites + ".",
                            f"**The essay's claim.** \"{quote}\""))
    results = []
    for n in names:
        held = _holding(rep, n)
        if held:
            results.append((n.replace("_", " "), ", ".join(held)))
    if results:
        text = "At the essay's values the equilibria are: " + "; ".join(f"{g}: {h}" for g, h in results) + "."
        blocks.append(Block("raw", r"\paragraph{Result.} " + latex_escape(text), f"**Result.** {text}"))
    ours = _ours(rep, used)
    rep.data.setdefault("levels", {})[level] = {"games": list(names), "ours": [p.name for p in ours]}
    if ours:
        listed = ", ".join(p.description.split(" (")[0] for p in ours)
        tex_listed = ", ".join(f"${rep_symbol(p)}$" for p in ours)
        text = ("These results depend on parameters that are model assumptions, not the essay's numbers: "
                + listed + ".")
        blocks.append(Block("raw", r"\paragraph{What rests on our assumptions.} The value or the range of "
                            + tex_listed + r" is our model assumption, not the essay's number (meanings, values "
                            r"and the essay's words they stand for in Table~\ref{tab:notation}).",
                            f"**What rests on our assumptions.** {text}"))
    return blocks


def rep_symbol(p: Any) -> str:
    """LaTeX of a parameter's symbol."""
    return latex_symbol_names().get(p.symbol, p.latex or latex_escape(p.name))


def notation_block(rep: Report) -> list[Block]:
    """The notation table: every symbol of the report's equations and tables (registry and named quantities)."""
    rows = notation_rows(rep.params, rep.used)
    rep.data["notation"] = rows
    tex = [r"\begingroup\small\setlength{\tabcolsep}{4pt}\setlength{\LTcapwidth}{\linewidth}",
           r"\begin{longtable}{@{}l>{\raggedright\arraybackslash}p{4.1cm}r>{\raggedright\arraybackslash}p{1.7cm}"
           r">{\raggedright\arraybackslash}p{5.3cm}@{}}",
           r"\caption{Notation: every symbol of the report's equations and tables, the value used, its unit, "
           r"and where it comes from (the essay's words, or our model assumption).}\label{tab:notation}\\",
           r"\toprule", r"symbol & meaning & value & unit & source \\", r"\midrule", r"\endfirsthead",
           r"\toprule", r"symbol & meaning & value & unit & source \\", r"\midrule", r"\endhead",
           r"\bottomrule", r"\endfoot"]
    md = ["| symbol | meaning | value | unit | source |", "|---|---|---|---|---|"]
    ours = {p.name for p in rep.params.values() if p.ours}
    groups = (("Named quantities", [r for r in rows if r["source"] == "defined here"]),
              ("The essay's numbers", [r for r in rows if r["source"] != "defined here" and r["name"] not in ours]),
              ("Our model assumptions", [r for r in rows if r["name"] in ours]))
    for g, (title, members) in enumerate(groups):
        if not members:
            continue
        if g:
            tex.append(r"\addlinespace")
        tex.append(r"\multicolumn{5}{@{}l}{\emph{%s}} \\" % title)
        md.append(f"| *{title}* | | | | |")
        for r in members:
            tex.append(f"${r['symbol']}$ & {r['meaning_tex']} & {r['value_tex']} & {latex_escape(r['unit'])} & "
                       f"{r['source_tex']} \\\\")
            md.append(f"| ${r['symbol']}$ | {r['meaning']} | {r['value']} | {r['unit']} | {r['source']} |")
    tex.append(r"\midrule")
    for sym, meaning in FIXED_NOTATION:
        tex.append(f"${sym}$ & \\multicolumn{{4}}{{>{{\\raggedright\\arraybackslash}}p{{12.4cm}}@{{}}}}"
                   f"{{{latex_escape(meaning)}}} \\\\")
        md.append(f"| ${sym}$ | {meaning} | | | |")
    tex += [r"\end{longtable}", r"\endgroup"]
    intro = ("Symbols are the parameter registry's; the named quantities at the top keep long conditions "
             "short. Money is in US dollars; probabilities are written as percentages.")
    return [_heading(1, "Notation", "sec:notation"), _para(intro),
            Block("table", "\n".join(tex), "\n".join(md), "notation_table")]


def abstract_text(rep: Report) -> str:
    """The abstract (LaTeX), from the computed results."""
    gm = rep.data.get("games", {})
    cap = [n for n in gm if any(not any(w in lbl for w in _GOOD) for lbl in _holding(rep, n))]
    audit = rep.data.get("audit", [])
    mism = [c["id"] for c in audit if c.get("status") == "mismatch"]
    be = rep.data.get("break_even", {}).get("career_choice", {})
    alpha = be.get("altruism_weight", {}).get("value")
    mult = be.get("researcher_vsl_multiplier", {}).get("value")
    parts = [
        r"We restate the incentive argument of the essay ``Who Aligns the Alignment Researchers?'' "
        r"\citep{essay2023} as %d games at three levels: researchers, labs and investors, and great powers."
        % len(gm),
    ]
    if audit:
        parts.append(f"Recomputing its {len(audit)} numeric claims exactly, "
                     + (f"{len(mism)} does not match ({latex_escape(', '.join(mism))})." if mism else
                        "all match."))
    parts.append(f"At the essay's values, {len(cap)} of the {len(gm)} games have an equilibrium in which "
                 "nobody does Alignment (or Safety) work.")
    if alpha is not None and mult is not None:
        parts.append("A researcher switches to Alignment once she weighs each of 150 others at "
                     + format_number(alpha, unit="probability", latex=True) + " of her own life, or once her "
                     "own value of a statistical life is " + format_number(mult, latex=True)
                     + r" times the average.")
    parts.append("Every condition is derived in closed form; the symbols, their values and their sources are "
                 r"listed in Table~\ref{tab:notation}, and every parameter that is our assumption rather than "
                 "the essay's is marked there.")
    return " ".join(parts)


def conclusion_blocks(rep: Report) -> list[Block]:
    """The conclusion: the essay's claims against what the games show, and what rests on our assumptions."""
    be = rep.data.get("break_even", {}).get("career_choice", {})
    nstar = rep.data.get("break_even", {}).get("collective_action_n_star", [])
    text = [r"The essay's individual-level claim holds at its own numbers: the career-choice game's only "
            r"equilibrium is Capabilities, and so is the dominant strategy of the collective-action game "
            r"(Section~\ref{sec:individual})."]
    if be.get("altruism_weight"):
        text.append("The margin is not wide: the break-even altruism weight is "
                    + format_number(be["altruism_weight"]["value"], unit="probability", latex=True)
                    + " (the essay's 10\\% of one's own life for 150 others would be more than enough), "
                    "and the break-even multiplier of the researcher's own statistical life is "
                    + format_number(be.get("researcher_vsl_multiplier", {}).get("value"), latex=True) + ".")
    if nstar:
        text.append(f"All-Alignment is better for everyone than all-Capabilities once more than "
                    f"{format_number(nstar[0], latex=True)} researchers are in the game, a collective-action "
                    r"problem in the sense of \citet{olson1965}.")
    text.append(r"At the organizational and geopolitical levels the races are Prisoner's Dilemmas at the essay's "
                r"values \citep{rapoport1966}: each lab and each power does better racing, whatever the others "
                r"do, though all would be better off aligning \citep{armstrong2016,jervis1978}.")
    upper = [n for lv in ("organizational", "geopolitical") for n in rep.data.get("levels", {}).get(lv, {}).get("ours", [])]
    if upper:
        syms = ", ".join(f"${rep_symbol(rep.params[n])}$" for n in upper)
        text.append("Those two levels rest most on our assumptions: the essay gives no numbers for " + syms
                    + r" (Table~\ref{tab:notation} gives the values we chose and the essay's words they stand for). "
                    r"The individual level rests on the essay's own numbers except for the career horizon and "
                    r"salaries' ranges; Section~\ref{sec:uncertainty} shows how its answer moves over them.")
    tex = " ".join(text)
    return [_heading(1, "Conclusion", "sec:conclusion"), Block("para", tex, _strip(tex))]


def _strip(tex: str) -> str:
    return _strip_tex(tex)
