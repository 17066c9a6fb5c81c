"""A simulated player: the position follows the session clock times the speed."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static

from netflix_sim.engine.types import PlaybackState, TitleCard

from ..widgets.art import RED
from ..widgets.artwork import Artwork
from ..widgets.ink import ink_of
from ..widgets.key_footer import KeyFooter
from .base import SessionScreen

SPEEDS = (1.0, 10.0, 60.0, 600.0)
"""Speeds a viewer can pick with ``<`` and ``>`` (content seconds per clock second)."""
DEFAULT_SPEED = 60.0
"""One real second plays one minute of content."""
TICK_S = 0.25
"""How often the screen asks the engine where playback stands."""

_SEEK = Binding.Group("Seek", compact=True)
_SPEED = Binding.Group("Speed", compact=True)


def clock_label(seconds: float) -> str:
    """``h:mm:ss`` (or ``m:ss`` under an hour)."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class PlayerScreen(SessionScreen):
    """Plays a title; stops (recording play_stop) on ``s``/Escape or at the end."""

    CSS_PATH = "player.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("space", "toggle", "Pause/Play"),
        Binding("left", "seek(-10)", "-10s", group=_SEEK),
        Binding("right", "seek(10)", "+10s", group=_SEEK),
        Binding("less_than_sign", "speed(-1)", "Slower", key_display="<", group=_SPEED),
        Binding("greater_than_sign", "speed(1)", "Faster", key_display=">", group=_SPEED),
        Binding("e", "end", "Jump to end"),
        Binding("s,escape", "stop", "Stop"),
    ]

    state: reactive[PlaybackState | None] = reactive(None, always_update=True)
    """Latest playback state from the engine."""

    def __init__(
        self, card: TitleCard, *, origin: dict[str, Any] | None = None, speed: float = DEFAULT_SPEED
    ) -> None:
        """Play ``card`` at ``speed``, opened from ``origin`` on the page."""
        super().__init__()
        self.card = card
        """The title playing."""
        self.origin = dict(origin or {})
        """Where on the page the title was opened from."""
        self.speed = speed
        """Speed to start at."""
        self.stopped: PlaybackState | None = None
        """The final state once stopped."""

    def compose(self) -> ComposeResult:
        """Title, progress, times, state and footer."""
        yield Artwork(self.card, id="screen")
        with Vertical(id="controls"):
            with Horizontal(id="heading"):
                yield Static(id="now")
                yield Static(id="status")
            yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="progress")
            yield Static(id="times")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start playing and poll the engine."""
        self.state = self.session.play(self.card.title_id, speed=self.speed, **self.origin)
        if self.state.position_s > 0:
            self.notify(f"Resuming at {clock_label(self.state.position_s)}", timeout=3)
        self.set_interval(TICK_S, self.tick)
        self.follow_theme(lambda _theme: self.watch_state(self.state))

    def tick(self) -> None:
        """Refresh from the engine; stop and leave at the end."""
        if self.stopped is not None:
            return
        state = self.session.playback()
        if state is None:
            return
        self.state = state
        if state.finished:
            self.action_stop()

    def watch_state(self, state: PlaybackState | None) -> None:
        """Show where playback stands."""
        if state is None:
            return
        ink = ink_of(self)
        bar = self.query_one(ProgressBar)
        bar.update(total=max(state.duration_s, 1.0), progress=state.position_s)
        remaining = max(0.0, state.duration_s - state.position_s)
        self.query_one("#times", Static).update(
            Text.assemble(
                (clock_label(state.position_s), Style(color=ink.strong, bold=True)),
                (f" / {clock_label(state.duration_s)}", Style(color=ink.muted)),
                (f"   -{clock_label(remaining)} left", Style(color=ink.muted)),
                (f"   watched {clock_label(state.watched_s)}", Style(color=ink.muted)),
            )
        )
        if state.finished:
            label, style = "■ Finished", Style(color=ink.match, bold=True)
        elif state.playing:
            label, style = "▶ Playing", Style(color=ink.match, bold=True)
        else:
            label, style = "❚❚ Paused", Style(color=ink.warn, bold=True)
        self.query_one("#status", Static).update(
            Text.assemble(
                (label, style),
                ("   speed ", Style(color=ink.muted)),
                (f"{state.speed:g}x", Style(color=ink.strong, bold=True)),
            )
        )
        self.query_one("#now", Static).update(
            Text.assemble(
                ("NOW PLAYING  ", Style(color=RED, bold=True)),
                (self.card.name, Style(color=ink.strong, bold=True)),
            )
        )

    def action_toggle(self) -> None:
        """Pause or resume."""
        if self.state is None or self.stopped is not None:
            return
        self.state = self.session.pause() if self.state.playing else self.session.resume()

    def action_seek(self, delta: float) -> None:
        """Jump ``delta`` seconds."""
        if self.stopped is None:
            self.state = self.session.seek(delta)
            self.tick()

    def action_speed(self, step: int) -> None:
        """Step through :data:`SPEEDS`."""
        if self.state is None or self.stopped is not None:
            return
        current = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - self.state.speed))
        index = max(0, min(len(SPEEDS) - 1, current + step))
        self.state = self.session.set_speed(SPEEDS[index])

    def action_end(self) -> None:
        """Jump to the end (the stop is recorded as reaching the end)."""
        if self.state is None or self.stopped is not None:
            return
        state = self.session.playback() or self.state
        self.action_seek(max(0.0, state.duration_s - state.position_s))

    def action_stop(self) -> None:
        """Stop (records play_stop) and go back."""
        if self.stopped is not None:
            return
        self.stopped = self.session.stop()
        self.state = self.stopped
        if self.is_current:
            self.app.pop_screen()

    def on_screen_resume(self) -> None:
        """Leave if playback ended while another screen (help) covered us."""
        if self.stopped is not None:
            self.app.pop_screen()
