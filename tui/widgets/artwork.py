"""A big block of artwork with the title lettered across it, sized to the widget."""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget

from netflix_sim.engine.types import TitleCard

from .art import RED, big_artwork
from .poster import image_widget_class, poster_image


class Artwork(Widget):
    """The artwork variant of a title card chosen for this viewer, as a poster.

    In block characters, or as real pixels where ``textual-image`` is installed and the
    terminal shows images (see :func:`~.poster.probe_pixel_posters`). ``caption`` (the
    preview) is lettered at its bottom left.
    """

    DEFAULT_CSS = """
    Artwork {
        width: 44;
        height: 16;
    }
    """

    def __init__(self, card: TitleCard, *, caption: str = "", id: str | None = None) -> None:
        """Draw the artwork of ``card``, with ``caption`` over it."""
        super().__init__(id=id)
        self.card = card
        """The title drawn."""
        self.caption = caption
        """A line lettered over the bottom left ("PREVIEW  Action Trailer 1:12")."""
        self.pixels = image_widget_class() is not None
        """Whether the poster is shown as real pixels."""
        self._cache: tuple[tuple[int, int], RenderableType] | None = None

    def compose(self) -> ComposeResult:
        """A pixel poster, when the terminal shows images."""
        widget = image_widget_class()
        if widget is not None:
            card = self.card
            image = poster_image(card.name, card.aspect, card.palette, 64, 32)
            pixels = widget(image)
            pixels.styles.width = "100%"
            pixels.styles.height = "100%"
            yield pixels

    def render(self) -> RenderableType:
        """The block, filling the widget (empty under a pixel poster)."""
        if self.pixels:
            return ""
        size = self.content_size
        key = (size.width, size.height)
        if self._cache is None or self._cache[0] != key:
            card = self.card
            art = big_artwork(card.name, card.palette, card.aspect, card.kind, *key)
            if self.caption and key[1] >= 6:
                lines = art.split("\n")
                label = Text.assemble(
                    (" \u25b6 ", Style(color="#ffffff", bgcolor=RED, bold=True)),
                    (f" {self.caption} ", Style(color="#ffffff", bgcolor="#141414", bold=True)),
                )
                row = lines[-2]
                width = min(label.cell_len, max(0, key[0] - 2))
                label.truncate(width)
                lines[-2] = Text.assemble(row[:1], label, row[1 + width :])
                art = Text("\n").join(lines)
            self._cache = (key, art)
        return self._cache[1]
