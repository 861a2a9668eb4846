"""The Jupyter explorer: sliders for every parameter of a game, with its equilibria and regime map live."""
