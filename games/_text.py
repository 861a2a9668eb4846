r"""Text for LaTeX: the one escaper of the project (``games`` and ``solvers`` both use it)."""

from __future__ import annotations

__all__ = ["latex_escape"]


def latex_escape(text: str) -> str:
    r"""Escape LaTeX special characters in a plain-text label.

    Examples
    --------
    >>> print(latex_escape("R&D: 50% of $1b_#"))
    R\&D: 50\% of \$1b\_\#
    """
    repl = {
        "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
        "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    }
    return "".join(repl.get(ch, ch) for ch in text)


def _math_label(text: str) -> str:
    r"""A plain label inside math mode (``\text{...}``, escaped)."""
    return r"\text{" + latex_escape(text) + "}"

