"""A big block of artwork with the title lettered across it, sized to the widget."""

from __future__ import annotations

from rich.console import RenderableType
from textual.widget import Widget

from netflix_sim.engine.types import TitleCard

from .art import big_artwork


class Artwork(Widget):
    """The artwork of a title card."""

    DEFAULT_CSS = """
    Artwork {
        width: 44;
        height: 16;
    }
    """

    def __init__(self, card: TitleCard, *, id: str | None = None) -> None:
        """Draw the artwork of ``card``."""
        super().__init__(id=id)
        self.card = card
        """The title drawn."""
        self._cache: tuple[tuple[int, int], RenderableType] | None = None

    def render(self) -> RenderableType:
        """The block, filling the widget."""
        size = self.content_size
        key = (size.width, size.height)
        if self._cache is None or self._cache[0] != key:
            card = self.card
            art = big_artwork(card.name, card.palette, card.aspect, card.kind, *key)
            self._cache = (key, art)
        return self._cache[1]
