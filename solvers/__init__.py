"""aligngames' analysis layer: everything computed from a game, and its output.

One module per algorithm or family; each public function is re-exported here.
"""

__all__: list[str] = []
