"""A profile's stored history as a session sees it: loaded at start, kept up to date.

Opens the session's own row (the event store closes it with the session's last events);
loads ratings, My List (newest first), the artwork last seen per title, playback progress
and the titles clearly enjoyed; reads them for the home page and the player (Continue
Watching, finished, liked, resume points); writes My List changes. Plain functions: the
session holds the state.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import delete
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .models import MyListEntry

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.engine import Engine

    from .title_index import TitleIndex

CONTINUE_MIN, CONTINUE_MAX = 0.02, 0.95
"""A title stays in Continue Watching between these watched fractions."""
FRESH_MS = 3 * 86_400_000
"""A title stopped mid-way this recently puts Continue Watching first."""
LIKED_FRACTION = 0.5
"""Watching at least this much makes a title the seed of "Because you watched"."""

Progress = dict[int, tuple[float, float, int]]
"""Title id -> (position fraction, position s, t_ms) of its last stop."""


@dataclass
class EventHistory:
    """The part of a profile's history its stored events give (impressions and plays), as
    :func:`read_event_history` reads it; a session keeps it up to date as it records, so
    that the profile's next session can take it up instead of reading it again."""

    last_seen: np.ndarray
    """Per title index, the artwork position of its latest impression (-1: none)."""
    progress: Progress
    """Title id -> (position fraction, position s, t_ms) of its latest play_stop."""
    played_liked: list[tuple[int, int]]
    """(t_ms, title id) of each play_stop that watched :data:`LIKED_FRACTION` or more."""

    def add_play_stop(
        self, title_id: int, t_ms: int, value: float | None, data: Mapping[str, Any]
    ) -> None:
        """Fold in one stored play_stop: its columns, the payload decoded (``data``)."""
        duration = data.get("duration_s") or 0
        position = data.get("position_s", 0.0)
        fraction = position / duration if duration else float(value or 0)
        self.progress[int(title_id)] = (fraction, float(position), int(t_ms))
        if (value or 0) >= LIKED_FRACTION:
            self.played_liked.append((int(t_ms), int(title_id)))

    def copy(self) -> EventHistory:
        """An independent copy."""
        return EventHistory(self.last_seen.copy(), dict(self.progress), list(self.played_liked))


@dataclass
class ProfileHistory:
    """What a session loads about its profile when it starts."""

    ratings: dict[int, int]
    """Title id -> thumbs value (-1, 1, 2)."""
    my_list: list[int]
    """Title ids on My List, newest first."""
    last_seen: np.ndarray
    """Per title index, the artwork position this profile last saw for it (-1: none)."""
    progress: Progress
    """Title id -> (position fraction, position s, t_ms) of its last stop."""
    liked: list[tuple[int, int]]
    """(t_ms, title id) of titles clearly enjoyed (watched enough, or thumbs up)."""


def open_session_row(
    conn: sqlite3.Connection,
    profile_id: int,
    *,
    device: str,
    policy: str,
    virtual: bool,
    started_ms: int,
) -> int:
    """Insert the session's own row through the DB-API connection ``conn``; its id."""
    cursor = conn.execute(
        "INSERT INTO session (profile_id, device, policy, clock, started_ms) "
        "VALUES (?, ?, ?, ?, ?)",
        (profile_id, device, policy, "virtual" if virtual else "real", started_ms),
    )
    return int(cursor.lastrowid)


def read_event_history(
    conn: sqlite3.Connection, profile_id: int, index: TitleIndex
) -> EventHistory:
    """Read the profile's impressions and plays through the DB-API connection ``conn``."""
    seen = conn.execute(
        "SELECT title_id, artwork_id FROM event WHERE profile_id = ? "
        "AND type = 'impression' AND artwork_id IS NOT NULL ORDER BY event_id",
        (profile_id,),
    ).fetchall()
    plays = conn.execute(
        "SELECT title_id, t_ms, value, payload FROM event WHERE profile_id = ? "
        "AND type = 'play_stop' ORDER BY event_id",
        (profile_id,),
    ).fetchall()
    last_seen = np.full(index.n, -1, dtype=np.int64)
    if seen:
        titles, artworks = (np.asarray(c, dtype=np.int64) for c in zip(*seen, strict=True))
        known = np.isin(titles, index.ids)
        last_seen[index.title_positions(titles[known])] = index.artwork_positions(artworks[known])
    found = EventHistory(last_seen, {}, [])
    for title_id, t_ms, value, payload in plays:
        found.add_play_stop(title_id, t_ms, value, json.loads(payload) if payload else {})
    return found


def load_history(
    conn: sqlite3.Connection,
    profile_id: int,
    index: TitleIndex,
    events: EventHistory | None = None,
) -> ProfileHistory:
    """Read the profile's ratings, My List, impressions and plays through the DB-API
    connection ``conn`` (plain SQL: small reads at every session start). ``events``: its
    impressions and plays when they are known already (then not read again; the history
    holds a copy)."""

    def rows(sql: str) -> list[Any]:
        return conn.execute(sql, (profile_id,)).fetchall()

    ratings = rows("SELECT title_id, value FROM rating WHERE profile_id = ?")
    listed = rows("SELECT title_id FROM my_list WHERE profile_id = ? ORDER BY added_ms DESC")
    events = events.copy() if events is not None else read_event_history(conn, profile_id, index)
    rated = {int(t): int(v) for t, v in ratings}
    return ProfileHistory(
        ratings=rated,
        my_list=[int(t) for (t,) in listed],
        last_seen=events.last_seen,
        progress=events.progress,
        liked=events.played_liked + [(0, t) for t, v in rated.items() if v > 0],
    )


def resume_position(progress: Progress, title_id: int) -> float | None:
    """Where playing the title resumes (content seconds), if it was left mid-way."""
    fraction, position, _ = progress.get(title_id, (0.0, 0.0, 0))
    return position if CONTINUE_MIN <= fraction < CONTINUE_MAX else None


def continue_watching(
    progress: Progress, index: TitleIndex, now_ms: int
) -> tuple[list[tuple[int, float]], bool]:
    """(title index, watched fraction) of titles left mid-way, most recent first, and
    whether the latest was stopped recently enough to put the row first."""
    continuing = sorted(
        (
            (t_ms, title_id, fraction)
            for title_id, (fraction, _, t_ms) in progress.items()
            if CONTINUE_MIN <= fraction < CONTINUE_MAX
        ),
        reverse=True,
    )
    titles = [(index.index_of[t], f) for _, t, f in continuing if t in index.index_of]
    return titles, bool(continuing) and now_ms - continuing[0][0] <= FRESH_MS


def finished_titles(progress: Progress, index: TitleIndex) -> list[int]:
    """Indices of titles watched to the end, most recent first."""
    finished = sorted(
        (t_ms, title_id)
        for title_id, (fraction, _, t_ms) in progress.items()
        if fraction >= CONTINUE_MAX
    )[::-1]
    return [index.index_of[t] for _, t in finished if t in index.index_of]


def liked_titles(
    liked: list[tuple[int, int]], ratings: dict[int, int], index: TitleIndex
) -> list[int]:
    """Indices of titles clearly enjoyed and not since rated down, most recent first."""
    titles: list[int] = []
    for _, title_id in sorted(liked, reverse=True):
        idx = index.index_of.get(title_id)
        if idx is not None and idx not in titles and ratings.get(title_id, 0) >= 0:
            titles.append(idx)
    return titles


def save_my_list(engine: Engine, profile_id: int, title_id: int, add: bool, now_ms: int) -> None:
    """Add a title to the profile's stored My List (kept if already there), or remove it."""
    table = MyListEntry.__table__
    with engine.begin() as conn:
        if add:
            conn.execute(
                sqlite_insert(table)
                .values(profile_id=profile_id, title_id=title_id, added_ms=now_ms)
                .on_conflict_do_nothing()
            )
        else:
            conn.execute(
                delete(table).where(table.c.profile_id == profile_id, table.c.title_id == title_id)
            )


def updated_my_list(my_list: list[int], title_id: int, add: bool) -> list[int]:
    """``my_list`` with ``title_id`` moved to the front (``add``) or left out."""
    rest = [t for t in my_list if t != title_id]
    return [title_id, *rest] if add else rest
