"""Per-session facts and per-group metrics computed from trace events alone (no ground truth)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class SessionFacts:
    """What one recorded session did (sessions without ``session_start`` are seed history)."""

    session_id: int
    profile_id: int
    policy: str
    number: int = 0
    """1 for the profile's first recorded session, 2 for its second, ..."""
    start_ms: int = 0
    watch_min: float = 0.0
    plays: int = 0
    page_views: int = 0
    impressions: int = 0
    clicks: int = 0
    """Plays started from a home tile."""
    abandoned_after_s: float | None = None
    """Browsing time before an ``abandon``, if the session was abandoned."""
    first_play_s: float | None = None


@dataclass
class TraceStats:
    """Everything the report draws, gathered in one pass over the events."""

    sessions: list[SessionFacts] = field(default_factory=list)
    clicks_by_pos: dict[tuple[int, int], int] = field(default_factory=dict)
    impressions_by_pos: dict[tuple[int, int], int] = field(default_factory=dict)
    match_impressions: list[tuple[str, int, int]] = field(default_factory=list)
    """(policy, % match shown, 1 if played from the tile) per impression."""
    artwork: list[tuple[int, int]] = field(default_factory=list)
    """(artwork id, 1 if played from the tile) per impression."""


def _tile(e: dict[str, Any]) -> tuple[Any, ...]:
    return (e["page_id"], e["row_pos"], e["col_pos"], e["title_id"])


def gather(events: Iterable[dict[str, Any]]) -> TraceStats:
    """One pass over events in ``event_id`` order."""
    stats = TraceStats()
    by_session: dict[int, SessionFacts] = {}
    matches: dict[tuple[Any, ...], int] = {}
    impressions: list[dict[str, Any]] = []
    played: set[tuple[Any, ...]] = set()
    counts: dict[int, int] = defaultdict(int)
    for e in events:
        kind, sid = e["type"], e["session_id"]
        if kind == "session_start":
            counts[e["profile_id"]] += 1
            by_session[sid] = SessionFacts(
                sid, e["profile_id"], e.get("policy") or "", counts[e["profile_id"]], e["t_ms"]
            )
            continue
        s = by_session.get(sid)
        if s is None:
            continue
        elapsed = (e["t_ms"] - s.start_ms) / 1000
        if kind == "page_view":
            s.page_views += 1
            for r, row in enumerate((e.get("payload") or {}).get("rows", [])):
                for c, tile in enumerate(row["tiles"]):
                    matches[(e["page_id"], r, c, tile[0])] = int(tile[4])
        elif kind == "impression":
            s.impressions += 1
            impressions.append(e)
        elif kind == "play_start":
            s.plays += 1
            if s.first_play_s is None:
                s.first_play_s = elapsed
            if e.get("row_id") and e.get("page_id"):
                s.clicks += 1
                played.add(_tile(e))
        elif kind == "play_stop":
            s.watch_min += float((e.get("payload") or {}).get("watched_s", 0.0)) / 60
        elif kind == "abandon":
            s.abandoned_after_s = elapsed
    for e in impressions:
        hit = int(_tile(e) in played)
        pos = (e["row_pos"], e["col_pos"])
        stats.impressions_by_pos[pos] = stats.impressions_by_pos.get(pos, 0) + 1
        stats.clicks_by_pos[pos] = stats.clicks_by_pos.get(pos, 0) + hit
        match = matches.get(_tile(e))
        if match is not None:
            stats.match_impressions.append((e.get("policy") or "", match, hit))
        if e.get("artwork_id") is not None:
            stats.artwork.append((int(e["artwork_id"]), hit))
    stats.sessions = list(by_session.values())
    return stats


@dataclass(frozen=True)
class Mean:
    """A mean with its normal-approximation 95 % interval."""

    mean: float
    half: float
    n: int

    def __str__(self) -> str:
        if self.n == 0 or math.isnan(self.mean):
            return "n/a"
        return f"{self.mean:.2f} ± {self.half:.2f}" if self.n > 1 else f"{self.mean:.2f}"


def mean_ci(values: Sequence[float]) -> Mean:
    """Mean and 1.96 standard errors."""
    x = np.asarray(values, dtype=float)
    if len(x) == 0:
        return Mean(float("nan"), float("nan"), 0)
    half = 1.96 * x.std(ddof=1) / math.sqrt(len(x)) if len(x) > 1 else float("nan")
    return Mean(float(x.mean()), float(half), len(x))


METRIC_COLUMNS = (
    "sessions",
    "watch min / session",
    "play rate",
    "abandonment",
    "time to 1st play (s)",
    "home CTR (%)",
)
"""Columns of the metrics table."""


def group_metrics(sessions: Sequence[SessionFacts]) -> dict[str, str]:
    """The table's cells for a group of sessions."""
    impressions = sum(s.impressions for s in sessions)
    clicks = sum(s.clicks for s in sessions)
    first = [s.first_play_s for s in sessions if s.first_play_s is not None]
    return {
        "sessions": str(len(sessions)),
        "watch min / session": str(mean_ci([s.watch_min for s in sessions])),
        "play rate": str(mean_ci([float(s.plays > 0) for s in sessions])),
        "abandonment": str(mean_ci([float(s.abandoned_after_s is not None) for s in sessions])),
        "time to 1st play (s)": f"{np.median(first):.0f} (median)" if first else "n/a",
        "home CTR (%)": f"{100 * clicks / impressions:.2f}" if impressions else "n/a",
    }


def wilson(hits: int, n: int) -> tuple[float, float]:
    """Wilson 95 % interval of a proportion."""
    if n == 0:
        return float("nan"), float("nan")
    z, p = 1.96, hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


__all__ = [
    "METRIC_COLUMNS",
    "Mean",
    "SessionFacts",
    "TraceStats",
    "gather",
    "group_metrics",
    "mean_ci",
    "wilson",
]
