r"""Payoff arrays and labels from user input, and substitution maps: the checks behind the game constructors."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy
from sympy import ImmutableDenseNDimArray

from games import essay
from games._exact import to_exact
from games.errors import GameError, UnknownNameError, suggest
from games.parameters import ParameterSet, parameter_name


@dataclass(frozen=True)
class _Nested:
    """A rectangular nested array read from user input: its shape and its entries in row-major order.

    What the game constructors check and convert, without numpy (``aligngames solve`` of an exact game
    never imports it, issue 17): numpy arrays given as input are read through numpy, which is then
    already imported.
    """

    shape: tuple[int, ...]
    flat: tuple[Any, ...]

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def transposed(self) -> _Nested:
        """The transpose of a matrix (``ndim == 2``)."""
        m, n = self.shape
        return _Nested((n, m), tuple(self.flat[i * n + j] for j in range(n) for i in range(m)))


def _is_numpy_array(x: Any) -> bool:
    """Whether ``x`` is a numpy array; an input can be one only if numpy is imported, so this never imports it."""
    np = sys.modules.get("numpy")
    return np is not None and isinstance(x, np.ndarray)


def _nested_array(data: Any, where: str) -> _Nested:
    """Turn nested lists / numpy / sympy matrices into a :class:`_Nested` array, checking raggedness."""
    if isinstance(data, _Nested):  # already checked (Game.from_bimatrix hands its matrices on)
        return data
    if isinstance(data, (sympy.MatrixBase, sympy.NDimArray)):
        data = data.tolist()
    elif _is_numpy_array(data):
        if data.dtype.kind in "USO" and data.dtype.kind != "O":
            raise GameError(f"{where}: got an array of strings; strings are never evaluated, give numbers or sympy expressions")
        # the entries as numpy holds them (numpy scalars), in row-major order
        return _Nested(tuple(data.shape), tuple(data.astype(object).reshape(-1)))
    if isinstance(data, (str, bytes)):
        raise GameError(f"{where}: got the string {data!r}; give a nested list, array or sympy matrix")
    if not isinstance(data, Sequence):
        raise GameError(f"{where}: got {type(data).__name__}; give a nested list, numpy array or sympy matrix")

    def as_list(x: Any) -> Any:
        if isinstance(x, (sympy.MatrixBase, sympy.NDimArray)) or _is_numpy_array(x):
            return x.tolist()
        return x

    def shape_of(x: Any, path: tuple[int, ...]) -> tuple[int, ...]:
        x = as_list(x)
        if isinstance(x, Sequence) and not isinstance(x, (str, bytes)):
            if len(x) == 0:
                raise GameError(f"{where}: empty list at index {list(path)}; every player needs at least one strategy")
            shapes = [shape_of(y, path + (i,)) for i, y in enumerate(x)]
            first = shapes[0]
            for i, s in enumerate(shapes):
                if s != first:
                    raise GameError(
                        f"{where}: ragged payoffs: entry {list(path + (i,))} has shape {s}, "
                        f"entry {list(path + (0,))} has shape {first}"
                    )
            return (len(x),) + first
        return ()

    shape = shape_of(data, ())

    def flat(x: Any) -> list[Any]:
        x = as_list(x)
        if isinstance(x, Sequence) and not isinstance(x, (str, bytes)):
            out: list[Any] = []
            for y in x:
                out.extend(flat(y))
            return out
        return [x]

    return _Nested(shape, tuple(flat(data)))


def _to_sympy_array(arr: _Nested, where: str) -> ImmutableDenseNDimArray:
    entries = []
    for idx, x in zip(itertools.product(*(range(m) for m in arr.shape)), arr.flat):
        e = to_exact(x, f"{where}, entry {list(idx)}", error=GameError)
        if e.has(sympy.I) or e.is_real is False:
            raise GameError(f"{where}, entry {list(idx)}: {e} is not a real number (payoffs are real)")
        entries.append(e)
    return ImmutableDenseNDimArray(entries, arr.shape)


def _labels(given: Any, count: int, default: Sequence[str], what: str) -> tuple[str, ...]:
    if given is None:
        return tuple(default)
    if isinstance(given, str):
        raise GameError(f"{what}: got the string {given!r}; give a list of {count} names")
    names = tuple(given)
    if len(names) != count:
        raise GameError(f"{what}: {len(names)} names given for {count} (names: {list(names)})")
    for n in names:
        if not isinstance(n, str) or not n.strip():
            raise GameError(f"{what}: name {n!r} must be a non-empty string")
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise GameError(f"{what}: duplicate name {n!r}")
        seen.add(n)
    return names


def _known_parameter_names() -> set[str]:
    return set(essay.parameters().keys())


def _subs_map(
    free: Iterable[sympy.Symbol], mapping: Any, *, owner: str
) -> dict[sympy.Symbol, sympy.Expr]:
    """Normalise a substitution mapping to ``{free symbol of the game: exact value}``."""
    by_name: dict[str, sympy.Symbol] = {s.name: s for s in free}
    out: dict[sympy.Symbol, sympy.Expr] = {}
    if isinstance(mapping, ParameterSet):
        for p in mapping.values():
            if p.name in by_name:
                out[by_name[p.name]] = p.value
        return out
    if not isinstance(mapping, Mapping):
        raise GameError(f"{owner}.subs: expected a mapping or ParameterSet, got {type(mapping).__name__}")
    for key, value in mapping.items():
        name = parameter_name(key, f"{owner}.subs")
        exact = to_exact(value, f"{owner}.subs: value of {name!r}", error=GameError)
        if name in by_name:
            out[by_name[name]] = exact
        elif isinstance(key, str) and name not in _known_parameter_names():
            # a Symbol that does not occur is ignored (as in sympy); a name that is
            # neither a free symbol nor a known parameter is most likely a typo
            raise UnknownNameError(f"{owner}.subs: " + suggest(name, by_name, what="free symbol"))
    return out


#: Expressions binding a variable (an integration or summation variable, a lambda's argument): replacing
#: a symbol in them node by node would also replace the bound one, so games holding one take ``subs``.
_BINDING = (sympy.Integral, sympy.Sum, sympy.Product, sympy.Lambda, sympy.Derivative, sympy.Subs)


def _substituted(arr: ImmutableDenseNDimArray, subs: Mapping[sympy.Symbol, Any]) -> ImmutableDenseNDimArray:
    """``arr.subs(subs)``; by ``xreplace`` when every value is a number and nothing binds a variable.

    Replacing symbols by numbers node by node is then the same substitution (each node is rebuilt and
    evaluated as ``subs`` rebuilds it), about twenty times faster: sympy's ``subs`` tries every
    sub-expression against every key (``tests/games/test_core.py`` checks both agree on the library).
    """
    if all(getattr(v, "is_number", False) for v in subs.values()) and not arr.has(*_BINDING):
        return arr.xreplace(subs)
    return arr.subs(subs)
