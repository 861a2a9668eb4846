r"""Signalling games: a sender of private type sends a message, a receiver who sees only the message responds.

Nature draws the sender's type :math:`t` with prior probability :math:`p(t)`;
the sender, knowing :math:`t`, sends a message :math:`m`; the receiver,
seeing :math:`m` but not :math:`t`, chooses a response :math:`r`.  Payoffs
:math:`(u_S(t, m, r), u_R(t, m, r))` are sympy expressions (numbers become
exact rationals).  It is a game tree with chance at the root; its Bayesian form
(:meth:`SignalingGame.to_bayesian`) and ex-ante strategic form
(:meth:`SignalingGame.to_strategic_form`) are derived from it.

Its solution concept, the perfect Bayesian equilibrium, is computed by
:func:`solvers.perfect_bayesian_equilibria`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy import ImmutableDenseNDimArray

from games._arrays import _labels, _subs_map
from games._exact import to_exact
from games._text import latex_escape, latex_text
from games.bayesian import BayesianGame, check_prior
from games.core import Game
from games.errors import GameError, MissingPayoffError, PriorError, UnknownNameError, suggest
from games.parameters import ParameterSet, latex_symbol_names

__all__ = ["SignalingGame"]


@dataclass(frozen=True)
class SignalingGame:
    r"""A finite sender-receiver signalling game with a common prior over the sender's types.

    Parameters
    ----------
    types : mapping
        Sender type name -> prior probability (number or sympy expression);
        the probabilities must sum to 1 (identically, when symbolic).
    messages : sequence of str
        The sender's messages (every type may send every message).
    responses : sequence of str
        The receiver's responses (the same after every message).
    payoffs : mapping
        ``(type, message, response) -> (sender_payoff, receiver_payoff)``, one
        entry for every triple.
    players : pair of str, default ("Sender", "Receiver")
    name : str, optional

    Raises
    ------
    PriorError
        A probability outside [0, 1], or priors that do not sum to 1.
    MissingPayoffError
        A (type, message, response) without a payoff (the first one is named).
    UnknownNameError
        A payoff key naming a type, message or response the game does not have.
    GameError
        Fewer than two types, messages or responses given as a string, duplicate
        names, payoffs that are not two numbers.

    References
    ----------
    .. [1] I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
       Quarterly Journal of Economics 102 (1987) 179-221.
    .. [2] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, section 8.2.

    Examples
    --------
    >>> pays = {(t, m, r): (int(m == ("Beer" if t == "Strong" else "Quiche")) + 2 * (r == "Flee"),
    ...                     (1 if t == "Weak" else -1) if r == "Duel" else 0)
    ...         for t in ("Strong", "Weak") for m in ("Beer", "Quiche") for r in ("Duel", "Flee")}
    >>> g = SignalingGame({"Strong": 0.9, "Weak": 0.1}, ("Beer", "Quiche"), ("Duel", "Flee"), pays,
    ...                   name="Beer-quiche")
    >>> g.prior
    (9/10, 1/10)
    >>> g.payoff("Strong", "Beer", "Flee")
    (3, 0)
    """

    types: Any
    messages: Any
    responses: Any
    payoffs: Any
    players: tuple[str, str] = ("Sender", "Receiver")
    name: str = ""
    prior: tuple[sympy.Expr, ...] = field(default=(), init=False)
    _free: frozenset[sympy.Symbol] = field(default=frozenset(), init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        where = "SignalingGame"
        if not isinstance(self.types, Mapping):
            raise GameError(f"{where}: types must map each sender type to its prior probability, "
                            f"got {type(self.types).__name__}")
        tnames = _labels(list(self.types), len(self.types), [], f"{where} types")
        if len(tnames) < 1:
            raise GameError(f"{where}: at least one sender type is required")
        prior = tuple(to_exact(self.types[t], f"{where}: prior of type {t!r}", error=PriorError) for t in tnames)
        check_prior(prior, tnames, where)
        messages = self._names(self.messages, "messages", where)
        responses = self._names(self.responses, "responses", where)
        players = _labels(self.players, 2, [], f"{where} players")
        if not isinstance(self.payoffs, Mapping):
            raise GameError(f"{where}: payoffs must map (type, message, response) to (sender, receiver) payoffs, "
                            f"got {type(self.payoffs).__name__}")
        allowed = {"type": tnames, "message": messages, "response": responses}
        for key in self.payoffs:
            if not (isinstance(key, tuple) and len(key) == 3):
                raise GameError(f"{where}: payoff key {key!r} must be a (type, message, response) triple")
            for (what, names), k in zip(allowed.items(), key):
                if k not in names:
                    raise UnknownNameError(f"{where} payoffs: " + suggest(str(k), names, what=what))
        sender: list[sympy.Expr] = []
        receiver: list[sympy.Expr] = []
        for t, m, r in itertools.product(tnames, messages, responses):
            if (t, m, r) not in self.payoffs:
                raise MissingPayoffError(f"{where}: no payoff for type {t!r}, message {m!r}, response {r!r}; "
                                         f"every (type, message, response) needs (sender payoff, receiver payoff)")
            value = self.payoffs[(t, m, r)]
            if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
                raise GameError(f"{where}: payoff of ({t!r}, {m!r}, {r!r}) must be (sender payoff, receiver payoff), "
                                f"got {value!r}")
            for lst, v, who in ((sender, value[0], players[0]), (receiver, value[1], players[1])):
                e = to_exact(v, f"{where}: {who}'s payoff at ({t!r}, {m!r}, {r!r})", error=GameError)
                if e.has(sympy.I) or e.is_real is False:
                    raise GameError(f"{where}: payoff {e} at ({t!r}, {m!r}, {r!r}) is not a real number")
                lst.append(e)
        shape = (len(tnames), len(messages), len(responses))
        arrays = (ImmutableDenseNDimArray(sender, shape), ImmutableDenseNDimArray(receiver, shape))
        name = "" if self.name is None else self.name
        if not isinstance(name, str):
            raise GameError(f"{where}: name must be a string, got {type(name).__name__}")
        free: set[sympy.Symbol] = set()
        for e in prior:
            free |= e.free_symbols
        for a in arrays:
            free |= a.free_symbols
        for attr, value in (("types", tnames), ("messages", messages), ("responses", responses),
                            ("payoffs", arrays), ("players", players), ("name", name), ("prior", prior),
                            ("_free", frozenset(free))):
            object.__setattr__(self, attr, value)

    @staticmethod
    def _names(given: Any, what: str, where: str) -> tuple[str, ...]:
        if isinstance(given, str) or not isinstance(given, Sequence):
            raise GameError(f"{where}: {what} must be a sequence of names, got {given!r}")
        names = _labels(given, len(given), [], f"{where} {what}")
        if not names:
            raise GameError(f"{where}: at least one of the {what} is required")
        return names

    # -- access -------------------------------------------------------------
    @property
    def free_symbols(self) -> frozenset[sympy.Symbol]:
        """The symbols the prior and the payoffs depend on."""
        return self._free

    @property
    def is_numeric(self) -> bool:
        """True when neither the prior nor a payoff has a free symbol."""
        return not self._free

    def payoff(self, type_: str | int, message: str | int, response: str | int) -> tuple[sympy.Expr, sympy.Expr]:
        """``(sender payoff, receiver payoff)`` at a (type, message, response), by name or index."""
        idx = (self._index(type_, self.types, "type"), self._index(message, self.messages, "message"),
               self._index(response, self.responses, "response"))
        return self.payoffs[0][idx], self.payoffs[1][idx]

    @staticmethod
    def _index(key: str | int, names: tuple[str, ...], what: str) -> int:
        if isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(names):
            return key
        if key in names:
            return names.index(key)  # type: ignore[arg-type]
        raise UnknownNameError("SignalingGame: " + suggest(str(key), names, what=what))

    def _table(self) -> dict[tuple[str, str, str], tuple[sympy.Expr, sympy.Expr]]:
        return {(t, m, r): (self.payoffs[0][i, j, k], self.payoffs[1][i, j, k])
                for i, t in enumerate(self.types) for j, m in enumerate(self.messages)
                for k, r in enumerate(self.responses)}

    # -- transformations ----------------------------------------------------
    def subs(self, mapping: Mapping[Any, Any] | ParameterSet) -> SignalingGame:
        """Substitute values for symbols in the prior and the payoffs; returns a new game.

        Examples
        --------
        >>> q = sympy.Symbol("q", nonnegative=True)
        >>> g = SignalingGame({"H": q, "L": 1 - q}, ("E", "N"), ("w",),
        ...                   {(t, m, "w"): (0, 0) for t in "HL" for m in "EN"})
        >>> g.subs({"q": 0.3}).prior
        (3/10, 7/10)
        """
        subs = _subs_map(self._free, mapping, owner="SignalingGame")
        if not subs:
            return self
        types = {t: p.subs(subs) for t, p in zip(self.types, self.prior)}
        table = {k: (v[0].subs(subs), v[1].subs(subs)) for k, v in self._table().items()}
        return SignalingGame(types, self.messages, self.responses, table, players=self.players, name=self.name)

    def to_bayesian(self) -> BayesianGame:
        """The Bayesian game: the sender has the types and sends messages; the receiver (one type) responds.

        The receiver's actions in the Bayesian game are her response plans, one
        response per message (``"Beer: Flee; Quiche: Duel"``); the receiver
        sees the message, so a plan is the strategy of the signalling game.
        """
        plans = list(itertools.product(self.responses, repeat=len(self.messages)))
        plan_names = tuple("; ".join(f"{m}: {r}" for m, r in zip(self.messages, p)) for p in plans)
        table = self._table()
        pays = {}
        for t in self.types:
            for m in self.messages:
                for name, plan in zip(plan_names, plans):
                    pays[((t, "any"), (m, name))] = table[(t, m, plan[self.messages.index(m)])]
        prior = {(t, "any"): p for t, p in zip(self.types, self.prior)}
        return BayesianGame(self.players, (self.types, ("any",)), (self.messages, plan_names), prior, pays,
                            name=self.name)

    def to_strategic_form(self) -> Game:
        """The ex-ante strategic form: sender strategies map types to messages, receiver ones messages to responses."""
        return self.to_bayesian().to_strategic_form()

    def latex(self, *, env: str = "tabular") -> str:
        r"""The payoff table as LaTeX: one row per (type, message), one column per response.

        Cells are "sender payoff, receiver payoff"; the first column gives the
        type with its prior probability.

        Examples
        --------
        >>> g = SignalingGame({"H": 0.5, "L": 0.5}, ("E",), ("w",), {("H", "E", "w"): (1, 0), ("L", "E", "w"): (0, 1)})
        >>> print(g.latex())
        \begin{tabular}{ll|c}
        type (prior) & message & w \\
        \hline
        H ($\frac{1}{2}$) & E & $1, 0$ \\
        L ($\frac{1}{2}$) & E & $0, 1$ \\
        \end{tabular}
        """
        if env not in ("tabular", "array"):
            raise GameError(f"SignalingGame.latex: env {env!r} not allowed (allowed: 'tabular', 'array')")
        names = latex_symbol_names()

        def tex(e: sympy.Expr) -> str:
            return sympy.latex(e, symbol_names=names)

        def label(text: str) -> str:
            return latex_escape(text) if env == "tabular" else latex_text(text)

        def math(body: str) -> str:
            return f"${body}$" if env == "tabular" else body

        lines = [r"\begin{%s}{ll|%s}" % (env, "c" * len(self.responses)),
                 label("type (prior)") + " & " + label("message") + " & "
                 + " & ".join(label(r) for r in self.responses) + r" \\", r"\hline"]
        for i, t in enumerate(self.types):
            for j, m in enumerate(self.messages):
                cells = [math(tex(self.payoffs[0][i, j, k]) + ", " + tex(self.payoffs[1][i, j, k]))
                         for k in range(len(self.responses))]
                head = label(t) + " (" + math(tex(self.prior[i])) + ")" if j == 0 else ""
                lines.append(head + " & " + label(m) + " & " + " & ".join(cells) + r" \\")
        lines.append(r"\end{%s}" % env)
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        return "$$" + self.latex(env="array") + "$$"

    def __str__(self) -> str:
        return (f"{self.name or 'Signalling game'}: {len(self.types)} sender types, {len(self.messages)} messages, "
                f"{len(self.responses)} responses")
