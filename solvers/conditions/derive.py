r"""Closed-form equilibrium conditions of symbolic games.

:func:`equilibrium_conditions` finds every Nash equilibrium of a game whose
payoffs are sympy expressions, as closed-form expressions in the parameters,
each with the sympy Boolean condition on the parameters under which it is an
equilibrium.  No numeric solver accepts symbolic payoffs; this is the
toolkit's answer to "Alignment is the equilibrium iff ...".

Method
------
*Two-player games* (up to 3 x 3, 4 x 2 or 6 x 1 symbolic; 5 x 5 numeric): symbolic support
enumeration.  For every pair of supports :math:`(I, J)` the indifference
equations

.. math::

    \sum_{j \in J} A_{ij} y_j = v \;(i \in I), \qquad \sum_{j \in J} y_j = 1,
    \qquad
    \sum_{i \in I} B_{ij} x_i = u \;(j \in J), \qquad \sum_{i \in I} x_i = 1

are solved by Gaussian elimination that *branches* on every pivot whose
sign the parameters leave open: one branch assumes the pivot is non-zero
(the generic case, a unique mixed profile), the other that it is zero (a
degenerate boundary, where the system has a free variable and the game a
continuum of equilibria, or no solution).  The condition of a profile is then

* the branch's (in)equalities on the pivots and consistency equations,
* :math:`x_i > 0` on the support (so each equilibrium is reported under its
  exact support, once), and
* no profitable deviation: :math:`(A y)_i \le v` for :math:`i \notin I` and
  :math:`(x^\top B)_j \le u` for :math:`j \notin J`.

Pure profiles are the supports of size one; their conditions are the weak
best-response inequalities.  A branch with a free variable is returned as a
``"continuum"`` record whose profile contains the free mixture variables
(``sigma1_2`` is player 1's probability of her second strategy) and whose
condition says which values they may take.

*N-player games* (N >= 3, or one player): every pure profile, with its
best-response inequalities.  Mixed equilibria of N >= 3-player games are not
enumerated (see :func:`solvers.nash_equilibria` for numeric games).

*Symmetric n-player games* (:class:`~games.symmetric.SymmetricGame`): the
symmetric equilibria.  All-first is an equilibrium iff
:math:`\pi_1(n-1) \ge \pi_2(n-1)`, all-second iff :math:`\pi_2(0) \ge
\pi_1(0)`; an interior mixed equilibrium :math:`x` is a root in (0, 1) of the
gain function

.. math::

    G(x) = \sum_{k=0}^{n-1} \binom{n-1}{k} x^k (1-x)^{n-1-k}
           \bigl(\pi_1(k) - \pi_2(k)\bigr).

When :math:`\pi_1 - \pi_2` is a polynomial in the count, :math:`G` follows in
closed form for symbolic :math:`n` from the binomial factorial moments
:math:`E[k^{\underline{i}}] = (n-1)^{\underline{i}} x^i` (Stirling numbers of
the second kind turn powers into falling factorials); otherwise :math:`n`
must be a number and the sum is expanded.  Roots are found in closed form up to
degree 2 for symbolic coefficients, exactly (``RootOf``) for numeric ones.

Conditions are reduced under the parameters' sympy assumptions (the registry
gives money, ratios and probabilities ``nonnegative``, counts and years
``positive``): a relation the assumptions decide becomes ``True`` or ``False``.
Each relation is written with the positive terms on the left and the negative
ones moved to the right, as one would in a paper.

Results are cached per game (games are immutable and hashable): a repeated
call returns the stored records without any sympy work, and repeats the
``RuntimeWarning`` of an incomplete derivation.

References
----------
.. [1] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of
   Nash equilibria for two-player games", Economic Theory 42 (2010) 9-37
   (support enumeration, degeneracy).
.. [2] A. Traulsen and C. Hauert, "Stochastic evolutionary game dynamics",
   Reviews of Nonlinear Dynamics and Complexity 2 (2009), section 3 (gain
   function of n-player symmetric games).
"""

from __future__ import annotations

import dataclasses
import warnings
import weakref
from typing import Any, overload

import sympy

from games.bayesian import BayesianGame
from games.continuous import ContinuousGame
from games.core import Game
from games.errors import GameError, SizeLimitError
from games.extensive import ExtensiveGame
from games.repeated import RepeatedGame
from games.signaling import SignalingGame
from games.symmetric import SymmetricGame
from solvers.conditions.bimatrix import _pure_only, _two_player
from solvers.conditions.cache import KeyedCache, game_key
from solvers.conditions.extensive import tree_conditions
from solvers.conditions.information import information_conditions
from solvers.conditions.symmetric import _symmetric
from solvers.continuous.first_order import continuous_equilibria
from solvers.results.conditions import ConditionalEquilibrium
from solvers.results.information import BayesianEquilibrium, PerfectBayesianEquilibrium
from solvers.symbolic.relations import kind_bounds, reduce_by_kinds

__all__ = ["equilibrium_conditions", "MAX_SYMBOLIC_SUPPORT_PAIRS", "MAX_NUMERIC_SUPPORT_PAIRS", "MAX_PURE_PROFILES"]


#: Symbolic two-player games: at most this many pairs of supports, (2**m - 1)(2**k - 1):
#: 3 x 3 (49), 4 x 2 (45), 6 x 1 (63).
MAX_SYMBOLIC_SUPPORT_PAIRS = 63


#: Numeric two-player games: at most this many pairs of supports (5 x 5: 961).
MAX_NUMERIC_SUPPORT_PAIRS = 961


#: N-player games (N >= 3): at most this many pure profiles are enumerated.
MAX_PURE_PROFILES = 4096


_OPAQUE = (sympy.Piecewise, sympy.Min, sympy.Max, sympy.Abs)


def _opaque_game(game: Game) -> tuple[Game, dict[sympy.Symbol, sympy.Expr]]:
    """The game with every Piecewise / Min / Max / Abs replaced by a fresh symbol.

    Linear algebra on these symbols is fast; the symbols are put back in the
    results.  Each symbol carries the sign assumptions its expression has.
    """
    found: set[sympy.Expr] = set()
    for arr in game.payoffs:
        for e in arr._array:  # sympy's flat storage
            found |= e.atoms(*_OPAQUE)
    if not found:
        return game, {}
    outer = [a for a in found if not any(a != b and b.has(a) for b in found)]
    outer.sort(key=sympy.default_sort_key)
    forward: dict[sympy.Expr, sympy.Symbol] = {}
    for idx, a in enumerate(outer):
        assumptions = {k: True for k in ("nonnegative", "positive", "nonpositive", "negative")
                       if getattr(a, "is_" + k)}
        forward[a] = sympy.Dummy(f"w{idx}", real=True, **assumptions)
    arrays = tuple(sympy.ImmutableDenseNDimArray([e.xreplace(forward) for e in arr._array], arr.shape)
                   for arr in game.payoffs)
    return (Game(players=game.players, strategies=game.strategies, payoffs=arrays, name=game.name),
            {v: k for k, v in forward.items()})


def _restore(rec: ConditionalEquilibrium, back: dict[sympy.Symbol, sympy.Expr]) -> ConditionalEquilibrium | None:
    cond = rec.condition.xreplace(back)
    if cond is sympy.false:
        return None
    return ConditionalEquilibrium(
        profile=tuple(tuple(e.xreplace(back) for e in vec) for vec in rec.profile), condition=cond,
        supports=rec.supports, payoffs=tuple(e.xreplace(back) for e in rec.payoffs), kind=rec.kind,
        free=rec.free, parameter_condition=rec.parameter_condition.xreplace(back),
        players=rec.players, strategies=rec.strategies,
    )


#: Results by value (an equal game built again finds them) ...
_BY_VALUE = KeyedCache(512)


#: ... and by object identity (a repeated call on the same object skips even the key).
_BY_IDENTITY: dict[int, tuple[Any, tuple[ConditionalEquilibrium, ...], tuple[str, ...]]] = {}


def clear_cache() -> None:
    """Forget every stored result (for benchmarks of cold runs)."""
    _BY_VALUE.clear()
    _BY_IDENTITY.clear()


def _cached_noted(game: Game | SymmetricGame,
                  by_kinds: bool = True) -> tuple[tuple[ConditionalEquilibrium, ...], tuple[str, ...]]:
    """The records and the RuntimeWarnings their derivation gave (kept, so a cached call warns alike)."""
    key = (game_key(game), by_kinds)
    hit = _BY_VALUE.get(key)
    if hit is None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RuntimeWarning)
            records = _derive(game) if by_kinds else _derive_raw(game)
        notes = tuple(dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)))
        for w in caught:  # anything else passes through as it came
            if not issubclass(w.category, RuntimeWarning):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        hit = (records, notes)
        _BY_VALUE.put(key, hit)
    return hit  # type: ignore[no-any-return]


def _warn(notes: tuple[str, ...]) -> None:
    for note in notes:
        warnings.warn(note, RuntimeWarning, stacklevel=3)


def _cached(game: Game | SymmetricGame, by_kinds: bool = True) -> tuple[ConditionalEquilibrium, ...]:
    records, notes = _cached_noted(game, by_kinds)
    _warn(notes)
    return records


def _derive(game: Game | SymmetricGame) -> tuple[ConditionalEquilibrium, ...]:
    records = _cached(game, by_kinds=False)
    bounds = kind_bounds(game.free_symbols)
    if not bounds:
        return records
    out = []
    for rec in records:
        cond = reduce_by_kinds(rec.condition, bounds)
        if cond is sympy.false:
            continue
        param = reduce_by_kinds(rec.parameter_condition, bounds) if rec.free else cond
        out.append(dataclasses.replace(rec, condition=cond, parameter_condition=param))
    return tuple(out)


def _derive_raw(game: Game | SymmetricGame) -> tuple[ConditionalEquilibrium, ...]:
    if isinstance(game, SymmetricGame):
        return _symmetric(game)
    if game.n_players == 2:
        limit = MAX_NUMERIC_SUPPORT_PAIRS if game.is_numeric else MAX_SYMBOLIC_SUPPORT_PAIRS
        pairs = (2 ** game.shape[0] - 1) * (2 ** game.shape[1] - 1)
        if pairs > limit:
            what = "numeric" if game.is_numeric else "symbolic"
            raise SizeLimitError(
                f"equilibrium_conditions: {game.name or 'game'} is {game.shape[0]} x {game.shape[1]} "
                f"({pairs} support pairs); allowed for {what} two-player games: at most {limit} support pairs "
                f"(3 x 3 or 6 x 1 symbolic, 5 x 5 numeric); substitute values and use nash_equilibria"
            )
        opaque, back = _opaque_game(game)
        records = _two_player(opaque)
        if not back:
            return records
        return tuple(r for r in (_restore(rec, back) for rec in records) if r is not None)
    n_prof = 1
    for m in game.shape:
        n_prof *= m
    if n_prof > MAX_PURE_PROFILES:
        raise SizeLimitError(
            f"equilibrium_conditions: {game.name or 'game'} has {n_prof} pure profiles; "
            f"allowed: at most {MAX_PURE_PROFILES} for {game.n_players}-player games"
        )
    return _pure_only(game)


@overload
def equilibrium_conditions(game: Game | SymmetricGame, *, by_kinds: bool = True) -> list[ConditionalEquilibrium]: ...
@overload
def equilibrium_conditions(game: ExtensiveGame | RepeatedGame, *, by_kinds: bool = True) -> list[Any]: ...
@overload
def equilibrium_conditions(game: BayesianGame, *, by_kinds: bool = True) -> list[BayesianEquilibrium]: ...
@overload
def equilibrium_conditions(game: SignalingGame, *, by_kinds: bool = True) -> list[PerfectBayesianEquilibrium]: ...
def equilibrium_conditions(game: Any, *, by_kinds: bool = True) -> list[Any]:
    r"""Every equilibrium of a symbolic game, in closed form, with the condition under which it holds.

    Parameters
    ----------
    game : Game, SymmetricGame, BayesianGame or SignalingGame
        A two-player game (up to 3 x 3, 4 x 2 or 6 x 1 with symbolic payoffs,
        5 x 5 numeric),
        an N-player game (pure equilibria), or a symmetric two-strategy
        n-player game (symmetric equilibria; ``n`` may be a symbol).
        A Bayesian game gives its Bayesian equilibria and a signalling game its
        perfect Bayesian equilibria, each with its condition
        (:mod:`solvers.conditions.information`).
    by_kinds : bool, default True
        Reduce the conditions under the ranges of the registry's parameter
        kinds (probabilities in [0, 1], counts >= 1, money >= 0): relations
        those ranges decide become True / False, and records whose condition
        becomes False are left out.  False keeps every relation as derived.

    Returns
    -------
    list of ConditionalEquilibrium
        Each unpacks as ``(profile, condition)``: ``profile`` a tuple of
        probability vectors (sympy expressions), ``condition`` a sympy
        Boolean on the parameters.  Pure profiles first, then mixed, then
        degenerate continua (``kind == "continuum"``), whose profiles contain
        free mixture variables constrained by their condition.  Profiles whose
        condition is identically false are left out.

    Raises
    ------
    GameError
        If ``game`` is not a Game or SymmetricGame.
    SizeLimitError
        If a two-player game has more than :data:`MAX_SYMBOLIC_SUPPORT_PAIRS`
        pairs of supports (:data:`MAX_NUMERIC_SUPPORT_PAIRS` when numeric):
        3 x 3, 4 x 2 or 6 x 1 symbolic, 5 x 5 numeric; or an N-player game
        more than :data:`MAX_PURE_PROFILES` profiles.

    Warns
    -----
    RuntimeWarning
        When the interior mixed equilibria of a symmetric game have no closed
        form (symbolic ``n`` with a payoff difference that is not polynomial
        in the count, or a gain polynomial of degree above 2 with symbolic
        coefficients); the pure symmetric equilibria are still returned.

    See Also
    --------
    solvers.break_even : where the equilibrium set changes.
    solvers.nash_equilibria : every equilibrium of a numeric game.

    References
    ----------
    .. [1] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration
       of Nash equilibria for two-player games", Economic Theory 42 (2010) 9-37.

    Examples
    --------
    The textbook 2 x 2 game: the column player's mixture making the row player
    indifferent is :math:`y^* = (d - b)/(a - b - c + d)`.

    >>> import sympy
    >>> from games import Game
    >>> a, b, c, d = sympy.symbols("a b c d", real=True)
    >>> g = Game.from_bimatrix([[a, b], [c, d]], [[d, c], [b, a]])
    >>> mixed = [r for r in equilibrium_conditions(g) if r.kind == "mixed"]
    >>> mixed[0].profile[1][0]
    (-b + d)/(a - b - c + d)

    The prisoner's dilemma: (Defect, Defect) is an equilibrium iff P >= S
    (the row player's condition; the column player's is the same).

    >>> T, R, P, S = sympy.symbols("T R P S", real=True)
    >>> pd = Game.from_bimatrix([[R, S], [T, P]], strategies=(["C", "D"], ["C", "D"]))
    >>> [(r.label, r.condition) for r in equilibrium_conditions(pd) if r.kind == "pure"][-1]
    ('(D, D)', P >= S)
    """
    if isinstance(game, ContinuousGame):  # issue 16: interval strategies (solvers.continuous)
        return continuous_equilibria(game, method="first-order", by_kinds=by_kinds)  # type: ignore[return-value]
    if isinstance(game, (BayesianGame, SignalingGame)):  # hidden information: conditions/information.py
        return information_conditions(game, equilibrium_conditions, (MAX_SYMBOLIC_SUPPORT_PAIRS,
                                                                     MAX_NUMERIC_SUPPORT_PAIRS))
    if isinstance(game, (ExtensiveGame, RepeatedGame)):  # game trees and repeated games: their room's closed forms
        return tree_conditions(game, equilibrium_conditions, by_kinds=bool(by_kinds))
    if by_kinds is True:
        hit = _BY_IDENTITY.get(id(game))
        if hit is not None and hit[0]() is game:
            _warn(hit[2])
            return list(hit[1])
    if not isinstance(game, (Game, SymmetricGame)):
        raise GameError(f"equilibrium_conditions: expected a Game or SymmetricGame, got {type(game).__name__}")
    if not isinstance(by_kinds, bool):
        raise GameError(f"equilibrium_conditions: by_kinds={by_kinds!r} must be True or False")
    if not by_kinds:
        return list(_cached(game, by_kinds=False))
    records, notes = _cached_noted(game)
    _warn(notes)
    key = id(game)

    def forget(ref: Any, key: int = key) -> None:
        entry = _BY_IDENTITY.get(key)
        if entry is not None and entry[0] is ref:
            del _BY_IDENTITY[key]

    _BY_IDENTITY[key] = (weakref.ref(game, forget), records, notes)
    return list(records)

