r"""Minimal interventions in closed form: the smallest subsidy, tax or prize that makes a strategy win.

:func:`minimal_intervention` answers "how large must a transfer be" for a
target strategy (Alignment) and one of three goals:

``"dominant"``
    the target is a (weakly) dominant strategy of every player who has it:
    :math:`s^* = \max\bigl(0, \max_{i, a, o} [u_i(a, o) - u_i(t, o)]\bigr)`
    over the alternatives :math:`a` and the opponents' pure profiles :math:`o`;
``"equilibrium"``
    everyone playing the target is a Nash equilibrium:
    :math:`s^* = \max\bigl(0, \max_{i, a} [u_i(a, t_{-i}) - u_i(t, t_{-i})]\bigr)`;
``"unique"``
    everyone playing the target is the *only* equilibrium.  With numeric
    parameters this is found exactly from the break-even values of the
    transfer (:func:`~solvers.break_even`); with symbolic ones the dominance
    amount is returned, which suffices above it (``sufficient_only=True``).

Instruments (transfers are lump sums in the game's payoff unit):

* ``"subsidy"``: :math:`s` added to the target's payoff, paid to whoever plays it;
* ``"tax"``: :math:`s` taken from every other strategy's payoff; the same
  threshold as a subsidy (only payoff differences matter), but it costs
  nothing when everyone complies;
* ``"prize"``: paid only when the work succeeds, with probability :math:`q`
  (``success_probability``): the threshold is :math:`s^*/q`.

For a :class:`~games.symmetric.SymmetricGame` the opponents' profiles are the counts
:math:`k = 0, \ldots, n - 1`; with symbolic :math:`n` the maximum over
:math:`k` is taken in closed form when the payoff difference is constant or
linear in :math:`k`.

:func:`buyout_effect` prices the essay's buy-out: how many careers a budget
buys and how much that lowers P(doom), e.g. $1b at $250k a year for five years
buys 800 careers.

References
----------
.. [1] "Who Aligns the Alignment Researchers?", section "Do we need investment
   in alignment research?": "If you gave Miri a billion dollars ... bribe people
   to move out of AI development".
.. [2] D. Monderer and M. Tennenholtz, "k-Implementation", Journal of
   Artificial Intelligence Research 21 (2004) 37-62 (the minimal payments that
   make a profile dominant or an equilibrium).
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Mapping
from typing import Any

import sympy

from games._exact import to_exact
from games.core import Game
from games.errors import GameError, SymbolicError, UnknownNameError, suggest
from games.parameters import ParameterSet
from games.symmetric import SymmetricGame
from solvers.conditions.derive import equilibrium_conditions
from solvers.conditions.thresholds import break_even
from solvers.results.conditions import BuyoutEffect, InterventionCost
from solvers.symbolic.lookup import _value_map

__all__ = ["minimal_intervention", "buyout_effect", "INSTRUMENTS", "TARGETS"]


INSTRUMENTS = ("subsidy", "tax", "prize")


TARGETS = ("dominant", "equilibrium", "unique")


def _target_index(strategies: tuple[str, ...], strategy: Any, fn: str) -> int:
    if isinstance(strategy, int) and not isinstance(strategy, bool):
        if 0 <= strategy < len(strategies):
            return strategy
        raise GameError(f"{fn}: strategy index {strategy} out of range (0..{len(strategies) - 1})")
    if strategy in strategies:
        return strategies.index(strategy)
    raise UnknownNameError(f"{fn}: " + suggest(str(strategy), strategies, what="strategy"))


def _gaps_game(game: Game, strategy: Any, target: str, fn: str) -> tuple[list[sympy.Expr], int, str]:
    """Payoff gaps u(a, o) - u(t, o) the transfer must cover, for players who have the target."""
    gaps: list[sympy.Expr] = []
    players = []
    name = ""
    for p, strats in enumerate(game.strategies):
        if (isinstance(strategy, str) and strategy in strats) or (not isinstance(strategy, str) and p == 0):
            players.append((p, _target_index(strats, strategy, fn)))
    if not players:
        raise UnknownNameError(f"{fn}: no player has the strategy {strategy!r} "
                               f"(strategies: {', '.join(sorted({s for st in game.strategies for s in st}))})")
    name = game.strategies[players[0][0]][players[0][1]]
    targets = dict(players)
    shape = game.shape
    for p, t in players:
        if target == "equilibrium":
            # the others who have the target play it; those who do not may play anything
            others = [[t] if q == p else [targets[q]] if q in targets else range(m) for q, m in enumerate(shape)]
        else:
            others = [[t] if q == p else range(m) for q, m in enumerate(shape)]
        for prof in itertools.product(*others):
            for a in range(shape[p]):
                if a == t:
                    continue
                alt = prof[:p] + (a,) + prof[p + 1:]
                gaps.append(game.payoffs[p][alt] - game.payoffs[p][prof])
    return gaps, len(players), name


def _max_over_count(diff: sympy.Expr, k: sympy.Symbol, n: sympy.Expr, fn: str) -> sympy.Expr:
    if not diff.has(k):
        return diff
    if isinstance(n, sympy.Integer):
        return sympy.Max(*[diff.subs(k, j) for j in range(int(n))])
    if diff.is_polynomial(k) and sympy.degree(diff, k) == 1:
        return sympy.Max(diff.subs(k, 0), diff.subs(k, n - 1))
    text = str(diff)
    text = text if len(text) <= 160 else text[:160] + " ..."
    raise SymbolicError(f"{fn}: the payoff gap {text} is not constant or linear in {k} and n = {n} is symbolic; "
                        "substitute a number of players (values=...)")


def _gaps_symmetric(game: SymmetricGame, strategy: Any, target: str, fn: str) -> tuple[list[sympy.Expr], Any, str]:
    assert game.strategies is not None
    t = _target_index(tuple(game.strategies), strategy, fn)
    k, n = game.count, game.n_players
    p_t, p_a = game.payoff_exprs[t], game.payoff_exprs[1 - t]
    diff = sympy.piecewise_fold(p_a - p_t)
    if target == "equilibrium":
        at = n - 1 if t == 0 else sympy.Integer(0)
        gaps = [diff.subs(k, at)]
    else:
        gaps = [_max_over_count(diff, k, n, fn)]
    return gaps, n, game.strategies[t]


def _unique_numeric(game: Game | SymmetricGame, strategy: Any, fn: str) -> sympy.Expr | None:
    """Smallest subsidy making all-target the only equilibrium (numeric games), or None."""
    s = sympy.Dummy("s", real=True)
    if isinstance(game, SymmetricGame):
        assert game.strategies is not None
        t = _target_index(tuple(game.strategies), strategy, fn)
        pays = {name: e + (s if i == t else 0) for i, (name, e) in enumerate(game.payoffs)}
        g2: Game | SymmetricGame = SymmetricGame(game.n_players, pays, count=game.count, name=game.name)
        target_of = {0: t}
    else:
        arrays = []
        target_of = {}
        for p, strats in enumerate(game.strategies):
            has = (isinstance(strategy, str) and strategy in strats) or (not isinstance(strategy, str) and p == 0)
            if has:
                target_of[p] = _target_index(strats, strategy, fn)
            flat = []
            for prof in itertools.product(*(range(m) for m in game.shape)):
                flat.append(game.payoffs[p][prof] + (s if p in target_of and prof[p] == target_of[p] else 0))
            arrays.append(sympy.ImmutableDenseNDimArray(flat, game.shape))
        g2 = Game(players=game.players, strategies=game.strategies, payoffs=tuple(arrays), name=game.name)

    def only_target(records: list[Any], point: sympy.Expr) -> bool:
        holding = [r for r in records if r.holds_at({s.name: point})]
        return len(holding) == 1 and holding[0].kind == "pure" and all(
            holding[0].supports[p] == (t,) for p, t in target_of.items())

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        records = equilibrium_conditions(g2)
        ts = [t.value for t in break_even(g2, s)]
    candidates = [sympy.Integer(0)] + [t for t in ts if t > 0]
    candidates = sorted(set(candidates))
    answer: sympy.Expr | None = None
    for i in range(len(candidates) - 1, -1, -1):
        c = candidates[i]
        above = c + 1 if i == len(candidates) - 1 else (c + candidates[i + 1]) / 2
        if only_target(records, above):
            answer = c
        else:
            break
    return answer


def minimal_intervention(
    game: Game | SymmetricGame,
    strategy: Any = "Alignment",
    *,
    target: str = "dominant",
    instrument: str = "subsidy",
    success_probability: Any = None,
    values: Mapping[Any, Any] | ParameterSet | None = None,
) -> InterventionCost:
    r"""The smallest subsidy, tax or prize that makes ``strategy`` dominant / an equilibrium / the only one.

    Parameters
    ----------
    game : Game or SymmetricGame
    strategy : str or int
        The target strategy (name; an index refers to the first player's).
        Every player who has a strategy of that name receives the transfer.
    target : {"dominant", "equilibrium", "unique"}
    instrument : {"subsidy", "tax", "prize"}
    success_probability : number or sympy expression, optional
        Required for ``instrument="prize"``: the chance the prize is paid.
    values : mapping or ParameterSet, optional
        Parameter values to substitute first (a ParameterSet may hold more).

    Returns
    -------
    InterventionCost

    Raises
    ------
    GameError
        For an unknown target or instrument, a prize without a success
        probability, or a bad strategy index.
    UnknownNameError
        For a strategy no player has.
    SymbolicError
        For a symmetric game with symbolic n whose payoff gap is neither
        constant nor linear in the count.

    Examples
    --------
    The essay's researcher: Alignment needs a subsidy of the income
    sacrifice minus what her share of survival is worth to her,
    $440,000 - $16,250 at the phd defaults.

    >>> import games
    >>> cost = minimal_intervention(games.build("career_choice"), "Alignment",
    ...                             values=games.essay.parameters("phd"))
    >>> cost.amount
    423750
    """
    fn = "minimal_intervention"
    if target not in TARGETS:
        raise GameError(f"{fn}: target={target!r} not allowed (allowed: {', '.join(TARGETS)})")
    if instrument not in INSTRUMENTS:
        raise GameError(f"{fn}: instrument={instrument!r} not allowed (allowed: {', '.join(INSTRUMENTS)})")
    if not isinstance(game, (Game, SymmetricGame)):
        raise GameError(f"{fn}: expected a Game or SymmetricGame, got {type(game).__name__}")
    q: sympy.Expr = sympy.Integer(1)
    if instrument == "prize":
        if success_probability is None:
            raise GameError(f"{fn}: instrument='prize' needs success_probability (the chance the prize is paid)")
        q = to_exact(success_probability, f"{fn}: success_probability", error=GameError)
        if q.is_number and not (0 < q <= 1):
            raise GameError(f"{fn}: success_probability={q} (allowed: 0 < q <= 1)")
    used: dict[str, sympy.Expr] = {}
    if values is not None:
        subs = _value_map(game.free_symbols, values)
        used = {s.name: v for s, v in subs.items()}
        game = game.subs(used) if used else game
        if not isinstance(q, sympy.Number):
            q = q.xreplace(_value_map(q.free_symbols, values))
    sufficient_only = False
    goal = "dominant" if target == "unique" else target
    if isinstance(game, SymmetricGame):
        gaps, count, name = _gaps_symmetric(game, strategy, goal, fn)
        n_paid: Any = count
    else:
        gaps, n_paid, name = _gaps_game(game, strategy, goal, fn)
    amount = sympy.Max(0, *gaps) if gaps else sympy.Integer(0)
    if target == "unique":
        exact = None
        if not game.free_symbols:
            exact = _unique_numeric(game, strategy, fn)
        if exact is not None:
            amount = exact
        else:
            sufficient_only = True
    amount = amount / q
    total = {"subsidy": n_paid * amount, "tax": sympy.Integer(0), "prize": n_paid * q * amount}[instrument]
    return InterventionCost(amount, total, instrument, target, name, sufficient_only, game.name, used)


def buyout_effect(budget: Any, career_cost: Any, *, doom_per_career: Any = 0,
                  p_doom: Any = None) -> BuyoutEffect:
    r"""How many careers a buy-out budget buys, and the resulting change of P(doom).

    .. math::

        n_B = \left\lfloor B / c \right\rfloor, \qquad
        \Delta P = -n_B \, \delta_c, \qquad P' = \max(0, P + \Delta P)

    with :math:`\delta_c` the fall of P(doom) per career removed (in the
    collective-action game: :math:`\gamma` when the bought-out researcher leaves
    AI, :math:`\gamma + p\delta` when she moves to Alignment).

    Parameters
    ----------
    budget, career_cost : number or sympy expression
        The budget :math:`B` and the price of one career :math:`c` (e.g. salary
        times horizon).
    doom_per_career : number or sympy expression, default 0
    p_doom : number or sympy expression, optional
        P(doom) before the buy-out.

    Raises
    ------
    GameError
        For a career cost that is not positive, or non-numbers.

    Examples
    --------
    The essay's billion dollars at $250k a year over five years:

    >>> buyout_effect(10**9, 250_000 * 5).careers
    800
    """
    fn = "buyout_effect"
    B = to_exact(budget, f"{fn}: budget", error=GameError)
    c = to_exact(career_cost, f"{fn}: career_cost", error=GameError)
    if c.is_number and c <= 0:
        raise GameError(f"{fn}: career_cost={c} (allowed: a positive amount)")
    d = to_exact(doom_per_career, f"{fn}: doom_per_career", error=GameError)
    careers = sympy.floor(B / c)
    change = -careers * d
    after = None
    if p_doom is not None:
        P = to_exact(p_doom, f"{fn}: p_doom", error=GameError)
        after = sympy.Max(0, P + change)
    return BuyoutEffect(careers, change, after)

