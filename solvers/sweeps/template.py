r"""The symbolic stage of a sweep: a game and a parameter set become a :class:`~solvers.sweeps.model.SweepTemplate`.

:func:`build_template` derives the game's closed-form equilibrium records
(:func:`solvers.conditions.derive.equilibrium_conditions`), rewrites strict
inequalities without divisions, adds the payoff gap and any requested
quantity, and compiles all of them with :func:`solvers.sweeps.program.compile_program`
into numpy programs over the game's parameters in name order.  The template
also records each parameter's kind, value and range, so that
:func:`solvers.sweeps.run.run_template` -- the numeric stage -- needs neither the
game nor sympy.  This module is the only part of a sweep that imports
sympy; the ``aligngames sweep`` command caches its result on disk
(:mod:`solvers.sweeps.cache`).

Examples
--------
>>> t = build_template("great_power_race")
>>> t.names[:3], t.model.labels[0]
(('alignment_synergy', 'alignment_world_benefit', 'capabilities_edge'), '(Alignment, Alignment)')
>>> t.values["capabilities_edge"], t.kinds["race_risk_one"]
(3000000000000.0, 'probability')
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any, cast

import numpy as np
import sympy

from games._registry import build
from games.core import Game
from games.errors import SizeLimitError, UnknownNameError
from games.essay import parameters
from games.extensive import ExtensiveGame
from games.parameters import ParameterSet
from games.repeated import RepeatedGame
from games.symmetric import SymmetricGame
from solvers.conditions.derive import equilibrium_conditions
from solvers.equilibria.nash import nash_equilibria
from solvers.equilibria.symmetric import symmetric_equilibria
from solvers.errors import SweepError
from solvers.sweeps.model import MAX_RECORDS, SweepModel, SweepTemplate, _unique_labels
from solvers.sweeps.program import compile_program

__all__ = ["build_template", "solve_labels", "gap_expr", "game_from", "game_parameters", "default_parameters"]


def build_template(game: Game | SymmetricGame | str, params: ParameterSet | None = None, *,
                   quantities: Mapping[str, sympy.Expr] | None = None,
                   method: str = "conditions", game_name: str | None = None) -> SweepTemplate:
    """The template of a sweep of ``game`` under ``params``: compiled closed forms and parameter data.

    Parameters
    ----------
    game : Game, SymmetricGame or str
        A symbolic game or a library name.
    params : ParameterSet, optional
        Default :func:`games.essay.parameters`.
    quantities : mapping of str to sympy expression, optional
        Extra per-point quantities (``"gap"`` is always included).
    method : {"conditions", "solve"}
        ``"solve"`` compiles only the quantities (the regimes come from a
        numeric solver per point) and keeps the game and the exact values.
    game_name : str, optional
        The name the result reports (default: the library name, or the game's own).

    Raises
    ------
    SweepError, UnknownNameError, SizeLimitError
        A bad game, parameter set or quantity; more than
        :data:`solvers.sweeps.model.MAX_RECORDS` equilibrium records.
    """
    g, own_name = game_from(game)
    game_name = game_name or own_name
    ps = default_parameters() if params is None else params
    if not isinstance(ps, ParameterSet):
        raise SweepError(f"sweep: params must be a ParameterSet, got {type(ps).__name__}")
    game_syms = game_parameters(g, ps, game_name)
    symbols = tuple(game_syms.values())
    q_names = ["gap"]
    q_exprs = [gap_expr(g)]
    for qn, qe in (quantities or {}).items():
        if not isinstance(qn, str) or qn in q_names or qn in game_syms:
            raise SweepError(f"sweep: quantity name {qn!r} not allowed (allowed: a new name, not 'gap' "
                             "or a parameter)")
        if not isinstance(qe, sympy.Expr):
            raise SweepError(f"sweep: quantity {qn!r} must be a sympy expression built from the game's "
                             f"symbols, got {type(qe).__name__} (strings are never evaluated)")
        extra = sorted(s.name for s in qe.free_symbols if s not in set(symbols))
        if extra:
            raise UnknownNameError(f"sweep: quantity {qn!r} uses {', '.join(extra)}, not parameters of "
                                   f"{game_name} (allowed: {', '.join(game_syms)})")
        q_names.append(qn)
        q_exprs.append(qe)
    if method == "conditions":
        model = _conditions_model(g, symbols, tuple(q_exprs))
    else:
        model = SweepModel(labels=(), layout=(), regimes=compile_program(symbols, ()),
                           everything=compile_program(symbols, q_exprs), n_quantities=len(q_exprs), complete=True)
    names = tuple(game_syms)

    def num(x: Any) -> float | None:
        return None if x is None else float(x)

    def dist(n: str) -> dict[str, Any] | None:
        d = ps[n].distribution
        if d is None:
            return None
        return {"family": d.family, "low": float(d.low), "high": float(d.high),
                "mode": None if d.mode is None else float(d.mode), "provenance": d.provenance}

    return SweepTemplate(
        game=game_name, names=names, kinds={n: ps[n].kind for n in names},
        values={n: float(ps[n].value) for n in names}, lows={n: num(ps[n].low) for n in names},
        highs={n: num(ps[n].high) for n in names}, all_names=tuple(p.name for p in ps.parameters),
        scenario=ps.name, model=model, quantity_names=tuple(q_names),
        distributions={n: d for n in names if (d := dist(n)) is not None},
        game_object=g if method == "solve" else None,
        label_points=solve_labels if method == "solve" else None,
        exact_values={n: ps[n].value for n in names} if method == "solve" else None,
    )


def default_parameters() -> ParameterSet:
    """The default parameter set: :func:`games.essay.parameters` (scenario ``"phd"``)."""
    return parameters()


def game_from(game: Any) -> tuple[Game | SymmetricGame, str]:
    if isinstance(game, str):
        g = build(game)
        if isinstance(g, (ExtensiveGame, RepeatedGame)):  # trees and repeated games: through their conditions
            return cast(Any, g), game
        if not isinstance(g, (Game, SymmetricGame)):  # a Bayesian, signalling or continuous game
            raise SweepError(f"sweep: {game!r} is a {type(g).__name__}; sweeps take strategic-form games, game "
                             f"trees and repeated games (`aligngames list` gives each game's form)")
        return g, game
    if isinstance(game, (Game, SymmetricGame)):
        return game, game.name or "game"
    if isinstance(game, (ExtensiveGame, RepeatedGame)):  # trees and repeated games: through their conditions
        return cast(Any, game), game.name or "game"
    raise SweepError(f"sweep: game must be a Game, a SymmetricGame or a library name, got {type(game).__name__}")


def game_parameters(game: Game | SymmetricGame, params: ParameterSet, name: str) -> dict[str, sympy.Symbol]:
    syms = {s.name: s for s in game.free_symbols}
    missing = sorted(n for n in syms if n not in params)
    if missing:
        raise UnknownNameError(f"sweep: {name} has parameters with no value in the parameter set: "
                               f"{', '.join(missing)}")
    return dict(sorted(syms.items()))


def gap_expr(game: Game | SymmetricGame) -> sympy.Expr:
    """Player 1's payoff from her first strategy minus her second, everyone else on their first."""
    if isinstance(game, (ExtensiveGame, RepeatedGame)):  # no strategy pair to compare in a tree or repeated game
        return sympy.Integer(0)
    if isinstance(game, SymmetricGame):
        n = game.n_players
        p1, p2 = game.payoff_exprs
        return sympy.piecewise_fold(p1.subs(game.count, n - 1) - p2.subs(game.count, n - 1))
    if game.shape[0] < 2:
        return sympy.Integer(0)
    first = (0,) * game.n_players
    second = (1,) + (0,) * (game.n_players - 1)
    return game.payoffs[0][first] - game.payoffs[0][second]  # type: ignore[no-any-return]


def _without_division(cond: Any) -> Any:
    """``cond`` with every strict inequality ``n/d > 0`` written ``n*d > 0`` (no division to evaluate).

    Equivalent for d != 0, and at d = 0 both are false (a relation with an
    undefined side is false, as in :func:`solvers.symbolic.relations.evaluate_condition`).
    Non-strict inequalities and denominators with ``Piecewise`` are left alone.
    """
    if isinstance(cond, (sympy.And, sympy.Or, sympy.Not)):
        return cond.func(*(_without_division(a) for a in cond.args))
    if isinstance(cond, (sympy.StrictGreaterThan, sympy.StrictLessThan)):
        f = cond.gts - cond.lts  # type: ignore[attr-defined]
        if not any(p.exp.is_negative for p in f.atoms(sympy.Pow)):
            return cond
        num, den = sympy.fraction(sympy.together(f))
        if den == 1 or den.has(sympy.Piecewise) or num.has(sympy.Piecewise):
            return cond
        return sympy.StrictGreaterThan(num * den, 0)
    return cond


def _linear_atoms(rec: Any) -> tuple[list[tuple[sympy.Expr, sympy.Expr, bool]], bool]:
    """The atoms of a one-free-variable continuum as ``(a, b, strict)`` with ``a + b*s (>|>=) 0``.

    Returns ``(atoms, exact)``; ``exact`` is False when an atom is not linear
    in the free variable or not an inequality (then only the parameter part
    is checked).
    """
    (s,) = rec.free
    atoms = sympy.And.make_args(rec.condition)
    out: list[tuple[sympy.Expr, sympy.Expr, bool]] = []
    exact = True
    for atom in atoms:
        fs = atom.free_symbols
        if s not in fs or fs <= {s}:
            continue  # parameter part, or the bounds 0 < s < 1
        if not isinstance(atom, (sympy.GreaterThan, sympy.StrictGreaterThan, sympy.LessThan, sympy.StrictLessThan)):
            exact = False
            continue
        f = sympy.expand(atom.gts - atom.lts)  # type: ignore[attr-defined]
        if sympy.degree(f, s) > 1:
            exact = False
            continue
        b = f.coeff(s, 1)
        a = f.coeff(s, 0)
        out.append((a, b, isinstance(atom, (sympy.StrictGreaterThan, sympy.StrictLessThan))))
    return out, exact


def _conditions_model(game: Game | SymmetricGame, symbols: tuple[sympy.Symbol, ...],
                      quantity_exprs: tuple[sympy.Expr, ...]) -> SweepModel:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        records = equilibrium_conditions(game)
    incomplete = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    if len(records) > MAX_RECORDS:
        raise SizeLimitError(f"sweep: {game.name or 'the game'} has {len(records)} equilibrium records "
                             f"(allowed: at most {MAX_RECORDS})")
    exprs: list[Any] = []
    layout: list[tuple[Any, ...]] = []
    for rec in records:
        if rec.kind == "continuum" and len(rec.free) == 1:
            atoms, _exact = _linear_atoms(rec)
            layout.append(("continuum", len(exprs),
                           compile_program(symbols, [e for a, b, _ in atoms for e in (a, b)]),
                           tuple(strict for _, _, strict in atoms)))
            exprs.append(_without_division(rec.parameter_condition))
        else:
            cond = rec.parameter_condition if rec.kind == "continuum" else rec.condition
            layout.append(("plain", len(exprs)))
            exprs.append(_without_division(cond))
    return SweepModel(labels=_unique_labels([r.label for r in records]), layout=tuple(layout),
                      regimes=compile_program(symbols, exprs),
                      everything=compile_program(symbols, [*exprs, *quantity_exprs]),
                      n_quantities=len(quantity_exprs), complete=not incomplete,
                      note=incomplete[0] if incomplete else "")


def solve_labels(template: SweepTemplate, cols: Mapping[str, np.ndarray], n: int) -> list[tuple[str, ...]]:
    game = template.game_object
    exact_fixed = {k: v for k, v in (template.exact_values or {}).items() if k not in cols}
    out: list[tuple[str, ...]] = []
    for i in range(n):
        values = dict(exact_fixed)
        for name, arr in cols.items():
            values[name] = sympy.Rational(float(arr[i]))
        g = game.subs(values)
        labels: list[str] = []
        if isinstance(g, SymmetricGame):
            strat = g.strategies or ("first", "second")
            for e in symmetric_equilibria(g):
                if e.kind == "continuum":
                    labels.append(f"continuum ({{{strat[0]}, {strat[1]}}})")
                elif e.p == 1:
                    labels.append(f"({strat[0]})")
                elif e.p == 0:
                    labels.append(f"({strat[1]})")
                else:
                    labels.append(f"mixed ({{{strat[0]}, {strat[1]}}})")
        else:
            for e in nash_equilibria(g):
                names = []
                for p, sup in enumerate(e.support):
                    st = g.strategies[p]
                    names.append(st[sup[0]] if len(sup) == 1 else "{" + ", ".join(st[j] for j in sup) + "}")
                body = ", ".join(names)
                labels.append(f"({body})" if all(len(s) == 1 for s in e.support) else f"mixed ({body})")
        out.append(tuple(_unique_labels(labels)))
    return out

