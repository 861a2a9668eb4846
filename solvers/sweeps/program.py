r"""Closed forms as data: a straight-line program of numpy operations, compiled once from sympy.

:func:`compile_program` turns sympy expressions (the equilibrium conditions
of :func:`solvers.conditions.derive.equilibrium_conditions`, payoff gaps,
thresholds) over an ordered tuple of symbols into a :class:`NumericProgram`:
a list of numpy operations from a fixed whitelist, each reading earlier
results.  Evaluating it is a loop of numpy ufunc calls -- what the function
:func:`sympy.lambdify` writes does, with the same numpy semantics -- but the
program is **data**, not code:

- it serialises to JSON (:meth:`NumericProgram.to_dict`) and back
  (:meth:`NumericProgram.from_dict`, which checks its sizes against
  :data:`MAX_INPUTS`, :data:`MAX_CONSTANTS`, :data:`MAX_OPS` and
  :data:`MAX_OUTPUTS` first, then every constant, operation name, arity
  and index), so the compiled closed forms of a game can be cached on
  disk and evaluated later **without importing sympy** (the ``aligngames
  sweep`` command line does this; see :mod:`solvers.sweeps.cache`);
- nothing is ever passed to ``eval`` or ``exec``: a cache file that was
  tampered with can at worst describe wrong arithmetic, never run code.

Design decision: DESIGN.md says the symbolic and numeric paths meet through
``sympy.lambdify``.  This module is the one place where they meet otherwise,
for the reason above; ``lambdify`` stays the reference the tests compare
every library game's program against.

Semantics (those of numpy, as in ``lambdify(..., modules="numpy")``):
rationals become the nearest float; a relation involving NaN is false;
``Piecewise`` takes the first branch whose condition holds, NaN if none does
(as ``numpy.select(..., default=nan)``); division by zero gives ``inf`` or
NaN (callers silence the warnings with :func:`numpy.errstate`).
Common subexpressions are computed once (the compiler memoises every
subtree), and an intermediate array is released after its last use.

Examples
--------
>>> import numpy as np, sympy
>>> b, E = sympy.symbols("b E", nonnegative=True)
>>> prog = compile_program((b, E), [sympy.Ge(2 * b, E), 2 * b - E])
>>> holds, gap = prog(np.array([1.0, 1.0]), np.array([1.5, 3.0]))
>>> holds.tolist(), gap.tolist()
([True, False], [0.5, -1.0])
>>> NumericProgram.from_dict(prog.to_dict()) == prog
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from solvers.errors import ProgramError

__all__ = ["NumericProgram", "compile_program", "OPERATIONS", "FORMAT_VERSION", "MAX_INPUTS", "MAX_CONSTANTS",
           "MAX_OPS", "MAX_OUTPUTS"]


#: Version of :meth:`NumericProgram.to_dict`'s layout (a cache written by another version is not read).
#: 2: non-finite constants are written as the strings ``"nan"``, ``"inf"``, ``"-inf"``, so that the
#: JSON is strict (no ``NaN``/``Infinity`` tokens) and any other constant read back must be finite.
FORMAT_VERSION = 2


# Limits of a program read back by :meth:`NumericProgram.from_dict` (data from disk: trusted for nothing).
# Each is checked before anything is built or evaluated.  The measured maxima are those of the templates of
# every library game (``build_template(name)`` for each name of ``games.library()``); a limit that is too
# tight costs only speed (the sweep's cache misses and the template is rebuilt), never an answer.

#: Inputs of a program (the game's parameters; each is an array of a block of points while it runs).
#: Library maximum 16 (alignment_washing); 16 times that.
MAX_INPUTS = 256

#: Constants of a program (scalars, cheap; bounded so that a file cannot declare millions of slots).
#: Library maximum 5; about 200 times that, since a user's quantities may carry many coefficients.
MAX_CONSTANTS = 1024

#: Operations of one program (each one is a numpy call per block of points: the cost of a sweep is
#: proportional to it).  Library maximum 241 (alignment_washing's ``everything``); 16 times that, rounded
#: up to a power of two.  :data:`solvers.sweeps.model.MAX_TEMPLATE_OPS` bounds a template's total.
MAX_OPS = 4096

#: Outputs of one program (records, then quantities; or two per atom of a continuum).  Library maximum 31;
#: more than :data:`~solvers.sweeps.model.MAX_RECORDS` plus :data:`~solvers.sweeps.model.MAX_QUANTITIES`.
MAX_OUTPUTS = 1024


#: Non-finite constants as :meth:`NumericProgram.to_dict` writes them (the compiler makes NaN, the value
#: of a ``Piecewise`` where no branch holds, and +-inf from sympy's ``oo``).
_NON_FINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def _where(c: Any, a: Any, b: Any) -> Any:
    return np.where(c, a, b)


#: The whitelist: operation name -> (numpy function, number of arguments).
OPERATIONS: dict[str, tuple[Any, int]] = {
    "add": (np.add, 2),
    "sub": (np.subtract, 2),
    "mul": (np.multiply, 2),
    "div": (np.true_divide, 2),
    "pow": (np.power, 2),
    "neg": (np.negative, 1),
    "sqrt": (np.sqrt, 1),
    "exp": (np.exp, 1),
    "log": (np.log, 1),
    "abs": (np.absolute, 1),
    "max": (np.maximum, 2),
    "min": (np.minimum, 2),
    "gt": (np.greater, 2),
    "ge": (np.greater_equal, 2),
    "lt": (np.less, 2),
    "le": (np.less_equal, 2),
    "eq": (np.equal, 2),
    "ne": (np.not_equal, 2),
    "and": (np.logical_and, 2),
    "or": (np.logical_or, 2),
    "not": (np.logical_not, 1),
    "where": (_where, 3),
    "floor": (np.floor, 1),
    "ceil": (np.ceil, 1),
    "sign": (np.sign, 1),
    "mod": (np.mod, 2),
    "heaviside": (np.heaviside, 2),
    "sin": (np.sin, 1),
    "cos": (np.cos, 1),
    "tan": (np.tan, 1),
    "arcsin": (np.arcsin, 1),
    "arccos": (np.arccos, 1),
    "arctan": (np.arctan, 1),
    "sinh": (np.sinh, 1),
    "cosh": (np.cosh, 1),
    "tanh": (np.tanh, 1),
}

_MAX_ARITY = max(n for _, n in OPERATIONS.values())


@dataclass(frozen=True)
class NumericProgram:
    """A straight-line program of numpy operations over ``n_inputs`` arguments.

    Slots are numbered: the inputs ``0 .. n_inputs - 1``, then the
    constants, then the result of each operation in order.  Calling the
    program with ``n_inputs`` arrays or scalars (broadcastable) returns the
    values of the :attr:`outputs` slots.

    Attributes
    ----------
    n_inputs : int
    constants : tuple of float or bool
    ops : tuple of (str, tuple of int)
        Each operation's name (a key of :data:`OPERATIONS`) and argument slots.
    outputs : tuple of int
    """

    n_inputs: int
    constants: tuple[float | bool, ...]
    ops: tuple[tuple[str, tuple[int, ...]], ...]
    outputs: tuple[int, ...]
    _code: tuple[tuple[Any, tuple[int, ...], tuple[int, ...]], ...] = field(
        init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        _check(self.n_inputs, self.constants, self.ops, self.outputs)
        n_fixed = self.n_inputs + len(self.constants)
        last: dict[int, int] = {}
        for j, (_, args) in enumerate(self.ops):
            for a in args:
                last[a] = j
        keep = set(self.outputs)
        code = []
        for j, (name, args) in enumerate(self.ops):
            release = tuple(sorted({a for a in args if a >= n_fixed and last[a] == j and a not in keep}))
            code.append((OPERATIONS[name][0], args, release))
        object.__setattr__(self, "_code", tuple(code))

    def __call__(self, *args: Any) -> list[Any]:
        """Evaluate the program; returns one value per output (arrays, or scalars if every input is one)."""
        if len(args) != self.n_inputs:
            raise ProgramError(f"NumericProgram: {len(args)} arguments given (allowed: exactly {self.n_inputs})")
        slots: list[Any] = [*args, *(np.bool_(c) if isinstance(c, bool) else np.float64(c) for c in self.constants)]
        for fn, idx, release in self._code:
            slots.append(fn(*[slots[i] for i in idx]))
            for i in release:
                slots[i] = None
        return [slots[i] for i in self.outputs]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: strict JSON (floats written exactly by :mod:`json`; NaN and inf as strings)."""
        return {"format": FORMAT_VERSION, "n_inputs": self.n_inputs, "constants": [_dump_constant(c) for c in
                                                                                  self.constants],
                "ops": [[name, list(args)] for name, args in self.ops], "outputs": list(self.outputs)}

    @classmethod
    def from_dict(cls, data: Any) -> NumericProgram:
        """Read :meth:`to_dict`'s form back, checking every field.

        Sizes are checked first (:data:`MAX_INPUTS`, :data:`MAX_CONSTANTS`,
        :data:`MAX_OPS`, :data:`MAX_OUTPUTS`), then every constant (a finite
        number, a boolean, or one of the strings ``"nan"``, ``"inf"``,
        ``"-inf"``), every operation and every index.

        Raises
        ------
        ProgramError
            For anything but a well-formed program of whitelisted operations within the limits.
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise ProgramError(f"NumericProgram.from_dict: not a program of format {FORMAT_VERSION}")
        fields: list[Any] = [data.get(k) for k in ("n_inputs", "constants", "ops", "outputs")]
        n_inputs, consts, raw_ops, outputs = fields
        if not (isinstance(consts, list) and isinstance(raw_ops, list) and isinstance(outputs, list)):
            raise ProgramError("NumericProgram.from_dict: missing or malformed fields "
                               "(allowed: n_inputs, constants, ops, outputs; lists)")
        for what, n, limit in (("inputs", n_inputs if _is_index(n_inputs) else 0, MAX_INPUTS),
                               ("constants", len(consts), MAX_CONSTANTS), ("operations", len(raw_ops), MAX_OPS),
                               ("outputs", len(outputs), MAX_OUTPUTS)):
            if n > limit:
                raise ProgramError(f"NumericProgram.from_dict: {n} {what} (allowed: at most {limit})")
        ops = []
        for op in raw_ops:
            if not (isinstance(op, list) and len(op) == 2 and isinstance(op[1], list)
                    and len(op[1]) <= _MAX_ARITY):
                shown = repr(op)[:80]
                raise ProgramError(f"NumericProgram.from_dict: operation {shown} (allowed: [name, [slots]], "
                                   f"at most {_MAX_ARITY} slots)")
            ops.append((op[0], tuple(op[1])))  # names, arities and slots: checked by _check
        return cls(n_inputs, tuple(_load_constant(c) for c in consts), tuple(ops), tuple(outputs))


def _dump_constant(c: float | bool) -> float | bool | str:
    if isinstance(c, bool) or math.isfinite(c):
        return c
    return "nan" if math.isnan(c) else ("inf" if c > 0 else "-inf")


def _load_constant(c: Any) -> float | bool:
    """A constant read back: a boolean, a finite number (as a float), or NaN/inf written as a string."""
    if isinstance(c, bool):
        return c
    if isinstance(c, str) and c in _NON_FINITE:
        return _NON_FINITE[c]
    if isinstance(c, (int, float)):
        try:
            value = float(c)
        except OverflowError:
            value = math.inf
        if math.isfinite(value):
            return value
    shown = repr(c)[:40]
    raise ProgramError(f"NumericProgram: constant {shown} (allowed: finite numbers, booleans, "
                       "and the strings 'nan', 'inf', '-inf')")


def _is_index(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _check(n_inputs: Any, constants: Any, ops: Any, outputs: Any) -> None:
    if not _is_index(n_inputs) or n_inputs < 0:
        raise ProgramError(f"NumericProgram: n_inputs {n_inputs!r} (allowed: an integer >= 0)")
    for c in constants:
        if not isinstance(c, (bool, int, float)):
            raise ProgramError(f"NumericProgram: constant {c!r} (allowed: numbers and booleans)")
    n = n_inputs + len(constants)
    for name, args in ops:
        if not isinstance(name, str) or name not in OPERATIONS:
            raise ProgramError(f"NumericProgram: operation {name!r} (allowed: {', '.join(OPERATIONS)})")
        if len(args) != OPERATIONS[name][1]:
            raise ProgramError(f"NumericProgram: {name} takes {OPERATIONS[name][1]} arguments, got {len(args)}")
        for a in args:
            if not _is_index(a) or not 0 <= a < n:
                raise ProgramError(f"NumericProgram: {name} reads slot {a!r} (allowed: 0 to {n - 1}, earlier slots)")
        n += 1
    for o in outputs:
        if not _is_index(o) or not 0 <= o < n:
            raise ProgramError(f"NumericProgram: output slot {o!r} (allowed: 0 to {n - 1})")


class _Compiler:
    def __init__(self, symbols: Sequence[Any]) -> None:
        self.inputs = {s: i for i, s in enumerate(symbols)}
        self.n_inputs = len(symbols)
        self.constants: list[float | bool] = []
        self.const_slot: dict[tuple[type, float | bool], int] = {}
        self.ops: list[tuple[str, tuple[int, ...]]] = []
        self.memo: dict[Any, int] = {}
        self.op_memo: dict[tuple[str, tuple[int, ...]], int] = {}

    # slots are renumbered at the end: constants come before operations
    def const(self, value: float | bool) -> int:
        key = (type(value), value)
        if isinstance(value, float) and math.isnan(value):
            key = (float, "nan")  # type: ignore[assignment]
        if key not in self.const_slot:
            self.const_slot[key] = -1 - len(self.constants)
            self.constants.append(value)
        return self.const_slot[key]

    def op(self, name: str, *args: int) -> int:
        key = (name, args)
        if key not in self.op_memo:
            self.ops.append(key)
            self.op_memo[key] = len(self.ops) - 1
        return self.op_memo[key]

    def chain(self, name: str, slots: Sequence[int]) -> int:
        out = slots[0]
        for s in slots[1:]:
            out = self.op(name, out, s)
        return out

    def visit(self, e: Any) -> int:
        if e in self.memo:
            return self.memo[e]
        slot = self._visit(e)
        self.memo[e] = slot
        return slot

    def _visit(self, e: Any) -> int:  # noqa: C901 - one branch per node type
        import sympy

        if isinstance(e, sympy.Symbol):
            if e not in self.inputs:
                raise ProgramError(f"compile_program: symbol {e.name!r} is not among the inputs "
                                   f"(allowed: {', '.join(str(s) for s in self.inputs) or 'none'})")
            return ("in", self.inputs[e])  # type: ignore[return-value]
        if e is sympy.true or e is sympy.false:
            return self.const(bool(e))
        if isinstance(e, sympy.Rational):
            return self.const(float(e.p) if e.q == 1 else e.p / e.q)
        if isinstance(e, sympy.Float):
            return self.const(float(e))
        if e in (sympy.oo, -sympy.oo, sympy.nan, sympy.zoo):
            return self.const({sympy.oo: math.inf, -sympy.oo: -math.inf}.get(e, math.nan))
        if isinstance(e, sympy.Expr) and e.is_number and not isinstance(e, sympy.Piecewise):
            if e.is_real is False:
                raise ProgramError(f"compile_program: {e} is not a real number (allowed: real expressions)")
            return self.const(float(e))  # pi, E, sqrt(2), log(3): the nearest float, as lambdify gives
        if isinstance(e, sympy.Add):
            pos = [t for t in e.args if not t.could_extract_minus_sign()]
            neg = [-t for t in e.args if t.could_extract_minus_sign()]
            if not pos:
                return self.op("neg", self.chain("add", [self.visit(t) for t in neg]))
            out = self.chain("add", [self.visit(t) for t in pos])
            for t in neg:
                out = self.op("sub", out, self.visit(t))
            return out
        if isinstance(e, sympy.Mul):
            coeff, factors = e.as_coeff_mul()
            num: list[Any] = []
            den: list[Any] = []
            for f in factors:
                if isinstance(f, sympy.Pow) and f.exp.is_number and f.exp.is_negative:
                    den.append(f.base ** (-f.exp))
                else:
                    num.append(f)
            sign = 1
            if coeff.is_negative:
                sign, coeff = -1, -coeff
            if coeff != 1:
                num.insert(0, coeff)
            top = self.chain("mul", [self.visit(f) for f in num]) if num else self.const(1.0)
            out = self.op("div", top, self.chain("mul", [self.visit(f) for f in den])) if den else top
            return self.op("neg", out) if sign < 0 else out
        if isinstance(e, sympy.Pow):
            base, ex = e.base, e.exp
            if ex == 2:
                b = self.visit(base)
                return self.op("mul", b, b)
            if ex == sympy.Rational(1, 2):
                return self.op("sqrt", self.visit(base))
            if ex.is_number and ex.is_negative:
                return self.op("div", self.const(1.0), self.visit(base ** (-ex)))
            if base == sympy.E:
                return self.op("exp", self.visit(ex))
            return self.op("pow", self.visit(base), self.visit(ex))
        if isinstance(e, sympy.exp):
            return self.op("exp", self.visit(e.args[0]))
        if isinstance(e, sympy.log) and len(e.args) == 1:
            return self.op("log", self.visit(e.args[0]))
        if isinstance(e, sympy.Abs):
            return self.op("abs", self.visit(e.args[0]))
        unary = {sympy.floor: "floor", sympy.ceiling: "ceil", sympy.sign: "sign", sympy.sin: "sin",
                 sympy.cos: "cos", sympy.tan: "tan", sympy.asin: "arcsin", sympy.acos: "arccos",
                 sympy.atan: "arctan", sympy.sinh: "sinh", sympy.cosh: "cosh", sympy.tanh: "tanh"}
        if type(e) in unary:
            return self.op(unary[type(e)], self.visit(e.args[0]))
        if isinstance(e, sympy.Mod):
            return self.op("mod", self.visit(e.args[0]), self.visit(e.args[1]))
        if isinstance(e, sympy.Heaviside):  # H(0) = 1/2 unless given, as in sympy
            h0 = e.args[1] if len(e.args) > 1 else sympy.Rational(1, 2)
            return self.op("heaviside", self.visit(e.args[0]), self.visit(h0))
        if isinstance(e, (sympy.Max, sympy.Min)):
            return self.chain("max" if isinstance(e, sympy.Max) else "min", [self.visit(a) for a in e.args])
        relations = {sympy.StrictGreaterThan: "gt", sympy.GreaterThan: "ge", sympy.StrictLessThan: "lt",
                     sympy.LessThan: "le", sympy.Equality: "eq", sympy.Unequality: "ne"}
        if type(e) in relations:
            return self.op(relations[type(e)], self.visit(e.lhs), self.visit(e.rhs))
        if isinstance(e, (sympy.And, sympy.Or)):
            return self.chain("and" if isinstance(e, sympy.And) else "or", [self.visit(a) for a in e.args])
        if isinstance(e, sympy.Not):
            return self.op("not", self.visit(e.args[0]))
        if isinstance(e, sympy.Piecewise):
            out = self.const(math.nan)
            for expr, cond in reversed(e.args):
                if cond is sympy.true:
                    out = self.visit(expr)
                elif cond is not sympy.false:
                    out = self.op("where", self.visit(cond), self.visit(expr), out)
            return out
        raise ProgramError(f"compile_program: cannot compile {type(e).__name__} ({e}); allowed: numbers, "
                           "arithmetic, powers, exp, log, Abs, Max, Min, floor, ceiling, sign, Mod, Heaviside, "
                           "sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, relations, And, Or, Not, Piecewise")


def compile_program(symbols: Sequence[Any], exprs: Sequence[Any]) -> NumericProgram:
    """Compile sympy expressions over the ordered ``symbols`` into one :class:`NumericProgram`.

    Parameters
    ----------
    symbols : sequence of sympy.Symbol
        The inputs, in call order.
    exprs : sequence of sympy expressions or Booleans
        One output each.

    Raises
    ------
    ProgramError
        For a symbol not in ``symbols`` or a node outside the whitelist
        (the message names it).

    Examples
    --------
    >>> import sympy
    >>> x, y = sympy.symbols("x y", positive=True)
    >>> p = compile_program((x, y), [sympy.Piecewise((x / y, x > y), (0, True))])
    >>> float(p(4.0, 2.0)[0]), float(p(1.0, 2.0)[0])
    (2.0, 0.0)
    >>> compile_program((x,), [y])
    Traceback (most recent call last):
    ...
    solvers.errors.ProgramError: compile_program: symbol 'y' is not among the inputs (allowed: x)
    """
    c = _Compiler(symbols)
    raw_outputs = [c.visit(e) for e in exprs]
    n_in, n_const = c.n_inputs, len(c.constants)

    def slot(s: Any) -> int:
        if isinstance(s, tuple):  # an input
            return int(s[1])
        if s < 0:  # a constant
            return n_in + (-1 - s)
        return n_in + n_const + s

    ops = tuple((name, tuple(slot(a) for a in args)) for name, args in c.ops)
    return NumericProgram(n_in, tuple(c.constants), ops, tuple(slot(s) for s in raw_outputs))

