"""Details (thumbs) and the simulated player."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ProgressBar, Static

from netflix_sim.engine import VirtualClock
from netflix_sim.tui.app import NetflixSimApp
from netflix_sim.tui.screens.details import DetailsScreen
from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.screens.player import PlayerScreen

from .conftest import read_events, read_ratings, wait_for_page


async def open_details(pilot, *keys: str) -> DetailsScreen:
    """From home, move with ``keys`` and press Enter."""
    await wait_for_page(pilot)
    await pilot.press(*keys, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, DetailsScreen)
    return screen


async def test_details_show_the_card_and_thumbs_are_recorded(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        details = await open_details(pilot, "right")
        card = details.card
        reason = home_app.screen_stack[-2].tile.reason
        assert reason and details.reason == reason
        assert str(details.query_one("#why", Static).render()) == f"Why: {reason}"
        assert str(details.query_one("#name", Static).render()) == card.name
        assert f"{card.match}% match" in str(details.query_one("#facts", Static).render())
        await pilot.press("u")
        assert details.rating == 1
        assert "-rated" in details.classes
        await pilot.press("l")
        assert details.rating == 2
        await pilot.press("d")
        assert details.rating == -1
        await pilot.press("u")
        profile_id = home_app.session.profile.id
        home_app.session.flush()
        session_id = home_app.session.id
        assert home_app.session.title_card(card.title_id).rating == 1
    thumbs = [e for e in read_events(catalog_path, "thumbs") if e["session_id"] == session_id]
    assert [(e["title_id"], e["value"]) for e in thumbs] == [
        (card.title_id, 1.0),
        (card.title_id, 2.0),
        (card.title_id, -1.0),
        (card.title_id, 1.0),
    ]
    assert read_ratings(catalog_path)[(profile_id, card.title_id)] == 1


async def test_player_plays_pauses_seeks_changes_speed_and_stops(
    home_app: NetflixSimApp, catalog_path: Path, clock: VirtualClock
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        details = await open_details(pilot, "down")
        await pilot.press("p")
        player = home_app.screen
        assert isinstance(player, PlayerScreen)
        assert player.state is not None and player.state.playing and player.state.speed == 60
        clock.advance(10)  # ten seconds at 60x: ten minutes of content
        player.tick()
        assert player.state.position_s == 600
        assert player.query_one(ProgressBar).progress == 600
        assert "Playing" in str(player.query_one("#status", Static).render())
        await pilot.press("space")
        assert not player.state.playing
        assert "Paused" in str(player.query_one("#status", Static).render())
        clock.advance(10)
        player.tick()
        assert player.state.position_s == 600  # paused: the clock moves, the position not
        await pilot.press("space")
        assert player.state.playing
        await pilot.press("right")
        assert player.state.position_s == 610
        await pilot.press("left", "left")
        assert player.state.position_s == 590
        await pilot.press("greater_than_sign")
        assert player.state.speed == 600
        await pilot.press("greater_than_sign")
        assert player.state.speed == 600  # fastest already
        await pilot.press("less_than_sign", "less_than_sign")
        assert player.state.speed == 10
        await pilot.press("s")
        assert home_app.screen is details
        assert player.stopped is not None and player.stopped.watched_s == 600
        home_app.session.flush()
        session_id = home_app.session.id
    events = [e for e in read_events(catalog_path) if e["session_id"] == session_id]
    kinds = [e["type"] for e in events]
    for kind in ("play_start", "pause", "resume", "seek", "play_stop"):
        assert kind in kinds, kind
    stop = next(e for e in events if e["type"] == "play_stop")
    assert stop["title_id"] == details.card.title_id
    assert 0 < stop["value"] < 1
    start = next(e for e in events if e["type"] == "play_start")
    assert start["row_pos"] == 1 and start["col_pos"] == 0  # where it was opened from


async def test_playing_to_the_end_stops_and_returns(
    home_app: NetflixSimApp, catalog_path: Path, clock: VirtualClock
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        details = await open_details(pilot)
        await pilot.press("enter")  # Enter plays, too
        player = home_app.screen
        assert isinstance(player, PlayerScreen)
        clock.advance(player.state.duration_s / 60 + 1)
        player.tick()
        assert player.stopped is not None and player.stopped.finished
        await pilot.pause()
        assert home_app.screen is details
        await pilot.press("p", "e")  # e jumps to the end
        assert home_app.screen is details
        await pilot.press("escape")
        await wait_for_page(pilot, 1)
        assert isinstance(home_app.screen, HomeScreen)
        home_app.session.flush()
        session_id = home_app.session.id
    stops = [e for e in read_events(catalog_path, "play_stop") if e["session_id"] == session_id]
    assert len(stops) == 2
    assert stops[0]["value"] == 1.0


async def test_escape_stops_playback(home_app: NetflixSimApp, catalog_path: Path) -> None:
    async with home_app.run_test(size=(80, 24)) as pilot:
        details = await open_details(pilot)
        await pilot.press("p")
        assert isinstance(home_app.screen, PlayerScreen)
        await pilot.press("escape")
        assert home_app.screen is details
        assert home_app.session.playback() is None


async def test_my_list_toggles(home_app: NetflixSimApp, catalog_path: Path) -> None:
    async with home_app.run_test(size=(80, 24)) as pilot:
        details = await open_details(pilot, "right", "right")
        assert not details.in_my_list
        await pilot.press("m")
        assert details.in_my_list
        assert home_app.session.title_card(details.card.title_id).in_my_list
        await pilot.press("m")
        assert not details.in_my_list
        home_app.session.flush()
        session_id = home_app.session.id
    events = [e for e in read_events(catalog_path, "my_list") if e["session_id"] == session_id]
    assert [e["value"] for e in events] == [1.0, -1.0]
