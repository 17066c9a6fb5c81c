"""One row of the home page, drawn as a single widget.

A page holds up to 40 rows of 40 tiles; one widget per tile would be 1,600 widgets, so a
row renders the window of tiles around its cursor itself, as lines of Rich text.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from netflix_sim.engine.types import Row, Tile

from .art import INFO_LINE, RED, TILE_HEIGHT, TILE_WIDTH, tile_info_line, tile_lines
from .ink import Ink, ink_for

GAP = 1
"""Cells between two tiles."""
GUTTER = 2
"""Cells at each side of the row for the "more tiles" arrows."""
LEFT_ARROW = "\u2039 "
RIGHT_ARROW = " \u203a"
TILE_CACHE_SIZE = 4096
"""Drawn tiles kept for reuse (a tile has a few looks: cursor, dimmed, widths, themes)."""

TileLook = tuple[str, str, int, str, tuple[str, str], int, float | None]
"""What a tile's drawing shows: name, kind, year, artwork aspect and palette, % match,
progress (not its score or propensity, which change with every page)."""

_tile_cache: dict[tuple[object, ...], list[Strip]] = {}


def tile_look(tile: Tile) -> TileLook:
    """The fields of ``tile`` its drawing shows: equal looks draw the same."""
    return (tile.name, tile.kind, tile.year, tile.aspect, tile.palette, tile.match, tile.progress)


def tile_strips(
    tile: Tile, *, highlighted: bool, dimmed: bool, width: int, console: Console, ink: Ink
) -> list[Strip]:
    """The :data:`TILE_HEIGHT` lines of a tile as strips, drawn once per look (and theme's
    ``ink``) and cached: the same title and artwork on a rebuilt page is not drawn again,
    and when only its % match changed (the model learnt), only its match line is."""
    look = tile_look(tile)
    key = (look, highlighted, dimmed, width, ink.dark)
    strips = _tile_cache.get(key)
    if strips is not None:
        return strips
    if len(_tile_cache) >= TILE_CACHE_SIZE:
        _tile_cache.clear()
    same_art = _tile_cache.get(_other_match(key))
    if same_art is None:
        lines = tile_lines(tile, highlighted=highlighted, dimmed=dimmed, width=width, ink=ink)
        strips = [Strip(line.render(console), line.cell_len) for line in lines]
    else:
        info = tile_info_line(tile, highlighted=highlighted, dimmed=dimmed, width=width, ink=ink)
        strips = list(same_art)
        strips[INFO_LINE] = Strip(info.render(console), info.cell_len)
    _tile_cache[key] = strips
    _tile_cache[_other_match(key)] = strips
    return strips


def _other_match(key: tuple[TileLook, bool, bool, int, bool]) -> tuple[object, ...]:
    """Where a look's strips are also kept for any % match: their lines other than
    :data:`~.art.INFO_LINE` serve every match of the same title, artwork and look."""
    look, *rest = key
    return ("any match", look[:5], look[6], *rest)


def blank_strips(width: int) -> list[Strip]:
    """Empty space the size of a tile."""
    return [Strip.blank(width)] * TILE_HEIGHT


def visible_count(width: int) -> int:
    """How many tiles fit in ``width`` cells (at least one)."""
    return max(1, (width - 2 * GUTTER + GAP) // (TILE_WIDTH + GAP))


def tile_width(width: int) -> int:
    """Width of each tile when :func:`visible_count` tiles share ``width`` cells."""
    count = visible_count(width)
    return max(TILE_WIDTH, (width - 2 * GUTTER - (count - 1) * GAP) // count)


def window_start(start: int, cursor: int, count: int, total: int) -> int:
    """First visible tile, moved as little as possible to keep ``cursor`` in view."""
    if cursor < start:
        start = cursor
    elif cursor >= start + count:
        start = cursor - count + 1
    return max(0, min(start, max(0, total - count)))


class TitleRow(Widget):
    """A titled row of tiles with a cursor; the home screen moves the cursor."""

    DEFAULT_CSS = """
    TitleRow {
        height: 8;
        width: 1fr;
        padding: 0 0 1 0;
    }
    """

    @dataclass
    class TileClicked(Message):
        """A tile of this row was clicked."""

        title_row: TitleRow
        col: int

    row: reactive[Row | None] = reactive(None, always_update=True)
    """The engine row shown."""
    cursor: reactive[int] = reactive(0)
    """Index of the cursor tile in the row."""
    active: reactive[bool] = reactive(False)
    """Whether this row holds the page cursor (its cursor tile is highlighted)."""

    def __init__(
        self, row: Row, index: int, *, moved: int | None = 0, id: str | None = None
    ) -> None:
        """Show ``row``, row number ``index`` on the page, ``moved`` places up since the
        last page (``None``: new on the page)."""
        super().__init__(id=id)
        self.index = index
        self.moved = moved
        """Places the row climbed since the previous page (negative: fell; None: new)."""
        """Position of the row on the page."""
        self.start = 0
        """First visible tile."""
        self._lines_row: Row | None = None
        self._lines_key: tuple[object, ...] | None = None
        self._drawn_key: tuple[object, ...] | None = None
        self._lines: list[Strip] = []
        self.set_reactive(TitleRow.row, row)

    def show(self, row: Row, index: int, cursor: int = 0, moved: int | None = 0) -> None:
        """Replace the row shown (after a page rebuild)."""
        self.index = index
        self.moved = moved
        self.start = 0
        self.set_reactive(TitleRow.cursor, cursor)
        self.row = row

    def window(self) -> tuple[int, int]:
        """First visible tile and how many tiles are visible at the current width."""
        count = visible_count(self.content_size.width or 80)
        total = len(self.row.tiles) if self.row else 0
        self.start = window_start(self.start, self.cursor, count, total)
        return self.start, count

    def notify_style_update(self) -> None:
        """The theme or the CSS changed: draw the row again."""
        super().notify_style_update()
        self._lines_key = self._drawn_key = None

    def _header(self, start: int, end: int, total: int, width: int, ink: Ink) -> Text:
        row = self.row
        assert row is not None
        header = Text(no_wrap=True, end="")
        if self.active:
            header.append("▍", Style(color=RED, bold=True))
        else:
            header.append(" ")
        name_colour = ink.strong if self.active else ink.body
        header.append(f" {row.name}", Style(color=name_colour, bold=True))
        if self.moved is None:
            header.append("  NEW ", Style(color="#ffffff", bgcolor=RED, bold=True))
        elif self.moved > 0:
            header.append(f"  \u25b2{self.moved}", Style(color=ink.match, bold=True))
        elif self.moved < 0:
            header.append(f"  \u25bc{-self.moved}", Style(color=ink.faint))
        if row.reason and row.reason != row.name:
            header.append(f"  {row.reason}", Style(color=ink.muted, italic=True))
        position = f"{start + 1}-{end} of {total} " if total else "empty "
        if header.cell_len + len(position) + 1 < width:
            header.append(" " * (width - header.cell_len - len(position)))
            header.append(position, Style(color=ink.muted))
        else:
            header.truncate(width, overflow="ellipsis")
        return header

    def lines(self) -> list[Strip]:
        """The row as drawn: the title line, then the visible tiles side by side.

        Tiles are drawn once per look (cursor, dimmed, width, theme) and reused as strips,
        so moving the cursor redraws two tiles' worth of text, not the whole row. Cells the
        tiles leave uncoloured take the widget's background (the theme's page).
        """
        row = self.row
        if row is None:
            return []
        width = self.content_size.width or 80
        start, count = self.window()
        total = len(row.tiles)
        end = min(total, start + count)
        # The row is compared by identity (never by value: equal rows compare every tile),
        # then by what it draws: a rebuilt page's row showing the same is not drawn again.
        key = (start, self.cursor, self.active, self.moved, width, self.app.theme)
        if self._lines_row is row and self._lines_key == key:
            return self._lines
        tiles = [row.tiles[i] for i in range(start, end)]
        drawn = (row.name, row.reason, total, [tile_look(t) for t in tiles], key)
        self._lines_row, self._lines_key = row, key
        if self._drawn_key == drawn:
            return self._lines
        console = self.app.console
        ink = ink_for(self.app.current_theme.dark)
        each = tile_width(width)
        columns = [
            tile_strips(
                tiles[i - start],
                highlighted=self.active and i == self.cursor,
                dimmed=not self.active,
                width=each,
                console=console,
                ink=ink,
            )
            if i < end
            else blank_strips(each)
            for i in range(start, start + count)
        ]
        header = self._header(start, end, total, width, ink)
        lines = [Strip(header.render(console), header.cell_len).extend_cell_length(width)]
        gap = Strip([Segment(" " * GAP)], GAP)
        arrow = Style(color=ink.highlight, bold=True)
        middle = TILE_HEIGHT // 2
        for y in range(TILE_HEIGHT):
            left = LEFT_ARROW if y == middle and start > 0 else "  "
            right = RIGHT_ARROW if y == middle and end < total else "  "
            parts = [Strip([Segment(left, arrow)], GUTTER)]
            for c, column in enumerate(columns):
                if c:
                    parts.append(gap)
                parts.append(column[y])
            parts.append(Strip([Segment(right, arrow)], GUTTER))
            lines.append(Strip.join(parts).extend_cell_length(width).crop(0, width))
        base = self.rich_style  # the page's background under uncoloured cells
        lines = [line.apply_style(base) for line in lines]
        self._drawn_key, self._lines = drawn, lines
        return lines

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of :meth:`lines` (blank below them)."""
        lines = self.lines()
        return lines[y] if y < len(lines) else Strip.blank(self.content_size.width, self.rich_style)

    def plain(self) -> str:
        """The row's text as drawn, one line per line (for tests and tools)."""
        return "\n".join(strip.text for strip in self.lines())

    def on_click(self, event: events.Click) -> None:
        """Report which tile was clicked."""
        offset = event.get_content_offset(self)
        if offset is None or self.row is None or offset.y < 1:
            return
        slot = (offset.x - GUTTER) // (tile_width(self.content_size.width) + GAP)
        col = self.start + slot
        if offset.x >= GUTTER and slot >= 0 and col < len(self.row.tiles):
            event.stop()
            self.post_message(self.TileClicked(self, col))
