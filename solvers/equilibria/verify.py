r"""Verification of equilibria: regrets and the exact (or tolerance) Nash test.

Every solver verifies each equilibrium it returns with these functions.  It also holds the
conversions of a game's payoffs that the solvers share, computed once per game object
(:func:`cached`): float arrays, Fraction arrays and the integer bimatrix.  numpy is imported by the
functions that use it, so that an exact two-player solve (integers only) never loads it (issue 17).
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy

from games.core import Game
from games.errors import GameError, SymbolicError
from games.symmetric import SymmetricGame
from solvers.errors import ProfileError
from solvers.results.equilibria import FLOAT_TOL, _is_exact_number, _to_fraction

if TYPE_CHECKING:
    import numpy as np

__all__ = ["regrets", "is_nash_equilibrium"]


def rational_payoff_arrays(game: Game) -> tuple[np.ndarray, ...] | None:
    """The payoffs as object arrays of :class:`fractions.Fraction`, or None if some entry is irrational."""
    import numpy as np

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


#: Per-game conversions of the payoffs (float arrays, scaled integers), kept for the games still alive:
#: entries are keyed by ``id(game)`` and dropped when the game is garbage-collected, at most
#: :data:`_CACHE_SIZE` of them (the oldest go first).
_CACHE: dict[tuple[int, str], Any] = {}
_CACHE_SIZE = 64
_WATCHED: set[int] = set()  # ids of the games with a finalizer that clears their entries


def _forget(ident: int) -> None:
    _WATCHED.discard(ident)
    for key in [k for k in _CACHE if k[0] == ident]:
        del _CACHE[key]


def cached(game: Game, what: str, compute: Callable[[Game], Any]) -> Any:
    """``compute(game)``, computed once per live game object (``Game`` is immutable, so it cannot go stale)."""
    key = (id(game), what)
    if key in _CACHE:
        return _CACHE[key]
    value = compute(game)
    if len(_CACHE) >= _CACHE_SIZE:
        del _CACHE[next(iter(_CACHE))]
    _CACHE[key] = value
    if key[0] not in _WATCHED:
        _WATCHED.add(key[0])
        weakref.finalize(game, _forget, key[0])
    return value


def is_rational(game: Game) -> bool:
    """Whether every payoff is a sympy ``Rational`` (computed once per game object, :func:`cached`)."""
    return cached(game, "rational", _is_rational)  # type: ignore[no-any-return]


def _is_rational(game: Game) -> bool:
    return all(isinstance(v, sympy.Rational) for arr in game.payoffs for v in arr._array)  # noqa: SLF001


def float_arrays(game: Game) -> tuple[np.ndarray, ...]:
    """The payoffs as float arrays, each rational payoff ``p/q`` rounded correctly by integer division.

    Same values as :meth:`games.core.Game.numeric_arrays` (Python's ``int / int`` is correctly
    rounded, as ``float(Rational)`` is) at a fraction of the cost: no sympy evaluation per entry, and
    computed once per game object (:func:`cached`; the arrays are read-only).  Irrational payoffs go
    through ``numeric_arrays``.
    """
    return cached(game, "float", _float_arrays)  # type: ignore[no-any-return]


def _float_arrays(game: Game) -> tuple[np.ndarray, ...]:
    import numpy as np

    if not is_rational(game):
        arrays = game.numeric_arrays()
        for a in arrays:
            a.flags.writeable = False
        return arrays
    out = []
    for arr in game.payoffs:
        flat = arr._array  # noqa: SLF001 - sympy's flat storage
        a = np.array([v.p / v.q for v in flat], dtype=float).reshape(game.shape)
        a.flags.writeable = False
        out.append(a)
    return tuple(out)


def integer_bimatrix(game: Game) -> tuple[list[list[int]], list[list[int]], int, int] | None:
    """The two payoff matrices scaled to integers: ``(A_int, B_int, den_A, den_B)`` with ``A = A_int / den_A``.

    None when some payoff is not rational.  Computed once per game object
    (:func:`cached`); treat the lists as read-only.  Plain Python integers, no numpy: the exact
    two-player routes (the 2 x 2 closed form, the reverse search) start from here.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from games import Game
    >>> integer_bimatrix(Game.from_bimatrix([[1, Fraction(1, 2)], [0, 2]], [[3, 0], [0, 1]]))
    ([[2, 1], [0, 4]], [[3, 0], [0, 1]], 2, 1)
    """
    return cached(game, "integers", _integer_bimatrix)  # type: ignore[no-any-return]


def _integer_bimatrix(game: Game) -> tuple[list[list[int]], list[list[int]], int, int] | None:
    out: list[Any] = []
    dens = []
    m, n = game.shape
    for arr in game.payoffs:
        flat = arr._array  # noqa: SLF001 - sympy's flat storage
        if not all(isinstance(v, sympy.Rational) for v in flat):
            return None
        qs = {int(v.q) for v in flat}
        den = math.lcm(*qs)
        mult = {q: den // q for q in qs}
        ints = [int(v.p) * mult[int(v.q)] for v in flat]
        out.append([ints[i * n:(i + 1) * n] for i in range(m)])
        dens.append(den)
    return out[0], out[1], dens[0], dens[1]


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
    import numpy as np

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
    import numpy as np

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
    arrays = float_arrays(game)
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
    import numpy as np

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
    arrays = float_arrays(game)
    scales = [max(1.0, float(np.max(np.abs(a)))) for a in arrays]
    fl_prof = [[float(v) for v in p] for p in prof]
    return all(r <= t * s for r, s in zip(regrets(game, fl_prof), scales))


def check_numeric_game(game: Any, where: str) -> None:
    """The checks every numeric solver makes first: a :class:`~games.core.Game` without free symbols.

    Raises
    ------
    GameError
        For a :class:`~games.symmetric.SymmetricGame` (pointing to its own solver) or anything else.
    SymbolicError
        For a game with free symbols, naming them.
    """
    if isinstance(game, SymmetricGame):
        raise GameError(
            f"{where}: got a SymmetricGame; use solvers.symmetric_equilibria(game) for its symmetric "
            "equilibria, or game.to_game() (small n) for a full Game"
        )
    if not isinstance(game, Game):
        raise GameError(f"{where}: expected a games.Game, got {type(game).__name__}")
    if game.free_symbols:
        names = ", ".join(sorted(s.name for s in game.free_symbols))
        raise SymbolicError(
            f"{where}: the game {game.name!r} has free symbols {names}; substitute values first "
            "(Game.subs) or use equilibrium_conditions for closed forms"
        )
