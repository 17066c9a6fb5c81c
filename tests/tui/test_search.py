"""Search: `/` from home, live results as you type, Enter opens details, Esc goes home."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from netflix_sim.engine import catalog as catalog_module
from netflix_sim.tui.app import NetflixSimApp
from netflix_sim.tui.screens.details import DetailsScreen
from netflix_sim.tui.screens.help import HelpScreen
from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.screens.search import MAX_QUERY_CHARS, SearchScreen, clean_query
from netflix_sim.tui.widgets.search_results import SearchResults

from .conftest import read_events, wait_for_page


async def open_search(pilot: Pilot) -> SearchScreen:
    """From home (once its page is shown), press `/`."""
    await wait_for_page(pilot)
    await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    assert isinstance(screen.focused, Input)
    return screen


async def wait_for_results(pilot: Pilot, screen: SearchScreen) -> None:
    """Wait until no search is pending (the pause in typing, then the engine)."""
    for _ in range(400):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not screen.pending:
            return
        await pilot.pause(0.01)
    raise AssertionError("the search never finished")


def mine(app: NetflixSimApp, path: Path, kind: str) -> list[dict]:
    """This session's events of ``kind``."""
    app.session.flush()
    return [e for e in read_events(path, kind) if e["session_id"] == app.session.id]


def a_title_word(app: NetflixSimApp) -> tuple[str, str]:
    """A title of the page and a lower-case word of its name to type."""
    page = app.session.last_page
    assert page is not None
    name = next(t.name for t in page.rows[1].tiles if len(t.name.split()[-1]) >= 4)
    return name, name.split()[-1].lower()


async def test_typing_shows_live_results(
    home_app: NetflixSimApp, catalog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SearchScreen, "debounce_s", 0.05)
    async with home_app.run_test(size=(160, 48)) as pilot:
        screen = await open_search(pilot)
        name, word = a_title_word(home_app)
        await pilot.press(*word)
        await wait_for_results(pilot, screen)
        assert screen.shown_query == word
        assert name in [t.name for t in screen.results]
        results = screen.query_one(SearchResults)
        assert results.display and results.row is not None
        assert [t.title_id for t in results.row.tiles] == [t.title_id for t in screen.results]
        assert f"for \u201c{word}\u201d" in str(screen.query_one("#status").render())
        assert isinstance(screen.focused, Input)  # typing goes on in the box
        searches = mine(home_app, catalog_path, "search")
        assert json.loads(searches[-1]["payload"])["query"] == word  # prefixes if slow


async def test_no_search_per_keystroke_and_enter_searches_at_once(
    home_app: NetflixSimApp, catalog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SearchScreen, "debounce_s", 30.0)  # the pause never comes
    async with home_app.run_test(size=(160, 48)) as pilot:
        screen = await open_search(pilot)
        _, word = a_title_word(home_app)
        await pilot.press(*word)
        await pilot.pause()
        assert screen.searches == 0 and mine(home_app, catalog_path, "search") == []
        await pilot.press("enter")
        await wait_for_results(pilot, screen)
        assert screen.searches == 1 and screen.results
        assert screen.results_focused  # Enter goes down to the results
        await pilot.press("up")
        assert isinstance(screen.focused, Input)
        await pilot.press("enter")  # the same query again: no second search
        await wait_for_results(pilot, screen)
        assert screen.searches == 1 and screen.results_focused
        assert len(mine(home_app, catalog_path, "search")) == 1


async def test_enter_on_a_result_records_search_click_and_opens_details(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        screen = await open_search(pilot)
        await pilot.press(*"the", "enter")
        await wait_for_results(pilot, screen)
        assert len(screen.results) >= 3
        await pilot.press("right", "right", "left", "right")
        assert screen.cursor == 2
        chosen = screen.results[2]
        await pilot.press("enter")
        details = home_app.screen
        assert isinstance(details, DetailsScreen)
        assert details.card.title_id == chosen.title_id
        assert details.origin == {}
        search = mine(home_app, catalog_path, "search")
        assert len(search) == 1
        payload = json.loads(search[0]["payload"])
        assert payload["query"] == "the"
        assert payload["results"] == [t.title_id for t in screen.results]
        clicks = mine(home_app, catalog_path, "search_click")
        assert [(e["title_id"], e["col_pos"]) for e in clicks] == [(chosen.title_id, 2)]
        assert json.loads(clicks[0]["payload"]) == {"query": "the"}
        opened = mine(home_app, catalog_path, "open_details")
        assert [e["title_id"] for e in opened] == [chosen.title_id]
        home = next(s for s in home_app.screen_stack if isinstance(s, HomeScreen))
        shown = home.pages_shown
        await pilot.press("escape")  # details -> search
        assert home_app.screen is screen
        await pilot.press("escape")  # search -> home, rebuilt: a result was opened
        await wait_for_page(pilot, shown)
        assert home.pages_shown == shown + 1
        closed = mine(home_app, catalog_path, "close_details")
        assert [e["title_id"] for e in closed] == [chosen.title_id]


async def test_escape_without_opening_goes_home_without_a_rebuild(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        screen = await open_search(pilot)
        home = next(s for s in home_app.screen_stack if isinstance(s, HomeScreen))
        tile = home.tile
        await pilot.press(*"the", "enter")
        await wait_for_results(pilot, screen)
        await pilot.press("escape")
        await pilot.pause()
        assert home_app.screen is home and home.pages_shown == 1
        assert home.tile == tile
        focus = mine(home_app, catalog_path, "focus")
        dwell = mine(home_app, catalog_path, "dwell")
        assert [e["title_id"] for e in focus] == [tile.title_id] * 2  # looked at again
        assert [e["title_id"] for e in dwell] == [tile.title_id]  # left for search


async def test_a_thumbs_down_title_still_shows_in_search(
    home_app: NetflixSimApp, catalog_path: Path
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        hidden = home.tile
        assert hidden is not None
        await pilot.press("enter", "d", "escape")  # not for me: hidden from home
        home = await wait_for_page(pilot, 1)
        assert all(t.title_id != hidden.title_id for r in home.page.rows for t in r.tiles)
        await pilot.press("slash")
        screen = home_app.screen
        assert isinstance(screen, SearchScreen)
        home_app.post_message(events.Paste(hidden.name))
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_results(pilot, screen)
        assert hidden.title_id in [t.title_id for t in screen.results]


HOSTILE = [
    '"; DROP TABLE title; --',
    "' OR '1'='1",
    "%_%\\' ESCAPE '\\",
    "Robert'); DELETE FROM event;--",
    "\x00\x01\x1b[31mred\x07\x7f",
    "🎬🍿 Amélie 中文 \u202eevil\u200b",
    "x" * 10_000,
    "   \t  ",
]


async def test_hostile_input_does_not_crash(home_app: NetflixSimApp, catalog_path: Path) -> None:
    async with home_app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot)
        box = screen.query_one("#query", Input)
        for text in HOSTILE:
            box.value = ""
            home_app.post_message(events.Paste(text))
            await pilot.pause()
            await pilot.press("enter")
            await wait_for_results(pilot, screen)
            assert home_app.screen is screen
            query = clean_query(text)
            assert screen.shown_query == (query or None)
            assert len(query) <= MAX_QUERY_CHARS
            await pilot.press("up")
        for key in ("'", '"', ";", "%", "backspace", "enter"):  # typed, one by one
            await pilot.press(key)
        await wait_for_results(pilot, screen)
        box.value = ""
        await pilot.press(*"the", "enter")  # the catalog is intact
        await wait_for_results(pilot, screen)
        assert screen.results
        searched = [
            json.loads(e["payload"])["query"] for e in mine(home_app, catalog_path, "search")
        ]
        assert all(q and len(q) <= MAX_QUERY_CHARS and q.isprintable() for q in searched)
        assert "x" * MAX_QUERY_CHARS in searched


def test_clean_query() -> None:
    assert clean_query("  star wars  ") == "star wars"
    assert clean_query("a\x00b\x1b[c\n") == "ab[c"
    assert clean_query("x" * 500) == "x" * MAX_QUERY_CHARS
    assert clean_query(" \t ") == ""
    assert clean_query("🎬 ñ") == "🎬 ñ"


async def test_search_keys_show_in_the_footer_and_help(home_app: NetflixSimApp) -> None:
    from textual.widgets._footer import FooterKey

    async with home_app.run_test(size=(160, 48)) as pilot:
        screen = await open_search(pilot)
        await pilot.press(*"the", "enter")
        await wait_for_results(pilot, screen)
        await pilot.pause()
        actions = {key.action for key in screen.query(FooterKey)}
        for binding in SearchScreen.BINDINGS:
            assert binding.action in actions, binding
        await pilot.press("question_mark")  # the results have the focus: ? is help
        help_screen = home_app.screen
        assert isinstance(help_screen, HelpScreen)
        descriptions = list(help_screen.table.columns[1].cells)
        for expected in ("Results", "Edit search", "Left", "Right", "Details", "Home", "Quit"):
            assert expected in descriptions
        await pilot.press("escape")
        assert home_app.screen is screen


async def test_typing_q_in_the_box_does_not_quit(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot)
        await pilot.press("q", "u", "slash", "question_mark")
        assert home_app.screen is screen and home_app.return_code is None
        assert screen.query_one("#query", Input).value == "qu/?"


async def test_clicking_a_result_moves_then_opens(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        screen = await open_search(pilot)
        await pilot.press(*"the", "enter")
        await wait_for_results(pilot, screen)
        results = screen.query_one(SearchResults)
        await pilot.click(results, offset=(2 + 23 + 5, 3))
        assert screen.cursor == 1
        await pilot.click(results, offset=(2 + 23 + 5, 3))
        assert isinstance(home_app.screen, DetailsScreen)
        assert home_app.screen.card.title_id == screen.results[1].title_id


async def test_opening_search_reads_the_cast_index_in_a_thread(
    home_app: NetflixSimApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The people and credits search reads (``Catalog.cast``, slow on a large catalog) are
    read when the screen opens, off the UI thread, before anything is typed."""
    built: list[bool] = []

    class RecordedCastIndex(catalog_module.CastIndex):
        def __init__(self, *args: object, **kwargs: object) -> None:
            built.append(threading.current_thread() is threading.main_thread())
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(catalog_module, "CastIndex", RecordedCastIndex)
    async with home_app.run_test() as pilot:
        screen = await open_search(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.cast_ready and screen.searches == 0
        assert built == [False]  # once, in a worker thread
