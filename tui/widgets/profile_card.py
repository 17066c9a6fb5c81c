"""A profile on the "Who's watching?" screen: a coloured square with an initial, and a name."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from netflix_sim.engine.types import ProfileInfo

from .art import readable_on

AVATAR_COLOURS = ("#2f80ed", "#e5b910", "#e50914", "#27ae60", "#8e44ad", "#e67e22", "#16a085")
"""Avatar colours, given to profiles in turn."""

SQUARE_HEIGHT = 7
"""Lines of the avatar square, frame included."""


class ProfileCard(Widget):
    """One selectable profile."""

    DEFAULT_CSS = """
    ProfileCard {
        width: 20;
        height: 11;
        padding: 0 2;
        margin: 0 1;
    }
    """

    @dataclass
    class Clicked(Message):
        """The card was clicked."""

        card: ProfileCard

    selected: reactive[bool] = reactive(False)
    """Whether the keyboard cursor is on this card."""

    def __init__(self, profile: ProfileInfo, index: int) -> None:
        """Show ``profile``, the ``index``-th on the picker."""
        super().__init__(id=f"profile-{profile.id}")
        self.profile = profile
        """The profile shown."""
        self.index = index
        """Position on the picker."""
        self.colour = AVATAR_COLOURS[index % len(AVATAR_COLOURS)]
        """Avatar colour."""

    def render(self) -> RenderableType:
        """The avatar square, a frame when selected, and the name."""
        width = max(6, self.content_size.width)
        fg = readable_on(self.colour)
        square = Style(bgcolor=self.colour, color=fg, bold=True)
        theme = self.app.current_theme  # the frame and names follow the dark/light theme
        frame = Style(color=theme.foreground if self.selected else theme.background)
        lines = [Text("▄" * width, style=frame)]
        initial = (self.profile.name[:1] or "?").upper()
        for y in range(SQUARE_HEIGHT - 2):
            body = initial.center(width - 2) if y == (SQUARE_HEIGHT - 2) // 2 else ""
            lines.append(Text.assemble(("█", frame), (body.ljust(width - 2), square), ("█", frame)))
        lines.append(Text("▀" * width, style=frame))
        name = Style(color=theme.foreground if self.selected else "#8c8c8c", bold=self.selected)
        lines.append(Text(""))
        label = self.profile.name
        if len(label) > width:
            label = label[: width - 1] + "…"
        lines.append(Text(label.center(width), style=name))
        kids = "kids" if self.profile.maturity_level == 0 else ""
        lines.append(Text(kids.center(width), style=Style(color="#5a5a5a")))
        return Group(*lines)

    def on_click(self, event: events.Click) -> None:
        """Report the click to the picker."""
        event.stop()
        self.post_message(self.Clicked(self))
