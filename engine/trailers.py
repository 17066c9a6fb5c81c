"""Trailer variants: several previews per title, one chosen per viewer like artwork.

Trailers are catalog data (table ``trailer``, schema v2). They are derived from a title's
id and its artwork aspects alone, so :func:`backfill_trailers` gives a catalog upgraded
from schema v1 exactly the rows a fresh seed writes. Each title gets a trailer per distinct
artwork aspect (in variant order, at most :data:`MAX_THEMED`) plus the official trailer
("classic scene") when none of those is one: two to four trailers a title.

A :class:`TrailerPicker` chooses each viewer's preview with the artwork bandit's machinery
(a separate :class:`~.artwork.ArtworkBandit` over trailer aspects): the choice and its
propensity are logged in the ``open_details`` event's payload.
"""

from __future__ import annotations

import contextlib
import threading
import zlib
from collections.abc import Mapping

import numpy as np
from sqlalchemy import Connection, Engine, text

from .artwork import ArtworkBandit, BanditConfig
from .database import dbapi_connection
from .models import Trailer
from .title_index import TitleIndex

OFFICIAL_ASPECT = "classic scene"
"""The aspect of a title's official trailer."""
MAX_THEMED = 3
"""Most trailers a title gets from its artwork aspects (before the official one)."""

TRAILER_LABELS: dict[str, str] = {
    "actor close-up": "Character Trailer",
    "action scene": "Action Trailer",
    "romance": "Love Story Teaser",
    "classic scene": "Official Trailer",
    "ensemble cast": "Meet the Cast",
    "villain": "Villain Teaser",
    "landscape": "World Teaser",
    "comedic moment": "Funny Moments",
    "mystery": "Mystery Teaser",
    "family": "Family Trailer",
}
"""How a trailer of each aspect is labelled."""


def trailer_label(aspect: str) -> str:
    """The label of a trailer emphasising ``aspect`` ("Action Trailer", ...)."""
    return TRAILER_LABELS.get(aspect, f"{aspect.title()} Teaser")


def plan_trailers(title_id: int, aspects: list[str]) -> list[tuple[int, str, str, int]]:
    """``(variant, aspect, label, duration_s)`` of each trailer of a title.

    ``aspects``: the title's artwork aspects in variant order (may be empty). Deterministic:
    durations come from a CRC of the title id and variant, not from a random stream.
    """
    chosen: list[str] = []
    for aspect in aspects:
        if aspect not in chosen and len(chosen) < MAX_THEMED:
            chosen.append(aspect)
    if OFFICIAL_ASPECT not in chosen:
        chosen.insert(0, OFFICIAL_ASPECT)
    if len(chosen) < 2:  # every title has a choice to make
        chosen.append("ensemble cast" if chosen[0] != "ensemble cast" else "landscape")
    plans = []
    for variant, aspect in enumerate(chosen):
        h = zlib.crc32(f"trailer:{title_id}:{variant}".encode())
        duration = 90 + h % 61 if aspect == OFFICIAL_ASPECT else 30 + h % 46
        plans.append((variant, aspect, trailer_label(aspect), int(duration)))
    return plans


def backfill_trailers(connection: Connection) -> int:
    """Create the trailers of every title that has none; returns how many were made.

    Runs on an open connection inside the caller's transaction (the seed, or the v1 -> v2
    migration); creates the ``trailer`` table first if the catalog has none. Titles are
    taken in id order, so trailer ids are the same as a fresh seed's.
    """
    Trailer.__table__.create(connection, checkfirst=True)
    rows = connection.execute(
        text(
            "SELECT t.id, a.aspect FROM title t LEFT JOIN artwork a ON a.title_id = t.id "
            "WHERE NOT EXISTS (SELECT 1 FROM trailer r WHERE r.title_id = t.id) "
            "ORDER BY t.id, a.variant"
        )
    ).all()
    aspects: dict[int, list[str]] = {}
    for title_id, aspect in rows:
        found = aspects.setdefault(int(title_id), [])
        if aspect is not None:
            found.append(str(aspect))
    values = [
        (title_id, variant, aspect, label, duration)
        for title_id, title_aspects in aspects.items()
        for variant, aspect, label, duration in plan_trailers(title_id, title_aspects)
    ]
    if values:
        connection.exec_driver_sql(
            "INSERT INTO trailer (title_id, variant, aspect, label, duration_s) "
            "VALUES (?, ?, ?, ?, ?)",
            values,
        )
    return len(values)


class TrailerIndex:
    """Every trailer as parallel arrays, grouped by title position (like artwork)."""

    def __init__(self, engine: Engine, index: TitleIndex) -> None:
        """Load the trailers of ``engine``'s catalog (none if it has no trailer table)."""
        with dbapi_connection(engine) as conn:  # plain tuples: SQLAlchemy rows cost 3x to read
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'trailer'"
            ).fetchone()
            rows: list[tuple[int, int, int, str, str, int]] = (
                conn.execute(
                    "SELECT id, title_id, variant, aspect, label, duration_s "
                    "FROM trailer ORDER BY title_id, variant"
                ).fetchall()
                if has_table
                else []
            )
        ids, title_ids, variants, aspects, labels, durations = (
            zip(*rows, strict=True) if rows else ((),) * 6
        )
        title_ids_arr = np.asarray(title_ids, dtype=np.int64)
        at = np.minimum(np.searchsorted(index.ids, title_ids_arr), max(index.n - 1, 0))
        known = index.ids[at] == title_ids_arr if index.n else np.zeros(len(rows), dtype=bool)
        keep = np.flatnonzero(known)
        self.ids = np.asarray(ids, dtype=np.int64)[keep]
        self.variant = np.asarray(variants, dtype=np.int64)[keep]
        self.aspect: list[str] = [aspects[k] for k in keep.tolist()]
        self.label: list[str] = [labels[k] for k in keep.tolist()]
        self.duration_s = np.asarray(durations, dtype=np.int64)[keep]
        titles = at[keep]  # title positions, ascending (rows come ordered by title id)
        self.start = np.searchsorted(titles, np.arange(index.n), side="left")
        self.count = np.searchsorted(titles, np.arange(index.n), side="right") - self.start


TRAILER_BANDIT = BanditConfig(stickiness=0.0)
"""The preview bandit's settings: a new preview each sitting may differ (no stickiness)."""


class TrailerPicker:
    """Chooses a viewer's preview among a title's trailers; learns from plays after it."""

    def __init__(
        self,
        engine: Engine,
        index: TitleIndex,
        n_features: int,
        saved: Mapping[str, np.ndarray] | None = None,
    ) -> None:
        """Load the trailers; restore the bandit from ``saved`` (its ``to_arrays``) when it
        fits these trailers, else start an untrained one over their aspects."""
        self.trailers = TrailerIndex(engine, index)
        aspects = sorted(set(self.trailers.aspect)) or [OFFICIAL_ASPECT]
        self.bandit = ArtworkBandit(aspects, n_features, TRAILER_BANDIT)
        """Linear Thompson sampling over (profile features) x (trailer aspect)."""
        if saved is not None:
            with contextlib.suppress(ValueError, KeyError):  # of another catalog: afresh
                restored = ArtworkBandit.from_arrays(saved, TRAILER_BANDIT)
                if list(restored.aspects) == aspects and restored.n_features == n_features:
                    self.bandit = restored
        self.aspect_id = self.bandit.aspect_ids(self.trailers.aspect)
        self._lock = threading.Lock()

    def choose(
        self, features: np.ndarray, title_idx: int, rng: np.random.Generator
    ) -> tuple[int, float] | None:
        """Position of the trailer chosen for the title at ``title_idx`` and its propensity
        (``None`` when the title has no trailers)."""
        t = self.trailers
        if t.count[title_idx] == 0:
            return None
        with self._lock:
            return self.bandit.choose_one(
                features, title_idx, t.start, t.count, self.aspect_id, rng
            )
