"""The key test: a viewer, through keys only, loves one genre and the home page reshapes."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from netflix_sim.engine import VirtualClock
from netflix_sim.engine.types import Page, Row
from netflix_sim.tui.app import NetflixSimApp
from netflix_sim.tui.screens.details import DetailsScreen
from netflix_sim.tui.screens.home import HomeScreen
from netflix_sim.tui.screens.player import PlayerScreen

from .conftest import read_events, read_ratings, wait_for_page

WATCHED = 4


def genre_rank(page: Page, genre_id: int) -> float:
    """Mean rank of the themed rows about ``genre_id`` among the themed rows."""
    themed = [r for r in page.rows if r.kind == "theme"]
    ranks = [i for i, r in enumerate(themed) if genre_id in r.genre_ids]
    return sum(ranks[:5]) / len(ranks[:5]) if ranks else float(len(themed))


def pick_row(page: Page) -> Row:
    """A themed row of one genre, low on the page, whose genre is absent near the top."""
    top = {g for r in page.rows[:8] for g in r.genre_ids}
    lower = page.rows[len(page.rows) // 2 :]
    for row in reversed(lower):
        if (
            row.kind == "theme"
            and len(row.genre_ids) == 1
            and row.genre_ids[0] not in top
            and len(row.tiles) >= 6
        ):
            return row
    return next(r for r in reversed(page.rows) if r.kind == "theme" and len(r.tiles) >= 6)


async def go_to(pilot: Pilot, home: HomeScreen, row: int, col: int) -> None:
    """Move the cursor with arrow keys only."""
    while home.cursor_row != row:
        await pilot.press("down" if home.cursor_row < row else "up")
    while home.cursor_col != col:
        await pilot.press("right" if home.cursor_col < col else "left")


async def test_loving_a_genre_through_the_keys_moves_its_rows_up(
    home_app: NetflixSimApp, catalog_path: Path, clock: VirtualClock
) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        before = home.page
        assert before is not None
        target = pick_row(before)
        genre = target.genre_ids[0]
        watched: list[int] = []

        for _ in range(WATCHED):
            page = home.page
            assert page is not None
            # The target row, or failing that another row of the genre, with an unwatched title.
            rows = [r for r in page.rows if r.id == target.id] + [
                r for r in page.rows if r.kind == "theme" and genre in r.genre_ids
            ]
            row = next(r for r in rows if any(t.title_id not in watched for t in r.tiles))
            r = page.rows.index(row)
            c = next(i for i, t in enumerate(row.tiles) if t.title_id not in watched)
            await go_to(pilot, home, r, c)
            clock.advance(2)
            await pilot.press("enter")
            details = home_app.screen
            assert isinstance(details, DetailsScreen)
            assert details.card.title_id == row.tiles[c].title_id
            await pilot.press("u")
            assert details.rating == 1
            await pilot.press("p")
            player = home_app.screen
            assert isinstance(player, PlayerScreen)
            clock.advance(0.95 * player.state.duration_s / player.state.speed)
            player.tick()
            await pilot.press("e")  # the last few minutes: jump to the end
            assert player.stopped is not None and player.stopped.finished
            assert home_app.screen is details
            watched.append(details.card.title_id)
            shown = home.pages_shown
            await pilot.press("escape")
            home = await wait_for_page(pilot, shown)

        after = home.page
        assert after is not None
        home_app.session.flush()
        profile_id = home_app.session.profile.id
        session_id = home_app.session.id

    assert [r.id for r in after.rows] != [r.id for r in before.rows]
    assert genre_rank(after, genre) < genre_rank(before, genre), (
        [r.id for r in before.rows],
        [r.id for r in after.rows],
    )
    ratings = read_ratings(catalog_path)
    assert all(ratings[(profile_id, t)] == 1 for t in watched)
    stops = [e for e in read_events(catalog_path, "play_stop") if e["session_id"] == session_id]
    assert [e["title_id"] for e in stops] == watched
    assert all(e["value"] >= 0.9 for e in stops)
