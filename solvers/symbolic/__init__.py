"""Shared sympy helpers: relations, signs, assumption-based reduction and the lookup of names to symbols.

Rule of the room: imports only the model layer (:mod:`games`) and sympy; every
other room may use it.
"""
