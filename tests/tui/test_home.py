"""Home page: cursor, horizontal and vertical scrolling, and the events they record."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widget import Widget

from netflix_sim.engine import VirtualClock
from netflix_sim.tui.app import NetflixSimApp
from netflix_sim.tui.screens.details import DetailsScreen
from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.widgets.billboard import Billboard
from netflix_sim.tui.widgets.title_row import TitleRow, visible_count

from .conftest import read_events, wait_for_page


async def test_page_shows_one_widget_per_row(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        assert home.page is not None and len(home.page.rows) >= 10
        rows = list(home.query(TitleRow))
        assert len(rows) == len(home.page.rows)
        assert [r.row.id for r in rows] == [r.id for r in home.page.rows]
        assert rows[0].active and not any(r.active for r in rows[1:])
        assert (home.cursor_row, home.cursor_col) == (0, 0)


async def test_arrows_move_the_cursor_and_record_focus_scroll_dwell(
    home_app: NetflixSimApp, catalog_path: Path, clock: VirtualClock
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        page = home.page
        assert page is not None
        clock.advance(3)
        await pilot.press("down")
        assert (home.cursor_row, home.cursor_col) == (1, 0)
        await pilot.press("right", "right")
        assert (home.cursor_row, home.cursor_col) == (1, 2)
        await pilot.press("left")
        assert (home.cursor_row, home.cursor_col) == (1, 1)
        await pilot.press("up")
        assert (home.cursor_row, home.cursor_col) == (0, 0)  # each row keeps its own place
        await pilot.press("down")
        assert (home.cursor_row, home.cursor_col) == (1, 1)
        await pilot.press("up", "up", "left")  # then at the top-left, nothing moves
        assert (home.cursor_row, home.cursor_col) == (0, 0)
        home_app.session.flush()
        session_id = home_app.session.id

    def mine(kind: str) -> list[dict]:
        return [e for e in read_events(catalog_path, kind) if e["session_id"] == session_id]

    scrolls = [(_direction(e), e["row_id"], e["row_pos"], e["col_pos"]) for e in mine("scroll")]
    assert [s[0] for s in scrolls] == ["down", "right", "right", "left", "up", "down", "up"]
    ids = [r.id for r in page.rows]
    first, second = scrolls[0], scrolls[1]
    assert first[1:] == (ids[0], 0, 0)  # down, from the row left
    assert second[1:] == (ids[1], 1, 0)  # right, from where the cursor was
    focus = [(e["row_id"], e["row_pos"], e["col_pos"], e["title_id"]) for e in mine("focus")]
    assert focus[0] == (ids[0], 0, 0, page.rows[0].tiles[0].title_id)  # the page shows
    assert focus[1] == (ids[1], 1, 0, page.rows[1].tiles[0].title_id)
    assert focus[2] == (ids[1], 1, 1, page.rows[1].tiles[1].title_id)
    assert len(focus) == 8
    dwell = mine("dwell")
    assert dwell[0]["title_id"] == page.rows[0].tiles[0].title_id
    assert dwell[0]["value"] == 3.0  # seconds on the session clock
    assert len(dwell) == 8  # the last one when the app quits


async def test_scroll_directions_are_recorded(home_app: NetflixSimApp, catalog_path: Path) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        await wait_for_page(pilot)
        await pilot.press("down", "right", "left", "up")
        home_app.session.flush()
        session_id = home_app.session.id
    events = [e for e in read_events(catalog_path, "scroll") if e["session_id"] == session_id]
    directions = [_direction(e) for e in events]
    assert directions == ["down", "right", "left", "up"]


def _direction(event: dict) -> str:
    return json.loads(event["payload"])["direction"]


async def test_rows_scroll_horizontally_around_the_cursor(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(80, 24)) as pilot:
        home = await wait_for_page(pilot)
        row = home.query(TitleRow).first()
        count = visible_count(row.content_size.width)
        assert 2 <= count <= 3
        assert row.start == 0
        await pilot.press(*["right"] * count)
        assert home.cursor_col == count
        assert row.start == 1  # the window slid by one to keep the cursor in view
        await pilot.press(*["left"] * count)
        assert row.start == 0 and home.cursor_col == 0


async def test_rows_scroll_vertically_to_keep_the_cursor_row_visible(
    home_app: NetflixSimApp,
) -> None:
    async with home_app.run_test(size=(80, 24)) as pilot:
        home = await wait_for_page(pilot)
        rows = home.query_one("#rows", VerticalScroll)
        assert rows.scroll_y == 0
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()
        target = list(home.query(TitleRow))[4]
        assert home.cursor_row == 4
        assert rows.scroll_y > 0
        visible = rows.scrollable_content_region
        region = target.region
        assert visible.y <= region.y and region.bottom <= visible.bottom


async def test_enter_opens_details_and_a_rebuild_keeps_the_title(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        await pilot.press("down", "right", "right")
        tile = home.tile
        assert tile is not None
        await pilot.press("enter")
        assert isinstance(home_app.screen, DetailsScreen)
        assert home_app.screen.card.title_id == tile.title_id
        shown = home.pages_shown
        await pilot.press("escape")
        home = await wait_for_page(pilot, shown)
        assert isinstance(home_app.screen, HomeScreen)
        assert home.tile is not None and home.tile.title_id == tile.title_id
        assert home.page.locate(tile.title_id) is not None
        session_id = home_app.session.id
    opened = [e for e in read_events(catalog_path, "open_details") if e["session_id"] == session_id]
    assert [(e["title_id"], e["row_pos"], e["col_pos"]) for e in opened] == [(tile.title_id, 1, 2)]
    closed = [
        e for e in read_events(catalog_path, "close_details") if e["session_id"] == session_id
    ]
    assert [e["title_id"] for e in closed] == [tile.title_id]
    views = [e for e in read_events(catalog_path, "page_view") if e["session_id"] == session_id]
    assert len(views) == 2


async def test_clicking_a_tile_moves_then_opens(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        second_row = list(home.query(TitleRow))[1]
        # second tile of the second row: gutter (2) + one tile (22) + gap (1) + a bit
        await pilot.click(second_row, offset=(2 + 23 + 5, 3))
        assert (home.cursor_row, home.cursor_col) == (1, 1)
        await pilot.pause()  # the row scrolls to the top of the page
        await pilot.pause()
        await pilot.click(second_row, offset=(2 + 23 + 5, 3))
        assert isinstance(home_app.screen, DetailsScreen)


async def test_small_terminal_still_shows_tiles(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(80, 24)) as pilot:
        home = await wait_for_page(pilot)
        row = home.query(TitleRow).first()
        assert row.region.height == 8
        assert visible_count(row.content_size.width) >= 2
        assert home.tile is not None
        screen_text = html.unescape(home_app.export_screenshot()).replace("\xa0", " ")
        assert home.tile.name.split()[0][:8] in screen_text


def rendered(widget: Widget) -> str:
    """The plain text a widget draws: a row's or the billboard's strips, or a renderable."""
    if isinstance(widget, TitleRow | Billboard):
        return widget.plain()
    renderable = widget.render()
    lines = getattr(renderable, "renderables", [renderable])
    return "\n".join(str(line) for line in lines)


async def test_top_bar_shows_the_device_and_the_hour(
    home_app: NetflixSimApp, clock: VirtualClock
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        context = home.page.context
        who = str(home.query_one("#who").render())
        assert home_app.session.profile.name in who
        assert f"tv · {context.hour:02d}:00" in who
        clock.advance(3 * 3600)
        shown = home.pages_shown
        home.load_page()
        await wait_for_page(pilot, shown)
        assert f"tv · {(context.hour + 3) % 24:02d}:00" in str(home.query_one("#who").render())


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_the_billboard_says_why_the_focused_title_is_shown(
    home_app: NetflixSimApp, size: tuple[int, int]
) -> None:
    async with home_app.run_test(size=size) as pilot:
        home = await wait_for_page(pilot)
        billboard = home.query_one(Billboard)
        for keys in ((), ("down",), ("right",)):
            await pilot.press(*keys)
            tile = home.tile
            assert tile is not None and tile.reason
            text = rendered(billboard)
            assert tile.name.upper() in text
            why = f"Why: {tile.reason}"
            assert why in text or (why[:20] in text and "…" in text)  # cut at 80 columns
            row = home.page.rows[home.cursor_row]
            header = rendered(list(home.query(TitleRow))[home.cursor_row]).splitlines()[0]
            assert row.name in header and row.reason[:10] in header


async def test_a_rebuild_keeps_the_page_visible_and_usable(home_app: NetflixSimApp) -> None:
    """While a page is rebuilt, home shows "updating…" in its top bar over the old page: its
    ``loading`` is its own, not Textual's loading state (no indicator covering the screen)."""
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        home.loading = True  # as load_page does, without a worker ending it
        await pilot.pause()
        screen_text = pilot.app.export_screenshot()
        assert "updating" in screen_text
        assert home.page is not None and html.escape(home.page.rows[0].name) in screen_text
