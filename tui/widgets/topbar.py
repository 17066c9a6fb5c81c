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

from .art import MUTED


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
        text = Text(BELL, style=Style(color="#ffffff" if total else "#5a5a5a"))
        if unread:
            text.append(f" {unread} ", Style(color="#ffffff", bgcolor="#e50914", bold=True))
        self.update(text)

    def on_click(self, event: events.Click) -> None:
        """Open the notices."""
        event.stop()
        self.post_message(self.Pressed())


class TopBar(Horizontal):
    """``NETFLIX-SIM   <nav>   ...   <bell>  <profile>  <device · hour>``."""

    DEFAULT_CSS = """
    TopBar {
        height: 1;
        background: #000000;
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
        color: #ffffff;
        text-style: bold;
    }
    TopBar > #who {
        width: auto;
        color: #e5e5e5;
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

    def compose(self) -> ComposeResult:
        """Brand, nav and who."""
        yield Static("NETFLIX-SIM", id="brand")
        yield Static(self._nav, id="nav")
        yield Bell(id="bell")
        yield Static(id="who")

    def show_notices(self, unread: int, total: int) -> None:
        """Show the bell, with ``unread`` of ``total`` notices."""
        self.add_class("-with-bell")
        self.query_one(Bell).show_count(unread, total)

    def set_nav(self, nav: str) -> None:
        """Show ``nav`` (markup) beside the brand."""
        self._nav = nav
        self.query_one("#nav", Static).update(nav)

    def show_who(self, name: str, context: Context | None) -> None:
        """Show the profile ``name`` and, discreetly, the session's ``context``."""
        text = Text(name, style=Style(bold=True))
        if context is not None:
            text.append(f"  {context_label(context)}", Style(color=MUTED))
        self.query_one("#who", Static).update(text)
