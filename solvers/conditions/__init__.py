"""Closed-form conditions of symbolic games: where each equilibrium holds, break-even values, selection, game types, comparative statics and intervention costs.

Rule of the room: symbolic (sympy) algorithms on games; results are returned
as the types of :mod:`solvers.results`; nothing here renders or draws.
"""
