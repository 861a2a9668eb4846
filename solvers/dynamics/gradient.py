r"""The gradient of selection of symmetric n-player games (Pacheco et al.): where Alignment spreads in a large population."""

from __future__ import annotations

import sympy
from sympy.functions.combinatorial.numbers import stirling

from games.core import Game
from games.errors import GameError, SizeLimitError, SymbolicError
from games.symmetric import SymmetricGame
from solvers.dynamics.replicator import _is_symmetric
from solvers.results.dynamics import GradientOfSelection, SelectionRoot
from solvers.symbolic.relations import sign_of

__all__ = ["gradient_of_selection", "MAX_GROUP_SUM"]


#: Non-polynomial group payoffs are summed term by term for at most this many players.
MAX_GROUP_SUM = 400


def _group_average(
    expr: sympy.Expr, count: sympy.Symbol, n: sympy.Expr, x: sympy.Symbol, where: str, label: str
) -> sympy.Expr:
    """E[expr(K)] for K ~ Binomial(n - 1, x)."""
    if count not in expr.free_symbols:
        return expr
    poly = None
    if not any(count in pw.free_symbols for pw in expr.atoms(sympy.Piecewise)):
        try:
            poly = sympy.Poly(expr, count)
        except sympy.PolynomialError:
            poly = None
    if poly is not None and not any(count in c.free_symbols for c in poly.coeffs()):
        total = sympy.Integer(0)
        for (j,), coeff in poly.terms():
            moment = sum(
                (stirling(j, i, kind=2) * sympy.expand_func(sympy.ff(n - 1, i)) * x**i for i in range(j + 1)),
                sympy.Integer(0),
            )
            total += coeff * moment
        return sympy.expand(total)
    if not isinstance(n, sympy.Integer):
        raise SymbolicError(
            f"{where}: the payoff of {label!r} is not a polynomial in {count} (e.g. a Piecewise in {count}), "
            f"so the group average needs a numeric number of players (n_players = {n}); substitute it first"
        )
    N = int(n) - 1
    if N + 1 > MAX_GROUP_SUM:
        raise SizeLimitError(
            f"{where}: summing a non-polynomial payoff over groups of {N + 1} players "
            f"(allowed: at most {MAX_GROUP_SUM}); write the payoff as a polynomial in {count}"
        )
    values = [sympy.piecewise_fold(expr.subs(count, k)) for k in range(N + 1)]
    # Bernstein -> monomial basis: coefficient of x^j is sum_{k<=j} b_k C(N,k) C(N-k, j-k) (-1)^(j-k)
    coeffs = []
    for j in range(N + 1):
        c = sum(
            (values[k] * sympy.binomial(N, k) * sympy.binomial(N - k, j - k) * (-1) ** (j - k) for k in range(j + 1)),
            sympy.Integer(0),
        )
        coeffs.append(sympy.expand(c))
    return sympy.expand(sum((c * x**j for j, c in enumerate(coeffs)), sympy.Integer(0)))




def gradient_of_selection(game: SymmetricGame | Game, *, x: sympy.Symbol | None = None) -> GradientOfSelection:
    r"""The gradient of selection of a two-strategy population game, its roots and their stability.

    .. math::

       g(x) = x(1-x)\bigl(\pi_1(x) - \pi_2(x)\bigr)

    with group payoffs averaged over binomially many first-strategy
    co-players (see the module docstring).  Roots in ``[0, 1]`` are the fixed
    points of the replicator dynamics :math:`\dot x = g(x)`; a root is stable
    when the flow points towards it from both sides.

    Parameters
    ----------
    game : SymmetricGame or Game
        An ``n``-player ``SymmetricGame`` (``n`` may be symbolic or huge when
        the payoffs are polynomials in ``count``), or a symmetric two-player
        ``Game`` with two strategies.
    x : sympy.Symbol, optional
        The symbol for the share of the first strategy (default ``x``).

    Returns
    -------
    GradientOfSelection

    Raises
    ------
    GameError
        Not a two-strategy symmetric game.
    SymbolicError
        Symbolic parameters with interior roots that are not closed-form
        (payoff difference of degree > 2 in ``x``), or a non-polynomial payoff
        with a symbolic ``n``.
    SizeLimitError
        Non-polynomial payoffs with more than :data:`MAX_GROUP_SUM` players.

    Examples
    --------
    An ``N``-player stag hunt (Pacheco et al. 2009): cooperators pay ``c``; if at
    least ``M = 3`` of the ``n = 5`` group members cooperate, each gets ``5 c``.

    >>> import sympy
    >>> from games import SymmetricGame
    >>> k = sympy.Symbol("k")
    >>> hunt = SymmetricGame(5, {"C": sympy.Piecewise((5, k + 1 >= 3), (0, True)) - 1,
    ...                          "D": sympy.Piecewise((5, k >= 3), (0, True))}, count=k)
    >>> gos = gradient_of_selection(hunt)
    >>> [(round(float(r.value), 4), r.stability) for r in gos.roots]
    [(0.0, 'stable'), (0.2403, 'unstable'), (0.7597, 'stable'), (1.0, 'unstable')]

    A linear public goods game with a symbolic group size ``n`` (``r < n``: defection wins):

    >>> n, r = sympy.symbols("n r", positive=True)
    >>> pgg = SymmetricGame(n, {"C": r * (k + 1) / n - 1, "D": r * k / n}, count=k)
    >>> gradient_of_selection(pgg).difference
    -1 + r/n
    """
    where = "gradient_of_selection"
    xs = sympy.Symbol("x") if x is None else x
    if not isinstance(xs, sympy.Symbol):
        raise GameError(f"{where}: x must be a sympy Symbol, got {type(xs).__name__}")
    if isinstance(game, Game):
        if game.shape != (2, 2) or not _is_symmetric(game):
            raise GameError(
                f"{where}: a Game must be a symmetric two-player game with two strategies "
                f"(shape {game.shape}); use replicator_dynamics for more strategies"
            )
        a, b = game.payoffs[0][0, 0], game.payoffs[0][0, 1]
        c, d = game.payoffs[0][1, 0], game.payoffs[0][1, 1]
        p1 = sympy.expand(a * xs + b * (1 - xs))
        p2 = sympy.expand(c * xs + d * (1 - xs))
    elif isinstance(game, SymmetricGame):
        e1, e2 = game.payoff_exprs
        assert game.strategies is not None
        p1 = _group_average(e1, game.count, game.n_players, xs, where, game.strategies[0])
        p2 = _group_average(e2, game.count, game.n_players, xs, where, game.strategies[1])
    else:
        raise GameError(f"{where}: expected a SymmetricGame or Game, got {type(game).__name__}")
    if xs in game.free_symbols:
        raise GameError(f"{where}: the game already uses the symbol {xs}; pass another x")
    D = sympy.expand(p1 - p2)
    grad = sympy.factor(xs * (1 - xs)) * D
    params = D.free_symbols - {xs}
    dD = sympy.diff(D, xs)
    roots: list[SelectionRoot] = []
    if params:
        poly = sympy.Poly(D, xs)
        if poly.degree() > 2:
            raise SymbolicError(
                f"{where}: the payoff difference has degree {poly.degree()} in {xs} with parameters "
                f"{', '.join(sorted(s.name for s in params))}; substitute values for numeric roots"
            )
        roots.append(SelectionRoot(sympy.Integer(0), "undetermined", D.subs(xs, 0) < 0, sympy.true))
        # generic closed-form roots of q0 + q1 x (+ q2 x^2) on placeholder coefficients, then
        # substituted back (the coefficients may be large Piecewise expressions)
        coeffs = list(reversed(poly.all_coeffs()))
        qs = [sympy.Symbol(f"_q{i}", real=True) if c.free_symbols else c for i, c in enumerate(coeffs)]
        back = {q: c for q, c in zip(qs, coeffs) if isinstance(q, sympy.Symbol)}
        if poly.degree() == 1:
            generic = [-qs[0] / qs[1]]
        elif poly.degree() == 2:
            disc = sympy.sqrt(qs[1] ** 2 - 4 * qs[2] * qs[0])
            generic = [(-qs[1] - disc) / (2 * qs[2]), (-qs[1] + disc) / (2 * qs[2])]
        else:
            generic = []
        for r in generic:
            slope = sum((i * q * r ** (i - 1) for i, q in enumerate(qs) if i), sympy.Integer(0))
            r_s, slope_s = sympy.simplify(r), sympy.simplify(slope)
            rr, ss = r_s.xreplace(back), slope_s.xreplace(back)
            roots.append(SelectionRoot(rr, "undetermined", ss < 0, sympy.And(rr > 0, rr < 1)))
        roots.append(SelectionRoot(sympy.Integer(1), "undetermined", D.subs(xs, 1) > 0, sympy.true))
        return GradientOfSelection(game, xs, (p1, p2), D, grad, tuple(roots))
    if D == 0:
        roots = [SelectionRoot(sympy.Integer(v), "neutral", sympy.false, sympy.true) for v in (0, 1)]
        return GradientOfSelection(game, xs, (p1, p2), D, grad, tuple(roots))
    poly = sympy.Poly(D, xs)
    found: list[sympy.Expr] = []
    # radicals for degree <= 2; exact isolated real roots (CRootOf) above, which avoids
    # the complex radicals of the casus irreducibilis
    cands = list(sympy.roots(poly)) if poly.degree() <= 2 else list(poly.real_roots())
    for r in cands:
        if not r.is_real:
            continue
        if (r > 0) == sympy.true and (r < 1) == sympy.true and not any(r == f for f in found):
            found.append(r)
    values = [sympy.Integer(0)] + sorted(found, key=lambda r: float(sympy.N(r, 50))) + [sympy.Integer(1)]
    mids = [sign_of(D.subs(xs, (sympy.N(values[i], 50) + sympy.N(values[i + 1], 50)) / 2), numeric=True,
                    where="gradient_of_selection") for i in range(len(values) - 1)]
    for i, v in enumerate(values):
        left = mids[i - 1] if i > 0 else None
        right = mids[i] if i < len(mids) else None
        towards = (left is None or left > 0) and (right is None or right < 0)
        away = (left is None or left < 0) and (right is None or right > 0)
        stab = "stable" if towards else "unstable" if away else "semi-stable"
        if i == 0:
            sc = D.subs(xs, 0) < 0
        elif i == len(values) - 1:
            sc = D.subs(xs, 1) > 0
        else:
            sc = dD.subs(xs, v) < 0
        roots.append(SelectionRoot(v, stab, sc, sympy.true))
    return GradientOfSelection(game, xs, (p1, p2), D, grad, tuple(roots))

