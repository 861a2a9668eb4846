r"""Display of the continuous-choice results: plain text, LaTeX rows, and the best-response plot.

:func:`continuous_text` is what ``str()`` prints for a
:class:`~solvers.results.continuous.ContinuousEquilibrium`,
:class:`~solvers.results.continuous.BestResponse` or
:class:`~solvers.results.continuous.RaceEquilibrium` (registered with
:func:`solvers.render.text.to_text`); :func:`continuous_rows` gives the
``(latex, plain)`` rows that :func:`solvers.render.latex.to_latex` sets in its
``aligned`` block.  :func:`plot_best_responses` draws the two best-response
curves of a two-player game (or the best response to a common strategy of a
symmetric game against the 45-degree line), with the equilibria marked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from games._text import format_number, latex_text
from games.errors import GameError
from solvers.render.plain import readable
from solvers.results.continuous import BestResponse, ContinuousEquilibrium, RaceEquilibrium

__all__ = ["continuous_text", "continuous_rows", "plot_best_responses", "CONTINUOUS_RESULTS"]

#: The result types this module renders.
CONTINUOUS_RESULTS = (ContinuousEquilibrium, BestResponse, RaceEquilibrium)


def _value(v: Any) -> str:
    return format_number(v, exact=True, digits=6, commas=False) if getattr(v, "is_number", False) else str(v)


def continuous_text(result: Any) -> str:
    """The plain text of a continuous-choice result.

    Examples
    --------
    >>> import sympy
    >>> q = sympy.Symbol("q")
    >>> print(continuous_text(ContinuousEquilibrium(sympy.Dict({q: sympy.Rational(3, 2)}), sympy.true,
    ...                                               (sympy.Rational(9, 4),), "interior", symbols=(q,))))
    q = 3/2  (payoffs 9/4; interior, first-order)
    """
    if isinstance(result, ContinuousEquilibrium):
        prof = ", ".join(f"{s} = {_value(result.profile[s])}" for s in result.symbols)
        pays = ", ".join(_value(p) for p in result.payoffs)
        text = f"{prof}  (payoffs {pays}; {result.kind}, {result.method})"
        if result.n_players is not None:
            text = f"each of {result.n_players} players: " + text
        return text if result.condition is sympy.true else f"{text}\n    if {readable(result.condition)}"
    if isinstance(result, BestResponse):
        text = f"{result.player}: {result.symbol} = {result.response}"
        return text if result.condition is sympy.true else f"{text}\n    if {readable(result.condition)}"
    if isinstance(result, RaceEquilibrium):
        var = f" (as a function of {result.variable})" if result.variable is not None else ""
        return (f"race to the precipice, {result.information} information: safety {result.safety}{var}\n"
                f"    disaster probability {result.disaster}")
    raise GameError(f"continuous_text: cannot render a {type(result).__name__}")


def continuous_rows(result: Any, names: Mapping[sympy.Symbol, str], expr: Callable[..., str],
                    plain: Callable[[Any], str]) -> list[tuple[str, str]]:
    r"""The ``(latex, plain)`` rows of a continuous-choice result (or a list of them).

    ``expr(e, names)`` and ``plain(e)`` are the LaTeX and plain writers of
    :mod:`solvers.render.latex`, passed in so this module needs no import of it.
    """
    if isinstance(result, (list, tuple)):
        rows: list[tuple[str, str]] = []
        for r in result:
            rows += continuous_rows(r, names, expr, plain)
        return rows
    if isinstance(result, ContinuousEquilibrium):
        prof_tex = ",\\ ".join(f"{expr(s, names)}^{{*}} = {expr(result.profile[s], names)}" for s in result.symbols)
        prof_plain = ", ".join(f"{s}* = {result.profile[s]}" for s in result.symbols)
        rows = [(latex_text(result.kind) + " &: " + prof_tex, f"{result.kind}: {prof_plain}")]
        if result.condition is not sympy.true:
            atoms = list(result.condition.args) if isinstance(result.condition, sympy.And) else [result.condition]
            for i, atom in enumerate(atoms):
                word = "if " if i == 0 else "and "
                rows.append((r"&\quad " + latex_text(word) + expr(atom, names), f"  {word}{plain(atom)}"))
        return rows
    if isinstance(result, BestResponse):
        tex = f"{latex_text(result.player)} &: {expr(result.symbol, names)} = {expr(result.response, names)}"
        return [(tex, f"{result.player}: {result.symbol} = {result.response}")]
    if isinstance(result, RaceEquilibrium):
        return [(latex_text(f"{result.information} information") + " &: s = " + expr(result.safety, names),
                 f"{result.information} information: s = {result.safety}"),
                (r"&\quad " + latex_text("disaster ") + "D = " + expr(result.disaster, names),
                 f"  disaster D = {result.disaster}")]
    raise GameError(f"continuous_rows: cannot render a {type(result).__name__}")


def plot_best_responses(responses: Sequence[BestResponse], *, ranges: Sequence[tuple[float, float]] | None = None,
                        equilibria: Sequence[ContinuousEquilibrium] = (), points: int = 400, ax: Any = None) -> Any:
    r"""Plot the best-response curves of a numeric two-player game (or a symmetric game's against the diagonal).

    Parameters
    ----------
    responses : sequence of BestResponse
        From :func:`solvers.best_responses` of a numeric game: two (one per
        player), or one for a symmetric game (plotted against :math:`x = y`).
    ranges : sequence of (float, float), optional
        The axis ranges of the strategies, in player order; by default
        :math:`[0, 2 x^*]` around the first equilibrium (or [0, 1]).
    equilibria : sequence of ContinuousEquilibrium, optional
        Marked with dots.
    points : int, default 400
    ax : matplotlib Axes, optional
        Drawn into; a new figure's axes when None.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    GameError
        For responses with free parameters, or not one or two of them.

    Examples
    --------
    >>> import sympy
    >>> from games import ContinuousGame
    >>> from solvers import best_responses, continuous_equilibria
    >>> q1, q2 = sympy.symbols("q1 q2", nonnegative=True)
    >>> g = ContinuousGame(("A", "B"), ((q1, 0, 10), (q2, 0, 10)), ((9 - q1 - q2) * q1, (9 - q1 - q2) * q2))
    >>> ax = plot_best_responses(best_responses(g), equilibria=continuous_equilibria(g))
    >>> len(ax.lines)
    3
    """
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(4.5, 4.5))
    brs = list(responses)
    if len(brs) not in (1, 2) or not all(isinstance(b, BestResponse) for b in brs):
        raise GameError("plot_best_responses: give the two BestResponse records of a two-player game "
                        "(or the one of a symmetric game)")
    for b in brs:
        if b.response.free_symbols - set(b.others):
            raise GameError(f"plot_best_responses: the response of {b.player!r} has free parameters "
                            f"{sorted(s.name for s in b.response.free_symbols - set(b.others))}; substitute values")
    if ranges is None:
        first = [float(v) for v in equilibria[0].values] if equilibria else []
        top = [2 * v if v > 0 else 1.0 for v in first] or [1.0, 1.0]
        ranges = [(0.0, top[0]), (0.0, top[-1])]
    if len(brs) == 1:
        (b,) = brs
        lo, hi = ranges[0]
        ys = np.linspace(lo, hi, points)
        f = sympy.lambdify(b.others, b.response, modules="numpy")
        with np.errstate(all="ignore"):
            ax.plot(ys, np.asarray(f(ys), dtype=float) * np.ones_like(ys), label=f"best response {b.symbol}")
        ax.plot(ys, ys, linestyle="--", color="grey", label=f"{b.symbol} = {b.others[0]}")
        ax.set_xlabel(f"each other player's {b.others[0]}")
        ax.set_ylabel(f"{b.symbol}")
        for e in equilibria:
            v = float(e.values[0])
            ax.plot([v], [v], "o", color="black")
    else:
        b1, b2 = brs
        (xlo, xhi), (ylo, yhi) = ranges[0], ranges[1]
        ys = np.linspace(ylo, yhi, points)
        xs = np.linspace(xlo, xhi, points)
        f1 = sympy.lambdify(b1.others, b1.response, modules="numpy")
        f2 = sympy.lambdify(b2.others, b2.response, modules="numpy")
        with np.errstate(all="ignore"):
            ax.plot(np.asarray(f1(ys), dtype=float) * np.ones_like(ys), ys, label=f"{b1.player}: {b1.symbol}")
            ax.plot(xs, np.asarray(f2(xs), dtype=float) * np.ones_like(xs), label=f"{b2.player}: {b2.symbol}")
        ax.set_xlabel(str(b1.symbol))
        ax.set_ylabel(str(b2.symbol))
        for e in equilibria:
            ax.plot([float(e.values[0])], [float(e.values[1])], "o", color="black")
    ax.legend(loc="best", fontsize="small")
    ax.set_title("Best responses")
    return ax
