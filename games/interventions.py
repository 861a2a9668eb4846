r"""Interventions: subsidies, taxes, prizes and buy-outs that transform a library game.

The essay closes by asking whether "more funding for research in Alignment
could help reduce P(Doom), or ... less funding for research in Capabilities could
help by buying us more time", and quotes the idea of buying Capabilities
researchers out ("bribe people to move out of AI development ... to the
equivalent of an island").  Each function here takes a game and returns a new
game (the input is immutable and unchanged) whose payoffs contain the
intervention's symbol, so the break-even size of the intervention can be solved
for in closed form.

Modelling choices
-----------------
* **Lump sums in the game's payoff unit.**  A subsidy, tax or prize is added to
  (or subtracted from) the payoff of every player's targeted strategy, in every
  profile.  In the researcher games that unit is USD over the career horizon;
  in the lab games USD per year; pass ``amount=`` to use another symbol or number.
* **Which strategies are targeted** is an explicit argument.  By default a
  subsidy is paid on a *claim* of alignment work (``Alignment``, ``Safety``,
  ``Genuine`` and ``Washed``: a washer collects it too), a tax falls on
  declared Capabilities work (``Capabilities``: a washer evades it), and a prize
  rewards actual alignment *success* (``Alignment``, ``Safety``, ``Genuine``;
  never ``Washed``).
* **A prize is paid in expectation**: the prize times the probability that the
  work succeeds, by default the essay's :math:`p` ("a 5% chance their particular
  work will reduce P(Doom)").
* **A buy-out adds a strategy** ``"Bought out"`` for every player who has a
  ``Capabilities`` strategy.  A bought-out player is, for everyone's payoffs, as
  if she played ``like`` (default ``"Neither"``: she leaves AI work and takes the
  orthogonal job), and she receives the payment on top.  The default payment is
  the essay's billion dollars shared by the researchers it buys out:
  :math:`B / n_B` with :math:`n_B = 800` (ours: the five-year $250k careers $1b buys).
* **What the buy-out does to P(doom)** (:mod:`games.removal`): the bought-out
  researchers are *removed* (Yudkowsky's "island"), not moved to Alignment; with
  replacement hiring, a Capabilities workforce and P(doom) per year bought (ours,
  flagged) the essay's $1b buys 0.2 years and 0.002 of P(doom): small, not zero.

References
----------
.. [1] "Who Aligns the Alignment Researchers?", section "Do we need investment
   in alignment research?" (``shared/essay/``).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from typing import Any

import sympy
from sympy import ImmutableDenseNDimArray

from games import essay
from games._exact import to_exact
from games._registry import build, library_entries, register
from games.core import Game
from games.errors import GameError
from games.individual import survival_valuation
from games.removal import doom_fall_per_researcher
from games.symmetric import SymmetricGame

__all__ = [
    "subsidize_alignment",
    "tax_capabilities",
    "alignment_prize",
    "buyout",
    "subsidy_game",
    "tax_game",
    "prize_game",
    "buyout_game",
    "SUBSIDIZED_STRATEGIES",
    "TAXED_STRATEGIES",
    "PRIZED_STRATEGIES",
]


SUBSIDY = essay.symbol("alignment_subsidy")
TAX = essay.symbol("capabilities_tax")
PRIZE = essay.symbol("alignment_prize")
P_PIVOTAL = essay.symbol("p_pivotal")
BUDGET = essay.symbol("buyout_budget")
N_BOUGHT = essay.symbol("buyout_researchers")

#: Strategies that receive a subsidy by default (a claim of alignment work).
SUBSIDIZED_STRATEGIES: tuple[str, ...] = ("Alignment", "Safety", "Genuine", "Washed")
#: Strategies that pay a tax by default (declared Capabilities work).
TAXED_STRATEGIES: tuple[str, ...] = ("Capabilities",)
#: Strategies that can win a prize by default (actual alignment work).
PRIZED_STRATEGIES: tuple[str, ...] = ("Alignment", "Safety", "Genuine")

AnyGame = Game | SymmetricGame


def _amount(value: Any, default: sympy.Expr, fn: str, what: str) -> sympy.Expr:
    if value is None:
        return default
    return to_exact(value, f"{fn}: {what}", error=GameError)


def _all_strategies(game: AnyGame) -> list[str]:
    if isinstance(game, SymmetricGame):
        assert game.strategies is not None
        return list(game.strategies)
    return sorted({s for strat in game.strategies for s in strat})


def _targets(game: AnyGame, strategies: Sequence[str] | None, default: tuple[str, ...], fn: str) -> set[str]:
    present = _all_strategies(game)
    if strategies is None:
        chosen = {s for s in default if s in present}
        if not chosen:
            raise GameError(
                f"{fn}: game {game.name!r} has none of the default target strategies {list(default)} "
                f"(its strategies: {present}); pass strategies=[...]"
            )
        return chosen
    if isinstance(strategies, str):
        raise GameError(f"{fn}: strategies={strategies!r} must be a list of strategy names, not a string")
    chosen = set(strategies)
    if not chosen:
        raise GameError(f"{fn}: strategies is empty (allowed: names among {present})")
    for s in chosen:
        if s not in present:
            raise GameError(f"{fn}: strategy {s!r} is not in game {game.name!r} (allowed: {present})")
    return chosen


def _add_to_strategies(game: AnyGame, targets: set[str], amount: sympy.Expr, label: str) -> AnyGame:
    """Add ``amount`` to the payoff of every player whenever she plays a target strategy."""
    name = f"{game.name} + {label}" if game.name else label
    if isinstance(game, SymmetricGame):
        new = {s: e + amount if s in targets else e for s, e in game.payoffs}
        return SymmetricGame(game.n_players, new, count=game.count, strategies=game.strategies, name=name)
    arrays = []
    for i, arr in enumerate(game.payoffs):
        flat = []
        for idx in itertools.product(*(range(m) for m in game.shape)):
            v = arr[idx]
            if game.strategies[i][idx[i]] in targets:
                v = v + amount
            flat.append(v)
        arrays.append(ImmutableDenseNDimArray(flat, game.shape))
    return dataclasses.replace(game, payoffs=tuple(arrays), name=name)


def _check_game(game: Any, fn: str) -> None:
    if not isinstance(game, (Game, SymmetricGame)):
        raise GameError(f"{fn}: expected a Game or SymmetricGame, got {type(game).__name__}")


def subsidize_alignment(game: AnyGame, amount: Any = None, *, strategies: Sequence[str] | None = None) -> AnyGame:
    r"""Pay a subsidy to every player who declares Alignment work.

    .. math::

        U'_i(s) = U_i(s) + \sigma_A \, [\, s_i \in \mathcal{A} \,]

    where :math:`\mathcal{A}` is the set of subsidized strategies (default
    :data:`SUBSIDIZED_STRATEGIES`: a claim of alignment work, so a washer
    collects it too).

    Parameters
    ----------
    game : Game or SymmetricGame
    amount : number or sympy expression, optional
        Defaults to the symbol ``alignment_subsidy`` (:math:`\sigma_A`, ours, default 0).
    strategies : sequence of str, optional
        Strategy names that receive the subsidy.

    Returns
    -------
    Game or SymmetricGame
        A new game of the same type.

    Raises
    ------
    GameError
        When no strategy of the game is targeted or a named strategy does not exist.

    References
    ----------
    .. [1] The essay, "Do we need investment in alignment research?": "if you
       think that more funding for research in Alignment could help reduce P(Doom)".

    Examples
    --------
    >>> from games.individual import career_choice
    >>> g = subsidize_alignment(career_choice())
    >>> g.payoffs[0][0, 0] - career_choice().payoffs[0][0, 0]
    alignment_subsidy
    """
    fn = "subsidize_alignment"
    _check_game(game, fn)
    value = _amount(amount, SUBSIDY, fn, "amount")
    return _add_to_strategies(game, _targets(game, strategies, SUBSIDIZED_STRATEGIES, fn), value,
                              "alignment subsidy")


def tax_capabilities(game: AnyGame, amount: Any = None, *, strategies: Sequence[str] | None = None) -> AnyGame:
    r"""Tax every player who declares Capabilities work (a lump sum).

    .. math::

        U'_i(s) = U_i(s) - \tau_C \, [\, s_i \in \mathcal{C} \,]

    with :math:`\mathcal{C}` the taxed strategies (default
    :data:`TAXED_STRATEGIES`, ``("Capabilities",)``: a washer evades the tax).

    Parameters
    ----------
    game : Game or SymmetricGame
    amount : number or sympy expression, optional
        Defaults to the symbol ``capabilities_tax`` (:math:`\tau_C`, ours, default 0).
    strategies : sequence of str, optional

    Returns
    -------
    Game or SymmetricGame

    Raises
    ------
    GameError
        When no strategy of the game is taxed or a named strategy does not exist.

    References
    ----------
    .. [1] The essay, "Do we need investment in alignment research?": "less
       funding for research in Capabilities could help by buying us more time".

    Examples
    --------
    >>> from games.organizational import lab_race
    >>> g = tax_capabilities(lab_race())
    >>> g.payoffs[0][1, 1] - lab_race().payoffs[0][1, 1]
    -capabilities_tax
    """
    fn = "tax_capabilities"
    _check_game(game, fn)
    value = _amount(amount, TAX, fn, "amount")
    return _add_to_strategies(game, _targets(game, strategies, TAXED_STRATEGIES, fn), -value, "capabilities tax")


def alignment_prize(
    game: AnyGame,
    prize: Any = None,
    *,
    success_probability: Any = None,
    strategies: Sequence[str] | None = None,
) -> AnyGame:
    r"""Promise a prize for alignment success, paid in expectation.

    .. math::

        U'_i(s) = U_i(s) + p \, Z \, [\, s_i \in \mathcal{P} \,]

    with :math:`Z` the prize, :math:`p` the probability that the work succeeds
    (default the essay's ``p_pivotal``) and :math:`\mathcal{P}` the strategies
    doing actual alignment work (default :data:`PRIZED_STRATEGIES`; a washer
    never wins).  The prize does not depend on what others do; for games where
    success depends on others (the threshold game), pass a
    ``success_probability`` that says so.

    Parameters
    ----------
    game : Game or SymmetricGame
    prize : number or sympy expression, optional
        Defaults to the symbol ``alignment_prize`` (:math:`Z`, ours, default 0).
    success_probability : number or sympy expression, optional
        Defaults to the symbol ``p_pivotal``.
    strategies : sequence of str, optional

    Returns
    -------
    Game or SymmetricGame

    Raises
    ------
    GameError
        When no strategy of the game is prized or a named strategy does not exist.

    References
    ----------
    .. [1] The essay, "So you don't die": "a 5% chance their particular work will
       reduce P(Doom) by 5%".

    Examples
    --------
    >>> from games.individual import career_choice
    >>> g = alignment_prize(career_choice(), 10**6)
    >>> g.payoffs[0][0, 0] - career_choice().payoffs[0][0, 0]
    1000000*p_pivotal
    """
    fn = "alignment_prize"
    _check_game(game, fn)
    z = _amount(prize, PRIZE, fn, "prize")
    p = _amount(success_probability, P_PIVOTAL, fn, "success_probability")
    if p.is_number and not (0 <= p <= 1):
        raise GameError(f"{fn}: success_probability={p} is not a probability (allowed: 0 to 1)")
    return _add_to_strategies(game, _targets(game, strategies, PRIZED_STRATEGIES, fn), p * z, "alignment prize")


def buyout(game: Game, payment: Any = None, *, like: str = "Neither", strategy: str = "Capabilities",
           doom_value: Any = 0) -> Game:
    r"""Offer Capabilities researchers a payment to leave AI work: adds the strategy "Bought out".

    Every player who has the strategy ``strategy`` (default ``"Capabilities"``)
    gets a new last strategy ``"Bought out"``.  A bought-out player counts, for
    every player's payoff, as if she played ``like``, and receives the payment:

    .. math::

        U'_i(\ldots, \text{Bought out}_i, \ldots) = U_i(\ldots, \text{like}_i, \ldots) + \frac{B}{n_B}, \qquad
        U'_j(\ldots, \text{Bought out}_i, \ldots) = U_j(\ldots, \text{like}_i, \ldots) \ (j \ne i),

    with :math:`B` the essay's ``buyout_budget`` ($1b) and :math:`n_B` the
    researchers it is shared among (ours, default 800, so $1.25m each).  The
    buy-out's effect on P(doom) (the time it buys) is :func:`games.removal.buyout_removal`;
    ``doom_value`` adds its worth to the players: each bought-out player
    raises the payoff of every player who has ``strategy`` by ``doom_value``
    (:func:`buyout_game` passes, for the researcher games, the researcher's
    valuation of the fall in P(doom) one removal buys,
    :func:`games.removal.doom_fall_per_researcher`).

    Parameters
    ----------
    game : Game
        A :class:`Game`; a :class:`SymmetricGame` holds only two strategies, so
        expand it with ``to_game()`` first.
    payment : number or sympy expression, optional
        Per bought-out player; defaults to ``buyout_budget / buyout_researchers``.
    like : str, default "Neither"
        The strategy a bought-out player is equivalent to for everyone's payoffs
        (the "island": she does neither Alignment nor Capabilities).
    strategy : str, default "Capabilities"
        Players who have this strategy can be bought out.
    doom_value : number or sympy expression, default 0
        What each of these players gains per bought-out player (the survival
        value of the time bought).

    Returns
    -------
    Game

    Raises
    ------
    GameError
        For a SymmetricGame, when no player has ``strategy``, or when such a
        player lacks ``like``.

    References
    ----------
    .. [1] The essay, quoting E. Yudkowsky: "at a billion dollars, I might try to
       bribe people to move out of AI development that gets broadcast to the
       whole world and move to the equivalent of an island somewhere ... just
       to remove them from the system".

    Examples
    --------
    >>> import games
    >>> from games.individual import career_choice
    >>> g = buyout(career_choice())
    >>> g.strategies[0]
    ('Alignment', 'Capabilities', 'Neither', 'Bought out')
    >>> g.subs(games.essay.parameters()).payoffs[0][3, 0]
    1750000
    """
    fn = "buyout"
    if isinstance(game, SymmetricGame):
        raise GameError(
            f"{fn}: a SymmetricGame holds exactly two strategies; expand it with to_game() "
            "(or use the bimatrix variant of the game) before adding 'Bought out'"
        )
    _check_game(game, fn)
    value = _amount(payment, BUDGET / N_BOUGHT, fn, "payment")
    gain = _amount(doom_value, sympy.Integer(0), fn, "doom_value")
    affected = [i for i, strat in enumerate(game.strategies) if strategy in strat]
    if not affected:
        raise GameError(
            f"{fn}: no player of game {game.name!r} has the strategy {strategy!r} "
            f"(strategies: {[list(s) for s in game.strategies]})"
        )
    like_index: dict[int, int] = {}
    for i in affected:
        if like not in game.strategies[i]:
            raise GameError(
                f"{fn}: player {game.players[i]!r} has no strategy like={like!r} to stand for being bought out "
                f"(allowed: {list(game.strategies[i])})"
            )
        if "Bought out" in game.strategies[i]:
            raise GameError(f"{fn}: player {game.players[i]!r} already has the strategy 'Bought out'")
        like_index[i] = game.strategies[i].index(like)
    old_shape = game.shape
    shape = tuple(m + 1 if i in like_index else m for i, m in enumerate(old_shape))
    import numpy as np  # the buy-out only: solving the intervention games does not load numpy (issue 17)

    arrays = [np.empty(shape, dtype=object) for _ in game.players]
    for idx in itertools.product(*(range(m) for m in shape)):
        base = tuple(
            like_index[k] if k in like_index and s == old_shape[k] else s for k, s in enumerate(idx)
        )
        bought = sum(1 for k in like_index if idx[k] == old_shape[k])
        for i, arr in enumerate(game.payoffs):
            v = arr[base]
            if i in like_index and idx[i] == old_shape[i]:
                v = v + value
            if i in like_index and bought:
                v = v + bought * gain
            arrays[i][idx] = v
    strategies = tuple(
        tuple(s) + ("Bought out",) if i in like_index else tuple(s) for i, s in enumerate(game.strategies)
    )
    name = f"{game.name} + buy-out" if game.name else "buy-out"
    return Game(
        players=game.players,
        strategies=strategies,
        payoffs=tuple(ImmutableDenseNDimArray(a.ravel().tolist(), shape) for a in arrays),
        name=name,
    )


def _base(base: str, options: dict[str, Any], fn: str) -> Any:
    if not isinstance(base, str):
        raise GameError(f"{fn}: base={base!r} must be the name of a library game")
    return build(base, **options)


@register("subsidy", "intervention")
def subsidy_game(base: str = "career_choice", **options: Any) -> Any:
    r"""A library game with a subsidy to Alignment (:func:`subsidize_alignment`), default career_choice.

    Parameters
    ----------
    base : str, default "career_choice"
        Name of the library game to transform.
    **options
        Passed to the base game's builder.

    Examples
    --------
    >>> "alignment_subsidy" in {s.name for s in subsidy_game().free_symbols}
    True
    """
    return subsidize_alignment(_base(base, options, "subsidy"))


@register("tax", "intervention")
def tax_game(base: str = "career_choice", **options: Any) -> Any:
    r"""A library game with a tax on Capabilities (:func:`tax_capabilities`), default career_choice.

    Examples
    --------
    >>> "capabilities_tax" in {s.name for s in tax_game().free_symbols}
    True
    """
    return tax_capabilities(_base(base, options, "tax"))


@register("prize", "intervention")
def prize_game(base: str = "career_choice", **options: Any) -> Any:
    r"""A library game with a prize for alignment success (:func:`alignment_prize`), default career_choice.

    Examples
    --------
    >>> "alignment_prize" in {s.name for s in prize_game().free_symbols}
    True
    """
    return alignment_prize(_base(base, options, "prize"))


@register("buyout", "intervention")
def buyout_game(base: str = "career_choice", **options: Any) -> Any:
    r"""A library game with the billion-dollar buy-out (:func:`buyout`), default career_choice.

    For the researcher games (level ``"individual"``) a removal is worth
    :math:`W \lambda T (1 - h) / N_C` to each researcher: her valuation of
    survival :math:`W = m V (1 + \alpha k)` times the fall in P(doom) one
    removal buys (:func:`games.removal.doom_fall_per_researcher`); $16.25 at
    the phd defaults (:math:`6.5\text{m} \times 0.01 \times 5 \times 0.5 / 10{,}000`):
    small, and not zero.

    Examples
    --------
    >>> import games
    >>> g = buyout_game()
    >>> g.strategies[0][-1]
    'Bought out'
    >>> g.subs(games.essay.parameters()).payoffs[0][3, 0]
    7000065/4
    """
    game = _base(base, options, "buyout")
    gain = sympy.Integer(0)
    if library_entries()[base].level == "individual":
        valuation = survival_valuation(own_life=options.get("own_life", True),
                                       multiplier=options.get("multiplier", "every life"))
        gain = valuation * doom_fall_per_researcher()
    return buyout(game, doom_value=gain)
