"""Every figure the report and ``aligngames graph`` make: no two text boxes overlap, no text leaves the figure,
no text is smaller than 8 pt, and the figure is drawn at the report's text width (so sizes are printed sizes).

Each figure is checked at the moment it is saved (``Figure.savefig`` wrapped), with matplotlib's own renderer:
``Text.get_window_extent(renderer)`` of every visible, non-empty text.
"""

from __future__ import annotations

import itertools

import matplotlib
import pytest

matplotlib.use("Agg")

import games  # noqa: E402
from solvers.render.style import MIN_FONT_PT, TEXT_WIDTH_IN  # noqa: E402
from solvers.report.build import build_report  # noqa: E402


def _texts(fig):
    """The texts a draw of ``fig`` actually renders (tick labels outside the axis limits are not drawn)."""
    from matplotlib.text import Text

    drawn = []
    original = Text.draw

    def draw(self, renderer):
        drawn.append(self)
        return original(self, renderer)

    Text.draw = draw
    try:
        fig.canvas.draw()
    finally:
        Text.draw = original
    renderer = fig.canvas.get_renderer()
    out = []
    for t in dict.fromkeys(drawn):
        if not t.get_visible() or not t.get_text().strip() or t.get_alpha() == 0:
            continue
        out.append((t.get_text(), t.get_window_extent(renderer), t.get_fontsize()))
    return out


def _problems(fig) -> list[str]:
    problems = []
    box = fig.bbox
    texts = _texts(fig)
    for text, bb, size in texts:
        if bb.x0 < box.x0 - 0.5 or bb.y0 < box.y0 - 0.5 or bb.x1 > box.x1 + 0.5 or bb.y1 > box.y1 + 0.5:
            problems.append(f"{text!r} leaves the figure ({bb} outside {box})")
        if size < MIN_FONT_PT:
            problems.append(f"{text!r} is {size} pt (at least {MIN_FONT_PT})")
    for (ta, a, _), (tb, b, _) in itertools.combinations(texts, 2):
        ta, tb = ta.replace("\n", " / "), tb.replace("\n", " / ")
        if a.overlaps(b) and a.width > 0 and b.width > 0:
            inter_w = min(a.x1, b.x1) - max(a.x0, b.x0)
            inter_h = min(a.y1, b.y1) - max(a.y0, b.y0)
            if inter_w > 0.5 and inter_h > 0.5:  # touching at a pixel is not an overlap
                problems.append(f"{ta!r} overlaps {tb!r}")
    width = fig.get_size_inches()[0]
    if abs(width - TEXT_WIDTH_IN) > 0.01:
        problems.append(f"figure is {width:.2f} in wide (the text width is {TEXT_WIDTH_IN:.2f} in)")
    return problems


@pytest.fixture
def checked_figures(monkeypatch):
    """Every figure saved while the fixture is active: (name, problems)."""
    from matplotlib.figure import Figure

    seen: list[tuple[str, list[str]]] = []
    original = Figure.savefig

    def savefig(self, fname, *args, **kwargs):
        name = getattr(fname, "name", None) or str(fname)
        seen.append((name if isinstance(name, str) else "buffer", _problems(self)))
        return original(self, fname, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", savefig)
    return seen


def test_every_report_figure_is_legible(checked_figures, tmp_path):
    rep = build_report(sections=("thresholds", "uncertainty", "dynamics"))
    assert set(rep.figures) == {"regime_map_career_choice", "tornado_career_choice", "gap_histogram_career_choice",
                                "best_response_lab_race", "best_response_great_power_race",
                                "best_response_alignment_washing", "invasion_collective_action_pair"}
    for stem, draw in rep.figures.items():
        before = len(checked_figures)
        draw(tmp_path)
        assert len(checked_figures) > before, f"{stem}: nothing was drawn"
        bad = [p for _, probs in checked_figures[before:] for p in probs]
        assert not bad, f"{stem}: {bad}"
    # vector PDF and a 300-dpi PNG of each: the PNG is the text width times 300 pixels wide
    from PIL import Image

    for stem in rep.figures:
        assert (tmp_path / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
        with Image.open(tmp_path / f"{stem}.png") as im:
            assert abs(im.size[0] - TEXT_WIDTH_IN * 300) <= 2, (stem, im.size)


GRAPH_CASES = [
    (name, kind) for name, e in games.library_entries(family="normal-form").items()
    for kind in ("best-response", "invasion", "chain")
    if name != "collective_action"  # 50 players: 2**50 profiles, refused by the command line
    and (kind == "best-response" or name in ("collective_action_pair", "lab_race", "great_power_race"))
] + [("career_choice", "regimes"), ("great_power_race", "regimes")]

RANGES = {"career_choice": ["--range", "altruism_weight=0:0.5", "--range", "researcher_vsl_multiplier=1:5"],
          "great_power_race": ["--range", "capabilities_edge=0:5e12"]}


@pytest.mark.parametrize("name,kind", GRAPH_CASES, ids=[f"{n}-{k}" for n, k in GRAPH_CASES])
def test_every_cli_graph_figure_is_legible(checked_figures, cli, tmp_path, name, kind):
    extra = RANGES.get(name, []) + ["--samples", "21"] if kind == "regimes" else []
    if kind in ("invasion", "chain"):
        extra = ["--population", "20", "--selection", "1e-11"]
    r = cli("graph", name, "--kind", kind, "--out", str(tmp_path / "g.png"), *extra)
    assert r.code == 0, r.err
    assert checked_figures, "nothing was drawn"
    bad = [p for _, probs in checked_figures for p in probs]
    assert not bad, bad


def test_best_response_edges_carry_dollar_gains(checked_figures):
    from solvers.dynamics.best_response import best_response_graph
    from solvers.render.graphs import draw_graph

    # lab race at the essay's values (games/organizational.py lab_race: prize M, each lab's investment I/2 in
    # every cell): against Safety, switching to Capabilities gains
    # (sigma M - I/2 - P L/2) - (M/2 - I/2 - kappa) = M (sigma - 1/2) + kappa - P L/2; against Capabilities,
    # (M/2 - I/2 - P L) - ((1 - sigma) M - I/2 - kappa - P L/2) is the same. With M = $150bn, sigma = 0.8,
    # kappa = $5bn, P = 0.2, L = $100bn: 150 x 0.3 + 5 - 0.2 x 100 / 2 = 45 + 5 - 10 = $40bn, for each lab
    # against each strategy of the other: four edges
    G = best_response_graph(games.build("lab_race").subs(games.essay.parameters()))
    ax = draw_graph(G)
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("+$40bn") == 4
    legend = [t.get_text() for t in ax.figure.legends[0].get_texts()]
    assert "pure equilibrium" in legend and "Lab 1 deviates (gain, USD)" in legend
    assert not _problems(ax.figure)


def test_the_readmes_regime_map_is_legible(checked_figures, cli, tmp_path):
    # the README's example: two parameters picked by the command line, five regimes of which several hold
    # many equilibria at once: too long to write inside the regions, so a legend under the map names them
    r = cli("graph", "great_power_race", "--kind", "regimes", "--out", str(tmp_path / "reg.png"), "--samples", "41")
    assert r.code == 0, r.err
    assert checked_figures and not [p for _, probs in checked_figures for p in probs]
