r"""Equilibrium selection as sympy conditions: risk dominance, payoff dominance, selection in finite populations.

For a 2 x 2 game with strategies 1 and 2, write the row player's payoffs
:math:`A` and the column player's :math:`B`; for a symmetric game
:math:`A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}` and :math:`B = A^\top`.

* :func:`risk_dominance` (Harsanyi and Selten 1988, section 3.9): (1, 1)
  risk-dominates (2, 2) when its Nash product of deviation losses is larger,

  .. math::

      (A_{11} - A_{21})(B_{11} - B_{12}) > (A_{22} - A_{12})(B_{22} - B_{21}),

  which for a symmetric game is :math:`a - c > d - b`, i.e.
  :math:`a + b > c + d`: strategy 1 is the best reply to the 50:50 mixture.
* :func:`payoff_dominance`: (1, 1) gives every player strictly more than (2, 2).
* :func:`fermi_selection_favours`: in a well-mixed population of :math:`Z`
  players under the pairwise-comparison (Fermi) rule, strategy 1's
  fixation probability exceeds strategy 2's, :math:`\rho_1 > \rho_2`.  The
  ratio of the two is exactly
  :math:`\rho_1 / \rho_2 = \exp\bigl(\beta \sum_{k=1}^{Z-1} (\pi_1(k) - \pi_2(k))\bigr)`
  for every intensity :math:`\beta`, so the condition does not depend on
  :math:`\beta`.  With groups of :math:`n` drawn without replacement
  (hypergeometric sampling) and :math:`a_j, b_j` the payoffs of strategy 1 and
  2 when :math:`j` co-players play 1, the sum evaluates to

  .. math::

      \frac{Z}{n} \sum_{j=0}^{n-1} (a_j - b_j) - a_{n-1} + b_0 > 0,

  for pairwise games :math:`(Z - 2)(a - d) + Z (b - c) > 0` (Nowak et al. 2004).

References
----------
.. [1] J. C. Harsanyi and R. Selten, A General Theory of Equilibrium Selection
   in Games, MIT Press, 1988.
.. [2] M. A. Nowak, A. Sasaki, C. Taylor and D. Fudenberg, "Emergence of
   cooperation and evolutionary stability in finite populations", Nature
   428 (2004) 646-650.
.. [3] A. Traulsen, J. M. Pacheco and M. A. Nowak, "Pairwise comparison and
   selection temperature in evolutionary game dynamics", Journal of
   Theoretical Biology 246 (2007) 522-529.
.. [4] C. S. Gokhale and A. Traulsen, "Evolutionary games in the
   multiverse", PNAS 107 (2010) 5500-5504.
"""

from __future__ import annotations

from typing import Any

import sympy

from games._exact import to_exact
from games.core import Game
from games.errors import GameError
from games.symmetric import SymmetricGame
from solvers.symbolic.relations import relation

__all__ = ["risk_dominance", "payoff_dominance", "fermi_selection_favours"]


def _bimatrix_2x2(game: Any, fn: str) -> tuple[list[list[sympy.Expr]], list[list[sympy.Expr]]]:
    """(A, B) of a 2 x 2 game; a SymmetricGame must have two players."""
    if isinstance(game, SymmetricGame):
        if game.n_players != 2:
            raise GameError(f"{fn}: a SymmetricGame needs n_players = 2 here, got {game.n_players}")
        p1, p2 = game.payoff_exprs
        k = game.count
        A = [[p1.subs(k, 1), p1.subs(k, 0)], [p2.subs(k, 1), p2.subs(k, 0)]]
        return A, [[A[0][0], A[1][0]], [A[0][1], A[1][1]]]
    if not isinstance(game, Game):
        raise GameError(f"{fn}: expected a Game or SymmetricGame, got {type(game).__name__}")
    if game.n_players != 2 or game.shape != (2, 2):
        raise GameError(f"{fn}: needs a 2 x 2 two-player game; {game.name or 'the game'} has shape {game.shape}")
    A = [[game.payoffs[0][i, j] for j in range(2)] for i in range(2)]
    B = [[game.payoffs[1][i, j] for j in range(2)] for i in range(2)]
    return A, B


def _symmetric_2x2(game: Any, fn: str) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr, sympy.Expr]:
    A, B = _bimatrix_2x2(game, fn)
    for i in range(2):
        for j in range(2):
            if sympy.expand(B[i][j] - A[j][i]) != 0:
                raise GameError(
                    f"{fn}: needs a symmetric game (B = A transposed); entry [{i}, {j}] of B is {B[i][j]}, "
                    f"A[{j}, {i}] is {A[j][i]}"
                )
    return A[0][0], A[0][1], A[1][0], A[1][1]


def risk_dominance(game: Game | SymmetricGame, *, require_equilibria: bool = True) -> Any:
    r"""Condition under which (first, first) risk-dominates (second, second) (Harsanyi-Selten).

    Parameters
    ----------
    game : Game or SymmetricGame
        A 2 x 2 two-player game (symmetric or not), or a two-player
        :class:`~games.symmetric.SymmetricGame`.
    require_equilibria : bool, default True
        Also require both diagonal profiles to be strict equilibria, as
        Harsanyi and Selten's definition does.  False gives only the
        Nash-product inequality (for a symmetric game: the first strategy is
        the best reply to the 50:50 mixture).

    Returns
    -------
    sympy Boolean
        ``True``/``False`` when the parameters' assumptions decide it.

    Raises
    ------
    GameError
        For a game that is not 2 x 2.

    References
    ----------
    .. [1] J. C. Harsanyi and R. Selten, A General Theory of Equilibrium
       Selection in Games, MIT Press, 1988, section 3.9.

    Examples
    --------
    The stag hunt: Stag (4 with a stag hunter, 0 alone) against Hare (3 always)
    is payoff-dominant but not risk-dominant: 4 - 3 < 3 - 0.

    >>> import sympy
    >>> from games import Game
    >>> stag = Game.from_bimatrix([[4, 0], [3, 3]])
    >>> risk_dominance(stag)
    False
    >>> a, b, c, d = sympy.symbols("a b c d", real=True)
    >>> risk_dominance(Game.from_bimatrix([[a, b], [c, d]]), require_equilibria=False)
    a + b > c + d
    """
    fn = "risk_dominance"
    if not isinstance(require_equilibria, bool):
        raise GameError(f"{fn}: require_equilibria={require_equilibria!r} must be True or False")
    A, B = _bimatrix_2x2(game, fn)
    symmetric = all(sympy.expand(B[i][j] - A[j][i]) == 0 for i in range(2) for j in range(2))
    if symmetric:
        a, b, c, d = A[0][0], A[0][1], A[1][0], A[1][1]
        core = relation((a - c) - (d - b), ">")
    else:
        core = relation((A[0][0] - A[1][0]) * (B[0][0] - B[0][1]) - (A[1][1] - A[0][1]) * (B[1][1] - B[1][0]), ">")
    if not require_equilibria:
        return core
    return sympy.And(core, *_strict_diagonal(A, B, symmetric))


def _strict_diagonal(A: Any, B: Any, symmetric: bool) -> list[Any]:
    conds = [relation(A[0][0] - A[1][0], ">"), relation(A[1][1] - A[0][1], ">")]
    if not symmetric:
        conds += [relation(B[0][0] - B[0][1], ">"), relation(B[1][1] - B[1][0], ">")]
    return conds


def payoff_dominance(game: Game | SymmetricGame, *, require_equilibria: bool = True) -> Any:
    r"""Condition under which (first, first) gives every player strictly more than (second, second).

    Parameters
    ----------
    game : Game or SymmetricGame
        A 2 x 2 two-player game or a two-player SymmetricGame.
    require_equilibria : bool, default True
        Also require both diagonal profiles to be strict equilibria.

    Returns
    -------
    sympy Boolean

    Examples
    --------
    >>> from games import Game
    >>> payoff_dominance(Game.from_bimatrix([[4, 0], [3, 3]]))
    True
    """
    fn = "payoff_dominance"
    if not isinstance(require_equilibria, bool):
        raise GameError(f"{fn}: require_equilibria={require_equilibria!r} must be True or False")
    A, B = _bimatrix_2x2(game, fn)
    symmetric = all(sympy.expand(B[i][j] - A[j][i]) == 0 for i in range(2) for j in range(2))
    core = [relation(A[0][0] - A[1][1], ">")]
    if not symmetric:
        core.append(relation(B[0][0] - B[1][1], ">"))
    if not require_equilibria:
        return sympy.And(*core)
    return sympy.And(*core, *_strict_diagonal(A, B, symmetric))


def _population(population: Any, n: Any, fn: str) -> sympy.Expr:
    if isinstance(population, sympy.Basic) and not population.is_number:
        return population
    Z = to_exact(population, f"{fn}: population", error=GameError)
    if not Z.is_integer:
        raise GameError(f"{fn}: population {population!r} is not a whole number of players")
    if isinstance(n, sympy.Integer) and Z < n:
        raise GameError(f"{fn}: population {Z} is smaller than the group size {n} (allowed: at least {n})")
    if Z < 2:
        raise GameError(f"{fn}: population {Z} (allowed: at least 2)")
    return Z


def fermi_selection_favours(game: Game | SymmetricGame, population: Any) -> Any:
    r"""Condition under which selection favours the first strategy in a finite population (Fermi rule).

    True when the fixation probability of one first-strategy mutant among
    second-strategy residents exceeds that of the reverse,
    :math:`\rho_1 > \rho_2`, under the pairwise-comparison rule with any
    selection intensity :math:`\beta > 0` (the ratio is
    :math:`\exp(\beta \sum_{k=1}^{Z-1} (\pi_1(k) - \pi_2(k)))`).

    Parameters
    ----------
    game : Game or SymmetricGame
        A symmetric 2 x 2 game (pairwise interactions) or a SymmetricGame of
        ``n`` players (groups of ``n`` drawn from the population).
    population : int or sympy expression
        The population size :math:`Z` (at least the group size).

    Returns
    -------
    sympy Boolean
        :math:`\frac{Z}{n}\sum_{j=0}^{n-1}(a_j - b_j) - a_{n-1} + b_0 > 0`;
        for pairwise games :math:`(Z-2)(a-d) + Z(b-c) > 0`.

    Raises
    ------
    GameError
        For a non-symmetric or non-2 x 2 Game, or a population that is not a
        whole number >= the group size.

    References
    ----------
    .. [1] A. Traulsen, J. M. Pacheco and M. A. Nowak, J. Theor. Biol. 246 (2007) 522-529.
    .. [2] C. S. Gokhale and A. Traulsen, PNAS 107 (2010) 5500-5504.

    Examples
    --------
    >>> import sympy
    >>> from games import Game
    >>> a, b, c, d = sympy.symbols("a b c d", real=True)
    >>> Z = sympy.Symbol("Z", positive=True)
    >>> cond = fermi_selection_favours(Game.from_bimatrix([[a, b], [c, d]]), Z)
    >>> sympy.expand(cond.lhs - cond.rhs - ((Z - 2) * (a - d) + Z * (b - c)))
    0
    """
    fn = "fermi_selection_favours"
    if isinstance(game, SymmetricGame):
        n = game.n_players
        k = game.count
        p1, p2 = game.payoff_exprs
        Z = _population(population, n, fn)
        if isinstance(n, sympy.Integer):
            total = sum((p1.subs(k, j) - p2.subs(k, j) for j in range(int(n))), sympy.Integer(0))
        else:
            j = sympy.Dummy("j", integer=True, nonnegative=True)
            total = sympy.summation((p1 - p2).subs(k, j), (j, 0, n - 1))
        expr = Z * total / n - p1.subs(k, n - 1) + p2.subs(k, 0)
    else:
        a, b, c, d = _symmetric_2x2(game, fn)
        Z = _population(population, sympy.Integer(2), fn)
        expr = (Z - 2) * (a - d) + Z * (b - c)
    return relation(sympy.piecewise_fold(expr), ">")

