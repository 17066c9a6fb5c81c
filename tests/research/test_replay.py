"""replay --check passes on recorded sessions and fails, precisely, on a tampered one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from netflix_sim.cli import main
from netflix_sim.engine import VirtualClock, open_catalog
from netflix_sim.engine.events import read_events
from netflix_sim.research.replay import check
from netflix_sim.research.traces import catalog_engine


def busiest_session(path: Path) -> int:
    with catalog_engine(path) as engine, engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT session_id FROM event WHERE type = 'page_view' AND policy = 'als' "
                    "GROUP BY session_id ORDER BY COUNT(*) DESC, session_id LIMIT 1"
                )
            ).scalar()
        )


def test_check_passes_on_recorded_bot_sessions(sim_path: Path) -> None:
    with catalog_engine(sim_path) as engine, engine.connect() as conn:
        sessions = [
            int(s)
            for (s,) in conn.execute(
                text("SELECT DISTINCT session_id FROM event WHERE type = 'session_start'")
            )
        ]
    assert len(sessions) == 16
    for session_id in sessions:
        result = check(sim_path, session_id)
        assert result.ok, f"session {session_id}: {result.mismatch}"
        assert result.pages >= 1


def test_check_fails_at_the_first_tampered_tile(
    sim_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = busiest_session(sim_path)
    with catalog_engine(sim_path) as engine, engine.begin() as conn:
        pages = conn.execute(
            text(
                "SELECT event_id, seq, payload FROM event WHERE session_id = :s "
                "AND type = 'page_view' ORDER BY seq"
            ),
            {"s": session_id},
        ).all()
        event_id, seq, payload = pages[-1]
        data = json.loads(payload)
        tile = data["rows"][1]["tiles"][2]
        original, tile[0] = tile[0], tile[0] + 1 if tile[0] < 600 else 1
        conn.execute(
            text("UPDATE event SET payload = :p WHERE event_id = :e"),
            {"p": json.dumps(data), "e": event_id},
        )
    result = check(sim_path, session_id)
    assert not result.ok
    mismatch = result.mismatch
    assert (mismatch.step, mismatch.event, mismatch.row, mismatch.col) == (seq, "page_view", 1, 2)
    assert f"expected title {tile[0]} " in mismatch.detail
    assert f"found title {original} " in mismatch.detail
    assert main(["traces", "replay", str(session_id), "--db", str(sim_path), "--check"]) == 1
    err = capsys.readouterr().err
    assert f"step {seq} (page_view, row 1, column 2): expected title" in err


def test_check_replays_a_shared_learning_session_with_its_bandit(catalog_path: Path) -> None:
    """Default sessions let the artwork bandit learn: its state is recorded and restored."""
    with open_catalog(catalog_path) as catalog:
        profile = catalog.profiles()[0]
        for seed in (1, 2):  # the second session starts from a bandit the first taught
            clock = VirtualClock(1_767_297_600_000 + seed * 86_400_000)
            session = catalog.start_session(profile, clock=clock, seed=seed)
            page = session.home()
            row = page.rows[1]
            session.focus(row.id, 1, 0, row.tiles[0].title_id)
            clock.advance(3)
            session.scroll("right", row_id=row.id, row_pos=1, col_pos=0)
            session.open_details(row.tiles[1].title_id, row_id=row.id, row_pos=1, col_pos=1)
            session.play(row.tiles[1].title_id, speed=60, row_id=row.id, row_pos=1, col_pos=1)
            clock.advance(40)
            session.stop()
            session.thumbs(row.tiles[1].title_id, 1)
            session.close_details(row.tiles[1].title_id)
            session.home()
            session.end()
            last = session.id
    with catalog_engine(catalog_path) as engine:
        starts = [
            json.loads(e["payload"])
            for e in read_events(engine, types=("session_start",))
            if e["session_id"] in (last - 1, last)
        ]
    assert starts[0]["trailers"]["digest"] != starts[1]["trailers"]["digest"]  # it learned
    result = check(catalog_path, last)
    assert result.ok, result.mismatch
    assert result.pages == 2


def test_check_refuses_a_retrained_model(
    sim_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = busiest_session(sim_path)
    with open_catalog(sim_path, shared_learning=False) as catalog:
        catalog.train()
    assert main(["traces", "replay", str(session_id), "--db", str(sim_path), "--check"]) == 1
    err = capsys.readouterr().err
    assert "the als model has changed since session" in err and err.count("\n") == 1


def test_check_replays_a_session_that_changed_playback_speed(catalog_path: Path) -> None:
    """A speed change is a ``speed`` event (trace v2): the replay's stop lands where the
    recorded one did. Before v2 it went unrecorded and the replay stopped elsewhere."""
    with open_catalog(catalog_path, shared_learning=False) as catalog:
        clock = VirtualClock(1_767_297_600_000)
        session = catalog.start_session(catalog.profiles()[0], clock=clock, seed=5)
        row = session.home().rows[0]
        title = row.tiles[0].title_id
        session.open_details(title, row_id=row.id, row_pos=0, col_pos=0)
        session.play(title, row_id=row.id, row_pos=0, col_pos=0)
        clock.advance(30)
        state = session.set_speed(1.5)
        clock.advance(40)
        stopped = session.stop()
        session.end()
    assert state.speed == 1.5
    assert stopped.watched_s == pytest.approx(30 + 1.5 * 40)
    with catalog_engine(catalog_path) as engine:
        speed = read_events(engine, session_id=session.id, types=("speed",))
    assert [(e["title_id"], e["value"]) for e in speed] == [(title, 1.5)]
    assert json.loads(speed[0]["payload"]) == {"position_s": pytest.approx(30.0)}
    result = check(catalog_path, session.id)
    assert result.ok, result.mismatch


def test_check_replays_a_new_profiles_session_with_onboarding(catalog_path: Path) -> None:
    """The onboarding picks are shown but not recorded: showing them must not move the
    session's random stream (it did: the first page's artwork then differed in replay)."""
    with open_catalog(catalog_path) as catalog:
        profile = catalog.create_profile("Newcomer")
        session = catalog.start_session(profile, clock=VirtualClock(1_767_297_600_000), seed=9)
        picks = session.onboarding_candidates()
        for tile in picks[:3]:
            session.thumbs(tile.title_id, 1)
        page = session.home()
        row = page.rows[0]
        session.focus(row.id, 0, 0, row.tiles[0].title_id)
        session.end()
    assert len(picks) >= 3
    result = check(catalog_path, session.id)
    assert result.ok, result.mismatch


class TickingClock:
    """A real-time stand-in: every reading is a millisecond after the last (the time a
    page build or a write takes on a wall clock)."""

    virtual = False

    def __init__(self, start_ms: int) -> None:
        self._now = start_ms

    def now_ms(self) -> int:
        self._now += 1
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += round(seconds * 1000)


def test_check_replays_a_session_on_a_clock_that_moves_during_calls(catalog_path: Path) -> None:
    """What one call records shares one timestamp, so a human's session (wall clock) replays
    exactly: before, the first-screen impressions were a few ms after their page_view and
    the replay, on a clock standing still within a call, differed."""
    clock = TickingClock(1_767_297_600_000)
    with open_catalog(catalog_path, shared_learning=False) as catalog:
        session = catalog.start_session(catalog.profiles()[0], clock=clock, seed=4)
        page = session.home()
        row = page.rows[1]
        session.focus(row.id, 1, 0, row.tiles[0].title_id)
        clock.advance(2)
        session.scroll("right", row_id=row.id, row_pos=1, col_pos=0)
        title = row.tiles[1].title_id
        session.open_details(title, row_id=row.id, row_pos=1, col_pos=1)
        session.play(title, speed=30, row_id=row.id, row_pos=1, col_pos=1)
        clock.advance(20)
        session.abandon()  # stops the playback, records abandon and ends the session
    with catalog_engine(catalog_path) as engine:
        events = read_events(engine, session_id=session.id)
    at = next(k for k, e in enumerate(events) if e["type"] == "page_view")
    after = [e["type"] for e in events[at + 1 :]]
    first_screen = events[at + 1 : at + 1 + after.index("focus")]  # recorded by home()
    assert len(first_screen) > 10 and {e["type"] for e in first_screen} == {"impression"}
    assert {e["t_ms"] for e in first_screen} == {events[at]["t_ms"]}
    assert events[-1]["type"] == "session_end"
    result = check(catalog_path, session.id)
    assert result.ok, result.mismatch
