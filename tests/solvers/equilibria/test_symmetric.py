"""symmetric_equilibria: closed forms and 50-digit mpmath references, from n = 2 to n = 8e9."""

from __future__ import annotations

import warnings

import mpmath
import pytest
import sympy
from sympy import Rational as R

from games import Game, GameError, SymbolicError, SymmetricGame
from solvers import UnsupportedPayoffError, is_nash_equilibrium, nash_equilibria, symmetric_equilibria

k = sympy.Symbol("k", integer=True, nonnegative=True)


def volunteer(n, U=5, K=2):
    """Volunteer's dilemma: volunteering costs K; everyone gets U if at least one player volunteers."""
    return SymmetricGame(
        n, {"Volunteer": U - K, "Ignore": sympy.Piecewise((U, k >= 1), (0, True))}, count=k, name="volunteer"
    )


def rel_err(got, ref):
    with mpmath.workdps(50):
        g = mpmath.mpf(str(sympy.N(got, 45)))
        return float(abs(g - ref) / abs(ref))


@pytest.mark.parametrize("n", [2, 5, 1000, 8e9], ids=["n=2", "n=5", "n=1e3", "n=8e9"])
@pytest.mark.parametrize("U,K", [(5, 2), (100, 1)], ids=["U5K2", "U100K1"])
def test_volunteers_dilemma_closed_form(n, U, K):
    # Indifference: U - K = U * P(at least one of n-1 others volunteers) = U (1 - (1-p)^(n-1))
    # -> p* = 1 - (K/U)^(1/(n-1))  (Diekmann 1985).  Reference computed with 50 digits.
    eqs = symmetric_equilibria(volunteer(n, U, K))
    assert [e.kind for e in eqs] == ["mixed"]  # no pure symmetric equilibrium: d(0) = U-K > 0, d(n-1) = -K < 0
    e = eqs[0]
    with mpmath.workdps(50):
        ref = 1 - (mpmath.mpf(K) / U) ** (1 / (mpmath.mpf(int(n)) - 1))
    assert rel_err(e.p, ref) < 1e-9
    assert e.stable is True  # D(x) = U (1-x)^(n-1) - K decreases through the root
    # payoff at the equilibrium: a volunteer always gets U - K
    assert float(e.payoff) == pytest.approx(U - K, rel=1e-12)


def test_volunteers_dilemma_small_n_is_exact():
    e = symmetric_equilibria(volunteer(2, 5, 2))[0]
    assert e.exact and e.p == R(3, 5)  # 1 - 2/5
    e5 = symmetric_equilibria(volunteer(5, 16, 1))[0]
    # (1-p)^4 = 1/16 -> p = 1/2 exactly
    assert e5.exact and e5.p == R(1, 2) and e5.payoff == 15


def test_threshold_stag_hunt_exact_root():
    # Stag pays 4 only if both others hunt stag; hare pays 3.  D(x) = 4 x^2 - 3 -> x = sqrt(3)/2.
    g = SymmetricGame(3, {"Stag": sympy.Piecewise((4, k >= 2), (0, True)), "Hare": 3}, count=k)
    eqs = symmetric_equilibria(g)
    assert [e.kind for e in eqs] == ["pure", "mixed", "pure"]
    assert [e.p for e in eqs][0] == 1 and eqs[2].p == 0
    assert sympy.simplify(eqs[1].p - sympy.sqrt(3) / 2) == 0
    assert eqs[1].payoff == 3 and eqs[0].payoff == 4 and eqs[2].payoff == 3
    assert [e.stable for e in eqs] == [True, False, True]
    # independent check in the expanded 3-player game: the mixed profile leaves no regret
    full = g.to_game()
    p = float(eqs[1].p)
    assert is_nash_equilibrium(full, ((p, 1 - p),) * 3, tol=1e-12)
    assert not is_nash_equilibrium(full, ((0.8, 0.2),) * 3, tol=1e-6)


def test_symmetric_equilibria_agree_with_the_full_game_for_two_players():
    # Hawk-dove with V = 2, C = 4: Hawk: (V-C)/2 = -1 vs hawk, V = 2 vs dove; Dove: 0 vs hawk, 1 vs dove.
    # Symmetric equilibrium: p(Hawk) = V/C = 1/2.
    hd = SymmetricGame(2, {"Hawk": sympy.Piecewise((-1, k >= 1), (2, True)), "Dove": sympy.Piecewise((0, k >= 1), (1, True))}, count=k)
    sym = symmetric_equilibria(hd)
    assert [e.p for e in sym] == [R(1, 2)]
    full = nash_equilibria(hd.to_game())
    symmetric_in_full = [e.profile[0][0] for e in full if e.profile[0] == e.profile[1]]
    assert symmetric_in_full == [R(1, 2)]


def test_polynomial_payoffs_huge_n_exact():
    # pi_1(k) = k, pi_2 = N/2 with N = n - 1 = 8e9 - 1: D(x) = E[K] - N/2 = N x - N/2 -> x = 1/2 exactly.
    N = 8 * 10**9 - 1
    g = SymmetricGame(8e9, {"A": k, "B": R(N, 2)}, count=k)
    eqs = symmetric_equilibria(g)
    assert [(e.p, e.kind, e.stable) for e in eqs] == [(1, "pure", True), (R(1, 2), "mixed", False), (0, "pure", True)]
    assert eqs[1].exact and eqs[1].payoff == R(N, 2)
    # public goods: contributing costs c = 1 and adds b/n = 3/n to everyone: always defect.
    n = 8 * 10**9
    pg = SymmetricGame(n, {"Contribute": R(3, n) * (k + 1) - 1, "Defect": R(3, n) * k}, count=k)
    eqs = symmetric_equilibria(pg)
    assert [(e.p, e.kind) for e in eqs] == [(0, "pure")]


def test_quadratic_payoff_two_interior_roots():
    # d(k) = (k - 2)(k - 6) / 100 with N = 8 others: sign changes +, -, + -> at most 2 roots.
    # D(x) = E[(K-2)(K-6)]/100 with K ~ Bin(8, x): E[K^2] = 8x(1-x) + 64x^2, so
    # D = (56 x^2 + 8 x - 64 x + 12) / 100 = (56 x^2 - 56 x + 12) / 100 -> x = (14 +- sqrt(28)) / 28.
    g = SymmetricGame(9, {"A": (k - 2) * (k - 6) / 100, "B": 0}, count=k)
    mixed = [e for e in symmetric_equilibria(g) if e.kind == "mixed"]
    roots = sorted(float(e.p) for e in mixed)
    assert roots == pytest.approx([(14 - 28**0.5) / 28, (14 + 28**0.5) / 28], rel=1e-14)


def test_middle_threshold_huge_n_against_direct_reference():
    # "Cooperate pays 3 if at least M others cooperate, else -1; defect pays 2 if at least M+1 others
    # cooperate, else 0", n = 201, M = 100.  Reference: D(x) summed term by term with 40 digits.
    n, M = 201, 100
    g = SymmetricGame(
        n, {"C": sympy.Piecewise((3, k >= M), (-1, True)), "D": sympy.Piecewise((2, k >= M + 1), (0, True))}, count=k
    )
    eqs = symmetric_equilibria(g)
    mixed = [e for e in eqs if e.kind == "mixed"]
    assert len(mixed) == 1
    N = n - 1

    def D(x):
        total = mpmath.mpf(0)
        for kk in range(N + 1):
            d = (3 if kk >= M else -1) - (2 if kk >= M + 1 else 0)
            total += mpmath.binomial(N, kk) * x**kk * (1 - x) ** (N - kk) * d
        return total

    with mpmath.workdps(40):
        ref = mpmath.findroot(D, (mpmath.mpf("0.45"), mpmath.mpf("0.55")), solver="anderson")
    assert rel_err(mixed[0].p, ref) < 1e-9
    assert [e.p for e in eqs if e.kind == "pure"] == [1, 0]


def test_continuum_when_payoffs_equal():
    g = SymmetricGame(4, {"A": 2 * k, "B": 2 * k}, count=k)
    eqs = symmetric_equilibria(g)
    assert len(eqs) == 1 and eqs[0].kind == "continuum" and eqs[0].p == sympy.Interval(0, 1)
    assert "continuum" in str(eqs[0])


def test_pure_only_games_small_n():
    # Coordination with a dominant first strategy: A pays 2, B pays 1 -> only p = 1.
    eqs = symmetric_equilibria(SymmetricGame(6, {"A": 2, "B": 1}, count=k))
    assert [(e.p, e.kind, e.stable) for e in eqs] == [(1, "pure", True)]


def test_str_and_latex():
    e = symmetric_equilibria(volunteer(2, 5, 2))[0]
    assert str(e) == "p(Volunteer) = 3/5 (mixed, payoff 3, stable)"
    assert e._repr_latex_() == r"$p = \frac{3}{5},\ u = 3$"
    big = symmetric_equilibria(volunteer(8e9, 5, 2))[0]
    assert str(big).startswith("p(Volunteer) = 1.14536341492E-10 (mixed")


def test_errors():
    b = sympy.Symbol("b")
    with pytest.raises(SymbolicError, match="free symbols b"):
        symmetric_equilibria(SymmetricGame(3, {"A": b * k, "B": 1}, count=k))
    N = sympy.Symbol("N")
    with pytest.raises(SymbolicError, match="free symbols N"):
        symmetric_equilibria(SymmetricGame(N, {"A": k, "B": 1}, count=k))
    with pytest.raises(UnsupportedPayoffError, match="not a polynomial"):
        symmetric_equilibria(SymmetricGame(10**6, {"A": sympy.sqrt(k), "B": 1}, count=k))
    with pytest.raises(GameError, match="expected a games.SymmetricGame"):
        symmetric_equilibria(Game.from_bimatrix([[1]]))  # type: ignore[arg-type]
    with pytest.raises(GameError, match="dps"):
        symmetric_equilibria(volunteer(3), dps=5)


def test_small_n_non_polynomial_payoff_is_fine():
    # n = 3: d(k) = sqrt(k) - 1 takes the values -1, 0, sqrt(2) - 1 at k = 0, 1, 2: exact route.
    # D(x) = -(1-x)^2 + (sqrt(2) - 1) x^2 -> (1-x)/x = sqrt(sqrt(2) - 1) -> x = 1 / (1 + (sqrt(2)-1)^(1/2)).
    g = SymmetricGame(3, {"A": sympy.sqrt(k), "B": 1}, count=k)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        eqs = symmetric_equilibria(g)
    mixed = [e for e in eqs if e.kind == "mixed"]
    assert len(mixed) == 1
    assert float(mixed[0].p) == pytest.approx(1 / (1 + (2**0.5 - 1) ** 0.5), rel=1e-12)
