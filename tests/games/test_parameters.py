"""Tests of games.parameters: Parameter, ParameterSet, TOML files as data only."""

from __future__ import annotations

import dataclasses

import pytest
import sympy

from games import Parameter, ParameterError, ParameterFileError, ParameterSet, UnknownNameError
from games.parameters import read_toml_values


def _set() -> ParameterSet:
    return ParameterSet([
        Parameter("vsl", 6.5e6, kind="money", unit="USD", low=5e6, high=8e6),
        Parameter("p_doom", 0.2, kind="probability"),
        Parameter("circle_size", 150, kind="count"),
    ])


def test_values_are_exact_and_symbols_carry_kind_assumptions():
    ps = _set()
    assert ps["vsl"].value == sympy.Integer(6_500_000)
    assert ps["p_doom"].value == sympy.Rational(1, 5)
    assert ps.symbol("p_doom").is_nonnegative and ps.symbol("circle_size").is_positive
    assert ps.substitutions()[ps.symbol("vsl")] == 6_500_000


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"name": "p", "value": 1.5, "kind": "probability"}, "not a probability"),
        ({"name": "p", "value": -0.1, "kind": "probability"}, "not a probability"),
        ({"name": "w", "value": -1, "kind": "money"}, "negative"),
        ({"name": "n", "value": -3, "kind": "count"}, "negative"),
        ({"name": "v", "value": float("nan"), "kind": "money"}, "not finite"),
        ({"name": "v", "value": float("inf"), "kind": "money"}, "not finite"),
        ({"name": "v", "value": "6.5e6", "kind": "money"}, "string"),
        ({"name": "v", "value": 1, "kind": "dollars"}, "unknown kind"),
        ({"name": "not a name", "value": 1}, "identifier"),
        ({"name": "v", "value": 1, "low": 5, "high": 2}, "exceeds"),
    ],
    ids=["prob>1", "prob<0", "neg-money", "neg-count", "nan", "inf", "string", "kind", "name", "range"],
)
def test_parameter_validation(kwargs, fragment):
    with pytest.raises(ParameterError, match=fragment):
        Parameter(**kwargs)


def test_set_returns_new_and_validates():
    ps = _set()
    new = ps.set(vsl=8e6, p_doom="1/3")
    assert new["vsl"].value == 8_000_000 and new["p_doom"].value == sympy.Rational(1, 3)
    assert ps["vsl"].value == 6_500_000  # unchanged
    with pytest.raises(ParameterError, match="not a probability"):
        ps.set(p_doom=2)
    with pytest.raises(UnknownNameError, match="did you mean 'p_doom'"):
        ps.set(p_dom=0.1)
    with pytest.raises(KeyError):
        ps["nope"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ps.name = "x"  # type: ignore[misc]


def test_toml_roundtrip_exact(tmp_path):
    ps = _set().set(p_doom="1/3", vsl=6_543_210)
    path = tmp_path / "p.toml"
    ps.to_toml(path)
    values = read_toml_values(path)
    assert values == {"vsl": 6_543_210, "p_doom": sympy.Rational(1, 3), "circle_size": 150}
    assert _set().with_file(path)["p_doom"].value == sympy.Rational(1, 3)
    assert not list(tmp_path.glob(".*tmp"))  # the atomic write left no temporary file


def test_toml_parameters_table_and_numbers(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[parameters]\nvsl = 8e6\np_doom = "0.25"\ncircle_size = 10\n')
    assert read_toml_values(path) == {"vsl": 8_000_000, "p_doom": sympy.Rational(1, 4), "circle_size": 10}


def test_toml_code_string_is_rejected_and_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.toml"
    path.write_text(f'p_doom = "__import__(\'os\').system(\'touch {marker}\')"\n')
    with pytest.raises(ParameterFileError, match="key 'p_doom'.*not a number"):
        _set().with_file(path)
    assert not marker.exists()
    path.write_text('vsl = "6.5e6 + __import__(\'os\').getpid()"\n')
    with pytest.raises(ParameterFileError, match="not a number"):
        read_toml_values(path)


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"vsl = [1, 2]\n", "holds a list"),
        (b"vsl = true\n", "holds a bool"),
        (b"vsl = 1979-05-27\n", "holds a date"),
        (b"vsl = \n", "not valid TOML"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        (b"vsl = nan\n", "not finite"),
        (b"[a]\nb = 1\n[c]\nd = 2\n", "holds a dict"),
        (b'p_doom = "1/0"\n', "'1/0' divides by zero"),
    ],
    ids=["list", "bool", "date", "malformed", "binary", "nan", "tables", "zero-denominator"],
)
def test_bad_toml_files(tmp_path, content, fragment):
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(ParameterFileError, match=fragment):
        read_toml_values(path)


def test_toml_unknown_key_huge_and_missing(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text("vls = 1\n")
    with pytest.raises(ParameterFileError, match="did you mean 'vsl'"):
        _set().with_file(path)
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * (2 << 20) + "\n")
    with pytest.raises(ParameterFileError, match="bytes"):
        read_toml_values(huge)
    with pytest.raises(ParameterFileError, match="cannot read"):
        read_toml_values(tmp_path / "missing.toml")
    with pytest.raises(ParameterFileError, match="not a regular file"):
        read_toml_values(tmp_path)
