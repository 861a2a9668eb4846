r"""Break-even values: where a game's equilibrium set changes as one parameter moves.

:func:`break_even` takes the closed-form equilibrium conditions of a game
(:func:`solvers.equilibrium_conditions`) and solves every relation in them for
one parameter.  Each root is a candidate threshold; it is kept when the set of
equilibria differs on its two sides (or at it).

* **Other parameters fixed** (``values`` given): the thresholds are numbers;
  the equilibria below, at and above each are found exactly, by evaluating the
  conditions at the threshold and at points between consecutive thresholds.
* **Other parameters free**: the thresholds are closed forms.  On each side
  the relation that vanishes at the threshold is replaced by its sign there,
  from the slope :math:`\partial f / \partial s` at the root: the condition
  of each equilibrium below and above is what remains.  Where the assumptions
  decide the slope's sign this is ``True``/``False``; otherwise the sign
  condition is kept in the result.

``what="welfare"`` asks instead where the players' ranking of the
all-first-strategy outcome against the all-second-strategy outcome changes:
for the essay's collective-action game this is the :math:`n^*` beyond which
all-Alignment is better for everyone than all-Capabilities although
Capabilities stays dominant.

Payoffs with ``Min``/``Max``/``Piecewise`` (clamped probabilities) are split
into pieces; a root counts when its piece's condition holds there.

References
----------
.. [1] A. Mas-Colell, M. D. Whinston and J. R. Green, Microeconomic Theory,
   Oxford University Press, 1995, section 8.D (Nash equilibrium conditions).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from games._exact import to_exact
from games.bayesian import BayesianGame
from games.continuous import ContinuousGame
from games.core import Game
from games.errors import GameError, UnknownNameError, suggest
from games.extensive import ExtensiveGame
from games.parameters import ParameterSet, parameter_name
from games.repeated import RepeatedGame
from games.signaling import SignalingGame
from games.symmetric import SymmetricGame
from solvers.conditions.cache import KeyedCache, game_key
from solvers.conditions.derive import equilibrium_conditions
from solvers.results.conditions import BreakEven, ConditionalEquilibrium, Outcome, Threshold
from solvers.symbolic.algebra import fast_cancel
from solvers.symbolic.lookup import resolve_symbol
from solvers.symbolic.relations import evaluate_condition, kind_bounds, relation, relation_expr

__all__ = ["break_even"]


WHATS = ("equilibria", "welfare")


#: Game forms whose equilibrium records carry their own condition (issue 16): break_even reads those.
_FAMILY_FORMS = (BayesianGame, SignalingGame, ContinuousGame)


def _fixed_values(game: Game | SymmetricGame, symbol: sympy.Symbol,
                  values: Mapping[Any, Any] | ParameterSet | None) -> dict[str, sympy.Expr]:
    if values is None:
        return {}
    free = {s.name for s in game.free_symbols}
    out: dict[str, sympy.Expr] = {}
    if isinstance(values, ParameterSet):
        for p in values.values():
            if p.name in free and p.name != symbol.name:
                out[p.name] = p.value
        return out
    if not isinstance(values, Mapping):
        raise GameError(f"break_even: values must be a mapping or ParameterSet, got {type(values).__name__}")
    for k, v in values.items():
        name = parameter_name(k, "break_even: values")
        if name == symbol.name:
            continue
        if name not in free:
            raise UnknownNameError("break_even: values: " + suggest(name, free, what="parameter of this game"))
        out[name] = to_exact(v, f"break_even: value of {name!r}", error=GameError)
    return out


def _canon(e: sympy.Expr) -> sympy.Expr:
    """A canonical form for comparisons: one cancelled fraction, or expanded when piecewise."""
    if e.has(sympy.Piecewise, sympy.Min, sympy.Max, sympy.Abs):
        return sympy.expand(e)
    return fast_cancel(e)


def _key(f: sympy.Expr) -> sympy.Expr:
    """A sign-normalised key of a boundary expression."""
    g = _canon(f)
    h = -g
    return g if sympy.default_sort_key(g) <= sympy.default_sort_key(h) else h


def _roots(f: sympy.Expr, s: sympy.Symbol) -> list[tuple[sympy.Expr, Any, sympy.Expr]]:
    """Real roots of ``f`` in ``s``: (root, condition under which it is a root, the piece of f there)."""
    expr = f
    if expr.has(sympy.Min, sympy.Max, sympy.Abs, sympy.Piecewise):
        expr = sympy.piecewise_fold(expr.rewrite(sympy.Piecewise))
    pieces = list(expr.args) if isinstance(expr, sympy.Piecewise) else [(expr, sympy.true)]
    out: list[tuple[sympy.Expr, Any, sympy.Expr]] = []
    earlier: list[Any] = []
    for piece, own in pieces:
        # a Piecewise piece applies where its condition holds and no earlier one does
        cond = sympy.And(own, *[sympy.Not(c) for c in earlier]) if earlier else own
        earlier.append(own)
        num, den = sympy.fraction(sympy.together(piece))
        if not num.has(s):
            continue
        if num.is_polynomial(s) and sympy.degree(num, s) <= 2:
            sols = list(sympy.roots(sympy.Poly(num, s), multiple=False))
        else:
            sols = sympy.solve(num, s)
        for r in sols:
            r = _canon(r)
            if r.is_real is False or r.has(sympy.I):
                continue
            if s.is_nonnegative and r.is_negative:
                continue
            if s.is_positive and r.is_nonpositive:
                continue
            valid = cond.subs(s, r) if cond is not sympy.true else sympy.true
            if valid is sympy.false:
                continue
            d = den.subs(s, r)
            dcond = sympy.true if d.is_zero is False else relation(d, "!=")
            if d.is_zero:
                continue
            out.append((r, sympy.And(valid, dcond), piece))
    return out


def _slope_sign(f: sympy.Expr, s: sympy.Symbol, r: sympy.Expr) -> Any:
    """The sign of df/ds at the root: +1/-1 when the assumptions decide it, else the slope itself.

    A slope the assumptions make nonnegative counts as positive: where it is
    zero, ``f`` does not depend on ``s`` and there is no threshold.
    """
    slope = _canon(sympy.diff(f, s).subs(s, r))
    if slope.is_nonnegative:
        return sympy.Integer(1)
    if slope.is_nonpositive:
        return sympy.Integer(-1)
    return slope


def _side_truth(atom: Any, c: sympy.Expr) -> Any:
    """The truth of ``atom`` (``f op 0``) on the side where ``f`` has the sign of ``c``."""
    if c.is_number:
        return sympy.true if c > 0 else sympy.false
    return relation(c, ">")


def _in_range(s: sympy.Symbol, value: sympy.Expr) -> bool | None:
    bounds = kind_bounds({s})
    if s not in bounds or not value.is_number:
        return None
    return bool(bounds[s].min <= value <= bounds[s].max)


def _atoms_with(cond: Any, s: sympy.Symbol) -> list[Any]:
    """The relations of ``cond`` (through And / Or / Not only, not inside expressions) that involve ``s``."""
    out: list[Any] = []
    stack = [cond]
    while stack:
        c = stack.pop()
        if isinstance(c, (sympy.And, sympy.Or, sympy.Not)):
            stack.extend(c.args)
        elif isinstance(c, sympy.core.relational.Relational) and c.has(s) and c not in out:
            out.append(c)
    return out


def _label_outcome(rec: ConditionalEquilibrium, cond: Any) -> Outcome:
    return Outcome(rec.label, cond, rec.profile, rec)


def _family_label(rec: Any) -> str:
    """A record's name in the break-even tables: its own label, or a Bayesian equilibrium's strategies."""
    label = getattr(rec, "label", None)
    receiver = getattr(rec, "receiver", None)
    if isinstance(label, str) and receiver is not None:  # a signalling equilibrium: the receiver's plan too
        return f"{label}; " + ", ".join(f"{m} -> {r if isinstance(r, str) else 'mixed'}" for m, r in receiver.items())
    if isinstance(label, str):
        return label
    return "; ".join(f"{p}: " + ", ".join(f"{t} " + "/".join(a for a, v in rec.strategy(p)[t].items() if v != 0)
                                          for t in rec.strategy(p)) for p in rec.players)


def _statements(game: Game | SymmetricGame, what: str) -> list[tuple[str, Any, ConditionalEquilibrium | None]]:
    """(label, condition, record) triples whose truth may change with the parameter."""
    if isinstance(game, _FAMILY_FORMS):  # Bayesian, signalling, continuous: their records' own conditions
        if what != "equilibria":
            raise GameError(f"break_even(what={what!r}): only what='equilibria' applies to a {type(game).__name__}")
        records = equilibrium_conditions(game, by_kinds=False)
        return [(_family_label(r), sympy.true if r.condition is True else sympy.false if r.condition is False
                 else r.condition, None) for r in records]
    if what == "equilibria":
        # unreduced: a threshold outside a parameter's range is reported (flagged by in_range)
        return [(r.label, r.parameter_condition, r) for r in equilibrium_conditions(game, by_kinds=False)]
    # welfare: every player prefers all-first to all-second (and the reverse)
    if isinstance(game, SymmetricGame):
        assert game.strategies is not None
        n, k = game.n_players, game.count
        first = sympy.piecewise_fold(game.payoff_exprs[0].subs(k, n - 1))
        second = sympy.piecewise_fold(game.payoff_exprs[1].subs(k, 0))
        diffs = [first - second]
        names = game.strategies
    else:
        if min(game.shape) < 2:
            raise GameError(f"break_even(what='welfare'): {game.name or 'game'} needs two strategies per player")
        zero, one = (0,) * game.n_players, (1,) * game.n_players
        diffs = [game.payoffs[p][zero] - game.payoffs[p][one] for p in range(game.n_players)]
        names = (game.strategies[0][0], game.strategies[0][1])
    better = sympy.And(*[relation(d, ">") for d in diffs])
    worse = sympy.And(*[relation(-d, ">") for d in diffs])
    return [
        (f"all {names[0]} better than all {names[1]} for every player", better, None),
        (f"all {names[1]} better than all {names[0]} for every player", worse, None),
    ]


def _numeric(stmts: list[tuple[str, Any, ConditionalEquilibrium | None]], s: sympy.Symbol) -> list[Threshold]:
    cands: dict[sympy.Expr, sympy.Expr] = {}
    for _, cond, _rec in stmts:
        for atom in _atoms_with(cond, s):
            f = relation_expr(atom)
            for r, valid, _piece in _roots(f, s):
                if valid is sympy.false:
                    continue
                if r.free_symbols:
                    continue
                cands.setdefault(r, f)
    ts = sorted(cands, key=lambda r: float(r))
    if not ts:
        return []

    def holding(point: sympy.Expr) -> tuple[Outcome, ...]:
        out = []
        for label, cond, rec in stmts:
            c = evaluate_condition(cond, {s: point})
            if c is sympy.true:
                out.append(Outcome(label, sympy.true, rec.at({s.name: point}) if rec else None, rec))
        return tuple(out)

    lower = sympy.Integer(0) if (s.is_nonnegative or s.is_positive) else None
    points = []
    for i, t in enumerate(ts):
        prev = ts[i - 1] if i else None
        if prev is not None:
            below = (prev + t) / 2
        elif lower is not None and t > lower:
            below = (lower + t) / 2
        else:
            below = t - 1
        points.append(below)
    above_last = ts[-1] + max(sympy.Integer(1), abs(ts[-1]))
    sides = [holding(p) for p in points] + [holding(above_last)]
    result = []
    for i, t in enumerate(ts):
        at = holding(t)
        b, a = sides[i], sides[i + 1]
        lb, la, lt = ({o.label for o in x} for x in (b, a, at))
        if lb == la == lt:
            continue
        result.append(Threshold(s, t, cands[t], b, a, at, in_range=_in_range(s, t)))
    return result


def _symbolic(stmts: list[tuple[str, Any, ConditionalEquilibrium | None]], s: sympy.Symbol) -> list[Threshold]:
    groups: dict[sympy.Expr, list[Any]] = {}
    for _, cond, _rec in stmts:
        for atom in _atoms_with(cond, s):
            groups.setdefault(_key(relation_expr(atom)), []).append(atom)
    thresholds: list[Threshold] = []
    for f in groups:
        for r, valid, piece in _roots(f, s):
            below, above = [], []
            for label, cond, rec in stmts:
                if rec is not None and rec.kind == "continuum":
                    continue
                hits = [a for a in _atoms_with(cond, s) if _key(relation_expr(a)) == f or (
                    not relation_expr(a).has(sympy.Piecewise, sympy.Min, sympy.Max)
                    and _canon(relation_expr(a).subs(s, r)) == 0)]
                if not hits:
                    continue
                sides = []
                for sign in (-1, 1):
                    rep = {}
                    for a in hits:
                        fa = relation_expr(a)
                        # the slope of the piece that vanishes at r, with the sign of this atom's f
                        orient = 1 if _key(fa) == f and _canon(fa - f) == 0 else (
                            -1 if _key(fa) == f else None)
                        c = (_slope_sign(piece, s, r) * orient if orient is not None
                             else _slope_sign(fa, s, r)) * sign
                        rep[a] = sympy.false if isinstance(a, sympy.Eq) else (
                            sympy.true if isinstance(a, sympy.Ne) else _side_truth(a, c))
                    sides.append(cond.xreplace(rep))
                if sides[0] is not sympy.false:
                    below.append(Outcome(label, sides[0], rec.profile if rec else None, rec))
                if sides[1] is not sympy.false:
                    above.append(Outcome(label, sides[1], rec.profile if rec else None, rec))
            if [o.label for o in below] == [o.label for o in above] and all(
                    x.condition == y.condition for x, y in zip(below, above)):
                continue
            if any(_canon(t.value - r) == 0 for t in thresholds):
                continue
            thresholds.append(Threshold(s, r, f, tuple(below), tuple(above), (), valid))
    return thresholds


_CACHE = KeyedCache(256)


def _cached(game: Game | SymmetricGame, s: sympy.Symbol, fixed: tuple[tuple[str, sympy.Expr], ...],
            what: str) -> BreakEven:
    key = (game_key(game), s, fixed, what)
    hit = _CACHE.get(key)
    if hit is None:
        hit = _derive(game, s, fixed, what)
        _CACHE.put(key, hit)
    return hit  # type: ignore[no-any-return]


def _derive(game: Game | SymmetricGame, s: sympy.Symbol, fixed: tuple[tuple[str, sympy.Expr], ...],
            what: str) -> BreakEven:
    g = game.subs(dict(fixed)) if fixed else game
    stmts = _statements(g, what)
    numeric = g.free_symbols <= {s}
    ts = _numeric(stmts, s) if numeric else _symbolic(stmts, s)
    return BreakEven(game.name, s, tuple(ts), dict(fixed), what)


def break_even(game: Game | SymmetricGame, symbol: Any, values: Mapping[Any, Any] | ParameterSet | None = None,
               *, what: str = "equilibria") -> BreakEven:
    r"""The values of one parameter at which the game's equilibrium set changes.

    Parameters
    ----------
    game : Game, SymmetricGame, ExtensiveGame, RepeatedGame, BayesianGame, SignalingGame or ContinuousGame
        A symbolic game (any game :func:`solvers.equilibrium_conditions` takes).  For Bayesian,
        signalling and continuous games the thresholds are where the conditions of their
        equilibrium records change truth (a signalling equilibrium is named with the receiver's plan).
    symbol : sympy.Symbol or str
        The parameter to solve for (a free symbol of the game, or its name).
    values : mapping or ParameterSet, optional
        Values for the other parameters (names or Symbols as keys; a
        ``ParameterSet`` may hold more than the game uses, and its value of
        ``symbol`` is ignored).  Without it the other parameters stay free
        and the thresholds are closed forms.
    what : {"equilibria", "welfare"}
        ``"equilibria"``: where the equilibrium set changes.  ``"welfare"``:
        where every player's ranking of all-first-strategy against
        all-second-strategy changes.

    Returns
    -------
    BreakEven
        Its ``thresholds`` (each a :class:`Threshold` with ``value``,
        ``below``, ``above``); sorted ascending when numeric.

    Raises
    ------
    UnknownNameError
        If ``symbol`` or a key of ``values`` is not a parameter of the game.
    GameError
        For a bad ``what``, values that are not numbers, or a game that
        :func:`equilibrium_conditions` refuses.

    References
    ----------
    .. [1] "Who Aligns the Alignment Researchers?", "So humanity doesn't
       die": the break-even researcher VSL multiplier.

    Examples
    --------
    A researcher chooses Alignment (payoff :math:`w_A + V`) or Capabilities
    (:math:`w_C`) against a passive world; Alignment is chosen once
    :math:`V > w_C - w_A`:

    >>> import sympy
    >>> from games import Game
    >>> wA, wC, V = sympy.symbols("w_A w_C V", positive=True)
    >>> g = Game.from_bimatrix([[wA + V], [wC]], [[0], [0]], strategies=(["A", "C"], ["World"]))
    >>> t = break_even(g, "V")[0]
    >>> t.value
    -w_A + w_C
    >>> [o.label for o in t.below], [o.label for o in t.above]
    (['(C, World)'], ['(A, World)'])
    >>> break_even(g, V, {"w_A": 35, "w_C": 123})[0].value
    88
    """
    if not isinstance(game, (Game, SymmetricGame, ExtensiveGame, RepeatedGame, *_FAMILY_FORMS)):
        raise GameError(f"break_even: expected a Game, SymmetricGame, ExtensiveGame, RepeatedGame, BayesianGame, "
                        f"SignalingGame or ContinuousGame, got {type(game).__name__}")
    if what not in WHATS:
        raise GameError(f"break_even: what={what!r} not allowed (allowed: {', '.join(WHATS)})")
    s = resolve_symbol(game.free_symbols, symbol, where="break_even", what="parameter of this game")
    fixed = _fixed_values(game, s, values)
    return _cached(game, s, tuple(sorted(fixed.items())), what)

