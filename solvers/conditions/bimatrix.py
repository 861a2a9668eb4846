r"""Symbolic support enumeration of two-player games, and the pure equilibria of N-player games."""

from __future__ import annotations

import itertools
from typing import Any

import sympy

from games.core import Game
from solvers.conditions.linear import _Branch, _solve_linear
from solvers.results.conditions import ConditionalEquilibrium
from solvers.symbolic.algebra import _has_denominator, fast_cancel
from solvers.symbolic.relations import _and, relation


def _mixture_symbols(game: Game) -> tuple[tuple[sympy.Symbol, ...], tuple[sympy.Symbol, ...]]:
    taken = {s.name for s in game.free_symbols}
    out = []
    for p in (0, 1):
        syms = []
        for j in range(game.shape[p]):
            name = f"sigma{p + 1}_{j + 1}"
            while name in taken:
                name += "'"
            syms.append(sympy.Symbol(name, real=True))
        out.append(tuple(syms))
    return out[0], out[1]


def _side(M: Any, sup_r: tuple[int, ...], sup_c: tuple[int, ...], mix: tuple[sympy.Symbol, ...],
          value: sympy.Symbol) -> list[_Branch]:
    """Solve: the mixture over sup_c (symbols ``mix``) makes every i in sup_r indifferent, value ``value``.

    ``M[i][j]`` is the payoff of the indifferent player when she plays i and
    the mixing player plays j.
    """
    unknowns = [value] + [mix[j] for j in sup_c]
    rows = [[sympy.Integer(-1)] + [M[i][j] for j in sup_c] + [sympy.Integer(0)] for i in sup_r]
    rows.append([sympy.Integer(0)] + [sympy.Integer(1)] * len(sup_c) + [sympy.Integer(1)])
    return _solve_linear(rows, unknowns)


def _two_player(game: Game) -> tuple[ConditionalEquilibrium, ...]:
    m, k = game.shape
    A = [[game.payoffs[0][i, j] for j in range(k)] for i in range(m)]
    B = [[game.payoffs[1][i, j] for j in range(k)] for i in range(m)]
    BT = [[B[i][j] for i in range(m)] for j in range(k)]
    xs, ys = _mixture_symbols(game)
    v, u = sympy.Dummy("v"), sympy.Dummy("u")
    records: list[ConditionalEquilibrium] = []
    subsets_r = [c for size in range(1, m + 1) for c in itertools.combinations(range(m), size)]
    subsets_c = [c for size in range(1, k + 1) for c in itertools.combinations(range(k), size)]
    for sup_r in subsets_r:
        for sup_c in subsets_c:
            ybranches = _side(A, sup_r, sup_c, ys, v)
            if not ybranches:
                continue
            xbranches = _side(BT, sup_c, sup_r, xs, u)
            for yb in ybranches:
                for xb in xbranches:
                    rec = _combine(game, A, B, sup_r, sup_c, xs, ys, v, u, xb, yb)
                    if rec is not None:
                        records.append(rec)
    order = {"pure": 0, "mixed": 1, "continuum": 2}
    records.sort(key=lambda r: (order[r.kind], len(r.supports[0]) + len(r.supports[1])))
    return tuple(records)


def _compact(e: sympy.Expr) -> sympy.Expr:
    """Common factors pulled out of numerator and denominator (readability)."""
    if not _has_denominator(e):
        return e
    num, den = sympy.fraction(e)
    return sympy.factor_terms(num) / sympy.factor_terms(den)  # type: ignore[no-any-return]


def _tidy(f: sympy.Expr, free: tuple[sympy.Symbol, ...]) -> sympy.Expr:
    """A deviation gain, collected in the free mixture variables (if any)."""
    if free:
        return sympy.collect(sympy.expand(f), free)
    if _has_denominator(f):
        return fast_cancel(f)
    return f


def _combine(game: Game, A: Any, B: Any, sup_r: tuple[int, ...], sup_c: tuple[int, ...],
             xs: tuple[sympy.Symbol, ...], ys: tuple[sympy.Symbol, ...], v: sympy.Symbol, u: sympy.Symbol,
             xb: _Branch, yb: _Branch) -> ConditionalEquilibrium | None:
    m, k = game.shape
    x = [_compact(xb.solution[xs[i]]) if i in sup_r else sympy.Integer(0) for i in range(m)]
    y = [_compact(yb.solution[ys[j]]) if j in sup_c else sympy.Integer(0) for j in range(k)]
    if len(sup_r) == 1 and len(sup_c) == 1:  # a pure profile: its payoffs as the game writes them
        vv, uu = A[sup_r[0]][sup_c[0]], B[sup_r[0]][sup_c[0]]
    else:
        vv, uu = _compact(yb.solution[v]), _compact(xb.solution[u])
    free = tuple(s for s in xb.free + yb.free)
    atoms: list[Any] = list(xb.conds) + list(yb.conds)
    positivity = []
    for i in sup_r:
        if len(sup_r) > 1:
            positivity.append(relation(x[i], ">"))
    for j in sup_c:
        if len(sup_c) > 1:
            positivity.append(relation(y[j], ">"))
    deviations = []
    for i in range(m):
        if i not in sup_r:
            deviations.append(relation(_tidy(vv - sum((A[i][j] * y[j] for j in sup_c), sympy.Integer(0)), free), ">="))
    for j in range(k):
        if j not in sup_c:
            deviations.append(relation(_tidy(uu - sum((B[i][j] * x[i] for i in sup_r), sympy.Integer(0)), free), ">="))
    cond = _and(atoms + positivity + deviations)
    if cond is sympy.false:
        return None
    fs = set(free)
    param_atoms = [a for a in atoms + positivity + deviations if not (a.free_symbols & fs)]
    kind = "continuum" if free else ("pure" if len(sup_r) == len(sup_c) == 1 else "mixed")
    return ConditionalEquilibrium(
        profile=(tuple(x), tuple(y)), condition=cond, supports=(sup_r, sup_c), payoffs=(vv, uu), kind=kind,
        free=free, parameter_condition=_and(param_atoms) if free else cond,
        players=game.players, strategies=game.strategies,
    )


def _pure_only(game: Game) -> tuple[ConditionalEquilibrium, ...]:
    records = []
    for prof in itertools.product(*(range(mm) for mm in game.shape)):
        atoms = []
        for p in range(game.n_players):
            here = game.payoffs[p][prof]
            for alt in range(game.shape[p]):
                if alt != prof[p]:
                    dev = prof[:p] + (alt,) + prof[p + 1:]
                    atoms.append(relation(here - game.payoffs[p][dev], ">="))
        cond = _and(atoms)
        if cond is sympy.false:
            continue
        vecs = tuple(tuple(sympy.Integer(1 if j == s else 0) for j in range(game.shape[p])) for p, s in enumerate(prof))
        records.append(ConditionalEquilibrium(
            profile=vecs, condition=cond, supports=tuple((s,) for s in prof),
            payoffs=tuple(game.payoffs[p][prof] for p in range(game.n_players)), kind="pure",
            parameter_condition=cond, players=game.players, strategies=game.strategies,
        ))
    return tuple(records)

