"""The package's exception hierarchy.

Every error raised on bad input derives from :class:`AligngamesError`, itself a
:class:`ValueError`, so ``except ValueError`` keeps working for callers that do
not know this package.  Messages name the function or item at fault, the bad
value, and what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "AligngamesError",
    "GameError",
    "ParameterError",
    "UnknownNameError",
    "ParameterFileError",
    "SymbolicError",
    "SizeLimitError",
    "suggest",
]


class AligngamesError(ValueError):
    """Base class of every error this package raises on bad input."""


class GameError(AligngamesError):
    """A game's shape, strategies, players or payoff entries are invalid."""


class ParameterError(AligngamesError):
    """A parameter value is invalid for its kind (NaN, out of range, wrong type)."""


class UnknownNameError(AligngamesError, KeyError):
    """A parameter, game, strategy or case name is not known.

    Also a :class:`KeyError`, so mapping look-ups behave as Python users expect.
    """

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ParameterFileError(AligngamesError):
    """A parameter file (TOML) cannot be read or holds something not allowed."""


class SymbolicError(AligngamesError):
    """A numeric result was asked of an expression that still has free symbols."""


class SizeLimitError(AligngamesError):
    """A request would expand to more than the documented size limit."""


def suggest(name: str, allowed: Iterable[str], *, what: str = "name") -> str:
    """Return a message naming ``name`` as unknown, with the nearest valid names.

    Examples
    --------
    >>> suggest("vls", ["vsl", "p_doom"], what="parameter")
    "unknown parameter 'vls'; did you mean 'vsl'? (allowed: p_doom, vsl)"
    """
    allowed = sorted(allowed)
    import difflib  # on an error only: not at start-up (issue 17)

    close = difflib.get_close_matches(str(name), allowed, n=3, cutoff=0.6)
    msg = f"unknown {what} {str(name)!r}"
    if close:
        msg += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    shown = ", ".join(allowed[:40]) + (", ..." if len(allowed) > 40 else "")
    return msg + f" (allowed: {shown})"


class OutputError(AligngamesError):
    """An output file cannot be written where asked."""


__all__.append("OutputError")


# --- games.continuous (issue 16, continuous choices)
class StrategyIntervalError(GameError):
    """A continuous strategy's interval is empty: ``low > high``, ``low = oo`` or ``high = -oo``."""


__all__.append("StrategyIntervalError")
# --- hidden information (games.bayesian, games.signaling; issue 16)
class PriorError(GameError):
    """A common prior is invalid: a negative probability, or probabilities that do not sum to 1."""


class MissingPayoffError(GameError):
    """A payoff entry of a Bayesian or signalling game is missing (the message names the entry)."""


__all__ += ["PriorError", "MissingPayoffError"]
