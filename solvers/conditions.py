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

*Symmetric n-player games* (:class:`~games.core.SymmetricGame`): the
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
import itertools
import warnings
import weakref
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy
from sympy.functions.combinatorial.numbers import stirling
from sympy.logic.boolalg import Boolean

from games._exact import to_exact
from games.core import Game, SymmetricGame
from games.errors import GameError, SizeLimitError, SymbolicError
from games.parameters import ParameterSet

__all__ = ["equilibrium_conditions", "ConditionalEquilibrium", "gain_function", "relation",
           "MAX_SYMBOLIC_SUPPORT_PAIRS", "MAX_NUMERIC_SUPPORT_PAIRS", "MAX_PURE_PROFILES"]

#: Symbolic two-player games: at most this many pairs of supports, (2**m - 1)(2**k - 1):
#: 3 x 3 (49), 4 x 2 (45), 6 x 1 (63).
MAX_SYMBOLIC_SUPPORT_PAIRS = 63
#: Numeric two-player games: at most this many pairs of supports (5 x 5: 961).
MAX_NUMERIC_SUPPORT_PAIRS = 961
#: N-player games (N >= 3): at most this many pure profiles are enumerated.
MAX_PURE_PROFILES = 4096
#: How many degenerate (pivot = 0) branches one support's elimination may nest.
DEGENERATE_DEPTH = 2



# ---------------------------------------------------------------------------
# relations: readable, assumption-reduced
# ---------------------------------------------------------------------------

_OPS: dict[str, Any] = {">": sympy.StrictGreaterThan, ">=": sympy.GreaterThan, "==": sympy.Eq, "!=": sympy.Ne}


def _sign(e: sympy.Expr) -> int | None:
    """+1, -1 or 0 when the assumptions decide the sign of ``e``, else None."""
    if e.is_zero:
        return 0
    if e.is_positive:
        return 1
    if e.is_negative:
        return -1
    return None


def _split_sides(f: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """``f`` as ``lhs - rhs`` with the positive terms in lhs and the negated negative ones in rhs."""
    pos: list[sympy.Expr] = []
    neg: list[sympy.Expr] = []
    for t in sympy.Add.make_args(f):
        (neg if t.could_extract_minus_sign() else pos).append(t)
    return sympy.Add(*pos), -sympy.Add(*neg)


def relation(f: sympy.Expr, op: str) -> Boolean:
    """The relation ``f op 0`` in readable form, decided by the assumptions where they can.

    A denominator the assumptions make nonnegative (or nonpositive) is
    cleared: the callers only build relations whose denominators are pivots
    already required to be non-zero.  Positive numeric content is divided out.

    Examples
    --------
    >>> a, b = sympy.symbols("a b", real=True)
    >>> relation(a - b, ">=")
    a >= b
    >>> relation(2*a + 2, ">")
    a + 1 > 0
    >>> relation(sympy.Symbol("p", positive=True), ">")
    True
    """
    if op not in _OPS:
        raise GameError(f"relation: operator {op!r} not allowed (allowed: {', '.join(_OPS)})")
    f = sympy.Integer(f) if isinstance(f, int) else f
    num, den = sympy.fraction(fast_cancel(f)) if _has_denominator(f) else (f, sympy.Integer(1))
    if den != 1:
        # Every denominator here is a pivot of the elimination, and the record
        # carries the condition that it is non-zero: a nonnegative one is positive.
        if den.is_nonnegative:
            f = num
        elif den.is_nonpositive:
            f = -num
    if f.is_Add:
        content, prim = f.as_content_primitive()
        if content.is_positive and content != 1:
            f = prim
    lhs, rhs = _split_sides(f)
    return _OPS[op](lhs, rhs)


def relation_expr(rel: Boolean) -> sympy.Expr:
    """``lhs - rhs`` of a relation built by :func:`relation`."""
    return rel.lhs - rel.rhs  # type: ignore[attr-defined, no-any-return]


_NONFINITE = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


def evaluate_condition(cond: Any, subs: Mapping[sympy.Symbol, sympy.Expr]) -> Any:
    """``cond`` with ``subs`` put in, atom by atom.

    A relation whose side becomes undefined (a denominator that vanishes) is
    false: every record whose expressions have a denominator also carries the
    condition that it is non-zero.

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> evaluate_condition(sympy.And(sympy.Ne(y, 0), x / y > 0), {x: 1, y: 0})
    False
    """
    if cond in (sympy.true, sympy.false):
        return cond
    subs = {k: v if isinstance(v, sympy.Basic) else to_exact(v, f"value of {k}", error=GameError)
            for k, v in subs.items()}
    if isinstance(cond, sympy.core.relational.Relational):
        lhs, rhs = cond.lhs.xreplace(subs), cond.rhs.xreplace(subs)
        if lhs.has(*_NONFINITE) or rhs.has(*_NONFINITE):
            return sympy.false
        return cond.func(lhs, rhs)
    if isinstance(cond, (sympy.And, sympy.Or, sympy.Not)):
        return cond.func(*(evaluate_condition(a, subs) for a in cond.args))
    return cond.xreplace(subs)


_KIND_RANGES: dict[str, tuple[Any, Any]] = {
    "probability": (0, 1), "money": (0, sympy.oo), "ratio": (0, sympy.oo),
    "count": (1, sympy.oo), "years": (0, sympy.oo),
}


def kind_bounds(symbols: Any) -> dict[sympy.Symbol, Any]:
    """Intervals of the registry's parameters among ``symbols``, by their kind.

    Probabilities lie in [0, 1], counts in [1, oo), money, ratios and years in
    [0, oo).  Symbols the registry does not know are left out.
    """
    from games import essay

    registry = essay.parameters()
    out = {}
    for s in symbols:
        if s.name in registry:
            lo, hi = _KIND_RANGES[registry[s.name].kind]
            out[s] = sympy.AccumBounds(lo, hi)
    return out


def reduce_by_kinds(cond: Any, bounds: Mapping[sympy.Symbol, Any]) -> Any:
    """``cond`` with every relation that the parameters' ranges decide replaced by True / False.

    Interval arithmetic over-approximates the range of each side, so a relation
    is only decided when it holds (or fails) on the whole box of ranges.

    Examples
    --------
    >>> p = sympy.Symbol("p_doom", nonnegative=True)
    >>> reduce_by_kinds(sympy.And(p < 2, p > sympy.Rational(1, 2)), kind_bounds({p}))
    p_doom > 1/2
    """
    if not bounds or cond in (sympy.true, sympy.false):
        return cond
    if isinstance(cond, (sympy.And, sympy.Or, sympy.Not)):
        return cond.func(*(reduce_by_kinds(a, bounds) for a in cond.args))
    if not isinstance(cond, sympy.core.relational.Relational):
        return cond
    f = cond.lhs - cond.rhs
    local = {k: v for k, v in bounds.items() if k in f.free_symbols}
    if not local or f.free_symbols - set(local):
        return cond
    try:
        val = f.xreplace(local)
        if isinstance(val, sympy.AccumBounds):
            lo, hi = val.min, val.max
        elif val.is_number and val.is_real:
            lo = hi = val
        else:
            return cond
        if lo.has(sympy.nan) or hi.has(sympy.nan):
            return cond
        if isinstance(cond, sympy.StrictGreaterThan):
            return sympy.true if lo > 0 else sympy.false if hi <= 0 else cond
        if isinstance(cond, sympy.GreaterThan):
            return sympy.true if lo >= 0 else sympy.false if hi < 0 else cond
        if isinstance(cond, sympy.StrictLessThan):
            return sympy.true if hi < 0 else sympy.false if lo >= 0 else cond
        if isinstance(cond, sympy.LessThan):
            return sympy.true if hi <= 0 else sympy.false if lo > 0 else cond
        if isinstance(cond, sympy.Eq):
            return sympy.false if (lo > 0 or hi < 0) else cond
        if isinstance(cond, sympy.Ne):
            return sympy.true if (lo > 0 or hi < 0) else cond
    except (TypeError, ValueError, ArithmeticError):
        return cond
    return cond


def _and(atoms: Sequence[Any]) -> Boolean:
    return sympy.And(*atoms)


# ---------------------------------------------------------------------------
# the result record
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ConditionalEquilibrium:
    r"""One equilibrium (or continuum of equilibria) of a symbolic game, with its condition.

    Iterating gives ``(profile, condition)``, the pair of the public contract::

        for profile, condition in equilibrium_conditions(game): ...

    Attributes
    ----------
    profile : tuple of tuple of sympy.Expr
        One probability vector per player (for a :class:`SymmetricGame`: one
        vector, played by every player).  Entries are closed forms in the
        parameters; a continuum's entries also contain :attr:`free` symbols.
    condition : sympy Boolean
        Where this is an equilibrium.  For a continuum it also constrains the
        free variables.
    supports : tuple of tuple of int
        Strategy indices played with positive probability, per player.
    payoffs : tuple of sympy.Expr
        Each player's expected payoff (for a SymmetricGame: one entry).
    kind : {"pure", "mixed", "continuum"}
    free : tuple of sympy.Symbol
        The free mixture variables of a continuum (empty otherwise).
    parameter_condition : sympy Boolean
        The part of :attr:`condition` that does not involve :attr:`free`
        (equal to it for pure and mixed records).
    players, strategies : tuples of str
        Labels, for display.
    """

    profile: tuple[tuple[sympy.Expr, ...], ...]
    condition: Boolean
    supports: tuple[tuple[int, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    kind: str
    free: tuple[sympy.Symbol, ...] = ()
    parameter_condition: Boolean = sympy.true
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()


    def _repr_latex_(self) -> str:
        from solvers.latex import repr_latex  # solvers.latex imports this module

        return repr_latex(self)
    def __iter__(self) -> Iterator[Any]:
        yield self.profile
        yield self.condition

    def __len__(self) -> int:
        return 2

    def __getitem__(self, i: int) -> Any:
        return (self.profile, self.condition)[i]

    @property
    def label(self) -> str:
        """The support in words: ``"(Alignment, Passive)"`` or ``"mixed {A, B} x {C, D}"``."""
        names = []
        for p, sup in enumerate(self.supports):
            strat = self.strategies[p] if p < len(self.strategies) else tuple(str(i) for i in range(max(sup) + 1))
            if len(sup) == 1:
                names.append(strat[sup[0]])
            else:
                names.append("{" + ", ".join(strat[i] for i in sup) + "}")
        body = ", ".join(names)
        if self.kind == "pure":
            return f"({body})"
        return f"{self.kind} ({body})"

    def holds_at(self, values: Mapping[Any, Any] | ParameterSet) -> bool:
        """Whether this equilibrium exists at numeric parameter values.

        For a continuum: whether the free variables can take a value (decided
        exactly for one free variable; for more, only the parameter part of
        the condition is checked).

        Raises
        ------
        SymbolicError
            If the values leave a parameter of the condition free (named).
        """
        subs = _value_map(self.condition.free_symbols - set(self.free), values)
        cond = evaluate_condition(self.condition, subs)
        left = cond.free_symbols - set(self.free)
        if left:
            raise SymbolicError(
                f"holds_at: no value for {', '.join(sorted(s.name for s in left))}; give every parameter"
            )
        if cond in (sympy.true, sympy.false):
            return bool(cond)
        if len(self.free) == 1:
            return not cond.as_set().is_empty  # type: ignore[no-any-return]
        return bool(evaluate_condition(self.parameter_condition, subs))

    def at(self, values: Mapping[Any, Any] | ParameterSet) -> tuple[tuple[sympy.Expr, ...], ...]:
        """The profile at numeric parameter values (exact)."""
        syms: set[sympy.Symbol] = set()
        for vec in self.profile:
            for e in vec:
                syms |= e.free_symbols
        subs = _value_map(syms - set(self.free), values)
        return tuple(tuple(e.xreplace(subs) for e in vec) for vec in self.profile)

    def __str__(self) -> str:
        prof = "; ".join("(" + ", ".join(str(e) for e in vec) + ")" for vec in self.profile)
        return f"{self.label}: profile {prof} if {self.condition}"


def _value_map(symbols: Any, values: Mapping[Any, Any] | ParameterSet) -> dict[sympy.Symbol, sympy.Expr]:
    """``{symbol: exact value}`` for the given symbols, matched by name."""
    by_name: dict[str, Any] = {}
    if isinstance(values, ParameterSet):
        by_name = {p.name: p.value for p in values.values()}
    elif isinstance(values, Mapping):
        for k, v in values.items():
            name = k.name if isinstance(k, sympy.Symbol) else k
            if not isinstance(name, str):
                raise GameError(f"values: key {k!r} must be a sympy Symbol or a parameter name")
            by_name[name] = v
    else:
        raise GameError(f"values: expected a mapping or ParameterSet, got {type(values).__name__}")
    out = {}
    for s in symbols:
        if s.name in by_name:
            out[s] = to_exact(by_name[s.name], f"value of {s.name!r}", error=GameError)
    return out


# ---------------------------------------------------------------------------
# linear systems with case splits
# ---------------------------------------------------------------------------

@dataclass
class _Branch:
    conds: list[Any]
    solution: dict[sympy.Symbol, sympy.Expr]
    free: tuple[sympy.Symbol, ...]


def _is_zero(e: sympy.Expr) -> bool:
    return e == 0 or e.is_zero is True


def fast_cancel(e: sympy.Expr) -> sympy.Expr:
    """``e`` as one cancelled fraction, computed in the field of rational functions when possible.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> fast_cancel(x / (x * y + x) + 1)
    (y + 2)/(y + 1)
    """
    gens = sorted(e.free_symbols, key=sympy.default_sort_key)
    if not gens:
        return sympy.cancel(e)
    try:
        K = sympy.ZZ.frac_field(*gens)
        return K.to_sympy(K.from_sympy(e))  # type: ignore[no-any-return]
    except (sympy.polys.polyerrors.CoercionFailed, sympy.polys.polyerrors.GeneratorsError, ValueError):
        return sympy.cancel(e)


def _has_denominator(e: sympy.Expr) -> bool:
    return any(p.exp.is_negative for p in e.atoms(sympy.Pow) if p.base.free_symbols)


def _numer(e: sympy.Expr) -> sympy.Expr:
    return sympy.fraction(fast_cancel(e))[0]


class _ExprOps:
    """Arithmetic on sympy expressions (the fallback: any expression)."""

    def __init__(self) -> None:
        self.zero = sympy.Integer(0)

    def convert(self, e: sympy.Expr) -> Any:
        return e

    def is_zero(self, x: Any) -> bool:
        return _is_zero(x)

    def sure_nonzero(self, x: Any) -> bool:
        return x.is_zero is False  # type: ignore[no-any-return]

    def simplify(self, x: Any) -> Any:
        return sympy.cancel(x)

    def numerator(self, x: Any) -> sympy.Expr:
        return _numer(x)

    def to_expr(self, x: Any) -> sympy.Expr:
        return sympy.cancel(x) if _has_denominator(x) else x


class _FieldOps:
    """Arithmetic in the field of rational functions of the symbols (fast, canonical)."""

    def __init__(self, K: Any) -> None:
        self.K = K
        self.zero = K.zero
        self._sure: dict[Any, bool] = {}

    def convert(self, e: sympy.Expr) -> Any:
        return self.K.from_sympy(e)

    def is_zero(self, x: Any) -> bool:
        return not x

    def sure_nonzero(self, x: Any) -> bool:
        if not x:
            return False
        if x.numer.is_ground:
            return True
        if x not in self._sure:
            self._sure[x] = self.numerator(x).is_zero is False
        return self._sure[x]

    def simplify(self, x: Any) -> Any:
        return x

    def numerator(self, x: Any) -> sympy.Expr:
        return x.numer.as_expr()  # type: ignore[no-any-return]

    def to_expr(self, x: Any) -> sympy.Expr:
        return self.K.to_sympy(x)  # type: ignore[no-any-return]


def _ops_for(rows: list[list[sympy.Expr]], unknowns: Sequence[sympy.Symbol]) -> Any:
    gens: set[sympy.Symbol] = set(unknowns)
    for row in rows:
        for e in row:
            gens |= e.free_symbols
    try:
        K = sympy.ZZ.frac_field(*sorted(gens, key=sympy.default_sort_key))
        for row in rows:
            for e in row:
                K.from_sympy(e)
    except (sympy.polys.polyerrors.CoercionFailed, sympy.polys.polyerrors.GeneratorsError, ValueError):
        return _ExprOps()
    return _FieldOps(K)


def _solve_linear(rows: list[list[sympy.Expr]], unknowns: Sequence[sympy.Symbol],
                  max_degenerate: int = DEGENERATE_DEPTH) -> list[_Branch]:
    """Solve ``rows`` (augmented ``[coefficients | rhs]``) for every case of the parameters.

    Pivots the assumptions cannot decide are split into a ``!= 0`` and an
    ``== 0`` branch (the latter nested at most ``max_degenerate`` deep).
    The arithmetic is done in the field of rational functions of the symbols
    when the entries allow it (exact and canonical), else on expressions.
    """
    n = len(unknowns)
    out: list[_Branch] = []
    ops = _ops_for(rows, unknowns)
    unknown_elems = [ops.convert(u) for u in unknowns]

    def eliminate(M: list[list[Any]], prow: int, col: int) -> list[list[Any]]:
        M = [list(r) for r in M]
        piv = M[prow][col]
        for r in range(prow + 1, len(M)):
            if ops.is_zero(M[r][col]):
                continue
            factor = M[r][col] / piv
            M[r] = [ops.simplify(M[r][c] - factor * M[prow][c]) for c in range(n + 1)]
        return M

    def finish(M: list[list[Any]], pivots: list[tuple[int, int]], conds: list[Any]) -> None:
        conds = list(conds)
        for r in range(len(pivots), len(M)):
            rhs = M[r][n]
            if ops.is_zero(rhs):
                continue
            if ops.sure_nonzero(rhs):
                return  # inconsistent whatever the parameters
            conds.append(relation(ops.numerator(rhs), "=="))
        if sympy.false in conds:
            return
        pivot_cols = {c for _, c in pivots}
        free = tuple(unknowns[c] for c in range(n) if c not in pivot_cols)
        sol: dict[int, Any] = {c: unknown_elems[c] for c in range(n) if c not in pivot_cols}
        for r, c in reversed(pivots):
            acc = M[r][n]
            for cc in range(c + 1, n):
                if not ops.is_zero(M[r][cc]):
                    acc = acc - M[r][cc] * sol[cc]
            sol[c] = ops.simplify(acc / M[r][c])
        out.append(_Branch(conds, {unknowns[c]: ops.to_expr(v) for c, v in sol.items()}, free))

    def rec(M: list[list[Any]], col: int, prow: int, pivots: list[tuple[int, int]],
            conds: list[Any], depth: int) -> None:
        if col == n:
            finish(M, pivots, conds)
            return
        cand = [r for r in range(prow, len(M)) if not ops.is_zero(M[r][col])]
        if not cand:
            rec(M, col + 1, prow, pivots, conds, depth)
            return
        sure = [r for r in cand if ops.sure_nonzero(M[r][col])]
        r = sure[0] if sure else cand[0]
        M2 = [list(x) for x in M]
        M2[prow], M2[r] = M2[r], M2[prow]
        new_conds = conds if sure else conds + [relation(ops.numerator(M2[prow][col]), "!=")]
        if sympy.false not in new_conds:
            rec(eliminate(M2, prow, col), col + 1, prow + 1, pivots + [(prow, col)], new_conds, depth)
        if not sure and depth < max_degenerate:
            M3 = [list(x) for x in M]
            zero_cond = relation(ops.numerator(M3[r][col]), "==")
            if zero_cond is not sympy.false:
                M3[r][col] = ops.zero
                rec(M3, col, prow, pivots, conds + [zero_cond], depth + 1)

    rec([[ops.convert(e) for e in r] for r in rows], 0, 0, [], [], 0)
    return out


# ---------------------------------------------------------------------------
# two-player support enumeration
# ---------------------------------------------------------------------------

def _mixture_symbols(game: Game) -> tuple[tuple[sympy.Symbol, ...], tuple[sympy.Symbol, ...]]:
    taken = {s.name for s in game.free_symbols}
    out = []
    for p in (0, 1):
        syms = []
        for j in range(game.shape[p]):
            name = f"sigma{p + 1}_{j + 1}"
            while name in taken:
                name += "'"
            syms.append(sympy.Symbol(name, real=True))
        out.append(tuple(syms))
    return out[0], out[1]


def _side(M: Any, sup_r: tuple[int, ...], sup_c: tuple[int, ...], mix: tuple[sympy.Symbol, ...],
          value: sympy.Symbol) -> list[_Branch]:
    """Solve: the mixture over sup_c (symbols ``mix``) makes every i in sup_r indifferent, value ``value``.

    ``M[i][j]`` is the payoff of the indifferent player when she plays i and
    the mixing player plays j.
    """
    unknowns = [value] + [mix[j] for j in sup_c]
    rows = [[sympy.Integer(-1)] + [M[i][j] for j in sup_c] + [sympy.Integer(0)] for i in sup_r]
    rows.append([sympy.Integer(0)] + [sympy.Integer(1)] * len(sup_c) + [sympy.Integer(1)])
    return _solve_linear(rows, unknowns)


def _two_player(game: Game) -> tuple[ConditionalEquilibrium, ...]:
    m, k = game.shape
    A = [[game.payoffs[0][i, j] for j in range(k)] for i in range(m)]
    B = [[game.payoffs[1][i, j] for j in range(k)] for i in range(m)]
    BT = [[B[i][j] for i in range(m)] for j in range(k)]
    xs, ys = _mixture_symbols(game)
    v, u = sympy.Dummy("v"), sympy.Dummy("u")
    records: list[ConditionalEquilibrium] = []
    subsets_r = [c for size in range(1, m + 1) for c in itertools.combinations(range(m), size)]
    subsets_c = [c for size in range(1, k + 1) for c in itertools.combinations(range(k), size)]
    for sup_r in subsets_r:
        for sup_c in subsets_c:
            ybranches = _side(A, sup_r, sup_c, ys, v)
            if not ybranches:
                continue
            xbranches = _side(BT, sup_c, sup_r, xs, u)
            for yb in ybranches:
                for xb in xbranches:
                    rec = _combine(game, A, B, sup_r, sup_c, xs, ys, v, u, xb, yb)
                    if rec is not None:
                        records.append(rec)
    order = {"pure": 0, "mixed": 1, "continuum": 2}
    records.sort(key=lambda r: (order[r.kind], len(r.supports[0]) + len(r.supports[1])))
    return tuple(records)


def _compact(e: sympy.Expr) -> sympy.Expr:
    """Common factors pulled out of numerator and denominator (readability)."""
    if not _has_denominator(e):
        return e
    num, den = sympy.fraction(e)
    return sympy.factor_terms(num) / sympy.factor_terms(den)  # type: ignore[no-any-return]


def _tidy(f: sympy.Expr, free: tuple[sympy.Symbol, ...]) -> sympy.Expr:
    """A deviation gain, collected in the free mixture variables (if any)."""
    if free:
        return sympy.collect(sympy.expand(f), free)
    if _has_denominator(f):
        return fast_cancel(f)
    return f


def _combine(game: Game, A: Any, B: Any, sup_r: tuple[int, ...], sup_c: tuple[int, ...],
             xs: tuple[sympy.Symbol, ...], ys: tuple[sympy.Symbol, ...], v: sympy.Symbol, u: sympy.Symbol,
             xb: _Branch, yb: _Branch) -> ConditionalEquilibrium | None:
    m, k = game.shape
    x = [_compact(xb.solution[xs[i]]) if i in sup_r else sympy.Integer(0) for i in range(m)]
    y = [_compact(yb.solution[ys[j]]) if j in sup_c else sympy.Integer(0) for j in range(k)]
    if len(sup_r) == 1 and len(sup_c) == 1:  # a pure profile: its payoffs as the game writes them
        vv, uu = A[sup_r[0]][sup_c[0]], B[sup_r[0]][sup_c[0]]
    else:
        vv, uu = _compact(yb.solution[v]), _compact(xb.solution[u])
    free = tuple(s for s in xb.free + yb.free)
    atoms: list[Any] = list(xb.conds) + list(yb.conds)
    positivity = []
    for i in sup_r:
        if len(sup_r) > 1:
            positivity.append(relation(x[i], ">"))
    for j in sup_c:
        if len(sup_c) > 1:
            positivity.append(relation(y[j], ">"))
    deviations = []
    for i in range(m):
        if i not in sup_r:
            deviations.append(relation(_tidy(vv - sum((A[i][j] * y[j] for j in sup_c), sympy.Integer(0)), free), ">="))
    for j in range(k):
        if j not in sup_c:
            deviations.append(relation(_tidy(uu - sum((B[i][j] * x[i] for i in sup_r), sympy.Integer(0)), free), ">="))
    cond = _and(atoms + positivity + deviations)
    if cond is sympy.false:
        return None
    fs = set(free)
    param_atoms = [a for a in atoms + positivity + deviations if not (a.free_symbols & fs)]
    kind = "continuum" if free else ("pure" if len(sup_r) == len(sup_c) == 1 else "mixed")
    return ConditionalEquilibrium(
        profile=(tuple(x), tuple(y)), condition=cond, supports=(sup_r, sup_c), payoffs=(vv, uu), kind=kind,
        free=free, parameter_condition=_and(param_atoms) if free else cond,
        players=game.players, strategies=game.strategies,
    )


# ---------------------------------------------------------------------------
# N-player pure profiles
# ---------------------------------------------------------------------------

def _pure_only(game: Game) -> tuple[ConditionalEquilibrium, ...]:
    records = []
    for prof in itertools.product(*(range(mm) for mm in game.shape)):
        atoms = []
        for p in range(game.n_players):
            here = game.payoffs[p][prof]
            for alt in range(game.shape[p]):
                if alt != prof[p]:
                    dev = prof[:p] + (alt,) + prof[p + 1:]
                    atoms.append(relation(here - game.payoffs[p][dev], ">="))
        cond = _and(atoms)
        if cond is sympy.false:
            continue
        vecs = tuple(tuple(sympy.Integer(1 if j == s else 0) for j in range(game.shape[p])) for p, s in enumerate(prof))
        records.append(ConditionalEquilibrium(
            profile=vecs, condition=cond, supports=tuple((s,) for s in prof),
            payoffs=tuple(game.payoffs[p][prof] for p in range(game.n_players)), kind="pure",
            parameter_condition=cond, players=game.players, strategies=game.strategies,
        ))
    return tuple(records)


# ---------------------------------------------------------------------------
# symmetric n-player games
# ---------------------------------------------------------------------------

def gain_function(game: SymmetricGame, x: sympy.Symbol) -> sympy.Expr:
    r"""The gain function :math:`G(x)`: expected payoff advantage of the first strategy.

    :math:`G(x) = E[\pi_1(K) - \pi_2(K)]` with :math:`K \sim \mathrm{Binomial}(n-1, x)`
    the number of other players choosing the first strategy.

    Raises
    ------
    SymbolicError
        If ``n_players`` is symbolic and the payoff difference is not a
        polynomial in the count.

    Examples
    --------
    >>> k, n = sympy.Symbol("k"), sympy.Symbol("n", positive=True)
    >>> sg = SymmetricGame(n, {"C": 2 * k, "D": k + 1}, count=k)
    >>> sympy.factor(gain_function(sg, sympy.Symbol("x")))
    n*x - x - 1
    """
    return _expected(game, game.payoff_exprs[0] - game.payoff_exprs[1], x)


def _expected(game: SymmetricGame, expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """E[expr(K)], K ~ Binomial(n - 1, x)."""
    k = game.count
    n = game.n_players
    e = sympy.piecewise_fold(expr)
    if not e.has(k):
        return e
    if e.is_polynomial(k):
        poly = sympy.Poly(sympy.expand(e), k)
        total = sympy.Integer(0)
        for (deg,), coeff in poly.terms():
            moment = sum((stirling(deg, i) * sympy.ff(n - 1, i) * x**i for i in range(deg + 1)), sympy.Integer(0))
            total += coeff * moment
        return sympy.expand(total)
    if isinstance(n, sympy.Integer):
        nn = int(n)
        return sympy.expand(sum(
            (sympy.binomial(nn - 1, j) * x**j * (1 - x) ** (nn - 1 - j) * sympy.piecewise_fold(e.subs(k, j))
             for j in range(nn)), sympy.Integer(0)))
    text = str(e)
    text = text if len(text) <= 160 else text[:160] + " ..."
    raise SymbolicError(
        f"{game.name or 'SymmetricGame'}: with n_players = {n} symbolic, the payoff difference must be a "
        f"polynomial in {k} for a closed form; it is {text}. Substitute a number of players"
    )


def _symmetric(game: SymmetricGame) -> tuple[ConditionalEquilibrium, ...]:
    assert game.strategies is not None
    n = game.n_players
    p1, p2 = game.payoff_exprs
    k = game.count
    records = []
    labels = dict(players=("every player",), strategies=(tuple(game.strategies),))
    one, zero = sympy.Integer(1), sympy.Integer(0)
    top = sympy.piecewise_fold(p1.subs(k, n - 1))
    cond = relation(top - sympy.piecewise_fold(p2.subs(k, n - 1)), ">=")
    if cond is not sympy.false:
        records.append(ConditionalEquilibrium(((one, zero),), cond, ((0,),), (top,), "pure",
                                              parameter_condition=cond, **labels))  # type: ignore[arg-type]
    bottom = sympy.piecewise_fold(p2.subs(k, 0))
    cond = relation(bottom - sympy.piecewise_fold(p1.subs(k, 0)), ">=")
    if cond is not sympy.false:
        records.append(ConditionalEquilibrium(((zero, one),), cond, ((1,),), (bottom,), "pure",
                                              parameter_condition=cond, **labels))  # type: ignore[arg-type]
    x = sympy.Symbol("x_" + _safe(game.strategies[0]), real=True)
    try:
        G = gain_function(game, x)
    except SymbolicError as exc:
        warnings.warn(f"equilibrium_conditions: interior mixed equilibria not derived: {exc}",
                      RuntimeWarning, stacklevel=3)
        return tuple(records)
    poly = sympy.Poly(G, x)
    coeffs = poly.all_coeffs()
    deg = poly.degree()
    mixed: list[tuple[sympy.Expr, list[Any], tuple[sympy.Symbol, ...]]] = []
    if deg <= 0 or all(_is_zero(c) for c in coeffs[:-1]):
        c0 = coeffs[-1] if coeffs else zero
        cond = relation(c0, "==")
        if deg > 0:
            cond = _and([cond] + [relation(c, "==") for c in coeffs[:-1] if not _is_zero(c)])
        if cond is not sympy.false:
            mixed.append((x, [cond, x > 0, x < 1], (x,)))
    else:
        if poly.free_symbols - {x} and deg > 2:
            warnings.warn(
                f"equilibrium_conditions: interior mixed equilibria not derived: {game.name or 'SymmetricGame'}: "
                f"the gain function has degree {deg} in the mixture with symbolic coefficients (no closed form "
                "above degree 2); substitute values and use symmetric_equilibria", RuntimeWarning, stacklevel=3)
            return tuple(records)
        # degenerate sub-case: the leading coefficient(s) vanish
        lead = coeffs[0]
        if deg == 1 or poly.free_symbols == {x}:
            roots = sympy.roots(poly, filter=None, multiple=False) if deg <= 2 else {}
            if deg > 2 or len(roots) < deg and not (poly.free_symbols - {x}):
                roots = {r: 1 for r in sympy.Poly(G, x).real_roots()}
            for r in roots:
                r = sympy.factor_terms(sympy.cancel(r)) if not isinstance(r, sympy.CRootOf) else r
                if r.is_real is False:
                    continue
                base = [] if lead.is_zero is False else [relation(_numer(lead), "!=")]
                mixed.append((r, base + [relation(r, ">"), relation(1 - r, ">")], ()))
            if deg == 1 and lead.is_zero is not False:
                c0 = coeffs[-1]
                mixed.append((x, [relation(_numer(lead), "=="), relation(c0, "=="), x > 0, x < 1], (x,)))
        else:  # symbolic quadratic
            a, b, c = coeffs
            disc = sympy.expand(b**2 - 4 * a * c)
            for sgn in (1, -1):
                r = (-b + sgn * sympy.sqrt(disc)) / (2 * a)
                conds = [relation(_numer(a), "!="), relation(disc, ">=")]
                if sgn < 0:
                    conds.append(relation(disc, ">"))  # a double root is reported once
                mixed.append((r, conds + [r > 0, r < 1], ()))
            if lead.is_zero is not False:
                r = -c / b
                mixed.append((r, [relation(_numer(a), "=="), relation(_numer(b), "!="),
                                  relation(r, ">"), relation(1 - r, ">")], ()))
    for r, atoms, free in mixed:
        cond = _and(atoms)
        if cond is sympy.false:
            continue
        payoff = _expected(game, p1, r) if not free else _expected(game, p1, x)
        fs = set(free)
        records.append(ConditionalEquilibrium(
            ((r, 1 - r),), cond, ((0, 1),), (sympy.factor_terms(payoff),), "continuum" if free else "mixed",
            free=free, parameter_condition=_and([a for a in atoms if not (a.free_symbols & fs)]) if free else cond,
            **labels,  # type: ignore[arg-type]
        ))
    return tuple(records)


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name)


# ---------------------------------------------------------------------------
# the public function
# ---------------------------------------------------------------------------

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


def game_key(game: Game | SymmetricGame) -> tuple[Any, ...]:
    """A cheap, hashable key equal for equal games.

    Built from the payoff *entries* (tuples compare identical sympy objects by
    identity first), so looking up an equal, freshly built game costs
    microseconds instead of the structural comparison of sympy arrays.
    """
    if isinstance(game, SymmetricGame):
        return ("S", game.n_players, game.payoffs, game.count, game.strategies, game.name)
    return ("G", game.players, game.strategies, game.name,
            tuple(tuple(arr._array) for arr in game.payoffs))  # sympy's flat storage


class KeyedCache:
    """A small LRU mapping (results of symbolic derivations, keyed by :func:`game_key`)."""

    def __init__(self, maxsize: int = 512) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any) -> Any:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def put(self, key: Any, value: Any) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)

    def clear(self) -> None:
        self._data.clear()


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


def equilibrium_conditions(game: Game | SymmetricGame, *, by_kinds: bool = True) -> list[ConditionalEquilibrium]:
    r"""Every equilibrium of a symbolic game, in closed form, with the condition under which it holds.

    Parameters
    ----------
    game : Game or SymmetricGame
        A two-player game (up to 3 x 3, 4 x 2 or 6 x 1 with symbolic payoffs,
        5 x 5 numeric),
        an N-player game (pure equilibria), or a symmetric two-strategy
        n-player game (symmetric equilibria; ``n`` may be a symbol).
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
