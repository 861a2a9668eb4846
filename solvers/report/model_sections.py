r"""The report's first sections: the essay's arithmetic audited, and every library game with its equilibria and conditions."""

from __future__ import annotations

import itertools
import re
import time
import warnings
from collections.abc import Callable
from typing import Any

import sympy

import games
from games._text import format_number, latex_escape, latex_text
from games.core import Game
from games.errors import AligngamesError
from games.parameters import ParameterSet, latex_symbol_names
from solvers.conditions.derive import equilibrium_conditions
from solvers.conditions.game_types import classify
from solvers.equilibria.summary import equilibria_summary
from solvers.render.latex import latex_expr
from solvers.render.linebreak import TEXT_WIDTH_PT, condition_lines, expression_lines, tex_width
from solvers.report.document import (
    Block,
    Report,
    _align,
    _heading,
    _md_cell,
    _para,
    _sym_latex,
)
from solvers.report.essay_sections import audit_blocks
from solvers.report.notation import intermediate_names, shorten, tidy_relation
from solvers.report.paper import level_intro

_LEVEL_TITLES = {
    "individual": "Individual level: researchers",
    "organizational": "Organizational level: labs and investors",
    "geopolitical": "Geopolitical level: great powers",
    "intervention": "Interventions",
    "example": "Examples",
}


def _section_audit(rep: Report) -> None:
    """The essay's claims with their statuses and readings (:func:`solvers.report.essay_sections.audit_blocks`)."""
    audit_blocks(rep)


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
    title = str(getattr(game, "name", "") or name.replace("_", " ").capitalize())
    rep.blocks.append(_heading(2, title, label))
    rep.blocks.append(_para(_describe(entry.builder)))
    record: dict[str, Any] = {"level": entry.level, "free_parameters": sorted(s.name for s in game.free_symbols)}
    shown_game = _closed_form_game(entry.builder, game)
    if shown_game is not game:
        rep.blocks.append(_para("Shown without the clamp that keeps P(doom) between 0 and 1 (the model keeps "
                                "it; at the essay's values it never binds)."))
    rep.blocks.append(payoff_block(rep, shown_game, name))
    if not isinstance(shown_game, Game):
        n = game.n_players
        if n.is_number:
            rep.blocks.append(_para(f"Number of players: {format_number(n)}."))
        else:
            rep.use(n)
            rep.blocks.append(_para(f"Number of players: {n} = {format_number(n.xreplace(rep.params.substitutions()))}.",
                                    f"Number of players: ${_sym_latex(n)} = "
                                    f"{format_number(n.xreplace(rep.params.substitutions()), latex=True)}$."))
    lines, recs = equilibria_summary(numeric)
    record["equilibria"] = recs
    intro = f"Equilibria at the essay's values ({len(lines)}):"
    lines = [_money_line(line) for line in lines]
    items = "\n".join(r"\item " + latex_escape(line) for line in lines) or r"\item none"
    rep.blocks.append(Block("raw", latex_escape(intro) + "\n\\begin{itemize}\n" + items + "\n\\end{itemize}",
                            intro + "\n\n" + "\n".join(f"- {line}" for line in lines)))
    _conditions_blocks(rep, name, shown_game, record)
    rep.data.setdefault("games", {})[name] = record
    rep.timings[f"game:{name}"] = time.perf_counter() - t0


_NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?(?:e[+-]?\d+)?")
_FRACTION = re.compile(r"(?<![\d.])(\d+)/(\d+)(?![\d.])")


def _money_line(line: str) -> str:
    """An equilibrium line as a reader wants it: payoffs in dollars (``payoffs 615000, 0`` as
    ``payoffs $615,000, $0``), exact probabilities with their decimal value (``61/400 ≈ 0.1525``).

    Examples
    --------
    >>> _money_line("Researcher: 4/5 Genuine; Funder: 61/400 Trust  (payoffs 691250, -20000)")
    'Researcher: 4/5 ≈ 0.8 Genuine; Funder: 61/400 ≈ 0.1525 Trust  (payoffs $691,250, -$20,000)'
    """
    head, sep, tail = line.partition("payoff")
    head = _FRACTION.sub(lambda m: format_number(sympy.Rational(int(m.group(1)), int(m.group(2))), exact="both"),
                         head)
    if not sep:
        return head

    def money(m: re.Match[str]) -> str:
        return format_number(float(m.group(0).replace(",", "")), unit="USD")

    return head + sep + _NUMBER.sub(money, tail)


def _closed_form_game(builder: Callable[..., Any], game: Any) -> Any:
    """The game whose conditions are typeset: without the [0, 1] clamp of P(doom) where the
    builder has one (the clamp only matters far outside the essay's values, and its
    Piecewise makes the formulas unreadable)."""
    import inspect

    if "clamp" in inspect.signature(builder).parameters:
        return builder(clamp=False)
    return game


def payoff_block(rep: Report, game: Any, name: str) -> Block:
    """The payoffs, symbolic, with the named quantities put in: a bimatrix table when it fits the text width,
    else one row per profile and player; a symmetric n-player game as one line per strategy."""
    names = intermediate_names()
    slug = name.replace("_", "-")
    if not isinstance(game, Game):
        lines: list[tuple[str, bool]] = []
        for strat, expr in game.payoffs:
            short = shorten(expr, rep.params)
            rep.use(short)
            parts = expression_lines(short, names, TEXT_WIDTH_PT - 90)
            lines.append((r"\pi_{%s}(j) &= %s" % (latex_text(strat), parts[0]), not lines))
            lines += [(r"&\qquad " + part, False) for part in parts[1:]]
        return _align(lines, f"eq:{slug}-payoffs", f"{name}_payoffs")
    cells: dict[tuple[int, ...], list[str]] = {}
    for idx in itertools.product(*(range(len(s)) for s in game.strategies)):
        exprs = [shorten(arr[idx], rep.params) for arr in game.payoffs]
        rep.use(*exprs)
        cells[idx] = ["$" + latex_expr(e, names, inline=True) + "$" for e in exprs]
    caption = (f"{latex_escape(str(getattr(game, 'name', '') or name.replace('_', ' ')))}: payoffs "
               f"(symbolic; notation in Table~\\ref{{tab:notation}}).")
    if game.n_players == 2:
        cols = len(game.strategies[1])
        widest = max(sum(tex_width(c.strip("$")) + 20 for c in cells[(r, c)]) for r, c in cells)
        if (widest + 12) * cols + 70 <= TEXT_WIDTH_PT:
            head = [r"\begin{table}[htbp]", r"\centering", r"\begin{tabular}{l%s}" % ("c" * cols), r"\toprule",
                    r" & \multicolumn{%d}{c}{%s} \\" % (cols, latex_escape(game.players[1])),
                    r"\cmidrule(l){2-%d}" % (cols + 1),
                    latex_escape(game.players[0]) + " & " + " & ".join(latex_escape(s) for s in game.strategies[1])
                    + r" \\", r"\midrule"]
            body = [latex_escape(rn) + " & " + " & ".join(", ".join(cells[(r, c)]) for c in range(cols)) + r" \\"
                    for r, rn in enumerate(game.strategies[0])]
            tex = "\n".join(head + body + [r"\bottomrule", r"\end{tabular}",
                                           r"\caption{%s}\label{tab:%s}" % (caption, slug), r"\end{table}"])
            return Block("table", tex, _game_markdown(game), f"{name}_payoffs")
    # too wide for a bimatrix: transposed, one row per profile, one column per player's payoff
    rows = []
    for idx, exprs in cells.items():
        prof = ", ".join(game.strategies[p][i] for p, i in enumerate(idx))
        for p, cell in enumerate(exprs):
            rows.append(("(" + latex_escape(prof) + ")" if p == 0 else "") + " & " + latex_escape(game.players[p])
                        + " & " + cell + r" \\")
        rows.append(r"\addlinespace")
    tex = "\n".join([r"\begin{table}[htbp]", r"\centering", r"\begin{tabular}{llc}", r"\toprule",
                     r"profile & player & payoff \\", r"\midrule", *rows[:-1], r"\bottomrule", r"\end{tabular}",
                     r"\caption{%s}\label{tab:%s}" % (caption, slug), r"\end{table}"])
    return Block("table", tex, _game_markdown(game), f"{name}_payoffs")


def _conditions_blocks(rep: Report, name: str, game: Game | Any, record: dict[str, Any]) -> None:
    """Closed-form equilibrium conditions (and the game type of symmetric 2x2 games)."""
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "mixed equilibria not derived" is said in the text
        records = equilibrium_conditions(game)
    rep.timings[f"conditions:{name}"] = time.perf_counter() - t0
    holding = [r for r in records if _holds(r, rep.params)]
    pure = [r for r in records if r.kind == "pure"]
    shown = (pure + [r for r in holding if r.kind == "mixed"])[:_MAX_RECORDS]
    record["conditions"] = [
        {"label": r.label, "kind": r.kind, "condition": str(r.condition), "holds_at_values": r in holding}
        for r in records
    ]
    names = intermediate_names()
    lines: list[tuple[str, bool]] = []
    for r in shown:
        atoms = list(r.condition.args) if isinstance(r.condition, sympy.And) else [r.condition]
        tidy = [tidy_relation(a, rep.params) for a in atoms]
        rep.use(*tidy)
        lines.append((r"&" + latex_text(r.label) + (r"\ \text{is an equilibrium if}" if tidy else ""), True))
        for j, vec in enumerate(r.profile):
            for k in r.supports[j] if len(r.supports[j]) > 1 else ():
                v = shorten(vec[k], rep.params)
                rep.use(v)
                lines.append((r"&\qquad \sigma_{%s}(%s) = %s" % (latex_text(r.players[j]),
                              latex_text(r.strategies[j][k]), latex_expr(v, names)), False))
        lines += [(r"&\qquad " + ln, False) for ln in condition_lines(tidy, names, TEXT_WIDTH_PT - 40)]
    if any(tex_width(ln) > TEXT_WIDTH_PT for ln, _ in lines):
        lines = []
        rep.blocks.append(_para("The closed-form conditions of this game are too long to typeset usefully; "
                                "report.json lists them."))
    if lines:
        n_cont = sum(1 for r in records if r.kind == "continuum")
        intro = (f"Closed-form equilibrium conditions: {len(records)} equilibrium records"
                 + (f" ({n_cont} of them continua on degenerate boundaries)" if n_cont else "")
                 + f"; {len(shown)} shown. At the essay's values these hold: "
                 + (", ".join(r.label for r in holding) or "none") + ".")
        rep.blocks.append(_para(intro))
        rep.blocks.append(_align(lines, f"eq:{name.replace('_', '-')}-conditions", f"{name}_conditions"))
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
    entries = games.library_entries(family="normal-form")
    for level in ("individual", "organizational", "geopolitical", "example"):
        names = [n for n, e in entries.items() if e.level == level]
        if not names:
            continue
        rep.blocks.append(_heading(1, _LEVEL_TITLES[level], f"sec:{level}"))
        before = len(rep.used)
        claim_at = len(rep.blocks)
        for name in names:
            try:
                _game_blocks(rep, name, entries[name])
            except AligngamesError as exc:
                rep.errors.append(f"{name}: {exc}")
                rep.blocks.append(_para(f"{name}: not analysed ({exc})."))
        rep.blocks[claim_at:claim_at] = level_intro(rep, level, rep.used[before:], names)
