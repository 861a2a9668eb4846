r"""The one figure style of the toolkit: figures drawn at the width they are printed, text of 8-9 pt, PDF + PNG.

Every figure the report and the command line make is drawn inside
:func:`figure_style` on a figure of :data:`TEXT_WIDTH_IN` inches (the
report's ``\linewidth``: A4 with 2.5 cm margins), so the sizes below are the
printed sizes: 9 pt labels, 8 pt ticks, legends and annotations.
:func:`save_figure` writes the vector PDF and a 300-dpi PNG through the one
atomic writer.  matplotlib is imported inside the functions.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from games._io import atomic_write_bytes

__all__ = ["TEXT_WIDTH_IN", "STYLE", "MIN_FONT_PT", "figure_style", "new_figure", "save_figure", "PALETTE"]

#: The report's \linewidth in inches (A4, 2.5 cm margins: 16 cm).
TEXT_WIDTH_IN = 16 / 2.54

#: The smallest text of any figure, in points at printed size.
MIN_FONT_PT = 8.0

#: Colour-blind-safe colours (Okabe and Ito), in the order figures use them.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

#: matplotlib rcParams of every figure.
STYLE: dict[str, Any] = {
    "font.size": 9.0,
    "axes.titlesize": 9.0,
    "axes.labelsize": 9.0,
    "xtick.labelsize": 8.0,
    "ytick.labelsize": 8.0,
    "legend.fontsize": 8.0,
    "legend.title_fontsize": 8.0,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 0.6,
    "lines.linewidth": 1.2,
    "axes.formatter.useoffset": False,  # no "1e6" offset text colliding with the axis label
    "axes.formatter.limits": (-5, 15),
    "axes.prop_cycle": None,  # set in figure_style (needs matplotlib's cycler)
    "pdf.fonttype": 42,
    "savefig.dpi": 300,
    "figure.dpi": 100,
}


@contextlib.contextmanager
def figure_style() -> Iterator[None]:
    """A context in which matplotlib draws in the toolkit's style.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> with figure_style():
    ...     import matplotlib.pyplot as plt
    ...     plt.rcParams["font.size"]
    9.0
    """
    import matplotlib as mpl
    from cycler import cycler

    rc = dict(STYLE)
    rc["axes.prop_cycle"] = cycler(color=list(PALETTE))
    with mpl.rc_context(rc):  # type: ignore[arg-type]
        yield


def new_figure(height_ratio: float = 0.5, *, width: float = TEXT_WIDTH_IN) -> tuple[Any, Any]:
    """A figure of the text width (``height = height_ratio * width``) and its axes, in the current style."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(width, width * height_ratio), layout="constrained")
    return fig, ax


def save_figure(fig: Any, folder: Path, stem: str, formats: tuple[str, ...] = ("pdf", "png")) -> list[Path]:
    """Write ``fig`` as ``stem.pdf`` (vector) and ``stem.png`` (300 dpi) into ``folder``; closes the figure."""
    import matplotlib.pyplot as plt

    out = []
    try:
        for ext in formats:
            buf = io.BytesIO()
            fig.savefig(buf, format=ext, dpi=300)
            out.append(atomic_write_bytes(Path(folder) / f"{stem}.{ext}", buf.getvalue()))
    finally:
        plt.close(fig)
    return out
