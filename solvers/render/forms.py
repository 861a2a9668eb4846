r"""The renderers of the results beyond the numeric strategic form, imported when such a result is first shown.

The closed forms (:mod:`solvers.render.conditions`, the text of :mod:`solvers.results.conditions`), game trees and repeated games (:mod:`solvers.render.tree`), hidden information
(:mod:`solvers.render.information`), continuous choices (:mod:`solvers.render.continuous`) and the
solution concepts beyond Nash (:mod:`solvers.render.concepts`) each render the result types of one
module of :mod:`solvers.results`.  :func:`renderer` gives the renderer of a result's module only once
that module is loaded: a result can be one of its types only then, so while it is not, no type check
against it is needed and its renderer (with the game forms it imports) stays unloaded.  This keeps
``aligngames solve`` of a strategic-form game from loading every game form's code (the command line's
start-up, issue 17; ARCHITECTURE.md, "Imports by name").

Examples
--------
>>> import sys
>>> from solvers.results.information import BayesianEquilibrium
>>> renderer("solvers.results.information").__name__
'solvers.render.information'
>>> renderer(BayesianEquilibrium) is renderer("solvers.results.information")
True
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

__all__ = ["FORM_RENDERERS", "renderer", "loaded_renderers"]

#: Module of result types -> the module of :mod:`solvers.render` that renders them.
FORM_RENDERERS = {
    "solvers.results.conditions": "solvers.render.conditions",
    "solvers.results.sequential": "solvers.render.tree",
    "solvers.results.information": "solvers.render.information",
    "solvers.results.continuous": "solvers.render.continuous",
    "solvers.results.concepts": "solvers.render.concepts",
}


def renderer(of: str | type) -> ModuleType | None:
    """The renderer of the result types of module ``of`` (or of the module defining type ``of`` or a base).

    None when no such module is loaded (then no object can be one of its types) or the type is none of
    theirs.
    """
    names = [of] if isinstance(of, str) else [getattr(c, "__module__", "") for c in of.__mro__]
    for name in names:
        if name in FORM_RENDERERS and name in sys.modules:
            return importlib.import_module(FORM_RENDERERS[name])
    return None


def loaded_renderers() -> list[ModuleType]:
    """The renderers whose result modules are loaded, in the order of :data:`FORM_RENDERERS`."""
    return [r for r in map(renderer, FORM_RENDERERS) if r is not None]
