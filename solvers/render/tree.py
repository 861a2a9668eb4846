r"""Output of the game-tree and repeated-game results: text, LaTeX, the tree figure and the folk-theorem figure.

:data:`TEXT` and :data:`LATEX` map each result type of
:mod:`solvers.results.sequential` to its renderer; :mod:`solvers.render.text`
and :mod:`solvers.render.latex` register them.  :func:`tree_figure` draws a
game tree (TikZ) with an equilibrium's choices in bold, as a
fragment or a standalone document; :func:`plot_folk_region` draws the
feasible and individually rational payoffs with matplotlib.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import sympy

from games._text import format_number, latex_escape
from games.extensive import Decision, ExtensiveGame
from games.parameters import latex_symbol_names
from solvers.render.plain import readable
from solvers.results.sequential import ConditionalSPE, FolkRegion, SubgamePerfectEquilibrium, Sustainability

__all__ = ["TEXT", "LATEX", "tree_figure", "plot_folk_region"]


def _n(v: Any) -> str:
    return format_number(v, exact=True, digits=6, commas=False)


def _probs(probs: Mapping[str, Any]) -> str:
    parts = [a if p == 1 else f"{_n(p)} {a}" for a, p in probs.items() if p != 0]
    return " + ".join(parts) or "-"


def spe_text(e: SubgamePerfectEquilibrium) -> str:
    """``Entrant@root: In; Incumbent@In: Accommodate  (path In > Accommodate; payoffs 1, 1)``."""
    body = "; ".join(f"{h}: {_probs(dict(p))}" for h, p in e.behaviour)
    path = " > ".join(e.path) or "(root)"
    return f"{body}  (path {path}; payoffs {', '.join(_n(v) for v in e.payoffs)})"


def conditional_spe_text(r: ConditionalSPE) -> str:
    """``(In, Accommodate): Entrant@root: In; ... payoffs (1, 1) if f <= 1``."""
    body = "; ".join(f"{h}: {_probs(dict(zip(r.strategies[k], r.profile[k])))}" for k, h in enumerate(r.players))
    return f"{r.label}: {body}; payoffs ({', '.join(str(v) for v in r.payoffs)}) if {readable(r.condition)}"


def sustainability_text(s: Sustainability) -> str:
    """The profile, the punishment, the condition and the threshold, one line each."""
    k = f", k = {s.k}" if s.k is not None else ""
    lines = [f"repeating ({', '.join(s.profile)}) in {s.game_name} under {s.punishment} punishment{k}:",
             f"  subgame perfect iff {readable(s.condition)}"]
    if s.threshold is not None:
        where = "" if s.threshold_valid_if is sympy.true else f"  (where {readable(s.threshold_valid_if)})"
        lines.append(f"  threshold: {s.discount} >= {readable(s.threshold)}{where}")
    return "\n".join(lines)


def folk_text(f: FolkRegion) -> str:
    """The minmax values and the vertices of the region."""
    pts = ", ".join(f"({_n(x)}, {_n(y)})" for x, y in f.region) or "empty"
    return (f"feasible and individually rational payoffs of {f.game_name or 'the game'}: minmax values "
            f"({', '.join(_n(v) for v in f.minmax)}); region with vertices {pts}")


def sustainability_latex(s: Sustainability) -> str:
    """The condition (and threshold) as display math."""
    names = latex_symbol_names()
    tex = sympy.latex(s.condition, symbol_names=names)
    if s.threshold is not None:
        tex += r",\qquad " + sympy.latex(s.discount, symbol_names=names) + r" \ge " + sympy.latex(
            s.threshold, symbol_names=names)
    return "$$" + tex + "$$"


def spe_latex(e: SubgamePerfectEquilibrium) -> str:
    """The behaviour profile as inline math."""
    parts = []
    for h, probs in e.behaviour:
        inner = " + ".join((rf"\text{{{latex_escape(a)}}}" if p == 1 else
                            rf"{format_number(p, exact=True, latex=True)}\,\text{{{latex_escape(a)}}}")
                           for a, p in probs if p != 0)
        parts.append(rf"\text{{{latex_escape(h)}}}: {inner}")
    return "$" + r";\ ".join(parts) + "$"


def folk_latex(f: FolkRegion) -> str:
    """The minmax values and the region's vertices as inline math."""
    def n(v: Any) -> str:
        return format_number(v, exact=True, latex=True)
    pts = ",\\ ".join(f"({n(x)}, {n(y)})" for x, y in f.region) or r"\emptyset"
    return (r"$\underline v = (" + ", ".join(n(v) for v in f.minmax) + r"),\quad \text{region: }\operatorname{conv}\{"
            + pts + r"\}$")


#: Result type -> plain-text renderer (registered by :mod:`solvers.render.text`).
TEXT: dict[type, Callable[[Any], str]] = {
    SubgamePerfectEquilibrium: spe_text, ConditionalSPE: conditional_spe_text,
    Sustainability: sustainability_text, FolkRegion: folk_text,
}

#: Result type -> Jupyter LaTeX renderer (registered by :mod:`solvers.render.latex`).
LATEX: dict[type, Callable[[Any], str]] = {Sustainability: sustainability_latex, SubgamePerfectEquilibrium: spe_latex,
                                          FolkRegion: folk_latex}


def tree_figure(game: ExtensiveGame, equilibrium: SubgamePerfectEquilibrium | ConditionalSPE | None = None, *,
                standalone: bool = False) -> str:
    r"""The tree as TikZ, the actions an equilibrium takes for sure in bold.

    Parameters
    ----------
    game : ExtensiveGame
    equilibrium : SubgamePerfectEquilibrium or ConditionalSPE, optional
    standalone : bool
        A complete LaTeX document (article, landscape; compiles with pdflatex and
        texlive-pictures' TikZ).

    Examples
    --------
    >>> from games.extensive import Decision, Outcome
    >>> g = ExtensiveGame(("A",), Decision("A", {"l": Outcome((0,)), "r": Outcome((1,))}))
    >>> from solvers import subgame_perfect_equilibria
    >>> "line width" in tree_figure(g, subgame_perfect_equilibria(g)[0])
    True
    """
    highlight = []
    if equilibrium is not None:
        for path, node in game.nodes():
            if not isinstance(node, Decision):
                continue
            chosen = equilibrium.action(game.label_of(path, node))
            if chosen is not None:
                highlight.append(path + (chosen,))
    body = game.latex(highlight=highlight)
    if not standalone:
        return body
    return "\n".join([r"\documentclass{article}", r"\usepackage[margin=1cm,landscape]{geometry}",
                      r"\usepackage{amsmath}", r"\usepackage{tikz}", r"\pagestyle{empty}",
                      r"\begin{document}", r"\begin{center}", body, r"\end{center}", r"\end{document}", ""])


def plot_folk_region(region: FolkRegion, ax: Any = None) -> Any:
    """Draw the feasible payoffs, the minmax lines and the folk-theorem region; returns the axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    if region.feasible:
        xs, ys = zip(*[(float(x), float(y)) for x, y in region.feasible])
        ax.fill(xs, ys, color="0.9", label="feasible")
    if region.region:
        xs, ys = zip(*[(float(x), float(y)) for x, y in region.region])
        ax.fill(xs, ys, color="tab:blue", alpha=0.45, label="individually rational")
    ax.axvline(float(region.minmax[0]), color="0.3", ls="--", lw=1)
    ax.axhline(float(region.minmax[1]), color="0.3", ls="--", lw=1)
    ax.set_xlabel(f"payoff of {region.players[0]}")
    ax.set_ylabel(f"payoff of {region.players[1]}")
    ax.legend(loc="best", fontsize="small")
    return ax
