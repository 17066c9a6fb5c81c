"""Details of one title: artwork, preview, facts, badges, synopsis, thumbs, Play, and
More Like This."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from netflix_sim.engine import Session
from netflix_sim.engine.types import Tile, TitleCard

from ..widgets.art import RED
from ..widgets.artwork import Artwork
from ..widgets.billboard import badge_text, duration_label, rating_label
from ..widgets.ink import Ink, ink_of
from ..widgets.key_footer import KeyFooter
from ..widgets.tile_strip import TileStrip
from .base import SessionScreen
from .player import PlayerScreen, clock_label

_THUMBS = Binding.Group("Rate", compact=True)
_SCROLL = Binding.Group("Scroll", compact=True)
_SIMILAR = Binding.Group("More Like This", compact=True)
SIMILAR_ROW_ID = "similar"
"""Row id recorded when a title is opened from More Like This."""


def preview_label(card: TitleCard) -> str:
    """ "Action Trailer 1:12": the preview chosen for this viewer ("" without one)."""
    preview = card.preview
    return f"{preview.label} {clock_label(preview.duration_s)}" if preview else ""


class DetailsScreen(SessionScreen):
    """A title card; thumbs are recorded at once and shown at once.

    Below the facts, More Like This: ← → move along it, o (or a second click) opens one.
    """

    @dataclass
    class SimilarReady(Message):
        """More Like This arrived from the engine (posted by a thread worker)."""

        tiles: tuple[Tile, ...]

    CSS_PATH = "details.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("p,enter", "play", "Play"),
        Binding("u", "thumbs(1)", "Like", group=_THUMBS),
        Binding("d", "thumbs(-1)", "Dislike", group=_THUMBS),
        Binding("l", "thumbs(2)", "Love", group=_THUMBS),
        Binding("m", "my_list", "My List"),
        Binding("up", "scroll(-1)", "Up", group=_SCROLL),
        Binding("down", "scroll(1)", "Down", group=_SCROLL),
        Binding("left", "similar(-1)", "Left", group=_SIMILAR),
        Binding("right", "similar(1)", "Right", group=_SIMILAR),
        Binding("o", "open_similar", "Open similar"),
        Binding("escape", "back", "Back"),
    ]

    rating: reactive[int | None] = reactive(None)
    """This profile's thumbs on the title."""
    in_my_list: reactive[bool] = reactive(False)
    """Whether the title is on this profile's My List."""

    def __init__(
        self, card: TitleCard, *, origin: dict[str, Any] | None = None, reason: str = ""
    ) -> None:
        """Show ``card``, opened from ``origin`` (row_id, row_pos, col_pos) on the page,
        where it was shown for ``reason``."""
        super().__init__()
        self.card = card
        """The title shown."""
        self.reason = reason
        """Why the page showed the title ("Because you watched X"); empty if unknown."""
        self.origin = dict(origin or {})
        """Where on the page the title was opened from, passed on to ``play``."""
        self.set_reactive(DetailsScreen.rating, card.rating)
        self.set_reactive(DetailsScreen.in_my_list, card.in_my_list)
        self.similar: tuple[Tile, ...] = ()
        """More Like This, once loaded."""
        self.resume_s: float | None = None
        """Where Play resumes (content seconds), if the title was left mid-way."""

    def compose(self) -> ComposeResult:
        """Artwork on the left, the facts on the right."""
        card = self.card
        yield Static(id="brand")
        caption = f"PREVIEW  {preview_label(card)}" if card.preview else ""
        yield Artwork(card, caption=caption, id="artwork")
        with VerticalScroll(id="body", can_focus=False):
            with Horizontal(id="columns"):
                with Vertical(id="info"):
                    yield Static(card.name, id="name")
                    yield Static(id="facts", classes="-with-why" if self.reason else "")
                    if self.reason:
                        yield Static(id="why")
                    if card.badges:
                        yield Static(id="badges")
                    with Horizontal(id="actions"):
                        yield Static(id="play")
                        yield Static(id="my-list")
                        yield Static(id="rating")
                    if card.preview is not None:
                        yield Static(id="preview")
                    yield Static(card.synopsis, id="synopsis")
                with Vertical(id="side"):
                    yield Static(id="credits")
            yield TileStrip(SIMILAR_ROW_ID, id="similar")
        yield KeyFooter()

    def _paint(self, ink: Ink) -> None:
        """Draw the brand, facts, why, badges, preview, credits and buttons in ``ink``."""
        card = self.card
        self.query_one("#brand", Static).update(
            Text.assemble(
                ("NETFLIX-SIM", Style(color=RED, bold=True)),
                ("   \u2039 Esc back to Home", Style(color=ink.muted)),
            )
        )
        self.query_one("#facts", Static).update(self._facts(ink))
        if self.reason:
            self.query_one("#why", Static).update(
                Text(f"Why: {self.reason}", style=Style(color=ink.muted, italic=True))
            )
        if card.badges:
            self.query_one("#badges", Static).update(badge_text(card.badges, ink))
        if card.preview is not None:
            self.query_one("#preview", Static).update(self._preview(ink))
        self.query_one("#credits", Static).update(self._credits(ink))
        label = " \u25b6  Play "
        if self.resume_s is not None:
            label = f" \u25b6  Resume {clock_label(self.resume_s)} "
        self.query_one("#play", Static).update(
            Text(label, style=Style(color=ink.button_text, bgcolor=ink.button, bold=True))
        )
        self.watch_rating(self.rating)
        self.watch_in_my_list(self.in_my_list)

    def _theme_changed(self, _theme: object) -> None:
        self._paint(ink_of(self))

    def _preview(self, ink: Ink) -> Text:
        preview = self.card.preview
        text = Text()
        if preview is None:
            return text
        text.append("\u25b6 Preview  ", Style(color=RED, bold=True))
        text.append(preview_label(self.card), Style(color=ink.strong, bold=True))
        text.append(f"   {preview.aspect}, picked for you", Style(color=ink.muted, italic=True))
        return text

    def _facts(self, ink: Ink) -> Text:
        card = self.card
        text = Text.assemble(
            (f"{card.match}% match", Style(color=ink.match, bold=True)),
            (f"   {card.year}   ", Style(color=ink.body)),
            (f" {card.maturity} ", Style(color=ink.chip_text, bgcolor=ink.chip)),
            (f"   {duration_label(card)}", Style(color=ink.body)),
        )
        if card.kind == "series" and card.episodes:
            text.append(f" · {card.episodes} Episodes", Style(color=ink.body))
        text.append("   HD", Style(color=ink.muted))
        return text

    def _credits(self, ink: Ink) -> Text:
        card = self.card
        text = Text()
        for label, values in (
            ("Cast", card.cast),
            ("Genres", card.genres),
            ("This title is", card.tags),
        ):
            if values:
                text.append(f"{label}: ", Style(color=ink.muted))
                text.append(", ".join(values) + "\n\n", Style(color=ink.body))
        if card.aspect:
            text.append("Artwork: ", Style(color=ink.muted))
            text.append(card.aspect, Style(color=ink.body, italic=True))
        return text

    def on_mount(self) -> None:
        """Show the current thumbs, My List and resume state; load More Like This."""
        self.resume_s = self.session.resume_point(self.card.title_id)
        self._paint(ink_of(self))
        self.follow_theme(self._theme_changed)
        self._load_similar(self.session, self.card.title_id)

    @work(thread=True, exclusive=True, group="similar")
    def _load_similar(self, session: Session, title_id: int) -> None:
        tiles = tuple(session.more_like_this(title_id))
        if not get_current_worker().is_cancelled:
            self.post_message(self.SimilarReady(tiles))

    @on(SimilarReady)
    def _similar_ready(self, message: SimilarReady) -> None:
        message.stop()
        self.similar = message.tiles
        strip = self.query_one(TileStrip)  # blank in its place until now: no new layout
        strip.show_tiles("More Like This", message.tiles)
        if not message.tiles:
            strip.display = False

    def action_similar(self, delta: int) -> None:
        """Move along More Like This."""
        strip = self.query_one(TileStrip)
        if self.similar:
            strip.cursor = max(0, min(len(self.similar) - 1, strip.cursor + delta))

    @on(TileStrip.TileClicked)
    def _similar_clicked(self, message: TileStrip.TileClicked) -> None:
        message.stop()
        strip = self.query_one(TileStrip)
        if message.col == strip.cursor:
            self.action_open_similar()
        else:
            strip.cursor = message.col

    def action_open_similar(self) -> None:
        """Open the More Like This title under its cursor (a details of its own; Esc back)."""
        if not self.similar:
            return
        col = self.query_one(TileStrip).cursor
        tile = self.similar[col]
        card = self.session.open_details(
            tile.title_id,
            row_id=SIMILAR_ROW_ID,
            col_pos=col,
            source="more_like_this",
            extra={"from_title_id": self.card.title_id},
        )
        self.app.push_screen(DetailsScreen(card, reason=tile.reason))

    def watch_in_my_list(self, listed: bool) -> None:
        """Show whether the title is on My List."""
        ink = ink_of(self)
        label = " \u2713 My List " if listed else " + My List "
        style = Style(color=ink.strong, bgcolor=ink.toggle, bold=listed)
        self.query_one("#my-list", Static).update(
            Text.assemble((label, style), (" m", Style(color=ink.muted)))
        )

    def action_my_list(self) -> None:
        """Add the title to My List, or take it off."""
        self.session.set_my_list(self.card.title_id, add=not self.in_my_list)
        self.in_my_list = not self.in_my_list

    def watch_rating(self, rating: int | None) -> None:
        """Show the thumbs state, with the keys to change it."""
        ink = ink_of(self)
        text = Text()
        for value, key, label in ((1, "u", "Like"), (2, "l", "Love"), (-1, "d", "Not for me")):
            chosen = value == rating
            mark = rating_label(value).split(" ")[0]
            style = (
                Style(color=ink.button_text, bgcolor=ink.button, bold=True)
                if chosen
                else Style(color=ink.body, bgcolor=ink.toggle)
            )
            text.append(f" {mark} {label} ", style)
            text.append(f" {key}  ", Style(color=ink.muted))
        self.query_one("#rating", Static).update(text)
        self.set_class(rating is not None, "-rated")

    def action_thumbs(self, value: int) -> None:
        """Rate the title: 1 up, 2 love, -1 down."""
        self.session.thumbs(self.card.title_id, value)
        self.rating = value

    def action_scroll(self, lines: int) -> None:
        """Scroll the text below the artwork."""
        self.query_one("#body", VerticalScroll).scroll_relative(y=lines * 2, animate=False)

    def action_play(self) -> None:
        """Play the title."""
        self.app.push_screen(PlayerScreen(self.card, origin=self.origin))

    def action_back(self) -> None:
        """Close the details and go back home."""
        self.session.close_details(self.card.title_id)
        self.app.pop_screen()
