"""make_app's policy and seed, and the app's abandon action (what the TUI bot driver uses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netflix_sim.engine import UnknownPolicyError, VirtualClock
from netflix_sim.tui.app import make_app

from .conftest import read_events, wait_for_page


def test_an_unknown_policy_fails_before_the_app_runs(catalog_path: Path, viewer: str) -> None:
    with pytest.raises(UnknownPolicyError):
        make_app(catalog_path, profile=viewer, policy="nope")


async def test_sessions_use_the_policy_and_seed(catalog_path: Path, viewer: str) -> None:
    app = make_app(
        catalog_path,
        profile=viewer,
        clock=VirtualClock(),
        onboarding=False,
        policy="popular",
        seed=5,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        home = await wait_for_page(pilot)
        assert app.session.policy == "popular" and home.page.policy == "popular"


async def test_abandon_records_dwell_abandon_and_end(catalog_path: Path, viewer: str) -> None:
    clock = VirtualClock()
    app = make_app(catalog_path, profile=viewer, clock=clock, onboarding=False)
    async with app.run_test(size=(80, 24)) as pilot:
        home = await wait_for_page(pilot)
        tile = home.tile
        session_id = app.session.id
        clock.advance(7)
        await app.run_action("abandon")
        assert not app.has_session
    events = [e for e in read_events(catalog_path) if e["session_id"] == session_id]
    assert [e["type"] for e in events][-3:] == ["dwell", "abandon", "session_end"]
    assert events[-3]["title_id"] == tile.title_id and events[-3]["value"] == 7.0
