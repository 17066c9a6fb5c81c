"""Snapshots of every screen at 80x24 and 160x48 (pytest-textual-snapshot).

The app is deterministic: the conftest's seeded catalog (fixed seed, its model trained with
a fixed seed), a virtual clock (2026-01-01 10:00 UTC), session seed 0. Refresh with
``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the SVGs in
``__snapshots__/`` before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from netflix_sim.engine import VirtualClock
from netflix_sim.tui.app import make_app

from .test_bindings import REACH, settle

SCREENS = (
    "ProfilesScreen",
    "ProfileForm",
    "OnboardingScreen",
    "HomeScreen",
    "DetailsScreen",
    "PlayerScreen",
    "SearchScreen",
    "HelpScreen",
)
"""The screens snapshotted, each reached as the binding tests reach it."""
SIZES = ((80, 24), (160, 48))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", SCREENS)
def test_screen_snapshot(
    snap_compare, catalog_path: Path, viewer: str, name: str, size: tuple[int, int]
) -> None:
    start = REACH[name]
    app = start.app(catalog_path, viewer)

    async def run_before(pilot: Pilot) -> None:
        await start.reach(pilot)
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_light_theme_snapshot(snap_compare, catalog_path: Path, size: tuple[int, int]) -> None:
    """The profile picker and its form in the light theme."""
    app = make_app(catalog_path, clock=VirtualClock(), onboarding=False)

    async def run_before(pilot: Pilot) -> None:
        await REACH["ProfilesScreen"].reach(pilot)
        await pilot.press("ctrl+t", "a")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("name", ("HomeScreen", "DetailsScreen"))
def test_light_browse_snapshot(snap_compare, catalog_path: Path, viewer: str, name: str) -> None:
    """Home (billboard and rows) and details at 160x48 after ctrl+t: one light page, dark
    text, the posters as in the dark theme."""
    start = REACH[name]
    app = make_app(catalog_path, profile=viewer, clock=VirtualClock(), onboarding=False)

    async def run_before(pilot: Pilot) -> None:
        await start.reach(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)
