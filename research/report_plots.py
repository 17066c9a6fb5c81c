"""The report's five figures, drawn with matplotlib (Agg backend, no display needed)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before pyplot: files only, never a window

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .report_metrics import TraceStats, wilson

HEAT_SIZE = 10
"""Rows and columns shown in the position heat map."""
MATCH_BINS = np.arange(40, 101, 5)
"""Edges of the % match buckets of the calibration plot."""


def watch_minutes(stats: TraceStats) -> tuple[Figure, dict[str, tuple[list[int], list[float]]]]:
    """Mean watch minutes of each policy's k-th session of a profile, k = 1, 2, ..."""
    by: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for s in stats.sessions:
        by[s.policy][s.number].append(s.watch_min)
    series = {
        p: (sorted(ks), [float(np.mean(ks[k])) for k in sorted(ks)]) for p, ks in sorted(by.items())
    }
    fig, ax = plt.subplots(figsize=(7, 4))
    for policy, (x, y) in series.items():
        ax.plot(x, y, marker="o", label=policy)
    ax.set(title="Watch minutes over sessions", xlabel="session of the profile", ylabel="minutes")
    ax.legend()
    return fig, series


def abandonment(stats: TraceStats) -> tuple[Figure, dict[str, tuple[list[float], list[float]]]]:
    """Share of each policy's sessions abandoned by t seconds of browsing."""
    by: dict[str, list[Any]] = defaultdict(list)
    for s in stats.sessions:
        by[s.policy].append(s.abandoned_after_s)
    horizon = max((t for ts in by.values() for t in ts if t is not None), default=60.0)
    grid = list(np.linspace(0, horizon, 40))
    series = {}
    for policy, times in sorted(by.items()):
        done = np.asarray([t for t in times if t is not None])
        series[policy] = (grid, [float((done <= t).sum() / len(times)) for t in grid])
    fig, ax = plt.subplots(figsize=(7, 4))
    for policy, (x, y) in series.items():
        ax.step(x, y, where="post", label=policy)
    ax.set(
        title="Abandonment over browsing time",
        xlabel="seconds since the session started",
        ylabel="share of sessions abandoned",
    )
    ax.legend()
    return fig, series


def calibration(stats: TraceStats) -> tuple[Figure, dict[str, tuple[list[float], list[float]]]]:
    """Play rate of impressions by the % match they showed, per policy."""
    by: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for policy, match, hit in stats.match_impressions:
        by[policy].append((match, hit))
    series = {}
    for policy, rows in sorted(by.items()):
        m = np.asarray([r[0] for r in rows])
        h = np.asarray([r[1] for r in rows])
        b = np.digitize(m, MATCH_BINS)
        xs, ys = [], []
        for k in np.unique(b):
            sel = b == k
            xs.append(float(m[sel].mean()))
            ys.append(float(100 * h[sel].mean()))
        series[policy] = (xs, ys)
    fig, ax = plt.subplots(figsize=(7, 4))
    for policy, (x, y) in series.items():
        ax.plot(x, y, marker="o", label=policy)
    ax.set(
        title="% match calibration",
        xlabel="% match shown (5-point buckets)",
        ylabel="plays per 100 impressions",
    )
    ax.legend()
    return fig, series


def position_heat(stats: TraceStats) -> tuple[Figure, np.ndarray]:
    """Plays started from each (row, column) of the home page: position bias."""
    grid = np.zeros((HEAT_SIZE, HEAT_SIZE), dtype=int)
    for (r, c), n in stats.clicks_by_pos.items():
        if r is not None and c is not None and r < HEAT_SIZE and c < HEAT_SIZE:
            grid[r, c] += n
    fig, ax = plt.subplots(figsize=(6, 5))
    image = ax.imshow(grid, cmap="Reds")
    for (r, c), n in np.ndenumerate(grid):
        if n:
            ax.text(c, r, str(n), ha="center", va="center", fontsize=7)
    ax.set(title="Plays by tile position", xlabel="column", ylabel="row")
    fig.colorbar(image, ax=ax, label="plays")
    return fig, grid


def artwork_wins(
    stats: TraceStats, aspects: dict[int, str]
) -> tuple[Figure, list[tuple[str, float, float, float, int]]]:
    """Win rate (plays per impression) of each artwork aspect, with Wilson 95 % intervals."""
    shown: dict[str, list[int]] = defaultdict(list)
    for artwork_id, hit in stats.artwork:
        shown[aspects.get(artwork_id, "?")].append(hit)
    rows = []
    for aspect, hits in sorted(shown.items()):
        lo, hi = wilson(sum(hits), len(hits))
        rows.append((aspect, 100 * sum(hits) / len(hits), 100 * lo, 100 * hi, len(hits)))
    fig, ax = plt.subplots(figsize=(7, 4))
    if rows:
        y = np.arange(len(rows))
        rate = np.asarray([r[1] for r in rows])
        err = np.maximum(np.asarray([[r[1] - r[2] for r in rows], [r[3] - r[1] for r in rows]]), 0)
        ax.barh(y, rate, xerr=err, color="#e50914")
        ax.set_yticks(y, [r[0] for r in rows])
    ax.set(title="Artwork variant win rates", xlabel="plays per 100 impressions (95 % CI)")
    fig.tight_layout()
    return fig, rows


__all__ = ["abandonment", "artwork_wins", "calibration", "position_heat", "watch_minutes"]
