"""The TUI driver: bot actions as key presses in the real app, the same events as the engine."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from netflix_sim.bots.actions import (
    Abandon,
    Action,
    Back,
    Leave,
    Move,
    OpenDetails,
    Pause,
    Play,
    Search,
    Seek,
    Stop,
    Thumbs,
    Wait,
    Watch,
)
from netflix_sim.bots.driver import DETAILS, ENDED, HOME, PLAYER, View
from netflix_sim.bots.tui_driver import TuiDriver, run_tui_session, seek_presses
from netflix_sim.engine import Catalog, UnknownProfileError, VirtualClock, open_catalog
from netflix_sim.engine.events import read_events
from netflix_sim.engine.recommender import factors_path
from netflix_sim.engine.types import Page

VOLATILE = ("event_id", "wall_time")
"""Event columns that differ between two runs of the same session."""


def copy_catalog(template: Path, path: Path) -> Path:
    """A private copy of the seeded template (and its factors) at ``path``."""
    shutil.copy(template, path)
    shutil.copy(factors_path(template), factors_path(path))
    return path


@pytest.fixture
def twin_paths(seeded_template: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two identical private catalogs: one for each driver."""
    return (
        copy_catalog(seeded_template, tmp_path / "engine.db"),
        copy_catalog(seeded_template, tmp_path / "tui.db"),
    )


@pytest.fixture
def opened(catalog_path: Path) -> Iterator[Catalog]:
    """The test's catalog, open."""
    with open_catalog(catalog_path) as catalog:
        yield catalog


def events_of(catalog: Catalog, session_id: int) -> list[dict[str, Any]]:
    """The session's stored events, without the columns that differ between runs."""
    catalog.store.flush()
    return [
        {k: v for k, v in e.items() if k not in VOLATILE}
        for e in read_events(catalog.engine, session_id=session_id)
    ]


def scripted(actions: Sequence[Action]) -> tuple[Callable[[Page | None, View], Action], list]:
    """A decide function playing ``actions`` in order, and the views it was shown."""
    queue = list(actions)
    seen: list[tuple[Page | None, View]] = []

    def decide(page: Page | None, view: View) -> Action:
        seen.append((page, view))
        return queue.pop(0)

    return decide, seen


def test_seek_presses() -> None:
    assert [seek_presses(s) for s in (0, -10, 10, 4, 5, 25, -30, 0.4)] == [0, 1, 1, 1, 1, 3, 3, 1]


EVERYTHING: list[Action] = [
    Wait(2),
    Move("down"),
    Move("right"),
    Wait(3),
    Play(),  # no key on home: skipped
    OpenDetails(),
    Wait(1.5),
    Play(),
    Watch(600),
    Pause(),
    Wait(4),
    Pause(),
    Seek(-10),
    Seek(30),  # three presses of +10 s
    Watch(120),
    Stop(),
    Thumbs(2),
    Back(),
    Search("the", 1),
    Move("down"),  # no arrows on details: skipped
    Play(),
    Watch(10**7),  # to the end: the player stops by itself
    Stop(),  # on details: skipped
    Back(),  # details -> search -> home
    Search("the", -1),  # search, open nothing
    Move("left"),
    Abandon(),
]


def test_a_scripted_session_runs_every_action_through_the_tui(opened: Catalog) -> None:
    decide, seen = scripted(EVERYTHING)
    profile = opened.profiles()[0]
    run = run_tui_session(opened, profile.name, decide, VirtualClock())
    assert run.actions == tuple(EVERYTHING)
    assert run.skipped == (4, 19, 22)
    screens = [view.screen for view in run.views]
    assert screens[:5] == [HOME] * 5
    assert screens[6:9] == [DETAILS, DETAILS, PLAYER]
    after_end = EVERYTHING.index(Watch(10**7)) + 1
    assert screens[after_end] == DETAILS  # the player stopped at the end
    assert screens[-1] == ENDED
    assert all(page is view.page for page, view in seen)
    player = run.views[9]
    assert player.playback is not None and player.playback.position_s == 600

    events = events_of(opened, run.session_id)
    kinds = [e["type"] for e in events]
    assert kinds[0] == "session_start" and kinds[-2:] == ["abandon", "session_end"]
    assert kinds.count("page_view") == 3  # start, back from details, back from search
    assert kinds.count("search") == 2 and kinds.count("search_click") == 1
    seeks = [e["value"] for e in events if e["type"] == "seek"]
    assert seeks == [-10.0, 10.0, 10.0, 10.0]
    assert kinds.count("pause") == 1 and kinds.count("resume") == 1
    stops = [json.loads(e["payload"]) for e in events if e["type"] == "play_stop"]
    assert len(stops) == 2 and stops[1]["position_s"] == stops[1]["duration_s"]
    thumbs = [(e["title_id"], e["value"]) for e in events if e["type"] == "thumbs"]
    assert thumbs == [(run.views[7].card.title_id, 2.0)]
    click = next(e for e in events if e["type"] == "search_click")
    assert click["col_pos"] == 1
    assert run.views[EVERYTHING.index(Search("the", 1)) + 1].card.title_id == click["title_id"]


EQUIVALENT: list[Action] = [
    Wait(2.5),
    Move("right"),
    Move("right"),
    Move("down"),
    Wait(1),
    Move("down"),
    Move("up"),
    Move("left"),
    Wait(4),
    OpenDetails(),
    Wait(2),
    Play(),
    Watch(900),
    Pause(),
    Wait(3),
    Pause(),
    Seek(-10),
    Watch(300),
    Stop(),
    Thumbs(1),
    Back(),
    Move("down"),
    Wait(2),
    Search("the", 2),
    Wait(3),
    Thumbs(-1),
    Back(),
    Search("love", -1),
    Move("right"),
    Wait(1),
    OpenDetails(),
    Back(),
    Leave(),
]


@pytest.mark.parametrize("policy", ["als", "random"])  # random: every score draw counts
def test_the_tui_and_the_engine_driver_record_the_same_session(
    twin_paths: tuple[Path, Path], policy: str
) -> None:
    from netflix_sim.bots.engine_driver import EngineDriver

    engine_path, tui_path = twin_paths
    with open_catalog(engine_path) as catalog:
        profile = catalog.profiles()[0]
        driver = EngineDriver(catalog, profile, clock=VirtualClock(), policy=policy, seed=3)
        engine_views = [driver.start()]
        engine_views += [driver.act(action) for action in EQUIVALENT]
        assert driver.session is not None
        engine_events = events_of(catalog, driver.session.id)
    with open_catalog(tui_path) as catalog:
        decide, _ = scripted(EQUIVALENT)
        run = run_tui_session(
            catalog,
            profile.id,
            decide,
            VirtualClock(),
            device=profile.device,
            policy=policy,
            seed=3,
        )
        tui_events = events_of(catalog, run.session_id)
    assert run.skipped == ()
    assert [v.screen for v in run.views] == [v.screen for v in engine_views]
    assert list(run.views) == engine_views
    assert [(e["type"], e["title_id"]) for e in tui_events] == [
        (e["type"], e["title_id"]) for e in engine_events
    ]
    assert tui_events == engine_events  # every column: positions, values, artwork, payloads


def test_a_bot_makes_the_same_decisions_through_both_drivers(
    twin_paths: tuple[Path, Path],
) -> None:
    from netflix_sim.bots import engine_driver, tui_driver
    from netflix_sim.bots.personas import sample_persona
    from netflix_sim.bots.truth import GroundTruth

    truth = GroundTruth.load(twin_paths[0])
    persona = sample_persona(0, "searcher", np.random.default_rng(2))
    runs = []
    for module, path in zip((engine_driver, tui_driver), twin_paths, strict=True):
        with open_catalog(path) as catalog:
            profile = catalog.profiles()[0]
            record = module.run_session(
                catalog,
                profile,
                persona,
                truth,
                VirtualClock(),
                np.random.default_rng(1002),
                "als",
                label=(0, 0),
            )
            catalog.store.flush()
            events = [
                {k: v for k, v in e.items() if k not in VOLATILE}
                for e in read_events(catalog.engine, profile_id=profile.id)
            ]
        runs.append((record, events))
    (engine_record, engine_events), (tui_record, tui_events) = runs
    assert len(engine_record.decisions) > 3 and engine_record.searches
    assert tui_record.decisions == engine_record.decisions
    assert tui_record == engine_record
    assert [(e["type"], e["title_id"]) for e in tui_events] == [
        (e["type"], e["title_id"]) for e in engine_events
    ]
    assert tui_events == engine_events


def test_closing_the_driver_ends_the_session(opened: Catalog) -> None:
    profile = opened.profiles()[0]
    with TuiDriver(opened, profile.id, clock=VirtualClock()) as driver:
        view = driver.start()
        assert view.screen == HOME and view.page is not None
        view = driver.act(Move("down"))
        assert (view.row, view.col) == (1, 0)
    assert driver.session_id is not None
    kinds = [e["type"] for e in events_of(opened, driver.session_id)]
    assert kinds[-2:] == ["dwell", "session_end"] and "abandon" not in kinds
    with pytest.raises(RuntimeError):
        driver.act(Leave())


def test_leave_from_the_player_stops_playback_and_ends(opened: Catalog) -> None:
    decide, _ = scripted([OpenDetails(), Play(), Watch(60), Leave()])
    run = run_tui_session(opened, opened.profiles()[0].id, decide, VirtualClock())
    kinds = [e["type"] for e in events_of(opened, run.session_id)]
    assert kinds[-2:] == ["play_stop", "session_end"]
    assert run.views[-1].screen == ENDED and run.views[-1].page is not None


def test_max_actions_ends_with_leave(opened: Catalog) -> None:
    run = run_tui_session(
        opened, opened.profiles()[0].id, lambda page, view: Wait(1), VirtualClock(), max_actions=3
    )
    assert run.actions == (Wait(1), Wait(1), Wait(1), Leave())
    assert [e["type"] for e in events_of(opened, run.session_id)][-1] == "session_end"


def test_an_unknown_profile_fails_at_start(opened: Catalog) -> None:
    with pytest.raises(UnknownProfileError), TuiDriver(opened, "Nobody", clock=VirtualClock()) as d:
        d.start()
