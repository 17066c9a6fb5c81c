"""The "Who's watching?" picker and the profile lifecycle."""

from __future__ import annotations

from pathlib import Path

import pytest

from netflix_sim.engine import UnknownProfileError, VirtualClock, open_catalog
from netflix_sim.tui.app import make_app
from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.screens.profiles import ProfilesScreen
from netflix_sim.tui.widgets.profile_card import ProfileCard

from .conftest import read_events, wait_for_page


async def test_picker_shows_the_viewer_profiles(catalog_path: Path) -> None:
    with open_catalog(catalog_path) as catalog:
        expected = [p.name for p in catalog.profiles()]
    app = make_app(catalog_path, clock=VirtualClock(), onboarding=False)
    async with app.run_test(size=(160, 48)) as pilot:
        assert isinstance(app.screen, ProfilesScreen)
        cards = list(app.screen.query(ProfileCard))
        assert [c.profile.name for c in cards] == expected
        assert [c.selected for c in cards] == [True] + [False] * (len(cards) - 1)
        await pilot.press("right")
        assert app.screen.selected == 1
        assert cards[1].selected and not cards[0].selected
        await pilot.press("left", "left")
        assert app.screen.selected == 0


async def test_enter_opens_home_for_the_chosen_profile(catalog_path: Path) -> None:
    app = make_app(catalog_path, clock=VirtualClock(), onboarding=False)
    async with app.run_test(size=(160, 48)) as pilot:
        second = app.screen.profiles[1]
        await pilot.press("right", "enter")
        home = await wait_for_page(pilot)
        assert app.session.profile == second
        assert home.page is not None and home.page.profile_id == second.id
        assert second.name in str(home.query_one("#who").render())


async def test_clicking_a_card_opens_home(catalog_path: Path) -> None:
    app = make_app(catalog_path, clock=VirtualClock(), onboarding=False)
    async with app.run_test(size=(160, 48)) as pilot:
        third = app.screen.profiles[2]
        await pilot.click(f"#profile-{third.id}")
        await wait_for_page(pilot)
        assert app.session.profile == third


async def test_profile_option_skips_the_picker_and_escape_returns(catalog_path: Path) -> None:
    with open_catalog(catalog_path) as catalog:
        expected = [p.name for p in catalog.profiles()]
    app = make_app(catalog_path, profile=2, clock=VirtualClock(), onboarding=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_page(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not any(isinstance(s, ProfilesScreen) for s in app.screen_stack)  # made later
        session_id = app.session.id
        await pilot.press("escape")
        assert isinstance(app.screen, ProfilesScreen)
        assert len(app.screen_stack) == 2  # the picker took home's place
        assert [c.profile.name for c in app.screen.query(ProfileCard)] == expected
        assert not app.has_session
        await pilot.press("right", "right", "enter")  # the picker works as at a plain start
        home = await wait_for_page(pilot)
        assert home.page is not None and home.page.profile_id == app.screen_stack[1].profiles[2].id
        await pilot.press("escape")
        assert isinstance(app.screen, ProfilesScreen) and len(app.screen_stack) == 2
    ends = [e for e in read_events(catalog_path, "session_end") if e["session_id"] == session_id]
    assert len(ends) == 1


async def test_quitting_ends_the_session(catalog_path: Path, viewer: str) -> None:
    app = make_app(catalog_path, profile=viewer, clock=VirtualClock(), onboarding=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_page(pilot)
        session_id = app.session.id
        await pilot.press("q")
    kinds = [e["type"] for e in read_events(catalog_path) if e["session_id"] == session_id]
    assert kinds[0] == "session_start" and kinds[-1] == "session_end"
    assert "page_view" in kinds


def test_unknown_profile_fails_before_the_app_runs(catalog_path: Path) -> None:
    with pytest.raises(UnknownProfileError):
        make_app(catalog_path, profile="nobody-by-that-name")


async def test_an_open_catalog_is_left_open(catalog_path: Path, viewer: str) -> None:
    with open_catalog(catalog_path) as catalog:
        app = make_app(catalog, profile=viewer, clock=VirtualClock(), onboarding=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_page(pilot)
        assert catalog.profiles()  # still usable
