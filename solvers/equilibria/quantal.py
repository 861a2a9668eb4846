r"""Logit quantal-response equilibria: the principal branch from :math:`\lambda = 0`, followed by predictor-corrector.

A profile :math:`p` is a logit QRE at precision :math:`\lambda \ge 0`
(McKelvey and Palfrey 1995) when every player answers the others with the
logit (softmax) choice rule

.. math::

    p_{ij} = \frac{\exp(\lambda\, u_{ij}(p))}{\sum_k \exp(\lambda\, u_{ik}(p))},

where :math:`u_{ij}(p)` is player i's expected payoff from pure strategy j
against the others' mixed strategies.  At :math:`\lambda = 0` the unique QRE is
uniform play; the *principal branch* of the QRE correspondence starting
there is a smooth curve that, for almost every game, converges to a Nash
equilibrium as :math:`\lambda \to \infty` (the logit solution, Harsanyi's
tracing in spirit).  It is traced in the unknowns :math:`(\log p, \lambda)`
with the equations

.. math::

    \sum_j p_{ij} = 1, \qquad \log p_{ij} - \log p_{i0} - \lambda\,(u_{ij} - u_{i0}) = 0 \quad (j \ge 1),

by arclength continuation: an Euler predictor along the tangent (the null
vector of the Jacobian, oriented continuously) and a Newton corrector with the
Moore-Penrose pseudo-inverse, halving the step when the corrector fails and
lengthening it by ``max_accel`` when it converges fast (Allgower and Georg
1990; Turocy 2005).  Floating point throughout; the payoffs must be numeric.

In generic games the branch is a smooth curve without bifurcations.  In games
with symmetries (the battle of the sexes with mirrored payoffs) the branch can
meet a pitchfork; the tracer then goes straight on along the branch it is on
(in that example, to the mixed equilibrium), whereas pygambit 17 perturbs the
game to pick a side.  Either limit is a Nash equilibrium.

References
----------
R. D. McKelvey, T. R. Palfrey, "Quantal response equilibria for normal form
games", Games and Economic Behavior 10 (1995) 6-38.
T. L. Turocy, "A dynamic homotopy interpretation of the logistic quantal
response equilibrium correspondence", Games and Economic Behavior 51 (2005)
243-263.
E. L. Allgower, K. Georg, *Numerical Continuation Methods*, Springer (1990),
chapters 2 and 6 (predictor-corrector, step length).

Examples
--------
>>> from games import Game
>>> pennies = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
>>> logit_qre(pennies, 2.0).profile
((0.5, 0.5), (0.5, 0.5))
"""

from __future__ import annotations

import math

import numpy as np

from games.core import Game
from games.errors import GameError
from solvers.equilibria.pure import _numeric
from solvers.results.concepts import LogitPath, LogitPoint
from solvers.results.equilibria import Equilibrium

__all__ = ["logit_qre", "logit_path"]

_MAX_STEPS = 20000


class _System:
    """The QRE equations of one game in the unknowns y = (log p, lambda)."""

    def __init__(self, game: Game) -> None:
        self.U = [np.asarray(a, dtype=float) for a in game.numeric_arrays()]
        self.shape = game.shape
        self.n = len(self.shape)
        self.offsets = np.r_[0, np.cumsum(self.shape)].astype(int)
        self.K = int(self.offsets[-1])
        span = max(float(max(u.max() for u in self.U) - min(u.min() for u in self.U)), 1e-300)
        self.span = span

    def probs(self, x: np.ndarray) -> list[np.ndarray]:
        return [np.exp(x[self.offsets[i]:self.offsets[i + 1]]) for i in range(self.n)]

    def _contract(self, i: int, p: list[np.ndarray], keep: tuple[int, ...]) -> np.ndarray:
        out = self.U[i]
        for k in reversed(range(self.n)):
            if k not in keep:
                out = np.tensordot(out, p[k], axes=([k], [0]))
        return out

    def values(self, p: list[np.ndarray]) -> list[np.ndarray]:
        return [self._contract(i, p, (i,)) for i in range(self.n)]

    def residual(self, y: np.ndarray) -> np.ndarray:
        x, lam = y[:-1], y[-1]
        p = self.probs(x)
        u = self.values(p)
        out = np.empty(self.K)
        for i in range(self.n):
            a, b = self.offsets[i], self.offsets[i + 1]
            out[a] = p[i].sum() - 1.0
            out[a + 1:b] = x[a + 1:b] - x[a] - lam * (u[i][1:] - u[i][0])
        return out

    def jacobian(self, y: np.ndarray) -> np.ndarray:
        x, lam = y[:-1], y[-1]
        p = self.probs(x)
        u = self.values(p)
        J = np.zeros((self.K, self.K + 1))
        for i in range(self.n):
            a, b = self.offsets[i], self.offsets[i + 1]
            J[a, a:b] = p[i]
            for j in range(1, self.shape[i]):
                J[a + j, a + j] = 1.0
                J[a + j, a] = -1.0
            J[a + 1:b, -1] = -(u[i][1:] - u[i][0])
            for k in range(self.n):
                if k == i:
                    continue
                M = self._contract(i, p, (i, k))  # payoff of i's strategy j against k's strategy l
                if k < i:
                    M = M.T
                c, d = self.offsets[k], self.offsets[k + 1]
                J[a + 1:b, c:d] = -lam * (M[1:] - M[0]) * p[k][None, :]
        return J

    def regret(self, p: list[np.ndarray]) -> float:
        u = self.values(p)
        return max(float(ui.max() - pi @ ui) for pi, ui in zip(p, u))


def _tangent(J: np.ndarray) -> np.ndarray:
    q, _ = np.linalg.qr(J.T, mode="complete")
    t: np.ndarray = q[:, -1]
    return t


def _correct(sys: _System, y: np.ndarray, fix_lam: bool = False) -> tuple[np.ndarray, bool, int]:
    """Newton's method onto the curve (pseudo-inverse), or at fixed lambda."""
    tol = 1e-12 * (1.0 + abs(float(y[-1])) * sys.span)  # the residual carries lambda * payoff round-off
    for it in range(1, 12):
        H = sys.residual(y)
        if not np.all(np.isfinite(H)):
            return y, False, it
        if np.max(np.abs(H)) < tol:
            return y, True, it
        J = sys.jacobian(y)
        if fix_lam:
            step = np.linalg.solve(J[:, :-1], H)
            y = y - np.r_[step, 0.0]
        else:
            step = np.linalg.lstsq(J, H, rcond=None)[0]  # the minimum-norm (Moore-Penrose) Newton step
            y = y - step
    return y, bool(np.max(np.abs(sys.residual(y))) < 1e3 * tol), 12


def _trace(sys: _System, stop_lam: float | None, maxregret: float, first_step: float, max_accel: float
           ) -> tuple[list[tuple[float, np.ndarray]], bool]:
    x0 = np.concatenate([np.full(m, -math.log(m)) for m in sys.shape])
    y = np.r_[x0, 0.0]
    points = [(0.0, x0.copy())]
    t = _tangent(sys.jacobian(y))
    if t[-1] < 0:
        t = -t
    h = first_step
    for _ in range(_MAX_STEPS):
        y_new, ok, iters = _correct(sys, y + h * t)
        if ok and np.linalg.norm(y_new - (y + h * t)) > 2 * h:
            ok = False  # the corrector jumped: too far from the predicted point
        if not ok:
            h /= 2
            if h < 1e-12:
                return points, False
            continue
        t_new = _tangent(sys.jacobian(y_new))
        if t_new @ t < 0:
            t_new = -t_new
        if stop_lam is not None and y_new[-1] >= stop_lam:
            # the requested precision is crossed on this step: solve at lambda = stop_lam exactly
            w = (stop_lam - y[-1]) / (y_new[-1] - y[-1])
            guess = np.r_[(1 - w) * y[:-1] + w * y_new[:-1], stop_lam]
            y_fix, ok_fix, _ = _correct(sys, guess, fix_lam=True)
            if ok_fix:
                points.append((stop_lam, y_fix[:-1]))
                return points, True
            h /= 2
            continue
        y, t = y_new, t_new
        points.append((float(y[-1]), y[:-1].copy()))
        if stop_lam is None and sys.regret(sys.probs(y[:-1])) <= maxregret * sys.span:
            return points, True
        h = h * max_accel if iters <= 3 else h / 1.5
    return points, False


def _point(game: Game, sys: _System, lam: float, x: np.ndarray) -> LogitPoint:
    p = sys.probs(x)
    p = [pi / pi.sum() for pi in p]
    return LogitPoint(float(lam), tuple(tuple(float(v) for v in pi) for pi in p), sys.regret(p), game.players,
                      game.strategies)


def _checked(game: Game, where: str) -> _System:
    _numeric(game, where)
    sys = _System(game)
    if not all(np.all(np.isfinite(u)) for u in sys.U):
        raise GameError(f"{where}: every payoff must be finite")
    return sys


def logit_qre(game: Game, lam: float, *, first_step: float = 0.03, max_accel: float = 1.1) -> LogitPoint:
    r"""The logit quantal-response equilibrium at precision ``lam`` on the principal branch.

    Parameters
    ----------
    game : Game
        A numeric game, any number of players.
    lam : float
        The precision :math:`\lambda \ge 0`.
    first_step, max_accel : float
        The first arclength step and the largest factor by which a step grows.

    Returns
    -------
    LogitPoint
        The first point of the principal branch (from :math:`\lambda = 0`) at
        precision ``lam``, as pygambit's ``logit_solve_lambda`` returns it.

    Raises
    ------
    GameError
        If ``lam`` is negative or not finite, or the path cannot be followed.
    SymbolicError
        If the game has free symbols.

    Examples
    --------
    >>> from games import Game
    >>> g = Game.from_bimatrix([[1, 1], [0, 0]], [[0, 0], [0, 0]])   # U earns 1 more than D whatever Column does
    >>> round(logit_qre(g, 1.0).profile[0][0], 6)                    # e / (e + 1)
    0.731059
    """
    where = "logit_qre"
    if not isinstance(lam, (int, float)) or isinstance(lam, bool) or not math.isfinite(lam) or lam < 0:
        raise GameError(f"{where}: lam must be a finite number >= 0, got {lam!r}")
    sys = _checked(game, where)
    if lam == 0:
        x0 = np.concatenate([np.full(m, -math.log(m)) for m in sys.shape])
        return _point(game, sys, 0.0, x0)
    points, ok = _trace(sys, float(lam), 0.0, first_step, max_accel)
    if not ok:
        raise GameError(f"{where}: the principal branch could not be followed to lambda = {lam}")
    return _point(game, sys, *points[-1])


def logit_path(game: Game, *, maxregret: float = 1e-8, first_step: float = 0.03, max_accel: float = 1.1) -> LogitPath:
    r"""The principal branch of the logit QRE correspondence, followed until it reaches a Nash equilibrium.

    Parameters
    ----------
    game : Game
        A numeric game, any number of players.
    maxregret : float
        Stop when no player can gain more than ``maxregret`` times the range
        of the payoffs by a pure deviation (pygambit's criterion).
    first_step, max_accel : float
        The first arclength step and the largest factor by which a step grows.

    Returns
    -------
    LogitPath
        The points traced and the limit: an approximate Nash equilibrium
        (floats), the one pygambit's ``logit_solve`` returns.

    Raises
    ------
    SymbolicError
        If the game has free symbols.

    Examples
    --------
    >>> from games import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> path = logit_path(pd)
    >>> path.converged, [round(v, 6) for v in path.limit.profile[0]]
    (True, [0.0, 1.0])
    """
    sys = _checked(game, "logit_path")
    if maxregret <= 0:
        raise GameError(f"logit_path: maxregret must be > 0, got {maxregret!r}")
    traced, ok = _trace(sys, None, maxregret, first_step, max_accel)
    points = tuple(_point(game, sys, lam, x) for lam, x in traced)
    last = points[-1]
    p = [np.array(v) for v in last.profile]
    pays = tuple(float(pi @ ui) for pi, ui in zip(p, sys.values(p)))
    limit = Equilibrium(last.profile, pays, game.players, game.strategies, exact=False)
    return LogitPath(points, limit, ok)
