"""One row of the home page, drawn as a single widget.

A page holds up to 40 rows of 40 tiles; one widget per tile would be 1,600 widgets, so a
row renders the window of tiles around its cursor itself, as lines of Rich text.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from netflix_sim.engine.types import Row

from .art import GREEN, MUTED, RED, TILE_HEIGHT, TILE_WIDTH, blank_tile, tile_lines

GAP = 1
"""Cells between two tiles."""
GUTTER = 2
"""Cells at each side of the row for the "more tiles" arrows."""
LEFT_ARROW = "\u2039 "
RIGHT_ARROW = " \u203a"


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

    def render(self) -> RenderableType:
        """The row title line, then the visible tiles side by side."""
        row = self.row
        if row is None:
            return Text("")
        start, count = self.window()
        total = len(row.tiles)
        end = min(total, start + count)
        header = Text()
        if self.active:
            header.append("▍", Style(color=RED, bold=True))
        else:
            header.append(" ")
        header.append(
            f" {row.name}", Style(color="#ffffff" if self.active else "#e5e5e5", bold=True)
        )
        if self.moved is None:
            header.append("  NEW ", Style(color="#ffffff", bgcolor=RED, bold=True))
        elif self.moved > 0:
            header.append(f"  \u25b2{self.moved}", Style(color=GREEN, bold=True))
        elif self.moved < 0:
            header.append(f"  \u25bc{-self.moved}", Style(color="#5a5a5a"))
        if row.reason and row.reason != row.name:
            header.append(f"  {row.reason}", Style(color=MUTED, italic=True))
        width = self.content_size.width or 80
        position = f"{start + 1}-{end} of {total} " if total else "empty "
        if header.cell_len + len(position) + 1 < width:
            header.append(" " * (width - header.cell_len - len(position)))
            header.append(position, Style(color=MUTED))
        else:
            header.truncate(width, overflow="ellipsis")

        each = tile_width(width)
        columns = []
        for i in range(start, start + count):
            if i < end:
                columns.append(
                    tile_lines(
                        row.tiles[i],
                        highlighted=self.active and i == self.cursor,
                        dimmed=not self.active,
                        width=each,
                    )
                )
            else:
                columns.append(blank_tile(each))
        arrow = Style(color="#ffffff", bold=True)
        header.no_wrap = True
        lines = [header]
        middle = TILE_HEIGHT // 2
        for y in range(TILE_HEIGHT):
            line = Text()
            line.append(LEFT_ARROW if y == middle and start > 0 else "  ", arrow)
            for c, column in enumerate(columns):
                if c:
                    line.append(" " * GAP)
                line.append_text(column[y])
            line.append(RIGHT_ARROW if y == middle and end < total else "  ", arrow)
            line.no_wrap = True
            lines.append(line)
        return Group(*lines)

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
