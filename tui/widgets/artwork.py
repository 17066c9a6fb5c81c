"""A big block of artwork with the title lettered across it, sized to the widget."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.strip import Strip
from textual.widget import Widget

from netflix_sim.engine.types import TitleCard

from .art import RED, poster_strips
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
        self._cache: tuple[tuple[int, int], tuple[Strip, ...]] | None = None

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

    def lines(self) -> tuple[Strip, ...]:
        """The poster at the widget's size, the caption over its bottom left (cached)."""
        size = self.content_size
        key = (size.width, size.height)
        if self._cache is None or self._cache[0] != key:
            card = self.card
            strips = list(poster_strips(card.name, card.palette, card.aspect, card.kind, *key))
            if self.caption and key[1] >= 6:
                label = Text.assemble(
                    (" \u25b6 ", Style(color="#ffffff", bgcolor=RED, bold=True)),
                    (f" {self.caption} ", Style(color="#ffffff", bgcolor="#141414", bold=True)),
                )
                width = min(label.cell_len, max(0, key[0] - 2))
                label.truncate(width)
                row = strips[-2]
                caption = Strip(label.render(self.app.console), width)
                strips[-2] = Strip.join([row.crop(0, 1), caption, row.crop(1 + width, key[0])])
            self._cache = (key, tuple(strips))
        return self._cache[1]

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the poster (blank under a pixel poster)."""
        lines = () if self.pixels else self.lines()
        return lines[y] if y < len(lines) else Strip.blank(self.content_size.width)
