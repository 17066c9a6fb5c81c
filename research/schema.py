"""The trace schema: the columns of an event row, their types, and the event types."""

from __future__ import annotations

from netflix_sim.engine.events import EVENT_COLUMNS, EventType
from netflix_sim.engine.models import TRACE_SCHEMA_VERSION

SCHEMA_VERSION = TRACE_SCHEMA_VERSION
"""The trace schema version every export names (``schema_version``)."""

COLUMNS: tuple[str, ...] = ("event_id", *EVENT_COLUMNS)
"""Every column of an event row, in order."""

INT_COLUMNS = ("event_id", "session_id", "profile_id", "seq", "t_ms")
"""Integer columns that are never null."""
NULLABLE_INT_COLUMNS = ("row_pos", "col_pos", "title_id", "artwork_id")
"""Integer columns that may be null."""
FLOAT_COLUMNS = ("wall_time", "value", "propensity")
"""Float columns (``wall_time`` is never null)."""
TEXT_COLUMNS = ("type", "page_id", "row_id", "policy")
"""Text columns (``type`` is never null)."""
JSON_COLUMNS = ("context", "payload")
"""Columns stored as JSON text; exports decode them to objects where the format allows."""

EVENT_TYPES: tuple[str, ...] = tuple(t.value for t in EventType)
"""Every event type of the current schema."""

EVENT_TYPES_OF: dict[int, tuple[str, ...]] = {
    1: tuple(t for t in EVENT_TYPES if t != EventType.SPEED),
    SCHEMA_VERSION: EVENT_TYPES,
}
"""The event types of each schema version this version reads (v2 adds ``speed``)."""

__all__ = [
    "COLUMNS",
    "EVENT_TYPES",
    "EVENT_TYPES_OF",
    "FLOAT_COLUMNS",
    "INT_COLUMNS",
    "JSON_COLUMNS",
    "NULLABLE_INT_COLUMNS",
    "SCHEMA_VERSION",
    "TEXT_COLUMNS",
]
