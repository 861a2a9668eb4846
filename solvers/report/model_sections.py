r"""The report's first sections: the essay's arithmetic audited, and every library game with its equilibria and conditions."""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Callable
from typing import Any

import sympy

import games
from games._text import format_number, latex_escape
from games.core import Game
from games.errors import AligngamesError
from games.parameters import ParameterSet, latex_symbol_names
from solvers.conditions.derive import equilibrium_conditions
from solvers.conditions.game_types import classify
from solvers.equilibria.summary import equilibria_summary
from solvers.render.latex import to_latex
from solvers.report.document import (
    Block,
    Report,
    _heading,
    _math,
    _md_cell,
    _para,
    _sym_latex,
    _wide,
)
from solvers.report.essay_sections import audit_blocks

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
        n_md = format_number(n) if n.is_number else f"${_sym_latex(n)}$"
        n_tex = format_number(n, latex=True) if n.is_number else f"${_sym_latex(n)}$"
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
    entries = games.library_entries(family="normal-form")
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

