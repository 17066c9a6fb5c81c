"""Page construction: system rows, filters, diversity, context, calibration, reasons."""

from __future__ import annotations

import numpy as np
import pytest

from netflix_sim.engine import Catalog, Session, VirtualClock
from netflix_sim.engine.pages import (
    FIRST_SCREEN_COLS,
    FIRST_SCREEN_ROWS,
    HEAD,
    MAX_OVERLAP,
    SIMILAR_REASON,
    PageBuilder,
    PageInputs,
    because,
)
from netflix_sim.engine.types import Page

DAY_S = 86_400


def start(catalog: Catalog, profile: int = 0, **kwargs) -> tuple[Session, VirtualClock]:
    clock = kwargs.pop("clock", None) or VirtualClock()
    return catalog.start_session(catalog.profiles()[profile], clock=clock, **kwargs), clock


def watch(session: Session, clock: VirtualClock, title_id: int, fraction: float) -> None:
    state = session.play(title_id, speed=60)
    clock.advance(state.duration_s * fraction / 60)
    session.stop()


def row_pos(page: Page, row_id: str) -> int | None:
    return next((i for i, r in enumerate(page.rows) if r.id == row_id), None)


def discovery_titles(page: Page) -> set[int]:
    keep = ("continue", "mylist", "again", "top10")
    return {t.title_id for r in page.rows if r.id not in keep for t in r.tiles}


def test_continue_watching_goes_first_while_fresh_then_drops(catalog: Catalog) -> None:
    session, clock = start(catalog)
    title = session.home().rows[6].tiles[0].title_id
    watch(session, clock, title, 0.4)
    page = session.home()
    assert page.rows[0].id == "continue"
    assert page.rows[0].tiles[0].progress == pytest.approx(0.4, abs=0.01)
    clock.advance(5 * DAY_S)  # stale now: still there, lower down
    later = session.home()
    pos = row_pos(later, "continue")
    assert pos is not None and pos > 0


def test_because_you_watched_uses_model_similarity(catalog: Catalog) -> None:
    session, clock = start(catalog)
    title = session.home().rows[4].tiles[1].title_id
    watch(session, clock, title, 1.0)
    page = session.home()
    row = page.row(f"because:{title}")
    assert row is not None and row.name.startswith("Because you watched ")
    idx = catalog.index.index_of[title]
    similar = set(catalog.index.ids[catalog.recommender.similar(idx, 80)].tolist())
    assert {t.title_id for t in row.tiles} <= similar
    assert title not in {t.title_id for t in row.tiles}


def test_finished_titles_leave_discovery_rows_and_come_back_to_watch_again(
    catalog: Catalog,
) -> None:
    session, clock = start(catalog)
    first = session.home()
    title = first.rows[3].tiles[0].title_id
    watch(session, clock, title, 1.0)
    page = session.home()
    assert title not in discovery_titles(page)
    again = page.row("again")
    assert again is not None and again.tiles[0].title_id == title


def test_top10_today_counts_recent_plays_across_profiles(catalog: Catalog) -> None:
    index = catalog.index
    title_idx = int(np.argsort(catalog.today)[len(index.ids) // 2])  # an ordinary title
    title = int(index.ids[title_idx])
    for profile in range(2):
        session, clock = start(catalog, profile)
        for _ in range(int(catalog.today.max()) + 1):
            watch(session, clock, title, 0.5)
        session.end()
    session, _ = start(catalog, 0)
    row = session.home().row("top10")
    assert row is not None and len(row.tiles) <= 10
    assert row.tiles[0].title_id == title
    counts = [catalog.today[index.index_of[t.title_id]] for t in row.tiles]
    assert counts == sorted(counts, reverse=True)


def test_new_releases_are_recent_additions(catalog: Catalog) -> None:
    session, _ = start(catalog)
    row = session.home().row("new")
    assert row is not None
    added = catalog.index.added_day
    newest = int(added.max())
    assert all(added[catalog.index.index_of[t.title_id]] >= newest - 45 for t in row.tiles)


def test_no_near_duplicate_rows_and_a_genre_mix_up_top(catalog: Catalog) -> None:
    session, _ = start(catalog)
    page = session.home()
    themed = [r for r in page.rows if r.kind == "theme"]
    for i, a in enumerate(themed):
        head_a = {t.title_id for t in a.tiles[:HEAD]}
        for b in themed[i + 1 :]:
            head_b = {t.title_id for t in b.tiles[:HEAD]}
            assert len(head_a & head_b) <= MAX_OVERLAP * len(head_b), (a.name, b.name)
    first = [r for r in page.rows[:FIRST_SCREEN_ROWS] if r.kind == "theme"]
    genres = [r.genre_ids[0] for r in first]
    assert len(set(genres)) >= min(2, len(genres))
    assert max(genres.count(g) for g in genres) <= 2
    shown = [t.title_id for r in page.rows[:FIRST_SCREEN_ROWS] for t in r.tiles[:6]]
    assert len(shown) == len(set(shown))


def tile_score(page: Page, title_id: int) -> float:
    return next(t.score for r in page.rows for t in r.tiles if t.title_id == title_id)


def test_scrolling_along_a_row_raises_its_theme_and_lowers_skipped_titles(
    catalog: Catalog,
) -> None:
    session, clock = start(catalog)
    page = session.home()
    pos = next(i for i, r in enumerate(page.rows) if r.kind == "theme" and i > 8)
    row = page.rows[pos]
    for col in range(3):
        session.scroll("right", row_id=row.id, row_pos=pos, col_pos=col)
    assert session.signals.theme_affinity(clock.now_ms())[row.id] > 0
    after = session.home()
    new_pos = row_pos(after, row.id)
    assert new_pos is not None and new_pos < pos  # the theme gained
    for tile in row.tiles[:3]:  # the titles scrolled past lost
        assert tile_score(after, tile.title_id) < tile.score
    kept = row.tiles[3]
    assert tile_score(after, kept.title_id) == pytest.approx(kept.score, abs=0.02)


def test_unclicked_impressions_lower_a_title_mildly(catalog: Catalog) -> None:
    session, _ = start(catalog)
    page = session.home()
    tile = page.rows[1].tiles[0]
    for _ in range(3):
        page = session.home()  # shown again and again, never clicked
    lowered = tile_score(page, tile.title_id)
    assert tile.score - 0.5 < lowered < tile.score  # mildly
    session.open_details(tile.title_id)
    assert tile_score(session.home(), tile.title_id) > lowered  # a click outweighs it


def test_signals_decay_with_recency(catalog: Catalog) -> None:
    session, clock = start(catalog)
    page = session.home()
    row = page.rows[10]
    session.scroll("down", row_id=row.id, row_pos=10, col_pos=0)
    fresh = session.signals.theme_affinity(clock.now_ms())[row.id]
    clock.advance(14 * DAY_S)
    assert session.signals.theme_affinity(clock.now_ms())[row.id] == pytest.approx(fresh / 2)


def first_screen(page: Page) -> list[int]:
    return [t.title_id for r in page.rows[:FIRST_SCREEN_ROWS] for t in r.tiles[:FIRST_SCREEN_COLS]]


def test_context_changes_the_page(catalog: Catalog) -> None:
    index = catalog.index
    day = 1_767_225_600_000  # 2026-01-01 00:00 UTC
    hour = 3_600_000
    phone, _ = start(catalog, 1, device="phone", clock=VirtualClock(day + 12 * hour))
    tv, _ = start(catalog, 1, device="tv", clock=VirtualClock(day + 21 * hour))
    plain, _ = start(catalog, 1, device="laptop", clock=VirtualClock(day + 10 * hour))
    assert (phone.context.hour, tv.context.hour, plain.context.hour) == (12, 21, 10)
    on_phone, on_tv, on_laptop = phone.home(), tv.home(), plain.home()
    assert [r.id for r in on_phone.rows] != [r.id for r in on_laptop.rows]
    assert [r.id for r in on_tv.rows] != [r.id for r in on_laptop.rows]
    phone_idx = [index.index_of[t] for t in first_screen(on_phone)]
    tv_idx = [index.index_of[t] for t in first_screen(on_tv)]
    plain_idx = [index.index_of[t] for t in first_screen(on_laptop)]
    # shorter titles on a phone at lunchtime, series on a TV at night
    assert index.runtime_min[phone_idx].mean() < index.runtime_min[plain_idx].mean()
    assert index.is_series[tv_idx].mean() > index.is_series[plain_idx].mean()
    assert on_phone.row("context").name == "Popular on phones at lunchtime"
    assert on_laptop.row("context") is None


def test_maturity_holds_in_every_context(catalog: Catalog) -> None:
    kids = min(catalog.profiles(), key=lambda p: p.maturity_level)
    index = catalog.index
    for device in ("tv", "phone", "tablet", "laptop"):
        for hour in (8, 12, 16, 21):
            clock = VirtualClock(1_767_225_600_000 + hour * 3_600_000)
            session = catalog.start_session(kids, device=device, clock=clock)
            for row in session.home().rows:
                for tile in row.tiles:
                    assert index.maturity[index.index_of[tile.title_id]] <= kids.maturity_level


def test_match_is_spread_like_netflix(catalog: Catalog) -> None:
    for profile in range(2):
        session, _ = start(catalog, profile)
        cold = session.home()
        for tile in cold.rows[8].tiles[:5]:
            session.thumbs(tile.title_id, 1)
        for page in (cold, session.home()):
            matches = np.asarray([t.match for r in page.rows for t in r.tiles])
            assert matches.min() >= 0 and matches.max() <= 99
            assert ((matches >= 60) & (matches <= 98)).mean() >= 0.8


def test_a_title_only_rated_says_because_you_liked(catalog: Catalog) -> None:
    session, _ = start(catalog)
    picked = session.home().rows[4].tiles[1]
    session.thumbs(picked.title_id, 2)  # loved, never played (as onboarding picks are)
    row = session.home().row(f"because:{picked.title_id}")
    assert row is not None and row.name == f"Because you liked {picked.name}"


def test_every_row_and_tile_explains_itself(catalog: Catalog) -> None:
    session, clock = start(catalog)
    first = session.home()
    liked = first.rows[5].tiles[0]
    watch(session, clock, liked.title_id, 1.0)
    session.thumbs(liked.title_id, 2)
    page = session.home()
    for row in page.rows:
        assert row.reason
        assert all(t.reason for t in row.tiles)
    reasons = {t.reason for r in page.rows for t in r.tiles}
    assert f"Because you watched {liked.name}" in reasons
    assert any(reason.startswith("Your taste for ") for reason in reasons)


def _expected_reason(builder: PageBuilder, inputs: PageInputs, idx: int) -> str | None:
    """A tile's evidence worked out on its own: a liked look-alike beats the context, which
    beats a genre taste; ``None`` without any."""
    index, vectors = builder.index, inputs.item_vectors
    reason = None
    if inputs.genre_affinity.get(int(index.main_genre[idx]), 0.0) > 0.5:
        reason = builder.taste_reason[int(index.main_genre[idx])]
    if inputs.context_label and inputs.context_boost is not None and inputs.context_boost[idx] > 0:
        reason = f"Popular {inputs.context_label}"
    liked = inputs.liked[:10]
    if vectors is not None and liked and idx not in liked:
        sims = vectors[liked] @ vectors[idx]
        if sims.max() > SIMILAR_REASON:
            seed = liked[int(sims.argmax())]
            reason = f"{because(seed, inputs.watched)} {index.names[seed]}"
    return reason


def test_tiles_give_their_strongest_evidence(catalog: Catalog) -> None:
    session, clock = start(catalog)
    first = session.home()
    for tile in (first.rows[5].tiles[0], first.rows[7].tiles[2]):
        watch(session, clock, tile.title_id, 1.0)
    session.thumbs(first.rows[9].tiles[1].title_id, 2)
    inputs = session._page_inputs()
    builder = catalog.builder
    page = builder.build(inputs, context=session.context, page_id="x", profile_id=1, policy="als")
    index = catalog.index
    given = {"top10", "context", "continue", "mylist", "again"}
    checked = 0
    for row in page.rows:
        for tile in row.tiles:
            if row.id in given or row.id.startswith("because:"):
                assert tile.reason
                continue
            evidence = _expected_reason(builder, inputs, index.index_of[tile.title_id])
            assert tile.reason == (evidence or row.reason)
            checked += evidence is not None
    assert checked >= 10
