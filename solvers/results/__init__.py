"""Result types: frozen values returned by the solvers.

Rule of the room: these modules import nothing of the analysis layer but
:mod:`solvers.errors` and :mod:`solvers.symbolic`; their ``_repr_latex_``
calls :func:`solvers.render.latex.repr_latex` at display time (the one
deliberate lazy import from results into render).
"""
