"""Details: the personalised preview, badges, More Like This, resume; search clicks."""

from __future__ import annotations

import json
from pathlib import Path

from netflix_sim.engine import VirtualClock
from netflix_sim.tui.app import NetflixSimApp
from netflix_sim.tui.screens.details import DetailsScreen
from netflix_sim.tui.screens.player import PlayerScreen, clock_label
from netflix_sim.tui.screens.search import SearchScreen
from netflix_sim.tui.widgets.tile_strip import TileStrip

from .conftest import read_events, wait_for_page


def mine(path: Path, app: NetflixSimApp, kind: str) -> list[dict]:
    app.session.flush()
    return [e for e in read_events(path, kind) if e["session_id"] == app.session.id]


async def wait_similar(pilot, screen: DetailsScreen) -> None:
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if screen.similar:
            return
    raise AssertionError("More Like This never arrived")


async def test_details_show_the_preview_and_more_like_this_opens_a_title(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        await wait_for_page(pilot)
        await pilot.press("enter")
        details = home_app.screen
        assert isinstance(details, DetailsScreen)
        preview = details.card.preview
        assert preview is not None
        assert preview.label in str(details.query_one("#preview").render())
        opened = mine(catalog_path, home_app, "open_details")
        assert json.loads(opened[-1]["payload"])["preview"]["trailer_id"] == preview.trailer_id
        await wait_similar(pilot, details)
        strip = details.query_one(TileStrip)
        assert strip.display and strip.row.name == "More Like This"
        assert details.card.title_id not in {t.title_id for t in details.similar}
        await pilot.press("right", "o")
        other = home_app.screen
        assert isinstance(other, DetailsScreen) and other is not details
        assert other.card.title_id == details.similar[1].title_id
        opened = mine(catalog_path, home_app, "open_details")
        payload = json.loads(opened[-1]["payload"])
        assert payload["source"] == "more_like_this"
        assert payload["from_title_id"] == details.card.title_id
        assert (opened[-1]["row_id"], opened[-1]["col_pos"]) == ("similar", 1)
        await pilot.press("escape")
        assert home_app.screen is details


async def test_play_resumes_where_it_stopped(
    home_app: NetflixSimApp, catalog_path: Path, clock: VirtualClock
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        tile = home.tile
        await pilot.press("p")
        assert isinstance(home_app.screen, PlayerScreen)
        clock.advance(20)  # 20 minutes at 60x
        home_app.screen.tick()
        shown = home.pages_shown
        await pilot.press("s")
        home = await wait_for_page(pilot, shown)
        resume = home_app.session.resume_point(tile.title_id)
        assert resume is not None and resume > 0
        cw = home.page.row("continue")
        assert cw is not None and cw.tiles[0].title_id == tile.title_id
        assert cw.tiles[0].progress is not None and cw.tiles[0].progress > 0
        spot = next(r for r, row in enumerate(home.page.rows) if row.id == "continue")
        while home.cursor_row != spot:
            await pilot.press("down" if home.cursor_row < spot else "up")
        while home.cursor_col:
            await pilot.press("left")
        await pilot.press("enter")
        details = home_app.screen
        assert isinstance(details, DetailsScreen)
        assert f"Resume {clock_label(resume)}" in str(details.query_one("#play").render())
        await pilot.press("p")
        starts = mine(catalog_path, home_app, "play_start")
        assert starts[-1]["title_id"] == tile.title_id
        assert abs(starts[-1]["value"] - resume) < 1e-6


async def test_search_click_is_recorded_and_thumbs_down_titles_are_found(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        target = home.page.rows[0].tiles[0]
        home_app.session.thumbs(target.title_id, -1)
        await pilot.press("slash")
        search = home_app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*target.name)
        await pilot.press("enter")
        for _ in range(100):
            await home_app.workers.wait_for_complete()
            await pilot.pause()
            if search.shown_query and not search.pending:
                break
        ids = [t.title_id for t in search.results]
        assert target.title_id in ids  # hidden from home, still found
        position = ids.index(target.title_id)
        for _ in range(position):
            await pilot.press("right")
        await pilot.press("enter")
        assert isinstance(home_app.screen, DetailsScreen)
        clicks = mine(catalog_path, home_app, "search_click")
        assert [(e["title_id"], e["col_pos"]) for e in clicks] == [(target.title_id, position)]
        assert json.loads(clicks[0]["payload"])["query"].strip() == target.name
