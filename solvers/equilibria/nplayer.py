r"""Mixed equilibria of small N-player games by support enumeration with exact polynomial solving.

For every support profile :math:`(S_1, \dots, S_N)` (a non-empty set of
strategies per player, not all singletons) the equilibria with exactly these
supports solve the indifference system

.. math::

    u_i(s, \sigma_{-i}) = u_i(s_i^0, \sigma_{-i}) \quad (s \in S_i,\ |S_i| \ge 2),
    \qquad \sum_{s \in S_i} \sigma_i(s) = 1,

which is multilinear in the other players' probabilities.  Each system is
first solved through a lexicographic Groebner basis in shape position with
exact real root isolation (:mod:`solvers.equilibria.polysolve`): every real
solution is exact (``Rational`` or an algebraic number, ``CRootOf``), and the
equilibrium conditions -- probabilities strictly positive on the support, no
strategy outside a support earning more -- are decided exactly at it.  Pure
equilibria come from :func:`solvers.equilibria.pure.pure_nash_equilibria`.

Supports whose system has a continuum of solutions are solved
parametrically (sympy) and reported as components
(:class:`~solvers.results.concepts.SupportComponent`: the equations, the
inequalities and an exact witness equilibrium) instead of being skipped.  With
one free unknown the admissible set is found exactly (``solveset`` on
rational functions of one variable): empty, isolated points (returned as
equilibria), or intervals (a component).  With two, the plane is cut into the
cells of a cylindrical decomposition (Collins' projection: leading
coefficients, discriminants and resultants) and each cell is sampled and
decided exactly, so 2x2x2 and 2x2x2x2 games are decided completely.  With
three or more, rational sample points are tried; a continuum none of them
meets counts as undecided and makes ``complete`` False.  The number of
support profiles grows like :math:`\prod_i (2^{m_i} - 1)`, so the method is
refused above :data:`MAX_SUPPORT_PROFILES`.

References
----------
R. D. McKelvey, A. McLennan, "Computation of equilibria in finite games",
Handbook of Computational Economics vol. 1 (1996), Section 6 (support
enumeration and polynomial systems); Gambit's ``enumpoly``.
G. E. Collins, "Quantifier elimination for real closed fields by cylindrical
algebraic decomposition", LNCS 33 (1975) 134-183 (the projection).

Examples
--------
>>> import numpy as np
>>> from games import Game
>>> # three players; each is paid 1 for matching the next player (cyclically), else 0
>>> u = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
>>> for s in np.ndindex(2, 2, 2):
...     for i in range(3):
...         u[i][s] = int(s[i] == s[(i + 1) % 3])
>>> res = nplayer_support_enumeration(Game.from_payoff_arrays(u))
>>> [e.profile for e in res if not e.is_pure]
[((1/2, 1/2), (1/2, 1/2), (1/2, 1/2))]
"""

from __future__ import annotations

import itertools
import math
from typing import Any, cast

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError, SizeLimitError, SymbolicError
from solvers.equilibria.polysolve import NOT_ZERO_DIMENSIONAL, real_solutions
from solvers.equilibria.pure import pure_nash_equilibria
from solvers.results.concepts import SupportComponent
from solvers.results.equilibria import Equilibria, Equilibrium
from solvers.symbolic.relations import sign_of

__all__ = ["nplayer_support_enumeration", "MAX_SUPPORT_PROFILES"]


#: Games with more support profiles than this are refused (the count is prod_i (2**m_i - 1)).
MAX_SUPPORT_PROFILES = 400


def _subsets(m: int) -> list[tuple[int, ...]]:
    return [c for k in range(1, m + 1) for c in itertools.combinations(range(m), k)]




def _payoff_vector(u: Any, i: int, prof: list[list[Any]], shape: tuple[int, ...]) -> list[Any]:
    """Player i's expected payoff from each pure strategy against the others' mixed strategies (exact)."""
    n = len(shape)
    out = []
    others = [j for j in range(n) if j != i]
    for s in range(shape[i]):
        total = sympy.Integer(0)
        for rest in itertools.product(*(range(shape[j]) for j in others)):
            w = sympy.Integer(1)
            for j, t in zip(others, rest):
                w = w * prof[j][t]
                if w == 0:
                    break
            if w == 0:
                continue
            idx = list(rest)
            idx.insert(i, s)
            total += w * u[tuple(idx)]
        out.append(total)
    return out


def _support_unknowns(supports: tuple[tuple[int, ...], ...], shape: tuple[int, ...]
                      ) -> tuple[list[list[Any]], list[sympy.Symbol]]:
    prof: list[list[Any]] = []
    unknowns: list[sympy.Symbol] = []
    for i, S in enumerate(supports):
        vec: list[Any] = [sympy.Integer(0)] * shape[i]
        if len(S) == 1:
            vec[S[0]] = sympy.Integer(1)
        else:
            syms = [sympy.Symbol(f"p_{i}_{s}") for s in S[:-1]]
            unknowns += syms
            for s, v in zip(S[:-1], syms):
                vec[s] = v
            vec[S[-1]] = 1 - sum(syms)
        prof.append(vec)
    return prof, unknowns


def _conditions(arrays: list[Any], supports: tuple[tuple[int, ...], ...], point: list[list[Any]],
                shape: tuple[int, ...]) -> tuple[list[Any], list[Any], list[Any]]:
    """(positive on the supports, the gains best - outside strategy (each >= 0), each player's payoff)."""
    pos = [point[i][s] for i, S in enumerate(supports) for s in S if len(S) > 1]
    gains, pays = [], []
    for i, S in enumerate(supports):
        vals = _payoff_vector(arrays[i], i, point, shape)
        best = vals[S[0]]
        gains += [best - vals[s] for s in range(shape[i]) if s not in S]
        pays.append(best)
    return pos, gains, pays


def _equilibrium(game: Game, point: list[list[Any]], pays: list[Any]) -> Equilibrium:
    return Equilibrium(tuple(tuple(sympy.simplify(x) for x in vec) for vec in point),
                       tuple(sympy.simplify(v) for v in pays), game.players, game.strategies, exact=True)


def _check_point(pos: list[Any], gains: list[Any]) -> bool:
    where = "nplayer_support_enumeration"
    if any(not x.is_real for x in pos + gains if not x.free_symbols):
        return False
    return (all(sign_of(x, numeric=True, where=where) > 0 for x in pos)
            and all(sign_of(g, numeric=True, where=where) >= 0 for g in gains))


def _interval_witnesses(pos: list[Any], gains: list[Any], t: sympy.Symbol) -> tuple[list[Any], bool, bool] | None:
    """Values of the one free unknown ``t`` where every condition holds: (points, has an interval, decided).

    The conditions are rational functions of ``t`` with exact coefficients; their solution set is found
    exactly by ``solveset``.  Returns None when it cannot be decided.
    """
    region: Any = sympy.S.Reals
    try:
        for e in pos:
            num, den = sympy.fraction(sympy.cancel(sympy.together(e)))
            region = region.intersect(sympy.solveset(num * den > 0, t, sympy.S.Reals))
        for g in gains:
            num, den = sympy.fraction(sympy.cancel(sympy.together(g)))
            region = region.intersect(sympy.solveset(num * den >= 0, t, sympy.S.Reals))
            region = region.intersect(sympy.solveset(sympy.Ne(den, 0), t, sympy.S.Reals))
    except (NotImplementedError, ValueError, TypeError):
        return None
    if isinstance(region, sympy.ConditionSet) or region.has(sympy.ConditionSet):
        return None
    if region is sympy.S.EmptySet:
        return [], False, True
    pieces = region.args if isinstance(region, sympy.Union) else (region,)
    points: list[Any] = []
    interval = False
    for piece in pieces:
        if isinstance(piece, sympy.FiniteSet):
            points += list(piece)
        elif isinstance(piece, sympy.Interval) and piece.measure > 0:
            lo = piece.start if piece.start.is_finite else piece.end - 1
            hi = piece.end if piece.end.is_finite else lo + 2
            mid = sympy.nsimplify((lo + hi) / 2, rational=True) if not ((lo + hi) / 2).is_Rational else (lo + hi) / 2
            if not piece.contains(mid):
                mid = sympy.Rational(sympy.floor(((lo + hi) / 2) * 10**9), 10**9)
            points.append(mid)
            interval = True
        else:
            return None
    return points, interval, True


#: Values tried for the extra free unknowns of a continuum of dimension two or more.
_GRID = (sympy.Rational(1, 2), sympy.Rational(1, 3), sympy.Rational(2, 3), sympy.Rational(1, 5), sympy.Rational(4, 5))


def _continuum(arrays: list[Any], supports: tuple[tuple[int, ...], ...], prof: list[list[Any]],
               unknowns: list[sympy.Symbol], sol: dict[Any, Any], shape: tuple[int, ...]
               ) -> tuple[list[list[list[Any]]], list[Any] | None, bool]:
    """A positive-dimensional solution ``sol`` of a support's equations.

    Returns (isolated equilibrium points found in it, a witness point of a continuum or None, decided).
    """
    free = sorted({u for u in unknowns if u not in sol} | {s for v in sol.values() for s in v.free_symbols},
                  key=lambda s: s.name)
    param = [[sympy.cancel(x.subs(sol)) for x in vec] for vec in prof]
    t, rest = free[0], free[1:]
    isolated: list[list[list[Any]]] = []
    for values in itertools.product(_GRID, repeat=len(rest)):
        sub = dict(zip(rest, values))
        point = [[sympy.cancel(x.subs(sub)) for x in vec] for vec in param]
        pos, gains, _ = _conditions(arrays, supports, point, shape)
        got = _interval_witnesses(pos, gains, t)
        if got is None:
            continue
        points, interval, decided = got
        if not rest and decided and not interval:  # one free unknown: the points are the equilibria
            for v in points:
                pt = [[sympy.simplify(x.subs(t, v)) for x in vec] for vec in point]
                pos2, gains2, _ = _conditions(arrays, supports, pt, shape)
                if _check_point(pos2, gains2):
                    isolated.append(pt)
            return isolated, None, True
        if interval:
            for v in points:
                pt = [[sympy.simplify(x.subs(t, v)) for x in vec] for vec in point]
                pos2, gains2, _ = _conditions(arrays, supports, pt, shape)
                if all(not x.free_symbols for vec in pt for x in vec) and _check_point(pos2, gains2):
                    return isolated, pt, True
    if len(rest) == 1:  # two free unknowns: decide exactly over the cells of a cylindrical decomposition
        witness, decided = _plane(arrays, supports, param, t, rest[0], shape)
        return isolated, witness, decided
    return isolated, None, False


def _plane(arrays: list[Any], supports: tuple[tuple[int, ...], ...], param: list[list[Any]], t: sympy.Symbol,
           r: sympy.Symbol, shape: tuple[int, ...]) -> tuple[list[Any] | None, bool]:
    """Two free unknowns (t, r): sample r at every critical value and in every open cell between them.

    The critical values are the real roots of the leading coefficients, discriminants and pairwise
    resultants (in t) of the conditions' numerators and denominators (Collins' projection), so the
    set of admissible t has the same shape over each open cell; each sample is decided exactly in t.
    """
    pos, gains, _ = _conditions(arrays, supports, param, shape)
    polys = []
    for e in pos + gains:
        for q in sympy.fraction(sympy.cancel(sympy.together(e))):
            P = sympy.Poly(q, t, r)
            if P.degree(t) > 0 or P.degree(r) > 0:
                polys.append(sympy.Poly(q, t))
    projection = []
    for P in polys:
        projection.append(P.LC())
        if P.degree() >= 2:
            projection.append(sympy.discriminant(P.as_expr(), t))
        if P.degree() == 0:
            projection.append(P.as_expr())
    for a, b in itertools.combinations(polys, 2):
        if a.degree() > 0 and b.degree() > 0:
            projection.append(sympy.resultant(a.as_expr(), b.as_expr(), t))
    critical: set[Any] = set()
    for q in projection:
        q = sympy.expand(q)
        if q.free_symbols and sympy.Poly(q, r).degree() > 0:
            critical |= set(sympy.real_roots(sympy.Poly(q, r)))
    cs = sorted(critical, key=lambda v: float(v))
    samples: list[Any] = [sympy.Integer(0) if not cs else sympy.floor(cs[0]) - 1]
    for lo, hi in zip(cs, cs[1:]):
        mid = sympy.Rational(sympy.floor((lo + hi) / 2 * 10**6), 10**6)
        if not (lo < mid < hi):
            mid = sympy.nsimplify((lo + hi) / 2)
        samples.append(mid)
    if cs:
        samples.append(sympy.ceiling(cs[-1]) + 1)
    samples += cs
    decided = True
    for v in samples:
        point = [[sympy.cancel(x.subs(r, v)) for x in vec] for vec in param]
        p2, g2, _ = _conditions(arrays, supports, point, shape)
        got = _interval_witnesses(p2, g2, t)
        if got is None:
            decided = False
            continue
        for w in got[0]:
            pt = [[sympy.simplify(x.subs(t, w)) for x in vec] for vec in point]
            p3, g3, _ = _conditions(arrays, supports, pt, shape)
            if _check_point(p3, g3):
                return pt, True
    return None, decided


def _conditionally_dominated(arrays: list[Any], supports: tuple[tuple[int, ...], ...]) -> bool:
    """True when a strategy in some support is strictly beaten by another against every profile of the others'
    supports: no equilibrium has these supports (a cheap filter before any polynomial is built)."""
    for i, S in enumerate(supports):
        if len(S) < 2:
            continue
        idx = [list(range(arrays[i].shape[i])) if j == i else list(T) for j, T in enumerate(supports)]
        sub = np.moveaxis(arrays[i][np.ix_(*idx)], i, 0).reshape(arrays[i].shape[i], -1)
        for s in S:
            if any(all(a > b for a, b in zip(sub[t], sub[s])) for t in range(sub.shape[0]) if t != s):
                return True
    return False


def _support_solutions(game: Game, arrays: list[Any], supports: tuple[tuple[int, ...], ...], prof: list[list[Any]],
                       unknowns: list[sympy.Symbol], sols: list[dict[Any, Any]], shape: tuple[int, ...]
                       ) -> tuple[list[Equilibrium], list[SupportComponent], int]:
    """The equilibria, components and undecided pieces of one support from its (parametric) solutions."""
    found: list[Equilibrium] = []
    components: list[SupportComponent] = []
    undecided = 0
    for sol in sols:
        if len(sol) == len(unknowns) and not any(v.free_symbols for v in sol.values()):
            point = [[x.subs(sol) for x in vec] for vec in prof]
            pos, gains, pays = _conditions(arrays, supports, point, shape)
            if _check_point(pos, gains):
                found.append(_equilibrium(game, point, pays))
            continue
        isolated, witness, decided = _continuum(arrays, supports, prof, unknowns, sol, shape)
        for pt in isolated:
            found.append(_equilibrium(game, pt, _conditions(arrays, supports, pt, shape)[2]))
        if witness is not None:
            gains = _conditions(arrays, supports, prof, shape)[1]
            dim = len({u for u in unknowns if u not in sol} | {s for v in sol.values() for s in v.free_symbols})
            components.append(SupportComponent(
                tuple(supports), tuple(unknowns), tuple(sympy.expand(u - v) for u, v in sol.items()),
                tuple(sympy.expand(g) for g in gains), dim,
                _equilibrium(game, witness, _conditions(arrays, supports, witness, shape)[2]),
            ))
        elif not decided:
            undecided += 1
    return found, components, undecided


def nplayer_support_enumeration(game: Game, *, max_supports: int = MAX_SUPPORT_PROFILES) -> Equilibria:
    """Every Nash equilibrium (pure and mixed) of a small numeric N-player game, exactly, continua as components.

    Parameters
    ----------
    game : Game
        A numeric game with rational payoffs (any number of players).
    max_supports : int
        Refuse games with more support profiles than this (default
        :data:`MAX_SUPPORT_PROFILES`).

    Returns
    -------
    Equilibria
        Pure equilibria first, then isolated mixed ones, each exact (sympy
        numbers, possibly algebraic) and verified; ``components`` holds one
        :class:`~solvers.results.concepts.SupportComponent` per continuum
        (with an exact witness equilibrium).  ``complete`` is False only when
        a continuum of dimension two or more could not be decided (see the
        module docstring).

    Raises
    ------
    SymbolicError
        If the game has free symbols (named).
    SizeLimitError
        If the game has more than ``max_supports`` support profiles.
    GameError
        If a payoff is irrational.
    """
    if not isinstance(game, Game):
        raise GameError(f"nplayer_support_enumeration: expected a games.Game, got {type(game).__name__}")
    if game.free_symbols:
        names = ", ".join(sorted(s.name for s in game.free_symbols))
        raise SymbolicError(f"nplayer_support_enumeration: the game has free symbols {names}; substitute values first")
    for arr in game.payoffs:
        for v in arr._array:  # noqa: SLF001
            if not isinstance(v, sympy.Rational):
                raise GameError(f"nplayer_support_enumeration: payoff {v} is not rational (allowed: rational payoffs)")
    shape = game.shape
    count = math.prod(2**m - 1 for m in shape)
    if count > max_supports:
        raise SizeLimitError(
            f"nplayer_support_enumeration: {count} support profiles for strategy counts {shape}; "
            f"allowed: at most {max_supports}"
        )
    arrays = []
    for arr in game.payoffs:
        a = np.empty(len(arr._array), dtype=object)  # noqa: SLF001
        a[:] = list(arr._array)  # noqa: SLF001
        arrays.append(a.reshape(shape))
    found: list[Equilibrium] = list(pure_nash_equilibria(game))
    components: list[SupportComponent] = []
    undecided = 0
    for supports in itertools.product(*(_subsets(m) for m in shape)):
        if all(len(s) == 1 for s in supports):
            continue
        if _conditionally_dominated(arrays, supports):
            continue
        prof, unknowns = _support_unknowns(supports, shape)
        eqs = []
        for i, S in enumerate(supports):
            if len(S) < 2:
                continue
            vals = _payoff_vector(arrays[i], i, prof, shape)
            eqs += [sympy.expand(vals[s] - vals[S[0]]) for s in S[1:]]
        eqs = [e for e in eqs if e != 0]
        exact = real_solutions(eqs, unknowns) if eqs else NOT_ZERO_DIMENSIONAL
        if not isinstance(exact, str):  # finitely many solutions, isolated exactly
            pos, gains, pays = _conditions(arrays, supports, prof, shape)
            for r in exact:
                if all(r.sign(x) > 0 for x in pos) and all(r.sign(g) >= 0 for g in gains):
                    point = [[r.value(x) for x in vec] for vec in prof]
                    found.append(Equilibrium(tuple(tuple(vec) for vec in point), tuple(r.value(v) for v in pays),
                                             game.players, game.strategies, exact=True))
            continue
        # a continuum: solved parametrically, first unchecked (fast; every point is verified exactly), and
        # again with sympy's own checks and simplification when that leaves a piece undecided
        for checked in (False, True):
            if not eqs:
                sols: list[dict[Any, Any]] = [{}]
            elif checked:
                sols = sympy.solve(eqs, unknowns, dict=True)
            else:
                sols = sympy.solve(eqs, unknowns, dict=True, check=False, simplify=False)
            got = _support_solutions(game, arrays, supports, prof, unknowns, sols, shape)
            if got[2] == 0 or checked or not eqs:
                break
        found += got[0]
        components += got[1]
        undecided += got[2]
    method = "support enumeration (exact polynomial systems)"
    if components:
        method += f"; {len(components)} support(s) with a continuum of equilibria, reported as components"
    if undecided:
        method += f"; {undecided} continuum(s) not decided"
    return Equilibria(found, degenerate=True if components else None, components=cast(Any, components), exact=True,
                      method=method, complete=undecided == 0)
