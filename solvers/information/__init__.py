"""Hidden information: Bayesian Nash equilibria of Bayesian games and perfect Bayesian equilibria of signalling games.

Rule of the room: every equilibrium returned is verified (best responses given beliefs, beliefs by Bayes rule on the path).
"""
