"""Reading stored traces: events of a catalog, filtered by session, profile or policy.

Opens the catalog's SQLite file only (no model is loaded), so exports start at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text

from netflix_sim.engine.database import open_catalog_engine
from netflix_sim.engine.models import Event, Profile

from .errors import ResearchUsageError
from .schema import SCHEMA_VERSION


@dataclass(frozen=True)
class TraceFilter:
    """Which events to read; ``None`` keeps everything."""

    session: int | None = None
    """A session id."""
    profile: str | None = None
    """A profile name (any case) or id."""
    policy: str | None = None
    """The policy that built the pages (the ``policy`` column)."""

    def describe(self) -> str:
        """The filter as command-line options (for messages)."""
        parts = [
            f"--{name} {value}"
            for name, value in (
                ("session", self.session),
                ("profile", self.profile),
                ("policy", self.policy),
            )
            if value is not None
        ]
        return " ".join(parts) or "no filter"


@contextmanager
def catalog_engine(db: str | Path) -> Iterator[Engine]:
    """The catalog's SQLAlchemy engine (a :class:`CatalogError` if it is not one)."""
    engine = open_catalog_engine(db)
    try:
        yield engine
    finally:
        engine.dispose()


def resolve_profile(engine: Engine, key: str) -> int:
    """A profile's id from its name (any case) or id; :class:`ResearchUsageError` if none."""
    table = Profile.__table__
    with engine.connect() as conn:
        rows = conn.execute(select(table.c.id, table.c.name)).all()
    for profile_id, name in rows:
        if str(profile_id) == key or name.lower() == key.lower():
            return int(profile_id)
    raise ResearchUsageError(f"unknown profile {key!r}")


def decode(event: dict[str, Any]) -> dict[str, Any]:
    """A stored event row with ``context`` and ``payload`` decoded from JSON."""
    for key in ("context", "payload"):
        value = event.get(key)
        if isinstance(value, str):
            event[key] = json.loads(value)
    return event


def load_events(engine: Engine, where: TraceFilter | None = None) -> list[dict[str, Any]]:
    """Stored events matching ``where``, in ``event_id`` order, JSON columns decoded.

    A filter that matches nothing raises :class:`ResearchUsageError`.
    """
    where = where or TraceFilter()
    table = Event.__table__
    query = select(table).order_by(table.c.event_id)
    if where.session is not None:
        query = query.where(table.c.session_id == where.session)
    if where.profile is not None:
        query = query.where(table.c.profile_id == resolve_profile(engine, where.profile))
    if where.policy is not None:
        query = query.where(table.c.policy == where.policy)
    with engine.connect() as conn:
        events = [decode(dict(row._mapping)) for row in conn.execute(query)]
    if not events and where != TraceFilter():
        raise ResearchUsageError(f"no events match {where.describe()}")
    return events


def record(event: dict[str, Any]) -> dict[str, Any]:
    """An event as an export row: ``schema_version`` first, then the schema's columns."""
    return {"schema_version": SCHEMA_VERSION, **event}


def artwork_variants(engine: Engine) -> dict[int, tuple[int, str]]:
    """Artwork id -> (variant number, aspect)."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, variant, aspect FROM artwork")).all()
    return {int(i): (int(v), str(a)) for i, v, a in rows}


__all__ = [
    "TraceFilter",
    "artwork_variants",
    "catalog_engine",
    "decode",
    "load_events",
    "record",
    "resolve_profile",
]
