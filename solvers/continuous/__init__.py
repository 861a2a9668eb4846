"""Continuous choices: pure Nash equilibria of games with interval strategies, from first-order conditions with second-order and boundary checks.

Rule of the room: every equilibrium returned is verified (no player gains from a deviation).
"""
