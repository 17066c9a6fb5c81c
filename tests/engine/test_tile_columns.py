"""A home row's tiles kept as columns: made when read, equal to the tiles themselves."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from netflix_sim.engine import Catalog, VirtualClock
from netflix_sim.engine.events import read_events
from netflix_sim.engine.page_log import page_view_payload, shown_matches
from netflix_sim.engine.types import (
    TILE_FIELDS,
    Context,
    Page,
    Row,
    Tile,
    TileColumns,
    page_columns,
)


def _columns(n: int, start: int = 0) -> tuple[list[list], int, tuple[list, list]]:
    """Page-wide columns for Tile's leading fields, with this row's n tiles at ``start``."""
    total = start + n + 3
    page = [
        list(range(100, 100 + total)),  # title_id
        [f"Title {k}" for k in range(total)],
        ["movie"] * total,
        [2000 + k for k in range(total)],
        list(range(500, 500 + total)),  # artwork_id
        ["close-up"] * total,
        [("#000000", "#ffffff")] * total,
        [90 - k for k in range(total)],  # match
        [1.5 - k / 10 for k in range(total)],  # score
        [0.5] * total,  # propensity
    ]
    return page, start, ([f"reason {k}" for k in range(n)], [None] * n)


def test_tiles_are_made_when_read_and_equal_plain_tiles() -> None:
    page, start, row = _columns(5, start=4)
    tiles = TileColumns(page, start, row)
    assert len(tiles) == 5
    assert tiles._made is None  # nothing made yet
    first = tiles[0]
    assert first.title_id == 104 and first.reason == "reason 0" and first.match == 86
    assert tiles[0] is first  # made once
    assert tiles._made.count(None) == 4
    assert tiles[-1] == tiles[4] and tiles[-1].title_id == 108
    plain = tuple(
        Tile(*(page[k][start + i] for k in range(len(page))), row[0][i], row[1][i])
        for i in range(5)
    )
    assert tiles == plain and plain == tiles
    assert hash(tiles) == hash(plain)
    assert tiles[1:3] == plain[1:3]
    assert list(tiles) == list(plain)
    with pytest.raises(IndexError):
        tiles[5]


def test_a_column_is_read_without_making_tiles() -> None:
    page, start, row = _columns(4, start=2)
    tiles = TileColumns(page, start, row)
    assert list(tiles.column("title_id")) == [102, 103, 104, 105]
    assert list(tiles.column("reason")) == ["reason 0", "reason 1", "reason 2", "reason 3"]
    assert tiles._made is None
    assert set(TILE_FIELDS) >= {"title_id", "artwork_id", "propensity", "score", "match"}


def test_the_page_view_slate_is_every_tile_of_every_row(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    page = session.home()
    session.end()
    event = read_events(catalog.engine, session_id=session.id, types=["page_view"])[0]
    slate = json.loads(event["payload"])["rows"]
    assert [(r["id"], r["name"]) for r in slate] == [(r.id, r.name) for r in page.rows]
    for logged, row in zip(slate, page.rows, strict=True):
        expected = [[t.title_id, t.artwork_id, t.propensity, t.score, t.match] for t in row.tiles]
        assert logged["tiles"] == expected


def _rows_over(page: list[list], lengths: list[int]) -> list[TileColumns]:
    """Rows laid end to end over one page's columns, as PageBuilder makes them."""
    rows, start = [], 0
    for n in lengths:
        rows.append(TileColumns(page, start, ([f"r{k}" for k in range(n)], [None] * n)))
        start += n
    return rows


def test_page_columns_reads_rows_laid_end_to_end_in_one_piece() -> None:
    page, _, _ = _columns(6)  # 9 tiles in all
    rows = _rows_over(page, [4, 2, 3])
    (titles, matches), places = page_columns(rows, ("title_id", "match"))
    assert places is None
    assert list(titles) == [t.title_id for row in rows for t in row] == list(range(100, 109))
    assert list(matches) == [t.match for row in rows for t in row]
    # anything else is read row by row (None): plain tuples, a gap, a row of another page,
    # fields of the row's own columns
    assert page_columns([*rows[:2], tuple(rows[2])], ("title_id",)) is None
    assert page_columns([rows[0], rows[2]], ("title_id",)) is None
    assert page_columns(_rows_over(page, [4, 2]), ("title_id",)) is None  # not the whole page
    other, _, _ = _columns(6)
    assert page_columns([*rows[:2], _rows_over(other, [6, 3])[1]], ("title_id",)) is None
    assert page_columns(rows, ("reason",)) is None


def _page_and_plain(rows: list[TileColumns]) -> tuple[Page, Page]:
    """A page of ``rows`` as built, and the same page with its tiles as plain tuples."""
    built = Page(
        "1.1",
        1,
        "als",
        Context(20, "tv"),
        tuple(Row(f"r{i}", f"Row {i}", "", "theme", tiles) for i, tiles in enumerate(rows)),
    )
    plain = replace(built, rows=tuple(replace(r, tiles=tuple(r.tiles)) for r in built.rows))
    return built, plain


def test_the_slate_and_shown_matches_read_row_by_row_are_the_same() -> None:
    page, _, _ = _columns(6)
    laid = _rows_over(page, [4, 2, 3])
    built, plain = _page_and_plain(laid)
    assert page_view_payload(built) == page_view_payload(plain)
    assert list(shown_matches(built).items()) == list(shown_matches(plain).items())
    repeated = _columns(6)[0]
    repeated[0] = [100, 101, 100, 102, 101, 103, 104, 100, 105]  # a title on several rows
    rows = _rows_over(repeated, [4, 2, 3])
    built = replace(
        built, rows=tuple(replace(r, tiles=t) for r, t in zip(built.rows, rows, strict=True))
    )
    plain = replace(built, rows=tuple(replace(r, tiles=tuple(r.tiles)) for r in built.rows))
    assert (
        shown_matches(built)
        == shown_matches(plain)
        == {100: 90, 101: 89, 102: 87, 103: 85, 104: 84, 105: 82}
    )


def test_tiles_of_one_title_read_one_entry_at_their_places() -> None:
    """A built home page keeps a title's fields once: its tiles read them at their places."""
    entries, _, _ = _columns(4)  # 7 titles, 100..106
    places = [2, 0, 5, 0, 6, 2, 1, 3, 4]  # titles 102, 100, 105, 100, ... laid end to end
    lengths = [4, 2, 3]
    rows, start = [], 0
    for n in lengths:
        rows.append(
            TileColumns(entries, start, ([f"r{start + k}" for k in range(n)], [None] * n), places)
        )
        start += n
    tiles = [t for row in rows for t in row]
    assert [t.title_id for t in tiles] == [100 + at for at in places]
    assert [t.reason for t in tiles] == [f"r{k}" for k in range(9)]
    assert replace(tiles[3], reason="") == replace(tiles[1], reason="")  # title 100 twice
    assert rows[1].column("match") == [t.match for t in rows[1]]
    (titles, matches), laid_places = page_columns(rows, ("title_id", "match"))
    assert laid_places is places and (titles, matches) == (entries[0], entries[7])
    assert page_columns(rows[:2], ("title_id",)) is None  # not the whole page
    built, plain = _page_and_plain(rows)
    assert page_view_payload(built) == page_view_payload(plain)
    assert shown_matches(built) == shown_matches(plain)
