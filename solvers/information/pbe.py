r"""``perfect_bayesian_equilibria``: the perfect Bayesian equilibria of a signalling game, in closed form.

Method
------
*Pure sender strategies.*  For every map :math:`s` from types to messages and
every pure response plan :math:`r` of the receiver, :math:`(s, r)` with beliefs
:math:`\mu` is a perfect Bayesian equilibrium iff

* on the path (a message :math:`m` some type sends), the belief is Bayes' rule
  :math:`\mu(t \mid m) = p(t) / \sum_{s(t') = m} p(t')` and :math:`r(m)` is a
  best response to it: :math:`\sum_{s(t) = m} p(t) (u_R(t, m, r(m)) - u_R(t, m,
  r')) \ge 0` for every :math:`r'`;
* off the path, some belief makes :math:`r(m)` a best response
  (:func:`solvers.information.beliefs.supported`; the result's ``beliefs``
  give the whole set, as an inequality on the belief symbols);
* no type gains by sending another message:
  :math:`u_S(t, s(t), r(s(t))) \ge u_S(t, m', r(m'))`.

Each condition is a sympy Boolean on the parameters (the prior included); a
numeric game gives ``True`` or ``False`` and only the equilibria are returned.

*Semi-separating equilibria* (two types): type :math:`a` sends :math:`m_p`,
type :math:`b` sends :math:`m_p` with probability :math:`\sigma \in (0, 1)` and
:math:`m_o` otherwise.  After :math:`m_o` the receiver knows :math:`b` and
plays a best response :math:`r_o`; after :math:`m_p` she mixes two responses
:math:`r_1, r_2` with probability :math:`\rho \in (0, 1)`, which needs her
indifference at the belief

.. math::

    \mu^*(a \mid m_p) = \frac{D_b}{D_b - D_a}, \quad
    D_t = u_R(t, m_p, r_1) - u_R(t, m_p, r_2), \qquad
    \sigma = \frac{p(a) (1 - \mu^*)}{p(b) \mu^*},

and :math:`b`'s indifference, :math:`\rho = (u_S(b, m_o, r_o) - u_S(b, m_p,
r_2)) / (u_S(b, m_p, r_1) - u_S(b, m_p, r_2))`; :math:`a` must not prefer
:math:`m_o`, and the other messages are off the path as above.  (Semi-separating
equilibria with a pure response after :math:`m_p` need an exact payoff tie of
type :math:`b` and are not enumerated; neither are those where the receiver
mixes after a message one type alone sends.)

*Off-path mixtures* (numeric games): where no pure response to an off-path
message is both supported by a belief and deters every type, a mixture of two
responses that one belief makes both best responses may; such equilibria are
returned with the interval of mixing probabilities that works (``mixing``).
A receiver who mixes after an on-path message of a pure sender strategy (which
needs her exact indifference at the Bayes belief) is not enumerated.

Each equilibrium carries whether it survives the Cho-Kreps intuitive criterion
(:mod:`solvers.information.intuitive`), and, for a numeric game, is checked
again from the definition (:mod:`solvers.information.verify`) before it is
returned.

References
----------
.. [1] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, section 8.2
   (perfect Bayesian equilibrium) and 11.2 (the intuitive criterion).
.. [2] I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
   Quarterly Journal of Economics 102 (1987) 179-221.
"""

from __future__ import annotations

import itertools
import warnings
from typing import Any

import sympy

from games.errors import GameError, SizeLimitError
from games.signaling import SignalingGame
from solvers.information.beliefs import belief_symbols, describe_beliefs, supported
from solvers.information.intuitive import intuitive_criterion
from solvers.information.verify import is_perfect_bayesian_equilibrium
from solvers.results.information import FrozenMapping, PerfectBayesianEquilibrium
from solvers.symbolic.relations import kind_bounds, reduce_by_kinds, relation

__all__ = ["perfect_bayesian_equilibria", "MAX_PLANS"]

#: At most this many (sender strategy, receiver plan) pairs are examined.
MAX_PLANS = 200_000


def _decided(cond: Any, bounds: dict[sympy.Symbol, Any]) -> Any:
    return reduce_by_kinds(cond, bounds) if bounds else cond


#: A symbolic intuitive-criterion condition with at most this many distinct relations is simplified
#: (:func:`sympy.simplify_logic`); larger ones are returned as built.
SIMPLIFY_ATOMS = 8


def _tidy(cond: Any) -> Any:
    if cond in (sympy.true, sympy.false) or not isinstance(cond, sympy.logic.boolalg.Boolean):
        return cond
    if len(cond.atoms(sympy.core.relational.Relational)) > SIMPLIFY_ATOMS:
        return cond
    return sympy.simplify_logic(cond)


def _as_bool(value: Any) -> Any:
    if value is sympy.true:
        return True
    if value is sympy.false:
        return False
    return value


def _kind(strategy: tuple[int, ...]) -> str:
    if len(set(strategy)) == 1:
        return "pooling"
    if len(set(strategy)) == len(strategy):
        return "separating"
    return "partially-pooling"


def _off_path_beliefs(game: SignalingGame, plan: tuple[int, ...], off: list[int]) -> dict[str, Any]:
    return {game.messages[m]: describe_beliefs(game, m, plan[m]) for m in off}


def _belief_symbols(game: SignalingGame, off: list[int]) -> FrozenMapping:
    return FrozenMapping({game.messages[m]: FrozenMapping({game.types[k]: s for k, s in belief_symbols(game, m).items()})
                          for m in off})


def _pure_record(game: SignalingGame, s: tuple[int, ...], on: list[int], mass: dict[int, Any],
                 receiver: dict[int, Any], off: list[int], off_beliefs: dict[int, Any], cond: Any,
                 bounds: dict[sympy.Symbol, Any], mixing: dict[int, tuple[Any, Any]] | None = None,
                 ) -> PerfectBayesianEquilibrium:
    """The record of a pure sender strategy ``s`` with the receiver's answer to each message."""
    us, ur = game.payoffs
    T, M = len(game.types), len(game.messages)

    def expected(u: Any, t: int, m: int) -> Any:
        r = receiver[m]
        if isinstance(r, FrozenMapping):
            return sympy.Add(*(q * u[t, m, game.responses.index(k)] for k, q in r.items()))
        return u[t, m, game.responses.index(r)]

    type_pay = {t: expected(us, t, s[t]) for t in range(T)}
    beliefs: dict[int, Any] = {
        m: FrozenMapping({game.types[t]: sympy.cancel(game.prior[t] / mass[m]) if s[t] == m else sympy.Integer(0)
                          for t in range(T)}) for m in on}
    beliefs.update(off_beliefs)
    sender_pay = sympy.expand(sum((game.prior[t] * type_pay[t] for t in range(T)), sympy.Integer(0)))
    receiver_pay = sympy.expand(sum((game.prior[t] * expected(ur, t, s[t]) for t in range(T)), sympy.Integer(0)))
    intuitive = _tidy(_decided(intuitive_criterion(game, type_pay, off), bounds))
    return PerfectBayesianEquilibrium(
        kind=_kind(s),
        sender=FrozenMapping({game.types[t]: game.messages[s[t]] for t in range(T)}),
        receiver=FrozenMapping({game.messages[m]: receiver[m] for m in range(M)}),
        beliefs=FrozenMapping({game.messages[m]: beliefs[m] for m in range(M)}),
        off_path=tuple(game.messages[m] for m in sorted(off)),
        payoffs=(sender_pay, receiver_pay),
        type_payoffs=FrozenMapping({game.types[t]: type_pay[t] for t in range(T)}),
        condition=_as_bool(cond), intuitive=_as_bool(intuitive),
        belief_symbols=_belief_symbols(game, sorted(off)), players=game.players,
        mixing=FrozenMapping({game.messages[m]: iv for m, iv in sorted((mixing or {}).items())}))


def _rho_interval(game: SignalingGame, m: int, r1: int, r2: int, type_pay: dict[int, Any]) -> tuple[Any, Any] | None:
    """The probabilities rho of r1 (against r2) after ``m`` that keep every type from sending ``m`` (numeric)."""
    us = game.payoffs[0]
    lo, hi = sympy.Integer(0), sympy.Integer(1)
    for t in range(len(game.types)):
        a = us[t, m, r1] - us[t, m, r2]
        b = type_pay[t] - us[t, m, r2]
        if a > 0:
            hi = min(hi, b / a)
        elif a < 0:
            lo = max(lo, b / a)
        elif b < 0:
            return None
    return (lo, hi) if lo <= hi and lo < 1 and hi > 0 else None


def _mixed_off_path(game: SignalingGame) -> list[PerfectBayesianEquilibrium]:
    """Numeric games: pure sender strategies held only by a receiver who mixes after an off-path message.

    After an off-path message where no pure response is both supported by some belief and deters every
    type, a mixture of two responses that one belief makes both best responses may deter them all.
    """
    us, ur = game.payoffs
    T, M, R = len(game.types), len(game.messages), len(game.responses)
    support_ok = {(m, r): supported(game, m, r) is sympy.true for m in range(M) for r in range(R)}
    pair_ok: dict[tuple[int, int, int], bool] = {}

    def pair(m: int, r1: int, r2: int) -> bool:
        if (m, r1, r2) not in pair_ok:
            pair_ok[(m, r1, r2)] = supported(game, m, r1, tie=r2) is sympy.true
        return pair_ok[(m, r1, r2)]

    out = []
    for s in itertools.product(range(M), repeat=T):
        mass = {m: sympy.Add(*(game.prior[t] for t in range(T) if s[t] == m)) for m in set(s)}
        on = sorted(m for m in mass if mass[m] != 0)
        off = [m for m in range(M) if m not in on]
        if not off:
            continue
        for answers in itertools.product(range(R), repeat=len(on)):
            plan = dict(zip(on, answers))
            if any(sum((game.prior[t] * (ur[t, m, plan[m]] - ur[t, m, r]) for t in range(T) if s[t] == m),
                       sympy.Integer(0)) < 0 for m in on for r in range(R)):
                continue
            type_pay = {t: us[t, s[t], plan[s[t]]] if s[t] in plan else None for t in range(T)}
            if any(v is None for v in type_pay.values()):
                continue
            if any(type_pay[t] < us[t, m, plan[m]] for t in range(T) for m in on):
                continue
            options: list[list[tuple[Any, ...]]] = []
            needs_mix = False
            for m in off:
                pure = [("pure", r) for r in range(R) if support_ok[(m, r)]
                        and all(type_pay[t] >= us[t, m, r] for t in range(T))]
                if pure:
                    options.append(pure)
                    continue
                mixes = []
                for r1, r2 in itertools.combinations(range(R), 2):
                    interval = _rho_interval(game, m, r1, r2, type_pay)
                    if interval is not None and pair(m, r1, r2):
                        mixes.append(("mix", r1, r2, interval))
                if not mixes:
                    break
                options.append(mixes)
                needs_mix = True
            else:
                if not needs_mix:
                    continue
                for choice in itertools.product(*options):
                    receiver: dict[int, Any] = {m: game.responses[r] for m, r in plan.items()}
                    off_beliefs, mixing = {}, {}
                    for m, opt in zip(off, choice):
                        if opt[0] == "pure":
                            receiver[m] = game.responses[opt[1]]
                            off_beliefs[m] = describe_beliefs(game, m, opt[1])
                        else:
                            _, r1, r2, (lo, hi) = opt
                            rho = (lo + hi) / 2
                            receiver[m] = FrozenMapping({game.responses[r1]: rho, game.responses[r2]: 1 - rho})
                            off_beliefs[m] = describe_beliefs(game, m, r1, tie=r2)
                            mixing[m] = (lo, hi)
                    out.append(_pure_record(game, s, on, mass, receiver, off, off_beliefs, True, {}, mixing))
    return out


def _pure(game: SignalingGame, bounds: dict[sympy.Symbol, Any]) -> list[PerfectBayesianEquilibrium]:
    us, ur = game.payoffs
    T, M, R = len(game.types), len(game.messages), len(game.responses)
    support_ok = {(m, r): supported(game, m, r) for m in range(M) for r in range(R)}
    out = []
    for s in itertools.product(range(M), repeat=T):
        on = sorted(set(s))
        off = [m for m in range(M) if m not in on]
        mass = {m: sympy.Add(*(game.prior[t] for t in range(T) if s[t] == m)) for m in on}
        if game.is_numeric:
            off += [m for m in on if mass[m] == 0]
            on = [m for m in on if mass[m] != 0]
        for plan in itertools.product(range(R), repeat=M):
            atoms = []
            for m in on:
                if not mass[m].is_number:
                    atoms.append(relation(mass[m], ">"))
                for r in range(R):
                    if r != plan[m]:
                        gain = sum((game.prior[t] * (ur[t, m, plan[m]] - ur[t, m, r]) for t in range(T) if s[t] == m),
                                   sympy.Integer(0))
                        atoms.append(relation(sympy.expand(gain), ">="))
            atoms += [support_ok[(m, plan[m])] for m in off]
            for t in range(T):
                own = us[t, s[t], plan[s[t]]]
                atoms += [relation(sympy.expand(own - us[t, m, plan[m]]), ">=") for m in range(M) if m != s[t]]
            cond = _decided(sympy.And(*atoms), bounds)
            if cond is sympy.false or (game.is_numeric and cond is not sympy.true):
                continue
            receiver = {m: game.responses[plan[m]] for m in range(M)}
            off_beliefs = {m: describe_beliefs(game, m, plan[m]) for m in off}
            out.append(_pure_record(game, s, on, mass, receiver, off, off_beliefs, cond, bounds))
    return out


def _semi_separating(game: SignalingGame, bounds: dict[sympy.Symbol, Any]) -> list[PerfectBayesianEquilibrium]:
    us, ur = game.payoffs
    M, R = len(game.messages), len(game.responses)
    p = game.prior
    out = []
    for a, b in ((0, 1), (1, 0)):
        for mp, mo in itertools.permutations(range(M), 2):
            others = [m for m in range(M) if m not in (mp, mo)]
            for r1, r2 in itertools.combinations(range(R), 2):
                Da = ur[a, mp, r1] - ur[a, mp, r2]
                Db = ur[b, mp, r1] - ur[b, mp, r2]
                if sympy.expand(Db - Da) == 0:
                    continue
                mu = sympy.cancel(Db / (Db - Da))  # the receiver's belief in type a after m_p
                sigma = sympy.cancel(p[a] * (1 - mu) / (p[b] * mu)) if mu != 0 else None
                if sigma is None or (p[b] * mu).is_zero:
                    continue
                split = sympy.expand(us[b, mp, r1] - us[b, mp, r2])
                if split == 0:
                    continue
                for ro in range(R):
                    rho = sympy.cancel((us[b, mo, ro] - us[b, mp, r2]) / split)
                    for rest in itertools.product(range(R), repeat=len(others)):
                        plan = dict(zip(others, rest))
                        atoms = [relation(sympy.expand(ur[b, mo, ro] - ur[b, mo, r]), ">=") for r in range(R)
                                 if r != ro]
                        atoms += [relation(sigma, ">"), relation(1 - sigma, ">"), relation(rho, ">"),
                                  relation(1 - rho, ">")]
                        if not p[b].is_number:
                            atoms.append(relation(p[b], ">"))
                        atoms += [relation(sympy.cancel(mu * (ur[a, mp, r1] - ur[a, mp, r])
                                                        + (1 - mu) * (ur[b, mp, r1] - ur[b, mp, r])), ">=")
                                  for r in range(R) if r not in (r1, r2)]
                        pay_a = rho * us[a, mp, r1] + (1 - rho) * us[a, mp, r2]
                        pay_b = us[b, mo, ro]
                        atoms.append(relation(sympy.cancel(pay_a - us[a, mo, ro]), ">="))
                        for m, r in plan.items():
                            atoms.append(supported(game, m, r))
                            atoms.append(relation(sympy.cancel(pay_a - us[a, m, r]), ">="))
                            atoms.append(relation(sympy.cancel(pay_b - us[b, m, r]), ">="))
                        cond = _decided(sympy.And(*atoms), bounds)
                        if cond is sympy.false or (game.is_numeric and cond is not sympy.true):
                            continue
                        type_pay = {a: sympy.cancel(pay_a), b: pay_b}
                        ta, tb = game.types[a], game.types[b]
                        mix = FrozenMapping({game.messages[mp]: sigma, game.messages[mo]: sympy.cancel(1 - sigma)})
                        sender = {ta: game.messages[mp], tb: mix}
                        receiver: dict[str, Any] = {game.messages[m]: game.responses[r] for m, r in plan.items()}
                        receiver[game.messages[mo]] = game.responses[ro]
                        receiver[game.messages[mp]] = FrozenMapping({game.responses[r1]: rho,
                                                                     game.responses[r2]: sympy.cancel(1 - rho)})
                        at_mp = {ta: mu, tb: sympy.cancel(1 - mu)}
                        beliefs: dict[str, Any] = {
                            game.messages[mp]: FrozenMapping({t: at_mp[t] for t in game.types}),
                            game.messages[mo]: FrozenMapping({t: sympy.Integer(int(t == tb)) for t in game.types})}
                        beliefs.update(_off_path_beliefs(game, tuple(plan.get(m, 0) for m in range(M)), others))
                        on_mp = rho * ur[a, mp, r1] + (1 - rho) * ur[a, mp, r2]
                        on_mp_b = rho * ur[b, mp, r1] + (1 - rho) * ur[b, mp, r2]
                        receiver_pay = sympy.cancel(p[a] * on_mp + p[b] * (sigma * on_mp_b + (1 - sigma) * ur[b, mo, ro]))
                        sender_pay = sympy.cancel(p[a] * type_pay[a] + p[b] * type_pay[b])
                        intuitive = _tidy(_decided(intuitive_criterion(game, type_pay, others), bounds))
                        out.append(PerfectBayesianEquilibrium(
                            kind="semi-separating",
                            sender=FrozenMapping({t: sender[t] for t in game.types}),
                            receiver=FrozenMapping({m: receiver[m] for m in game.messages}),
                            beliefs=FrozenMapping({m: beliefs[m] for m in game.messages}),
                            off_path=tuple(game.messages[m] for m in others), payoffs=(sender_pay, receiver_pay),
                            type_payoffs=FrozenMapping({t: type_pay[k] for k, t in enumerate(game.types)}),
                            condition=_as_bool(cond), intuitive=_as_bool(intuitive),
                            belief_symbols=_belief_symbols(game, others), players=game.players))
    return out


def perfect_bayesian_equilibria(game: SignalingGame, *, semi_separating: bool = True) -> list[PerfectBayesianEquilibrium]:
    r"""Every perfect Bayesian equilibrium in pure sender strategies, and the semi-separating ones.

    Parameters
    ----------
    game : SignalingGame
        Numeric or symbolic (prior and payoffs may be sympy expressions).
    semi_separating : bool, default True
        Also the equilibria in which one of two types mixes (two-type games).

    Returns
    -------
    list of PerfectBayesianEquilibrium
        Pure-sender ones first (by sender strategy, then receiver plan), then
        semi-separating ones.  Each has ``kind``, ``sender``, ``receiver``,
        ``beliefs`` (off the path: the set that supports the equilibrium),
        ``payoffs``, ``condition`` (``True`` for a numeric game; otherwise
        where it is an equilibrium) and ``intuitive``.

    Raises
    ------
    GameError
        If ``game`` is not a SignalingGame.
    SizeLimitError
        More than :data:`MAX_PLANS` (sender strategy, receiver plan) pairs.

    References
    ----------
    .. [1] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, sections 8.2 and 11.2.
    .. [2] I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
       Quarterly Journal of Economics 102 (1987) 179-221.

    Examples
    --------
    A cheap-talk game with aligned interests: the truthful (separating) one and two babbling ones.

    >>> from games import SignalingGame
    >>> pays = {(t, m, r): (int(t == r), int(t == r)) for t in "ab" for m in ("say a", "say b") for r in "ab"}
    >>> g = SignalingGame({"a": 0.5, "b": 0.5}, ("say a", "say b"), ("a", "b"), pays)
    >>> sorted(e.kind for e in perfect_bayesian_equilibria(g))
    ['pooling', 'pooling', 'pooling', 'pooling', 'separating', 'separating']
    """
    if not isinstance(game, SignalingGame):
        raise GameError(f"perfect_bayesian_equilibria: expected a SignalingGame, got {type(game).__name__}")
    T, M, R = len(game.types), len(game.messages), len(game.responses)
    pairs = M ** T * R ** M
    if pairs > MAX_PLANS:
        raise SizeLimitError(f"perfect_bayesian_equilibria: {game.name or 'game'} has {pairs} pairs of a sender "
                             f"strategy and a receiver plan ({T} types, {M} messages, {R} responses); "
                             f"allowed: at most {MAX_PLANS}")
    bounds = kind_bounds(game.free_symbols)
    out = _pure(game, bounds)
    if game.is_numeric:
        out += _mixed_off_path(game)
    if semi_separating and T == 2 and M >= 2 and R >= 2:
        out += _semi_separating(game, bounds)
    if game.is_numeric:  # each one checked again from the definition (solvers/information/verify.py)
        checked = [e for e in out if is_perfect_bayesian_equilibrium(game, e)]
        if len(checked) < len(out):  # pragma: no cover - a failure is a bug of the derivation
            warnings.warn(f"perfect_bayesian_equilibria: {len(out) - len(checked)} candidate(s) failed the check "
                          f"from the definition and were dropped", RuntimeWarning, stacklevel=2)
        out = checked
    return out
