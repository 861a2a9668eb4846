"""aligngames' analysis layer: everything computed from a game, and its output.

One sub-package per concern (see ``ARCHITECTURE.md``): ``equilibria``,
``conditions``, ``dynamics``, ``sweeps``, ``render``, ``report``,
``explorer``, ``cli``, with the result types in ``results`` and the
exceptions in ``errors``.  Every public function and result type is
importable from here: ``from solvers import nash_equilibria``.

The list of public names is ``solvers/__init__.pyi``, read by
``lazy_loader`` (scientific-python SPEC 1): a name's module is imported on
its first use, so ``import solvers`` is cheap, and the ``aligngames sweep``
command line, which needs no sympy, never imports it.
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
