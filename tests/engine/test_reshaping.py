"""Signals reshape the next page at once: fold-in, no retraining."""

from __future__ import annotations

import numpy as np

from netflix_sim.engine import Catalog, Session, VirtualClock
from netflix_sim.engine.pages import match_percent
from netflix_sim.engine.types import Page


def genre_rank(page: Page, genre_id: int) -> float:
    """Mean position of the themed rows about ``genre_id`` (lower is higher on the page)."""
    positions = [
        i for i, r in enumerate(page.rows) if r.kind == "theme" and genre_id in r.genre_ids
    ]
    return float(np.mean(positions[:5])) if positions else float(len(page.rows))


def genre_match(session: Session, genre_id: int, exclude: list[int]) -> float:
    """Mean % match of the genre's titles the profile may see, ``exclude`` left out."""
    index = session.catalog.index
    members = np.unique(index.genre_title[index.genre_id == genre_id])
    skip = [index.index_of[t] for t in exclude]
    eligible = session.eligible()
    members = members[eligible[members] & ~np.isin(members, skip)]
    scores = session.scores()
    return float(match_percent(scores[members], scores[eligible]).mean())


def watch_and_love(session: Session, clock: VirtualClock, title_ids: list[int]) -> None:
    for title_id in title_ids:
        session.open_details(title_id)
        state = session.play(title_id, speed=60)
        clock.advance(state.duration_s / 60 + 1)
        session.stop()
        session.thumbs(title_id, 1)
        session.close_details(title_id)


def low_ranked_theme(page: Page):
    """A themed row from the bottom half of the page whose genre is rare near the top."""
    top_genres = {g for r in page.rows[:8] for g in r.genre_ids}
    for row in reversed(page.rows[len(page.rows) // 2 :]):
        if row.kind == "theme" and row.genre_ids[0] not in top_genres and len(row.tiles) >= 6:
            return row
    return next(r for r in reversed(page.rows) if r.kind == "theme")


def test_loving_a_genre_moves_its_rows_up_and_raises_its_match(catalog: Catalog) -> None:
    clock = VirtualClock()
    session = catalog.start_session(catalog.profiles()[0], clock=clock)
    before = session.home()
    row = low_ranked_theme(before)
    genre = row.genre_ids[0]
    chosen = [t.title_id for t in row.tiles[:4]]
    match_before = {t.title_id: t.match for t in row.tiles}
    vector_before = session.user_vector.copy()
    genre_before = genre_match(session, genre, exclude=chosen)

    watch_and_love(session, clock, chosen)
    after = session.home()

    assert not np.allclose(session.user_vector, vector_before)  # refit in place
    assert genre_rank(after, genre) < genre_rank(before, genre)
    assert [r.id for r in after.rows] != [r.id for r in before.rows]
    cards_after = {t: session.title_card(t).match for t in chosen}
    assert all(cards_after[t] > match_before[t] or cards_after[t] == 98 for t in chosen)
    # the genre's other titles gain on average
    assert genre_match(session, genre, exclude=chosen) > genre_before


def test_scrolling_down_past_a_row_lowers_its_theme(catalog: Catalog) -> None:
    clock = VirtualClock()
    session = catalog.start_session(catalog.profiles()[1], clock=clock)
    page = session.home()
    row_pos = next(i for i, r in enumerate(page.rows) if r.kind == "theme")
    row = page.rows[row_pos]
    for _ in range(6):
        session.scroll("down", row_id=row.id, row_pos=row_pos, col_pos=0)
    assert session.signals.theme_affinity(clock.now_ms())[row.id] < 0
    after = session.home()
    new_pos = next((i for i, r in enumerate(after.rows) if r.id == row.id), len(after.rows))
    assert new_pos > row_pos


def test_a_new_session_remembers_the_profile(catalog: Catalog) -> None:
    clock = VirtualClock()
    session = catalog.start_session(catalog.profiles()[0], clock=clock)
    row = low_ranked_theme(session.home())
    watch_and_love(session, clock, [t.title_id for t in row.tiles[:4]])
    vector = session.user_vector.copy()
    session.end()
    again = catalog.start_session(catalog.profiles()[0], clock=clock)
    np.testing.assert_allclose(again.user_vector, vector, rtol=1e-3, atol=1e-4)
