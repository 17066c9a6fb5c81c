"""The hero billboard at the top of home: the title under the cursor, big.

On arrival the cursor sits on the page's top pick, the featured title. The billboard shows
its artwork variant (the one chosen for this viewer) as a poster, its name, % match, facts,
badges, why it is shown, the synopsis, and Play and More Info buttons (keys on the home
screen, or a click on the buttons).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from netflix_sim.engine.types import Row, Tile, TitleCard

from .art import RED, kind_label, poster_strips
from .ink import DARK_INK, Ink, ink_for

PLAY_LABEL = " \u25b6  Play "
INFO_LABEL = " \u2295 More Info "
BUTTON_GAP = 2


def duration_label(card: TitleCard) -> str:
    """``1h 52m`` for a movie, ``3 Seasons`` for a series."""
    if card.kind == "series" and card.seasons:
        return f"{card.seasons} Season{'s' if card.seasons != 1 else ''}"
    hours, minutes = divmod(card.runtime_min, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


def rating_label(rating: int | None) -> str:
    """How a thumbs rating reads: "Love this!", "I like this", "Not for me", or ""."""
    return {2: "\u2665 Love this!", 1: "\u25b2 I like this", -1: "\u25bc Not for me"}.get(
        rating or 0, ""
    )


def badge_text(badges: tuple[str, ...], ink: Ink = DARK_INK) -> Text:
    """Badges as little coloured pills: Top 10 red, New Episodes bright (white on black,
    black on white), others grey."""
    text = Text()
    for badge in badges:
        if badge.startswith("Top 10"):
            style = Style(color="#ffffff", bgcolor=RED, bold=True)
        elif badge in ("New Episodes", "Recently Added"):
            style = Style(color=ink.pill_text, bgcolor=ink.pill, bold=True)
        else:
            style = Style(color=ink.chip_text, bgcolor=ink.chip)
        if text:
            text.append(" ")
        text.append(f" {badge} ", style)
    return text


class Billboard(Widget):
    """Poster, name, match, facts, badges, why, synopsis, and Play / More Info."""

    DEFAULT_CSS = """
    Billboard {
        height: 14;
        padding: 0 2;
        background: $background;
    }
    """

    @dataclass
    class PlayPressed(Message):
        """The Play button was clicked."""

        title_id: int

    @dataclass
    class InfoPressed(Message):
        """The More Info button (or the poster) was clicked."""

        title_id: int

    def __init__(self, *, actions: bool = True, id: str | None = None) -> None:
        """An empty billboard; ``actions``: with the Play and More Info buttons."""
        super().__init__(id=id)
        self.actions = actions
        """Whether the Play and More Info buttons show."""
        self._tile: Tile | None = None
        self._card: TitleCard | None = None
        self._row: Row | None = None
        self.featured = False
        """Whether the title shown is the page's featured title (its top pick)."""
        self._buttons: dict[str, tuple[int, int, int]] = {}
        """Button name -> (line, first cell, last cell + 1) in the content, for clicks."""
        self._art_left = 0
        self._lines_key: tuple[object, ...] | None = None
        self._lines: list[Strip] = []

    @property
    def tile(self) -> Tile | None:
        """The title shown."""
        return self._tile

    def show(
        self, tile: Tile | None, card: TitleCard | None, row: Row | None, *, featured: bool = False
    ) -> None:
        """Show ``tile`` (with its ``card``) from ``row``; ``featured``: the page's top pick."""
        self._tile, self._card, self._row = tile, card, row
        self.featured = featured
        self.refresh()

    def reason(self) -> str:
        """Why the focused title is shown: the tile's own reason, else its row's."""
        if self._tile is not None and self._tile.reason:
            return self._tile.reason
        return self._row.reason if self._row is not None else ""

    def art_width(self, width: int, height: int) -> int:
        """Cells the poster takes at the right (0 when the billboard is too narrow)."""
        if width < 56 or height < 4:
            return 0
        return max(20, min(int(width * 0.4), height * 4))

    def lines(self) -> list[Strip]:
        """The billboard as drawn: the text column at the left, the poster at the right.

        Drawn again only when what it shows or its size changes; the poster of each
        artwork variant is drawn once per size and reused.
        """
        tile = self._tile
        width = max(20, self.content_size.width)
        height = max(3, self.content_size.height or 5)
        theme = self.app.theme
        row = self._row  # its name and reason: comparing rows would compare every tile
        row_shown = (row.name, row.reason) if row is not None else None
        key = (tile, self._card, row_shown, self.featured, width, height, theme)
        if key == self._lines_key:
            return self._lines
        self._buttons = {}
        self._art_left = 0
        if tile is None:
            self._lines_key, self._lines = key, []
            return self._lines
        console = self.app.console
        art_w = self.art_width(width, height)
        left_w = width - art_w - (3 if art_w else 0)
        text_lines = self._text_lines(tile, left_w, height, ink_for(self.app.current_theme.dark))
        while len(text_lines) < height:
            text_lines.append(Text(""))
        strips = []
        for line in text_lines[:height]:
            line.no_wrap = True
            line.truncate(left_w, overflow="ellipsis", pad=True)
            strips.append(Strip(line.render(console), left_w).extend_cell_length(left_w))
        if art_w:
            palette = self._card.palette if self._card else tile.palette
            art = poster_strips(tile.name, palette, tile.aspect, tile.kind, art_w, height)
            gap = Strip.blank(3)
            pairs = zip(strips, art, strict=True)
            strips = [Strip.join([text, gap, poster]) for text, poster in pairs]
            self._art_left = left_w + 3
        base = self.rich_style  # the page's background under uncoloured cells
        strips = [strip.apply_style(base) for strip in strips]
        self._lines_key, self._lines = key, strips
        return strips

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of :meth:`lines` (blank below them)."""
        lines = self.lines()
        return lines[y] if y < len(lines) else Strip.blank(self.content_size.width, self.rich_style)

    def notify_style_update(self) -> None:
        """The theme or the CSS changed: draw the billboard again."""
        super().notify_style_update()
        self._lines_key = None

    def plain(self) -> str:
        """The billboard's text as drawn, one line per line (for tests and tools)."""
        return "\n".join(strip.text for strip in self.lines())

    def _text_lines(self, tile: Tile, width: int, height: int, ink: Ink) -> list[Text]:
        card = self._card
        tag = Text()
        tag.append(" N ", Style(color="#ffffff", bgcolor=RED, bold=True))
        tag.append(f" {kind_label(tile.kind)}", Style(color=ink.body, bold=True))
        if self.featured:
            tag.append("   \u25c6 FEATURED FOR YOU", Style(color=RED, bold=True))
        elif self._row is not None:
            tag.append(f"   {self._row.name.upper()}", Style(color=ink.muted, bold=True))
        name = Text(tile.name.upper(), style=Style(color=ink.strong, bold=True))
        facts = Text.assemble(
            (f"{tile.match}% match", Style(color=ink.match, bold=True)),
            (f"   {tile.year}", Style(color=ink.body)),
        )
        if card is not None:
            facts.append("   ")
            facts.append(f" {card.maturity} ", Style(color=ink.chip_text, bgcolor=ink.chip))
            facts.append(f"   {duration_label(card)}", Style(color=ink.body))
            if card.genres:
                facts.append("   " + " \u00b7 ".join(card.genres[:3]), Style(color=ink.muted))
            if card.rating is not None:
                facts.append("   " + rating_label(card.rating), Style(color=RED, bold=True))
            if card.in_my_list:
                facts.append("   \u2713 My List", Style(color=ink.strong, bold=True))
        badges = badge_text(card.badges, ink) if card is not None and card.badges else None
        reason = self.reason()
        why = Text(f"Why: {reason}", style=Style(color=ink.muted, italic=True)) if reason else None
        buttons = Text.assemble(
            (PLAY_LABEL, Style(color=ink.button_text, bgcolor=ink.button, bold=True)),
            (" " * BUTTON_GAP, ""),
            (INFO_LABEL, Style(color=ink.button2_text, bgcolor=ink.button2, bold=True)),
            ("   p \u00b7 i \u00b7 m My List", Style(color=ink.muted)),
        )
        # what always shows, then what fills the rest, by priority
        head = [name, facts]
        optional = [x for x in (why, badges) if x is not None]
        room = height - len(head) - (1 if self.actions else 0)  # the buttons line
        if room >= 1 + len(optional) + 2:
            head.insert(0, tag)
            room -= 1
        extras = optional[: max(0, room)]
        room -= len(extras)
        if why is not None and why not in extras:  # short: the reason goes beside the name
            name.append("   ")
            name.append_text(why)
        synopsis: list[Text] = []
        if room > 0 and card is not None:
            if self.actions and room >= 3:
                room -= 1  # a blank line above the buttons
                spacer = True
            else:
                spacer = False
            wrapped = textwrap.wrap(card.synopsis, width) or [""]
            if len(wrapped) > room:
                rest = textwrap.shorten(" ".join(wrapped[room - 1 :]), width, placeholder="…")
                wrapped = [*wrapped[: room - 1], rest]
            synopsis = [Text(line, style=Style(color=ink.soft)) for line in wrapped]
            if spacer:
                synopsis.append(Text(""))
        lines = [*head, *extras, *synopsis]
        if not self.actions:
            return lines[:height]
        lines = lines[: height - 1]
        button_line = len(lines)
        lines.append(buttons)
        play_end = len(PLAY_LABEL)
        info_start = play_end + BUTTON_GAP
        self._buttons = {
            "play": (button_line, 0, play_end),
            "info": (button_line, info_start, info_start + len(INFO_LABEL)),
        }
        return lines

    def button_at(self, x: int, y: int) -> str | None:
        """The button ("play", "info") at content cell (``x``, ``y``); the poster is "info"."""
        for name, (line, start, end) in self._buttons.items():
            if y == line and start <= x < end:
                return name
        if self._art_left and x >= self._art_left:
            return "info"
        return None

    def on_click(self, event: events.Click) -> None:
        """Play or More Info, when a button (or the poster) is clicked."""
        offset = event.get_content_offset(self)
        if offset is None or self._tile is None:
            return
        button = self.button_at(offset.x, offset.y)
        if button == "play":
            event.stop()
            self.post_message(self.PlayPressed(self._tile.title_id))
        elif button == "info":
            event.stop()
            self.post_message(self.InfoPressed(self._tile.title_id))
