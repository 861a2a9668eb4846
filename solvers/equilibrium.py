r"""The :class:`Equilibrium` result object and the checks every solver runs before returning one.

An :class:`Equilibrium` is a mixed-strategy profile (one probability vector per
player) together with each player's expected payoff.  In exact mode the
probabilities and payoffs are sympy ``Rational``; in float mode they are Python
floats.  :class:`Equilibria` is the list the solvers return: a plain ``list`` of
equilibria that also carries what was learnt about the game (degeneracy,
connected components, exact or float).

Verification
------------
:func:`regrets` returns, for each player, how much she could gain by deviating
to her best pure strategy; a profile is a Nash equilibrium when every regret is
zero.  Exact profiles of rational games are checked in rational arithmetic (the
regret must be exactly 0).  Float profiles are checked with the tolerance

.. math:: \text{regret}_i \le \text{tol} \cdot \max(1, \max_s |u_i(s)|),

with ``tol = 1e-9`` by default (:data:`FLOAT_TOL`), and each probability vector
must be non-negative and sum to one within the same tolerance.

Examples
--------
>>> from games import Game
>>> pennies = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
>>> from sympy import Rational
>>> half = (Rational(1, 2), Rational(1, 2))
>>> is_nash_equilibrium(pennies, (half, half))
True
>>> regrets(pennies, ((1, 0), (1, 0)))
(0, 2)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import AligngamesError, GameError

__all__ = [
    "Equilibrium",
    "Equilibria",
    "EquilibriumComponent",
    "regrets",
    "is_nash_equilibrium",
    "FLOAT_TOL",
    "ProfileError",
]

#: Relative tolerance of float-mode verification (see the module docstring).
FLOAT_TOL = 1e-9


class ProfileError(AligngamesError):
    """A strategy profile does not fit the game (wrong lengths, negative or non-summing probabilities)."""


# ---------------------------------------------------------------------------
# number helpers
# ---------------------------------------------------------------------------

def _is_exact_number(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (numbers.Integral, Fraction)):
        return True
    return isinstance(v, sympy.Rational)


def _to_fraction(v: Any) -> Fraction:
    if isinstance(v, sympy.Rational):
        return Fraction(int(v.p), int(v.q))
    return Fraction(v)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


def _latex_number(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    return sympy.latex(sympy.sympify(v, strict=True))


def rational_payoff_arrays(game: Game) -> tuple[np.ndarray, ...] | None:
    """The payoffs as object arrays of :class:`fractions.Fraction`, or None if some entry is irrational."""
    out = []
    for arr in game.payoffs:
        flat = arr._array  # noqa: SLF001 - sympy's flat storage
        vals = []
        for v in flat:
            if not isinstance(v, sympy.Rational):
                return None
            vals.append(Fraction(int(v.p), int(v.q)))
        a = np.empty(len(vals), dtype=object)
        a[:] = vals
        out.append(a.reshape(game.shape))
    return tuple(out)


# ---------------------------------------------------------------------------
# verification
# ---------------------------------------------------------------------------

def _check_profile(game: Game, profile: Sequence[Sequence[Any]]) -> list[list[Any]]:
    if isinstance(profile, (str, bytes)) or not isinstance(profile, Iterable):
        raise ProfileError(f"profile: expected one probability vector per player, got {type(profile).__name__}")
    prof = [list(p) for p in profile]
    if len(prof) != game.n_players:
        raise ProfileError(
            f"profile: {len(prof)} probability vectors given for {game.n_players} players ({', '.join(game.players)})"
        )
    for i, p in enumerate(prof):
        if len(p) != len(game.strategies[i]):
            raise ProfileError(
                f"profile: player {game.players[i]!r} has {len(game.strategies[i])} strategies, "
                f"got a vector of length {len(p)}"
            )
    return prof


def _pure_payoff_vectors(arrays: Sequence[np.ndarray], prof: Sequence[np.ndarray]) -> list[np.ndarray]:
    """``v[i][s]`` = expected payoff of player i playing pure ``s`` against the others' mixed strategies.

    Works for float arrays and for object arrays of Fractions (exact).
    """
    n = len(arrays)
    out = []
    for i in range(n):
        u = arrays[i]
        # contract axes from the last to the first, skipping i; axis indices stay valid when going downwards
        for j in range(n - 1, -1, -1):
            if j == i:
                continue
            u = np.tensordot(u, prof[j], axes=([j], [0]))
        out.append(np.asarray(u).reshape(-1))
    return out


def regrets(game: Game, profile: Sequence[Sequence[Any]]) -> tuple[Any, ...]:
    r"""Each player's gain from her best pure deviation: :math:`\max_s u_i(s, \sigma_{-i}) - u_i(\sigma)`.

    Exact (``Fraction``-based, returned as sympy ``Rational``) when every
    probability is an int, ``Fraction`` or sympy ``Rational`` and the payoffs
    are rational; floats otherwise.

    Parameters
    ----------
    game : Game
        A numeric game (no free symbols).
    profile : sequence of sequences
        One probability vector per player.

    Returns
    -------
    tuple
        One regret per player (0 at an equilibrium).

    Raises
    ------
    SymbolicError
        If the game has free symbols (they are named).
    ProfileError
        If the profile does not fit the game.

    Examples
    --------
    >>> from games import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]])
    >>> regrets(pd, ((1, 0), (1, 0)))
    (2, 2)
    """
    prof = _check_profile(game, profile)
    if not game.is_numeric:
        game.numeric_arrays()  # raises naming the symbols
    exact = all(_is_exact_number(v) for p in prof for v in p)
    rat = rational_payoff_arrays(game) if exact else None
    if rat is not None:
        fprof = []
        for p in prof:
            a = np.empty(len(p), dtype=object)
            a[:] = [_to_fraction(v) for v in p]
            fprof.append(a)
        vecs = _pure_payoff_vectors(rat, fprof)
        out: list[Any] = []
        for v, pv in zip(vecs, fprof):
            value = sum((a * b for a, b in zip(v, pv)), Fraction(0))
            best = max(v)
            r = best - value
            out.append(sympy.Rational(r.numerator, r.denominator))
        return tuple(out)
    arrays = game.numeric_arrays()
    fl = [np.asarray([float(v) for v in p], dtype=float) for p in prof]
    vecs = _pure_payoff_vectors(arrays, fl)
    return tuple(float(np.max(v) - v @ p) for v, p in zip(vecs, fl))


def is_nash_equilibrium(game: Game, profile: Sequence[Sequence[Any]], *, tol: float | None = None) -> bool:
    r"""Whether ``profile`` is a Nash equilibrium of ``game`` (mutual best responses).

    Exact profiles (ints, ``Fraction``, sympy ``Rational``) of rational games
    are checked exactly: every probability non-negative, each vector summing
    to 1, every regret exactly 0.  Otherwise floats are checked with the
    relative tolerance ``tol`` (default :data:`FLOAT_TOL` = 1e-9) scaled by
    ``max(1, max |payoff|)`` of each player.

    Examples
    --------
    >>> from games import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]])
    >>> is_nash_equilibrium(pd, ((0, 1), (0, 1)))
    True
    >>> is_nash_equilibrium(pd, ((0.5, 0.5), (0, 1)))
    False
    """
    prof = _check_profile(game, profile)
    exact = all(_is_exact_number(v) for p in prof for v in p) and rational_payoff_arrays(game) is not None
    if exact and tol is None:
        for p in prof:
            fr = [_to_fraction(v) for v in p]
            if any(v < 0 for v in fr) or sum(fr, Fraction(0)) != 1:
                return False
        return all(r == 0 for r in regrets(game, prof))
    t = FLOAT_TOL if tol is None else float(tol)
    if not (t >= 0 and math.isfinite(t)):
        raise GameError(f"is_nash_equilibrium: tol must be a finite non-negative number, got {tol!r}")
    for p in prof:
        fl = [float(v) for v in p]
        if min(fl) < -t or abs(sum(fl) - 1.0) > t * len(fl):
            return False
    arrays = game.numeric_arrays()
    scales = [max(1.0, float(np.max(np.abs(a)))) for a in arrays]
    fl_prof = [[float(v) for v in p] for p in prof]
    return all(r <= t * s for r, s in zip(regrets(game, fl_prof), scales))


# ---------------------------------------------------------------------------
# result objects
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Equilibrium:
    r"""One Nash equilibrium: a mixed-strategy profile and the players' expected payoffs.

    Attributes
    ----------
    profile : tuple of tuples
        One probability vector per player, in the order of ``game.strategies``
        (sympy ``Rational`` in exact mode, ``float`` in float mode).
    payoffs : tuple
        Each player's expected payoff at the profile.
    players : tuple of str
        Player names (for display).
    strategies : tuple of tuples of str
        Strategy names (for display).
    exact : bool
        True when computed and verified in rational arithmetic.

    Examples
    --------
    >>> from sympy import Rational
    >>> e = Equilibrium(profile=((Rational(1, 2), Rational(1, 2)), (1.0, 0.0)),
    ...                 payoffs=(Rational(3, 2), 2.0), players=("Row", "Column"),
    ...                 strategies=(("U", "D"), ("L", "R")), exact=False)
    >>> print(e)
    Row: 1/2 U + 1/2 D; Column: L  (payoffs 3/2, 2)
    >>> e.is_pure
    False
    >>> e.support
    ((0, 1), (0,))
    """

    profile: tuple[tuple[Any, ...], ...]
    payoffs: tuple[Any, ...]
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()
    exact: bool = True

    def __post_init__(self) -> None:
        if not self.players:
            object.__setattr__(self, "players", tuple(f"Player {i + 1}" for i in range(len(self.profile))))
        if not self.strategies:
            object.__setattr__(
                self, "strategies", tuple(tuple(f"s{j + 1}" for j in range(len(p))) for p in self.profile)
            )

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the strategies each player uses with positive probability."""
        return tuple(tuple(j for j, v in enumerate(p) if v != 0) for p in self.profile)

    @property
    def is_pure(self) -> bool:
        """True when every player uses a single strategy."""
        return all(len(s) == 1 for s in self.support)

    def as_floats(self) -> tuple[tuple[float, ...], ...]:
        """The profile as floats."""
        return tuple(tuple(float(v) for v in p) for p in self.profile)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly description: per player its probability of each strategy, and payoffs.

        Exact numbers become ``"p/q"`` strings (integers stay ints); floats stay floats.
        """
        def conv(v: Any) -> Any:
            if isinstance(v, float):
                return v
            if isinstance(v, sympy.Integer):
                return int(v)
            if isinstance(v, sympy.Rational):
                return f"{v.p}/{v.q}"
            return str(v)
        return {
            "profile": {
                pl: {s: conv(v) for s, v in zip(st, p)}
                for pl, st, p in zip(self.players, self.strategies, self.profile)
            },
            "payoffs": {pl: conv(v) for pl, v in zip(self.players, self.payoffs)},
            "exact": self.exact,
        }

    def _player_text(self, i: int) -> str:
        parts = []
        for s, v in zip(self.strategies[i], self.profile[i]):
            if v == 0:
                continue
            parts.append(s if v == 1 else f"{_fmt(v)} {s}")
        return " + ".join(parts)

    def __str__(self) -> str:
        body = "; ".join(f"{pl}: {self._player_text(i)}" for i, pl in enumerate(self.players))
        return f"{body}  (payoffs {', '.join(_fmt(v) for v in self.payoffs)})"

    def latex(self) -> str:
        r"""The profile as LaTeX: one probability vector per player, then the payoffs.

        Examples
        --------
        >>> from sympy import Rational
        >>> e = Equilibrium(((Rational(1, 3), Rational(2, 3)), (1, 0)), (Rational(1, 2), 2))
        >>> print(e.latex())
        \left(\left(\frac{1}{3}, \frac{2}{3}\right), \left(1, 0\right)\right),\quad u = \left(\frac{1}{2}, 2\right)
        """
        vecs = ", ".join(r"\left(" + ", ".join(_latex_number(v) for v in p) + r"\right)" for p in self.profile)
        pays = ", ".join(_latex_number(v) for v in self.payoffs)
        return r"\left(" + vecs + r"\right),\quad u = \left(" + pays + r"\right)"

    def _repr_latex_(self) -> str:
        return "$" + self.latex() + "$"


@dataclass(frozen=True)
class EquilibriumComponent:
    r"""A connected set of Nash equilibria of a two-player game.

    The set is the union of its maximal Nash subsets (Gambit's "cliques"):
    each clique ``(rows, cols)`` says that every mixture of the row strategies
    ``rows`` with every mixture of the column strategies ``cols`` is an
    equilibrium, i.e. ``conv(rows) x conv(cols)``.  Components are the
    connected pieces of the union; each is closed and connected, and an
    isolated equilibrium is a component with one clique of one pair.

    Attributes
    ----------
    extreme : tuple of int
        Indices (into the list of extreme equilibria) of the component's
        extreme equilibria.
    cliques : tuple of (tuple of int, tuple of int)
        Maximal Nash subsets as (row-vertex indices, column-vertex indices)
        into ``row_vertices`` and ``col_vertices``.
    row_vertices, col_vertices : tuple of tuples
        The distinct extreme mixed strategies of each player in the component.
    """

    extreme: tuple[int, ...]
    cliques: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    row_vertices: tuple[tuple[Any, ...], ...]
    col_vertices: tuple[tuple[Any, ...], ...]

    @property
    def is_isolated(self) -> bool:
        """True when the component is a single equilibrium."""
        return len(self.row_vertices) == 1 and len(self.col_vertices) == 1

    def __str__(self) -> str:
        def vec(p: tuple[Any, ...]) -> str:
            return "(" + ", ".join(_fmt(v) for v in p) + ")"
        parts = []
        for rows, cols in self.cliques:
            r = " | ".join(vec(self.row_vertices[i]) for i in rows)
            c = " | ".join(vec(self.col_vertices[j]) for j in cols)
            parts.append(f"conv{{{r}}} x conv{{{c}}}")
        return " U ".join(parts)


class Equilibria(list):  # type: ignore[type-arg]
    """The list of equilibria a solver returns, with what was learnt about the game.

    A plain ``list`` of :class:`Equilibrium` (so ``len``, indexing and
    iteration work as usual) with extra attributes:

    Attributes
    ----------
    degenerate : bool or None
        For two-player games: True when some mixed strategy has more pure best
        responses than the size of its support (then equilibria may come in
        connected sets, see ``components``).  None when not determined.
    components : list of EquilibriumComponent
        Connected components of the equilibrium set (two-player games).
    exact : bool
        True when computed and verified in rational arithmetic.
    method : str
        The algorithm used.
    complete : bool
        True when the list is every extreme equilibrium (two-player games), or
        every pure equilibrium (N-player games, see ``method``).
    """

    degenerate: bool | None
    components: list[EquilibriumComponent]
    exact: bool
    method: str
    complete: bool

    def __init__(
        self,
        items: Iterable[Equilibrium] = (),
        *,
        degenerate: bool | None = None,
        components: Iterable[EquilibriumComponent] = (),
        exact: bool = True,
        method: str = "",
        complete: bool = True,
    ) -> None:
        super().__init__(items)
        self.degenerate = degenerate
        self.components = list(components)
        self.exact = exact
        self.method = method
        self.complete = complete

    def __repr__(self) -> str:
        return (
            f"Equilibria({list.__repr__(self)}, degenerate={self.degenerate}, "
            f"components={len(self.components)}, exact={self.exact}, method={self.method!r})"
        )

    def __str__(self) -> str:
        lines = [str(e) for e in self]
        if self.degenerate:
            lines.append(f"(degenerate game: {len(self.components)} connected component(s) of equilibria)")
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        body = r" \\ ".join(e.latex() for e in self)
        return r"$\begin{array}{l}" + body + r"\end{array}$"

