"""Every screen survives resizing from 160x48 to 80x24 and back, keeping focus and cursor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.screens.onboarding import OnboardingScreen
from netflix_sim.tui.screens.profiles import ProfilesScreen
from netflix_sim.tui.widgets.pick_tile import PickTile
from netflix_sim.tui.widgets.profile_card import ProfileCard
from netflix_sim.tui.widgets.title_row import TitleRow

from .test_bindings import REACH, settle


def cursor_state(pilot: Pilot) -> dict[str, Any]:
    """What the viewer is on: the screen, the focused widget and every cursor-like state."""
    screen = pilot.app.screen
    state: dict[str, Any] = {
        "screen": type(screen).__name__,
        "focused": screen.focused.id if screen.focused is not None else None,
    }
    for attr in ("selected", "cursor", "cursor_row", "cursor_col", "picks", "rating"):
        if hasattr(screen, attr):
            state[attr] = getattr(screen, attr)
    tile = getattr(screen, "tile", None)
    if tile is not None:
        state["tile"] = tile.title_id
    card = getattr(screen, "card", None)
    if card is not None:
        state["card"] = card.title_id
    return state


def cursor_widget(pilot: Pilot) -> Widget | None:
    """The widget that shows the cursor: the active home row, the onboarding tile under the
    cursor, the selected profile card."""
    screen = pilot.app.screen
    if isinstance(screen, HomeScreen):
        return screen.query(TitleRow)[screen.cursor_row]
    if isinstance(screen, OnboardingScreen):
        return next(t for t in screen.query(PickTile) if t.index == screen.cursor)
    if isinstance(screen, ProfilesScreen):
        return next(c for c in screen.query(ProfileCard) if c.selected)
    return None


def in_view(widget: Widget) -> bool:
    """Whether ``widget`` is shown whole inside the screen (not scrolled away)."""
    region = widget.region
    return region.height > 0 and widget.screen.region.contains_region(region)


@pytest.mark.parametrize(
    "name",
    [
        "ProfilesScreen",
        "OnboardingScreen",
        "HomeScreen",
        "DetailsScreen",
        "PlayerScreen",
        "SearchScreen",
        "HelpScreen",
        "ProfileForm",
    ],
)
async def test_resizing_keeps_focus_and_cursor(catalog_path: Path, viewer: str, name: str) -> None:
    start = REACH[name]
    app = start.app(catalog_path, viewer)
    async with app.run_test(size=(160, 48)) as pilot:
        await start.reach(pilot)
        if name == "HomeScreen":  # somewhere down the page
            await pilot.press("down", "down", "down", "right", "right")
        elif name == "OnboardingScreen":
            await pilot.press("down", "right", "space")
        await settle(pilot)
        before = cursor_state(pilot)
        for size in ((80, 24), (120, 30), (160, 48)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert app.size == size
            assert cursor_state(pilot) == before, size
            widget = cursor_widget(pilot)
            assert widget is None or in_view(widget), (size, widget)
