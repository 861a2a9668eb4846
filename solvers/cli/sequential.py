r"""The command line's verbs for game trees (``extensive``) and repeated games (``repeated``).

:mod:`solvers.cli.families` hands these games here:

* ``solve``: a tree's subgame-perfect equilibria at the scenario's values
  (``--symbolic``: each with its condition on the parameters); a repeated
  game's discount thresholds under grim, minmax and one-period punishments
  (``--symbolic``: the grim-trigger condition in closed form).
* ``breakeven``: :func:`solvers.break_even` through the equilibrium conditions
  (for repeated games the parameter may be ``delta``).
* ``graph``: the tree as a standalone TikZ document (``--out FILE.tex``, or on
  stdout); the folk-theorem region of a repeated game (``.png .pdf .svg``).
* ``describe``: the entry ``aligngames list --json`` prints.
"""

from __future__ import annotations

import argparse
import io
import json
from typing import Any

from games._exact import json_value
from games._io import atomic_write_bytes, atomic_write_text
from games._registry import LibraryEntry
from games.extensive import ExtensiveGame
from games.repeated import RepeatedGame
from solvers.cli.families import parameter_records
from solvers.cli.params import parameters_from_args
from solvers.conditions.derive import equilibrium_conditions
from solvers.conditions.thresholds import break_even
from solvers.errors import CLIError
from solvers.render.latex import to_latex
from solvers.render.tree import plot_folk_region, tree_figure
from solvers.sequential.folk import folk_region
from solvers.sequential.subgame_perfect import subgame_perfect_equilibria
from solvers.sequential.sustain import sustainability

__all__ = ["solve", "breakeven", "graph", "describe"]


def _numeric(args: argparse.Namespace, game: Any) -> Any:
    ps = parameters_from_args(args)
    out = game.subs(ps)
    left = sorted(s.name for s in out.free_symbols if s.name != "delta")
    if left:
        raise CLIError(f"{args.game}: no value for {', '.join(left)}; give --set NAME=VALUE")
    return out


def _text(v: Any) -> Any:
    return json_value(v) if getattr(v, "is_number", False) else str(v)


def solve(args: argparse.Namespace, entry: LibraryEntry, game: Any) -> int:
    """``aligngames solve`` for a tree or a repeated game."""
    if isinstance(game, ExtensiveGame):
        return _solve_tree(args, entry, game)
    if not isinstance(game, RepeatedGame):  # pragma: no cover - the registry gives one of the two
        raise CLIError(f"solve: {args.game} is not a game tree or a repeated game")
    if args.symbolic:
        res = sustainability(game)
        if args.json:
            print(json.dumps({"game": args.game, "profile": list(res.profile), "punishment": "grim",
                              "condition": str(res.condition), "threshold": _text(res.threshold)}, indent=2))
        elif args.latex:
            print(to_latex(res.condition))
        else:
            print(res)
        return 0
    numeric = _numeric(args, game)
    results = [sustainability(numeric), sustainability(numeric, punishment="minmax"),
               sustainability(numeric, punishment="k-period", k=1)]
    if args.json:
        print(json.dumps({"game": args.game, "profile": list(results[0].profile), "thresholds": [
            {"punishment": r.punishment, "k": r.k, "condition": str(r.condition), "threshold": _text(r.threshold)}
            for r in results]}, indent=2))
        return 0
    print(f"{args.game} ({entry.level}): {entry.summary}")
    for r in results:
        print(r)
    return 0


def _solve_tree(args: argparse.Namespace, entry: LibraryEntry, game: ExtensiveGame) -> int:
    if args.symbolic:
        records = equilibrium_conditions(game)
        if args.json:
            print(json.dumps({"game": args.game, "equilibria": [
                {"label": r.label, "kind": r.kind, "behaviour": {h: {a: str(p) for a, p in zip(r.strategies[k], r.profile[k])}
                                                                 for k, h in enumerate(r.players)},
                 "payoffs": [str(v) for v in r.payoffs], "condition": str(r.condition)} for r in records]}, indent=2))
        elif args.latex:
            print(to_latex(records))
        else:
            for r in records:
                print(f"{r.label}\n    if {r.condition}")
        return 0
    spe = subgame_perfect_equilibria(_numeric(args, game))
    if args.json:
        print(json.dumps({"game": args.game, "players": list(game.players), "equilibria": [
            {"behaviour": {h: {a: _text(p) for a, p in probs} for h, probs in e.behaviour},
             "path": list(e.path), "payoffs": [_text(v) for v in e.payoffs]} for e in spe]}, indent=2))
        return 0
    print(f"{args.game} ({entry.level}): {entry.summary}")
    print(f"\n{len(spe)} subgame-perfect equilibri{'um' if len(spe) == 1 else 'a'}:")
    for e in spe:
        print("  " + str(e))
    return 0


def breakeven(args: argparse.Namespace, entry: LibraryEntry, game: Any) -> int:
    """``aligngames breakeven`` for a tree or a repeated game: where its equilibria change."""
    ps = parameters_from_args(args)
    result = break_even(game, args.param, ps)
    if args.json:
        print(json.dumps({"game": args.game, "parameter": args.param, "thresholds": [
            {"value": _text(t.value), "value_exact": str(t.value), "below": [o.label for o in t.below],
             "above": [o.label for o in t.above]} for t in result.thresholds]}, indent=2))
        return 0
    if args.latex:
        print(to_latex(result))
        return 0
    print(result)
    return 0


def graph(args: argparse.Namespace, entry: LibraryEntry, game: Any) -> int:
    """``aligngames graph``: the tree (TikZ) or the folk-theorem region (a figure)."""
    out = args.out
    if isinstance(game, ExtensiveGame):
        numeric = _numeric(args, game)
        spe = subgame_perfect_equilibria(numeric)
        tex = tree_figure(numeric, spe[0] if spe else None, standalone=True)
        if out is None:
            print(tex)
        elif str(out).endswith(".tex"):
            atomic_write_text(out, tex)
            print(f"wrote {out}")
        else:
            raise CLIError(f"graph: a game tree is written as .tex (TikZ), not {out!r}")
        return 0
    region = folk_region(_numeric(args, game))
    if out is None:
        print(region)
        return 0
    suffix = str(out).rsplit(".", 1)[-1]
    if suffix not in ("png", "pdf", "svg"):
        raise CLIError(f"graph: the folk-theorem region is written as .png, .pdf or .svg, not {out!r}")
    import matplotlib

    matplotlib.use("Agg")
    ax = plot_folk_region(region)
    buf = io.BytesIO()
    ax.figure.savefig(buf, format=suffix, bbox_inches="tight", dpi=150)
    atomic_write_bytes(out, buf.getvalue())
    print(f"wrote {out}")
    return 0


def describe(entry: LibraryEntry, game: Any) -> dict[str, Any]:
    """The dict ``aligngames list --json`` prints for one tree or repeated game."""
    params = parameter_records(game)
    if isinstance(game, ExtensiveGame):
        form = "extensive (game tree)"
        strategies = [list(s) for s in game.to_normal_form().strategies]
    else:
        form = "repeated (infinitely, discounted)"
        strategies = [list(s) for s in game.stage.strategies]
    return {"name": entry.name, "level": entry.level, "summary": entry.summary, "form": form,
            "players": list(game.players), "strategies": strategies, "parameters": params}
