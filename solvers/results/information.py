r"""Results of the hidden-information solvers: Bayesian Nash and perfect Bayesian equilibria.

Frozen values that know no algorithm and no rendering (``str()`` and
``_repr_latex_`` go through :mod:`solvers.render.information`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sympy

from solvers.results._display import Rendered

__all__ = ["FrozenMapping", "BayesianEquilibrium", "PerfectBayesianEquilibrium"]


class FrozenMapping(Mapping[Any, Any]):
    """An immutable, hashable, ordered mapping (the strategies and beliefs of a result).

    Examples
    --------
    >>> m = FrozenMapping({"Strong": "Beer", "Weak": "Beer"})
    >>> m["Weak"], len(m), hash(m) == hash(FrozenMapping([("Strong", "Beer"), ("Weak", "Beer")]))
    ('Beer', 2, True)
    """

    __slots__ = ("_items", "_index")
    _items: tuple[tuple[Any, Any], ...]
    _index: dict[Any, Any]

    def __init__(self, items: Mapping[Any, Any] | Any = ()) -> None:
        pairs = tuple(items.items()) if isinstance(items, Mapping) else tuple(items)
        object.__setattr__(self, "_items", pairs)
        object.__setattr__(self, "_index", {k: v for k, v in pairs})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("FrozenMapping is immutable")

    def __getitem__(self, key: Any) -> Any:
        return self._index[key]

    def __iter__(self) -> Iterator[Any]:
        return (k for k, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMapping):
            return self._items == other._items
        if isinstance(other, Mapping):
            return dict(self._items) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return "FrozenMapping({" + ", ".join(f"{k!r}: {v!r}" for k, v in self._items) + "})"


@dataclass(frozen=True)
class BayesianEquilibrium(Rendered):
    r"""One Bayesian Nash equilibrium: each type's mixture over its player's actions.

    Attributes
    ----------
    players : tuple of str
    types : tuple of tuple of str
    actions : tuple of tuple of str
    behaviour : tuple
        ``behaviour[i][k]`` is the probability vector over ``actions[i]`` of
        player i's type ``types[i][k]`` (sympy expressions; exact numbers when numeric).
    payoffs : tuple
        Each player's ex-ante expected payoff.
    condition : sympy Boolean
        Where this is an equilibrium (``True`` for a numeric game).
    kind : {"pure", "mixed", "continuum"}
    exact : bool
        True when computed in rational arithmetic.
    profile : tuple
        The same equilibrium as a mixed profile of the ex-ante strategic form
        (:meth:`games.BayesianGame.to_strategic_form`).
    """

    players: tuple[str, ...]
    types: tuple[tuple[str, ...], ...]
    actions: tuple[tuple[str, ...], ...]
    behaviour: tuple[tuple[tuple[Any, ...], ...], ...]
    payoffs: tuple[Any, ...]
    condition: Any = sympy.true
    kind: str = "pure"
    exact: bool = True
    profile: tuple[tuple[Any, ...], ...] = ()

    def strategy(self, player: str | int) -> dict[str, dict[str, Any]]:
        """``{type: {action: probability}}`` of one player (by name or index)."""
        i = player if isinstance(player, int) else self.players.index(player)
        return {t: dict(zip(self.actions[i], vec)) for t, vec in zip(self.types[i], self.behaviour[i])}

    @property
    def is_pure(self) -> bool:
        """True when every type plays one action for sure."""
        return all(sum(1 for v in vec if v != 0) == 1 for per in self.behaviour for vec in per)


@dataclass(frozen=True)
class PerfectBayesianEquilibrium(Rendered):
    r"""One perfect Bayesian equilibrium of a signalling game.

    Attributes
    ----------
    kind : {"pooling", "separating", "semi-separating", "partially-pooling"}
        Pooling: every type sends the same message; separating: every type a
        different one; semi-separating: one type mixes; partially pooling (three
        or more types): some types pool, pure.
    sender : FrozenMapping
        Type -> message (a str) for a type playing one message, or type ->
        ``FrozenMapping(message -> probability)`` for a type that mixes.
    receiver : FrozenMapping
        Message -> response (a str), or message -> ``FrozenMapping(response ->
        probability)`` where the receiver mixes.
    beliefs : FrozenMapping
        Message -> ``FrozenMapping(type -> probability)`` on the path; off the
        path, message -> the sympy Boolean on the belief symbols
        (:attr:`belief_symbols`) that supports the receiver's response there.
    off_path : tuple of str
        The messages no type sends.
    payoffs : tuple
        ``(sender's ex-ante expected payoff, receiver's expected payoff)``.
    type_payoffs : FrozenMapping
        Type -> the sender's payoff of that type.
    condition : sympy Boolean
        Where this is a perfect Bayesian equilibrium (``True`` for a numeric game).
    intuitive : bool or sympy Boolean
        Whether it survives the Cho-Kreps intuitive criterion (a Boolean on the
        parameters for a symbolic game).
    belief_symbols : FrozenMapping
        Message -> ``FrozenMapping(type -> Symbol)``: the probability the receiver
        gives each type after an off-path message (the first type's is one minus
        the others', so it is absent).
    players : tuple of str
    mixing : FrozenMapping
        Off-path message -> ``(low, high)``: where the receiver mixes two responses
        after a message no type sends (numeric games, when no pure response deters
        every type), every probability of the first response in this interval
        supports the equilibrium; ``receiver`` shows the midpoint.
    """

    kind: str
    sender: FrozenMapping
    receiver: FrozenMapping
    beliefs: FrozenMapping
    off_path: tuple[str, ...]
    payoffs: tuple[Any, Any]
    type_payoffs: FrozenMapping
    condition: Any = sympy.true
    intuitive: Any = True
    belief_symbols: FrozenMapping = FrozenMapping()
    players: tuple[str, str] = ("Sender", "Receiver")
    mixing: FrozenMapping = FrozenMapping()

    @property
    def label(self) -> str:
        """A short name: ``"pooling on Beer"``, ``"separating (Strong: Beer, Weak: Quiche)"``."""
        if self.kind == "pooling":
            return f"pooling on {next(iter(self.sender.values()))}"
        parts = []
        for t, m in self.sender.items():
            if isinstance(m, Mapping):
                m = "/".join(k for k, v in m.items() if v != 0)
            parts.append(f"{t}: {m}")
        return f"{self.kind} ({', '.join(parts)})"
