r"""Results of the dynamics: replicator systems with their fixed points, and gradients of selection.

Frozen values that know no algorithm and no rendering.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import ParameterError, SymbolicError

__all__ = ["ReplicatorDynamics", "FixedPoint", "GradientOfSelection", "SelectionRoot"]


_STABILITIES = ("stable", "unstable", "non-hyperbolic", "undetermined")


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

