"""solvers.sweeps.program: closed forms compiled to numpy programs, against sympy.lambdify and by hand."""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest
import sympy

import games
from solvers import ProgramError
from solvers.sweeps.program import NumericProgram, compile_program
from solvers.sweeps.template import _conditions_model, default_parameters, game_parameters, gap_expr

x, y, z = sympy.symbols("x y z", real=True)


def _library_exprs(name):
    g = games.build(name)
    ps = default_parameters()
    symbols = tuple(game_parameters(g, ps, name).values())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        from solvers.conditions.derive import equilibrium_conditions

        records = equilibrium_conditions(g)
    exprs = [r.parameter_condition if r.kind == "continuum" else r.condition for r in records]
    return ps, symbols, [*exprs, gap_expr(g)]


def _points(ps, symbols, n, rng):
    """Random points over each parameter's range, with every 5th point at the essay's values (ties)."""
    cols = []
    for s in symbols:
        p = ps[s.name]
        lo = float(p.low if p.low is not None else 0)
        hi = float(p.high if p.high is not None else 2 * p.value + 1)
        v = rng.uniform(lo, hi, n)
        v[::5] = float(p.value)
        cols.append(v)
    return cols


@pytest.mark.parametrize("name", sorted(games.library(family="normal-form")))
def test_every_library_program_agrees_with_lambdify(name):
    """Each equilibrium condition and the gap, on 20,000 points: booleans identical, numbers to rounding."""
    ps, symbols, exprs = _library_exprs(name)
    program = compile_program(symbols, exprs)
    reference = sympy.lambdify(symbols, exprs, modules="numpy")
    args = _points(ps, symbols, 20_000, np.random.default_rng(7))
    with np.errstate(all="ignore"):
        want = reference(*args)
        got = program(*args)
    assert len(got) == len(exprs)
    for k, (w, g) in enumerate(zip(want, got, strict=True)):
        w = np.broadcast_to(np.asarray(w), (20_000,))
        g = np.broadcast_to(np.asarray(g), (20_000,))
        if w.dtype == bool:
            assert g.dtype == bool, k
            assert np.array_equal(w, g), (name, k, exprs[k])
        else:
            # the gap subtracts terms of order 1e12 from each other: compare on the scale of the terms
            scale = np.nanmax(np.abs(w[np.isfinite(w)]), initial=1.0)
            np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-9 * scale, equal_nan=True)


@pytest.mark.parametrize("name", sorted(games.library(family="normal-form")))
def test_every_library_program_survives_json(name):
    """The sweep model (both programs and the continuum layouts) round-trips through JSON."""
    ps, symbols, _ = _library_exprs(name)
    g = games.build(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        model = _conditions_model(g, symbols, (gap_expr(g),))
    text = json.dumps(model.to_dict())
    from solvers.sweeps.model import SweepModel

    back = SweepModel.from_dict(json.loads(text))
    assert json.dumps(back.to_dict()) == text
    args = _points(ps, symbols, 1000, np.random.default_rng(1))
    with np.errstate(all="ignore"):
        for a, b in zip(model.everything(*args), back.everything(*args), strict=True):
            np.testing.assert_array_equal(a, b)


def test_hand_values_arithmetic_and_relations():
    exprs = [x / y - 3 * z, sympy.sqrt(x) + x**2 - 1 / x, sympy.Max(x, y, z), sympy.Abs(z - x),
             sympy.exp(sympy.log(y)), x**3, sympy.Rational(1, 3) * y, -x - y]
    p = compile_program((x, y, z), exprs)
    got = [float(v) for v in p(4.0, 2.0, 5.0)]
    assert got == [4 / 2 - 15, 2 + 16 - 0.25, 5.0, 1.0, pytest.approx(2.0, rel=1e-15), 64.0, 2 / 3, -6.0]


def test_numbers_and_functions_a_quantity_may_use():
    """Constants (pi, E, sqrt(2)) and the functions of the whitelist, by hand at x = 7.5, y = -1."""
    exprs = [sympy.pi * x, sympy.E * y, sympy.sqrt(2) * x, sympy.floor(x), sympy.ceiling(x), sympy.sign(y),
             sympy.Mod(x, 2), sympy.Mod(y, 3), sympy.Heaviside(y), sympy.Heaviside(x - 7.5),
             sympy.Heaviside(x - 7.5, 1), sympy.tanh(y), sympy.atan(x), sympy.cos(sympy.pi * x)]
    got = [float(v) for v in compile_program((x, y), exprs)(7.5, -1.0)]
    want = [math.pi * 7.5, -math.e, math.sqrt(2) * 7.5, 7.0, 8.0, -1.0, 1.5, 2.0, 0.0, 0.5, 1.0,
            math.tanh(-1.0), math.atan(7.5), math.cos(math.pi * 7.5)]
    assert got == pytest.approx(want, rel=1e-15, abs=1e-15)


def test_relations_piecewise_and_nan_semantics():
    pw = sympy.Piecewise((x, x > 1), (y, y > 1))  # no default branch: NaN where neither holds
    p = compile_program((x, y), [pw, sympy.Ge(x, y), sympy.Eq(x, y), sympy.Ne(x, y),
                                 sympy.And(x > 0, y > 0), sympy.Or(x > 0, y > 0), sympy.Not(x > 0)])
    xs = np.array([2.0, 0.0, 0.0, np.nan])
    ys = np.array([5.0, 3.0, 0.0, 1.0])
    out = p(xs, ys)
    np.testing.assert_array_equal(out[0][:2], [2.0, 3.0])
    assert math.isnan(out[0][2]) and math.isnan(out[0][3])
    assert out[1].tolist() == [False, False, True, False]  # a relation with NaN is false, as in numpy
    assert out[2].tolist() == [False, False, True, False]
    assert out[3].tolist() == [True, True, False, True]
    assert out[4].tolist() == [True, False, False, False]
    assert out[5].tolist() == [True, True, False, True]
    assert out[6].tolist() == [False, True, True, False]  # sympy writes Not(x > 0) as x <= 0
    assert compile_program((x, y), [sympy.Not(sympy.And(x > 0, y > 0))])(xs, ys)[0].tolist() == [
        False, True, True, True]


def test_common_subexpressions_are_computed_once():
    shared = x * y + z
    p = compile_program((x, y, z), [shared > 0, shared**2, shared])
    assert [name for name, _ in p.ops].count("mul") == 2  # x*y once, and the square
    assert [name for name, _ in p.ops].count("add") == 1


def test_an_output_reused_by_a_later_operation_is_not_released():
    p = compile_program((x, y), [x + y, (x + y) * 2])
    a, b = p(np.array([1.0, 2.0]), np.array([3.0, 4.0]))
    assert a.tolist() == [4.0, 6.0] and b.tolist() == [8.0, 12.0]


def test_compile_errors_name_the_problem():
    with pytest.raises(ProgramError, match="symbol 'z' is not among the inputs"):
        compile_program((x, y), [x + z])
    with pytest.raises(ProgramError, match="cannot compile gamma"):
        compile_program((x,), [sympy.gamma(x)])
    with pytest.raises(ProgramError, match="I is not a real number"):
        compile_program((x,), [x + sympy.I])
    p = compile_program((x,), [x])
    with pytest.raises(ProgramError, match="2 arguments given .allowed: exactly 1"):
        p(1.0, 2.0)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format=99), "not a program of format"),
        (lambda d: d["ops"].append(["system", [0, 1]]), "operation 'system'"),
        (lambda d: d["ops"].append(["__import__", [0]]), "operation '__import__'"),
        (lambda d: d["ops"].append(["add", [0]]), "add takes 2 arguments"),
        (lambda d: d["ops"].append(["add", [0, 999]]), "reads slot 999"),
        (lambda d: d["ops"].append(["add", [0, -1]]), "reads slot -1"),
        (lambda d: d["ops"].append(["add", [0, True]]), "reads slot True"),
        (lambda d: d["outputs"].append(999), "output slot 999"),
        (lambda d: d["constants"].append("os.system('x')"), "constant"),
        (lambda d: d.pop("ops"), "missing or malformed"),
        (lambda d: d.update(n_inputs=-1), "n_inputs -1"),
    ],
    ids=["format", "unknown-op", "import-op", "arity", "forward-slot", "negative-slot", "bool-slot",
         "bad-output", "string-constant", "missing-field", "negative-inputs"],
)
def test_malformed_programs_are_rejected(mutate, message):
    d = compile_program((x, y), [x * y + 1, x > y]).to_dict()
    d = json.loads(json.dumps(d))
    mutate(d)
    with pytest.raises(ProgramError, match=message):
        NumericProgram.from_dict(d)
