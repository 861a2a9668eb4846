r"""Mixed equilibria of small N-player games by support enumeration with exact polynomial solving.

For every support profile :math:`(S_1, \dots, S_N)` (a non-empty set of
strategies per player, not all singletons) the equilibria with exactly these
supports solve the indifference system

.. math::

    u_i(s, \sigma_{-i}) = u_i(s_i^0, \sigma_{-i}) \quad (s \in S_i,\ |S_i| \ge 2),
    \qquad \sum_{s \in S_i} \sigma_i(s) = 1,

which is multilinear in the other players' probabilities.  It is solved
exactly with sympy (Groebner bases); every isolated real solution is then
checked exactly -- probabilities strictly positive on the support, and no
strategy outside a support earning more -- with sympy's exact arithmetic on
algebraic numbers.  Pure equilibria come from
:func:`solvers.equilibria.pure.pure_nash_equilibria`.

What is found: every *isolated* equilibrium of a game whose payoffs are
rational.  What is not: equilibria lying in a continuum for their support
(the system then has infinitely many solutions; such supports are counted in
``skipped`` and the result's ``complete`` flag is False).  The number of
support profiles grows like :math:`\prod_i (2^{m_i} - 1)`, so the method is
refused above :data:`MAX_SUPPORT_PROFILES`.

References
----------
R. D. McKelvey, A. McLennan, "Computation of equilibria in finite games",
Handbook of Computational Economics vol. 1 (1996), Section 6 (support
enumeration and polynomial systems); Gambit's ``enumpoly``.

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
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError, SizeLimitError, SymbolicError
from solvers.equilibria.pure import pure_nash_equilibria
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


def nplayer_support_enumeration(game: Game, *, max_supports: int = MAX_SUPPORT_PROFILES) -> Equilibria:
    """Every isolated Nash equilibrium (pure and mixed) of a small numeric N-player game, exactly.

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
        Pure equilibria first, then mixed ones, each exact (sympy numbers,
        possibly algebraic) and verified.  ``complete`` is False when some
        support had a continuum of solutions (see the module docstring).

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
    pure = pure_nash_equilibria(game)
    found: list[Equilibrium] = list(pure)
    skipped = 0
    for supports in itertools.product(*(_subsets(m) for m in shape)):
        if all(len(s) == 1 for s in supports):
            continue
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
        eqs = []
        for i, S in enumerate(supports):
            if len(S) < 2:
                continue
            vals = _payoff_vector(arrays[i], i, prof, shape)
            eqs += [sympy.expand(vals[s] - vals[S[0]]) for s in S[1:]]
        eqs = [e for e in eqs if e != 0]
        if not eqs:
            skipped += 1  # every mixture on this support is indifferent: a continuum
            continue
        try:
            sols = sympy.solve(eqs, unknowns, dict=True)
        except NotImplementedError:  # pragma: no cover - sympy could not solve the system
            skipped += 1
            continue
        for sol in sols:
            if len(sol) < len(unknowns) or any(v.free_symbols for v in sol.values()):
                skipped += 1  # positive-dimensional solution set
                continue
            point = [[x.subs(sol) for x in vec] for vec in prof]
            if any(not x.is_real for vec in point for x in vec if x.free_symbols == set()):
                continue
            if any(sign_of(point[i][s], numeric=True, where="nplayer_support_enumeration") <= 0 for i, S in enumerate(supports) for s in S):
                continue
            ok = True
            pays = []
            for i, S in enumerate(supports):
                vals = _payoff_vector(arrays[i], i, point, shape)
                best = vals[S[0]]
                for s in range(shape[i]):
                    if s not in S and sign_of(vals[s] - best, numeric=True, where="nplayer_support_enumeration") > 0:
                        ok = False
                        break
                if not ok:
                    break
                pays.append(sympy.simplify(best))
            if ok:
                found.append(Equilibrium(
                    tuple(tuple(sympy.simplify(x) for x in vec) for vec in point), tuple(pays),
                    game.players, game.strategies, exact=True,
                ))
    method = "support enumeration (exact polynomial systems)"
    if skipped:
        method += f"; {skipped} support(s) with a continuum of solutions not enumerated"
    return Equilibria(found, degenerate=None, exact=True, method=method, complete=skipped == 0)

