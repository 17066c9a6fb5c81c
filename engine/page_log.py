"""Logging a shown page: its page_view slate, tile positions, and which tiles come into view.

Pure functions of a :class:`Page`; the session records what they return.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from .pages import FIRST_SCREEN_COLS, FIRST_SCREEN_ROWS
from .types import Page, Row, page_columns, tile_column

SLATE_FIELDS = ("title_id", "artwork_id", "propensity", "score", "match")
"""The fields of each tile in a page_view's slate, in order."""

Cell = tuple[int, int]
"""(row position, column position) of a tile on a page."""

Slot = tuple[Any, ...]
"""A tile's :data:`SLATE_FIELDS` values, in order."""


def page_view_payload(page: Page, slates: Sequence[Sequence[Slot]] | None = None) -> dict[str, Any]:
    """The page_view payload: every row with its tiles' title, artwork, propensity,
    score and % match (each tile a tuple, written as a JSON array).

    ``slates``: :func:`page_slates` of ``page``, when the caller has them."""
    if slates is None:
        slates = page_slates(page)
    return {
        "rows": [
            {"id": row.id, "name": row.name, "tiles": slate}
            for row, slate in zip(page.rows, slates, strict=True)
        ]
    }


def page_slates(page: Page) -> list[list[Slot]]:
    """Each row's tiles as :data:`SLATE_FIELDS` tuples, the page_view's slate.

    A session keeps them to log impressions from: reading a tile's fields here does not
    make the tile object."""
    laid = page_columns([row.tiles for row in page.rows], SLATE_FIELDS)
    if laid is None:
        return [list(zip(*_slate_columns(row), strict=True)) for row in page.rows]
    # the whole page's tiles in one pass (a title's tuple made once), cut into rows
    columns, places = laid
    tiles = list(zip(*columns, strict=True))
    if places is not None:
        tiles = [tiles[at] for at in places]
    ends = accumulate(len(row.tiles) for row in page.rows)
    return [tiles[end - len(row.tiles) : end] for row, end in zip(page.rows, ends, strict=True)]


def _slate_columns(row: Row) -> list[Sequence[Any]]:
    return [tile_column(row.tiles, name) for name in SLATE_FIELDS]


def shown_matches(page: Page) -> dict[int, int]:
    """Title id -> the % match of its first tile on the page."""
    laid = page_columns([row.tiles for row in page.rows], ("title_id", "match"))
    if laid is not None:
        (titles, matches), places = laid
        if places is not None:  # one entry per title
            return dict(zip(titles, matches, strict=True))
        # the first tile of a title wins: write it last
        return dict(zip(reversed(titles), reversed(matches), strict=True))
    shown: dict[int, int] = {}
    for row in reversed(page.rows):
        titles, matches = tile_column(row.tiles, "title_id"), tile_column(row.tiles, "match")
        shown.update(zip(reversed(titles), reversed(matches), strict=True))
    return shown


def first_screen(page: Page) -> list[Cell]:
    """The cells on screen when the page opens."""
    return [
        (row_pos, col_pos)
        for row_pos, row in enumerate(page.rows[:FIRST_SCREEN_ROWS])
        for col_pos in range(min(FIRST_SCREEN_COLS, len(row.tiles)))
    ]


def tile_fields(
    page: Page | None,
    row_id: str | None,
    row_pos: int | None,
    col_pos: int | None,
    title_id: int | None,
) -> dict[str, Any]:
    """An event's position fields; with the tile's artwork and propensity when the cell
    on ``page`` holds ``title_id``."""
    fields: dict[str, Any] = {"row_id": row_id, "row_pos": row_pos, "col_pos": col_pos}
    if page is not None:
        fields["page_id"] = page.page_id
        if row_pos is not None and col_pos is not None and row_pos < len(page.rows):
            tiles = page.rows[row_pos].tiles
            if col_pos < len(tiles) and tiles[col_pos].title_id == title_id:
                fields["artwork_id"] = tiles[col_pos].artwork_id
                fields["propensity"] = tiles[col_pos].propensity
    return fields


def focus_reveals(row_pos: int, col_pos: int) -> list[Cell]:
    """Cells seen when the cursor lands on a cell: it, and its row's first screenful
    when it is within it."""
    cells = [(row_pos, col_pos)]
    if col_pos < FIRST_SCREEN_COLS:
        cells += [(row_pos, col) for col in range(FIRST_SCREEN_COLS)]
    return cells


def scroll_skipped(page: Page | None, direction: str, row_pos: int, col_pos: int) -> list[int]:
    """Title ids scrolled past: the tile left when moving right along a row."""
    if direction == "right" and page is not None and row_pos < len(page.rows):
        tiles = page.rows[row_pos].tiles
        if col_pos < len(tiles):
            return [tiles[col_pos].title_id]
    return []


def scroll_reveals(direction: str, row_pos: int, col_pos: int) -> list[Cell]:
    """Cells brought into view by scrolling ``direction`` from a cell."""
    target = row_pos + {"down": 1, "up": -1}.get(direction, 0)
    if direction in ("down", "up") and target >= 0:
        return [(target, col) for col in range(FIRST_SCREEN_COLS)]
    if direction == "right":
        return [(row_pos, col_pos + FIRST_SCREEN_COLS)]
    return []
