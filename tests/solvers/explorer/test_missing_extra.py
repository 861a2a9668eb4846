"""``solvers.explore`` without ipywidgets: the package's own error, naming the extra that installs it."""

from __future__ import annotations

import sys

import pytest

import games
import solvers
from games.errors import AligngamesError


def test_explore_without_ipywidgets_names_the_notebooks_extra(monkeypatch):
    # a None entry in sys.modules makes "import ipywidgets" raise ImportError, as on a machine without it
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(solvers.MissingExtraError) as info:
        solvers.explore(games.build("career_choice"), plot=False, regime=False)
    message = str(info.value)
    assert "ipywidgets" in message and "aligngames[notebooks]" in message and message.startswith("explore:")
    # still an ImportError for code that guards optional features, and an AligngamesError for the CLI
    assert isinstance(info.value, ImportError) and isinstance(info.value, AligngamesError)
    assert isinstance(info.value.__cause__, ImportError)
