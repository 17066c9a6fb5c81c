"""The Session API end to end on a real seeded catalog: events, playback, pages."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from netflix_sim.engine import Catalog, Session, VirtualClock, history, open_catalog
from netflix_sim.engine.catalog import FACTS_BLOCK
from netflix_sim.engine.database import dbapi_connection
from netflix_sim.engine.errors import UnknownTitleError
from netflix_sim.engine.events import read_events, to_json
from netflix_sim.engine.models import TRACE_SCHEMA_VERSION
from netflix_sim.engine.recording import session_start_payload, session_start_state
from netflix_sim.engine.signals import ProfileSignals
from netflix_sim.engine.types import tile_column


def test_trace_schema_v2_adds_only_the_speed_event() -> None:
    from netflix_sim.research.schema import EVENT_TYPES_OF

    assert TRACE_SCHEMA_VERSION == 2
    assert set(EVENT_TYPES_OF[2]) - set(EVENT_TYPES_OF[1]) == {"speed"}
    assert set(EVENT_TYPES_OF[1]) <= set(EVENT_TYPES_OF[2])


def test_event_store_round_trip(catalog: Catalog) -> None:
    clock = VirtualClock()
    session = catalog.start_session(catalog.profiles()[0], clock=clock, device="phone")
    page = session.home()
    row = page.rows[0]
    tile = row.tiles[1]
    clock.advance(3)
    session.focus(row.id, 0, 1, tile.title_id)
    session.dwell(tile.title_id, 3.0, row_id=row.id, row_pos=0, col_pos=1)
    session.open_details(tile.title_id, row_id=row.id, row_pos=0, col_pos=1)
    session.thumbs(tile.title_id, 1)
    session.end()

    events = read_events(catalog.engine, session_id=session.id)
    kinds = [e["type"] for e in events]
    assert kinds[0] == "session_start" and kinds[-1] == "session_end"
    assert {"page_view", "impression", "focus", "dwell", "open_details", "thumbs"} <= set(kinds)
    assert [e["seq"] for e in events] == list(range(len(events)))
    dwell = next(e for e in events if e["type"] == "dwell")
    assert dwell["title_id"] == tile.title_id
    assert dwell["value"] == 3.0
    assert dwell["row_id"] == row.id and (dwell["row_pos"], dwell["col_pos"]) == (0, 1)
    assert dwell["artwork_id"] == tile.artwork_id
    assert dwell["propensity"] == pytest.approx(tile.propensity)
    assert dwell["page_id"] == page.page_id
    assert json.loads(dwell["context"]) == {"hour": 10, "device": "phone"}
    assert dwell["t_ms"] == clock.now_ms()
    page_view = next(e for e in events if e["type"] == "page_view")
    slate = json.loads(page_view["payload"])["rows"]
    assert [r["id"] for r in slate] == [r.id for r in page.rows]
    assert slate[0]["tiles"][1][:2] == [tile.title_id, tile.artwork_id]


def test_impressions_carry_their_tiles_fields(catalog: Catalog) -> None:
    """Impressions are logged from the page's slates: the same fields as the tiles."""
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    page = session.home()
    session.scroll("down", row_id=page.rows[0].id, row_pos=0, col_pos=0)
    session.scroll("right", row_id=page.rows[1].id, row_pos=1, col_pos=0)
    session.end()
    impressions = read_events(catalog.engine, session_id=session.id, types=["impression"])
    assert len(impressions) > 6
    for event in impressions:
        row = page.rows[event["row_pos"]]
        tile = row.tiles[event["col_pos"]]
        assert (event["page_id"], event["row_id"]) == (page.page_id, row.id)
        assert (event["title_id"], event["artwork_id"]) == (tile.title_id, tile.artwork_id)
        assert event["propensity"] == pytest.approx(tile.propensity)
        assert event["value"] == pytest.approx(tile.score)


def test_close_writes_every_buffered_event(catalog_path) -> None:

    catalog = open_catalog(catalog_path)
    before = catalog.event_count()
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    page = session.home()
    for col, tile in enumerate(page.rows[1].tiles[:10]):
        session.focus(page.rows[1].id, 1, col, tile.title_id)
    catalog.close()  # ends the session and flushes: nothing recorded is lost
    recorded = session.recorded
    assert recorded > 40

    reopened = open_catalog(catalog_path)
    try:
        assert reopened.event_count() == before + recorded
    finally:
        reopened.close()


def test_playback_follows_the_virtual_clock(catalog: Catalog) -> None:
    clock = VirtualClock()
    session = catalog.start_session(catalog.profiles()[0], clock=clock)
    title = session.home().rows[0].tiles[0]
    state = session.play(title.title_id, speed=60)
    duration = state.duration_s
    clock.advance(10)  # 10 s at 60x = 600 s of content
    assert session.playback().position_s == pytest.approx(600)
    session.pause()
    clock.advance(100)
    assert session.playback().position_s == pytest.approx(600)
    session.seek(-10)
    session.resume()
    clock.advance(duration)  # far past the end: playback stops at the end
    state = session.playback()
    assert state.finished and state.position_s == pytest.approx(duration)
    stopped = session.stop()
    assert stopped.watched_s == pytest.approx(duration + 10)
    session.flush()
    stop = read_events(catalog.engine, session_id=session.id, types=["play_stop"])[0]
    assert stop["value"] == 1.0
    assert json.loads(stop["payload"])["watched_s"] == pytest.approx(duration + 10)


def test_a_half_watched_title_continues_on_the_next_page(catalog: Catalog) -> None:
    clock = VirtualClock()
    session = catalog.start_session(catalog.profiles()[0], clock=clock)
    title = session.home().rows[3].tiles[2]
    state = session.play(title.title_id, speed=10)
    clock.advance(state.duration_s / 20)  # half of it at 10x
    session.stop()
    page = session.home()
    assert page.rows[0].id == "continue"
    assert page.rows[0].tiles[0].title_id == title.title_id
    assert page.rows[0].tiles[0].progress == pytest.approx(0.5, abs=0.01)
    resumed = session.play(title.title_id)
    assert resumed.position_s == pytest.approx(state.duration_s / 2, rel=0.01)


def test_thumbs_down_hides_a_title_from_home(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    title = session.home().rows[0].tiles[0].title_id
    session.thumbs(title, -1)
    page = session.home()
    assert all(t.title_id != title for row in page.rows for t in row.tiles)
    assert session.title_card(title).rating == -1


def test_my_list_row(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    tiles = session.home().rows[5].tiles[:2]
    for tile in tiles:
        session.set_my_list(tile.title_id)
    row = session.home().row("mylist")
    assert row is not None
    assert {t.title_id for t in row.tiles} == {t.title_id for t in tiles}
    session.set_my_list(tiles[0].title_id, add=False)
    assert [t.title_id for t in session.home().row("mylist").tiles] == [tiles[1].title_id]


def test_a_profile_is_new_until_it_says_what_it_likes(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[1], clock=VirtualClock())
    assert session.is_new
    page = session.home()  # impressions: negative signals only
    assert session.signal_count > 0 and session.is_new
    session.thumbs(page.rows[0].tiles[0].title_id, 1)
    assert not session.is_new


def test_search_finds_by_title_genre_tag_and_cast_and_keeps_thumbs_down(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    index = catalog.index
    name = index.names[5]
    by_title = session.search(name.upper())
    assert name in [t.name for t in by_title]
    session.thumbs(by_title[0].title_id, -1)
    assert by_title[0].title_id in [t.title_id for t in session.search(name)]  # still found
    genre = next(iter(index.genres.values()))
    assert session.search(genre.plural)
    tag = next(iter(index.tags.values()))
    assert session.search(tag.name)
    for hostile in ("'; DROP TABLE title; --", "\x00\x07", "😀" * 3, "x" * 10_000, "%_"):
        assert session.search(hostile) == []
    results = session.search("the")
    session.search_click(results[2].title_id, 2)
    session.abandon()
    kinds = [e["type"] for e in read_events(catalog.engine, session_id=session.id)]
    assert {"search", "search_click", "open_details", "abandon"} <= set(kinds)
    assert kinds[-2:] == ["abandon", "session_end"]
    assert catalog.index.n == len(index.ids)  # nothing dropped


def test_bot_profiles_are_created_and_kept_out_of_the_picker(catalog: Catalog) -> None:
    bot = catalog.create_profile("bot-0001", kind="bot", maturity_level=0, device="phone")
    assert bot not in catalog.profiles()
    assert catalog.profile("bot-0001") == bot
    assert catalog.profiles(("bot",)) == [bot]


def test_a_card_shows_the_match_of_the_tile_it_was_opened_from(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    page = session.home()
    tiles = [row.tiles[k] for row in page.rows[:4] for k in range(3)]
    for tile in tiles:
        session.focus(page.rows[0].id, 0, 0, tile.title_id)  # signals in between
        assert session.title_card(tile.title_id).match == tile.match
    results = session.search(tiles[0].name)
    assert session.title_card(results[0].title_id).match == results[0].match


def test_a_card_for_a_title_shown_nowhere_is_ranked_afresh(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    page = session.home()
    on_page = {t.title_id for row in page.rows for t in row.tiles}
    hidden = next(t for t in catalog.index.ids.tolist() if t not in on_page)
    card = session.title_card(hidden)
    assert 0 <= card.match <= 99
    assert card.name == catalog.title_facts(hidden).name


def test_a_page_locates_a_title_on_its_row_first(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    page = session.home()
    seen: dict[int, list[int]] = {}
    for r, row in enumerate(page.rows):
        for tile in row.tiles:
            seen.setdefault(tile.title_id, []).append(r)
    title, rows = next((t, rs) for t, rs in seen.items() if len(rs) > 1)  # on two rows
    later = page.rows[rows[-1]]
    col = next(c for c, t in enumerate(later.tiles) if t.title_id == title)
    assert page.locate(title, later.id) == (rows[-1], col)
    assert page.locate(title)[0] == rows[0]
    assert page.locate(-1) is None


def test_a_page_locates_from_its_title_columns_as_from_its_tiles(catalog: Catalog) -> None:
    """A built page finds titles without making tiles, where a page of plain tiles would."""
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock(), seed=2)
    page = session.home()
    rows = page.rows
    ids = [list(tile_column(row.tiles, "title_id")) for row in rows]
    probes = [(t, row.id) for row, row_ids in zip(rows, ids, strict=True) for t in row_ids[:3]]
    repeated = set(ids[-1]) & {t for row_ids in ids[:-1] for t in row_ids}
    probes += [(t, rows[-1].id) for t in repeated]  # on that row, not the first
    probes += [(ids[0][0], "no such row"), (-1, rows[0].id), (-1, None)]
    found = [page.locate(title_id, row_id) for title_id, row_id in probes]
    assert all(row.tiles._made is None for row in rows)  # no tile made to find them
    plain = replace(page, rows=tuple(replace(r, tiles=tuple(r.tiles)) for r in rows))
    assert found == [plain.locate(title_id, row_id) for title_id, row_id in probes]
    assert found[-3:] == [(0, 0), None, None]
    session.end()


def test_search_by_cast_matches_every_credit_of_the_people_named(catalog: Catalog) -> None:
    from netflix_sim.engine.search import matching_titles

    with catalog.engine.connect() as conn:
        people = conn.exec_driver_sql("SELECT name FROM person ORDER BY id LIMIT 40").fetchall()
    index = catalog.index
    queries = {name.split()[-1][:4] for (name,) in people} | {people[0][0].upper()}
    for query in sorted(queries):
        with catalog.engine.connect() as conn:  # the credits table read the long way
            credited = {
                t
                for (t,) in conn.exec_driver_sql(
                    "SELECT DISTINCT c.title_id FROM credit c JOIN person p ON p.id = c.person_id"
                    " WHERE instr(lower(p.name), ?) > 0",
                    (query.casefold(),),
                )
            }
        found = {
            int(index.ids[i]) for i in matching_titles(index, catalog.cast, query, maturity_level=4)
        }
        assert credited, query
        assert credited <= found, query  # every credited title (names, genres may add more)
    assert session_finds(catalog, people[0][0])


def session_finds(catalog: Catalog, person: str) -> bool:
    """Whether searching a person's full name finds a title that credits them."""
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    titles = {t.title_id for t in session.search(person, limit=10_000)}
    session.end()
    with catalog.engine.connect() as conn:
        credited = {
            t
            for (t,) in conn.exec_driver_sql(
                "SELECT c.title_id FROM credit c JOIN person p ON p.id = c.person_id"
                " WHERE p.name = ?",
                (person,),
            )
        }
    return bool(credited) and credited <= titles


def test_session_start_records_the_play_counts_in_place_now(catalog_path: Path) -> None:
    """Without shared learning the shared part of session_start is worked out once; a
    replaced source (a replay puts recorded counts and bandits in place) is read again."""
    import numpy as np

    def recorded_trending(cat: Catalog) -> dict[str, list[float]]:
        session = cat.start_session(cat.profiles()[0], clock=VirtualClock())
        session.end()
        start = read_events(cat.engine, session_id=session.id, types=["session_start"])[0]
        return json.loads(start["payload"])["trending"]

    with open_catalog(catalog_path, shared_learning=False) as cat:
        first = recorded_trending(cat)
        assert recorded_trending(cat) == first
        cat.trending = np.zeros(cat.index.n)
        cat.trending[3] = 7.0
        assert recorded_trending(cat) == {"ids": [int(cat.index.ids[3])], "n": [7.0]}


@pytest.mark.parametrize("shared", [False, True])
def test_the_session_start_payload_is_its_state_encoded(catalog_path: Path, shared: bool) -> None:
    """The shared fields' JSON is spliced into the payload's text (cached when fixed)."""
    args = {"seed": 7, "device": "phone", "ratings": {12: 1, 3: -1}, "my_list": [9, 4]}
    with open_catalog(catalog_path, shared_learning=shared) as cat:
        cat.today[2] += 3
        for policy in ("als", "popular", "als"):  # the shared part worked out, then cached
            text = session_start_payload(cat, profile='Zoë "Z"', policy=policy, **args)
            state = session_start_state(cat, policy=policy, **args)
            assert text == to_json({"profile": 'Zoë "Z"', **state})
        assert json.loads(text)["today"]["n"]


def _signals_as_stored(cat: Catalog, profile_id: int) -> ProfileSignals:
    signals = ProfileSignals(cat.index.n)
    signals.extend(cat.signal_events(profile_id), cat.index.index_of)
    return signals


def _same_signals(a: ProfileSignals, b: ProfileSignals) -> bool:
    return (a.title_idx, a.title_weight, a.title_t_ms, a.theme_items) == (
        b.title_idx,
        b.title_weight,
        b.title_t_ms,
        b.theme_items,
    )


def _browse(session: Session) -> None:
    page = session.home()
    row = page.rows[0]
    session.scroll("right", row_id=row.id, row_pos=0, col_pos=0)
    session.open_details(row.tiles[1].title_id, row_id=row.id, row_pos=0, col_pos=1)
    session.scroll("down", row_id=row.id, row_pos=0, col_pos=1)
    session.end()


def test_a_profiles_next_session_takes_up_its_signals_as_stored(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = catalog.profiles()[0]
    first = catalog.start_session(profile, clock=VirtualClock())
    _browse(first)
    stored = _signals_as_stored(catalog, profile.id)
    with monkeypatch.context() as patch:  # taken up, not read again
        patch.setattr(catalog, "signal_events", lambda *_: pytest.fail("read again"))
        second = catalog.start_session(profile, clock=VirtualClock())
    assert second.signals is not first.signals  # a copy: the ended session's stay its own
    assert _same_signals(second.signals, stored) and _same_signals(first.signals, stored)
    _browse(second)
    third = catalog.start_session(profile, clock=VirtualClock())
    assert _same_signals(third.signals, _signals_as_stored(catalog, profile.id))


def test_signals_stored_meanwhile_by_another_process_are_read(
    catalog: Catalog, catalog_path: Path
) -> None:
    profile = catalog.profiles()[0]
    first = catalog.start_session(profile, clock=VirtualClock())
    _browse(first)
    with open_catalog(catalog_path) as other:  # another process on the same file
        _browse(other.start_session(profile.id, clock=VirtualClock()))
    second = catalog.start_session(profile, clock=VirtualClock())
    assert second.signals is not first.signals
    assert len(second.signals.title_idx) > len(first.signals.title_idx)
    assert _same_signals(second.signals, _signals_as_stored(catalog, profile.id))


def _history_as_stored(cat: Catalog, profile_id: int) -> history.ProfileHistory:
    with dbapi_connection(cat.engine) as conn:
        return history.load_history(conn, profile_id, cat.index)


def _assert_history(session: Session, stored: history.ProfileHistory) -> None:
    """The session started from ``stored`` (its order of titles included)."""
    assert list(session.ratings.items()) == list(stored.ratings.items())
    assert session.my_list == stored.my_list
    assert list(session._progress.items()) == list(stored.progress.items())
    assert session._liked == stored.liked
    assert (session._artwork.last_seen == stored.last_seen).all()


def _watch(session: Session, clock: VirtualClock) -> None:
    """Plays (one watched through, one left early, one resumed), thumbs, My List."""
    page = session.home()
    row = page.rows[0]
    titles = list(dict.fromkeys(t.title_id for r in page.rows for t in r.tiles))[:6]
    session.scroll("right", row_id=row.id, row_pos=0, col_pos=0)
    for title_id, minutes in ((titles[0], 300), (titles[1], 2), (titles[0], 1)):
        session.play(title_id, speed=60, row_id=row.id, row_pos=0, col_pos=0)
        clock.advance(minutes)
        session.stop()
    session.thumbs(titles[2], 1)
    session.thumbs(titles[3], -1)
    session.thumbs(titles[1], 2)
    for title_id in (titles[4], titles[5], titles[4]):  # added again: it keeps its place
        session.set_my_list(title_id)
    session.set_my_list(titles[5], add=False)
    session.play(titles[5], speed=60)
    clock.advance(30)  # still playing when the session ends
    session.end()


def test_a_profiles_next_session_takes_up_its_history_as_stored(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = catalog.profiles()[0]
    clock = VirtualClock()
    _watch(catalog.start_session(profile, clock=clock), clock)
    stored = _history_as_stored(catalog, profile.id)
    assert stored.progress and stored.liked and stored.ratings and stored.my_list
    with monkeypatch.context() as patch:  # taken up, not read again
        patch.setattr(history, "read_event_history", lambda *_: pytest.fail("read again"))
        second = catalog.start_session(profile, clock=clock)
    _assert_history(second, stored)
    clock.advance(86_400)
    _watch(second, clock)
    third = catalog.start_session(profile, clock=clock)
    _assert_history(third, _history_as_stored(catalog, profile.id))
    assert third._stored.progress is not second._stored.progress  # copies: each its own


def test_a_history_stored_meanwhile_by_another_process_is_read(
    catalog: Catalog, catalog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = catalog.profiles()[0]
    clock = VirtualClock()
    _browse(catalog.start_session(profile, clock=clock))
    with open_catalog(catalog_path) as other:  # another process on the same file
        _watch(other.start_session(profile.id, clock=clock), clock)
    read, original = [], history.read_event_history
    monkeypatch.setattr(history, "read_event_history", lambda *a: read.append(a) or original(*a))
    second = catalog.start_session(profile, clock=clock)
    assert read
    _assert_history(second, _history_as_stored(catalog, profile.id))
    assert second._progress


def test_title_facts_are_read_a_block_of_titles_at_a_time(
    catalog: Catalog, catalog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [int(t) for t in catalog.index.ids]
    first, neighbour = ids[0], next(t for t in ids[1:] if t // FACTS_BLOCK == ids[0] // FACTS_BLOCK)
    catalog.title_facts(first)
    monkeypatch.setattr(catalog.engine, "raw_connection", lambda: pytest.fail("read again"))
    cached = catalog.title_facts(neighbour)  # came with the first one's block
    monkeypatch.undo()
    with open_catalog(catalog_path) as fresh:
        assert cached == fresh.title_facts(neighbour)
        assert cached.cast and cached.name == fresh.index.names[fresh.index.index_of[neighbour]]
    with pytest.raises(UnknownTitleError):
        catalog.title_facts(max(ids) + 10 * FACTS_BLOCK)
