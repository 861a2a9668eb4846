"""aligngames' model layer: symbolic games of the Alignment-vs-Capabilities choice.

``games`` holds what is analysed: the :class:`Game` and :class:`SymmetricGame`
objects, the essay's parameters (:mod:`games.essay`), our modelling
assumptions (:mod:`games.assumptions`) and the game library (:func:`library`).
It never imports :mod:`solvers`.

The public names are listed once, in ``games/__init__.pyi``; each is loaded
from its module on first use (``lazy_loader``), so ``import games.errors`` --
or the sweep command line, which needs no sympy -- does not import sympy.

Examples
--------
>>> import games
>>> games.essay.parameters()["p_doom"].value
1/5
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)

__version__ = "0.1.0"
