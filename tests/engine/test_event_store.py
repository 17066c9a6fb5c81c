"""The batched event store: due-time flushing, batching, nothing lost."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from netflix_sim.engine import Catalog
from netflix_sim.engine.events import EventStore, SessionRows, make_event, read_events


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def event(seq: int) -> dict:
    return make_event(
        session_id=999, profile_id=1, seq=seq, t_ms=seq, wall_time=0.0, type="focus", title_id=1
    )


def test_events_are_flushed_once_250ms_old(catalog: Catalog) -> None:
    clock = FakeMonotonic()
    store = EventStore(catalog.engine, monotonic=clock, background=False)
    store.append(event(0))
    clock.now += 0.1
    store.append(event(1))
    assert store.flush_if_due() == 0  # the oldest is only 100 ms old
    assert read_events(catalog.engine, session_id=999) == []
    clock.now += 0.15  # the oldest is 250 ms old now
    assert store.flush_if_due() == 2  # one batch with both
    assert [e["seq"] for e in read_events(catalog.engine, session_id=999)] == [0, 1]
    assert store.pending == 0
    assert store.flush_if_due() == 0


def test_close_writes_what_is_buffered(catalog: Catalog) -> None:
    store = EventStore(catalog.engine, monotonic=FakeMonotonic(), background=False)
    for seq in range(500):
        store.append(event(seq))
    store.close()
    stored = read_events(catalog.engine, session_id=999)
    assert [e["seq"] for e in stored] == list(range(500))


def test_a_failed_write_keeps_the_events(catalog: Catalog) -> None:
    store = EventStore(catalog.engine, monotonic=FakeMonotonic(), background=False)
    store.append(event(0))
    store.append({**event(1), "type": None})  # NOT NULL violation: the batch fails whole
    with pytest.raises(IntegrityError):
        store.flush()
    assert store.pending == 2
    assert read_events(catalog.engine, session_id=999) == []


@pytest.mark.parametrize("n", [1, 15, 16, 17, 40])
def test_a_batch_is_stored_whole_and_in_order(catalog: Catalog, n: int) -> None:
    """Whole statements of several rows and the single-row rest alike."""
    store = EventStore(catalog.engine, monotonic=FakeMonotonic(), background=False)
    rows = [
        {**event(seq), "value": seq / 2, "payload": f'{{"k":{seq}}}', "row_id": f"r{seq}"}
        for seq in range(n)
    ]
    for row in rows:
        store.append(row)
    assert store.flush() == n
    stored = read_events(catalog.engine, session_id=999)
    assert [{k: e[k] for k in rows[0]} for e in stored] == rows
    ids = [e["event_id"] for e in stored]
    assert ids == sorted(ids) and len(set(ids)) == n


def test_a_failed_write_of_many_rows_keeps_them_all(catalog: Catalog) -> None:
    store = EventStore(catalog.engine, monotonic=FakeMonotonic(), background=False)
    for seq in range(40):
        store.append({**event(seq), "type": None} if seq == 20 else event(seq))
    with pytest.raises(IntegrityError):
        store.flush()
    assert store.pending == 40
    assert read_events(catalog.engine, session_id=999) == []


def test_a_session_is_marked_ended_with_its_last_events(catalog: Catalog) -> None:
    from netflix_sim.engine import VirtualClock

    clock = VirtualClock()
    session = catalog.start_session(catalog.profiles()[0], clock=clock)
    session.home()
    clock.advance(42)

    def ended_ms() -> int | None:
        with catalog.engine.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT ended_ms FROM session WHERE id = ?", (session.id,)
            ).scalar()

    store = catalog.store
    real_flush = store.flush
    store.flush = lambda: 0  # hold the final write back: nothing is written yet
    try:
        session.end()
        assert ended_ms() is None
        assert store.pending >= 1  # session_end waits in the buffer with the row's end
    finally:
        store.flush = real_flush
    store.flush()
    assert ended_ms() == clock.now_ms()
    kinds = [e["type"] for e in read_events(catalog.engine, session_id=session.id)]
    assert kinds[-1] == "session_end"


def test_a_failed_write_keeps_the_session_end(catalog: Catalog) -> None:
    store = EventStore(catalog.engine, monotonic=FakeMonotonic(), background=False)
    session = catalog.start_session(catalog.profiles()[0])
    store.append({**event(0), "type": None})  # the batch fails whole, session end included
    store.end_session(session.id, 1234)
    with pytest.raises(IntegrityError):
        store.flush()
    with catalog.engine.connect() as conn:
        ended = conn.exec_driver_sql("SELECT ended_ms FROM session WHERE id = ?", (session.id,))
        assert ended.scalar() is None
    store._events.clear()  # drop the bad event; the session's end is still buffered
    assert store.flush() == 0
    with catalog.engine.connect() as conn:
        ended = conn.exec_driver_sql("SELECT ended_ms FROM session WHERE id = ?", (session.id,))
        assert ended.scalar() == 1234


def test_session_rows_are_what_make_event_makes() -> None:
    rows = SessionRows(session_id=7, profile_id=3, policy="als")
    batch = {"t_ms": 5, "wall_time": 1.5, "type": "impression"}
    items = [
        {"page_id": "7.1", "row_id": "r", "col_pos": 0, "title_id": 11, "propensity": 0.5},
        {
            "page_id": "7.1",
            "row_id": "r",
            "col_pos": 1,
            "title_id": 12,
            "payload": {"b": 1, "a": [2]},
        },
    ]
    made = rows.batch(items, seq=4, context={"hour": 9, "device": "tv"}, **batch)
    shared = {
        "session_id": 7,
        "profile_id": 3,
        "policy": "als",
        "context": '{"device":"tv","hour":9}',
    }
    expected = [make_event(**shared, **batch, seq=4 + k, **item) for k, item in enumerate(items)]
    assert made == expected
    assert [list(row) for row in made] == [list(row) for row in expected]  # column order too
    assert made[1]["payload"] == '{"a":[2],"b":1}'
    assert items[1]["payload"] == {"b": 1, "a": [2]}  # the caller's fields are left alone


@pytest.mark.parametrize("fields", [{"titel_id": 1}, {"seq": 1}, {"type": "focus"}, {"t_ms": 1}])
def test_session_rows_refuse_unknown_or_shared_fields(fields: dict) -> None:
    rows = SessionRows(session_id=7, profile_id=3, policy="als")
    with pytest.raises(ValueError, match="event fields"):
        rows.batch([fields], seq=0, t_ms=0, wall_time=0.0, type="impression", context="{}")
