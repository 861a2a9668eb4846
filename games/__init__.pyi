"""The public names of :mod:`games`: this stub is the one list.

``games/__init__.py`` reads it (``lazy_loader.attach_stub``); type checkers
read it as the package's interface.
"""

from . import (
    assumptions as assumptions,
    collective as collective,
    core as core,
    distributions as distributions,  # issue 18: parameter distributions
    errors as errors,
    essay as essay,
    geopolitical as geopolitical,
    individual as individual,
    interventions as interventions,
    organizational as organizational,
    parameters as parameters,
    removal as removal,  # issue 18: the buy-out as removal
    reputation as reputation,
    symmetric as symmetric,
)
from ._registry import build as build, library as library, library_entries as library_entries
from .core import MAX_EXPANDED_PLAYERS as MAX_EXPANDED_PLAYERS, Game as Game
from .errors import (
    AligngamesError as AligngamesError,
    GameError as GameError,
    OutputError as OutputError,
    ParameterError as ParameterError,
    ParameterFileError as ParameterFileError,
    SizeLimitError as SizeLimitError,
    SymbolicError as SymbolicError,
    UnknownNameError as UnknownNameError,
)
from .parameters import Parameter as Parameter, ParameterSet as ParameterSet
from .symmetric import SymmetricGame as SymmetricGame

__version__: str

# --- continuous games (issue 16, continuous choices)
from . import continuous as continuous, races as races
from .continuous import ContinuousGame as ContinuousGame
from .errors import StrategyIntervalError as StrategyIntervalError

# --- hidden information (issue 16): Bayesian and signalling games
# isort: split
from . import bayesian as bayesian, hidden_information as hidden_information, signaling as signaling
from .bayesian import BayesianGame as BayesianGame
from .errors import MissingPayoffError as MissingPayoffError, PriorError as PriorError
from .signaling import SignalingGame as SignalingGame

# isort: split
# --- game trees and repeated games (issue 15: games.extensive, games.repeated, games.sequential)
from . import extensive as extensive, repeated as repeated, sequential as sequential
from .extensive import Chance as Chance, Decision as Decision, ExtensiveGame as ExtensiveGame, Outcome as Outcome
from .repeated import RepeatedGame as RepeatedGame
