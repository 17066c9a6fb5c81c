"""Onboarding a cold profile: "Pick 3 you like", recorded as thumbs up, then home."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from netflix_sim.engine import VirtualClock, open_catalog
from netflix_sim.engine.recommender import factors_path
from netflix_sim.engine.types import Page
from netflix_sim.tui.app import make_app
from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.screens.onboarding import CANDIDATES, PICKS_NEEDED, OnboardingScreen
from netflix_sim.tui.widgets.pick_tile import PickTile

from .conftest import read_events, read_ratings, wait_for_onboarding, wait_for_page
from .test_reshape import genre_rank


def picked_label(screen: OnboardingScreen) -> str:
    return str(screen.query_one("#picked").render())


def cold_page(catalog_path: Path, profile: str, tmp_path: Path) -> Page:
    """The page ``profile`` gets with no signals, built on a copy of the catalog."""
    copy = tmp_path / "cold.db"
    shutil.copy(catalog_path, copy)
    shutil.copy(factors_path(catalog_path), factors_path(copy))
    with open_catalog(copy) as catalog:
        session = catalog.start_session(catalog.profile(profile), device="tv", clock=VirtualClock())
        page = session.home()
        session.end()
    return page


async def test_a_new_profile_picks_from_popular_titles_first(
    catalog_path: Path, viewer: str
) -> None:
    app = make_app(catalog_path, profile=viewer, clock=VirtualClock())
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await wait_for_onboarding(pilot)
        tiles = list(screen.query(PickTile))
        assert len(tiles) == CANDIDATES == len(screen.tiles)
        assert len({t.tile.title_id for t in tiles}) == CANDIDATES
        assert screen.columns == 6  # 6 x 3 at 160 columns
        assert tiles[0].cursor and not any(t.cursor for t in tiles[1:])
        assert "0/3 picked" in picked_label(screen)
        assert viewer in str(screen.query_one("#who").render())
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)


async def test_picking_three_records_thumbs_and_reshapes_home(
    catalog_path: Path, viewer: str, tmp_path: Path
) -> None:
    cold = cold_page(catalog_path, viewer, tmp_path)
    app = make_app(catalog_path, profile=viewer, clock=VirtualClock())
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await wait_for_onboarding(pilot)
        await pilot.press("space", "right", "space", "down")
        assert "2/3 picked" in picked_label(screen)
        await pilot.press("enter")  # fewer than 3 picked: Enter picks
        assert "3/3 picked" in picked_label(screen)
        picks = screen.picks
        assert picks == tuple(screen.tiles[i].title_id for i in (0, 1, 1 + screen.columns))
        assert [t.picked for t in screen.query(PickTile)].count(True) == PICKS_NEEDED
        await pilot.press("enter")  # 3 picked: Enter goes on
        home = await wait_for_page(pilot)
        after = home.page
        assert after is not None
        session_id, profile_id = app.session.id, app.session.profile.id
        index = app.catalog.index
        genres = {int(index.main_genre[index.index_of[t]]) for t in picks}
    thumbs = [e for e in read_events(catalog_path, "thumbs") if e["session_id"] == session_id]
    assert [(e["title_id"], e["value"]) for e in thumbs] == [(t, 1.0) for t in picks]
    assert all(read_ratings(catalog_path)[(profile_id, t)] == 1 for t in picks)
    assert [r.id for r in after.rows] != [r.id for r in cold.rows]
    # The picks' genres climb: on average, and none of them falls.
    before_ranks = [genre_rank(cold, g) for g in genres]
    after_ranks = [genre_rank(after, g) for g in genres]
    assert sum(after_ranks) < sum(before_ranks), (before_ranks, after_ranks)
    assert all(a <= b for a, b in zip(after_ranks, before_ranks, strict=True))
    assert {f"because:{t}" for t in picks} & {r.id for r in after.rows[:3]}


@pytest.mark.parametrize("key", ["escape", "s"])
async def test_skipping_goes_home_without_thumbs(catalog_path: Path, viewer: str, key: str) -> None:
    app = make_app(catalog_path, profile=viewer, clock=VirtualClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_onboarding(pilot)
        await pilot.press("space", key)
        home = await wait_for_page(pilot)
        assert home.page is not None and home.page.rows
        assert not any(isinstance(s, OnboardingScreen) for s in app.screen_stack)
        session_id = app.session.id
    assert not [e for e in read_events(catalog_path, "thumbs") if e["session_id"] == session_id]


async def test_picks_toggle_at_most_three_and_done_waits_for_them(
    catalog_path: Path, viewer: str
) -> None:
    app = make_app(catalog_path, profile=viewer, clock=VirtualClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_onboarding(pilot)
        assert screen.columns == 3  # 3 x 6 at 80 columns
        await pilot.press("space", "space")  # pick, unpick
        assert screen.picks == ()
        await pilot.press("space", "d")  # Done is greyed out with one pick
        assert screen.check_action("done", ()) is None
        assert isinstance(app.screen, OnboardingScreen) and len(screen.picks) == 1
        await pilot.press("right", "space", "right", "space", "down", "space")
        assert len(screen.picks) == PICKS_NEEDED  # a fourth pick is refused
        assert screen.tile is not None and screen.tile.title_id not in screen.picks
        assert screen.check_action("done", ()) is True
        await pilot.press("up", "space")  # unpick the third, then pick by clicking
        assert len(screen.picks) == 2
        last = list(screen.query(PickTile))[CANDIDATES - 1]
        await pilot.press("down", "down", "down", "down", "down")
        await pilot.pause()
        await pilot.click(last)
        assert screen.cursor == CANDIDATES - 1 and last.picked
        assert screen.picks[-1] == last.tile.title_id
        await pilot.press("d")
        await wait_for_page(pilot)
        session_id = app.session.id
    thumbs = [e for e in read_events(catalog_path, "thumbs") if e["session_id"] == session_id]
    assert len(thumbs) == PICKS_NEEDED


async def test_cursor_stays_on_the_grid(catalog_path: Path, viewer: str) -> None:
    app = make_app(catalog_path, profile=viewer, clock=VirtualClock())
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await wait_for_onboarding(pilot)
        await pilot.press("up", "left")
        assert screen.cursor == 0
        await pilot.press("down", "down", "down")  # three rows of six
        assert screen.cursor == 12
        await pilot.press(*["right"] * 10)
        assert screen.cursor == CANDIDATES - 1
        await pilot.press("up")
        assert screen.cursor == CANDIDATES - 1 - 6


async def test_a_profile_with_signals_goes_straight_home(catalog_path: Path, viewer: str) -> None:
    with open_catalog(catalog_path) as catalog:
        session = catalog.start_session(catalog.profile(viewer), device="tv", clock=VirtualClock())
        session.thumbs(int(catalog.index.ids[0]), 1)
        session.end()
    app = make_app(catalog_path, profile=viewer, clock=VirtualClock())
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_page(pilot)
        assert app.session.signal_count > 0
        assert not any(isinstance(s, OnboardingScreen) for s in app.screen_stack)


async def test_onboarding_can_be_turned_off(catalog_path: Path, viewer: str) -> None:
    app = make_app(catalog_path, profile=viewer, clock=VirtualClock(), onboarding=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_page(pilot)  # the page's impressions are its first signals
        assert not any(isinstance(s, OnboardingScreen) for s in app.screen_stack)


async def test_too_few_titles_to_pick_from_goes_home(
    catalog_path: Path, viewer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netflix_sim.engine import Session

    monkeypatch.setattr(Session, "onboarding_candidates", lambda self, n=18: [])
    app = make_app(catalog_path, profile=viewer, clock=VirtualClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_page(pilot)
        assert not any(isinstance(s, OnboardingScreen) for s in app.screen_stack)
