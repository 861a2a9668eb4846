r"""Replicator dynamics of symmetric and two-population games, and the gradient of selection.

Single population (a symmetric two-player game with matrix ``A``, state ``x``
in the simplex):

.. math:: \dot x_i = x_i\bigl((Ax)_i - x^\top A x\bigr).

Two populations (a bimatrix game ``(A, B)``, states ``x`` and ``y``):

.. math::

   \dot x_i = x_i\bigl((Ay)_i - x^\top A y\bigr), \qquad
   \dot y_j = y_j\bigl((B^\top x)_j - x^\top B y\bigr).

The field is written in reduced coordinates (the last share of each
population is one minus the others), so the Jacobian's eigenvalues describe
stability within the simplex.  Fixed points are found support by support in
closed form: on a support ``S`` the payoffs of the strategies in ``S`` must be
equal, which is a linear system.  For a symbolic game each fixed point comes
with the condition under which it lies in the simplex, and its eigenvalues are
expressions in the parameters.

For an ``n``-player :class:`~games.symmetric.SymmetricGame` in an infinite,
well-mixed population playing groups of ``n``, with ``x`` the share of the
first strategy, the **gradient of selection** is

.. math::

   g(x) = x(1-x)\bigl(\pi_1(x) - \pi_2(x)\bigr), \qquad
   \pi_s(x) = \sum_{k=0}^{n-1}\binom{n-1}{k}x^k(1-x)^{n-1-k}P_s(k),

where ``P_s(k)`` is the payoff of strategy ``s`` when ``k`` co-players play the
first strategy.  Payoffs polynomial in ``k`` are averaged through the binomial
factorial moments :math:`E[(k)_i] = (n-1)_i x^i`, so ``n`` may be a symbol or
huge; other payoffs (thresholds, ``Piecewise``) are summed term by term, for
numeric ``n`` up to :data:`MAX_GROUP_SUM`.

References
----------
Hofbauer, J. & Sigmund, K. (1998). Evolutionary Games and Population
Dynamics, ch. 7 and 10. Cambridge UP.
Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and
game dynamics. Math. Biosci. 40, 145-156.
Gokhale, C. S. & Traulsen, A. (2010). Evolutionary games in the multiverse.
PNAS 107, 5500-5504.
Pacheco, J. M., Santos, F. C., Souza, M. O. & Skyrms, B. (2009). Evolutionary
dynamics of collective action in N-person stag hunt dilemmas. Proc. R. Soc. B
276, 315-321.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError, SizeLimitError
from games.symmetric import SymmetricGame
from solvers.results.dynamics import FixedPoint, ReplicatorDynamics

__all__ = ["replicator_dynamics", "MAX_STRATEGIES"]


#: Fixed points are enumerated over supports; more strategies per population are refused.
MAX_STRATEGIES = 10


def _is_symmetric(game: Game) -> bool:
    if game.n_players != 2 or game.shape[0] != game.shape[1] or game.strategies[0] != game.strategies[1]:
        return False
    A, B = game.payoffs
    m = game.shape[0]
    return all(sympy.expand(A[i, j] - B[j, i]) == 0 for i in range(m) for j in range(m))


def _classify(eigenvalues: Sequence[sympy.Expr]) -> str:
    """Stability from eigenvalues: exact signs where sympy can decide them.

    Floating-point eigenvalues (matrices above 2x2) count as zero when their real
    part is below ``1e-9`` times the largest eigenvalue modulus.
    """
    reals: list[float | None] = []
    exact_zero: list[bool] = []
    scale = 1.0
    for ev in eigenvalues:
        re = sympy.re(ev)
        exact_zero.append(bool(re.is_zero))
        if re.free_symbols:
            reals.append(None)
            continue
        try:
            reals.append(float(sympy.N(re, 30)))
            scale = max(scale, abs(complex(sympy.N(ev, 30))))
        except TypeError:
            reals.append(None)
    tol = 1e-9 * scale
    signs: list[int | None] = []
    for v, zero in zip(reals, exact_zero):
        if zero:
            signs.append(0)
        elif v is None:
            signs.append(None)
        else:
            signs.append(0 if abs(v) <= tol else (1 if v > 0 else -1))
    if any(s == 1 for s in signs):
        return "unstable"
    if any(s is None for s in signs):
        return "undetermined"
    if all(s == -1 for s in signs):
        return "stable"
    return "non-hyperbolic"


def _supports(m: int) -> list[tuple[int, ...]]:
    return [c for size in range(1, m + 1) for c in itertools.combinations(range(m), size)]


def _solve_support(M: sympy.Matrix, rows: tuple[int, ...], cols: tuple[int, ...], unknowns: Sequence[sympy.Symbol]) -> list[dict[sympy.Symbol, sympy.Expr]]:
    """Shares ``z`` on ``cols`` (summing to 1) making ``(M z)_i`` equal for every ``i`` in ``rows``."""
    zs = [unknowns[j] for j in cols]
    eqs = [sum(zs) - 1]
    payoff = [sum(M[i, j] * unknowns[j] for j in cols) for i in rows]
    eqs += [payoff[k] - payoff[0] for k in range(1, len(rows))]
    sol = sympy.linsolve(eqs, zs)
    out = []
    for tup in sol:  # type: ignore[attr-defined]
        # a continuum: linsolve leaves some unknowns free; name them tau0, tau1, ...
        free = sorted({z for e in tup for z in e.free_symbols if z in zs}, key=zs.index)
        rename = {z: sympy.Symbol(f"tau{i}", real=True) for i, z in enumerate(free)}
        out.append({z: e.xreplace(rename) for z, e in zip(zs, tup)})
    return out


def _condition(values: Sequence[sympy.Expr]) -> Any:
    conds = []
    for v in values:
        c = sympy.simplify(v) > 0 if v.free_symbols else (sympy.true if bool(v > 0) else sympy.false)
        conds.append(c)
    return sympy.And(*conds)


def _eigen(J: sympy.Matrix) -> tuple[sympy.Expr, ...]:
    if J.free_symbols or J.shape[0] <= 2:
        if J.shape[0] > 3:
            return ()
        evs = J.eigenvals()
        out: list[sympy.Expr] = []
        for ev, mult in evs.items():  # type: ignore[union-attr]
            out.extend([sympy.simplify(ev)] * mult)
        return tuple(out)
    vals = np.linalg.eigvals(np.array(J.evalf(), dtype=complex))
    return tuple(sympy.Float(v.real, 15) + sympy.I * sympy.Float(v.imag, 15) if abs(v.imag) > 1e-13
                 else sympy.Float(v.real, 15) for v in vals)


def replicator_dynamics(game: Game, *, populations: int | str = "auto") -> ReplicatorDynamics:
    r"""Replicator dynamics of a two-player game: field, fixed points and their stability.

    Parameters
    ----------
    game : Game
        A two-player game, numeric or symbolic.  A ``SymmetricGame`` is
        handled by :func:`gradient_of_selection` (or expand it with
        ``to_game()`` for two players).
    populations : {"auto", 1, 2}
        ``1``: one population of a symmetric game (``B = A.T``); ``2``: one
        population per player (bimatrix / asymmetric dynamics); ``"auto"``:
        1 if the game is symmetric, else 2.

    Returns
    -------
    ReplicatorDynamics
        With the sympy field in reduced coordinates, every fixed point (one
        per support, in closed form) with its eigenvalues and stability.

    Raises
    ------
    GameError
        Not a two-player game; ``populations=1`` for an asymmetric game; a bad
        ``populations`` value.
    SizeLimitError
        More than :data:`MAX_STRATEGIES` strategies per player.

    Examples
    --------
    Stag hunt ``[[a, b], [c, d]] = [[4, 0], [3, 3]]``: the interior fixed point
    :math:`x^* = (d - b)/(a - b - c + d) = 3/4` is unstable, the pure ones stable.

    >>> from games import Game
    >>> stag = Game.from_bimatrix([[4, 0], [3, 3]], strategies=(["Stag", "Hare"], ["Stag", "Hare"]))
    >>> rd = replicator_dynamics(stag)
    >>> rd.field[0].factor()
    -x1*(x1 - 1)*(4*x1 - 3)
    >>> [(fp.point[0], fp.stability) for fp in rd.fixed_points]
    [((1, 0), 'stable'), ((0, 1), 'stable'), ((3/4, 1/4), 'unstable')]
    """
    where = "replicator_dynamics"
    if isinstance(game, SymmetricGame):
        raise GameError(
            f"{where}: got a SymmetricGame; use gradient_of_selection for its dynamics, "
            "or replicator_dynamics(game.to_game()) for a two-player one"
        )
    if not isinstance(game, Game):
        raise GameError(f"{where}: expected a Game, got {type(game).__name__}")
    if game.n_players != 2:
        raise GameError(f"{where}: {game.n_players}-player game; replicator dynamics here are for two-player games")
    if any(m < 2 for m in game.shape):
        raise GameError(f"{where}: shape {game.shape}; every player needs at least 2 strategies for dynamics")
    if any(m > MAX_STRATEGIES for m in game.shape):
        raise SizeLimitError(f"{where}: shape {game.shape} (allowed: at most {MAX_STRATEGIES} strategies per player)")
    symmetric = _is_symmetric(game)
    if populations == "auto":
        pops = 1 if symmetric else 2
    elif populations in (1, 2) and not isinstance(populations, bool):
        pops = int(populations)
    else:
        raise GameError(f"{where}: populations={populations!r} (allowed: 'auto', 1, 2)")
    if pops == 1 and not symmetric:
        raise GameError(
            f"{where}: populations=1 needs a symmetric game (B = A.T, same strategy names); "
            f"game {game.name!r} is not; use populations=2"
        )
    # Symbolic payoffs (often large Piecewise expressions) are replaced by one placeholder
    # symbol per distinct entry while solving; the results are substituted back at the end.
    # The solutions are the generic ones either way (linsolve does not split cases).
    placeholders: dict[sympy.Expr, sympy.Symbol] = {}

    def entry(e: sympy.Expr) -> sympy.Expr:
        if not e.free_symbols:
            return e
        if e not in placeholders:
            placeholders[e] = sympy.Symbol(f"_payoff{len(placeholders)}", real=True)
        return placeholders[e]

    A = sympy.Matrix(game.shape[0], game.shape[1], lambda i, j: entry(game.payoffs[0][i, j]))
    B = sympy.Matrix(game.shape[0], game.shape[1], lambda i, j: entry(game.payoffs[1][i, j]))
    back = {ph: e for e, ph in placeholders.items()}
    m, n = game.shape
    xs = tuple(sympy.Symbol(f"x{i + 1}", real=True) for i in range(m))
    if pops == 1:
        variables: tuple[tuple[sympy.Symbol, ...], ...] = (xs,)
        coords = xs[:-1]
        sub = {xs[-1]: 1 - sum(coords)}
        xv = sympy.Matrix(xs)
        ax = A * xv
        mean = (xv.T * ax)[0]
        fld = sympy.ImmutableMatrix([sympy.expand((xs[i] * (ax[i] - mean)).subs(sub)) for i in range(m - 1)])
    else:
        ys = tuple(sympy.Symbol(f"y{j + 1}", real=True) for j in range(n))
        variables = (xs, ys)
        coords = xs[:-1] + ys[:-1]
        sub = {xs[-1]: 1 - sum(xs[:-1]), ys[-1]: 1 - sum(ys[:-1])}
        xv, yv = sympy.Matrix(xs), sympy.Matrix(ys)
        ay, bx = A * yv, B.T * xv
        mean_x = (xv.T * ay)[0]
        mean_y = (yv.T * bx)[0]
        rows = [sympy.expand((xs[i] * (ay[i] - mean_x)).subs(sub)) for i in range(m - 1)]
        rows += [sympy.expand((ys[j] * (bx[j] - mean_y)).subs(sub)) for j in range(n - 1)]
        fld = sympy.ImmutableMatrix(rows)
    J = sympy.ImmutableMatrix(fld.jacobian(list(coords)))
    fps: list[FixedPoint] = []

    def make(vectors: list[list[sympy.Expr]], supports: tuple[tuple[int, ...], ...]) -> None:
        positive = [vectors[p][i] for p, s in enumerate(supports) for i in s]
        cond = _condition(positive)
        if cond is sympy.false:
            return
        point = tuple(tuple(sympy.simplify(v) for v in vec) for vec in vectors)
        at = {}
        for p, vec in enumerate(point):
            for i, v in enumerate(vec[:-1]):
                at[variables[p][i]] = v
        fp_free = {s for vec in point for v in vec for s in v.free_symbols}
        continuum = any(str(s).startswith("tau") for s in fp_free)
        if continuum:
            eigs: tuple[sympy.Expr, ...] = ()
            stab = "non-hyperbolic"
        else:
            eigs = _eigen(sympy.Matrix(J.subs(at)))
            if back:
                eigs = tuple(ev.xreplace(back) for ev in eigs)
            stab = _classify(eigs) if eigs else "undetermined"
        if back:
            point = tuple(tuple(v.xreplace(back) for v in vec) for vec in point)
            cond = cond.xreplace(back)
        fps.append(FixedPoint(point=point, support=supports, condition=cond, eigenvalues=eigs, stability=stab))

    if pops == 1:
        for S in _supports(m):
            for sol in _solve_support(A, S, S, xs):
                make([[sol.get(x, sympy.Integer(0)) for x in xs]], (S,))
    else:
        ys = variables[1]
        for S in _supports(m):
            for T in _supports(n):
                ysols = _solve_support(A, S, T, ys)
                if not ysols:
                    continue
                xsols = _solve_support(B.T, T, S, xs)
                for ysol in ysols:
                    for xsol in xsols:
                        make([[xsol.get(x, sympy.Integer(0)) for x in xs], [ysol.get(y, sympy.Integer(0)) for y in ys]], (S, T))
    # pure points first (by support size), then the rest in enumeration order
    fps.sort(key=lambda fp: sum(len(s) for s in fp.support))
    if back:
        fld = sympy.ImmutableMatrix(fld.xreplace(back))
    return ReplicatorDynamics(
        game=game, populations=pops, variables=variables, coordinates=tuple(coords), field=fld,
        fixed_points=tuple(fps),
    )

