r"""Fixation probabilities of a mutant in a finite, well-mixed population.

A population of ``Z`` individuals plays a symmetric game; ``j`` of them use the
*mutant* strategy and ``Z - j`` the *resident* one.  Each individual's payoff
is the average over the groups it can be part of, drawn **without
replacement** from the ``Z - 1`` others (no self-interaction):

* for a symmetric two-player :class:`~games.core.Game` with payoff matrix
  ``A`` (row player's payoffs),

  .. math::

     \pi_M(j) = \frac{(j-1) a_{MM} + (Z-j) a_{MR}}{Z-1}, \qquad
     \pi_R(j) = \frac{j\, a_{RM} + (Z-j-1) a_{RR}}{Z-1};

* for an ``n``-player :class:`~games.symmetric.SymmetricGame`, the number ``k`` of
  the ``n - 1`` co-players who play the first strategy is hypergeometric
  (Gokhale & Traulsen 2010; Pacheco et al. 2009):

  .. math::

     \pi_M(j) = \sum_{k=0}^{n-1}
        \frac{\binom{F_M}{k}\binom{Z-1-F_M}{n-1-k}}{\binom{Z-1}{n-1}} P_M(k),

  with ``F_M`` the number of first-strategy players among a mutant's ``Z - 1``
  others (``j - 1`` if the mutant plays the first strategy, ``Z - j``
  otherwise), and likewise for a resident.

The process is a birth-death chain on ``j``; the mutant's fixation probability
from a single copy is (Nowak 2006, eq. 6.11)

.. math::

   \rho = \Bigl(1 + \sum_{k=1}^{Z-1} \prod_{j=1}^{k}
          \frac{T^-(j)}{T^+(j)}\Bigr)^{-1},

with :math:`T^-/T^+ = e^{-\beta(\pi_M - \pi_R)}` for the pairwise-comparison
(Fermi) rule and :math:`T^-/T^+ = f_R/f_M`, :math:`f = 1 - w + w\pi`, for the
Moran process.  The products are summed in log space (a log-sum-exp), so
strong selection and large populations neither overflow nor underflow before
the final result.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError, ParameterError, SizeLimitError, SymbolicError, UnknownNameError, suggest
from games.symmetric import SymmetricGame

__all__ = ["fixation_probability", "population_payoffs", "finite_population_gradient", "RULES", "MAX_GROUP_TABLE",
           "MAX_POPULATION"]

#: Largest population size: the exact formulas hold one number per population state.
MAX_POPULATION = 10_000_000

#: The update rules :func:`fixation_probability` knows.
RULES = ("fermi", "moran")
#: ``(Z - 1) * n`` above this many hypergeometric weights is refused.
MAX_GROUP_TABLE = 20_000_000


def _float(value: Any, where: str) -> float:
    """A finite float from a Python/numpy/sympy number, with a clear error."""
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (str, bytes)):
        raise ParameterError(f"{where}: got {value!r}; a finite number is required")
    if isinstance(value, sympy.Basic):
        if value.free_symbols:
            names = ", ".join(sorted(s.name for s in value.free_symbols))
            raise SymbolicError(f"{where}: {value} has free symbols {names}; give a number")
        try:
            out = float(value)  # type: ignore[arg-type]
        except TypeError as exc:
            raise ParameterError(f"{where}: {value} is not a real number") from exc
    elif isinstance(value, numbers.Real):
        out = float(value)
    else:
        raise ParameterError(f"{where}: got {type(value).__name__}; a finite number is required")
    if not math.isfinite(out):
        raise ParameterError(f"{where}: {value!r} is not a finite number")
    return out


def _population_size(population: Any, where: str) -> int:
    if isinstance(population, (bool, np.bool_)) or not isinstance(population, numbers.Integral):
        if isinstance(population, sympy.Integer):
            population = int(population)
        else:
            raise ParameterError(f"{where}: population size {population!r} must be a whole number (allowed: >= 2)")
    z = int(population)
    if z < 2:
        raise ParameterError(f"{where}: population size {z} is too small (allowed: >= 2)")
    if z > MAX_POPULATION:
        raise SizeLimitError(
            f"{where}: population size {z} needs arrays of {z} numbers (allowed: at most {MAX_POPULATION:,}; "
            "for larger populations use the infinite-population replicator dynamics)"
        )
    return z


def _strategy_index(names: tuple[str, ...], strategy: Any, role: str, where: str) -> int:
    if isinstance(strategy, numbers.Integral) and not isinstance(strategy, (bool, np.bool_)):
        if 0 <= int(strategy) < len(names):
            return int(strategy)
        raise GameError(f"{where}: {role} index {strategy} out of range (allowed: 0..{len(names) - 1})")
    if isinstance(strategy, str) and strategy in names:
        return names.index(strategy)
    raise UnknownNameError(f"{where}: {role}: " + suggest(str(strategy), names, what="strategy"))


def _check_numeric(free: frozenset[sympy.Symbol] | set[sympy.Symbol], where: str) -> None:
    if free:
        names = ", ".join(sorted(s.name for s in free))
        raise SymbolicError(f"{where}: the game has free symbols {names}; substitute values first (game.subs)")


def _symmetric_matrix(game: Game, where: str) -> sympy.ImmutableMatrix:
    """The row player's matrix of a symmetric two-player game (``B == A.T`` checked exactly)."""
    if not isinstance(game, Game):
        raise GameError(f"{where}: expected a Game or SymmetricGame, got {type(game).__name__}")
    if game.n_players != 2:
        raise GameError(
            f"{where}: a {game.n_players}-player Game is not a symmetric two-player game; "
            "give a two-player Game with B = A.T or a SymmetricGame"
        )
    m, n = game.shape
    if m != n or game.strategies[0] != game.strategies[1]:
        raise GameError(
            f"{where}: game {game.name!r} is not symmetric (strategies {list(game.strategies[0])} vs "
            f"{list(game.strategies[1])}); population dynamics need a symmetric game (B = A.T)"
        )
    A, B = game.payoffs
    for i in range(m):
        for j in range(m):
            if A[i, j] != B[j, i] and sympy.expand(A[i, j] - B[j, i]) != 0:
                raise GameError(
                    f"{where}: game {game.name!r} is not symmetric: payoff of {game.players[0]!r} at "
                    f"({game.strategies[0][i]}, {game.strategies[0][j]}) is {A[i, j]} but "
                    f"{game.players[1]!r} gets {B[j, i]} at ({game.strategies[0][j]}, {game.strategies[0][i]})"
                )
    return sympy.ImmutableMatrix(m, m, lambda i, j: A[i, j])


def _strategy_names(game: Game | SymmetricGame, where: str) -> tuple[str, ...]:
    """Strategy names of a population game (a symmetric Game or a SymmetricGame)."""
    if isinstance(game, SymmetricGame):
        assert game.strategies is not None
        return tuple(game.strategies)
    if isinstance(game, Game):
        _symmetric_matrix(game, where)
        return game.strategies[0]
    raise GameError(f"{where}: expected a Game or SymmetricGame, got {type(game).__name__}")


def population_payoffs(
    game: Game | SymmetricGame, population: int, *, mutant: int | str = 0, resident: int | str = 1
) -> tuple[np.ndarray, np.ndarray]:
    r"""Average payoffs of a mutant and a resident when ``j`` of ``Z`` are mutants.

    Groups are drawn without replacement from the ``Z - 1`` other individuals
    (see the module docstring for the formulas).

    Parameters
    ----------
    game : Game or SymmetricGame
        A numeric symmetric two-player game (``B = A.T``; any number of
        strategies) or a numeric :class:`~games.symmetric.SymmetricGame` whose
        ``n_players`` is a whole number ``<= population``.
    population : int
        Population size ``Z >= 2``.
    mutant, resident : int or str
        Strategy (index or name) of the mutants and of the residents.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``pi_mutant`` and ``pi_resident``, each of length ``Z - 1``; entry
        ``j - 1`` is for ``j = 1, ..., Z - 1`` mutants.

    Raises
    ------
    GameError, SymbolicError, ParameterError, SizeLimitError
        Asymmetric or symbolic games, bad strategies or population sizes,
        groups larger than the population, too large a weight table.

    References
    ----------
    Gokhale, C. S. & Traulsen, A. (2010). Evolutionary games in the
    multiverse. PNAS 107(12), 5500-5504.

    Examples
    --------
    >>> from games import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> pi_c, pi_d = population_payoffs(pd, 4, mutant="C", resident="D")
    >>> pi_c.tolist()   # j = 1, 2, 3 cooperators: ((j-1)*3 + (4-j)*0)/3
    [0.0, 1.0, 2.0]
    >>> pi_d.tolist()   # (j*5 + (3-j)*1)/3
    [2.3333333333333335, 3.6666666666666665, 5.0]
    """
    where = "population_payoffs"
    z = _population_size(population, where)
    names = _strategy_names(game, where)
    mi = _strategy_index(names, mutant, "mutant", where)
    ri = _strategy_index(names, resident, "resident", where)
    if mi == ri:
        raise GameError(f"{where}: mutant and resident are both {names[mi]!r}; give two different strategies")
    j = np.arange(1, z, dtype=float)
    if isinstance(game, Game):
        _check_numeric(game.free_symbols, where)
        A = game.numeric_arrays()[0]
        pm = ((j - 1) * A[mi, mi] + (z - j) * A[mi, ri]) / (z - 1)
        pr = (j * A[ri, mi] + (z - j - 1) * A[ri, ri]) / (z - 1)
        return pm, pr
    _check_numeric(game.free_symbols, where)
    n_sym = game.n_players
    if not isinstance(n_sym, sympy.Integer):
        raise SymbolicError(f"{where}: n_players = {n_sym} is not a whole number")
    n = int(n_sym)
    if n > z:
        raise ParameterError(
            f"{where}: groups of n_players = {n} cannot be drawn from a population of {z} (allowed: population >= {n})"
        )
    if (z - 1) * n > MAX_GROUP_TABLE:
        raise SizeLimitError(
            f"{where}: population {z} x group size {n} needs {(z - 1) * n} hypergeometric weights "
            f"(allowed: at most {MAX_GROUP_TABLE})"
        )
    k = np.arange(n)
    table = np.array([[_float(game.payoff(s, int(c)), f"{where}: payoff of {names[s]!r} at count {c}")
                       for c in k] for s in range(2)])
    jj = np.arange(1, z)
    # number of first-strategy players among the Z - 1 others of a mutant / a resident
    first_m = jj - 1 if mi == 0 else z - jj
    first_r = jj if mi == 0 else z - jj - 1
    from scipy.stats import hypergeom  # heavy (1.3 s): imported when needed

    wm = hypergeom.pmf(k[None, :], z - 1, first_m[:, None], n - 1)
    wr = hypergeom.pmf(k[None, :], z - 1, first_r[:, None], n - 1)
    return wm @ table[mi], wr @ table[ri]


def fixation_probability(
    game: Game | SymmetricGame,
    population: int,
    *,
    selection: float,
    rule: str = "fermi",
    mutant: int | str = 0,
    resident: int | str = 1,
) -> float:
    r"""Probability that one mutant takes over a population of residents.

    .. math::

       \rho = \exp\Bigl(-\log\sum_{k=0}^{Z-1} \exp\sum_{j=1}^{k}
              \log\frac{T^-(j)}{T^+(j)}\Bigr)

    with :math:`\log T^-/T^+ = -\beta(\pi_M(j) - \pi_R(j))` (``rule="fermi"``,
    pairwise comparison with imitation probability
    :math:`1/(1 + e^{-\beta(\pi_M - \pi_R)})`) or
    :math:`\log f_R(j) - \log f_M(j)` with :math:`f = 1 - w + w\pi`
    (``rule="moran"``, frequency-dependent Moran process).  Payoffs
    :math:`\pi` are those of :func:`population_payoffs` (no self-interaction).

    Parameters
    ----------
    game : Game or SymmetricGame
        A numeric symmetric two-player game (``B = A.T``) or a numeric
        ``SymmetricGame`` with a whole number of players ``<= population``.
    population : int
        Population size ``Z >= 2``.
    selection : float
        Intensity of selection: ``beta >= 0`` for the Fermi rule, ``0 <= w <= 1``
        for the Moran process.  ``0`` is neutral drift (``rho = 1/Z``).
    rule : {"fermi", "moran"}
    mutant, resident : int or str
        Strategies (index or name), different from each other.

    Returns
    -------
    float
        The fixation probability (may underflow to ``0.0`` under very strong
        selection against the mutant).

    Raises
    ------
    ParameterError
        Bad population, selection intensity, or a Moran fitness ``<= 0``.
    GameError, SymbolicError, UnknownNameError
        Asymmetric or symbolic games, unknown strategies, unknown rules.

    References
    ----------
    Traulsen, A., Nowak, M. A. & Pacheco, J. M. (2006). Stochastic dynamics of
    invasion and fixation. Phys. Rev. E 74, 011909.
    Nowak, M. A. (2006). Evolutionary Dynamics, ch. 6 and 7. Harvard UP.

    Examples
    --------
    >>> from games import Game
    >>> stag = Game.from_bimatrix([[4, 0], [3, 3]], strategies=(["Stag", "Hare"], ["Stag", "Hare"]))
    >>> round(fixation_probability(stag, 10, selection=0.0), 12)   # neutral drift: 1/Z
    0.1
    >>> rho_s = fixation_probability(stag, 10, selection=1.0, mutant="Stag", resident="Hare")
    >>> rho_h = fixation_probability(stag, 10, selection=1.0, mutant="Hare", resident="Stag")
    >>> import math   # Traulsen et al. (2006): rho_S / rho_H = exp(beta/2 ((Z-2)(a-d) + Z(b-c)))
    >>> math.isclose(rho_s / rho_h, math.exp(0.5 * (8 * (4 - 3) + 10 * (0 - 3))))
    True
    """
    where = "fixation_probability"
    if rule not in RULES:
        raise UnknownNameError(f"{where}: " + suggest(str(rule), RULES, what="rule"))
    s = _float(selection, f"{where}: selection")
    z = _population_size(population, where)
    pm, pr = population_payoffs(game, z, mutant=mutant, resident=resident)
    if rule == "fermi":
        if s < 0:
            raise ParameterError(f"{where}: selection intensity beta = {s} (allowed: beta >= 0)")
        log_ratio = -s * (pm - pr)
    else:
        if not 0 <= s <= 1:
            raise ParameterError(f"{where}: Moran selection intensity w = {s} (allowed: 0 <= w <= 1)")
        fm = 1 - s + s * pm
        fr = 1 - s + s * pr
        bad = np.flatnonzero((fm <= 0) | (fr <= 0))
        if bad.size:
            j = int(bad[0]) + 1
            raise ParameterError(
                f"{where}: Moran fitness 1 - w + w*payoff is not positive with w = {s} at {j} mutants "
                f"(mutant {fm[j - 1]:.6g}, resident {fr[j - 1]:.6g}); allowed: payoffs > 1 - 1/w, i.e. a smaller w"
            )
        log_ratio = np.log(fr) - np.log(fm)
    partial = np.concatenate(([0.0], np.cumsum(log_ratio)))
    from scipy.special import logsumexp

    return float(np.exp(-logsumexp(partial)))


def finite_population_gradient(
    game: Game | SymmetricGame,
    population: int,
    *,
    selection: float,
    rule: str = "fermi",
    mutant: int | str = 0,
    resident: int | str = 1,
) -> np.ndarray:
    r"""The gradient of selection of a finite population, :math:`G(j) = T^+(j) - T^-(j)`.

    The expected change of the number ``j`` of mutants per update step
    (Pacheco et al. 2009): for the Fermi rule

    .. math:: G(j) = \frac{j}{Z}\frac{Z-j}{Z}\tanh\Bigl(\frac{\beta}{2}\bigl(\pi_M(j) - \pi_R(j)\bigr)\Bigr),

    for the Moran process
    :math:`G(j) = \frac{j (Z-j)}{Z} \frac{f_M - f_R}{j f_M + (Z-j) f_R}`.
    Its sign changes are the finite-population analogues of the roots of
    :func:`~solvers.dynamics.gradient.gradient_of_selection`.

    Parameters
    ----------
    game, population, selection, rule, mutant, resident
        As :func:`fixation_probability`.

    Returns
    -------
    numpy.ndarray
        ``G(j)`` for ``j = 0, ..., Z`` (zero at both ends).

    Raises
    ------
    As :func:`fixation_probability`.

    References
    ----------
    Pacheco, J. M., Santos, F. C., Souza, M. O. & Skyrms, B. (2009).
    Evolutionary dynamics of collective action in N-person stag hunt dilemmas.
    Proc. R. Soc. B 276, 315-321.

    Examples
    --------
    >>> from games import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> bool((finite_population_gradient(pd, 10, selection=1.0, mutant="C", resident="D")[1:-1] < 0).all())
    True
    """
    where = "finite_population_gradient"
    if rule not in RULES:
        raise UnknownNameError(f"{where}: " + suggest(str(rule), RULES, what="rule"))
    s = _float(selection, f"{where}: selection")
    z = _population_size(population, where)
    pm, pr = population_payoffs(game, z, mutant=mutant, resident=resident)
    j = np.arange(1, z, dtype=float)
    out = np.zeros(z + 1)
    if rule == "fermi":
        if s < 0:
            raise ParameterError(f"{where}: selection intensity beta = {s} (allowed: beta >= 0)")
        out[1:-1] = j * (z - j) / z**2 * np.tanh(s / 2 * (pm - pr))
    else:
        if not 0 <= s <= 1:
            raise ParameterError(f"{where}: Moran selection intensity w = {s} (allowed: 0 <= w <= 1)")
        fm, fr = 1 - s + s * pm, 1 - s + s * pr
        if (fm <= 0).any() or (fr <= 0).any():
            raise ParameterError(f"{where}: Moran fitness 1 - w + w*payoff is not positive with w = {s}; use a smaller w")
        out[1:-1] = j * (z - j) / z * (fm - fr) / (j * fm + (z - j) * fr)
    return out
