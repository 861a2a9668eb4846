"""The command line ``aligngames`` (console script ``solvers.cli:main``).

:mod:`solvers.cli.app` builds the parser and dispatches; each subcommand's
module is imported only when it runs, so ``aligngames sweep`` starts without
sympy.
"""

from solvers.cli.app import build_parser, main

__all__ = ["main", "build_parser"]
