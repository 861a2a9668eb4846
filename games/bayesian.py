r"""Bayesian games: players with private types, a common prior, and type-dependent payoffs.

A :class:`BayesianGame` (Harsanyi 1967-68) has a finite set of types per
player, a common prior :math:`p(t_1, \dots, t_n)` over type profiles, and
payoffs :math:`u_i(t, a)` that depend on the type profile and the action
profile.  Probabilities and payoffs are sympy expressions: exact rationals for
numbers, expressions for parameters (a symbolic prior ``p, 1 - p`` is allowed).

Two strategic forms are derived from it (each a :class:`games.Game` with
readable strategy names):

* the **ex-ante form** (:meth:`BayesianGame.to_strategic_form`): player i's
  strategies are the maps from her types to her actions (``"Strong: Beer;
  Weak: Quiche"``), her payoff the prior expectation
  :math:`U_i(s) = \sum_t p(t)\, u_i(t, s_1(t_1), \dots, s_n(t_n))`.  Its Nash
  equilibria are the Bayesian Nash equilibria (with mixed strategies read as
  behaviour strategies, Kuhn's theorem);
* the **type-agent form** (:meth:`BayesianGame.to_type_agent_form`): one player
  per (player, type), with payoff :math:`\sum_{t_{-i}} p(t_i, t_{-i})\,
  u_i(t, a)`, the interim payoff times :math:`p(t_i)`.

Design decisions
----------------
* A type profile left out of the prior has probability 0; the payoffs of a
  profile with probability 0 may be left out too (they never matter).  Every
  other (type profile, action profile) entry must be given:
  :class:`~games.errors.MissingPayoffError` names the first one missing.
* A numeric prior must be non-negative and sum to exactly 1; a symbolic one
  must sum to 1 identically (``p`` and ``1 - p``), else
  :class:`~games.errors.PriorError`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy import ImmutableDenseNDimArray

from games._arrays import _labels, _subs_map
from games._exact import to_exact
from games.core import MAX_PROFILES, Game
from games.errors import GameError, MissingPayoffError, PriorError, SizeLimitError, UnknownNameError, suggest
from games.parameters import ParameterSet

__all__ = ["BayesianGame", "check_prior", "strategy_label"]


def check_prior(probabilities: Sequence[sympy.Expr], labels: Sequence[str], where: str) -> None:
    """Raise :class:`~games.errors.PriorError` unless the probabilities are a distribution.

    Numeric probabilities must be in [0, 1] and sum to exactly 1; symbolic ones
    must sum to 1 identically.

    Examples
    --------
    >>> import sympy
    >>> check_prior([sympy.Rational(1, 2), sympy.Rational(1, 3)], ["a", "b"], "example")
    Traceback (most recent call last):
    ...
    games.errors.PriorError: example: the prior sums to 5/6, not 1 (a: 1/2, b: 1/3)
    """
    for lab, p in zip(labels, probabilities):
        if p.is_number and not (0 <= p <= 1):
            raise PriorError(f"{where}: probability of {lab} is {p}; allowed: a number from 0 to 1")
    total = sympy.expand(sympy.Add(*probabilities))
    if total != 1:
        shown = ", ".join(f"{lab}: {p}" for lab, p in zip(labels, probabilities))
        if total.is_number:
            raise PriorError(f"{where}: the prior sums to {total}, not 1 ({shown})")
        raise PriorError(f"{where}: the symbolic prior sums to {total}, which is not identically 1 ({shown}); "
                         f"write one probability as 1 minus the others")


def strategy_label(types: Sequence[str], actions: Sequence[str]) -> str:
    """The readable name of a type-contingent strategy: ``"Strong: Beer; Weak: Quiche"``.

    A player with a single type is named by her action alone.

    Examples
    --------
    >>> strategy_label(["Strong", "Weak"], ["Beer", "Quiche"])
    'Strong: Beer; Weak: Quiche'
    >>> strategy_label(["any"], ["Duel"])
    'Duel'
    """
    if len(types) == 1:
        return actions[0]
    return "; ".join(f"{t}: {a}" for t, a in zip(types, actions))


def _profile_key(key: Any, names: Sequence[Sequence[str]], what: str, where: str) -> tuple[int, ...]:
    """Indices of a profile given as a tuple of names (a bare name for one player)."""
    if isinstance(key, str) and len(names) == 1:
        key = (key,)
    if not isinstance(key, tuple) or len(key) != len(names):
        raise GameError(f"{where}: {what} {key!r} must be a tuple of {len(names)} names, one per player")
    out = []
    for k, allowed in zip(key, names):
        if k not in allowed:
            raise UnknownNameError(f"{where}: " + suggest(str(k), allowed, what=what.split(" profile")[0]))
        out.append(allowed.index(k))
    return tuple(out)


@dataclass(frozen=True)
class BayesianGame:
    r"""A finite Bayesian game: types, a common prior, and payoffs depending on types and actions.

    Parameters
    ----------
    players : sequence of str
        Player names.
    types : sequence of sequences of str
        Each player's type names (a player without private information has one type).
    actions : sequence of sequences of str
        Each player's action names (the same for all her types).
    prior : mapping
        Type profile (a tuple of type names, one per player; a bare name when
        there is one player) -> probability (number or sympy expression).
        Profiles left out have probability 0.
    payoffs : mapping or callable
        ``(type_profile, action_profile) -> (u_1, ..., u_n)``, or a function
        ``payoffs(type_profile, action_profile)`` returning the n payoffs.
    name : str, optional

    Raises
    ------
    PriorError
        A probability outside [0, 1], or a prior that does not sum to 1.
    MissingPayoffError
        No payoff for a (type profile, action profile) whose prior is not 0.
    UnknownNameError
        A type or action name that the game does not have.
    GameError
        Wrong shapes, duplicate names, non-numeric payoffs.
    SizeLimitError
        More than :data:`games.core.MAX_PROFILES` profiles in the strategic form.

    References
    ----------
    .. [1] J. C. Harsanyi, "Games with incomplete information played by
       'Bayesian' players, I-III", Management Science 14 (1967-68).
    .. [2] M. J. Osborne, *An Introduction to Game Theory*, Oxford University
       Press, 2004, chapter 9 (Bayesian games).

    Examples
    --------
    Osborne's battle of the sexes in which player 1 does not know whether
    player 2 wants to meet her (section 9.2):

    >>> half = sympy.Rational(1, 2)
    >>> meet = {("B", "B"): (2, 1), ("B", "S"): (0, 0), ("S", "B"): (0, 0), ("S", "S"): (1, 2)}
    >>> avoid = {("B", "B"): (2, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1), ("S", "S"): (1, 0)}
    >>> g = BayesianGame(("1", "2"), (("any",), ("meet", "avoid")), (("B", "S"), ("B", "S")),
    ...                  {("any", "meet"): half, ("any", "avoid"): half},
    ...                  lambda t, a: (meet if t[1] == "meet" else avoid)[a])
    >>> g.to_strategic_form().strategies[1]
    ('meet: B; avoid: B', 'meet: B; avoid: S', 'meet: S; avoid: B', 'meet: S; avoid: S')
    >>> g.to_strategic_form().payoffs[0][0, 1]
    1
    """

    players: tuple[str, ...]
    types: tuple[tuple[str, ...], ...]
    actions: tuple[tuple[str, ...], ...]
    prior: Any
    payoffs: Any
    name: str = ""
    _free: frozenset[sympy.Symbol] = field(default=frozenset(), init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        where = "BayesianGame"
        if isinstance(self.players, str):
            raise GameError(f"{where}: players must be a sequence of names, got the string {self.players!r}")
        n = len(tuple(self.players))
        players = _labels(self.players, n, [], f"{where} players")
        if n < 1:
            raise GameError(f"{where}: at least one player is required")
        if isinstance(self.types, str) or len(tuple(self.types)) != n:
            raise GameError(f"{where}: give one list of type names per player ({n} players)")
        if isinstance(self.actions, str) or len(tuple(self.actions)) != n:
            raise GameError(f"{where}: give one list of action names per player ({n} players)")
        types = tuple(_labels(t, len(tuple(t)) if not isinstance(t, str) else 0, [], f"{where} types of {players[i]!r}")
                      for i, t in enumerate(self.types))
        actions = tuple(_labels(a, len(tuple(a)) if not isinstance(a, str) else 0, [],
                                f"{where} actions of {players[i]!r}") for i, a in enumerate(self.actions))
        for what, lists in (("types", types), ("actions", actions)):
            for i, names in enumerate(lists):
                if not names:
                    raise GameError(f"{where}: {players[i]!r} has no {what}; at least one is required")
        n_strats = [len(a) ** len(t) for t, a in zip(types, actions)]
        if math.prod(n_strats) > MAX_PROFILES:
            raise SizeLimitError(f"{where}: the strategic form would have {math.prod(n_strats)} profiles; "
                                 f"allowed: at most {MAX_PROFILES}")
        tshape = tuple(len(t) for t in types)
        ashape = tuple(len(a) for a in actions)
        prior = self._read_prior(self.prior, types, tshape, where)
        pays = self._read_payoffs(self.payoffs, players, types, actions, tshape, ashape, prior, where)
        name = self.name
        if name is None:
            name = ""
        if not isinstance(name, str):
            raise GameError(f"{where}: name must be a string, got {type(name).__name__}")
        free: set[sympy.Symbol] = set(prior.free_symbols)
        for arr in pays:
            free |= arr.free_symbols
        for attr, value in (("players", players), ("types", types), ("actions", actions), ("prior", prior),
                            ("payoffs", pays), ("name", name), ("_free", frozenset(free))):
            object.__setattr__(self, attr, value)

    @staticmethod
    def _read_prior(prior: Any, types: tuple[tuple[str, ...], ...], tshape: tuple[int, ...],
                    where: str) -> ImmutableDenseNDimArray:
        if isinstance(prior, ImmutableDenseNDimArray):
            if tuple(prior.shape) != tshape:
                raise GameError(f"{where}: prior array has shape {tuple(prior.shape)}, the types give {tshape}")
            entries = {idx: prior[idx] for idx in itertools.product(*(range(m) for m in tshape))}
        else:
            if not isinstance(prior, Mapping):
                raise PriorError(f"{where}: prior must map type profiles to probabilities, got {type(prior).__name__}")
            entries = {}
            for key, p in prior.items():
                idx = _profile_key(key, types, "type profile", f"{where} prior")
                entries[idx] = to_exact(p, f"{where}: prior of {key!r}", error=PriorError)
        flat = []
        labels = []
        for idx in itertools.product(*(range(m) for m in tshape)):
            flat.append(entries.get(idx, sympy.Integer(0)))
            labels.append("(" + ", ".join(types[i][j] for i, j in enumerate(idx)) + ")")
        check_prior(flat, labels, where)
        return ImmutableDenseNDimArray(flat, tshape)

    @staticmethod
    def _read_payoffs(payoffs: Any, players: tuple[str, ...], types: tuple[tuple[str, ...], ...],
                      actions: tuple[tuple[str, ...], ...], tshape: tuple[int, ...], ashape: tuple[int, ...],
                      prior: ImmutableDenseNDimArray, where: str) -> tuple[ImmutableDenseNDimArray, ...]:
        n = len(players)
        if isinstance(payoffs, tuple) and len(payoffs) == n and all(
                isinstance(a, ImmutableDenseNDimArray) for a in payoffs):
            for a in payoffs:
                if tuple(a.shape) != tshape + ashape:
                    raise GameError(f"{where}: payoff array of shape {tuple(a.shape)}, expected {tshape + ashape}")
            return payoffs
        lookup: Callable[[tuple[str, ...], tuple[str, ...]], Any]
        if isinstance(payoffs, Mapping):
            table: dict[tuple[tuple[int, ...], tuple[int, ...]], Any] = {}
            for key, value in payoffs.items():
                if not (isinstance(key, tuple) and len(key) == 2):
                    raise GameError(f"{where}: payoff key {key!r} must be (type profile, action profile)")
                ti = _profile_key(key[0], types, "type profile", f"{where} payoffs")
                ai = _profile_key(key[1], actions, "action profile", f"{where} payoffs")
                table[(ti, ai)] = value

            def lookup(t: tuple[str, ...], a: tuple[str, ...]) -> Any:
                ti = tuple(types[i].index(x) for i, x in enumerate(t))
                ai = tuple(actions[i].index(x) for i, x in enumerate(a))
                return table.get((ti, ai))
        elif callable(payoffs):
            lookup = payoffs
        else:
            raise GameError(f"{where}: payoffs must be a mapping or a function, got {type(payoffs).__name__}")
        flat: list[list[sympy.Expr]] = [[] for _ in range(n)]
        for ti in itertools.product(*(range(m) for m in tshape)):
            tnames = tuple(types[i][j] for i, j in enumerate(ti))
            for ai in itertools.product(*(range(m) for m in ashape)):
                anames = tuple(actions[i][j] for i, j in enumerate(ai))
                value = lookup(tnames, anames)
                if value is None:
                    if prior[ti] == 0:
                        value = (0,) * n
                    else:
                        raise MissingPayoffError(f"{where}: no payoff for types {tnames} and actions {anames}; "
                                                 f"every profile of types with a non-zero prior needs one")
                if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != n:
                    raise GameError(f"{where}: payoff for types {tnames} and actions {anames} must be "
                                    f"{n} numbers (one per player), got {value!r}")
                for i, v in enumerate(value):
                    e = to_exact(v, f"{where}: payoff of {players[i]!r} for types {tnames}, actions {anames}",
                                 error=GameError)
                    if e.has(sympy.I) or e.is_real is False:
                        raise GameError(f"{where}: payoff {e} for types {tnames}, actions {anames} is not real")
                    flat[i].append(e)
        return tuple(ImmutableDenseNDimArray(f, tshape + ashape) for f in flat)

    # -- properties ---------------------------------------------------------
    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def free_symbols(self) -> frozenset[sympy.Symbol]:
        """The symbols (parameters) the prior and the payoffs depend on."""
        return self._free

    @property
    def is_numeric(self) -> bool:
        """True when neither the prior nor a payoff has a free symbol."""
        return not self._free

    def type_profiles(self) -> list[tuple[int, ...]]:
        """Every type profile, as indices, in the order of the prior array."""
        return list(itertools.product(*(range(len(t)) for t in self.types)))

    def probability(self, type_profile: Sequence[int]) -> sympy.Expr:
        """The prior probability of a type profile (indices)."""
        return self.prior[tuple(type_profile)]  # type: ignore[no-any-return]

    def payoff(self, player: int, type_profile: Sequence[int], action_profile: Sequence[int]) -> sympy.Expr:
        """``player``'s payoff at a type profile and an action profile (indices)."""
        return self.payoffs[player][tuple(type_profile) + tuple(action_profile)]  # type: ignore[no-any-return]

    def pure_strategies(self, player: int) -> list[tuple[int, ...]]:
        """Player ``player``'s pure strategies: one action index per type, in the strategic form's order."""
        return list(itertools.product(range(len(self.actions[player])), repeat=len(self.types[player])))

    # -- transformations ----------------------------------------------------
    def subs(self, mapping: Mapping[Any, Any] | ParameterSet) -> BayesianGame:
        """Substitute values for symbols in the prior and the payoffs; returns a new game.

        Raises
        ------
        PriorError
            If the substituted prior is not a distribution.

        Examples
        --------
        >>> p = sympy.Symbol("p", nonnegative=True)
        >>> g = BayesianGame(("A",), (("x", "y"),), (("a",),), {"x": p, "y": 1 - p}, lambda t, a: (1,))
        >>> g.subs({"p": 0.25}).prior.tolist()
        [1/4, 3/4]
        """
        subs = _subs_map(self._free, mapping, owner="BayesianGame")
        if not subs:
            return self
        prior = self.prior.subs(subs)
        pays = tuple(a.subs(subs) for a in self.payoffs)
        return BayesianGame(self.players, self.types, self.actions, prior, pays, name=self.name)

    def to_strategic_form(self) -> Game:
        r"""The ex-ante strategic form: strategies map types to actions, payoffs are prior expectations.

        .. math:: U_i(s) = \sum_t p(t)\, u_i\bigl(t, s_1(t_1), \dots, s_n(t_n)\bigr)

        Strategy names are :func:`strategy_label` (``"Strong: Beer; Weak: Quiche"``).
        """
        strats = [self.pure_strategies(i) for i in range(self.n_players)]
        shape = tuple(len(s) for s in strats)
        profiles = self.type_profiles()
        arrays = []
        for i in range(self.n_players):
            flat = []
            for combo in itertools.product(*strats):
                total = sympy.Integer(0)
                for t in profiles:
                    p = self.prior[t]
                    if p == 0:
                        continue
                    a = tuple(combo[j][t[j]] for j in range(self.n_players))
                    total += p * self.payoffs[i][t + a]
                flat.append(sympy.expand(total) if total.free_symbols else total)
            arrays.append(ImmutableDenseNDimArray(flat, shape))
        names = tuple(tuple(strategy_label(self.types[i], [self.actions[i][k] for k in s]) for s in strats[i])
                      for i in range(self.n_players))
        return Game(players=self.players, strategies=names, payoffs=tuple(arrays),
                    name=self.name + " (ex-ante strategic form)" if self.name else "ex-ante strategic form")

    def type_agents(self) -> list[tuple[int, int]]:
        """The agents of the type-agent form: ``(player, type)`` index pairs, player by player."""
        return [(i, k) for i in range(self.n_players) for k in range(len(self.types[i]))]

    def to_type_agent_form(self) -> Game:
        r"""The type-agent (Selten) form: one player per (player, type).

        Agent :math:`(i, t_i)` chooses an action of player i; her payoff is
        :math:`\sum_{t_{-i}} p(t_i, t_{-i})\, u_i(t, a)`, the interim expected
        payoff times :math:`p(t_i)` (so a type of prior 0 is indifferent).
        Agents are named ``"Sender (Strong)"``; a player with one type keeps her name.
        """
        agents = self.type_agents()
        shape = tuple(len(self.actions[i]) for i, _ in agents)
        profiles = self.type_profiles()
        arrays = []
        for i, k in agents:
            flat = []
            for combo in itertools.product(*(range(m) for m in shape)):
                chosen = {agent: combo[n] for n, agent in enumerate(agents)}
                total = sympy.Integer(0)
                for t in profiles:
                    if t[i] != k or self.prior[t] == 0:
                        continue
                    a = tuple(chosen[(j, t[j])] for j in range(self.n_players))
                    total += self.prior[t] * self.payoffs[i][t + a]
                flat.append(sympy.expand(total) if total.free_symbols else total)
            arrays.append(ImmutableDenseNDimArray(flat, shape))
        names = tuple(self.players[i] if len(self.types[i]) == 1 else f"{self.players[i]} ({self.types[i][k]})"
                      for i, k in agents)
        return Game(players=names, strategies=tuple(self.actions[i] for i, _ in agents), payoffs=tuple(arrays),
                    name=self.name + " (type-agent form)" if self.name else "type-agent form")

    def __str__(self) -> str:
        kinds = ", ".join(f"{p} ({len(t)} types, {len(a)} actions)"
                          for p, t, a in zip(self.players, self.types, self.actions))
        return f"{self.name or 'Bayesian game'}: {kinds}"
