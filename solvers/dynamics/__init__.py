"""Strategy dynamics: best-response graphs, regime graphs, replicator dynamics, the gradient of selection, fixation probabilities and invasion chains.

Rule of the room: graphs are returned as ``networkx.DiGraph`` with documented
node and edge attributes; drawing them is :mod:`solvers.render`'s job.
"""
