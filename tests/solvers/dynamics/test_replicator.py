"""Tests of solvers.dynamics.replicator and solvers.dynamics.gradient: fixed points, stability, trajectories, gradient of selection."""

from __future__ import annotations

import math

import nashpy
import numpy as np
import pytest
import sympy
from scipy.optimize import brentq
from scipy.stats import binom

from games import Game, GameError, ParameterError, SizeLimitError, SymbolicError, SymmetricGame
from solvers import gradient_of_selection, replicator_dynamics

# --------------------------------------------------------------------------
# independent numeric machinery
# --------------------------------------------------------------------------


def field_one(A, x):
    x = np.asarray(x, float)
    f = A @ x
    return x * (f - x @ f)


def field_two(A, B, x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    fa, fb = A @ y, B.T @ x
    return np.concatenate([x * (fa - x @ fa), y * (fb - y @ fb)])


def numeric_jacobian_one(A, x, h=1e-6):
    """Central differences of the reduced field (last share = 1 - others)."""
    m = len(x)

    def reduced(z):
        full = np.append(z, 1 - z.sum())
        return field_one(A, full)[:-1]

    z0 = np.asarray(x[:-1], float)
    J = np.zeros((m - 1, m - 1))
    for k in range(m - 1):
        e = np.zeros(m - 1)
        e[k] = h
        J[:, k] = (reduced(z0 + e) - reduced(z0 - e)) / (2 * h)
    return J


def as_float(vec):
    return np.array([float(v) for v in vec])


def sym(A, names=None):
    k = len(A)
    names = names or [f"s{i + 1}" for i in range(k)]
    return Game.from_bimatrix(A, strategies=(names, names))


# --------------------------------------------------------------------------
# one population
# --------------------------------------------------------------------------


@pytest.mark.parametrize("abcd", [(4, 0, 3, 3), (5, 0, 4, 2), (2, -1, 1, 1), (10, 1, 2, 5)], ids=str)
def test_stag_hunt_interior_unstable_pure_stable(abcd):
    a, b, c, d = abcd  # stag hunt: a > c and d > b
    rd = replicator_dynamics(sym([[a, b], [c, d]]))
    pts = {fp.point[0]: fp for fp in rd.fixed_points}
    star = sympy.Rational(d - b, a - b - c + d)
    assert set(pts) == {(1, 0), (0, 1), (star, 1 - star)}
    assert pts[(star, 1 - star)].stability == "unstable"
    assert pts[(1, 0)].stability == "stable"
    assert pts[(0, 1)].stability == "stable"
    # eigenvalue at x*: x*(1 - x*)(a - b - c + d), by differentiating x(1-x)((b-d) + (a-b-c+d)x)
    assert pts[(star, 1 - star)].eigenvalues == (star * (1 - star) * (a - b - c + d),)


def test_symbolic_two_by_two_closed_forms():
    a, b, c, d = sympy.symbols("a b c d", real=True)
    rd = replicator_dynamics(sym([[a, b], [c, d]]))
    x1 = rd.coordinates[0]
    hand = x1 * (1 - x1) * ((a * x1 + b * (1 - x1)) - (c * x1 + d * (1 - x1)))
    assert sympy.expand(rd.field[0] - hand) == 0
    interior = [fp for fp in rd.fixed_points if fp.support == ((0, 1),)]
    assert len(interior) == 1
    assert sympy.simplify(interior[0].point[0][0] - (d - b) / (a - b - c + d)) == 0
    stag = {a: 4, b: 0, c: 3, d: 3}
    assert interior[0].condition.subs(stag) is sympy.true
    # the symbolic stability condition, evaluated for the stag hunt: interior unstable, pure stable
    assert interior[0].stable_condition.subs(stag) is sympy.false
    pure_a = next(fp for fp in rd.fixed_points if fp.support == ((0,),))
    assert sympy.simplify(pure_a.eigenvalues[0] - (c - a)) == 0
    assert pure_a.stable_condition.subs(stag) is sympy.true
    assert pure_a.stability == "undetermined"


def test_prisoners_dilemma_and_hawk_dove():
    pd = replicator_dynamics(sym([[3, 0], [5, 1]], ["C", "D"]))
    # x* = (d - b)/(a - b - c + d) = -1 is outside the simplex: only the vertices
    assert [(fp.point[0], fp.stability) for fp in pd.fixed_points] == [((1, 0), "unstable"), ((0, 1), "stable")]
    # hawk-dove V = 2, C = 4: a = (V - C)/2 = -1, b = V, c = 0, d = V/2: x* = 1/2 stable
    hd = replicator_dynamics(sym([[-1, 2], [0, 1]], ["H", "D"]))
    assert [(fp.point[0], fp.stability) for fp in hd.fixed_points] == [
        ((1, 0), "unstable"), ((0, 1), "unstable"), ((sympy.Rational(1, 2), sympy.Rational(1, 2)), "stable")
    ]


def test_rock_paper_scissors_center_eigenvalues_match_finite_differences():
    A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    rd = replicator_dynamics(sym(A.tolist()))
    center = next(fp for fp in rd.fixed_points if len(fp.support[0]) == 3)
    assert center.point[0] == (sympy.Rational(1, 3),) * 3
    assert center.stability == "non-hyperbolic"
    expected = np.sort_complex(np.linalg.eigvals(numeric_jacobian_one(A, np.full(3, 1 / 3))))
    got = np.sort_complex(np.array([complex(ev) for ev in center.eigenvalues]))
    np.testing.assert_allclose(got, expected, atol=1e-6)
    # the edges of the simplex hold no other rest points: 3 vertices + center
    assert len(rd.fixed_points) == 4


@pytest.mark.parametrize("seed", range(15))
def test_random_symmetric_games_fixed_points_and_stability(seed):
    rng = np.random.default_rng(seed)
    A = np.round(rng.uniform(-2, 2, size=(3, 3)), 3)
    rd = replicator_dynamics(sym(A.tolist()))
    pts = [as_float(fp.point[0]) for fp in rd.fixed_points]
    for fp, p in zip(rd.fixed_points, pts):
        assert abs(p.sum() - 1) < 1e-12 and (p >= -1e-12).all()
        np.testing.assert_allclose(field_one(A, p), 0, atol=1e-9)
        evs = np.linalg.eigvals(numeric_jacobian_one(A, p))
        if (evs.real > 1e-5).any():
            assert fp.stability == "unstable"
        elif (evs.real < -1e-5).all():
            assert fp.stability == "stable"
    # completeness: every symmetric Nash equilibrium (nashpy) is among the fixed points
    for sr, sc in nashpy.Game(A, A.T).support_enumeration():
        if np.allclose(sr, sc):
            assert any(np.allclose(sr, p, atol=1e-9) for p in pts)
    # and every vertex is a fixed point
    assert sum(1 for fp in rd.fixed_points if len(fp.support[0]) == 1) == 3


def test_trajectories_stag_hunt_basins():
    rd = replicator_dynamics(sym([[4, 0], [3, 3]]))  # x* = 3/4
    t = np.linspace(0, 60, 400)
    up = rd.trajectory([0.8, 0.2], t)
    down = rd.trajectory([0.7, 0.3], t)
    assert up.shape == (400, 2)
    assert up[-1, 0] == pytest.approx(1.0, abs=1e-4)
    assert down[-1, 0] == pytest.approx(0.0, abs=1e-4)


# --------------------------------------------------------------------------
# two populations
# --------------------------------------------------------------------------


def test_matching_pennies_two_populations():
    mp = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    rd = replicator_dynamics(mp)
    assert rd.populations == 2
    half = sympy.Rational(1, 2)
    center = next(fp for fp in rd.fixed_points if fp.support == ((0, 1), (0, 1)))
    assert center.point == ((half, half), (half, half))
    assert center.stability == "non-hyperbolic"
    # hand: x' = x(1-x)(4y-2), y' = y(1-y)(2-4x), so J = [[0, 1], [-1, 0]] at the center: +-i
    assert sorted(complex(e).imag for e in center.eigenvalues) == pytest.approx([-1, 1])
    assert all(fp.stability == "unstable" for fp in rd.fixed_points if fp is not center)
    # zero-sum with interior equilibrium: H = -sum log x_i - sum log y_j / 2 is a constant of motion
    xs, ys = rd.trajectory(([0.3, 0.7], [0.6, 0.4]), np.linspace(0, 20, 2000))
    H = -0.5 * (np.log(xs).sum(axis=1) + np.log(ys).sum(axis=1))
    assert np.ptp(H) < 1e-4
    assert np.ptp(xs[:, 0]) > 0.3  # and it cycles rather than converging


@pytest.mark.parametrize("seed", range(10))
def test_two_population_strict_equilibria_are_the_stable_vertices(seed):
    # Ritzberger & Weibull (1995): a pure profile is asymptotically stable under the
    # two-population replicator dynamics iff it is a strict Nash equilibrium
    rng = np.random.default_rng(100 + seed)
    A = rng.integers(-4, 5, size=(3, 2)).astype(float)
    B = rng.integers(-4, 5, size=(3, 2)).astype(float)
    rd = replicator_dynamics(Game.from_bimatrix(A.tolist(), B.tolist()))
    strict = {
        (i, j) for i in range(3) for j in range(2)
        if all(A[i, j] > A[k, j] for k in range(3) if k != i) and all(B[i, j] > B[i, k] for k in range(2) if k != j)
    }
    stable_vertices = {
        (fp.support[0][0], fp.support[1][0]) for fp in rd.fixed_points
        if len(fp.support[0]) == 1 and len(fp.support[1]) == 1 and fp.stability == "stable"
    }
    assert stable_vertices == strict
    for fp in rd.fixed_points:
        if fp.is_continuum:
            continue
        x, y = as_float(fp.point[0]), as_float(fp.point[1])
        np.testing.assert_allclose(field_two(A, B, x, y), 0, atol=1e-9)


def test_mixed_points_of_two_population_dynamics_are_never_stable():
    # Hofbauer & Sigmund (1998, sec. 10.5): the bimatrix replicator dynamics preserve volume on every
    # face, so no fixed point outside the vertices is asymptotically stable; here a point on
    # the face x3 = 0 has eigenvalues -76250 and +-22737i (the 3 x 2 game once in the library)
    A = [[691250, 691250], [1115000, 615000], [615000, 615000]]
    B = [[0, -10000], [-100000, -60000], [0, -10000]]
    rd = replicator_dynamics(Game.from_bimatrix(A, B))
    mixed = [fp for fp in rd.fixed_points if sum(len(s) for s in fp.support) > 2]
    assert mixed
    assert all(fp.stability != "stable" for fp in mixed)
    face = next(fp for fp in mixed if fp.point == ((sympy.Rational(4, 5), sympy.Rational(1, 5), 0),
                                                   (sympy.Rational(61, 400), sympy.Rational(339, 400))))
    assert face.stability == "non-hyperbolic"


def test_piecewise_payoffs_solved_through_placeholders():
    a, b = sympy.symbols("a b", real=True)
    clamp = sympy.Piecewise((0, a < 0), (a, True))  # max(a, 0)
    g = sym([[clamp + 2, b], [1, 2]])
    rd = replicator_dynamics(g)
    interior = next(fp for fp in rd.fixed_points if fp.support == ((0, 1),))
    # x* = (d - b)/(a' - b - c + d) with a' = max(a, 0) + 2, c = 1, d = 2
    for av, bv in ((3, 0), (-1, 1), (0.5, -2)):
        hand = (2 - bv) / ((max(av, 0) + 2) - bv - 1 + 2)
        assert float(interior.point[0][0].subs({a: av, b: bv})) == pytest.approx(hand, rel=1e-12)


def test_two_population_contains_every_nash_equilibrium():
    rng = np.random.default_rng(7)
    A = np.round(rng.uniform(-1, 1, size=(3, 3)), 4)
    B = np.round(rng.uniform(-1, 1, size=(3, 3)), 4)
    rd = replicator_dynamics(Game.from_bimatrix(A.tolist(), B.tolist()))
    pts = [(as_float(fp.point[0]), as_float(fp.point[1])) for fp in rd.fixed_points]
    eqs = list(nashpy.Game(A, B).support_enumeration())
    assert eqs
    for sr, sc in eqs:
        assert any(np.allclose(sr, x, atol=1e-9) and np.allclose(sc, y, atol=1e-9) for x, y in pts)


def test_symmetric_game_as_two_populations():
    rd = replicator_dynamics(sym([[4, 0], [3, 3]]), populations=2)
    # (Stag, Stag) and (Hare, Hare) strict: stable; the mixed point is a saddle
    by_support = {fp.support: fp.stability for fp in rd.fixed_points}
    assert by_support[((0,), (0,))] == "stable"
    assert by_support[((1,), (1,))] == "stable"
    assert by_support[((0, 1), (0, 1))] == "unstable"


# --------------------------------------------------------------------------
# gradient of selection
# --------------------------------------------------------------------------


_TABLES: dict[SymmetricGame, np.ndarray] = {}


def brute_difference(game: SymmetricGame, x: float) -> float:
    """pi_1(x) - pi_2(x) as the binomial sum over the co-players, evaluated numerically."""
    n = int(game.n_players)
    key = game
    if key not in _TABLES:
        _TABLES[key] = np.array([[float(game.payoff(s, k)) for k in range(n)] for s in range(2)])
    table = _TABLES[key]
    w = binom.pmf(np.arange(n), n - 1, x)
    return float(w @ table[0] - w @ table[1])


def stag_hunt_n(n: int, m: int, f: float) -> SymmetricGame:
    # Pacheco et al. (2009) N-person stag hunt: cost 1, benefit f * (#cooperators)/n if at least m cooperate
    k = sympy.Symbol("k")
    F = sympy.nsimplify(f)
    c_pay = sympy.Piecewise((F * (k + 1) / n, k + 1 >= m), (0, True)) - 1
    d_pay = sympy.Piecewise((F * k / n, k >= m), (0, True))
    return SymmetricGame(n, {"C": c_pay, "D": d_pay}, count=k)


@pytest.mark.parametrize("n,m,f", [(5, 3, 4.5), (6, 4, 5.5), (8, 3, 7.0), (5, 3, 2.0)])
def test_nperson_stag_hunt_roots_against_bisection(n, m, f):
    game = stag_hunt_n(n, m, f)
    gos = gradient_of_selection(game)
    grid = np.linspace(1e-9, 1 - 1e-9, 4001)
    vals = np.array([brute_difference(game, x) for x in grid])
    expected = [brentq(lambda x: brute_difference(game, x), grid[i], grid[i + 1])
                for i in range(len(grid) - 1) if np.sign(vals[i]) != np.sign(vals[i + 1])]
    got = [float(r.value) for r in gos.roots]
    assert got[0] == 0.0 and got[-1] == 1.0
    np.testing.assert_allclose(got[1:-1], expected, atol=1e-8)
    # stability from the sign of the brute-force difference either side
    for r in gos.roots[1:-1]:
        v = float(r.value)
        left, right = brute_difference(game, v - 1e-5), brute_difference(game, v + 1e-5)
        assert r.stability == ("stable" if left > 0 > right else "unstable")
    # D(0) = -1 (a lone cooperator cannot reach the threshold m >= 2): full defection is stable
    assert gos.roots[0].stability == "stable"
    # the polynomial agrees with the binomial sum everywhere
    for x in (0.1, 0.37, 0.9):
        assert float(gos.difference.subs(gos.x, x)) == pytest.approx(brute_difference(game, x), abs=1e-10)


def test_no_interior_root_when_cooperation_never_pays():
    gos = gradient_of_selection(stag_hunt_n(5, 3, 2.0))
    assert [r.value for r in gos.roots] == [0, 1]
    assert [r.stability for r in gos.roots] == ["stable", "unstable"]


def test_public_goods_symbolic_group_size():
    k = sympy.Symbol("k")
    n, r = sympy.symbols("n r", positive=True)
    pgg = SymmetricGame(n, {"C": r * (k + 1) / n - 1, "D": r * k / n}, count=k)
    gos = gradient_of_selection(pgg)
    # hand: a contributor's own share r/n minus her cost 1, whatever x
    assert sympy.simplify(gos.difference - (r / n - 1)) == 0
    assert [root.value for root in gos.roots] == [0, 1]
    assert gos.roots[0].stable_condition.subs({r: 3, n: 5}) is sympy.true


def test_quadratic_payoff_with_huge_and_symbolic_n():
    # E[k^2] for k ~ Bin(n-1, x) is (n-1) x (1-x) + (n-1)^2 x^2 (variance + squared mean)
    k, N = sympy.Symbol("k"), sympy.Symbol("N", positive=True, integer=True)
    x = sympy.Symbol("x")
    g = SymmetricGame(N, {"A": k**2, "B": 0}, count=k)
    gos = gradient_of_selection(g, x=x)
    assert sympy.expand(gos.payoffs[0] - ((N - 1) * x * (1 - x) + (N - 1) ** 2 * x**2)) == 0
    big = SymmetricGame(8e9, {"A": k / sympy.Integer(8 * 10**9 - 1) - sympy.Rational(1, 3), "B": 0}, count=k)
    gos_big = gradient_of_selection(big, x=x)
    assert [r.value for r in gos_big.roots] == [0, sympy.Rational(1, 3), 1]
    assert [r.stability for r in gos_big.roots] == ["stable", "unstable", "stable"]


def test_symbolic_root_with_piecewise_coefficient():
    # D(x) = max(r, 0) (N - 1) x - c for payoffs max(r, 0) k - c and 0: root c / ((N - 1) max(r, 0))
    k = sympy.Symbol("k")
    N, r, c = sympy.symbols("N r c", positive=True)
    rho = sympy.Piecewise((r, r > 1), (1, True))
    gos = gradient_of_selection(SymmetricGame(N, {"A": rho * k - c, "B": 0}, count=k))
    assert len(gos.roots) == 3
    root = gos.roots[1]
    for vals in ({N: 10, r: 3, c: 2}, {N: 4, r: sympy.Rational(1, 2), c: 1}):
        hand = sympy.Rational(vals[c]) / ((vals[N] - 1) * sympy.Max(vals[r], 1))
        assert root.value.subs(vals) == hand
        assert root.stable_condition.subs(vals) is sympy.false  # D increasing: unstable
        assert root.condition.subs(vals) is sympy.true


def test_double_root_is_semi_stable():
    # D(x) = (x - 1/2)^2 written in the Bernstein basis of degree 2: coefficients 1/4, -1/4, 1/4
    k = sympy.Symbol("k")
    q = sympy.Rational(1, 4)
    g = SymmetricGame(3, {"A": sympy.Piecewise((q, sympy.Eq(k, 0)), (-q, sympy.Eq(k, 1)), (q, True)), "B": 0}, count=k)
    gos = gradient_of_selection(g)
    assert sympy.expand(gos.difference - (gos.x - sympy.Rational(1, 2)) ** 2) == 0
    assert [(r.value, r.stability) for r in gos.roots] == [
        (0, "unstable"), (sympy.Rational(1, 2), "semi-stable"), (1, "stable")
    ]


def test_two_player_game_gradient_matches_replicator():
    g = sym([[4, 0], [3, 3]])
    gos = gradient_of_selection(g)
    rd = replicator_dynamics(g)
    assert sympy.expand(gos.gradient.subs(gos.x, rd.coordinates[0]) - rd.field[0]) == 0
    assert [(r.value, r.stability) for r in gos.roots] == [(0, "stable"), (sympy.Rational(3, 4), "unstable"), (1, "stable")]
    assert float(gos(0.5)) == pytest.approx(0.5 * 0.5 * ((4 * 0.5 + 0 * 0.5) - (3 * 0.5 + 3 * 0.5)), abs=1e-15)


def test_neutral_game_gradient():
    gos = gradient_of_selection(sym([[1, 1], [1, 1]]))
    assert gos.difference == 0
    assert {r.stability for r in gos.roots} == {"neutral"}


# --------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------


def test_errors():
    three = Game.from_payoff_arrays([np.zeros((2, 2, 2)).tolist()] * 3)
    with pytest.raises(GameError, match="3-player"):
        replicator_dynamics(three)
    k = sympy.Symbol("k")
    with pytest.raises(GameError, match="gradient_of_selection"):
        replicator_dynamics(SymmetricGame(3, {"A": k, "B": 1}, count=k))  # type: ignore[arg-type]
    asym = Game.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    with pytest.raises(GameError, match="populations=1 needs a symmetric game"):
        replicator_dynamics(asym, populations=1)
    with pytest.raises(GameError, match=r"populations=3 \(allowed: 'auto', 1, 2\)"):
        replicator_dynamics(asym, populations=3)
    rd = replicator_dynamics(sym([[4, 0], [3, 3]]))
    with pytest.raises(ParameterError, match="not a probability vector"):
        rd.trajectory([0.5, 0.6])
    with pytest.raises(ParameterError, match=r"shape \(3,\); expected \(2,\)"):
        rd.trajectory([0.2, 0.2, 0.6])
    x = sympy.Symbol("x_param")
    with pytest.raises(SymbolicError, match="x_param"):
        replicator_dynamics(sym([[x, 0], [1, 1]])).trajectory()
    N = sympy.Symbol("N")
    thresh = SymmetricGame(N, {"A": sympy.Piecewise((1, k >= 2), (0, True)), "B": 0}, count=k)
    with pytest.raises(SymbolicError, match="numeric number of players"):
        gradient_of_selection(thresh)
    with pytest.raises(SizeLimitError, match="at most 400"):
        gradient_of_selection(thresh.subs({"N": 1000}))
    with pytest.raises(GameError, match="symmetric two-player game with two strategies"):
        gradient_of_selection(sym([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
    assert math.isfinite(float(rd.fixed_points[-1].eigenvalues[0]))


def _library(kind):
    import games

    params = games.essay.parameters()
    out = []
    for name in sorted(games.library(family="normal-form")):
        g = games.build(name).subs(params)
        if kind == "game" and isinstance(g, Game) and g.n_players == 2 and min(g.shape) >= 2:
            out.append(pytest.param(g, id=name))
        if kind == "symmetric" and isinstance(g, SymmetricGame):
            out.append(pytest.param(g, id=name))
    return out


@pytest.mark.parametrize("game", _library("game"))
def test_library_two_player_games_fixed_points(game):
    A, B = game.numeric_arrays()
    rd = replicator_dynamics(game)
    scale = max(1.0, abs(A).max(), abs(B).max())
    for fp in rd.fixed_points:
        if fp.is_continuum:
            continue
        x = as_float(fp.point[0])
        res = field_one(A, x) if rd.populations == 1 else field_two(A, B, x, as_float(fp.point[1]))
        np.testing.assert_allclose(res / scale, 0, atol=1e-12)
        if len(fp.support[0]) == 1 and rd.populations == 1:
            # vertex e_i: eigenvalues A[j, i] - A[i, i]; stable iff strict symmetric equilibrium
            i = fp.support[0][0]
            strict = all(A[i, i] > A[j, i] for j in range(len(A)) if j != i)
            assert (fp.stability == "stable") == strict


@pytest.mark.parametrize("game", _library("symmetric"))
def test_library_symmetric_games_gradient_roots(game):
    gos = gradient_of_selection(game)
    n = int(game.n_players)
    scale = max(1.0, max(abs(float(game.payoff(s, k))) for s in range(2) for k in range(n)))
    for root in gos.roots[1:-1]:
        assert abs(brute_difference(game, float(root.value))) / scale < 1e-9
    # between consecutive roots the brute-force difference keeps one sign (no root missed)
    cuts = [float(r.value) for r in gos.roots]
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        xs = np.linspace(lo, hi, 52)[1:-1]
        vals = np.array([brute_difference(game, x) for x in xs]) / scale
        assert (vals > -1e-12).all() or (vals < 1e-12).all()
