r"""Every exception the analysis layer raises.

All derive from :class:`games.errors.AligngamesError` (a ``ValueError``), so
``except AligngamesError`` catches every error of bad input in the toolkit.
"""

from __future__ import annotations

from games.errors import (
    AligngamesError,
)

__all__ = ["ProfileError", "SweepError", "ProgramError", "UnsupportedPayoffError", "CLIError", "MissingExtraError"]


class ProfileError(AligngamesError):
    """A strategy profile does not fit the game (wrong lengths, negative or non-summing probabilities)."""


class SweepError(AligngamesError):
    """A sweep request is invalid (steps, samples, method, backend, distribution, chunk size)."""


class ProgramError(AligngamesError):
    """An expression that cannot be compiled, or a serialised program that is malformed."""


class UnsupportedPayoffError(AligngamesError):
    """A symmetric game's payoff is neither a polynomial nor a piecewise polynomial in the count."""


class CLIError(AligngamesError):
    """A command-line usage error (exit status 2)."""



class MissingExtraError(AligngamesError, ImportError):
    """An optional library a function needs is not installed; the message names the extra that installs it.

    Also an :class:`ImportError`, so code that guards an optional feature with
    ``except ImportError`` keeps working.

    Examples
    --------
    >>> err = MissingExtraError("explore: needs ipywidgets; install it with pip install 'aligngames[notebooks]'")
    >>> isinstance(err, ImportError), isinstance(err, AligngamesError)
    (True, True)
    """


# --- solvers.continuous (issue 16, continuous choices)
class NonDifferentiablePayoffError(AligngamesError):
    """A payoff is not differentiable in the player's own strategy where a first-order condition is needed."""


__all__.append("NonDifferentiablePayoffError")
