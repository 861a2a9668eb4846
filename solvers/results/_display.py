"""How result types are shown: ``str()`` and Jupyter's LaTeX come from :mod:`solvers.render`.

The result types know no formatting.  :class:`Rendered` gives them
``__str__`` and ``_repr_latex_`` as one-line calls into the renderers, which
dispatch on the type.  :func:`_render` holds the one deliberate lazy import
from ``results`` into ``render`` (named in ARCHITECTURE.md): ``render``
imports the result types, so the results import it only when displayed.
"""

from __future__ import annotations

import functools
import types
from typing import Any


@functools.cache
def _render() -> types.SimpleNamespace:
    """The LaTeX renderers (imported on first display as LaTeX; ``solvers.render`` imports this package)."""
    import solvers.render.latex as latex

    return types.SimpleNamespace(repr_latex=latex.repr_latex, inline=latex.inline_latex)


@functools.cache
def _text() -> Any:
    """The text renderer (imported on first ``str()``; ``str()`` alone does not load the LaTeX one, issue 17)."""
    import solvers.render.text as text

    return text.to_text


class Rendered:
    """Mixin of the result types: ``str(result)`` and ``result._repr_latex_()`` via :mod:`solvers.render`."""

    __slots__ = ()

    def __str__(self) -> str:
        text: str = _text()(self)
        return text

    def _repr_latex_(self) -> str:
        tex: str = _render().repr_latex(self)
        return tex


def inline_latex(result: Any) -> str:
    """The inline LaTeX of a result (``Equilibrium.latex()``), from :mod:`solvers.render.latex`."""
    tex: str = _render().inline(result)
    return tex
