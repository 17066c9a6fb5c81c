"""``netflix-sim traces import``: load a JSONL export into a catalog, all or nothing.

Every line is checked first (JSON, ``schema_version``, each column's type, the event type,
that the profile, title and artwork exist in the target catalog, ``seq`` increasing within
a session); the first bad line is reported with its number and nothing is written. Then
one transaction adds the sessions: each source session becomes a new ``session`` row,
its events get new ``event_id``s in file order, ``session_id`` and the session part of
``page_id`` follow the new session id, and everything else is kept exactly; thumbs and
My List events update the profile's ratings and list as they did when recorded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from netflix_sim.engine.events import make_event
from netflix_sim.engine.models import Event, MyListEntry, Rating, ViewingSession

from .errors import ResearchError
from .schema import (
    COLUMNS,
    EVENT_TYPES_OF,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    NULLABLE_INT_COLUMNS,
    TEXT_COLUMNS,
)
from .traces import catalog_engine

REQUIRED = ("session_id", "profile_id", "seq", "t_ms", "wall_time", "type")
"""Columns every line must have (the others default to null)."""


class ImportLineError(ResearchError):
    """A malformed line of the file being imported."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import added."""

    events: int
    sessions: dict[int, int]
    """Source session id -> new session id."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_line(number: int, text_line: str) -> dict[str, Any]:
    """One line parsed and type-checked; :class:`ImportLineError` naming ``number`` if not."""

    def bad(message: str) -> ImportLineError:
        return ImportLineError(f"line {number}: {message}")

    try:
        data = json.loads(text_line)
    except json.JSONDecodeError as exc:
        raise bad(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise bad("not a JSON object")
    version = data.pop("schema_version", None)
    if not isinstance(version, int) or isinstance(version, bool) or version not in EVENT_TYPES_OF:
        readable = " or ".join(str(v) for v in EVENT_TYPES_OF)
        raise bad(f"schema_version {version!r} is not {readable} (the trace schemas read here)")
    unknown = sorted(set(data) - set(COLUMNS))
    if unknown:
        raise bad(f"unknown field {unknown[0]!r}")
    for key in REQUIRED:
        if data.get(key) is None:
            raise bad(f"missing {key!r}")
    for key in (*INT_COLUMNS, *NULLABLE_INT_COLUMNS):
        value = data.get(key)
        if value is not None and not _is_int(value):
            raise bad(f"{key!r} must be a whole number, got {value!r}")
    for key in FLOAT_COLUMNS:
        value = data.get(key)
        if value is not None and not _is_number(value):
            raise bad(f"{key!r} must be a number, got {value!r}")
    for key in TEXT_COLUMNS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise bad(f"{key!r} must be text, got {value!r}")
    if data["type"] not in EVENT_TYPES_OF[version]:
        raise bad(f"unknown event type {data['type']!r} in trace schema v{version}")
    if data.get("context") is not None and not isinstance(data["context"], dict):
        raise bad("'context' must be a JSON object")
    if data.get("payload") is not None and not isinstance(data["payload"], dict | list):
        raise bad("'payload' must be a JSON object")
    page = data.get("page_id")
    if page is not None and page.split(".", 1)[0] != str(data["session_id"]):
        raise bad(f"page_id {page!r} is not of session {data['session_id']}")
    return data


def read_file(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Every non-blank line of ``path`` checked, as (line number, event)."""
    try:
        with path.open(encoding="utf-8") as fh:
            lines = [(n, line) for n, line in enumerate(fh, start=1) if line.strip()]
    except UnicodeDecodeError:
        raise ResearchError(f"{path} is not a JSONL text file (not UTF-8)") from None
    except OSError as exc:
        raise ResearchError(f"cannot read {path}: {exc.strerror}") from None
    events = [(n, check_line(n, line)) for n, line in lines]
    last_seq: dict[int, int] = {}
    for n, event in events:
        sid = event["session_id"]
        if sid in last_seq and event["seq"] <= last_seq[sid]:
            raise ImportLineError(f"line {n}: seq {event['seq']} of session {sid} is out of order")
        last_seq[sid] = event["seq"]
    return events


def _known(engine: Engine, table: str) -> set[int]:
    with engine.connect() as conn:
        return {int(i) for (i,) in conn.execute(text(f"SELECT id FROM {table}"))}


def _check_refs(engine: Engine, events: list[tuple[int, dict[str, Any]]]) -> None:
    known = {
        "profile_id": _known(engine, "profile"),
        "title_id": _known(engine, "title"),
        "artwork_id": _known(engine, "artwork"),
    }
    for n, event in events:
        for key, ids in known.items():
            value = event.get(key)
            if value is not None and value not in ids:
                what = key.removesuffix("_id")
                raise ImportLineError(f"line {n}: {what} {value} is not in this catalog")


def import_jsonl(path: str | Path, db: str | Path) -> ImportSummary:
    """Load the JSONL export at ``path`` into the catalog ``db`` (see the module docstring)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise ResearchError(f"cannot read {path}: no such file")
    events = read_file(path)
    with catalog_engine(db) as engine:
        _check_refs(engine, events)
        return _write(engine, [e for _, e in events])


def _write(engine: Engine, events: list[dict[str, Any]]) -> ImportSummary:
    sessions: dict[int, int] = {}
    by_session: dict[int, list[dict[str, Any]]] = {}
    for event in events:
        by_session.setdefault(event["session_id"], []).append(event)
    with engine.begin() as conn:  # one transaction: all or nothing
        for sid, own in by_session.items():
            if sid not in sessions:
                start = own[0]
                end = next((e for e in own if e["type"] == "session_end"), None)
                payload = start.get("payload") if start["type"] == "session_start" else None
                device = (payload or {}).get("device") or (start.get("context") or {}).get(
                    "device", "tv"
                )
                sessions[sid] = conn.execute(
                    ViewingSession.__table__.insert().values(
                        profile_id=start["profile_id"],
                        device=device,
                        policy=start.get("policy") or "",
                        clock="imported",
                        started_ms=start["t_ms"],
                        ended_ms=end["t_ms"] if end else None,
                    )
                ).inserted_primary_key[0]
        rows = []
        for event in events:
            fields = {k: event.get(k) for k in COLUMNS if k != "event_id"}
            new = sessions[event["session_id"]]
            fields["session_id"] = new
            if fields["page_id"] is not None:
                fields["page_id"] = f"{new}.{fields['page_id'].split('.', 1)[1]}"
            rows.append(make_event(**fields))
        if rows:
            conn.execute(Event.__table__.insert(), rows)
        for event in events:
            _apply_state(conn, event)
    return ImportSummary(len(events), sessions)


def _apply_state(conn: Any, event: dict[str, Any]) -> None:
    """Ratings and My List as the recorded thumbs and My List events left them."""
    profile, title, value = event["profile_id"], event.get("title_id"), event.get("value")
    if title is None or value is None:
        return
    if event["type"] == "thumbs":
        stmt = sqlite_insert(Rating.__table__).values(
            profile_id=profile, title_id=title, value=int(value), t_ms=event["t_ms"]
        )
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["profile_id", "title_id"],
                set_={"value": int(value), "t_ms": event["t_ms"]},
            )
        )
    elif event["type"] == "my_list":
        table = MyListEntry.__table__
        if value > 0:
            conn.execute(
                sqlite_insert(table)
                .values(profile_id=profile, title_id=title, added_ms=event["t_ms"])
                .on_conflict_do_nothing()
            )
        else:
            conn.execute(
                table.delete().where(table.c.profile_id == profile, table.c.title_id == title)
            )


__all__ = ["ImportLineError", "ImportSummary", "check_line", "import_jsonl", "read_file"]
