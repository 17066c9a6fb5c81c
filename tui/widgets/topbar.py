"""The one-line bar at the top of a session's screens: brand, where we are, who and when."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from netflix_sim.engine.types import Context

from .ink import FollowsTheme, ink_for


def context_label(context: Context) -> str:
    """The viewing context as the top bar shows it: ``tv · 21:00``."""
    return f"{context.device} · {context.hour:02d}:00"


BELL = "\U0001f514"
"""The notifications bell."""


class Bell(Static):
    """The bell with the count of unread notices; a click opens them."""

    class Pressed(Message):
        """The bell was clicked."""

    def show_count(self, unread: int, total: int) -> None:
        """Show ``unread`` in a red dot (just the bell when all were read)."""
        ink = ink_for(self.app.current_theme.dark)
        text = Text(BELL, style=Style(color=ink.strong if total else ink.faint))
        if unread:
            text.append(f" {unread} ", Style(color="#ffffff", bgcolor="#e50914", bold=True))
        self.update(text)

    def on_click(self, event: events.Click) -> None:
        """Open the notices."""
        event.stop()
        self.post_message(self.Pressed())


class TopBar(FollowsTheme, Horizontal):
    """``NETFLIX-SIM   <nav>   ...   <bell>  <profile>  <device · hour>``."""

    DEFAULT_CSS = """
    TopBar {
        height: 1;
        background: $background;
        padding: 0 2;
    }
    TopBar > #brand {
        width: auto;
        color: $netflix-red;
        text-style: bold;
    }
    TopBar > #nav {
        width: 1fr;
        padding: 0 3;
        color: $ink-strong;
        text-style: bold;
    }
    TopBar > #who {
        width: auto;
        color: $ink-body;
    }
    TopBar > Bell {
        width: auto;
        margin-right: 3;
        display: none;
    }
    TopBar.-with-bell > Bell {
        display: block;
    }
    """

    def __init__(self, nav: str = "", *, id: str | None = None) -> None:
        """A bar showing ``nav`` (markup) beside the brand."""
        super().__init__(id=id)
        self._nav = nav
        self._notices: tuple[int, int] | None = None
        self._who: tuple[str, Context | None] | None = None

    def on_mount(self) -> None:
        """Draw the bell and who again, in the new ink, when the theme changes."""
        self.follow_theme(self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        if self._notices is not None:
            self.query_one(Bell).show_count(*self._notices)
        if self._who is not None:
            self._draw_who()

    def compose(self) -> ComposeResult:
        """Brand, nav and who."""
        yield Static("NETFLIX-SIM", id="brand")
        yield Static(self._nav, id="nav")
        yield Bell(id="bell")
        yield Static(id="who")

    def show_notices(self, unread: int, total: int) -> None:
        """Show the bell, with ``unread`` of ``total`` notices."""
        if self._notices == (unread, total):
            return  # the same again (a rebuilt page): no repaint, no layout
        self._notices = (unread, total)
        self.add_class("-with-bell")
        self.query_one(Bell).show_count(unread, total)

    def set_nav(self, nav: str) -> None:
        """Show ``nav`` (markup) beside the brand."""
        if nav != self._nav:  # its width is the bar's rest: no new layout
            self._nav = nav
            self.query_one("#nav", Static).update(nav, layout=False)

    def show_who(self, name: str, context: Context | None) -> None:
        """Show the profile ``name`` and, discreetly, the session's ``context``."""
        if self._who == (name, context):
            return  # the same again (a rebuilt page): no repaint, no layout
        self._who = (name, context)
        self._draw_who()

    def _draw_who(self) -> None:
        assert self._who is not None
        name, context = self._who
        text = Text(name, style=Style(bold=True))
        if context is not None:
            muted = ink_for(self.app.current_theme.dark).muted
            text.append(f"  {context_label(context)}", Style(color=muted))
        self.query_one("#who", Static).update(text)
