"""The report's figures in the terminal: plotext line charts, text bars and a text heat map."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

SHADES = " ░▒▓█"
"""Heat-map cells from none to most."""


def line_chart(fig: Figure, width: int = 72, height: int = 16) -> str:
    """A matplotlib line figure redrawn in text by plotext (colourless, ``width`` x ``height``)."""
    import plotext as pt  # imported here: only the report draws in the terminal

    pt.matplotlib(fig)
    pt.figure.plot_size(width, height)
    return str(pt.figure.build().string(colorless=True))


def bars(title: str, labels: Sequence[str], values: Sequence[float], width: int = 40) -> str:
    """Horizontal text bars."""
    top = max(values, default=0.0) or 1.0
    pad = max((len(label) for label in labels), default=0)
    lines = [title]
    for label, value in zip(labels, values, strict=True):
        lines.append(f"  {label:<{pad}} {'█' * round(width * value / top):<{width}} {value:.2f}")
    return "\n".join(lines)


def heat_map(title: str, grid: np.ndarray) -> str:
    """A shaded grid (rows down, columns across) with the largest count named."""
    top = grid.max() or 1
    lines = [f"{title} (█ = {top})", "      " + "".join(f"{c:>3}" for c in range(grid.shape[1]))]
    for r, row in enumerate(grid):
        cells = "".join(" " + SHADES[min(4, int(np.ceil(4 * n / top)))] * 2 for n in row)
        lines.append(f"row {r:>2}" + cells)
    return "\n".join(lines)


__all__ = ["bars", "heat_map", "line_chart"]
