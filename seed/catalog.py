"""Seeding a catalog file: draw every table, write it in bulk, report progress.

Same arguments, same rows: every stage draws from its own numpy stream derived from the
seed, Faker is seeded per instance, and no wall clock is read.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import Connection

from netflix_sim.engine.database import create_catalog_file
from netflix_sim.engine.trailers import backfill_trailers

from .artwork import plan_artwork
from .cast import plan_cast
from .crowd import crowd_size, plan_crowd
from .ground_truth import GroundTruth, artwork_vectors, title_vectors
from .history import DAY_MS
from .naming import make_pools
from .profiles import plan_viewers
from .stages import (
    meta_rows,
    write_artwork,
    write_cast,
    write_people_and_history,
    write_titles,
    write_truth,
)
from .titles import CATALOG_DAYS, plan_titles
from .vocabulary import GENRES, TAGS, TASTE_DIMS

EPOCH_MS = 1_767_225_600_000
"""Catalog epoch T0, 2026-01-01 00:00 UTC (Meta ``epoch_ms``); the crowd's history ends here."""

GENERATOR = "netflix-sim seed"

MAX_TITLES = 1_000_000
MAX_PROFILES = 50

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``."""


@dataclass(frozen=True)
class SeedSummary:
    """How many rows of each kind a seeded catalog holds."""

    titles: int
    genres: int
    tags: int
    people: int
    artworks: int
    profiles: int
    """Viewer profiles (the ones in the picker)."""
    crowd_profiles: int
    events: int


def _stream(seed: int, stage: str) -> np.random.Generator:
    """The numpy generator of one stage: independent of the other stages' draws."""
    return np.random.default_rng([seed, zlib.crc32(stage.encode())])


def _check_args(titles: int, profiles: int, seed: int) -> None:
    if not 1 <= titles <= MAX_TITLES:
        raise ValueError(f"titles must be between 1 and {MAX_TITLES:,}, not {titles}")
    if not 0 <= profiles <= MAX_PROFILES:
        raise ValueError(f"profiles must be between 0 and {MAX_PROFILES}, not {profiles}")
    if seed < 0:
        raise ValueError(f"seed must be zero or positive, not {seed}")


def seed_catalog(
    path: str | Path,
    *,
    titles: int = 2000,
    profiles: int = 5,
    seed: int = 42,
    force: bool = False,
    progress: Progress | None = None,
) -> SeedSummary:
    """Create the catalog at ``path`` and fill every table, ground truth included.

    ``progress(stage, done, total)`` is called at the start of each stage (``done`` 0)
    and as it goes, ending with ``done == total``; the stages, in order, are "titles",
    "cast" and "artwork" (counted in titles), "ground truth" (vectors), "crowd" (crowd
    profiles) and "history" (events).

    Raises :class:`~netflix_sim.engine.errors.CatalogError` when the file exists and
    ``force`` is false, or its folder is missing; :class:`ValueError` for arguments out of
    range. A failed seed leaves no file behind.
    """
    _check_args(titles, profiles, seed)
    path = Path(path)
    engine = create_catalog_file(path, force=force)
    try:
        GroundTruth.__table__.create(engine)
        with engine.connect() as conn:
            # a fresh file: no need to fsync each transaction (this connection only)
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            conn.commit()
            summary = _fill(
                conn,
                titles=titles,
                profiles=profiles,
                seed=seed,
                report=progress or (lambda *_: None),
            )
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.commit()
    except BaseException:
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    engine.dispose()
    return summary


def _fill(
    conn: Connection, *, titles: int, profiles: int, seed: int, report: Progress
) -> SeedSummary:
    """Draw and write every table on ``conn``, one transaction per stage."""
    pools = make_pools(seed)

    report("titles", 0, titles)
    plan = plan_titles(_stream(seed, "titles"), titles, pools)
    write_titles(conn, plan, lambda done, total: report("titles", done, total))

    report("cast", 0, titles)
    cast = plan_cast(_stream(seed, "cast"), plan.main_genre, plan.series, pools)
    write_cast(conn, cast, titles, lambda done, total: report("cast", done, total))

    report("artwork", 0, titles)
    art = plan_artwork(_stream(seed, "artwork"), plan.genres, plan.popularity, cast.lead_actors)
    write_artwork(conn, art, titles, lambda done, total: report("artwork", done, total))
    with conn.begin():  # trailer variants follow from each title's id and artwork aspects
        backfill_trailers(conn)

    truth_rng = _stream(seed, "ground truth")
    t_vecs = title_vectors(truth_rng, plan.genres, plan.tag_title, plan.tag_index)
    a_vecs = artwork_vectors(truth_rng, art.title, t_vecs, art.aspect)
    report("ground truth", 0, titles + len(a_vecs))
    write_truth(conn, t_vecs, a_vecs, lambda done, total: report("ground truth", done, total))

    viewers = plan_viewers(_stream(seed, "profiles"), profiles, pools)
    n_crowd = crowd_size(titles)
    report("crowd", 0, n_crowd)
    crowd = plan_crowd(
        _stream(seed, "crowd"),
        count=n_crowd,
        first_profile_id=profiles + 1,
        title_vectors=t_vecs,
        popularity=plan.popularity,
        added_day=plan.added_day,
        maturity_level=plan.maturity_level,
        runtime_min=plan.runtime_min,
        epoch_ms=EPOCH_MS,
        progress=lambda done, total: report("crowd", done, total),
    )
    n_events = len(crowd.history.events)
    report("history", 0, n_events)
    meta = meta_rows(
        {"titles": titles, "profiles": profiles, "seed": seed},
        EPOCH_MS,
        EPOCH_MS - CATALOG_DAYS * DAY_MS,
        TASTE_DIMS,
        GENERATOR,
    )
    write_people_and_history(
        conn, viewers, crowd, meta, lambda done, total: report("history", done, total)
    )
    return SeedSummary(
        titles=titles,
        genres=len(GENRES),
        tags=len(TAGS),
        people=len(cast.person_name),
        artworks=len(art.title),
        profiles=len(viewers),
        crowd_profiles=n_crowd,
        events=n_events,
    )
