"""Parameter sweeps: grids and Monte Carlo over parameter ranges, in two stages.

The symbolic stage (:mod:`solvers.sweeps.template`, the only module of the
room that imports sympy or the game library) compiles a game's closed-form
conditions into a :class:`~solvers.sweeps.model.SweepTemplate` of plain data;
the numeric stage (model, program, sampling, kernel, validate, result, run,
cache) evaluates it with numpy only, on one process or on Dask.
"""
