"""``netflix-sim traces replay SESSION_ID``: a recorded session played back in the TUI.

Each recorded home page is drawn with the app's own row widget, the cursor follows the
recorded ``focus`` events, and a status line names each event as it comes, at the
recorded pace times ``--speed`` (long pauses are shortened to 2 s). Keys: space pauses,
→ steps one event, q quits. Nothing is recorded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from netflix_sim.engine.types import Row, Tile
from netflix_sim.tui.widgets.title_row import TitleRow

from . import catalog_meta
from .replay import session_events
from .traces import catalog_engine

MAX_GAP_S = 2.0
"""Longest wait between two events on screen."""


def _rows(event: dict[str, Any], titles: dict[int, Any], art: dict[int, Any]) -> list[Row]:
    rows = []
    for r in (event.get("payload") or {}).get("rows", []):
        tiles = []
        for title_id, artwork_id, propensity, score, match in r["tiles"]:
            t = titles.get(title_id)
            aspect, palette = art.get(artwork_id, ("", "#221f1f,#e50914"))
            bg, accent = ([*palette.split(","), "#e50914"])[:2]
            tiles.append(
                Tile(title_id, t.name if t else str(title_id), t.kind if t else "movie",
                     t.year if t else 0, artwork_id, aspect, (bg, accent), int(match),
                     float(score), float(propensity), "")
            )  # fmt: skip
        rows.append(Row(r["id"], r.get("name", r["id"]), "", "theme", tuple(tiles)))
    return rows


def describe(event: dict[str, Any], titles: dict[int, Any]) -> str:
    """One line naming an event."""
    title = titles.get(event.get("title_id"))
    what = f" {title.name!r}" if title else ""
    where = ""
    if event.get("row_pos") is not None:
        where = f" at row {event['row_pos']}, column {event.get('col_pos')}"
    value = f" ({event['value']:g})" if isinstance(event.get("value"), int | float) else ""
    return f"seq {event['seq']}: {event['type']}{what}{where}{value}"


class ReplayApp(App[None]):
    """Plays a recorded session's events back, page by page."""

    BINDINGS = [  # noqa: RUF012
        Binding("space", "pause", "Pause"),
        Binding("right", "step", "Step"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        events: list[dict[str, Any]],
        titles: dict[int, Any],
        art: dict[int, Any],
        speed: float,
    ) -> None:
        """Replay ``events`` at ``speed``."""
        super().__init__()
        self.events = events
        self.titles = titles
        self.art = art
        self.speed = speed
        self.position = 0
        """Index of the next event."""
        self.paused = False
        self.rows: list[TitleRow] = []

    def compose(self) -> ComposeResult:
        """Status line, rows, footer."""
        yield Static("", id="status")
        yield VerticalScroll(id="rows")
        yield Footer()

    def on_mount(self) -> None:
        """Start the clock."""
        self.schedule_next(0.0)

    def schedule_next(self, delay: float) -> None:
        """Show the next event after ``delay`` seconds."""
        self.set_timer(max(delay, 0.01), self.advance)

    def advance(self) -> None:
        """Show one event and schedule the next at the recorded pace."""
        if self.paused or self.position >= len(self.events):
            return
        self.step()
        if self.position < len(self.events):
            gap = (
                self.events[self.position]["t_ms"] - self.events[self.position - 1]["t_ms"]
            ) / 1000
            self.schedule_next(min(gap / self.speed, MAX_GAP_S))

    def step(self) -> None:
        """Apply the next event to the screen."""
        event = self.events[self.position]
        self.position += 1
        self.query_one("#status", Static).update(
            f"replay of session {event['session_id']} ({self.position}/{len(self.events)}) "
            + describe(event, self.titles)
        )
        if event["type"] == "page_view":
            container = self.query_one("#rows", VerticalScroll)
            container.remove_children()
            self.rows = [
                TitleRow(row, i) for i, row in enumerate(_rows(event, self.titles, self.art))
            ]
            container.mount_all(self.rows)
        elif event["type"] == "focus" and event.get("row_pos") is not None:
            r = event["row_pos"]
            if r < len(self.rows):
                self.rows[r].cursor = event.get("col_pos") or 0
                self.rows[r].scroll_visible()
        if self.position >= len(self.events):
            self.query_one("#status", Static).update(
                f"replay of session {event['session_id']} finished "
                f"({len(self.events)} events); q quits"
            )

    def action_pause(self) -> None:
        """Pause or resume."""
        self.paused = not self.paused
        if not self.paused:
            self.schedule_next(0.0)

    def action_step(self) -> None:
        """Show the next event now (while paused)."""
        if self.position < len(self.events):
            self.step()


def make_replay_app(db: Path, session_id: int, speed: float = 1.0) -> ReplayApp:
    """The replay app for a recorded session (errors if it is missing)."""
    events = session_events(db, session_id)
    with catalog_engine(db) as engine:
        titles = {t.title_id: t for t in catalog_meta.titles(engine)}
        with engine.connect() as conn:
            from sqlalchemy import text

            art = {
                int(i): (a, p)
                for i, a, p in conn.execute(text("SELECT id, aspect, palette FROM artwork"))
            }
    return ReplayApp(events, titles, art, speed)


def run_replay(db: Path, session_id: int, *, speed: float = 1.0) -> None:
    """Run the replay in the terminal."""
    make_replay_app(db, session_id, speed).run()


__all__ = ["ReplayApp", "describe", "make_replay_app", "run_replay"]
