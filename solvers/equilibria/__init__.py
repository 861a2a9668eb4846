"""Equilibria of numeric games: the Nash dispatch, verification, pure equilibria and dominance, vertex enumeration (exact and float), connected components, N-player support enumeration and symmetric n-player games.

Rule of the room: every equilibrium returned is verified (:mod:`solvers.equilibria.verify`);
results are the types of :mod:`solvers.results.equilibria`.
"""
