r"""Results of the closed-form analyses: frozen values that know no algorithm and no rendering.

:class:`ConditionalEquilibrium` (a profile with the condition under which it
is an equilibrium), :class:`BreakEven`, :class:`Threshold` and
:class:`Outcome` (where the equilibrium set changes), :class:`Classification`
(2 x 2 game types), :class:`ComparativeStatics` and :class:`Derivative`,
:class:`InterventionCost` and :class:`BuyoutEffect`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from games.errors import SymbolicError, UnknownNameError, suggest
from games.parameters import ParameterSet
from solvers.results._display import Rendered
from solvers.symbolic.lookup import _value_map
from solvers.symbolic.relations import evaluate_condition

__all__ = [
    "ConditionalEquilibrium",
    "BreakEven",
    "Threshold",
    "Outcome",
    "Classification",
    "GAME_TYPES",
    "ComparativeStatics",
    "Derivative",
    "InterventionCost",
    "BuyoutEffect",
]


@dataclass(frozen=True)
class ConditionalEquilibrium(Rendered):
    r"""One equilibrium (or continuum of equilibria) of a symbolic game, with its condition.

    Iterating gives ``(profile, condition)``, the pair of the public contract::

        for profile, condition in equilibrium_conditions(game): ...

    Attributes
    ----------
    profile : tuple of tuple of sympy.Expr
        One probability vector per player (for a :class:`SymmetricGame`: one
        vector, played by every player).  Entries are closed forms in the
        parameters; a continuum's entries also contain :attr:`free` symbols.
    condition : sympy Boolean
        Where this is an equilibrium.  For a continuum it also constrains the
        free variables.
    supports : tuple of tuple of int
        Strategy indices played with positive probability, per player.
    payoffs : tuple of sympy.Expr
        Each player's expected payoff (for a SymmetricGame: one entry).
    kind : {"pure", "mixed", "continuum"}
    free : tuple of sympy.Symbol
        The free mixture variables of a continuum (empty otherwise).
    parameter_condition : sympy Boolean
        The part of :attr:`condition` that does not involve :attr:`free`
        (equal to it for pure and mixed records).
    players, strategies : tuples of str
        Labels, for display.
    """

    profile: tuple[tuple[sympy.Expr, ...], ...]
    condition: Boolean
    supports: tuple[tuple[int, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    kind: str
    free: tuple[sympy.Symbol, ...] = ()
    parameter_condition: Boolean = sympy.true
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()


    def __iter__(self) -> Iterator[Any]:
        yield self.profile
        yield self.condition

    def __len__(self) -> int:
        return 2

    def __getitem__(self, i: int) -> Any:
        return (self.profile, self.condition)[i]

    @property
    def label(self) -> str:
        """The support in words: ``"(Alignment, Passive)"`` or ``"mixed {A, B} x {C, D}"``."""
        names = []
        for p, sup in enumerate(self.supports):
            strat = self.strategies[p] if p < len(self.strategies) else tuple(str(i) for i in range(max(sup) + 1))
            if len(sup) == 1:
                names.append(strat[sup[0]])
            else:
                names.append("{" + ", ".join(strat[i] for i in sup) + "}")
        body = ", ".join(names)
        if self.kind == "pure":
            return f"({body})"
        return f"{self.kind} ({body})"

    def holds_at(self, values: Mapping[Any, Any] | ParameterSet) -> bool:
        """Whether this equilibrium exists at numeric parameter values.

        For a continuum: whether the free variables can take a value (decided
        exactly for one free variable; for more, only the parameter part of
        the condition is checked).

        Raises
        ------
        SymbolicError
            If the values leave a parameter of the condition free (named).
        """
        subs = _value_map(self.condition.free_symbols - set(self.free), values)
        cond = evaluate_condition(self.condition, subs)
        left = cond.free_symbols - set(self.free)
        if left:
            raise SymbolicError(
                f"holds_at: no value for {', '.join(sorted(s.name for s in left))}; give every parameter"
            )
        if cond in (sympy.true, sympy.false):
            return bool(cond)
        if len(self.free) == 1:
            return not cond.as_set().is_empty  # type: ignore[no-any-return]
        return bool(evaluate_condition(self.parameter_condition, subs))

    def at(self, values: Mapping[Any, Any] | ParameterSet) -> tuple[tuple[sympy.Expr, ...], ...]:
        """The profile at numeric parameter values (exact)."""
        syms: set[sympy.Symbol] = set()
        for vec in self.profile:
            for e in vec:
                syms |= e.free_symbols
        subs = _value_map(syms - set(self.free), values)
        return tuple(tuple(e.xreplace(subs) for e in vec) for vec in self.profile)



@dataclass(frozen=True)
class Outcome(Rendered):
    """What holds on one side of a threshold.

    Attributes
    ----------
    label : str
        The equilibrium (``"(Capabilities, Passive)"``) or welfare statement.
    condition : sympy Boolean
        Where it holds on that side (``True`` when the other parameters are fixed).
    profile : tuple of tuple of sympy.Expr or None
        The equilibrium profile (None for welfare statements).
    record : ConditionalEquilibrium or None
        The equilibrium record it comes from.
    """

    label: str
    condition: Any
    profile: tuple[tuple[sympy.Expr, ...], ...] | None = None
    record: ConditionalEquilibrium | None = None



@dataclass(frozen=True)
class Threshold(Rendered):
    r"""One break-even value of a parameter.

    Attributes
    ----------
    symbol : sympy.Symbol
    value : sympy.Expr
        The closed-form (or exact numeric) break-even value.
    boundary : sympy.Expr
        The expression :math:`f` with :math:`f(\text{value}) = 0` whose sign
        flips there (a payoff difference or a mixed-probability bound).
    below, above : tuple of Outcome
        What holds just below and just above ``value``.
    at : tuple of Outcome
        What holds at ``value`` (numeric case only; empty otherwise).
    valid_if : sympy Boolean
        Where this threshold exists (denominators non-zero, clamp piece active).
    in_range : bool or None
        Whether a numeric value lies in the parameter's range by its registry
        kind (a probability in [0, 1], a count >= 1); None when symbolic or the
        parameter is not in the registry.  Out-of-range thresholds are kept,
        flagged, because "Alignment would need p = 1.35" is itself an answer.
    """

    symbol: sympy.Symbol
    value: sympy.Expr
    boundary: sympy.Expr
    below: tuple[Outcome, ...]
    above: tuple[Outcome, ...]
    at: tuple[Outcome, ...] = ()
    valid_if: Any = sympy.true
    in_range: bool | None = None




@dataclass(frozen=True)
class BreakEven(Rendered):
    """The break-even values of one parameter of one game (iterates over its thresholds).

    Attributes
    ----------
    game_name : str
    symbol : sympy.Symbol
    thresholds : tuple of Threshold
        Sorted ascending when numeric.
    values : dict
        The values the other parameters were fixed at (empty when free).
    what : {"equilibria", "welfare"}
    """

    game_name: str
    symbol: sympy.Symbol
    thresholds: tuple[Threshold, ...]
    values: Mapping[str, sympy.Expr] = field(default_factory=dict)
    what: str = "equilibria"


    def __iter__(self) -> Iterator[Threshold]:
        return iter(self.thresholds)

    def __len__(self) -> int:
        return len(self.thresholds)

    def __getitem__(self, i: int) -> Threshold:
        return self.thresholds[i]



GAME_TYPES = (
    "Prisoner's Dilemma",
    "Deadlock",
    "Harmony",
    "Prisoner's Dilemma (reversed)",
    "Stag Hunt",
    "Stag Hunt (reversed)",
    "Chicken",
    "Battle of the Sexes",
    "Degenerate (ties)",
)


@dataclass(frozen=True)
class Classification(Rendered):
    """The type of a symmetric 2 x 2 game.

    Attributes
    ----------
    name : str or None
        The type when the payoffs (or their assumptions) decide it, else None.
    conditions : dict
        ``{type: sympy Boolean}`` for every type possible for some parameter
        values (identically false ones left out).
    R, S, T, P : sympy.Expr
        The payoffs (first strategy = C).
    strategies : tuple of str
    game_name : str
    """

    name: str | None
    conditions: dict[str, Any]
    R: sympy.Expr
    S: sympy.Expr
    T: sympy.Expr
    P: sympy.Expr
    strategies: tuple[str, str] = ("C", "D")
    game_name: str = ""




@dataclass(frozen=True)
class Derivative(Rendered):
    """One partial derivative of an equilibrium quantity.

    Attributes
    ----------
    quantity : str
        ``"P(Researcher: Washed)"`` or ``"payoff of Funder"``.
    parameter : sympy.Symbol
    derivative : sympy.Expr
    sign : int or None
        +1, -1 or 0 when the assumptions decide the strict sign; None otherwise.
    weak_sign : int or None
        +1 when the derivative is nonnegative, -1 when nonpositive, else None.
    """

    quantity: str
    parameter: sympy.Symbol
    derivative: sympy.Expr
    sign: int | None
    weak_sign: int | None = None



@dataclass(frozen=True)
class ComparativeStatics:
    """The derivatives of one equilibrium's quantities (iterates over them)."""

    record: ConditionalEquilibrium
    derivatives: tuple[Derivative, ...]

    def __iter__(self) -> Iterator[Derivative]:
        return iter(self.derivatives)

    def __len__(self) -> int:
        return len(self.derivatives)

    def of(self, quantity: str, parameter: Any) -> Derivative:
        """The derivative of ``quantity`` with respect to ``parameter`` (Symbol or name)."""
        name = parameter.name if isinstance(parameter, sympy.Symbol) else parameter
        for d in self.derivatives:
            if d.quantity == quantity and d.parameter.name == name:
                return d
        raise UnknownNameError(suggest(f"{quantity} / {name}",
                                       {f"{d.quantity} / {d.parameter.name}" for d in self.derivatives},
                                       what="derivative"))


@dataclass(frozen=True)
class InterventionCost(Rendered):
    r"""The minimal transfer that reaches a goal, and what it costs.

    Attributes
    ----------
    amount : sympy.Expr
        The minimal transfer per player (closed form; 0 when none is needed).
    total_cost : sympy.Expr
        What the intervener pays when everyone plays the target: ``amount``
        times the number of players for a subsidy, 0 for a tax (nobody is
        taxed), ``q * amount`` per player for a prize.
    instrument, target, strategy : str
    sufficient_only : bool
        True when ``amount`` is sufficient but may not be minimal (the
        ``"unique"`` goal with symbolic parameters).
    game_name : str
    values : dict
        The parameter values used (empty when symbolic).
    """

    amount: sympy.Expr
    total_cost: sympy.Expr
    instrument: str
    target: str
    strategy: str
    sufficient_only: bool = False
    game_name: str = ""
    values: Mapping[str, sympy.Expr] = field(default_factory=dict)

    def at(self, values: Mapping[Any, Any] | ParameterSet) -> tuple[sympy.Expr, sympy.Expr]:
        """``(amount, total_cost)`` at parameter values."""
        syms = self.amount.free_symbols | self.total_cost.free_symbols
        subs = _value_map(syms, values)
        return sympy.piecewise_fold(self.amount.xreplace(subs)), sympy.piecewise_fold(self.total_cost.xreplace(subs))



@dataclass(frozen=True)
class BuyoutEffect:
    """What a buy-out budget buys.

    Attributes
    ----------
    careers : sympy.Integer
        Whole careers bought: ``floor(budget / career_cost)``.
    doom_change : sympy.Expr
        Change of P(doom): ``-careers * doom_per_career`` (unclamped).
    p_doom_after : sympy.Expr or None
        ``max(0, p_doom + doom_change)`` when ``p_doom`` was given.
    """

    careers: sympy.Expr
    doom_change: sympy.Expr
    p_doom_after: sympy.Expr | None = None

