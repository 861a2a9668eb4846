"""``python -m solvers.cli``: the ``aligngames`` command line."""

import sys

from solvers.cli.app import main

sys.exit(main())
