"""Home: the billboard's Play and More Info, My List from a tile, the wheel, the bell."""

from __future__ import annotations

import json
from pathlib import Path

from textual import events

from netflix_sim.tui.app import NetflixSimApp
from netflix_sim.tui.screens.details import DetailsScreen
from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.screens.notifications import NotificationsScreen
from netflix_sim.tui.screens.player import PlayerScreen
from netflix_sim.tui.widgets.art import tile_lines
from netflix_sim.tui.widgets.billboard import Billboard
from netflix_sim.tui.widgets.topbar import Bell

from .conftest import read_events, wait_for_page


def mine(path: Path, app: NetflixSimApp, kind: str) -> list[dict]:
    app.session.flush()
    return [e for e in read_events(path, kind) if e["session_id"] == app.session.id]


async def test_m_on_a_tile_adds_it_to_my_list_and_m_again_takes_it_off(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        assert home.page.row("mylist") is None
        await pilot.press("down", "right")
        tile = home.tile
        shown = home.pages_shown
        await pilot.press("m")
        home = await wait_for_page(pilot, shown)
        my_list = home.page.row("mylist")
        assert my_list is not None and my_list.tiles[0].title_id == tile.title_id
        assert home.tile.title_id == tile.title_id  # the cursor stayed on the title
        assert any("Added to My List" in n.message for n in home_app._notifications)
        events_ = mine(catalog_path, home_app, "my_list")
        assert [(e["title_id"], e["value"]) for e in events_] == [(tile.title_id, 1.0)]
        shown = home.pages_shown
        await pilot.press("m")
        home = await wait_for_page(pilot, shown)
        assert home.page.row("mylist") is None
        events_ = mine(catalog_path, home_app, "my_list")
        assert [e["value"] for e in events_] == [1.0, -1.0]


async def test_p_plays_the_billboard_title_from_its_tile(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        await pilot.press("down")
        tile = home.tile
        assert home.query_one(Billboard).tile == tile
        await pilot.press("p")
        assert isinstance(home_app.screen, PlayerScreen)
        assert home_app.screen.card.title_id == tile.title_id
        start = mine(catalog_path, home_app, "play_start")
        assert [(e["title_id"], e["row_pos"], e["col_pos"]) for e in start] == [
            (tile.title_id, 1, 0)
        ]
        assert start[0]["row_id"] == home.page.rows[1].id


async def test_clicking_the_billboard_buttons_plays_and_opens_details(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        billboard = home.query_one(Billboard)
        featured = home.page.rows[0].tiles[0]
        assert billboard.featured and billboard.tile == featured
        (line, start, _), (_, info, _) = billboard._buttons["play"], billboard._buttons["info"]
        await pilot.click(billboard, offset=(billboard.styles.padding.left + start + 2, line))
        assert isinstance(home_app.screen, PlayerScreen)
        assert home_app.screen.card.title_id == featured.title_id
        shown = home.pages_shown
        await pilot.press("s")
        home = await wait_for_page(pilot, shown)
        billboard = home.query_one(Billboard)
        await pilot.click(billboard, offset=(billboard.styles.padding.left + info + 2, line))
        assert isinstance(home_app.screen, DetailsScreen)
        assert home_app.screen.card.title_id == home.tile.title_id
        assert mine(catalog_path, home_app, "open_details")


async def test_the_mouse_wheel_moves_the_cursor_and_records_scrolls(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        wheel = pilot._post_mouse_events  # over the rows, where the pointer rests
        await wheel([events.MouseScrollDown], "#rows", offset=(10, 3))
        await wheel([events.MouseScrollDown], "#rows", offset=(10, 3))
        assert (home.cursor_row, home.cursor_col) == (2, 0)
        await wheel([events.MouseScrollDown], "#rows", offset=(10, 3), shift=True)
        assert (home.cursor_row, home.cursor_col) == (2, 1)
        await wheel([events.MouseScrollUp], Billboard, offset=(10, 2))  # over the billboard
        assert (home.cursor_row, home.cursor_col) == (1, 0)
        scrolls = mine(catalog_path, home_app, "scroll")
        directions = [json.loads(e["payload"])["direction"] for e in scrolls]
        assert directions == ["down", "down", "right", "up"]
        assert [e["row_pos"] for e in scrolls] == [0, 1, 2, 2]


async def test_two_artwork_variants_of_a_title_draw_differently(
    home_app: NetflixSimApp,
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        tile = home.page.rows[0].tiles[0]
        index = home_app.catalog.index
        idx = index.index_of[tile.title_id]
        start = int(index.artwork_start[idx])
        variants = []
        for pos in (start, start + 1):
            other = tile.__class__(
                **{
                    **tile.__dict__,
                    "artwork_id": int(index.artwork_ids[pos]),
                    "aspect": index.artwork_aspect[pos],
                    "palette": index.artwork_palette[pos],
                }
            )
            variants.append(tile_lines(other, highlighted=False))
        styles = [[str(span.style) for line in lines for span in line.spans] for lines in variants]
        assert styles[0] != styles[1]
        assert [line.plain[:10] for line in variants[0][1:2]] == [
            line.plain[:10] for line in variants[1][1:2]
        ]  # the same name is lettered on both
        # the home page shows the variant chosen for this viewer
        assert tile.artwork_id == home_app.session.title_card(tile.title_id).artwork_id


async def test_the_bell_lists_notices_and_opening_one_is_recorded(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        await pilot.pause()
        assert home.notices, "a profile gets new arrivals that match its taste"
        bell = home.query_one(Bell)
        assert bell.display and str(len(home.notices)) in str(bell.render())
        await pilot.click(bell)
        assert isinstance(home_app.screen, NotificationsScreen)
        await pilot.press("escape")
        assert isinstance(home_app.screen, HomeScreen)
        await pilot.press("n")
        assert isinstance(home_app.screen, NotificationsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(home_app.screen, DetailsScreen)
        notice = home.notices[0]
        assert home_app.screen.card.title_id == notice.title_id and home.notices[0].read
        opened = mine(catalog_path, home_app, "open_details")
        payload = json.loads(opened[-1]["payload"])
        assert payload["source"] == "notification" and payload["notification"] == notice.id
        assert opened[-1]["title_id"] == notice.title_id


def test_pixel_posters_are_off_without_a_probe_and_paint_each_variant() -> None:
    """Without textual-image probed on an image-capable terminal, posters stay in blocks;
    the pixel poster (Pillow comes with matplotlib) differs between two variants."""
    from netflix_sim.tui.widgets import poster

    assert poster.image_widget_class() is None  # never probed in tests: block characters
    a = poster.poster_image("Lost Bridge", "family", ("#203040", "#e0a080"), 32, 16)
    b = poster.poster_image("Lost Bridge", "villain", ("#402030", "#80e0a0"), 32, 16)
    assert a.size == b.size == (256, 128)
    assert a.tobytes() != b.tobytes()
