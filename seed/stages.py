"""Writing each stage's tables: one function per stage, one transaction each.

Every function takes an open connection, the stage's plan and a ``tick(done, total)``
callback; ids are positions + 1 throughout.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
from sqlalchemy import Connection

from netflix_sim.engine.models import (
    Artwork,
    Credit,
    Event,
    Genre,
    Meta,
    MyListEntry,
    Person,
    Profile,
    Rating,
    Tag,
    Title,
    TitleGenre,
    TitleTag,
    ViewingSession,
)

from .artwork import ArtworkPlan
from .cast import CastPlan
from .crowd import CrowdPlan
from .ground_truth import GroundTruth, encode
from .titles import TitlePlan
from .vocabulary import GENRES, TAGS
from .writer import write_columns, write_rows

Tick = Callable[[int, int], None]
"""``tick(done, total)`` for the stage being written."""


def write_titles(conn: Connection, plan: TitlePlan, tick: Tick) -> None:
    """Genres, tags, titles and their genre and tag links."""
    n = plan.n
    with conn.begin():
        write_rows(
            conn,
            Genre.__table__,
            [
                {"id": i + 1, "name": g.name, "plural": g.plural, "tv_plural": g.tv_plural}
                for i, g in enumerate(GENRES)
            ],
        )
        write_rows(
            conn,
            Tag.__table__,
            [
                {"id": i + 1, "name": t.name, "row_template": t.row_template}
                for i, t in enumerate(TAGS)
            ],
        )
        write_columns(
            conn,
            Title.__table__,
            {
                "id": np.arange(1, n + 1),
                "name": plan.name,
                "kind": np.where(plan.series, "series", "movie"),
                "year": plan.year,
                "runtime_min": plan.runtime_min,
                "seasons": [s or None for s in plan.seasons.tolist()],
                "episodes": [e or None for e in plan.episodes.tolist()],
                "maturity": plan.maturity,
                "maturity_level": plan.maturity_level,
                "synopsis": plan.synopsis,
                "popularity": plan.popularity,
                "added_day": plan.added_day,
            },
            tick=lambda done: tick(min(done, n - 1), n),
        )
        slot_title, slot_rank = np.nonzero(plan.genres >= 0)
        write_columns(
            conn,
            TitleGenre.__table__,
            {
                "title_id": slot_title + 1,
                "genre_id": plan.genres[slot_title, slot_rank] + 1,
                "rank": slot_rank,
            },
        )
        write_columns(
            conn,
            TitleTag.__table__,
            {
                "title_id": plan.tag_title + 1,
                "tag_id": plan.tag_index + 1,
            },
        )
    tick(n, n)


def write_cast(conn: Connection, cast: CastPlan, n_titles: int, tick: Tick) -> None:
    """People and credits (progress counted in titles)."""
    with conn.begin():
        write_columns(
            conn,
            Person.__table__,
            {
                "id": np.arange(1, len(cast.person_name) + 1),
                "name": cast.person_name,
            },
        )
        write_columns(
            conn,
            Credit.__table__,
            {
                "title_id": cast.credit_title + 1,
                "person_id": cast.credit_person + 1,
                "role": cast.credit_role,
                "billing": cast.credit_billing,
            },
            tick=lambda done: tick(int(cast.credit_title[done - 1]) + 1, n_titles),
        )
    tick(n_titles, n_titles)


def write_artwork(conn: Connection, art: ArtworkPlan, n_titles: int, tick: Tick) -> None:
    """Artwork variants (progress counted in titles)."""
    with conn.begin():
        write_columns(
            conn,
            Artwork.__table__,
            {
                "id": np.arange(1, len(art.title) + 1),
                "title_id": art.title + 1,
                "variant": art.variant,
                "aspect": art.aspect,
                "palette": art.palette,
                "person_id": [p + 1 if p >= 0 else None for p in art.person.tolist()],
            },
            tick=lambda done: tick(int(art.title[done - 1]) + 1, n_titles),
        )
    tick(n_titles, n_titles)


def write_truth(
    conn: Connection, title_vecs: np.ndarray, artwork_vecs: np.ndarray, tick: Tick
) -> None:
    """The hidden vectors of titles and artworks."""
    n, m = len(title_vecs), len(artwork_vecs)
    with conn.begin():
        write_columns(
            conn,
            GroundTruth.__table__,
            {
                "kind": ["title"] * n,
                "entity_id": np.arange(1, n + 1),
                "vector": encode(title_vecs),
            },
            tick=lambda done: tick(done, n + m),
        )
        write_columns(
            conn,
            GroundTruth.__table__,
            {
                "kind": ["artwork"] * m,
                "entity_id": np.arange(1, m + 1),
                "vector": encode(artwork_vecs),
            },
            tick=lambda done: tick(n + done, n + m),
        )
    tick(n + m, n + m)


def write_people_and_history(
    conn: Connection,
    viewers: list[dict[str, Any]],
    crowd: CrowdPlan,
    meta: dict[str, str],
    tick: Tick,
) -> None:
    """Profiles, the crowd's history and hidden tastes, and the meta rows."""
    history = crowd.history
    n_events = len(history.events)
    with conn.begin():
        write_rows(conn, Profile.__table__, viewers + crowd.profiles)
        write_rows(conn, ViewingSession.__table__, history.sessions)
        write_rows(conn, Event.__table__, history.events, tick=lambda done: tick(done, n_events))
        write_rows(conn, Rating.__table__, history.ratings)
        write_rows(conn, MyListEntry.__table__, history.my_list)
        write_columns(
            conn,
            GroundTruth.__table__,
            {
                "kind": ["profile"] * len(crowd.profiles),
                "entity_id": [p["id"] for p in crowd.profiles],
                "vector": encode(crowd.tastes),
            },
        )
        write_rows(conn, Meta.__table__, [{"key": k, "value": v} for k, v in meta.items()])
    tick(n_events, n_events)


def meta_rows(
    args: dict[str, int],
    epoch_ms: int,
    added_day_zero_ms: int,
    dims: tuple[str, ...],
    generator: str,
) -> dict[str, str]:
    """The meta rows the seed writes (``schema_version`` is the engine's)."""
    return {
        "seed_args": json.dumps(args, sort_keys=True),
        "epoch_ms": str(epoch_ms),
        "added_day_zero_ms": str(added_day_zero_ms),
        "generator": generator,
        "taste_dims": json.dumps(list(dims)),
    }
