"""Trailer variants (schema v2), personalised previews, badges, More Like This and notices."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, text

from netflix_sim.engine import Catalog, VirtualClock, open_catalog
from netflix_sim.engine.notifications import has_new_episodes, title_badges
from netflix_sim.engine.recommender import factors_path
from netflix_sim.engine.trailers import backfill_trailers, plan_trailers


def trailer_rows(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT * FROM trailer ORDER BY id").fetchall()
    finally:
        con.close()


def test_backfill_recreates_exactly_what_the_seed_wrote(catalog_path: Path) -> None:
    seeded = trailer_rows(catalog_path)
    per_title: dict[int, int] = {}
    for _, title_id, *_ in seeded:
        per_title[title_id] = per_title.get(title_id, 0) + 1
    assert len(per_title) == 600 and set(per_title.values()) <= {2, 3, 4}
    engine = create_engine(f"sqlite:///{catalog_path}")
    with engine.begin() as conn:  # a v1 catalog has no trailer table at all
        conn.execute(text("DROP TABLE trailer"))
    with engine.begin() as conn:
        assert backfill_trailers(conn) == len(seeded)
    with engine.begin() as conn:
        assert backfill_trailers(conn) == 0  # nothing lacks trailers any more
    engine.dispose()
    assert trailer_rows(catalog_path) == seeded


def test_every_title_gets_an_official_trailer_and_distinct_aspects() -> None:
    plans = plan_trailers(7, ["romance", "romance", "villain", "landscape", "mystery"])
    aspects = [p[1] for p in plans]
    assert aspects[0] == "classic scene" and plans[0][2] == "Official Trailer"
    assert aspects == ["classic scene", "romance", "villain", "landscape"]
    assert len(plan_trailers(8, [])) == 2  # a title without artwork still has a choice
    assert plan_trailers(7, ["romance"]) == plan_trailers(7, ["romance"])


def test_open_details_logs_the_preview_and_its_propensity(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock(), seed=3)
    page = session.home()
    tile = page.rows[0].tiles[0]
    card = session.open_details(tile.title_id, row_id=page.rows[0].id, row_pos=0, col_pos=0)
    preview = card.preview
    assert preview is not None and preview.title_id == tile.title_id
    assert 0 < preview.propensity <= 1
    assert session.preview_for(tile.title_id) == preview  # once per title per session
    session.flush()
    with catalog.engine.connect() as conn:
        payload, artwork_propensity = conn.execute(
            text(
                "SELECT payload, propensity FROM event WHERE type = 'open_details' "
                "AND session_id = :s"
            ),
            {"s": session.id},
        ).one()
        label = conn.execute(
            text("SELECT label FROM trailer WHERE id = :t"), {"t": preview.trailer_id}
        ).scalar()
    logged = json.loads(payload)["preview"]
    assert logged == {
        "trailer_id": preview.trailer_id,
        "variant": preview.variant,
        "aspect": preview.aspect,
        "propensity": preview.propensity,
    }
    assert artwork_propensity == tile.propensity  # the artwork's own propensity stays
    assert label == preview.label


def test_side_panels_do_not_change_the_trace(catalog_path: Path, tmp_path: Path) -> None:
    """More Like This, notices and badges draw nothing from the session's random stream."""

    def pages(extra: bool) -> list[list[tuple[int, int]]]:
        path = tmp_path / f"copy{int(extra)}.db"
        shutil.copy(catalog_path, path)
        shutil.copy(factors_path(catalog_path), factors_path(path))
        with open_catalog(path, shared_learning=False) as cat:
            session = cat.start_session(
                cat.profiles()[0], clock=VirtualClock(), policy="random", seed=5
            )
            first = session.home()
            title = first.rows[1].tiles[2].title_id
            if extra:
                session.more_like_this(title)
                session.notifications()
                session.badges(title)
            session.thumbs(title, 1)
            second = session.home()
            session.end()
        return [[(t.title_id, t.artwork_id) for t in r.tiles] for r in second.rows]

    assert pages(False) == pages(True)


def test_more_like_this_leaves_out_the_title_and_hidden_ones(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock(), seed=0)
    page = session.home()
    title = page.rows[0].tiles[0].title_id
    first = session.more_like_this(title)
    assert first and title not in {t.title_id for t in first}
    session.thumbs(first[0].title_id, -1)
    again = session.more_like_this(title)
    assert first[0].title_id not in {t.title_id for t in again}


def test_a_new_season_of_a_watched_series_is_a_notice(catalog: Catalog) -> None:
    index = catalog.index
    series = [
        int(index.ids[i])
        for i in np.flatnonzero(index.is_series)
        if has_new_episodes(index, int(i), catalog.title_facts(int(index.ids[i])).seasons)
    ]
    assert series, "the seeded catalog has series with a new season"
    clock = VirtualClock()
    session = catalog.start_session(catalog.profiles()[0], clock=clock, seed=0)
    assert "New Episodes" in session.badges(series[0])
    before = {n.id for n in session.notifications()}
    assert f"new_season:{series[0]}" not in before
    session.play(series[0], speed=60)
    clock.advance(30)
    session.stop()
    notices = session.notifications()
    notice = next(n for n in notices if n.id == f"new_season:{series[0]}")
    assert notice.kind == "new_season" and "Season" in notice.detail and not notice.read
    assert [n.day for n in notices] == sorted((n.day for n in notices), reverse=True)
    card = session.open_notification(notice)
    assert card.title_id == series[0]
    assert next(n for n in session.notifications() if n.id == notice.id).read
    session.flush()
    with catalog.engine.connect() as conn:
        payload = conn.execute(
            text(
                "SELECT payload FROM event WHERE type = 'open_details' AND session_id = :s "
                "ORDER BY event_id DESC LIMIT 1"
            ),
            {"s": session.id},
        ).scalar()
    assert json.loads(payload)["source"] == "notification"
    assert json.loads(payload)["notification"] == notice.id


def test_new_arrivals_match_the_profile_and_skip_what_it_saw(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock(), seed=0)
    arrivals = [n for n in session.notifications() if n.kind == "new_arrival"]
    assert 1 <= len(arrivals) <= 3
    assert all("% match" in n.detail for n in arrivals)
    session.thumbs(arrivals[0].title_id, 1)
    assert arrivals[0].id not in {n.id for n in session.notifications()}


def test_top_10_titles_carry_the_badge(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock(), seed=0)
    top = int(np.argmax(catalog.today))
    assert catalog.today[top] > 0
    badges = session.badges(int(catalog.index.ids[top]))
    assert badges[0] == "Top 10 \u00b7 #1"
    card = session.title_card(int(catalog.index.ids[top]))
    assert card.badges == badges


def test_badges_follow_the_days_play_counts(catalog_path: Path) -> None:
    with open_catalog(catalog_path) as cat:  # shared learning: plays count at once
        index = cat.index
        idx = int(np.argmin(cat.today))
        title = int(index.ids[idx])

        def in_top(badges: tuple[str, ...]) -> list[str]:
            return [b for b in badges if b.startswith("Top 10")]

        assert not in_top(cat.title_badges(title))
        for _ in range(int(cat.today.max()) + 1):
            cat.note_play(idx)
        assert in_top(cat.title_badges(title)) == ["Top 10 \u00b7 #1"]
        seasons = cat.title_facts(title).seasons
        assert cat.title_badges(title) == title_badges(index, idx, seasons, cat.today)
        cat.today = np.zeros(index.n)  # counts put in place: read again
        assert not in_top(cat.title_badges(title))
