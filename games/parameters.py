r"""Parameters and parameter sets: value, range, unit, kind, source quote; TOML I/O.

A :class:`Parameter` is one named quantity of a model (the value of a
statistical life, a salary, a probability).  It carries an exact rational
value, a plausible range for sweeps, a unit, a *kind* that fixes what values
are valid and which sympy assumptions its symbol gets, and the essay's own words.

A :class:`ParameterSet` is an immutable mapping from names to parameters.
``set`` returns a new set; unknown names are rejected with the nearest valid
names suggested.

Kinds and what they allow (the symbol's sympy assumptions in brackets):

==============  ============================  ======================
kind            valid values                  symbol assumptions
==============  ============================  ======================
``probability`` :math:`0 \le x \le 1`         real, nonnegative
``money``       :math:`x \ge 0`               real, nonnegative
``ratio``       :math:`x \ge 0`               real, nonnegative
``count``       :math:`x \ge 0`               real, positive
``years``       :math:`x \ge 0`               real, positive
==============  ============================  ======================

The range (``low``, ``high``) bounds what sweeps and uncertainty analyses draw;
it is *not* enforced on values, because the essay's own cases leave it (the
"humanity" case sets the VSL to the social one).

Every parameter with a range also has a :class:`Distribution` with its
provenance, which Monte Carlo sweeps draw from by default.  A parameter
defined without one gets :func:`default_distribution`, derived from its kind,
value and range by a documented rule (provenance ``"ours (rule: ...)"``), so a
parameter registered later by any game family has one too:

1. no range, or ``low == high``: no distribution (the parameter is fixed);
2. ``probability``: triangular on the range, mode at the default value;
3. ``count``, ``money``, ``ratio``, ``years`` with ``low > 0`` and
   ``high / low >= 100`` (two orders of magnitude or more): log-uniform on the range;
4. anything else: triangular on the range, mode at the default value
   (clipped into the range).

Parameter files are TOML read with :mod:`tomllib`.  Values are numbers or
fraction strings (``"1/3"``) parsed by :class:`fractions.Fraction`; nothing in a
file is ever evaluated, and anything else is an error naming the key::

    # my-params.toml
    vsl = 8e6
    p_pivotal = "1/10"

Keys may also sit in a ``[parameters]`` table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, Literal

import sympy

from games._exact import parse_fraction, to_exact
from games._io import atomic_write_text
from games._limits import nesting_depth
from games._numbers import MAX_PARAMETER_FILE_BYTES as _MAX_FILE_BYTES, check_magnitude
from games.distributions import DISTRIBUTION_FAMILIES, Distribution, default_distribution
from games.errors import GameError, ParameterError, ParameterFileError, UnknownNameError, suggest

__all__ = ["Parameter", "ParameterSet", "Distribution", "KINDS", "DISTRIBUTION_FAMILIES", "parameter_symbol",
           "parameter_name", "latex_symbol_names", "read_toml_values", "default_distribution",
           "MAX_PARAMETER_FILE_BYTES"]

Kind = Literal["probability", "money", "ratio", "count", "years"]
KINDS: tuple[str, ...] = ("probability", "money", "ratio", "count", "years")

_ASSUMPTIONS: dict[str, dict[str, bool]] = {
    "probability": {"real": True, "nonnegative": True},
    "money": {"real": True, "nonnegative": True},
    "ratio": {"real": True, "nonnegative": True},
    "count": {"real": True, "positive": True},
    "years": {"real": True, "positive": True},
}

#: Parameter files larger than this are refused before parsing.
MAX_PARAMETER_FILE_BYTES = _MAX_FILE_BYTES  # defined in games._numbers (the sweep cache checks it too)

_LATEX_NAMES: dict[sympy.Symbol, str] = {}


@cache
def parameter_name(key: Any, where: str) -> str:
    """The parameter name a key stands for: a sympy Symbol's name, or the string itself.

    Every mapping of values keyed by parameter (``Game.subs``, ``break_even``,
    ``holds_at``, ...) reads its keys through this one function.

    Examples
    --------
    >>> parameter_name(sympy.Symbol("vsl"), "example"), parameter_name("p_doom", "example")
    ('vsl', 'p_doom')
    >>> parameter_name(3, "example")
    Traceback (most recent call last):
    ...
    games.errors.GameError: example: key 3 must be a sympy Symbol or a parameter name
    """
    if isinstance(key, sympy.Symbol):
        return key.name
    if isinstance(key, str):
        return key
    raise GameError(f"{where}: key {key!r} must be a sympy Symbol or a parameter name")


def parameter_symbol(name: str, kind: str) -> sympy.Symbol:
    """The sympy Symbol of a parameter: its name, with assumptions from its kind.

    Examples
    --------
    >>> parameter_symbol("vsl", "money").is_nonnegative
    True
    """
    if kind not in _ASSUMPTIONS:
        raise ParameterError(f"parameter {name!r}: unknown kind {kind!r} (allowed: {', '.join(KINDS)})")
    return sympy.Symbol(name, **_ASSUMPTIONS[kind])


def latex_symbol_names() -> dict[sympy.Symbol, str]:
    """The LaTeX names of every parameter symbol defined so far (for ``sympy.latex``)."""
    return dict(_LATEX_NAMES)


def _check_kind_value(name: str, kind: str, value: sympy.Expr) -> None:
    if not value.is_number:
        return  # symbolic value: nothing to check
    if kind == "probability" and not (0 <= value <= 1):
        raise ParameterError(f"parameter {name!r}: {value} is not a probability (allowed: 0 to 1)")
    if kind in ("money", "ratio", "count", "years") and value < 0:
        raise ParameterError(f"parameter {name!r}: {value} is negative (allowed: a {kind} >= 0)")

@dataclass(frozen=True)
class Parameter:
    """One named model quantity.

    Parameters
    ----------
    name : str
        A Python identifier; also the name of the sympy symbol.
    value : number
        The default value, stored as an exact sympy Rational.
    kind : {"probability", "money", "ratio", "count", "years"}
        Fixes valid values and the symbol's assumptions.
    unit : str
        For display (``"USD"``, ``"USD / year"``, ``"people"``).
    low, high : number, optional
        The plausible range for sweeps and uncertainty analyses.
    quote : str
        The essay's words this parameter comes from.
    latex : str, optional
        LaTeX for the symbol; defaults to sympy's rendering of the name.
    ours : bool
        True when the range (or the whole parameter) is this toolkit's
        assumption rather than the essay's.
    description : str
        One line saying what the parameter is.
    distribution : Distribution, optional
        Its uncertainty with provenance; when omitted and the parameter has a
        range, :func:`default_distribution` fills it in (provenance ``"ours (rule ...)"``).

    Examples
    --------
    >>> p = Parameter("p_doom", 0.2, kind="probability", unit="probability", low=0, high=1)
    >>> p.value, p.symbol
    (1/5, p_doom)
    >>> p.distribution.family, p.distribution.mode
    ('triangular', 1/5)
    >>> Parameter("p_doom", 1.5, kind="probability")
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: parameter 'p_doom': 3/2 is not a probability (allowed: 0 to 1)
    """

    name: str
    value: Any
    kind: Kind = "ratio"
    unit: str = ""
    low: Any = None
    high: Any = None
    quote: str = ""
    latex: str = ""
    ours: bool = False
    description: str = ""
    distribution: Distribution | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ParameterError(f"parameter name {self.name!r} is not a Python identifier")
        if self.kind not in KINDS:
            raise ParameterError(
                f"parameter {self.name!r}: unknown kind {self.kind!r} (allowed: {', '.join(KINDS)})"
            )
        value = to_exact(self.value, f"parameter {self.name!r}")
        _check_kind_value(self.name, self.kind, value)
        object.__setattr__(self, "value", value)
        for bound in ("low", "high"):
            raw = getattr(self, bound)
            if raw is not None:
                b = to_exact(raw, f"parameter {self.name!r} {bound}")
                _check_kind_value(self.name, self.kind, b)
                object.__setattr__(self, bound, b)
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ParameterError(f"parameter {self.name!r}: low {self.low} exceeds high {self.high}")
        if self.distribution is None:
            object.__setattr__(self, "distribution", default_distribution(self.kind, value, self.low, self.high))
        elif not isinstance(self.distribution, Distribution):
            raise ParameterError(f"parameter {self.name!r}: distribution must be a Distribution, "
                                 f"got {type(self.distribution).__name__}")
        if self.latex:
            _LATEX_NAMES[self.symbol] = self.latex

    @property
    def symbol(self) -> sympy.Symbol:
        """The parameter's sympy Symbol (name plus kind assumptions)."""
        return parameter_symbol(self.name, self.kind)

    def with_value(self, value: Any) -> Parameter:
        """A copy holding ``value`` (validated for the kind)."""
        return dataclasses.replace(self, value=value)


def _bounded(value: sympy.Expr, where: str, error: type[Exception] = ParameterError) -> sympy.Expr:
    """A numeric value within the range every user-given number has (:func:`games._numbers.check_magnitude`)."""
    if isinstance(value, sympy.Rational):
        check_magnitude(Fraction(int(value.p), int(value.q)), where, error=error)
    return value


def _coerce_user_value(name: str, value: Any) -> sympy.Expr:
    if isinstance(value, str):
        return parse_fraction(value, f"parameter {name!r}")
    return _bounded(to_exact(value, f"parameter {name!r}"), f"parameter {name!r}")


@dataclass(frozen=True)
class ParameterSet(Mapping[str, Parameter]):
    """An immutable, ordered mapping from parameter names to :class:`Parameter`.

    Examples
    --------
    >>> ps = ParameterSet([Parameter("vsl", 6.5e6, kind="money"),
    ...                    Parameter("p_doom", 0.2, kind="probability")])
    >>> ps["vsl"].value
    6500000
    >>> ps.set(vsl=8e6)["vsl"].value
    8000000
    >>> ps.set(vls=1)
    Traceback (most recent call last):
    ...
    games.errors.UnknownNameError: unknown parameter 'vls'; did you mean 'vsl'? (allowed: p_doom, vsl)
    """

    parameters: tuple[Parameter, ...] = ()
    name: str = ""
    _index: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        params = tuple(self.parameters)
        for p in params:
            if not isinstance(p, Parameter):
                raise ParameterError(f"ParameterSet: {p!r} is not a Parameter")
        object.__setattr__(self, "parameters", params)
        index: dict[str, int] = {}
        for i, p in enumerate(params):
            if p.name in index:
                raise ParameterError(f"ParameterSet: duplicate parameter name {p.name!r}")
            index[p.name] = i
        object.__setattr__(self, "_index", index)

    # Mapping protocol -------------------------------------------------------
    def __getitem__(self, name: str) -> Parameter:
        try:
            return self.parameters[self._index[name]]
        except (KeyError, TypeError):
            raise UnknownNameError(suggest(str(name), self._index, what="parameter")) from None

    def __iter__(self) -> Iterator[str]:
        return (p.name for p in self.parameters)

    def __len__(self) -> int:
        return len(self.parameters)

    def __hash__(self) -> int:
        return hash((self.parameters, self.name))

    # Values ------------------------------------------------------------------
    def set(self, values: Mapping[str, Any] | None = None, /, **kwargs: Any) -> ParameterSet:
        """Return a new set with the given values (names checked, values validated).

        String values are read as decimals or fractions (``"1/3"``), never evaluated.
        """
        updates = dict(values or {})
        updates.update(kwargs)
        if not updates:
            return self
        new = list(self.parameters)
        for name, value in updates.items():
            p = self[name]
            new[self._index[name]] = p.with_value(_coerce_user_value(name, value))
        return dataclasses.replace(self, parameters=tuple(new))

    def value(self, name: str) -> sympy.Expr:
        """The exact value of one parameter."""
        return self[name].value  # type: ignore[no-any-return]

    def as_dict(self) -> dict[str, sympy.Expr]:
        """``{name: exact value}`` in the set's order."""
        return {p.name: p.value for p in self.parameters}

    def substitutions(self) -> dict[sympy.Symbol, sympy.Expr]:
        """``{Symbol: exact value}``, ready for ``expr.subs``."""
        return {p.symbol: p.value for p in self.parameters}

    def symbol(self, name: str) -> sympy.Symbol:
        """The sympy Symbol of one parameter."""
        return self[name].symbol

    def symbols(self) -> dict[str, sympy.Symbol]:
        """``{name: Symbol}`` for every parameter."""
        return {p.name: p.symbol for p in self.parameters}

    # Files -------------------------------------------------------------------
    def with_file(self, path: str | Path) -> ParameterSet:
        """Return a new set with the values read from a TOML parameter file."""
        values = read_toml_values(path)
        for name in values:
            if name not in self._index:
                raise ParameterFileError(f"{path}: " + suggest(name, self._index, what="parameter"))
        return self.set(values)

    def to_toml(self, path: str | Path | None = None) -> str:
        """The set as TOML text (exact values as integers or fraction strings).

        Written atomically to ``path`` when given.  ``read_toml_values`` reads
        it back to the same exact values.
        """
        lines = [f"# aligngames parameter set {self.name}".rstrip(), ""]
        for p in self.parameters:
            v = p.value
            if isinstance(v, sympy.Integer):
                text = str(int(v))
            elif isinstance(v, sympy.Rational):
                text = f'"{v.p}/{v.q}"'
            else:
                raise ParameterError(f"parameter {p.name!r}: symbolic value {v} cannot be saved to TOML")
            comment = f"  # {p.unit}" if p.unit else ""
            lines.append(f"{p.name} = {text}{comment}")
        out = "\n".join(lines) + "\n"
        if path is not None:
            atomic_write_text(path, out)
        return out


def read_toml_values(path: str | Path) -> dict[str, sympy.Rational]:
    """Read a TOML parameter file into ``{name: exact value}``.

    Values must be numbers or decimal/fraction strings; booleans, dates, arrays,
    tables (other than one ``[parameters]`` table) and any other string are
    errors naming the key.  Nothing is evaluated.

    Raises
    ------
    ParameterFileError
        For a missing, unreadable, oversized, binary or malformed file, or a bad value.
    """
    p = Path(path)
    if "\x00" in str(p):
        raise ParameterFileError(f"cannot read parameter file {str(p)!r}: a file name cannot hold a NUL character")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ParameterFileError(f"cannot read parameter file {str(p)!r}: {exc.strerror or exc}") from None
    if not p.is_file():
        raise ParameterFileError(f"parameter file {str(p)!r} is not a regular file")
    if size > MAX_PARAMETER_FILE_BYTES:
        raise ParameterFileError(
            f"parameter file {str(p)!r} is {size} bytes (allowed: at most {MAX_PARAMETER_FILE_BYTES})"
        )
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ParameterFileError(f"cannot read parameter file {str(p)!r}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ParameterFileError(f"parameter file {str(p)!r} is not UTF-8 text") from None
    depth = nesting_depth(text)
    if depth > MAX_TOML_DEPTH:
        raise ParameterFileError(
            f"parameter file {str(p)!r} nests arrays or tables {depth} deep (allowed: at most {MAX_TOML_DEPTH})")
    import tomllib  # only when a file is read: the command line's start-up does without it (issue 17)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParameterFileError(f"parameter file {str(p)!r} is not valid TOML: {exc}") from None
    except ValueError:  # an integer of more than 4,300 digits (Python's limit on int/str conversion)
        raise ParameterFileError(f"parameter file {str(p)!r} holds a number with too many digits "
                                 "(allowed: 0, or 1e-300 to 1e300 in magnitude)") from None
    except RecursionError:  # pragma: no cover - the depth check above comes first
        raise ParameterFileError(f"parameter file {str(p)!r} nests too deeply") from None
    if set(data) == {"parameters"} and isinstance(data["parameters"], dict):
        data = data["parameters"]
    out: dict[str, sympy.Rational] = {}
    for key, value in data.items():
        where = f"{p.name}: key {key!r}"
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ParameterFileError(
                f"{where} holds a {type(value).__name__}; allowed: a number or a fraction string such as \"1/3\""
            )
        if isinstance(value, str):
            out[key] = parse_fraction(value, where, error=ParameterFileError)
        else:
            exact = to_exact(value, where, error=ParameterFileError)
            out[key] = _bounded(exact, where, ParameterFileError)  # type: ignore[assignment]
    return out


#: A parameter file nests arrays and inline tables at most this deep (it needs 1; checked before parsing).
MAX_TOML_DEPTH = 32

