"""One crowd profile's viewing history as trace-schema rows (schema v1).

Given the titles a profile plays (in draw order) and its affinity for each, this module
decides how much of each it watched, when, whether it gave a thumbs, and what it saved
to My List, and writes the rows: one ``session``, ``event`` rows of type ``play_stop``,
``thumbs`` and ``my_list``, and the matching ``rating`` and ``my_list`` rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .vocabulary import HOUR_WEIGHTS

DAY_MS = 86_400_000
HOUR_MS = 3_600_000
HISTORY_DAYS = 60
"""The crowd's history covers the days just before the catalog epoch."""

MY_LIST_CHANCE = 0.35
"""Chance a crowd profile saved one to three more titles to My List."""

_HOURS = np.asarray(HOUR_WEIGHTS) / np.sum(HOUR_WEIGHTS)


@dataclass(frozen=True)
class Window:
    """When the history happens and what each title allows."""

    epoch_ms: int
    """The history ends just before this instant."""
    first_day: np.ndarray
    """Per title, the first day of the window (0..59) it can be watched (60: never)."""
    runtime_min: np.ndarray

    @property
    def start_ms(self) -> int:
        """Start of the window."""
        return self.epoch_ms - HISTORY_DAYS * DAY_MS

    def times(self, rng: np.random.Generator, titles: np.ndarray) -> np.ndarray:
        """Clock times (ms) within the window, after each title arrived, evening-heavy."""
        lo = self.first_day[titles]
        day = lo + np.floor(rng.random(len(titles)) * (HISTORY_DAYS - lo)).astype(np.int64)
        hour = rng.choice(24, size=len(titles), p=_HOURS)
        within = (rng.random(len(titles)) * HOUR_MS).astype(np.int64)
        return self.start_ms + day * DAY_MS + hour * HOUR_MS + within


@dataclass
class HistoryRows:
    """Rows of every table the crowd's history fills."""

    sessions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    ratings: list[dict[str, Any]] = field(default_factory=list)
    my_list: list[dict[str, Any]] = field(default_factory=list)


def context_json(device: str, hour: int) -> str:
    """The event context JSON, as the engine's ``make_event`` writes it (sorted, compact)."""
    return f'{{"device":{json.dumps(device)},"hour":{hour}}}'


def play_payload(duration_s: float, watched_s: float) -> str:
    """A play_stop payload JSON: watched from the start, stopped where watching ended."""
    return f'{{"duration_s":{duration_s!r},"position_s":{watched_s!r},"watched_s":{watched_s!r}}}'


def watched_fraction(rng: np.random.Generator, affinity: np.ndarray) -> np.ndarray:
    """How much of each title was watched, in (0, 1]: poor matches are often left early."""
    mu = 1.0 / (1.0 + np.exp(-8.0 * (affinity - 0.3)))
    fraction = rng.beta(1.0 + 4.0 * mu, 1.0 + 4.0 * (1.0 - mu))
    fraction = np.where(rng.random(len(affinity)) < 0.55 * mu, 1.0, fraction)
    return np.round(np.clip(fraction, 0.005, 1.0), 4)


def add_history(
    rng: np.random.Generator,
    out: HistoryRows,
    window: Window,
    *,
    profile_id: int,
    session_id: int,
    device: str,
    plays: np.ndarray,
    wishes: np.ndarray,
    affinity: np.ndarray,
    event_id: int,
) -> int:
    """Append one profile's rows to ``out``; returns the next free event id.

    ``plays`` and ``wishes`` are title positions (id - 1); ``affinity`` is the profile's
    affinity for every title.
    """
    a = affinity[plays]
    fraction = watched_fraction(rng, a)
    t_play = window.times(rng, plays)
    duration = window.runtime_min[plays] * 60.0
    watched = np.round(fraction * duration, 1)

    u = rng.random((len(plays), 3))
    up = (fraction >= 0.6) & (u[:, 0] < 0.22 * np.clip((a - 0.35) / 0.35, 0.0, 1.0))
    down = (fraction < 0.15) & (a < 0.15) & (u[:, 0] < 0.35)
    love = up & (a > 0.7) & (u[:, 1] < 0.5)
    thumb_t = t_play + 5_000 + (u[:, 2] * 85_000).astype(np.int64)
    thumb_t = np.minimum(thumb_t, window.epoch_ms - 1)

    wish_count = int(rng.integers(1, 4)) if rng.random() < MY_LIST_CHANCE else 0
    wishes = wishes[:wish_count]
    t_wish = window.times(rng, wishes)

    # (t_ms, order at equal times, type, title id, value, payload)
    rows: list[tuple[int, int, str, int, float, str | None]] = []
    for i, title in enumerate(plays.tolist()):
        title_id = title + 1
        payload = play_payload(float(duration[i]), float(watched[i]))
        rows.append((int(t_play[i]), 0, "play_stop", title_id, float(fraction[i]), payload))
        if up[i] or down[i]:
            value = 2 if love[i] else (1 if up[i] else -1)
            rows.append((int(thumb_t[i]), 1, "thumbs", title_id, float(value), None))
            out.ratings.append(
                {
                    "profile_id": profile_id,
                    "title_id": title_id,
                    "value": value,
                    "t_ms": int(thumb_t[i]),
                }
            )
    for i, title in enumerate(wishes.tolist()):
        rows.append((int(t_wish[i]), 2, "my_list", title + 1, 1.0, None))
        out.my_list.append(
            {"profile_id": profile_id, "title_id": title + 1, "added_ms": int(t_wish[i])}
        )
    if not rows:
        return event_id
    rows.sort(key=lambda row: (row[0], row[1], row[3]))
    for seq, (t_ms, _, kind, title_id, value, payload) in enumerate(rows):
        out.events.append(
            {
                "event_id": event_id + seq,
                "session_id": session_id,
                "profile_id": profile_id,
                "seq": seq,
                "t_ms": t_ms,
                "wall_time": t_ms / 1000.0,
                "type": kind,
                "page_id": None,
                "row_id": None,
                "row_pos": None,
                "col_pos": None,
                "title_id": title_id,
                "artwork_id": None,
                "value": value,
                "policy": "seed",
                "propensity": None,
                "context": context_json(device, (t_ms // HOUR_MS) % 24),
                "payload": payload,
            }
        )
    started = rows[0][0]
    if len(plays):
        started = min(started, int((t_play - watched * 1000).min()))
    out.sessions.append(
        {
            "id": session_id,
            "profile_id": profile_id,
            "device": device,
            "policy": "seed",
            "clock": "virtual",
            "started_ms": started,
            "ended_ms": rows[-1][0],
        }
    )
    return event_id + len(rows)
