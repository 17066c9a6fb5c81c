"""The researcher panel: the live event stream and the profile's current taste affinities.

Toggled with ctrl+r on any screen of a session. The session calls the panel's listener
from whichever thread records an event; the listener only queues it, and a timer on the
UI thread writes the queue to the log and re-reads the affinities, so each signal can be
seen reshaping the model as it happens.
"""

from __future__ import annotations

import json
from collections import deque
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import RichLog, Static

if TYPE_CHECKING:
    from textual.app import App

    from netflix_sim.engine import Session

REFRESH_S = 0.2
"""How often queued events reach the screen."""
TOP_TASTES = 8
"""Genres and themes listed."""


def event_line(event: dict[str, Any]) -> str:
    """One event as a short log line: seq, type, title, position, value."""
    parts = [f"{event['seq']:>4} {event['type']}"]
    if event.get("title_id") is not None:
        parts.append(f"title {event['title_id']}")
    if event.get("row_pos") is not None:
        parts.append(f"r{event['row_pos']}c{event.get('col_pos')}")
    if event.get("value") is not None:
        parts.append(f"= {event['value']:g}")
    if event["type"] == "scroll" and event.get("payload"):
        payload = event["payload"]
        data = json.loads(payload) if isinstance(payload, str) else payload
        parts.append(str(data.get("direction", "")))
    return " ".join(parts)


def taste_text(tastes: dict[str, list[tuple[str, float]]]) -> Text:
    """The affinities as bars: genres, then row themes."""
    text = Text()
    for title, key in (("Genres", "genres"), ("Row themes", "themes")):
        text.append(f"{title}\n", style="bold")
        items = tastes.get(key, [])[:TOP_TASTES]
        if not items:
            text.append("  (no signal yet)\n", style="dim")
        top = max((abs(v) for _, v in items), default=1.0) or 1.0
        for name, value in items:
            bar = "█" * max(1, round(10 * abs(value) / top))
            style = "green" if value > 0 else "red"
            text.append(f"  {name[:22]:<22} ")
            text.append(f"{bar:<10}", style=style)
            text.append(f" {value:+.2f}\n")
    return text


class ResearcherPanel(Vertical):
    """Live events and taste affinities of one session."""

    DEFAULT_CSS = """
    ResearcherPanel {
        dock: right;
        width: 46;
        height: 1fr;
        background: $panel;
        border-left: tall $primary;
        padding: 0 1;
        layer: overlay;
    }
    ResearcherPanel #researcher-tastes { height: auto; max-height: 50%; }
    ResearcherPanel RichLog { height: 1fr; background: $panel; }
    """

    def __init__(self, session: Session) -> None:
        """A panel following ``session``."""
        super().__init__(id="researcher-panel")
        self.session = session
        """The session whose events are shown."""
        self.queue: deque[dict[str, Any]] = deque(maxlen=2000)
        """Events recorded and not yet shown (filled from any thread)."""
        self.shown = 0
        """Events written to the log so far."""
        self.tastes = Text()
        """The affinities as last drawn."""

    def compose(self) -> ComposeResult:
        """Title, affinities, event log."""
        yield Static(Text("Researcher · live signals", style="bold"), id="researcher-title")
        yield Static(id="researcher-tastes")
        yield RichLog(id="researcher-log", max_lines=500, wrap=False)

    def on_mount(self) -> None:
        """Listen to the session and start the refresh timer."""
        self.session.add_listener(self.queue.append)
        self.refresh_now()
        self.set_interval(REFRESH_S, self.refresh_now)

    def on_unmount(self) -> None:
        """Stop listening."""
        self.session.remove_listener(self.queue.append)

    def refresh_now(self) -> None:
        """Write queued events and redraw the affinities."""
        log = self.query_one(RichLog)
        while self.queue:
            log.write(event_line(self.queue.popleft()))
            self.shown += 1
        self.tastes = taste_text(self.session.taste_affinities())
        self.query_one("#researcher-tastes", Static).update(self.tastes)


def toggle_researcher_panel(app: App[Any], session: Session | None) -> ResearcherPanel | None:
    """Show the panel on the current screen, or remove it; returns the panel shown, if any."""
    found = app.screen.query(ResearcherPanel)
    if found:
        found.remove()
        return None
    if session is None:
        app.notify("No session: pick a profile first", severity="warning")
        return None
    panel = ResearcherPanel(session)
    app.screen.mount(panel)
    return panel


__all__ = ["ResearcherPanel", "event_line", "taste_text", "toggle_researcher_panel"]
