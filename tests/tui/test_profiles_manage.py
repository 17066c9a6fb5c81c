"""Adding, editing and deleting profiles on "Who's watching?"; a kids profile sees kids' titles."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from textual.pilot import Pilot
from textual.widgets import Input, RadioSet, Static

from netflix_sim.engine import VirtualClock, open_catalog
from netflix_sim.tui.app import NetflixSimApp, make_app
from netflix_sim.tui.screens.confirm_delete import ConfirmDelete
from netflix_sim.tui.screens.profile_form import MATURITY_CHOICES, ProfileForm
from netflix_sim.tui.screens.profiles import ProfilesScreen
from netflix_sim.tui.screens.search import SearchScreen
from netflix_sim.tui.widgets.profile_card import ProfileCard

from .conftest import wait_for_page
from .test_search import wait_for_results


def picker_app(catalog_path: Path) -> NetflixSimApp:
    """The app on "Who's watching?"."""
    return make_app(catalog_path, clock=VirtualClock(), onboarding=False)


def card_names(app: NetflixSimApp) -> list[str]:
    """Names on the picker's cards, in order."""
    return [card.profile.name for card in app.screen.query(ProfileCard)]


async def fill_form(pilot: Pilot, name: str, choice: str | None = None) -> ProfileForm:
    """Type ``name`` into the open form (replacing its text) and pick ``choice``."""
    form = pilot.app.screen
    assert isinstance(form, ProfileForm)
    box = form.query_one("#name", Input)
    assert form.focused is box
    box.value = ""
    if name:
        await pilot.press(*name)
    if choice is not None:
        labels = [label for label, _, _ in MATURITY_CHOICES]
        await pilot.press("tab")
        radios = form.query_one(RadioSet)
        assert form.focused is radios
        for _ in range(len(labels)):  # to the first choice, then down to ours
            await pilot.press("up")
        for _ in range(labels.index(choice)):
            await pilot.press("down")
        await pilot.press("enter")
        assert radios.pressed_index == labels.index(choice)
    return form


def error_of(form: ProfileForm) -> str:
    """The error line of the form ("" when hidden)."""
    error = form.query_one("#error", Static)
    return str(error.render()) if error.display else ""


async def test_add_a_kids_profile_who_sees_only_kids_titles(catalog_path: Path) -> None:
    app = picker_app(catalog_path)
    async with app.run_test(size=(80, 24)) as pilot:
        before = card_names(app)
        await pilot.press("a")
        await fill_form(pilot, "  Little Sam ", "Kids")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        assert card_names(app) == [*before, "Little Sam"]
        assert app.screen.profile is not None and app.screen.profile.name == "Little Sam"
        assert app.screen.profile.maturity_level == 0

        await pilot.press("enter")
        home = await wait_for_page(pilot)
        assert app.session.profile.name == "Little Sam"
        maturity = app.catalog.index.maturity
        index_of = app.catalog.index.index_of
        shown = [t.title_id for row in home.page.rows for t in row.tiles]
        assert shown and all(maturity[index_of[t]] == 0 for t in shown)

        # search holds the limit too: a genre with grown-up titles finds only kids' ones
        genre = next(
            g.name
            for gid, g in app.catalog.index.genres.items()
            if np.any(
                levels := maturity[app.catalog.index.genre_title[app.catalog.index.genre_id == gid]]
            )
            and not np.all(levels)
        )
        await pilot.press("slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        search.query_one(Input).value = genre.lower()
        await pilot.press("enter")
        await wait_for_results(pilot, search)
        assert search.results
        assert all(maturity[index_of[t.title_id]] == 0 for t in search.results)
    with open_catalog(catalog_path) as catalog:
        adult = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
        assert any(maturity[index_of[t.title_id]] > 0 for t in adult.search(genre.lower()))


async def test_the_form_shows_why_a_name_cannot_be_used(catalog_path: Path) -> None:
    app = picker_app(catalog_path)
    async with app.run_test(size=(80, 24)) as pilot:
        before = card_names(app)
        await pilot.press("a")
        form = await fill_form(pilot, "   ")
        await pilot.press("enter")  # Enter in the name box saves too
        assert app.screen is form
        assert "needs a name" in error_of(form)
        await fill_form(pilot, before[1].upper())
        assert error_of(form) == ""  # typing clears the error
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "already called" in error_of(form)
        assert form.focused is form.query_one("#name", Input)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        assert card_names(app) == before
    with open_catalog(catalog_path) as catalog:
        assert [p.name for p in catalog.profiles()] == before


async def test_edit_renames_and_changes_maturity(catalog_path: Path) -> None:
    app = picker_app(catalog_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("right", "e")
        form = app.screen
        assert isinstance(form, ProfileForm)
        old = app.screen_stack[-2].profiles[1]
        assert form.query_one("#name", Input).value == old.name
        await fill_form(pilot, "Teenager", "Teen")
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        assert card_names(app)[1] == "Teenager" and app.screen.selected == 1
    with open_catalog(catalog_path) as catalog:
        edited = catalog.profile(old.id)
    assert (edited.name, edited.maturity_level) == ("Teenager", 3)


async def test_editing_only_the_name_keeps_an_unlisted_maturity(catalog_path: Path) -> None:
    with open_catalog(catalog_path) as catalog:
        first = catalog.update_profile(catalog.profiles()[0], maturity_level=1)
    app = picker_app(catalog_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await fill_form(pilot, "Renamed")
        await pilot.press("enter")
        await pilot.pause()
        assert card_names(app)[0] == "Renamed"
    with open_catalog(catalog_path) as catalog:
        assert catalog.profile(first.id).maturity_level == 1  # shown as Kids, kept at 1


async def test_delete_asks_first(catalog_path: Path) -> None:
    app = picker_app(catalog_path)
    async with app.run_test(size=(80, 24)) as pilot:
        before = card_names(app)
        await pilot.press("right", "right", "x")
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.press("n")
        await pilot.pause()
        assert card_names(app) == before
        await pilot.press("x")
        await pilot.press("enter")  # the focused button is Keep
        await pilot.pause()
        assert card_names(app) == before
        await pilot.press("x", "y")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        assert card_names(app) == before[:2] + before[3:]
        assert app.screen.selected == min(2, len(before) - 2)
        while app.screen.profiles:
            await pilot.press("x", "y")
            await pilot.pause()
        assert card_names(app) == []
        await pilot.press("enter", "e", "x")  # nothing to watch, edit or delete
        assert isinstance(app.screen, ProfilesScreen)
        assert "no viewer profiles" in str(app.screen.query_one("#empty").render())
    with open_catalog(catalog_path) as catalog:
        assert catalog.profiles() == []
