r"""Results of the equilibrium solvers: frozen values that know no algorithm and no rendering.

:class:`Equilibrium` (one profile with its payoffs), :class:`Equilibria` (the
list :func:`solvers.nash_equilibria` returns, with its degeneracy and
connected components), :class:`EquilibriumComponent`,
:class:`ExtremeEquilibria`, :class:`Elimination` and
:class:`SymmetricEquilibrium`.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from games.core import Game
from solvers.results._display import Rendered, inline_latex

__all__ = [
    "Equilibrium",
    "Equilibria",
    "EquilibriumComponent",
    "FLOAT_TOL",
    "ExtremeEquilibria",
    "Elimination",
    "SymmetricEquilibrium",
]


#: Relative tolerance of float-mode verification (see the module docstring).
FLOAT_TOL = 1e-9


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


@dataclass(frozen=True)
class Equilibrium(Rendered):
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



    def latex(self) -> str:
        r"""The profile as LaTeX: one probability vector per player, then the payoffs.

        Examples
        --------
        >>> from sympy import Rational
        >>> e = Equilibrium(((Rational(1, 3), Rational(2, 3)), (1, 0)), (Rational(1, 2), 2))
        >>> print(e.latex())
        \left(\left(\frac{1}{3}, \frac{2}{3}\right), \left(1, 0\right)\right),\quad u = \left(\frac{1}{2}, 2\right)
        """
        return inline_latex(self)



@dataclass(frozen=True)
class EquilibriumComponent(Rendered):
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



class Equilibria(Rendered, list):  # type: ignore[type-arg]
    """The list of equilibria a solver returns, with what was learnt about the game.

    A plain ``list`` of :class:`Equilibrium` (so ``len``, indexing and
    iteration work as usual) with extra attributes:

    Attributes
    ----------
    degenerate : bool or None
        Whether the game is degenerate (the property below: it may be
        computed on its first read).
    components : list of EquilibriumComponent
        Connected components of the equilibrium set (two-player games).
    exact : bool
        True when computed and verified in rational arithmetic.
    method : str
        The algorithm used.
    complete : bool
        True when the list is every extreme equilibrium (two-player games), or
        every pure equilibrium (N-player games, see ``method``).

    Notes
    -----
    ``degenerate`` is True when some mixed strategy has more pure best
    responses than the size of its support (then equilibria may come in
    connected sets, see ``components``), and None when not determined.  The
    exact two-player enumeration walks the row player's polytope P only; when
    neither that walk nor any equilibrium meets a degenerate vertex, the
    equilibria are every one there is, each isolated, but whether the column
    player's polytope Q is degenerate would take a second walk, of Q.  That
    walk is made once, on the first read of ``degenerate``: about as long as
    the enumeration took, and never longer than the call's ``time_limit``
    (past it the answer is None).  ``repr`` shows ``<deferred>`` rather than
    making it.
    """

    components: list[EquilibriumComponent]
    exact: bool
    method: str
    complete: bool

    def __init__(
        self,
        items: Iterable[Equilibrium] = (),
        *,
        degenerate: bool | None | Callable[[], bool | None] = None,
        components: Iterable[EquilibriumComponent] = (),
        exact: bool = True,
        method: str = "",
        complete: bool = True,
    ) -> None:
        super().__init__(items)
        self._degenerate = degenerate
        self.components = list(components)
        self.exact = exact
        self.method = method
        self.complete = complete

    @property
    def degenerate(self) -> bool | None:
        """bool or None: whether the game is degenerate (two-player games); may be computed on its first read (Notes).

        True when some mixed strategy has more pure best responses than the size
        of its support (then equilibria may come in connected sets, see
        ``components``); None when not determined.  The exact enumeration may
        leave it to the first read: when the walk of the row player's polytope
        P met no degenerate vertex and no equilibrium has one, the equilibria
        are already every one there is, and whether the column player's
        polytope Q is degenerate takes a walk of Q, made (once) on that read:
        about as long as the enumeration took, and never longer than the
        call's ``time_limit`` (past it the answer is None).  ``repr`` shows
        ``<deferred>`` rather than making that walk.
        """
        got = self._degenerate
        if callable(got):
            got = self._degenerate = got()
        return got

    def __repr__(self) -> str:
        return (
            f"Equilibria({list.__repr__(self)}, "
            f"degenerate={'<deferred>' if callable(self._degenerate) else self._degenerate}, "
            f"components={len(self.components)}, exact={self.exact}, method={self.method!r})"
        )




@dataclass(frozen=True)
class ExtremeEquilibria:
    """The extreme equilibria of a two-player game as pairs of polytope vertices.

    Attributes
    ----------
    row_vertices : tuple of tuples
        Distinct normalised mixed strategies of the row player appearing in
        some extreme equilibrium (``Fraction`` when exact, float otherwise).
    col_vertices : tuple of tuples
        Same for the column player.
    pairs : tuple of (int, int)
        The extreme equilibria as (row vertex index, column vertex index), in
        deterministic order.
    degenerate : bool
        True when some vertex of P has more than m labels or some vertex of Q
        more than n labels (a mixed strategy with more pure best responses
        than its support size).
    exact : bool
    """

    row_vertices: tuple[tuple[Any, ...], ...]
    col_vertices: tuple[tuple[Any, ...], ...]
    pairs: tuple[tuple[int, int], ...]
    degenerate: bool
    exact: bool

    def profiles(self) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
        """The extreme equilibria as (row strategy, column strategy) pairs."""
        return [(self.row_vertices[i], self.col_vertices[j]) for i, j in self.pairs]


@dataclass(frozen=True)
class Elimination:
    """Result of iterated elimination of strictly dominated strategies.

    Attributes
    ----------
    game : Game
        The reduced game (the surviving strategies, with their names).
    surviving : tuple of tuples of int
        Indices (in the original game) of each player's surviving strategies.
    steps : tuple of (int, int, str, str)
        ``(round, player, eliminated strategy, dominating strategy)`` in order.
    """

    game: Game
    surviving: tuple[tuple[int, ...], ...]
    steps: tuple[tuple[int, int, str, str], ...]


@dataclass(frozen=True)
class SymmetricEquilibrium(Rendered):
    """A symmetric equilibrium: every player plays the first strategy with probability ``p``.

    Attributes
    ----------
    p : sympy number or sympy.Interval
        Probability of the first strategy: exact (``Rational``, ``CRootOf``)
        on the exact routes, a ``sympy.Float`` with ``dps`` digits on the
        numeric one; ``Interval(0, 1)`` when every p is an equilibrium.
    kind : str
        ``"pure"``, ``"mixed"`` or ``"continuum"``.
    payoff : sympy number
        Every player's expected payoff.
    stable : bool or None
        Asymptotically stable under the replicator dynamics (None for a continuum).
    exact : bool
        True when ``p`` is exact.
    strategies : tuple of str
    """

    p: Any
    kind: str
    payoff: Any
    stable: bool | None
    exact: bool
    strategies: tuple[str, str] = ("first", "second")



