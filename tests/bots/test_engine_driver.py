"""The engine driver makes the Session calls the TUI makes for each key, and runs bots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from netflix_sim.bots.actions import (
    Abandon,
    Back,
    Move,
    OpenDetails,
    Pause,
    Play,
    Seek,
    Stop,
    Thumbs,
    Wait,
    Watch,
)
from netflix_sim.bots.driver import DETAILS, ENDED, HOME, PLAYER
from netflix_sim.bots.engine_driver import PLAYER_SPEED, EngineDriver, run_session
from netflix_sim.bots.personas import sample_persona
from netflix_sim.bots.state import BotMemory
from netflix_sim.bots.truth import GroundTruth
from netflix_sim.engine import Catalog, VirtualClock, open_catalog
from netflix_sim.engine.events import read_events


def new_events(catalog: Catalog, session_id: int, seen: int) -> list[dict[str, Any]]:
    catalog.store.flush()
    rows = read_events(catalog.engine, session_id=session_id)
    rows = [r for r in rows if r["type"] != "impression"][seen:]
    for r in rows:
        r["payload"] = json.loads(r["payload"]) if r["payload"] else {}
    return rows


def kinds(events: list[dict[str, Any]]) -> list[str]:
    return [e["type"] for e in events]


def test_each_action_makes_the_tuis_calls(catalog: Catalog) -> None:
    profile = catalog.profiles()[0]
    clock = VirtualClock()
    driver = EngineDriver(catalog, profile, clock=clock, policy="als", seed=4)
    view = driver.start()
    session = driver.session
    assert session is not None and view.screen == HOME and (view.row, view.col) == (0, 0)
    page = view.page
    assert page is not None
    seen = 0

    def step(action: Any) -> tuple[Any, list[dict[str, Any]]]:
        nonlocal seen
        v = driver.act(action)
        events = new_events(catalog, session.id, seen)
        seen += len(events)
        return v, events

    _, events = step(Wait(0))
    assert kinds(events) == ["session_start", "page_view", "focus"]
    assert (events[2]["row_pos"], events[2]["col_pos"]) == (0, 0)

    driver.act(Wait(3))
    view, events = step(Move("right"))
    assert kinds(events) == ["dwell", "scroll", "focus"]
    assert events[0]["value"] == 3.0 and events[0]["title_id"] == page.rows[0].tiles[0].title_id
    assert events[1]["payload"]["direction"] == "right" and events[1]["col_pos"] == 0
    assert (events[2]["row_pos"], events[2]["col_pos"]) == (0, 1) == (view.row, view.col)

    view, events = step(Move("down"))  # a row not visited yet: its own cursor, 0
    assert kinds(events) == ["dwell", "scroll", "focus"] and (view.row, view.col) == (1, 0)
    view, _ = step(Move("up"))  # back where the row's cursor was left
    assert (view.row, view.col) == (0, 1)
    view, events = step(Move("up"))  # off the page: nothing happens
    assert events == [] and (view.row, view.col) == (0, 1)

    tile = page.rows[0].tiles[1]
    view, events = step(OpenDetails())
    assert kinds(events) == ["dwell", "open_details"] and view.screen == DETAILS
    assert view.card is not None and view.card.title_id == tile.title_id
    assert (events[1]["row_id"], events[1]["row_pos"], events[1]["col_pos"]) == (
        page.rows[0].id,
        0,
        1,
    )

    view, events = step(Play())
    assert kinds(events) == ["play_start"] and view.screen == PLAYER
    assert events[0]["payload"]["speed"] == PLAYER_SPEED and events[0]["col_pos"] == 1
    assert view.playback is not None and view.playback.position_s == 0
    before = clock.now_ms()
    view, _ = step(Watch(600))
    assert clock.now_ms() - before == 10_000  # 600 s of content at 60x
    _, events = step(Pause())
    assert kinds(events) == ["pause"]
    _, events = step(Pause())
    assert kinds(events) == ["resume"]
    _, events = step(Seek(-10))
    assert kinds(events) == ["seek"] and events[0]["value"] == -10
    view, events = step(Stop())
    assert kinds(events) == ["play_stop"] and view.screen == DETAILS
    assert events[0]["payload"]["watched_s"] == pytest.approx(600, abs=0.1)
    _, events = step(Thumbs(1))
    assert kinds(events) == ["thumbs"] and events[0]["value"] == 1

    view, events = step(Back())
    assert kinds(events) == ["close_details", "page_view", "focus"] and view.screen == HOME
    assert view.page is not None and view.page.page_id != page.page_id
    row = view.page.rows[view.row]
    assert row.tiles[view.col].title_id == tile.title_id  # the cursor stays on the title
    assert driver.page_views == 2

    driver.act(Wait(2))
    view, events = step(Abandon())
    assert kinds(events) == ["dwell", "abandon", "session_end"] and view.screen == ENDED
    assert events[0]["value"] == 2.0


def test_a_bot_session_on_the_engine(catalog_path: Path) -> None:
    truth = GroundTruth.load(catalog_path)
    persona = sample_persona(3, "binge_drama", np.random.default_rng(5))
    memory = BotMemory()
    with open_catalog(catalog_path, shared_learning=False) as catalog:
        profile = catalog.create_profile("bot-als-3", kind="bot")
        records = []
        for k in range(2):
            clock = VirtualClock(1_767_297_600_000 + k * 86_400_000)
            rng = np.random.default_rng(np.random.SeedSequence((0, 3, k)))
            records.append(
                run_session(
                    catalog, profile, persona, truth, clock, rng, "als", label=(3, k), memory=memory
                )
            )
        catalog.store.flush()
        events = read_events(catalog.engine, profile_id=profile.id)
    first = records[0]
    assert (first.policy, first.bot, first.session, first.kind) == ("als", 3, 0, "binge_drama")
    assert first.page_views >= 1 and first.reviewed >= 1
    assert len(first.match_shown) == len(first.match_affinity) >= 6
    assert first.abandoned == (first.plays == 0)
    assert first.watch_s >= first.home_watch_s >= 0
    types = [e["type"] for e in events]
    assert types.count("session_start") == types.count("session_end") == 2
    assert types.count("play_start") == sum(r.plays for r in records)
    assert types.count("abandon") == sum(r.abandoned for r in records)
    assert memory.passed or memory.finished
