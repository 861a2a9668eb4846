"""equilibrium_conditions against textbook closed forms, brute force and nash_equilibria.

Every expected value is derived in this file (comments give the derivation),
never copied from the solver's output.
"""

from __future__ import annotations

import itertools
import warnings
import zlib
from fractions import Fraction

import numpy as np
import pytest
import sympy

import games
from games import Game, GameError, SizeLimitError, SymbolicError, SymmetricGame
from solvers import ConditionalEquilibrium, equilibrium_conditions, nash_equilibria
from solvers.conditions.symmetric import gain_function

R = sympy.Rational


def by_support(records, supports):
    found = [r for r in records if r.supports == supports and r.kind != "continuum"]
    assert len(found) == 1, [str(r) for r in records]
    return found[0]


# ---------------------------------------------------------------------------
# the symbolic 2 x 2 game
# ---------------------------------------------------------------------------

a, b, c, d, e, f, g, h = sympy.symbols("a b c d e f g h", real=True)
GENERIC = Game.from_bimatrix([[a, b], [c, d]], [[e, f], [g, h]])


def test_generic_2x2_mixed_equilibrium_is_the_textbook_formula():
    # Column mixes y on its first strategy to make the row player indifferent:
    # a y + b (1 - y) = c y + d (1 - y)  =>  y* = (d - b) / (a - b - c + d).
    # Row mixes x to make the column player indifferent:
    # e x + g (1 - x) = f x + h (1 - x)  =>  x* = (h - g) / (e - f - g + h).
    rec = by_support(equilibrium_conditions(GENERIC), ((0, 1), (0, 1)))
    assert rec.kind == "mixed"
    assert sympy.simplify(rec.profile[1][0] - (d - b) / (a - b - c + d)) == 0
    assert sympy.simplify(rec.profile[0][0] - (h - g) / (e - f - g + h)) == 0
    assert sympy.simplify(sum(rec.profile[0]) - 1) == 0 and sympy.simplify(sum(rec.profile[1]) - 1) == 0


def test_generic_2x2_conditions_agree_with_direct_checks_on_random_integer_games():
    # At integer points: (i, j) is a pure equilibrium iff both weak best-response
    # inequalities hold; the mixed one exists iff 0 < x*, y* < 1 (denominators
    # non-zero).  Checked directly from the payoffs here.
    rng = np.random.default_rng(5)
    records = equilibrium_conditions(GENERIC)
    pure = {r.supports: r for r in records if r.kind == "pure"}
    mixed = by_support(records, ((0, 1), (0, 1)))
    for _ in range(150):
        vals = dict(zip((a, b, c, d, e, f, g, h), (int(v) for v in rng.integers(-3, 4, 8))))
        A = [[vals[a], vals[b]], [vals[c], vals[d]]]
        B = [[vals[e], vals[f]], [vals[g], vals[h]]]
        for i, j in itertools.product(range(2), range(2)):
            expected = A[i][j] >= A[1 - i][j] and B[i][j] >= B[i][1 - j]
            assert pure[((i,), (j,))].holds_at(vals) == expected, (vals, i, j)
        den_y = vals[a] - vals[b] - vals[c] + vals[d]
        den_x = vals[e] - vals[f] - vals[g] + vals[h]
        if den_x == 0 or den_y == 0:
            expected = False
        else:
            y = Fraction(vals[d] - vals[b], den_y)
            x = Fraction(vals[h] - vals[g], den_x)
            expected = 0 < x < 1 and 0 < y < 1
        assert mixed.holds_at(vals) == expected, vals


def test_records_unpack_as_profile_condition_pairs():
    for profile, condition in equilibrium_conditions(GENERIC):
        assert len(profile) == 2
        assert isinstance(condition, sympy.logic.boolalg.Boolean)


# ---------------------------------------------------------------------------
# prisoner's dilemma, inspection game, hawk-dove
# ---------------------------------------------------------------------------

T, Rw, P, S = sympy.symbols("T R P S", real=True)
PD = Game.from_bimatrix([[Rw, S], [T, P]], strategies=(["C", "D"], ["C", "D"]))


@pytest.mark.parametrize(
    "values, equilibria",
    [
        ({"T": 5, "R": 3, "P": 1, "S": 0}, {"(D, D)"}),  # T > R > P > S: only mutual defection
        ({"T": 3, "R": 5, "P": 1, "S": 0}, {"(C, C)", "(D, D)"}),  # stag hunt ordering R > T > P > S
        ({"T": 5, "R": 3, "P": 0, "S": 1}, {"(C, D)", "(D, C)"}),  # chicken T > R > S > P (plus the mixed)
    ],
    ids=["prisoners-dilemma", "stag-hunt", "chicken"],
)
def test_prisoners_dilemma_family_pure_conditions(values, equilibria):
    # (C, C) iff R >= T; (D, D) iff P >= S; (C, D) and (D, C) iff S >= P and T >= R.
    recs = [r for r in equilibrium_conditions(PD) if r.kind == "pure"]
    assert {r.label for r in recs if r.holds_at(values)} == equilibria


def test_prisoners_dilemma_conditions_are_the_best_response_inequalities():
    recs = {r.label: r.condition for r in equilibrium_conditions(PD) if r.kind == "pure"}
    assert recs["(C, C)"] == sympy.Ge(Rw, T)
    assert recs["(D, D)"] == sympy.Ge(P, S)
    assert recs["(C, D)"] == sympy.And(sympy.Ge(S, P), sympy.Ge(T, Rw))


def test_inspection_game_mixed_equilibrium():
    # Worker (Shirk, Work) vs Boss (Inspect, Trust).  Wage w, effort cost g,
    # inspection cost i, output v.  Worker: shirk & inspected 0, shirk & trusted
    # w, work w - g.  Boss: -i if inspecting a shirker, -w if trusting one,
    # v - w - i / v - w with a worker who works.
    # Worker indifferent: (1 - p) w = w - g  =>  p(Inspect) = g / w.
    # Boss indifferent: -i = -w q  =>  q(Shirk) = i / w.
    w, gg, ii, v = sympy.symbols("w g i v", positive=True)
    worker = [[0, w], [w - gg, w - gg]]
    boss = [[-ii, -w], [v - w - ii, v - w]]
    game = Game.from_bimatrix(worker, boss, strategies=(["Shirk", "Work"], ["Inspect", "Trust"]))
    rec = by_support(equilibrium_conditions(game), ((0, 1), (0, 1)))
    assert sympy.simplify(rec.profile[0][0] - ii / w) == 0
    assert sympy.simplify(rec.profile[1][0] - gg / w) == 0
    # payoffs: the worker gets w - g (Work is a best response); the boss gets
    # her Trust payoff -w q + (v - w)(1 - q) = -i + (v - w)(1 - i/w) = v - w - v i / w
    assert sympy.simplify(rec.payoffs[0] - (w - gg)) == 0
    assert sympy.simplify(rec.payoffs[1] - (v - w - v * ii / w)) == 0
    # exists iff g < w and i < w
    assert rec.holds_at({"w": 10, "g": 2, "i": 3, "v": 20})
    assert not rec.holds_at({"w": 10, "g": 12, "i": 3, "v": 20})
    assert not rec.holds_at({"w": 10, "g": 2, "i": 11, "v": 20})


V, C = sympy.symbols("V C", positive=True)


def test_hawk_dove_hawk_share_is_v_over_c_as_bimatrix():
    # Hawk-Hawk (V - C)/2, Hawk-Dove V, Dove-Hawk 0, Dove-Dove V/2.
    # Indifference: x (V - C)/2 + (1 - x) V = (1 - x) V / 2  =>  x = V / C.
    hd = Game.from_bimatrix([[(V - C) / 2, V], [0, V / 2]], strategies=(["Hawk", "Dove"], ["Hawk", "Dove"]))
    rec = by_support(equilibrium_conditions(hd), ((0, 1), (0, 1)))
    assert sympy.simplify(rec.profile[0][0] - V / C) == 0
    assert sympy.simplify(rec.profile[1][0] - V / C) == 0
    assert rec.holds_at({"V": 2, "C": 5}) and not rec.holds_at({"V": 5, "C": 2})


def test_hawk_dove_hawk_share_as_symmetric_game():
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    hd = SymmetricGame(2, {"Hawk": k * (V - C) / 2 + (1 - k) * V, "Dove": (1 - k) * V / 2}, count=k)
    recs = equilibrium_conditions(hd)
    mixed = [r for r in recs if r.kind == "mixed"]
    assert len(mixed) == 1
    assert sympy.simplify(mixed[0].profile[0][0] - V / C) == 0
    assert mixed[0].holds_at({"V": 1, "C": 3}) and not mixed[0].holds_at({"V": 3, "C": 1})
    # all-Hawk is an equilibrium iff (V - C)/2 >= 0, i.e. V >= C
    all_hawk = [r for r in recs if r.kind == "pure" and r.supports == ((0,),)][0]
    assert all_hawk.holds_at({"V": 3, "C": 2}) and not all_hawk.holds_at({"V": 2, "C": 3})


# ---------------------------------------------------------------------------
# symmetric n-player games with symbolic n
# ---------------------------------------------------------------------------

def test_symmetric_gain_function_closed_form_matches_the_binomial_sum():
    # pi_1(k) - pi_2(k) = k^2 - 3k + 1.  For numeric n the gain function is the
    # binomial sum written out here; the closed form must agree with it.
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    n = sympy.Symbol("n", positive=True, integer=True)
    x = sympy.Symbol("x")
    game = SymmetricGame(n, {"A": k**2 - 2 * k + 1, "B": k}, count=k)
    G = gain_function(game, x)
    for nn in (2, 3, 6):
        direct = sum(sympy.binomial(nn - 1, j) * x**j * (1 - x) ** (nn - 1 - j) * (j**2 - 3 * j + 1)
                     for j in range(nn))
        assert sympy.expand(G.subs(n, nn) - direct) == 0


def test_symmetric_interior_equilibrium_with_symbolic_n():
    # pi_1(k) - pi_2(k) = k - 1: G(x) = (n - 1) x - 1, so x* = 1/(n - 1), an
    # equilibrium for n > 2.
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    n = sympy.Symbol("n", positive=True)
    game = SymmetricGame(n, {"A": 2 * k, "B": k + 1}, count=k, name="linear")
    recs = equilibrium_conditions(game)
    mixed = [r for r in recs if r.kind == "mixed"]
    assert len(mixed) == 1
    assert sympy.simplify(mixed[0].profile[0][0] - 1 / (n - 1)) == 0
    assert mixed[0].holds_at({"n": 5}) and not mixed[0].holds_at({"n": 2})
    # all-A: pi_1(n-1) >= pi_2(n-1) <=> 2(n-1) >= n <=> n >= 2; all-B: 1 >= 0 always
    pure = {r.supports: r for r in recs if r.kind == "pure"}
    assert pure[((0,),)].holds_at({"n": 3})
    assert pure[((1,),)].condition == sympy.true


def test_public_goods_game_continuum_when_r_equals_n():
    # Linear public goods: pi_C(k) = r c (k + 1)/n - c, pi_D(k) = r c k / n.
    # pi_C - pi_D = c (r/n - 1): all-D iff r <= n, all-C iff r >= n, and every
    # mixture is an equilibrium when r = n.
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    r, cc = sympy.symbols("r c", positive=True)
    game = SymmetricGame(4, {"C": r * cc * (k + 1) / 4 - cc, "D": r * cc * k / 4}, count=k)
    recs = equilibrium_conditions(game)
    pure = {x.supports: x for x in recs if x.kind == "pure"}
    assert pure[((1,),)].holds_at({"r": 3, "c": 1}) and not pure[((1,),)].holds_at({"r": 5, "c": 1})
    assert pure[((0,),)].holds_at({"r": 5, "c": 1}) and not pure[((0,),)].holds_at({"r": 3, "c": 1})
    cont = [x for x in recs if x.kind == "continuum"]
    assert len(cont) == 1
    assert cont[0].holds_at({"r": 4, "c": 1}) and not cont[0].holds_at({"r": 3, "c": 1})


def test_symbolic_n_with_step_payoffs_warns_and_keeps_pure_equilibria():
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    n, m = sympy.symbols("n m", positive=True)
    game = SymmetricGame(n, {"Volunteer": 1, "Ignore": sympy.Piecewise((2, k >= m), (0, True))}, count=k)
    with pytest.warns(RuntimeWarning, match="not derived"):
        recs = equilibrium_conditions(game)
    assert {r.kind for r in recs} == {"pure"}


# ---------------------------------------------------------------------------
# N players, degenerate games, errors, caching
# ---------------------------------------------------------------------------

def test_three_player_pure_equilibria_match_brute_force():
    # Each player gets t if all three choose the same, 1 if she is alone in
    # her choice, 0 otherwise.  Brute force in the test: profile p is an
    # equilibrium iff no player gains by switching.
    t = sympy.Symbol("t", real=True)

    def pay(prof, i):
        if len(set(prof)) == 1:
            return t
        return 1 if sum(1 for q in prof if q == prof[i]) == 1 else 0

    arrays = [[[[pay((x, y, z), i) for z in range(2)] for y in range(2)] for x in range(2)] for i in range(3)]
    game = Game.from_payoff_arrays(arrays)
    recs = equilibrium_conditions(game)
    for tv in (-1, 0, R(1, 2), 2):
        expected = set()
        for prof in itertools.product(range(2), repeat=3):
            ok = True
            for i in range(3):
                dev = list(prof)
                dev[i] = 1 - prof[i]
                if sympy.sympify(pay(tuple(dev), i)).subs(t, tv) > sympy.sympify(pay(prof, i)).subs(t, tv):
                    ok = False
            if ok:
                expected.add(prof)
        got = {tuple(s[0] for s in r.supports) for r in recs if r.holds_at({"t": tv})}
        assert got == expected, tv


def test_degenerate_all_ones_game_reports_continua():
    # Every profile of the all-ones game is an equilibrium: a 2-dimensional set.
    game = Game.from_bimatrix([[1, 1], [1, 1]], [[1, 1], [1, 1]])
    recs = equilibrium_conditions(game)
    assert sum(1 for r in recs if r.kind == "pure") == 4
    full = [r for r in recs if r.kind == "continuum" and r.supports == ((0, 1), (0, 1))]
    assert len(full) == 1 and len(full[0].free) == 2
    assert full[0].condition.xreplace(dict(zip(full[0].free, (R(1, 3), R(1, 2))))) == sympy.true


def test_degenerate_boundary_of_career_choice_is_a_continuum():
    # Where Alignment and Capabilities pay the same, every mixture of them is an
    # equilibrium: U_A = U_C at m = 440,000 / 16,250 (phd, alpha = 0).
    game = games.build("career_choice")
    recs = equilibrium_conditions(game)
    cont = [r for r in recs if r.kind == "continuum" and r.supports[0] == (0, 1)]
    assert len(cont) == 1
    values = games.essay.parameters("phd").set(researcher_vsl_multiplier=R(440_000, 16_250))
    assert cont[0].holds_at(values)
    assert not cont[0].holds_at(games.essay.parameters("phd"))


def test_bad_input_errors():
    with pytest.raises(GameError, match="expected a Game or SymmetricGame"):
        equilibrium_conditions([[1, 2], [3, 4]])
    big = Game.from_bimatrix(sympy.Matrix(4, 4, sympy.symbols("z0:16")))
    with pytest.raises(SizeLimitError, match="support pairs"):
        equilibrium_conditions(big)
    rec = equilibrium_conditions(PD)[0]
    with pytest.raises(SymbolicError, match="no value for"):
        rec.holds_at({"T": 1})


def test_repeated_calls_reuse_the_cached_records():
    first = equilibrium_conditions(GENERIC)
    second = equilibrium_conditions(Game.from_bimatrix([[a, b], [c, d]], [[e, f], [g, h]]))
    assert all(x is y for x, y in zip(first, second))
    second.append(None)  # the caller's list is a copy
    assert None not in equilibrium_conditions(GENERIC)


def test_records_print_their_label_and_condition():
    rec = [r for r in equilibrium_conditions(PD) if r.label == "(D, D)"][0]
    assert isinstance(rec, ConditionalEquilibrium)
    assert str(rec) == "(D, D): profile (0, 1); (0, 1) if P >= S"


# ---------------------------------------------------------------------------
# agreement with nash_equilibria at random parameter points
# ---------------------------------------------------------------------------

PARAMS = games.essay.parameters("phd")
# Random parameter points per library game, as the closed-form issue asks: 200 for each game
# (about 45 s for the 10 two-player games and 70 s for the 4 symmetric ones on 2 cores).
POINTS_PER_GAME = 200
POINTS_PER_SYMMETRIC_GAME = 200


def random_point(game, rng, *, n_max=6):
    """A random exact value per free parameter, drawn from its registry range."""
    point = {}
    for s in sorted(game.free_symbols, key=lambda s: s.name):
        p = PARAMS[s.name]
        lo = p.low if p.low is not None else 0
        hi = p.high if p.high is not None else 2 * p.value if p.value else 1
        if p.kind == "count":
            # small counts (at most n_max, or n_max above a count's lower bound such as a workforce of 1,000)
            first = max(2, int(lo))
            point[s.name] = int(rng.integers(first, max(first + 1, min(int(hi), max(n_max, first + n_max))) + 1))
        else:
            frac = Fraction(float(rng.uniform(float(lo), float(hi)))).limit_denominator(1000)
            point[s.name] = sympy.Rational(frac.numerator, frac.denominator)
    return point


def numeric_game(game, point):
    """The game at ``point``, substituted with xreplace (Game.subs is exact but slower)."""
    m = {s: sympy.sympify(point[s.name]) for s in game.free_symbols}
    arrays = tuple(
        sympy.ImmutableDenseNDimArray([arr[idx].xreplace(m) for idx in itertools.product(*map(range, game.shape))],
                                      game.shape)
        for arr in game.payoffs
    )
    return Game(players=game.players, strategies=game.strategies, payoffs=arrays, name=game.name)


def numeric_symmetric(game, point):
    """The symmetric game at ``point``, substituted with xreplace (faster than SymmetricGame.subs)."""
    m = {s: sympy.sympify(point[s.name]) for s in game.free_symbols}
    pays = {name: sympy.piecewise_fold(expr.xreplace(m)) for name, expr in game.payoffs}
    return SymmetricGame(game.n_players.xreplace(m), pays, count=game.count, name=game.name)


def two_player_games():
    out = []
    for name, builder in games.library(family="normal-form").items():
        game = builder()
        if isinstance(game, Game):
            out.append(pytest.param(game, id=name))
    return out


def symmetric_games():
    out = []
    for name, builder in games.library(family="normal-form").items():
        game = builder()
        if isinstance(game, SymmetricGame):
            out.append(pytest.param(game, id=name))
    return out


@pytest.mark.parametrize("game", two_player_games())
def test_conditions_agree_with_nash_equilibria_on_library_games(game):
    rng = np.random.default_rng(zlib.crc32(game.name.encode()))
    records = equilibrium_conditions(game)
    generic = [r for r in records if r.kind != "continuum"]
    for _ in range(POINTS_PER_GAME):
        point = random_point(game, rng)
        numeric = nash_equilibria(numeric_game(game, point))
        expected = {tuple(tuple(sympy.Rational(v) for v in vec) for vec in eq.profile) for eq in numeric}
        got = {r.at(point) for r in generic if r.holds_at(point)}
        assert got == expected, (game.name, point)
        assert not any(r.holds_at(point) for r in records if r.kind == "continuum"), (game.name, point)


@pytest.mark.parametrize("game", symmetric_games())
def test_symmetric_conditions_agree_with_nash_equilibria_of_the_expanded_game(game):
    # The symbolic-n conditions, evaluated at a small n, against the pure
    # equilibria of the expanded n-player game (all-first / all-second).
    rng = np.random.default_rng(zlib.crc32(game.name.encode()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        records = [r for r in equilibrium_conditions(game) if r.kind == "pure"]
    n_symbol = game.n_players
    for _ in range(POINTS_PER_SYMMETRIC_GAME):
        point = random_point(game, rng, n_max=4)
        nn = point[n_symbol.name]
        full = numeric_symmetric(game, point).to_game()
        numeric = nash_equilibria(full)
        expected = set()
        for eq in numeric:
            sup = eq.support
            if all(s == (0,) for s in sup):
                expected.add(0)
            elif all(s == (1,) for s in sup):
                expected.add(1)
        got = {r.supports[0][0] for r in records if r.holds_at(point)}
        assert got == expected, (game.name, point, nn)


def test_alignment_washing_mixed_equilibrium_derived_by_hand():
    # Researcher mixes Genuine / Washed, funder mixes Trust / Audit.
    # Funder indifferent, with x_W the probability of Washed:
    #   Trust: -H x_W;  Audit: -c - H (1 - d) x_W   =>   x_W = c / (d H).
    # Researcher indifferent, with a the probability of Audit and
    #   G = p delta m V (1 + alpha k) + w_A T + R_A + S (Genuine, audited or not),
    #   Washed = (1 - a)(w_C T + R_A + S) + a (w_C T - d L + (1 - d)(R_A + S))
    #          = w_C T + R_A + S - a d (L + R_A + S)
    #   =>  a = (w_C T - w_A T - p delta m V (1 + alpha k)) / (d (L + R_A + S)).
    game = games.build("alignment_washing")
    sym = {s.name: s for s in game.free_symbols}
    c, H, dd, L = sym["audit_cost"], sym["washing_harm"], sym["audit_detection"], sym["washing_penalty"]
    RA, SC, wA, wC, TT = (sym[n] for n in ("reputation_alignment", "social_capital", "salary_alignment",
                                           "salary_capabilities", "horizon_years"))
    value = (sym["p_pivotal"] * sym["doom_reduction"] * sym["researcher_vsl_multiplier"] * sym["vsl"]
             * (1 + sym["altruism_weight"] * sym["circle_size"]))
    rec = by_support(equilibrium_conditions(game), ((0, 1), (0, 1)))
    assert sympy.simplify(rec.profile[0][1] - c / (dd * H)) == 0
    assert sympy.simplify(rec.profile[1][1] - (wC * TT - wA * TT - value) / (dd * (L + RA + SC))) == 0
    # at the phd defaults (alpha = 0, m = 1): 440,000 - 16,250 = 423,750 of salary gap against
    # d (L + S) = 0.5 x 1,000,000: a = 0.8475, and x_W = 10,000 / 50,000 = 0.2 -- an equilibrium.
    ps = games.essay.parameters("phd")
    assert rec.at(ps)[1][1] == R(423_750, 500_000)
    assert rec.at(ps)[0][1] == R(1, 5)
    assert rec.holds_at(ps)


def test_conditions_are_reduced_under_the_parameter_kinds():
    # p_doom is a probability (registry kind), so p_doom >= 2 is impossible and
    # 2 >= p_doom always holds: only the second strategy is an equilibrium, always.
    p = games.essay.parameters()["p_doom"].symbol
    game = Game.from_bimatrix([[p], [2]], [[0], [0]], strategies=(["Risky", "Safe"], ["World"]))
    recs = [r for r in equilibrium_conditions(game) if r.kind == "pure"]
    assert [(r.label, r.condition) for r in recs] == [("(Safe, World)", sympy.true)]
    # the same game with a plain symbol (no registry kind) keeps both conditions
    q = sympy.Symbol("q", nonnegative=True)
    plain = Game.from_bimatrix([[q], [2]], [[0], [0]], strategies=(["Risky", "Safe"], ["World"]))
    assert len([r for r in equilibrium_conditions(plain) if r.kind == "pure"]) == 2



def test_a_cached_incomplete_derivation_warns_again():
    """The records are cached per game; the warning that they are incomplete comes with them every time."""
    from solvers.conditions.derive import equilibrium_conditions

    g = games.build("collective_action")
    for game in (g, g, games.build("collective_action")):  # cold or cached, same object, equal object
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            records = equilibrium_conditions(game)
        notes = [str(w.message) for w in caught if w.category is RuntimeWarning]
        assert len(notes) == 1 and "interior mixed equilibria not derived" in notes[0], notes
        assert [r.label for r in records] == ["(Alignment)", "(Capabilities)"]
