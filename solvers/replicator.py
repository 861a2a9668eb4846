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

For an ``n``-player :class:`~games.core.SymmetricGame` in an infinite,
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

import importlib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from sympy.functions.combinatorial.numbers import stirling

from games.core import Game, SymmetricGame
from games.errors import GameError, ParameterError, SizeLimitError, SymbolicError

__all__ = [
    "replicator_dynamics",
    "ReplicatorDynamics",
    "FixedPoint",
    "gradient_of_selection",
    "GradientOfSelection",
    "SelectionRoot",
    "MAX_STRATEGIES",
    "MAX_GROUP_SUM",
]

#: Fixed points are enumerated over supports; more strategies per population are refused.
MAX_STRATEGIES = 10
#: Non-polynomial group payoffs are summed term by term for at most this many players.
MAX_GROUP_SUM = 400

_STABILITIES = ("stable", "unstable", "non-hyperbolic", "undetermined")


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


@dataclass(frozen=True)
class FixedPoint:
    """A rest point of the replicator dynamics.

    Attributes
    ----------
    point : tuple of tuple of sympy.Expr
        One probability vector per population (exact; may contain the
        game's parameters, and the symbols ``tau0, tau1, ...`` for a
        continuum of fixed points).
    support : tuple of tuple of int
        The strategies with positive share, per population.
    condition : sympy Boolean
        When the point lies in the simplex with exactly this support
        (``sympy.true`` for a numeric game).
    eigenvalues : tuple of sympy.Expr
        Of the Jacobian in reduced coordinates (empty for a continuum).
    stability : str
        ``"stable"`` (every eigenvalue has negative real part),
        ``"unstable"`` (one positive), ``"non-hyperbolic"`` (a zero real part,
        none positive; also every continuum) or ``"undetermined"`` (signs
        depend on the parameters: read ``eigenvalues``).
    """

    point: tuple[tuple[sympy.Expr, ...], ...]
    support: tuple[tuple[int, ...], ...]
    condition: Any
    eigenvalues: tuple[sympy.Expr, ...]
    stability: str

    @property
    def stable_condition(self) -> Any:
        """The condition (on the parameters) that every eigenvalue has a negative real part."""
        if not self.eigenvalues:
            return sympy.false
        return sympy.And(*[sympy.re(ev) < 0 for ev in self.eigenvalues])

    @property
    def is_continuum(self) -> bool:
        """True when the point is a family (contains free ``tau`` parameters of linsolve)."""
        return any(str(s).startswith("tau") for v in self.point for e in v for s in e.free_symbols)


@dataclass(frozen=True)
class ReplicatorDynamics:
    """The replicator dynamics of a game: field, Jacobian, fixed points, trajectories.

    Build with :func:`replicator_dynamics`.

    Attributes
    ----------
    game : Game
    populations : int
        1 (symmetric game, one population) or 2 (one population per player).
    variables : tuple of tuple of sympy.Symbol
        The share symbols of each population (``x1..xm``, and ``y1..yn``).
    coordinates : tuple of sympy.Symbol
        The independent coordinates: every share but the last of each population.
    field : sympy.ImmutableMatrix
        The time derivatives of ``coordinates``.
    fixed_points : tuple of FixedPoint
    """

    game: Game
    populations: int
    variables: tuple[tuple[sympy.Symbol, ...], ...]
    coordinates: tuple[sympy.Symbol, ...]
    field: sympy.ImmutableMatrix
    fixed_points: tuple[FixedPoint, ...] = ()

    @property
    def jacobian(self) -> sympy.ImmutableMatrix:
        """The Jacobian of :attr:`field` with respect to :attr:`coordinates`."""
        return sympy.ImmutableMatrix(self.field.jacobian(list(self.coordinates)))

    def numeric_field(self) -> Callable[..., np.ndarray]:
        """The field as a numpy function of the full share vectors (numeric games only).

        Returns
        -------
        callable
            ``f(x)`` (one population) or ``f(x, y)`` returning the derivatives of
            every share (length ``m``, or ``m + n``), the last ones included.
        """
        if self.game.free_symbols:
            names = ", ".join(sorted(s.name for s in self.game.free_symbols))
            raise SymbolicError(f"ReplicatorDynamics.numeric_field: free symbols {names}; substitute values first")
        arrays = self.game.numeric_arrays()
        if self.populations == 1:
            A = arrays[0]

            def f1(x: Any) -> np.ndarray:
                x = np.asarray(x, dtype=float)
                ax = A @ x
                return np.asarray(x * (ax - x @ ax))

            return f1
        A, B = arrays

        def f2(x: Any, y: Any) -> np.ndarray:
            x = np.asarray(x, dtype=float)
            y = np.asarray(y, dtype=float)
            ay, bx = A @ y, B.T @ x
            return np.concatenate([x * (ay - x @ ay), y * (bx - y @ bx)])

        return f2

    def trajectory(self, initial: Any = None, timepoints: Any = None) -> Any:
        """Integrate the dynamics numerically (nashpy's replicator integrators).

        Parameters
        ----------
        initial : array-like, or pair of array-likes for two populations
            Starting shares (each a probability vector); default: uniform.
        timepoints : array-like, optional
            Increasing times; default ``numpy.linspace(0, 10, 1000)``.

        Returns
        -------
        numpy.ndarray or (numpy.ndarray, numpy.ndarray)
            Shares at each time point, shape ``(len(timepoints), m)``
            (and ``(len(timepoints), n)`` for the second population).

        Raises
        ------
        ParameterError
            An initial state that is not a probability vector of the right length.
        SymbolicError
            A game with free symbols.
        """
        nash = importlib.import_module("nashpy.learning.replicator_dynamics")
        arrays = self.game.numeric_arrays() if not self.game.free_symbols else None
        if arrays is None:
            names = ", ".join(sorted(s.name for s in self.game.free_symbols))
            raise SymbolicError(f"ReplicatorDynamics.trajectory: free symbols {names}; substitute values first")
        t = np.linspace(0, 10, 1000) if timepoints is None else np.asarray(timepoints, dtype=float)
        if t.ndim != 1 or len(t) < 2 or np.any(np.diff(t) <= 0):
            raise ParameterError("ReplicatorDynamics.trajectory: timepoints must be an increasing 1-d sequence of >= 2 times")
        shape = self.game.shape
        if self.populations == 1:
            x0 = _probability(initial, shape[0], "initial")
            return np.asarray(nash.replicator_dynamics(arrays[0], y0=x0, timepoints=t))
        if initial is None:
            initial = (None, None)
        if not isinstance(initial, (tuple, list)) or len(initial) != 2:
            raise ParameterError("ReplicatorDynamics.trajectory: give initial = (x0, y0) for two populations")
        x0 = _probability(initial[0], shape[0], "initial x0")
        y0 = _probability(initial[1], shape[1], "initial y0")
        xs, ys = nash.asymmetric_replicator_dynamics(arrays[0], arrays[1], x0=x0, y0=y0, timepoints=t)
        return np.asarray(xs), np.asarray(ys)


def _probability(v: Any, m: int, what: str) -> np.ndarray:
    if v is None:
        return np.full(m, 1.0 / m)
    try:
        arr = np.asarray(v, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ParameterError(f"ReplicatorDynamics.trajectory: {what} {v!r} is not a numeric vector") from exc
    if arr.shape != (m,):
        raise ParameterError(f"ReplicatorDynamics.trajectory: {what} has shape {arr.shape}; expected ({m},)")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0) or not np.isclose(arr.sum(), 1.0):
        raise ParameterError(
            f"ReplicatorDynamics.trajectory: {what} = {arr.tolist()} is not a probability vector "
            "(allowed: non-negative shares summing to 1)"
        )
    return arr


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


# ---------------------------------------------------------------------------
# gradient of selection for n-player symmetric games
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SelectionRoot:
    """A zero of the gradient of selection.

    Attributes
    ----------
    value : sympy.Expr
        Exact root (a number, a radical, a ``CRootOf``, or an expression in
        the parameters).
    stability : str
        ``"stable"``, ``"unstable"``, ``"semi-stable"`` (flow on one side
        only towards it), ``"neutral"`` (the gradient vanishes everywhere) or
        ``"undetermined"`` (depends on the parameters; see ``stable_condition``).
    stable_condition : sympy Boolean
        Linear-stability condition: :math:`g'(x^*) < 0` (for an interior root,
        the sign of :math:`\\pi_1' - \\pi_2'`; at 0 :math:`D(0) < 0`, at 1 :math:`D(1) > 0`).
    condition : sympy Boolean
        When the root lies in ``(0, 1)`` (``true`` for 0, 1 and numeric roots).
    """

    value: sympy.Expr
    stability: str
    stable_condition: Any
    condition: Any


@dataclass(frozen=True)
class GradientOfSelection:
    r"""The gradient of selection :math:`g(x) = x(1-x)(\pi_1(x) - \pi_2(x))` of a two-strategy game.

    Attributes
    ----------
    game : SymmetricGame or Game
    x : sympy.Symbol
        Share of the first strategy.
    payoffs : tuple of sympy.Expr
        :math:`\pi_1(x)`, :math:`\pi_2(x)`: expected payoffs in groups drawn from
        an infinite population.
    difference : sympy.Expr
        :math:`\pi_1(x) - \pi_2(x)`.
    gradient : sympy.Expr
    roots : tuple of SelectionRoot
        0, 1 and every interior root, sorted for numeric games.
    """

    game: Any
    x: sympy.Symbol
    payoffs: tuple[sympy.Expr, sympy.Expr]
    difference: sympy.Expr
    gradient: sympy.Expr
    roots: tuple[SelectionRoot, ...]

    def __call__(self, x: Any) -> np.ndarray:
        """Evaluate the gradient numerically at shares ``x`` (numeric games only)."""
        if self.gradient.free_symbols - {self.x}:
            names = ", ".join(sorted(s.name for s in self.gradient.free_symbols - {self.x}))
            raise SymbolicError(f"GradientOfSelection: free symbols {names}; substitute values first")
        f = sympy.lambdify((self.x,), self.gradient, modules="numpy")
        return np.asarray(f(np.asarray(x, dtype=float)) + np.zeros_like(np.asarray(x, dtype=float)))


def _group_average(
    expr: sympy.Expr, count: sympy.Symbol, n: sympy.Expr, x: sympy.Symbol, where: str, label: str
) -> sympy.Expr:
    """E[expr(K)] for K ~ Binomial(n - 1, x)."""
    if count not in expr.free_symbols:
        return expr
    poly = None
    if not any(count in pw.free_symbols for pw in expr.atoms(sympy.Piecewise)):
        try:
            poly = sympy.Poly(expr, count)
        except sympy.PolynomialError:
            poly = None
    if poly is not None and not any(count in c.free_symbols for c in poly.coeffs()):
        total = sympy.Integer(0)
        for (j,), coeff in poly.terms():
            moment = sum(
                (stirling(j, i, kind=2) * sympy.expand_func(sympy.ff(n - 1, i)) * x**i for i in range(j + 1)),
                sympy.Integer(0),
            )
            total += coeff * moment
        return sympy.expand(total)
    if not isinstance(n, sympy.Integer):
        raise SymbolicError(
            f"{where}: the payoff of {label!r} is not a polynomial in {count} (e.g. a Piecewise in {count}), "
            f"so the group average needs a numeric number of players (n_players = {n}); substitute it first"
        )
    N = int(n) - 1
    if N + 1 > MAX_GROUP_SUM:
        raise SizeLimitError(
            f"{where}: summing a non-polynomial payoff over groups of {N + 1} players "
            f"(allowed: at most {MAX_GROUP_SUM}); write the payoff as a polynomial in {count}"
        )
    values = [sympy.piecewise_fold(expr.subs(count, k)) for k in range(N + 1)]
    # Bernstein -> monomial basis: coefficient of x^j is sum_{k<=j} b_k C(N,k) C(N-k, j-k) (-1)^(j-k)
    coeffs = []
    for j in range(N + 1):
        c = sum(
            (values[k] * sympy.binomial(N, k) * sympy.binomial(N - k, j - k) * (-1) ** (j - k) for k in range(j + 1)),
            sympy.Integer(0),
        )
        coeffs.append(sympy.expand(c))
    return sympy.expand(sum((c * x**j for j, c in enumerate(coeffs)), sympy.Integer(0)))


def _sign(value: sympy.Expr) -> int:
    v = float(sympy.N(value, 50))
    return 0 if v == 0 else (1 if v > 0 else -1)


def gradient_of_selection(game: SymmetricGame | Game, *, x: sympy.Symbol | None = None) -> GradientOfSelection:
    r"""The gradient of selection of a two-strategy population game, its roots and their stability.

    .. math::

       g(x) = x(1-x)\bigl(\pi_1(x) - \pi_2(x)\bigr)

    with group payoffs averaged over binomially many first-strategy
    co-players (see the module docstring).  Roots in ``[0, 1]`` are the fixed
    points of the replicator dynamics :math:`\dot x = g(x)`; a root is stable
    when the flow points towards it from both sides.

    Parameters
    ----------
    game : SymmetricGame or Game
        An ``n``-player ``SymmetricGame`` (``n`` may be symbolic or huge when
        the payoffs are polynomials in ``count``), or a symmetric two-player
        ``Game`` with two strategies.
    x : sympy.Symbol, optional
        The symbol for the share of the first strategy (default ``x``).

    Returns
    -------
    GradientOfSelection

    Raises
    ------
    GameError
        Not a two-strategy symmetric game.
    SymbolicError
        Symbolic parameters with interior roots that are not closed-form
        (payoff difference of degree > 2 in ``x``), or a non-polynomial payoff
        with a symbolic ``n``.
    SizeLimitError
        Non-polynomial payoffs with more than :data:`MAX_GROUP_SUM` players.

    Examples
    --------
    An ``N``-player stag hunt (Pacheco et al. 2009): cooperators pay ``c``; if at
    least ``M = 3`` of the ``n = 5`` group members cooperate, each gets ``5 c``.

    >>> import sympy
    >>> from games import SymmetricGame
    >>> k = sympy.Symbol("k")
    >>> hunt = SymmetricGame(5, {"C": sympy.Piecewise((5, k + 1 >= 3), (0, True)) - 1,
    ...                          "D": sympy.Piecewise((5, k >= 3), (0, True))}, count=k)
    >>> gos = gradient_of_selection(hunt)
    >>> [(round(float(r.value), 4), r.stability) for r in gos.roots]
    [(0.0, 'stable'), (0.2403, 'unstable'), (0.7597, 'stable'), (1.0, 'unstable')]

    A linear public goods game with a symbolic group size ``n`` (``r < n``: defection wins):

    >>> n, r = sympy.symbols("n r", positive=True)
    >>> pgg = SymmetricGame(n, {"C": r * (k + 1) / n - 1, "D": r * k / n}, count=k)
    >>> gradient_of_selection(pgg).difference
    -1 + r/n
    """
    where = "gradient_of_selection"
    xs = sympy.Symbol("x") if x is None else x
    if not isinstance(xs, sympy.Symbol):
        raise GameError(f"{where}: x must be a sympy Symbol, got {type(xs).__name__}")
    if isinstance(game, Game):
        if game.shape != (2, 2) or not _is_symmetric(game):
            raise GameError(
                f"{where}: a Game must be a symmetric two-player game with two strategies "
                f"(shape {game.shape}); use replicator_dynamics for more strategies"
            )
        a, b = game.payoffs[0][0, 0], game.payoffs[0][0, 1]
        c, d = game.payoffs[0][1, 0], game.payoffs[0][1, 1]
        p1 = sympy.expand(a * xs + b * (1 - xs))
        p2 = sympy.expand(c * xs + d * (1 - xs))
    elif isinstance(game, SymmetricGame):
        e1, e2 = game.payoff_exprs
        assert game.strategies is not None
        p1 = _group_average(e1, game.count, game.n_players, xs, where, game.strategies[0])
        p2 = _group_average(e2, game.count, game.n_players, xs, where, game.strategies[1])
    else:
        raise GameError(f"{where}: expected a SymmetricGame or Game, got {type(game).__name__}")
    if xs in game.free_symbols:
        raise GameError(f"{where}: the game already uses the symbol {xs}; pass another x")
    D = sympy.expand(p1 - p2)
    grad = sympy.factor(xs * (1 - xs)) * D
    params = D.free_symbols - {xs}
    dD = sympy.diff(D, xs)
    roots: list[SelectionRoot] = []
    if params:
        poly = sympy.Poly(D, xs)
        if poly.degree() > 2:
            raise SymbolicError(
                f"{where}: the payoff difference has degree {poly.degree()} in {xs} with parameters "
                f"{', '.join(sorted(s.name for s in params))}; substitute values for numeric roots"
            )
        roots.append(SelectionRoot(sympy.Integer(0), "undetermined", D.subs(xs, 0) < 0, sympy.true))
        # generic closed-form roots of q0 + q1 x (+ q2 x^2) on placeholder coefficients, then
        # substituted back (the coefficients may be large Piecewise expressions)
        coeffs = list(reversed(poly.all_coeffs()))
        qs = [sympy.Symbol(f"_q{i}", real=True) if c.free_symbols else c for i, c in enumerate(coeffs)]
        back = {q: c for q, c in zip(qs, coeffs) if isinstance(q, sympy.Symbol)}
        if poly.degree() == 1:
            generic = [-qs[0] / qs[1]]
        elif poly.degree() == 2:
            disc = sympy.sqrt(qs[1] ** 2 - 4 * qs[2] * qs[0])
            generic = [(-qs[1] - disc) / (2 * qs[2]), (-qs[1] + disc) / (2 * qs[2])]
        else:
            generic = []
        for r in generic:
            slope = sum((i * q * r ** (i - 1) for i, q in enumerate(qs) if i), sympy.Integer(0))
            r_s, slope_s = sympy.simplify(r), sympy.simplify(slope)
            rr, ss = r_s.xreplace(back), slope_s.xreplace(back)
            roots.append(SelectionRoot(rr, "undetermined", ss < 0, sympy.And(rr > 0, rr < 1)))
        roots.append(SelectionRoot(sympy.Integer(1), "undetermined", D.subs(xs, 1) > 0, sympy.true))
        return GradientOfSelection(game, xs, (p1, p2), D, grad, tuple(roots))
    if D == 0:
        roots = [SelectionRoot(sympy.Integer(v), "neutral", sympy.false, sympy.true) for v in (0, 1)]
        return GradientOfSelection(game, xs, (p1, p2), D, grad, tuple(roots))
    poly = sympy.Poly(D, xs)
    found: list[sympy.Expr] = []
    # radicals for degree <= 2; exact isolated real roots (CRootOf) above, which avoids
    # the complex radicals of the casus irreducibilis
    cands = list(sympy.roots(poly)) if poly.degree() <= 2 else list(poly.real_roots())
    for r in cands:
        if not r.is_real:
            continue
        if (r > 0) == sympy.true and (r < 1) == sympy.true and not any(r == f for f in found):
            found.append(r)
    values = [sympy.Integer(0)] + sorted(found, key=lambda r: float(sympy.N(r, 50))) + [sympy.Integer(1)]
    mids = [_sign(D.subs(xs, (sympy.N(values[i], 50) + sympy.N(values[i + 1], 50)) / 2)) for i in range(len(values) - 1)]
    for i, v in enumerate(values):
        left = mids[i - 1] if i > 0 else None
        right = mids[i] if i < len(mids) else None
        towards = (left is None or left > 0) and (right is None or right < 0)
        away = (left is None or left < 0) and (right is None or right > 0)
        stab = "stable" if towards else "unstable" if away else "semi-stable"
        if i == 0:
            sc = D.subs(xs, 0) < 0
        elif i == len(values) - 1:
            sc = D.subs(xs, 1) > 0
        else:
            sc = dD.subs(xs, v) < 0
        roots.append(SelectionRoot(v, stab, sc, sympy.true))
    return GradientOfSelection(game, xs, (p1, p2), D, grad, tuple(roots))
