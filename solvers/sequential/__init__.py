"""Game trees and repeated games: subgame-perfect equilibria by backward induction and by proper subgames, and the sustainability of repeated play (one-shot deviation principle).

Rule of the room: every equilibrium returned is verified (no profitable deviation in any subgame).
"""
