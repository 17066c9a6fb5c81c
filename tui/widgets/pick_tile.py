"""A title to pick on the onboarding grid: a tile with a cursor and a ✓ when picked."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from netflix_sim.engine.types import Tile

from .art import TILE_HEIGHT, TILE_WIDTH, tile_lines
from .ink import ink_for


class PickTile(Widget):
    """One candidate title; the onboarding screen sets ``cursor`` and ``picked``."""

    DEFAULT_CSS = f"""
    PickTile {{
        width: 1fr;
        min-width: {TILE_WIDTH};
        height: {TILE_HEIGHT};
    }}
    """

    @dataclass
    class Clicked(Message):
        """The tile was clicked."""

        pick_tile: PickTile

    cursor: reactive[bool] = reactive(False)
    """Whether the keyboard cursor is on this tile."""
    picked: reactive[bool] = reactive(False)
    """Whether the viewer picked this title."""

    def __init__(self, tile: Tile, index: int) -> None:
        """Offer ``tile``, the ``index``-th on the grid."""
        super().__init__()
        self.tile = tile
        """The title offered."""
        self.index = index
        """Position on the grid."""

    def render(self) -> RenderableType:
        """The tile, as wide as the widget, saying why it is offered rather than % match."""
        width = max(TILE_WIDTH, self.content_size.width)
        tile = self.tile
        ink = ink_for(self.app.current_theme.dark)
        info = Text(f" {tile.reason or tile.year}", Style(color=ink.muted, italic=True))
        lines = tile_lines(
            tile, highlighted=self.cursor, picked=self.picked, info=info, width=width, ink=ink
        )
        return Group(*lines)

    def on_click(self, event: events.Click) -> None:
        """Report the click to the screen."""
        event.stop()
        self.post_message(self.Clicked(self))
