"""Trace events (schema v2) and the batched event store.

Events are buffered in memory and written with SQLAlchemy Core ``executemany`` in one
transaction per batch: a batch is flushed when its oldest event is 250 ms old (a
background thread checks), when a screen changes (the caller calls :meth:`flush`), and
when the store closes.
"""

from __future__ import annotations

import contextlib
import operator
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from itertools import chain, islice
from typing import Any

import orjson
from sqlalchemy import Engine, select

from .database import dbapi_transaction
from .models import Event

FLUSH_INTERVAL_S = 0.25
"""Longest time an event waits in memory before it is written."""


class EventType(StrEnum):
    """Every event type of the trace schema (v2: v1's and ``speed``)."""

    SESSION_START = "session_start"
    PAGE_VIEW = "page_view"
    IMPRESSION = "impression"
    FOCUS = "focus"
    DWELL = "dwell"
    SCROLL = "scroll"
    OPEN_DETAILS = "open_details"
    CLOSE_DETAILS = "close_details"
    PLAY_START = "play_start"
    PAUSE = "pause"
    RESUME = "resume"
    SEEK = "seek"
    SPEED = "speed"
    """Since trace schema v2."""
    PLAY_STOP = "play_stop"
    THUMBS = "thumbs"
    MY_LIST = "my_list"
    SEARCH = "search"
    SEARCH_CLICK = "search_click"
    ABANDON = "abandon"
    SESSION_END = "session_end"


EVENT_COLUMNS = (
    "session_id",
    "profile_id",
    "seq",
    "t_ms",
    "wall_time",
    "type",
    "page_id",
    "row_id",
    "row_pos",
    "col_pos",
    "title_id",
    "artwork_id",
    "value",
    "policy",
    "propensity",
    "context",
    "payload",
)
"""Columns of an event row, ``event_id`` excepted (the store assigns it)."""

_INSERT_SQL = (
    f"INSERT INTO event ({', '.join(EVENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in EVENT_COLUMNS)})"
)
"""One prepared statement for a batch: the DB-API ``executemany`` on plain tuples skips
SQLAlchemy's per-row dict processing, 26 % faster (see bench/README.md "Ingest")."""
_ROWS_PER_INSERT = 16
_INSERT_ROWS_SQL = f"INSERT INTO event ({', '.join(EVENT_COLUMNS)}) VALUES " + ", ".join(
    [f"({', '.join('?' for _ in EVENT_COLUMNS)})"] * _ROWS_PER_INSERT
)
"""One statement inserting ``_ROWS_PER_INSERT`` rows: a bot session's events go in 15 %
faster than one row a step (a step's setup and the driver's per-row work are shared)."""
_event_values = operator.itemgetter(*EVENT_COLUMNS)
"""An event row's values in column order."""

_RATING_SQL = (
    "INSERT INTO rating (profile_id, title_id, value, t_ms) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (profile_id, title_id) DO UPDATE SET value = excluded.value, t_ms = excluded.t_ms"
)
_END_SESSION_SQL = "UPDATE session SET ended_ms = ? WHERE id = ?"


_COLUMN_SET = frozenset(EVENT_COLUMNS)
_JSON_CONTAINERS = (dict, list)  # a tuple: isinstance checks it faster than dict | list
_BLANK_ROW = dict.fromkeys(EVENT_COLUMNS)
_ITEM_FIELDS = _COLUMN_SET - {
    "session_id",
    "profile_id",
    "policy",
    "seq",
    "t_ms",
    "wall_time",
    "type",
    "context",
}
"""The fields each event of a :meth:`SessionRows.batch` gives (the rest are the batch's)."""


_JSON_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY


def to_json(value: Any) -> str:
    """The compact, key-sorted JSON that ``context`` and ``payload`` columns hold.

    orjson writes what ``json.dumps(value, separators=(",", ":"), sort_keys=True)`` does
    for our payloads, 14 times faster on a page_view's slate (see bench/README.md)."""
    return orjson.dumps(value, option=_JSON_OPTIONS).decode()


def make_event(**fields: Any) -> dict[str, Any]:
    """An event row with every column present; ``context`` and ``payload`` dicts become JSON
    (a string is taken as JSON already)."""
    if not _COLUMN_SET.issuperset(fields):
        raise ValueError(f"unknown event fields: {sorted(fields.keys() - _COLUMN_SET)}")
    row = {**_BLANK_ROW, **fields}
    _encode_json(row)
    return row


class SessionRows:
    """Makes the event rows of one session, a batch at a time: what :func:`make_event`
    makes, several times faster.

    The fields every row of the session shares (its ids and policy) are checked once; a
    batch's rows share the moment, type and context too, and each starts as a copy of
    that template (a page's impressions differ only in their tile).
    """

    def __init__(self, *, session_id: int, profile_id: int, policy: str) -> None:
        """Rows of session ``session_id`` of ``profile_id`` under ``policy``."""
        self._base = make_event(session_id=session_id, profile_id=profile_id, policy=policy)

    def batch(
        self,
        each: Iterable[Mapping[str, Any]],
        *,
        seq: int,
        t_ms: int,
        wall_time: float,
        type: str,
        context: str | dict[str, Any],
    ) -> list[dict[str, Any]]:
        """One row per item of ``each`` (its own fields), numbered ``seq``, ``seq + 1``, ...
        (``context``: JSON or a dict to encode)."""
        template = {
            **self._base,
            "t_ms": t_ms,
            "wall_time": wall_time,
            "type": type,
            "context": context if isinstance(context, str) else to_json(context),
        }
        rows = []
        for fields in each:
            if not _ITEM_FIELDS.issuperset(fields):
                raise ValueError(
                    f"not an item's event fields: {sorted(fields.keys() - _ITEM_FIELDS)}"
                )
            row = template.copy()
            row.update(fields)
            row["seq"] = seq
            seq += 1
            if isinstance(row["payload"], _JSON_CONTAINERS):
                row["payload"] = to_json(row["payload"])
            rows.append(row)
        return rows


def _encode_json(row: dict[str, Any]) -> None:
    """Encode the row's ``context`` and ``payload`` when they are dicts or lists."""
    if isinstance(row["context"], _JSON_CONTAINERS):
        row["context"] = to_json(row["context"])
    if isinstance(row["payload"], _JSON_CONTAINERS):
        row["payload"] = to_json(row["payload"])


class EventStore:
    """Buffers events (and thumbs ratings) and writes them in batches.

    Thread-safe: the TUI records from its worker threads while the flusher thread runs.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        flush_interval_s: float = FLUSH_INTERVAL_S,
        monotonic: Callable[[], float] = time.monotonic,
        background: bool = True,
    ) -> None:
        """Buffer events for ``engine``; a background thread flushes them when due."""
        self._engine = engine
        self._monotonic = monotonic
        self._interval = flush_interval_s
        self._events: list[dict[str, Any]] = []
        self._ratings: list[dict[str, Any]] = []
        self._ended: list[tuple[int, int]] = []
        self._oldest: float | None = None
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._closed = threading.Event()
        self._flusher: threading.Thread | None = None
        if background:
            self._flusher = threading.Thread(target=self._run, name="event-flusher", daemon=True)
            self._flusher.start()

    def append(self, event: dict[str, Any]) -> None:
        """Buffer one event row (see :func:`make_event`)."""
        self.extend((event,))

    def extend(self, events: Iterable[dict[str, Any]]) -> None:
        """Buffer event rows, in order."""
        with self._lock:
            if self._oldest is None:
                self._oldest = self._monotonic()
            self._events.extend(events)

    def set_rating(self, profile_id: int, title_id: int, value: int, t_ms: int) -> None:
        """Buffer a profile's thumbs on a title; it replaces any earlier one."""
        with self._lock:
            if self._oldest is None:
                self._oldest = self._monotonic()
            self._ratings.append(
                {"profile_id": profile_id, "title_id": title_id, "value": value, "t_ms": t_ms}
            )

    def end_session(self, session_id: int, ended_ms: int) -> None:
        """Buffer the end time of a session's row: written in the same transaction as the
        events buffered before it (a session marked ended has all its events stored)."""
        with self._lock:
            if self._oldest is None:
                self._oldest = self._monotonic()
            self._ended.append((session_id, ended_ms))

    @property
    def pending(self) -> int:
        """Events buffered and not yet written."""
        with self._lock:
            return len(self._events)

    def flush(self) -> int:
        """Write every buffered event now, in one transaction; returns how many."""
        with self._write_lock:
            with self._lock:
                events, self._events = self._events, []
                ratings, self._ratings = self._ratings, []
                ended, self._ended = self._ended, []
                self._oldest = None
            if not events and not ratings and not ended:
                return 0
            try:
                self._write(events, ratings, ended)
            except Exception:
                with self._lock:  # keep them for the next try: nothing recorded is lost
                    self._events[:0] = events
                    self._ratings[:0] = ratings
                    self._ended[:0] = ended
                    self._oldest = self._oldest or self._monotonic()
                raise
            return len(events)

    def _write(
        self,
        events: list[dict[str, Any]],
        ratings: list[dict[str, Any]],
        ended: list[tuple[int, int]],
    ) -> None:
        """One transaction on the pool's DB-API connection (SQLAlchemy's statement layer
        cost as much as the writes themselves)."""
        with dbapi_transaction(self._engine) as connection:
            if events:
                _insert_events(connection, events)
            if ratings:
                connection.executemany(
                    _RATING_SQL,
                    [(r["profile_id"], r["title_id"], r["value"], r["t_ms"]) for r in ratings],
                )
            if ended:
                connection.executemany(_END_SESSION_SQL, [(ms, sid) for sid, ms in ended])

    def close(self) -> None:
        """Stop the flusher and write what is left."""
        self._closed.set()
        if self._flusher is not None:
            self._flusher.join(timeout=5)
        self.flush()

    def flush_if_due(self) -> int:
        """Flush when the oldest buffered event is nearly ``flush_interval_s`` old.

        The background thread calls this five times per interval, so no event waits
        longer than the interval.
        """
        with self._lock:
            due = self._oldest is not None and (
                self._monotonic() - self._oldest >= self._interval * 0.8
            )
        return self.flush() if due else 0

    def _run(self) -> None:
        while not self._closed.wait(self._interval / 5):
            # a failed write keeps its events buffered; the next tick retries
            with contextlib.suppress(Exception):
                self.flush_if_due()


def _insert_events(connection: Any, events: list[dict[str, Any]]) -> None:
    """Insert event rows in order, ``_ROWS_PER_INSERT`` to a statement while they last."""
    whole = len(events) - len(events) % _ROWS_PER_INSERT
    values = map(_event_values, events)
    if whole:
        connection.executemany(
            _INSERT_ROWS_SQL,
            [
                tuple(chain.from_iterable(islice(values, _ROWS_PER_INSERT)))
                for _ in range(whole // _ROWS_PER_INSERT)
            ],
        )
    if whole < len(events):
        connection.executemany(_INSERT_SQL, list(values))


def read_events(
    engine: Engine,
    *,
    profile_id: int | None = None,
    session_id: int | None = None,
    types: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Stored events as dicts in ``event_id`` order, optionally filtered."""
    table = Event.__table__
    query = select(table).order_by(table.c.event_id)
    if profile_id is not None:
        query = query.where(table.c.profile_id == profile_id)
    if session_id is not None:
        query = query.where(table.c.session_id == session_id)
    if types is not None:
        query = query.where(table.c.type.in_(list(types)))
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
