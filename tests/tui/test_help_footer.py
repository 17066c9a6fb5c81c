"""Every binding shows in the footer and on the help screen."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.widgets._footer import FooterKey

from netflix_sim.engine import VirtualClock
from netflix_sim.tui.app import NetflixSimApp, make_app
from netflix_sim.tui.screens.details import DetailsScreen
from netflix_sim.tui.screens.help import HelpScreen
from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.screens.onboarding import OnboardingScreen
from netflix_sim.tui.screens.player import PlayerScreen
from netflix_sim.tui.screens.profiles import ProfilesScreen
from netflix_sim.tui.screens.search import SearchScreen

from .conftest import wait_for_onboarding, wait_for_page


def test_every_binding_is_shown_and_described() -> None:
    for owner in (
        NetflixSimApp,
        ProfilesScreen,
        OnboardingScreen,
        HomeScreen,
        DetailsScreen,
        PlayerScreen,
        SearchScreen,
        HelpScreen,
    ):
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.description, (owner, binding)
            # ctrl+c is an alias of q (same action, shown once as "Quit"); the footer shows
            # the command palette's key at its right
            assert binding.show or binding.key in ("ctrl+c", "ctrl+p"), (owner, binding)


def footer_actions(app: NetflixSimApp) -> set[str]:
    return {key.action for key in app.screen.query(FooterKey)}


async def test_footers_show_the_screen_and_app_bindings(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        await wait_for_page(pilot)
        await pilot.pause()
        actions = footer_actions(home_app)
        for binding in [*HomeScreen.BINDINGS, *NetflixSimApp.BINDINGS]:
            assert binding.action in actions, binding
        await pilot.press("enter")
        await pilot.pause()
        actions = footer_actions(home_app)
        for binding in DetailsScreen.BINDINGS:
            assert binding.action in actions, binding
        await pilot.press("p")
        await pilot.pause()
        actions = footer_actions(home_app)
        for binding in PlayerScreen.BINDINGS:
            assert binding.action in actions, binding


async def test_question_mark_lists_the_keys_of_the_screen(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(80, 24)) as pilot:
        await wait_for_page(pilot)
        await pilot.press("question_mark")
        help_screen = home_app.screen
        assert isinstance(help_screen, HelpScreen)
        table = help_screen.table
        descriptions = list(table.columns[1].cells)
        for expected in ("Up", "Down", "Left", "Right", "Details", "Search", "Profiles", "Quit"):
            assert expected in descriptions
        keys = " ".join(str(k) for k in table.columns[0].cells)
        assert "ctrl+c" in keys or "^c" in keys
        await pilot.press("escape")
        assert isinstance(home_app.screen, HomeScreen)


async def test_onboarding_footer_shows_its_bindings_and_the_count(
    catalog_path: Path, viewer: str
) -> None:
    app = make_app(catalog_path, profile=viewer, clock=VirtualClock())
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await wait_for_onboarding(pilot)
        actions = footer_actions(app)
        for binding in [*OnboardingScreen.BINDINGS, *NetflixSimApp.BINDINGS]:
            assert binding.action in actions, binding
        done = next(k for k in screen.query(FooterKey) if k.action == "done")
        assert "-disabled" in done.classes  # greyed out until 3 are picked
        assert "0/3 picked" in str(screen.query_one("#picked").render())
        await pilot.press("question_mark")
        descriptions = list(app.screen.table.columns[1].cells)
        for expected in ("Pick or unpick", "Done", "Skip", "Quit"):
            assert expected in descriptions
