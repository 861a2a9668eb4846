"""The public names of :mod:`games`: this stub is the one list.

``games/__init__.py`` reads it (``lazy_loader.attach_stub``); type checkers
read it as the package's interface.
"""

from . import assumptions as assumptions
from . import collective as collective
from . import core as core
from . import errors as errors
from . import essay as essay
from . import geopolitical as geopolitical
from . import individual as individual
from . import interventions as interventions
from . import organizational as organizational
from . import parameters as parameters
from . import reputation as reputation
from . import symmetric as symmetric
from ._registry import build as build
from ._registry import library as library
from ._registry import library_entries as library_entries
from .core import MAX_EXPANDED_PLAYERS as MAX_EXPANDED_PLAYERS
from .core import Game as Game
from .errors import (
    AligngamesError as AligngamesError,
)
from .errors import (
    GameError as GameError,
)
from .errors import (
    OutputError as OutputError,
)
from .errors import (
    ParameterError as ParameterError,
)
from .errors import (
    ParameterFileError as ParameterFileError,
)
from .errors import (
    SizeLimitError as SizeLimitError,
)
from .errors import (
    SymbolicError as SymbolicError,
)
from .errors import (
    UnknownNameError as UnknownNameError,
)
from .parameters import Parameter as Parameter
from .parameters import ParameterSet as ParameterSet
from .symmetric import SymmetricGame as SymmetricGame

__version__: str
