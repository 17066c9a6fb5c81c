"""Helpers for the pilot tests (the seeded catalog comes from ``tests/conftest.py``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from netflix_sim.engine import VirtualClock
from netflix_sim.tui.app import NetflixSimApp, make_app
from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.screens.onboarding import OnboardingScreen


@pytest.fixture
def clock() -> VirtualClock:
    """A virtual session clock: tests advance it instead of sleeping."""
    return VirtualClock()


@pytest.fixture
def viewer(catalog_path: Path) -> str:
    """Name of the first viewer profile."""
    from netflix_sim.engine import open_catalog

    with open_catalog(catalog_path) as catalog:
        return catalog.profiles()[0].name


@pytest.fixture
def home_app(catalog_path: Path, viewer: str, clock: VirtualClock) -> NetflixSimApp:
    """An app that opens straight on the first viewer's home page (no onboarding)."""
    return make_app(catalog_path, profile=viewer, clock=clock, onboarding=False)


async def wait_for_page(pilot: Pilot, shown_before: int = 0) -> HomeScreen:
    """Wait until the home screen has shown more than ``shown_before`` pages."""
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, HomeScreen) and screen.pages_shown > shown_before:
            return screen
    raise AssertionError(f"no new home page; the screen is {pilot.app.screen!r}")


def read_events(path: Path, kind: str | None = None) -> list[dict[str, Any]]:
    """Events stored in the catalog at ``path`` (flush the session first), oldest first."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        query, args = "SELECT * FROM event", ()
        if kind is not None:
            query, args = query + " WHERE type = ?", (kind,)
        return [dict(r) for r in con.execute(query + " ORDER BY event_id", args)]
    finally:
        con.close()


def read_ratings(path: Path) -> dict[tuple[int, int], int]:
    """(profile_id, title_id) -> thumbs value stored in the catalog."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT profile_id, title_id, value FROM rating").fetchall()
    finally:
        con.close()
    return {(p, t): int(v) for p, t, v in rows}


async def wait_for_onboarding(pilot: Pilot) -> OnboardingScreen:
    """Wait until the onboarding screen shows its candidate titles."""
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, OnboardingScreen) and screen.ready:
            await pilot.pause()  # the grid is laid out
            return screen
    raise AssertionError(f"no onboarding; the screen is {pilot.app.screen!r}")
