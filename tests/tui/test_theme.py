"""The light theme on the browse screens: ctrl+t recolours what the widgets draw themselves
(row headers, tile borders, the billboard) and the page behind them, and back again."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.segment import Segment
from textual.color import Color
from textual.command import CommandPalette
from textual.strip import Strip
from textual.widgets import Input

from netflix_sim.engine import VirtualClock
from netflix_sim.engine.types import Tile
from netflix_sim.tui.app import NETFLIX_DARK, NETFLIX_LIGHT, NetflixSimApp, make_app
from netflix_sim.tui.screens.details import DetailsScreen
from netflix_sim.tui.screens.profile_form import ProfileForm
from netflix_sim.tui.widgets.art import tile_lines
from netflix_sim.tui.widgets.billboard import Billboard
from netflix_sim.tui.widgets.ink import DARK_INK, LIGHT_INK, ink_for
from netflix_sim.tui.widgets.title_row import TitleRow

from .conftest import wait_for_page
from .test_bindings import settle


def hex_of(colour: object) -> str | None:
    """A Rich colour as ``#rrggbb`` (``None`` for no colour)."""
    if colour is None:
        return None
    triplet = colour.get_truecolor()  # type: ignore[attr-defined]
    return triplet.hex


def segment_with(strip: Strip, text: str) -> Segment:
    """The first segment of ``strip`` that contains ``text``."""
    return next(s for s in strip if text in s.text)


def backgrounds(strip: Strip) -> set[str | None]:
    """The background of every blank run of ``strip`` (the page showing through)."""
    return {
        hex_of(s.style.bgcolor if s.style else None) for s in strip if s.text and not s.text.strip()
    }


def test_ink_pairs_and_css_variables() -> None:
    assert ink_for(True) is DARK_INK and ink_for(False) is LIGHT_INK
    assert DARK_INK.strong == "#ffffff" and LIGHT_INK.strong != DARK_INK.strong
    variables = LIGHT_INK.css_variables()
    assert variables["ink-strong"] == LIGHT_INK.strong
    assert variables["ink-button2-text"] == LIGHT_INK.button2_text
    assert "ink-dark" not in variables


def test_tile_border_and_strip_follow_the_ink() -> None:
    tile = Tile(
        title_id=1,
        name="Lost Bridge",
        kind="movie",
        year=2019,
        artwork_id=1,
        aspect="family",
        palette=("#203040", "#e5b910"),
        match=98,
        score=0.0,
        propensity=1.0,
        reason="",
    )
    dark = tile_lines(tile, highlighted=False, ink=DARK_INK)
    light = tile_lines(tile, highlighted=False, ink=LIGHT_INK)
    assert hex_of(dark[0].style.color) == DARK_INK.faint  # type: ignore[union-attr]
    assert hex_of(light[0].style.color) == LIGHT_INK.faint  # type: ignore[union-attr]
    console = Console()
    for lines, ink in ((dark, DARK_INK), (light, LIGHT_INK)):
        match = segment_with(Strip(lines[-2].render(console)), "% match")  # the info strip
        assert match.style is not None
        assert hex_of(match.style.color) == ink.match
        assert hex_of(match.style.bgcolor) == ink.card
    # the art between is the same picture in both themes
    assert dark[2].spans[1:-1] == light[2].spans[1:-1]


async def test_ctrl_t_recolours_home_rows_billboard_and_page(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        row = home.query(TitleRow).first()
        assert row.active and row.row is not None
        billboard = home.query_one(Billboard)
        name = f" {row.row.name}"

        def header() -> str | None:
            return hex_of(segment_with(row.render_line(0), name).style.color)

        def page(widget: TitleRow | Billboard, y: int) -> set[str | None]:
            return backgrounds(widget.render_line(y))

        assert home_app.theme == NETFLIX_DARK.name
        assert header() == DARK_INK.strong
        assert home.styles.background == Color.parse(NETFLIX_DARK.background)
        assert page(row, 1) == {NETFLIX_DARK.background}
        assert page(billboard, 0) == {NETFLIX_DARK.background}

        await pilot.press("ctrl+t")
        await settle(pilot)
        assert home_app.theme == NETFLIX_LIGHT.name
        assert header() == LIGHT_INK.strong
        assert home.styles.background == Color.parse(NETFLIX_LIGHT.background)
        assert page(row, 1) == {NETFLIX_LIGHT.background}
        assert page(billboard, 0) == {NETFLIX_LIGHT.background}

        await pilot.press("ctrl+t")
        await settle(pilot)
        assert header() == DARK_INK.strong
        assert page(row, 1) == {NETFLIX_DARK.background}


async def test_details_repaints_its_text_on_ctrl_t(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        await wait_for_page(pilot)
        await pilot.press("enter")
        details = home_app.screen
        assert isinstance(details, DetailsScreen)
        await settle(pilot)

        def play_background() -> str | None:
            strip = details.query_one("#play").render_line(0)
            return hex_of(segment_with(strip, "Play").style.bgcolor)

        assert play_background() == DARK_INK.button
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert play_background() == LIGHT_INK.button
        assert details.styles.background == Color.parse(NETFLIX_LIGHT.background)


async def test_ctrl_t_and_ctrl_p_work_while_typing_in_a_dialog(catalog_path: Path) -> None:
    """On the profile form (a modal dialog), typing a name: ctrl+t switches the theme and
    ctrl+p opens the palette, and neither types anything; "?" is typed."""
    app = make_app(catalog_path, clock=VirtualClock(), onboarding=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ProfileForm)
        name = form.query_one("#name", Input)
        assert app.screen.focused is name
        await pilot.press("J", "o", "ctrl+t", "question_mark")
        assert app.theme == NETFLIX_LIGHT.name
        assert name.value == "Jo?"
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        assert app.screen is form and name.value == "Jo?"
