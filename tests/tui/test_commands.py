"""The command palette (ctrl+p): screens and actions by name; the dark/light theme pair."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.pilot import Pilot

from netflix_sim.tui.app import NETFLIX_RED, NetflixSimApp
from netflix_sim.tui.commands import COMMANDS, available_commands
from netflix_sim.tui.screens.details import DetailsScreen
from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.screens.player import PlayerScreen
from netflix_sim.tui.screens.profiles import ProfilesScreen
from netflix_sim.tui.screens.search import SearchScreen

from .conftest import read_events, wait_for_page
from .test_bindings import settle


async def run_command(pilot: Pilot, typed: str) -> None:
    """Open the palette, type ``typed``, take the best match."""
    await pilot.press("ctrl+p")
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*typed)
    for _ in range(50):  # the palette searches in a worker
        await pilot.pause(0.02)
        if pilot.app.screen.query("CommandList Option"):
            break
    await pilot.press("enter")
    await settle(pilot)


def test_the_palette_lists_screens_and_actions() -> None:
    names = [c.name for c in COMMANDS]
    for expected in ("Home", "Search", "My List", "Profiles", "Help", "Quit"):
        assert expected in names
    assert any("theme" in n for n in names)


async def test_palette_goes_to_screens(home_app: NetflixSimApp, catalog_path: Path) -> None:
    async with home_app.run_test(size=(80, 24)) as pilot:
        await wait_for_page(pilot)
        assert [c.name for c in available_commands(home_app)] == [c.name for c in COMMANDS]
        await pilot.press("enter", "m", "p")  # details, add to My List, play
        assert isinstance(home_app.screen, PlayerScreen)
        session_id = home_app.session.id
        await run_command(pilot, "my list")  # stops the player, closes details, goes home
        home = home_app.screen
        assert isinstance(home, HomeScreen)
        assert home.page.rows[home.cursor_row].id == "mylist"
        home_app.session.flush()
        kinds = [e["type"] for e in read_events(catalog_path) if e["session_id"] == session_id]
        assert "play_stop" in kinds and "close_details" in kinds
        await run_command(pilot, "search")
        assert isinstance(home_app.screen, SearchScreen)
        await run_command(pilot, "home")
        assert home_app.screen is home
        await run_command(pilot, "profiles")
        assert isinstance(home_app.screen, ProfilesScreen) and not home_app.has_session
        assert "Home" not in [c.name for c in available_commands(home_app)]


async def test_theme_toggles_by_key_and_palette(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(80, 24)) as pilot:
        await wait_for_page(pilot)
        assert home_app.theme == "netflix-dark" and home_app.current_theme.dark
        await pilot.press("ctrl+t")
        assert home_app.theme == "netflix-light" and not home_app.current_theme.dark
        assert home_app.current_theme.primary == NETFLIX_RED
        background = home_app.screen.styles.background
        assert background.brightness > 0.8
        await run_command(pilot, "theme")
        assert home_app.theme == "netflix-dark"
        assert home_app.screen.styles.background.brightness < 0.1
        await pilot.press("enter")
        assert isinstance(home_app.screen, DetailsScreen)
