r"""Pure Nash equilibria of continuous games from their first-order conditions, with their conditions.

:func:`continuous_equilibria` solves a :class:`~games.continuous.ContinuousGame`.

Method
------
*Explicit games.*  Each player's strategy :math:`x_i \in [l_i, h_i]` is, at an
equilibrium, either interior, where the first-order condition
:math:`\partial u_i / \partial x_i = 0` holds, or at an end of its interval,
where the Karush-Kuhn-Tucker sign condition holds (:math:`\partial u_i /
\partial x_i \le 0` at :math:`l_i`, :math:`\ge 0` at :math:`h_i`).  Every
assignment of the players to "interior", "low" or "high" (finite ends only) is a
case; in each, the interior players' first-order conditions are solved
symbolically: each player's condition for her own strategy, substituted into
the next (best-response elimination), with a joint :func:`sympy.solve` when that
fails.  Each solution is checked back in every condition (sympy returns spurious
roots of squared equations).  Its condition on the parameters is the conjunction of

* :math:`l_i < x_i^* < h_i` for the interior players,
* the second-order condition :math:`\partial^2 u_i / \partial x_i^2 < 0` at the
  profile, unless the payoff is concave in the own strategy on the whole
  interval (decided by the symbols' assumptions), in which case the first-order
  conditions are sufficient and the record says ``concave=True``,
* the sign condition of each player at an end.

Profiles where a payoff is undefined (the Tullock contest at zero spending) are
left out.

*Symmetric games* (:meth:`ContinuousGame.symmetric`, with ``n`` possibly a
symbol): the symmetric equilibria :math:`x = y = y^*`, from the first-order
condition :math:`\partial u / \partial x \,|_{x = y} = 0`, with the same
interval, second-order and end conditions.  The derivative at :math:`x = y` may
come from a piecewise payoff (the race to the precipice); it must be the same
from both sides (:func:`~solvers.continuous.smooth.derivative_at`).

*Numeric fallback* (``method="numeric"``, or ``"auto"`` for a numeric game whose
payoffs have kinks or whose conditions sympy cannot solve):
:func:`~solvers.continuous.numeric.numeric_equilibria`.  Numeric games solved in
closed form are checked for deviations on a grid when a payoff is not concave.

References
----------
.. [1] D. Fudenberg and J. Tirole, *Game Theory* (MIT Press, 1991), section 1.2.
.. [2] W. Karush (1939), H. W. Kuhn and A. W. Tucker (1951): the conditions at
   the ends of the interval.
.. [3] G. Tullock, "Efficient rent seeking" (1980); the symmetric n-player
   equilibrium :math:`x^* = (n - 1) V / n^2`.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from games.continuous import ContinuousGame
from games.errors import GameError, SizeLimitError
from solvers.continuous.numeric import deviation_gains, numeric_equilibria
from solvers.continuous.smooth import derivative_at, kinked, one_sided
from solvers.errors import NonDifferentiablePayoffError
from solvers.results.continuous import ContinuousEquilibrium
from solvers.symbolic.relations import kind_bounds, reduce_by_kinds, relation, sign_of

__all__ = ["continuous_equilibria", "METHODS", "MAX_CASES"]

#: The methods of :func:`continuous_equilibria`.
METHODS = ("auto", "first-order", "numeric")

#: At most this many interior / end cases (3 ** 5: five players with two finite ends each).
MAX_CASES = 243

_FINITE = (sympy.oo, -sympy.oo)


def _verified(eqs: Sequence[sympy.Expr], sol: Mapping[sympy.Symbol, sympy.Expr]) -> bool:
    for eq in eqs:
        r = sympy.simplify(sympy.together(eq.subs(sol)))
        if r.has(sympy.nan, sympy.zoo) or (r != 0 and sympy.simplify(sympy.factor(r)) != 0):
            return False
    return True


def _solve(eqs: Sequence[sympy.Expr], xs: Sequence[sympy.Symbol]) -> list[dict[sympy.Symbol, sympy.Expr]]:
    """Every solution of ``eqs[i] = 0`` (the first-order condition of ``xs[i]``), checked back."""
    if not xs:
        return [{}]
    found: list[dict[sympy.Symbol, sympy.Expr]] = []
    try:
        roots = sympy.solve(sympy.numer(sympy.together(eqs[0])), xs[0])
        for r in roots:
            rest = [sympy.together(e.subs(xs[0], r)) for e in eqs[1:]]
            for sol in _solve(rest, xs[1:]):
                full = {xs[0]: sympy.simplify(r.subs(sol)), **sol}
                found.append(full)
    except (NotImplementedError, ValueError, TypeError):
        found = []
    if not found and len(xs) > 1:
        try:
            found = sympy.solve([sympy.numer(sympy.together(e)) for e in eqs], list(xs), dict=True)
        except (NotImplementedError, ValueError, TypeError):
            found = []
    out: list[dict[sympy.Symbol, sympy.Expr]] = []
    for sol in found:
        if len(sol) != len(xs):
            continue
        sol = {k: sympy.simplify(v) for k, v in sol.items()}
        if any(v.is_real is False for v in sol.values()) or not _verified(eqs, sol):
            continue
        if sol not in out:
            out.append(sol)
    return out


def _finite(e: sympy.Expr) -> bool:
    return not e.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo)


def _readable(atom: Any) -> Any:
    """A relation ``f > 0`` (or ``>=``) with the factors of ``f`` that are positive divided out.

    ``V n > V`` becomes ``n > 1``: the factor ``V`` is positive by its assumptions.
    """
    if not isinstance(atom, (sympy.StrictGreaterThan, sympy.GreaterThan)):
        return atom
    f = sympy.factor(sympy.together(atom.lhs - atom.rhs))
    num, den = sympy.fraction(f)
    kept: dict[int, list[sympy.Expr]] = {1: [], -1: []}
    sign = 1
    for part, power in ((num, 1), (den, -1)):
        coeff, factors = sympy.factor_list(part)
        sign *= -1 if coeff < 0 else 1
        for factor, mult in factors:
            if sign_of(factor) != 1:
                kept[power].append(factor**mult)
    top, bottom = sympy.Mul(*kept[1]), sympy.Mul(*kept[-1])
    strict = isinstance(atom, sympy.StrictGreaterThan)
    if top == 1 and bottom != 1:
        # c / h > 0 (c > 0) holds exactly when h > 0
        g, strict = sign * bottom, True
    else:
        g = sign * top / bottom
    if g.is_number:
        return atom
    return relation(g, ">" if strict else ">=")


def _conjoin(atoms: Sequence[Any], by_kinds: bool) -> Any:
    atoms = list(dict.fromkeys(_readable(a) for a in atoms))
    cond = sympy.And(*atoms) if atoms else sympy.true
    if by_kinds and cond not in (sympy.true, sympy.false):
        cond = reduce_by_kinds(cond, kind_bounds(cond.free_symbols))
        cond = sympy.And(*cond.args) if isinstance(cond, sympy.And) else cond
    return cond


def _explicit(game: ContinuousGame, by_kinds: bool) -> list[ContinuousEquilibrium]:
    xs = game.symbols
    for player, x, u in zip(game.players, xs, game.payoffs):
        if kinked(u, x):
            raise NonDifferentiablePayoffError(
                f"continuous_equilibria: the payoff of {player!r} is not differentiable in {x} "
                f"(it has {', '.join(sorted({type(a).__name__ for a in u.atoms()} & _KINK_NAMES))}); "
                "substitute numbers and use method='numeric'")
    focs = [sympy.diff(u, x) for u, x in zip(game.payoffs, xs)]
    socs = [sympy.diff(u, x, 2) for u, x in zip(game.payoffs, xs)]
    concave = [sign_of(sympy.simplify(s), weak=True) == -1 for s in socs]
    places = [["interior"] + [w for w, b in (("low", lo), ("high", hi)) if b not in _FINITE]
              for _, lo, hi in game.strategies]
    cases = 1
    for p in places:
        cases *= len(p)
    if cases > MAX_CASES:
        raise SizeLimitError(f"continuous_equilibria: {cases} interior/end cases (allowed: at most {MAX_CASES})")
    records: list[ContinuousEquilibrium] = []
    for combo in itertools.product(*places):
        fixed = {x: (lo if w == "low" else hi) for (x, lo, hi), w in zip(game.strategies, combo) if w != "interior"}
        free = [i for i, w in enumerate(combo) if w == "interior"]
        eqs = [focs[i].subs(fixed) for i in free]
        for sol in _solve(eqs, [xs[i] for i in free]):
            point = {**fixed, **sol}
            pays = tuple(sympy.simplify(u.subs(point)) for u in game.payoffs)
            if not all(_finite(p) for p in pays):
                continue
            atoms: list[Any] = []
            for i, ((x, lo, hi), w) in enumerate(zip(game.strategies, combo)):
                v = point[x]
                if w == "interior":
                    atoms += [relation(v - lo, ">")] if lo not in _FINITE else []
                    atoms += [relation(hi - v, ">")] if hi not in _FINITE else []
                    if not concave[i]:
                        atoms.append(relation(-sympy.simplify(socs[i].subs(point)), ">"))
                else:
                    d = sympy.simplify(focs[i].subs(point))
                    if not _finite(d):
                        atoms = [sympy.false]
                        break
                    atoms.append(relation(-d if w == "low" else d, ">="))
            cond = _conjoin(atoms, by_kinds)
            if cond is sympy.false:
                continue
            kind = "interior" if not fixed else "boundary"
            records.append(ContinuousEquilibrium(sympy.Dict(point), cond, pays, kind, "first-order",
                                                 all(concave), game.players, xs))
    return records


_KINK_NAMES = {"Abs", "Min", "Max", "Piecewise", "sign", "Heaviside", "floor", "ceiling", "frac", "Mod",
               "DiracDelta"}


def _symmetric(game: ContinuousGame, by_kinds: bool) -> list[ContinuousEquilibrium]:
    (x, lo, hi), = game.strategies
    y, u = game.others, game.payoffs[0]
    assert y is not None
    where = "continuous_equilibria"
    foc = sympy.simplify(derivative_at(u, x, y, where=where))
    smooth = not kinked(u, x)
    concave = smooth and sign_of(sympy.simplify(sympy.diff(u, x, 2)), weak=True) == -1
    records: list[ContinuousEquilibrium] = []
    candidates: list[tuple[sympy.Expr, str]] = [(r[y], "interior") for r in _solve([foc], [y])]
    candidates += [(b, w) for w, b in (("low", lo), ("high", hi)) if b not in _FINITE]
    for value, where_ in candidates:
        value = sympy.simplify(value)
        pay = sympy.simplify(u.subs({x: value, y: value}))
        if not _finite(pay):
            continue
        atoms: list[Any] = []
        if where_ == "interior":
            atoms += [relation(value - lo, ">")] if lo not in _FINITE else []
            atoms += [relation(hi - value, ">")] if hi not in _FINITE else []
            if not concave:
                for side in ((1,) if smooth else (1, -1)):
                    soc = one_sided(u.subs(y, value), x, value, side, order=2, where=where)
                    atoms.append(relation(-sympy.simplify(soc), ">"))
        else:
            d = sympy.simplify(foc.subs(y, value))
            if not _finite(d):
                continue
            atoms.append(relation(-d if where_ == "low" else d, ">="))
        cond = _conjoin(atoms, by_kinds)
        if cond is sympy.false:
            continue
        records.append(ContinuousEquilibrium(sympy.Dict({x: value}), cond, (pay,), "symmetric", "first-order",
                                             concave, game.players, (x,), game.n_players))
    return records


def _checked(game: ContinuousGame, records: list[ContinuousEquilibrium],
             box: Mapping[Any, tuple[float, float]] | None) -> list[ContinuousEquilibrium]:
    """Numeric records whose payoffs are not concave: kept only when no grid deviation gains."""
    if not game.is_numeric:
        return records
    out = []
    for r in records:
        if r.condition is not sympy.true:
            continue
        if not r.concave:
            try:
                gains = deviation_gains(game, [float(v) for v in r.values], box=box)
            except GameError:
                out.append(r)  # infinite interval and no box: the local conditions are what we have
                continue
            scale = max([1.0] + [abs(float(p)) for p in r.payoffs])
            if max(gains) > 1e-7 * scale:
                continue
        out.append(r)
    return out


def continuous_equilibria(game: ContinuousGame, *, method: str = "auto", by_kinds: bool = True,
                          box: Mapping[Any, tuple[float, float]] | None = None,
                          seed: Any = None) -> list[ContinuousEquilibrium]:
    r"""Every pure Nash equilibrium of a continuous game, in closed form with its condition where one exists.

    Parameters
    ----------
    game : ContinuousGame
        Explicit or symmetric (the number of players may be a symbol).
    method : {"auto", "first-order", "numeric"}, default "auto"
        ``"first-order"``: the closed forms (module docstring).  ``"numeric"``: the
        documented fallback (:func:`~solvers.continuous.numeric.numeric_equilibria`;
        numeric games only).  ``"auto"``: first-order, and for a numeric game the
        fallback when a payoff has kinks or no solution is found (with a
        ``RuntimeWarning`` naming the reason).
    by_kinds : bool, default True
        Reduce the conditions under the ranges of the registry's parameter kinds.
    box : mapping, optional
        Finite search intervals (strategy -> (low, high)) for the numeric checks
        where an interval is infinite.
    seed : None, int or numpy.random.Generator
        For the numeric fallback's random starts.

    Returns
    -------
    list of ContinuousEquilibrium
        Each unpacks as ``(profile, condition)``; records whose condition is
        identically false are left out.

    Raises
    ------
    NonDifferentiablePayoffError
        When a payoff has a kink in the own strategy where a first-order
        condition is needed (and the game is symbolic, or ``method="first-order"``).
    GameError
        For a game that is not a ContinuousGame or an unknown method.

    Examples
    --------
    Cournot duopoly with linear demand :math:`P = a - b Q` and unit cost :math:`c`:

    >>> import sympy
    >>> from games import ContinuousGame
    >>> q1, q2 = sympy.symbols("q1 q2", nonnegative=True)
    >>> a, b, c = sympy.symbols("a b c", positive=True)
    >>> g = ContinuousGame(("Firm 1", "Firm 2"), ((q1, 0, sympy.oo), (q2, 0, sympy.oo)),
    ...                    ((a - b * (q1 + q2) - c) * q1, (a - b * (q1 + q2) - c) * q2))
    >>> eq = [r for r in continuous_equilibria(g) if r.kind == "interior"][0]
    >>> eq.values, eq.condition
    (((a - c)/(3*b), (a - c)/(3*b)), a > c)
    """
    if not isinstance(game, ContinuousGame):
        raise GameError(f"continuous_equilibria: expected a ContinuousGame, got {type(game).__name__}")
    if method not in METHODS:
        raise GameError(f"continuous_equilibria: unknown method {method!r} (allowed: {', '.join(METHODS)})")
    if not isinstance(by_kinds, bool):
        raise GameError(f"continuous_equilibria: by_kinds={by_kinds!r} must be True or False")
    if method == "numeric":
        return numeric_equilibria(game, box=box, seed=seed)
    try:
        records = _symmetric(game, by_kinds) if game.is_symmetric else _explicit(game, by_kinds)
    except NonDifferentiablePayoffError as err:
        if method == "first-order" or not game.is_numeric:
            raise
        warnings.warn(f"continuous_equilibria: no first-order solution ({err}); numeric fallback",
                      RuntimeWarning, stacklevel=2)
        return numeric_equilibria(game, box=box, seed=seed)
    records = _checked(game, records, box)
    if not records and game.is_numeric and method == "auto":
        warnings.warn("continuous_equilibria: the first-order conditions gave no equilibrium; numeric fallback",
                      RuntimeWarning, stacklevel=2)
        return numeric_equilibria(game, box=box, seed=seed)
    return records
