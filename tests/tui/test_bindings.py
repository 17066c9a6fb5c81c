"""Every key binding of every screen (and of the app) does what it says.

The bindings are read from the classes (``BINDINGS`` of the app and of every screen class in
``netflix_sim.tui.screens``), so a binding added later is walked too; it needs an entry in
:data:`EFFECTS` (how to prepare and what the key must change) or its test fails, and a new
screen needs a way to reach it in :data:`REACH`. Each key of each binding runs in a fresh
app on the small seeded catalog: reach the screen, prepare, observe, press, check.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, RadioSet

import netflix_sim.tui.screens as screens_package
from netflix_sim.engine import VirtualClock
from netflix_sim.tui.app import NetflixSimApp, make_app
from netflix_sim.tui.screens.base import DialogScreen
from netflix_sim.tui.screens.confirm_delete import ConfirmDelete
from netflix_sim.tui.screens.details import DetailsScreen
from netflix_sim.tui.screens.help import HelpScreen, screen_keys
from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.screens.notifications import NotificationsScreen
from netflix_sim.tui.screens.onboarding import PICKS_NEEDED
from netflix_sim.tui.screens.player import PlayerScreen
from netflix_sim.tui.screens.profile_form import ProfileForm
from netflix_sim.tui.screens.profiles import ProfilesScreen
from netflix_sim.tui.screens.search import SearchScreen
from netflix_sim.tui.widgets.researcher_panel import ResearcherPanel
from netflix_sim.tui.widgets.tile_strip import TileStrip

from .conftest import wait_for_onboarding, wait_for_page


def screen_classes() -> list[type[Screen]]:
    """Every screen class defined in ``netflix_sim.tui.screens`` (with bindings of its own)."""
    found: dict[str, type[Screen]] = {}
    for info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, Screen)
                and cls.__module__ == module.__name__
                and "BINDINGS" in cls.__dict__
            ):
                found[cls.__name__] = cls
    return [found[name] for name in sorted(found)]


SHARED = (DialogScreen,)
"""Bases whose bindings are walked on each screen made from them (not reached by themselves)."""


def own_keys(owner: type) -> list[tuple[Binding, str]]:
    """(binding, one key) for every key of the bindings ``owner`` itself declares."""
    keys = []
    for binding in owner.__dict__["BINDINGS"]:
        assert isinstance(binding, Binding), (owner, binding)
        keys.extend((binding, key.strip()) for key in binding.key.split(","))
    return keys


def walked_keys() -> list[tuple[type, Binding, str]]:
    """(owner, binding, one key) for every key of every binding of the app and the screens,
    a shared base's keys walked on every screen made from it (unless it rebinds the key)."""
    walked = []
    for owner in (NetflixSimApp, *screen_classes()):
        if owner in SHARED:
            continue
        own = own_keys(owner)
        walked.extend((owner, binding, key) for binding, key in own)
        for base in SHARED:
            if issubclass(owner, base):
                rebound = {key for _, key in own}
                inherited = own_keys(base)
                walked.extend((owner, b, key) for b, key in inherited if key not in rebound)
    return walked


# -- reaching a screen ------------------------------------------------------------------


async def settle(pilot: Pilot) -> None:
    """Let workers finish and the screen refresh (not a screen's worker that waits for the
    modal screen above it: the profile form's, say)."""
    app = pilot.app
    await pilot.pause()  # a worker that pushes a modal screen has pushed it
    others = [w for w in app.workers if not isinstance(w.node, Screen) or w.node is app.screen]
    if others:  # (an empty list would wait for every worker)
        await app.workers.wait_for_complete(others)
    await pilot.pause()


async def reach_home(pilot: Pilot) -> None:
    await wait_for_page(pilot)


async def reach_details(pilot: Pilot) -> None:
    await wait_for_page(pilot)
    await pilot.press("down", "right", "enter")
    assert isinstance(pilot.app.screen, DetailsScreen)


async def reach_player(pilot: Pilot) -> None:
    await reach_details(pilot)
    await pilot.press("p")
    assert isinstance(pilot.app.screen, PlayerScreen)


async def reach_search(pilot: Pilot) -> None:
    """Search with results shown, the cursor on the second result and the results focused."""
    await wait_for_page(pilot)
    await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    word = next(iter(pilot.app.catalog.index.genres.values())).name  # many titles
    screen.query_one(Input).value = word.lower()
    await pilot.press("enter")  # searches at once
    for _ in range(200):
        await settle(pilot)
        if not screen.pending:
            break
    assert len(screen.results) >= 2, word
    await pilot.press("down", "right")
    assert screen.results_focused and screen.cursor == 1


async def reach_help(pilot: Pilot) -> None:
    await wait_for_page(pilot)
    await pilot.press("question_mark")
    assert isinstance(pilot.app.screen, HelpScreen)


async def reach_notifications(pilot: Pilot) -> None:
    await wait_for_page(pilot)
    await pilot.press("n")
    assert isinstance(pilot.app.screen, NotificationsScreen)


async def reach_onboarding(pilot: Pilot) -> None:
    await wait_for_onboarding(pilot)


async def reach_profiles(pilot: Pilot) -> None:
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProfilesScreen)
    await pilot.press("right")  # the second card, so that both arrows move


async def reach_form(pilot: Pilot) -> None:
    await reach_profiles(pilot)
    await pilot.press("a")
    assert isinstance(pilot.app.screen, ProfileForm)


async def reach_confirm(pilot: Pilot) -> None:
    await reach_profiles(pilot)
    await pilot.press("x")
    assert isinstance(pilot.app.screen, ConfirmDelete)


@dataclass(frozen=True)
class Start:
    """How an app reaches a screen: the profile it opens with, onboarding, then keys."""

    reach: Callable[[Pilot], Awaitable[None]]
    with_profile: bool = True
    onboarding: bool = False

    def app(self, catalog_path: Path, viewer: str) -> NetflixSimApp:
        """The app this start opens (on ``viewer`` when it starts with a profile)."""
        return make_app(
            catalog_path,
            profile=viewer if self.with_profile else None,
            clock=VirtualClock(),
            onboarding=self.onboarding,
        )


REACH: dict[str, Start] = {
    "NetflixSimApp": Start(reach_home),
    "HomeScreen": Start(reach_home),
    "DetailsScreen": Start(reach_details),
    "PlayerScreen": Start(reach_player),
    "SearchScreen": Start(reach_search),
    "HelpScreen": Start(reach_help),
    "NotificationsScreen": Start(reach_notifications),
    "OnboardingScreen": Start(reach_onboarding, onboarding=True),
    "ProfilesScreen": Start(reach_profiles, with_profile=False),
    "ProfileForm": Start(reach_form, with_profile=False),
    "ConfirmDelete": Start(reach_confirm, with_profile=False),
}
"""Per owner of bindings (class name): how a test gets there."""


# -- expected effects -------------------------------------------------------------------

Prepare = Callable[[Pilot], Awaitable[Any]]
Check = Callable[[Pilot, Any], None]


async def nothing(pilot: Pilot) -> None:
    return None


@dataclass(frozen=True)
class Effect:
    """What a key must do: ``prepare`` returns an observation, ``check`` compares after."""

    check: Check
    prepare: Prepare = nothing


def screen_is(cls: type[Screen]) -> Check:
    def check(pilot: Pilot, before: Any) -> None:
        assert isinstance(pilot.app.screen, cls), pilot.app.screen

    return check


def attribute_moves(attr: str, delta: int) -> Effect:
    """``app.screen.<attr>`` changes by ``delta``."""

    async def prepare(pilot: Pilot) -> int:
        return getattr(pilot.app.screen, attr)

    def check(pilot: Pilot, before: int) -> None:
        assert getattr(pilot.app.screen, attr) == before + delta, (attr, before)

    return Effect(check, prepare)


def attribute_is(attr: str, value: Any) -> Check:
    def check(pilot: Pilot, before: Any) -> None:
        assert getattr(pilot.app.screen, attr) == value

    return check


# Profiles and their modals


def viewer_names(pilot: Pilot) -> list[str]:
    return [p.name for p in pilot.app.catalog.profiles()]


async def names_now(pilot: Pilot) -> list[str]:
    return viewer_names(pilot)


async def type_new_name(pilot: Pilot) -> list[str]:
    pilot.app.screen.query_one("#name", Input).value = "Binding Test"
    return viewer_names(pilot)


def profile_added(pilot: Pilot, before: list[str]) -> None:
    assert isinstance(pilot.app.screen, ProfilesScreen)
    assert viewer_names(pilot) == [*before, "Binding Test"]


def profiles_unchanged(pilot: Pilot, before: list[str]) -> None:
    assert isinstance(pilot.app.screen, ProfilesScreen)
    assert viewer_names(pilot) == before


def second_profile_deleted(pilot: Pilot, before: list[str]) -> None:
    assert isinstance(pilot.app.screen, ProfilesScreen)
    assert viewer_names(pilot) == [before[0], *before[2:]]


def form_opened(heading: str, filled: bool) -> Check:
    def check(pilot: Pilot, before: Any) -> None:
        form = pilot.app.screen
        assert isinstance(form, ProfileForm) and form.heading == heading
        expected = pilot.app.screen_stack[-2].profiles[1].name if filled else ""
        assert form.query_one("#name", Input).value == expected

    return check


def home_for_second_profile(pilot: Pilot, before: Any) -> None:
    assert isinstance(pilot.app.screen, HomeScreen)
    assert pilot.app.session.profile == pilot.app.catalog.profiles()[1]


# Onboarding


async def cursor_in_the_middle(pilot: Pilot) -> int:
    screen = pilot.app.screen
    screen.cursor = screen.columns + 1
    await pilot.pause()
    return screen.cursor


def cursor_moves(rows: int, cols: int) -> Effect:
    def check(pilot: Pilot, before: int) -> None:
        screen = pilot.app.screen
        assert screen.cursor == before + rows * screen.columns + cols

    return Effect(check, cursor_in_the_middle)


async def no_picks(pilot: Pilot) -> int:
    screen = pilot.app.screen
    assert screen.picks == ()
    return screen.tile.title_id


def picked_the_cursor_title(pilot: Pilot, title_id: int) -> None:
    assert pilot.app.screen.picks == (title_id,)


async def pick_enough(pilot: Pilot) -> tuple[int, ...]:
    screen = pilot.app.screen
    screen.picks = tuple(t.title_id for t in screen.tiles[:PICKS_NEEDED])
    await pilot.pause()
    return screen.picks


def home_with_picks_liked(pilot: Pilot, picks: tuple[int, ...]) -> None:
    assert isinstance(pilot.app.screen, HomeScreen)
    assert {t: 1 for t in picks}.items() <= pilot.app.session.ratings.items()


def home_with_nothing_liked(pilot: Pilot, before: Any) -> None:
    assert isinstance(pilot.app.screen, HomeScreen)
    assert not pilot.app.session.ratings


# Home


async def second_row_second_tile(pilot: Pilot) -> tuple[int, int]:
    screen = pilot.app.screen
    await pilot.press("down", "right")
    return screen.cursor_row, screen.cursor_col


def home_cursor_moves(rows: int, cols: int) -> Effect:
    def check(pilot: Pilot, before: tuple[int, int]) -> None:
        screen = pilot.app.screen
        if rows:
            assert screen.cursor_row == before[0] + rows
        else:
            assert (screen.cursor_row, screen.cursor_col) == (before[0], before[1] + cols)

    return Effect(check, second_row_second_tile)


def back_on_profiles_without_session(pilot: Pilot, before: Any) -> None:
    assert isinstance(pilot.app.screen, ProfilesScreen)
    assert not pilot.app.has_session


# Details


def rated(value: int) -> Check:
    def check(pilot: Pilot, before: Any) -> None:
        screen = pilot.app.screen
        assert screen.rating == value
        assert pilot.app.session.title_card(screen.card.title_id).rating == value

    return check


async def listed_now(pilot: Pilot) -> bool:
    return pilot.app.screen.in_my_list


def my_list_toggled(pilot: Pilot, before: bool) -> None:
    screen = pilot.app.screen
    assert screen.in_my_list is not before
    assert (screen.card.title_id in pilot.app.session.my_list) is not before


def scrolls(direction: int) -> Effect:
    """The details body scrolls ``direction`` (from its bottom when up, its top when down)."""

    async def prepare(pilot: Pilot) -> float:
        body = pilot.app.screen.query_one("#body")
        assert body.max_scroll_y >= 1, "the details fit the screen: nothing to scroll"
        body.scroll_to(y=body.max_scroll_y if direction < 0 else 0, animate=False)
        await pilot.pause()
        return body.scroll_y

    def check(pilot: Pilot, before: float) -> None:
        after = pilot.app.screen.query_one("#body").scroll_y
        assert (after - before) * direction > 0, (before, after)

    return Effect(check, prepare)


# Player


async def playing_a_minute_in(pilot: Pilot) -> Any:
    pilot.app.clock.advance(60)
    pilot.app.screen.tick()
    await pilot.pause()
    return pilot.app.screen.state


def toggled_playing(pilot: Pilot, before: Any) -> None:
    assert pilot.app.screen.state.playing is not before.playing


def seeked(delta: float) -> Check:
    def check(pilot: Pilot, before: Any) -> None:
        assert pilot.app.screen.state.position_s == pytest.approx(before.position_s + delta)

    return check


def speed_went(direction: int) -> Check:
    def check(pilot: Pilot, before: Any) -> None:
        assert (pilot.app.screen.state.speed - before.speed) * direction > 0

    return check


def played_to_the_end(pilot: Pilot, before: Any) -> None:
    screen = pilot.app.screen
    if isinstance(screen, PlayerScreen):  # still showing the finished state
        state = screen.state
        assert state.position_s >= state.duration_s - 1
    else:
        assert isinstance(screen, DetailsScreen)


def stopped_back_on_details(pilot: Pilot, before: Any) -> None:
    assert isinstance(pilot.app.screen, DetailsScreen)
    assert pilot.app.session.playback() is None or not pilot.app.session.playback().playing


# Search


async def back_in_the_box(pilot: Pilot) -> None:
    await pilot.press("up")
    assert isinstance(pilot.app.screen.focused, Input)


def results_focused(pilot: Pilot, before: Any) -> None:
    assert pilot.app.screen.results_focused


def box_focused(pilot: Pilot, before: Any) -> None:
    assert isinstance(pilot.app.screen.focused, Input)


# More Like This (details)


async def similar_second(pilot: Pilot) -> int:
    screen = pilot.app.screen
    assert len(screen.similar) >= 3, "no More Like This to walk"
    strip = screen.query_one(TileStrip)
    strip.cursor = 1
    await pilot.pause()
    return strip.cursor


def similar_moves(delta: int) -> Effect:
    def check(pilot: Pilot, before: int) -> None:
        assert pilot.app.screen.query_one(TileStrip).cursor == before + delta

    return Effect(check, similar_second)


def similar_opened(pilot: Pilot, before: int) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, DetailsScreen)
    below = pilot.app.screen_stack[-2]
    assert isinstance(below, DetailsScreen)
    assert screen.card.title_id == below.similar[before].title_id


# Home extras


async def cursor_title(pilot: Pilot) -> tuple[int, bool]:
    tile = pilot.app.screen.tile
    return tile.title_id, tile.title_id in pilot.app.session.my_list


def home_my_list_toggled(pilot: Pilot, before: tuple[int, bool]) -> None:
    title_id, listed = before
    assert (title_id in pilot.app.session.my_list) is not listed


def playing_the_cursor_title(pilot: Pilot, before: tuple[int, bool]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, PlayerScreen)
    assert screen.card.title_id == before[0]


def details_of_the_cursor_title(pilot: Pilot, before: tuple[int, bool]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, DetailsScreen)
    assert screen.card.title_id == before[0]


# App-wide


def app_exited(pilot: Pilot, before: Any) -> None:
    assert pilot.app.return_code == 0


async def theme_now(pilot: Pilot) -> str:
    return pilot.app.theme_mode


def theme_toggled(pilot: Pilot, before: str) -> None:
    assert pilot.app.theme_mode == {"dark": "light", "light": "dark"}[before]


def back_to(cls: type[Screen]) -> Check:
    return screen_is(cls)


def help_over(cls: type[Screen]) -> Check:
    def check(pilot: Pilot, before: Any) -> None:
        assert isinstance(pilot.app.screen, HelpScreen)
        assert isinstance(pilot.app.screen_stack[-2], cls)

    return check


async def out_of_the_name_box(pilot: Pilot) -> None:
    pilot.app.screen.query_one(RadioSet).focus()
    await pilot.pause()


async def panel_shown(pilot: Pilot) -> bool:
    return bool(pilot.app.screen.query(ResearcherPanel))


def panel_toggled(pilot: Pilot, before: bool) -> None:
    assert bool(pilot.app.screen.query(ResearcherPanel)) is not before


EFFECTS: dict[tuple[str, str], Effect] = {
    # app
    ("NetflixSimApp", "quit"): Effect(app_exited),
    ("NetflixSimApp", "help"): Effect(screen_is(HelpScreen)),
    ("NetflixSimApp", "command_palette"): Effect(screen_is(CommandPalette)),
    ("NetflixSimApp", "toggle_theme"): Effect(theme_toggled, theme_now),
    ("NetflixSimApp", "toggle_researcher"): Effect(panel_toggled, panel_shown),
    # Who's watching?
    ("ProfilesScreen", "move(-1)"): attribute_moves("selected", -1),
    ("ProfilesScreen", "move(1)"): attribute_moves("selected", 1),
    ("ProfilesScreen", "choose"): Effect(home_for_second_profile),
    ("ProfilesScreen", "add"): Effect(form_opened("Add profile", filled=False)),
    ("ProfilesScreen", "edit"): Effect(form_opened("Edit profile", filled=True)),
    ("ProfilesScreen", "delete"): Effect(screen_is(ConfirmDelete)),
    ("ProfileForm", "save"): Effect(profile_added, type_new_name),
    ("ProfileForm", "cancel"): Effect(profiles_unchanged, type_new_name),
    ("ConfirmDelete", "answer(True)"): Effect(second_profile_deleted, names_now),
    ("ConfirmDelete", "answer(False)"): Effect(profiles_unchanged, names_now),
    # Pick 3 you like
    ("OnboardingScreen", "move(-1, 0)"): cursor_moves(-1, 0),
    ("OnboardingScreen", "move(1, 0)"): cursor_moves(1, 0),
    ("OnboardingScreen", "move(0, -1)"): cursor_moves(0, -1),
    ("OnboardingScreen", "move(0, 1)"): cursor_moves(0, 1),
    ("OnboardingScreen", "toggle"): Effect(picked_the_cursor_title, no_picks),
    ("OnboardingScreen", "select"): Effect(picked_the_cursor_title, no_picks),
    ("OnboardingScreen", "done"): Effect(home_with_picks_liked, pick_enough),
    ("OnboardingScreen", "skip"): Effect(home_with_nothing_liked),
    # home
    ("HomeScreen", "move_row(-1)"): home_cursor_moves(-1, 0),
    ("HomeScreen", "move_row(1)"): home_cursor_moves(1, 0),
    ("HomeScreen", "move_col(-1)"): home_cursor_moves(0, -1),
    ("HomeScreen", "move_col(1)"): home_cursor_moves(0, 1),
    ("HomeScreen", "open"): Effect(details_of_the_cursor_title, cursor_title),
    ("HomeScreen", "play"): Effect(playing_the_cursor_title, cursor_title),
    ("HomeScreen", "my_list"): Effect(home_my_list_toggled, cursor_title),
    ("HomeScreen", "notifications"): Effect(screen_is(NotificationsScreen)),
    ("HomeScreen", "search"): Effect(screen_is(SearchScreen)),
    ("HomeScreen", "profiles"): Effect(back_on_profiles_without_session),
    # details
    ("DetailsScreen", "play"): Effect(screen_is(PlayerScreen)),
    ("DetailsScreen", "thumbs(1)"): Effect(rated(1)),
    ("DetailsScreen", "thumbs(-1)"): Effect(rated(-1)),
    ("DetailsScreen", "thumbs(2)"): Effect(rated(2)),
    ("DetailsScreen", "my_list"): Effect(my_list_toggled, listed_now),
    ("DetailsScreen", "scroll(-1)"): scrolls(-1),
    ("DetailsScreen", "scroll(1)"): scrolls(1),
    ("DetailsScreen", "similar(-1)"): similar_moves(-1),
    ("DetailsScreen", "similar(1)"): similar_moves(1),
    ("DetailsScreen", "open_similar"): Effect(similar_opened, similar_second),
    ("DetailsScreen", "back"): Effect(back_to(HomeScreen)),
    # player
    ("PlayerScreen", "toggle"): Effect(toggled_playing, playing_a_minute_in),
    ("PlayerScreen", "seek(-10)"): Effect(seeked(-10), playing_a_minute_in),
    ("PlayerScreen", "seek(10)"): Effect(seeked(10), playing_a_minute_in),
    ("PlayerScreen", "speed(-1)"): Effect(speed_went(-1), playing_a_minute_in),
    ("PlayerScreen", "speed(1)"): Effect(speed_went(1), playing_a_minute_in),
    ("PlayerScreen", "end"): Effect(played_to_the_end, playing_a_minute_in),
    ("PlayerScreen", "stop"): Effect(stopped_back_on_details, playing_a_minute_in),
    # search
    ("SearchScreen", "results"): Effect(results_focused, back_in_the_box),
    ("SearchScreen", "edit"): Effect(box_focused),
    ("SearchScreen", "move(-1)"): attribute_moves("cursor", -1),
    ("SearchScreen", "move(1)"): attribute_moves("cursor", 1),
    ("SearchScreen", "open"): Effect(screen_is(DetailsScreen)),
    ("SearchScreen", "back"): Effect(back_to(HomeScreen)),
    # help, notifications
    ("HelpScreen", "dismiss"): Effect(back_to(HomeScreen)),
    ("NotificationsScreen", "dismiss_none"): Effect(back_to(HomeScreen)),
    # the app's keys on a dialog (DialogScreen): typing a name keeps "?" for the name
    ("ProfileForm", "app.help"): Effect(help_over(ProfileForm), out_of_the_name_box),
}
"""(owner class name, binding action) -> what pressing one of its keys must do."""

APP_EFFECTS: dict[str, Effect] = {
    "app.toggle_theme": Effect(theme_toggled, theme_now),
    "app.command_palette": Effect(screen_is(CommandPalette)),
    "app.help": Effect(screen_is(HelpScreen)),
}
"""What the app's keys bound on a dialog (``app.<action>``) must do, on any dialog."""


@pytest.mark.parametrize(
    ("owner", "binding", "key"),
    walked_keys(),
    ids=[f"{owner.__name__}-{key}" for owner, _, key in walked_keys()],
)
async def test_binding_does_what_it_says(
    catalog_path: Path, viewer: str, owner: type, binding: Binding, key: str
) -> None:
    name = owner.__name__
    assert name in REACH, f"{name}: add a way to reach this screen to REACH"
    effect = EFFECTS.get((name, binding.action)) or APP_EFFECTS.get(binding.action)
    assert effect is not None, (
        f"{name} binds {key!r} to {binding.action!r} ({binding.description!r}): "
        "add its expected effect to EFFECTS"
    )
    start = REACH[name]
    app = start.app(catalog_path, viewer)
    async with app.run_test(size=(80, 24)) as pilot:
        await start.reach(pilot)
        if name != "NetflixSimApp":
            assert type(app.screen) is owner
        before = await effect.prepare(pilot)
        await pilot.press(key)
        await settle(pilot)
        effect.check(pilot, before)


@pytest.mark.parametrize("owner", [o for o in screen_classes() if o.__name__ in REACH])
async def test_help_lists_every_key_of_the_screen(
    catalog_path: Path, viewer: str, owner: type
) -> None:
    start = REACH[owner.__name__]
    app = start.app(catalog_path, viewer)
    async with app.run_test(size=(80, 24)) as pilot:
        await start.reach(pilot)
        screen = app.screen
        own, app_keys = screen_keys(screen)
        for binding in owner.__dict__["BINDINGS"]:
            assert binding.description in own, (owner, binding)
        if screen.is_modal:  # a dialog: the app's keys that make sense in one
            rebound = {key for _, key in own_keys(owner)}
            if isinstance(screen.focused, Input):  # typing: "?" goes in the box
                rebound.add("question_mark")
            for binding in DialogScreen.BINDINGS:
                assert isinstance(binding, Binding)
                if binding.key not in rebound:
                    assert binding.description in app_keys, binding
            return
        for binding in NetflixSimApp.BINDINGS:
            assert binding.description in app_keys, binding
        if owner is not HelpScreen:
            app.action_help()
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            descriptions = {str(c) for c in app.screen.table.columns[1].cells}
            assert set(own) | set(app_keys) <= descriptions
