"""Details of one title: artwork, facts, synopsis, thumbs, and Play."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Footer, Static

from netflix_sim.engine.types import TitleCard

from ..widgets.art import GREEN, MUTED, RED
from ..widgets.artwork import Artwork
from ..widgets.billboard import duration_label, rating_label
from .base import SessionScreen
from .player import PlayerScreen

_THUMBS = Binding.Group("Rate", compact=True)
_SCROLL = Binding.Group("Scroll", compact=True)


class DetailsScreen(SessionScreen):
    """A title card; thumbs are recorded at once and shown at once."""

    CSS_PATH = "details.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("p,enter", "play", "Play"),
        Binding("u", "thumbs(1)", "Like", group=_THUMBS),
        Binding("d", "thumbs(-1)", "Dislike", group=_THUMBS),
        Binding("l", "thumbs(2)", "Love", group=_THUMBS),
        Binding("m", "my_list", "My List"),
        Binding("up", "scroll(-1)", "Up", group=_SCROLL),
        Binding("down", "scroll(1)", "Down", group=_SCROLL),
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

    def compose(self) -> ComposeResult:
        """Artwork on the left, the facts on the right."""
        card = self.card
        yield Static(
            Text.assemble(
                ("NETFLIX-SIM", Style(color=RED, bold=True)),
                ("   \u2039 Esc back to Home", Style(color=MUTED)),
            ),
            id="brand",
        )
        yield Artwork(card, id="artwork")
        with VerticalScroll(id="body", can_focus=False), Horizontal(id="columns"):
            with Vertical(id="info"):
                yield Static(card.name, id="name")
                yield Static(self._facts(), id="facts", classes="-with-why" if self.reason else "")
                if self.reason:
                    yield Static(
                        Text(f"Why: {self.reason}", style=Style(color=MUTED, italic=True)), id="why"
                    )
                with Horizontal(id="actions"):
                    yield Static(
                        Text(
                            " \u25b6  Play ",
                            style=Style(color="#000000", bgcolor="#ffffff", bold=True),
                        ),
                        id="play",
                    )
                    yield Static(id="my-list")
                    yield Static(id="rating")
                yield Static(card.synopsis, id="synopsis")
            with Vertical(id="side"):
                yield Static(self._credits(), id="credits")
        yield Footer()

    def _facts(self) -> Text:
        card = self.card
        text = Text.assemble(
            (f"{card.match}% match", Style(color=GREEN, bold=True)),
            (f"   {card.year}   ", Style(color="#e5e5e5")),
            (f" {card.maturity} ", Style(color="#e5e5e5", bgcolor="#333333")),
            (f"   {duration_label(card)}", Style(color="#e5e5e5")),
        )
        if card.kind == "series" and card.episodes:
            text.append(f" · {card.episodes} Episodes", Style(color="#e5e5e5"))
        text.append("   HD", Style(color=MUTED))
        return text

    def _credits(self) -> Text:
        card = self.card
        text = Text()
        for label, values in (
            ("Cast", card.cast),
            ("Genres", card.genres),
            ("This title is", card.tags),
        ):
            if values:
                text.append(f"{label}: ", Style(color=MUTED))
                text.append(", ".join(values) + "\n\n", Style(color="#e5e5e5"))
        if card.aspect:
            text.append("Artwork: ", Style(color=MUTED))
            text.append(card.aspect, Style(color="#e5e5e5", italic=True))
        return text

    def on_mount(self) -> None:
        """Show the current thumbs and My List state."""
        self.watch_rating(self.rating)
        self.watch_in_my_list(self.in_my_list)

    def watch_in_my_list(self, listed: bool) -> None:
        """Show whether the title is on My List."""
        label = " \u2713 My List " if listed else " + My List "
        style = Style(color="#ffffff", bgcolor="#2a2a2a", bold=listed)
        self.query_one("#my-list", Static).update(
            Text.assemble((label, style), (" m", Style(color=MUTED)))
        )

    def action_my_list(self) -> None:
        """Add the title to My List, or take it off."""
        self.session.set_my_list(self.card.title_id, add=not self.in_my_list)
        self.in_my_list = not self.in_my_list

    def watch_rating(self, rating: int | None) -> None:
        """Show the thumbs state, with the keys to change it."""
        text = Text()
        for value, key, label in ((1, "u", "Like"), (2, "l", "Love"), (-1, "d", "Not for me")):
            chosen = value == rating
            mark = rating_label(value).split(" ")[0]
            style = (
                Style(color="#000000", bgcolor="#ffffff", bold=True)
                if chosen
                else Style(color="#e5e5e5", bgcolor="#2a2a2a")
            )
            text.append(f" {mark} {label} ", style)
            text.append(f" {key}  ", Style(color=MUTED))
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
