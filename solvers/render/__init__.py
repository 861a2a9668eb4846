"""Rendering: LaTeX by type dispatch, the one number formatter, graph drawing, phase portraits and TikZ.

Rule of the room: it imports result types (:mod:`solvers.results`) and the
model layer, never an algorithm; it computes nothing about a game.
"""
