"""Onboarding a new profile: "Pick 3 you like", recorded as thumbs up before home."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ItemGrid, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from netflix_sim.engine import Session
from netflix_sim.engine.types import Tile

from ..messages import OnboardingFinished
from ..widgets.art import RED, TILE_WIDTH, kind_label
from ..widgets.ink import ink_of
from ..widgets.key_footer import KeyFooter
from ..widgets.pick_tile import PickTile
from ..widgets.topbar import TopBar
from .base import SessionScreen

PICKS_NEEDED = 3
"""How many titles a new profile picks."""
CANDIDATES = 18
"""How many titles it picks from."""

_MOVE = Binding.Group("Move", compact=True)
_PICK = Binding.Group("Pick", compact=True)


class OnboardingScreen(SessionScreen):
    """A grid of popular titles across genres; the picks become thumbs up.

    Arrows move, space/Enter/click toggle a pick; once :data:`PICKS_NEEDED` are picked,
    Enter (or ``d``) records them and goes home; Esc or ``s`` skips, recording nothing.
    """

    HELP_NAME = "Pick 3 you like"
    """What the help screen calls this screen."""
    CSS_PATH = "onboarding.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("up", "move(-1, 0)", "Up", group=_MOVE),
        Binding("down", "move(1, 0)", "Down", group=_MOVE),
        Binding("left", "move(0, -1)", "Left", group=_MOVE),
        Binding("right", "move(0, 1)", "Right", group=_MOVE),
        Binding("space", "toggle", "Pick or unpick", group=_PICK),
        Binding("enter", "select", "Pick, or go on once 3 are picked", group=_PICK),
        Binding("d", "done", "Done"),
        Binding("escape,s", "skip", "Skip"),
    ]

    @dataclass
    class CandidatesReady(Message):
        """The titles to pick from arrived from the engine (posted by a thread worker)."""

        tiles: tuple[Tile, ...]

    cursor: reactive[int] = reactive(0)
    """Index of the tile under the cursor."""
    picks: reactive[tuple[int, ...]] = reactive(())
    """Title ids picked, in the order picked."""

    def __init__(self) -> None:
        """An empty grid; the candidates arrive from a worker."""
        super().__init__()
        self.tiles: list[Tile] = []
        """The titles offered."""
        self.ready = False
        """Whether the candidates are shown."""
        self.finished = False
        """Whether the picks were recorded (or onboarding skipped)."""

    def compose(self) -> ComposeResult:
        """Top bar, heading, the focused title, the grid, and the footer with the count."""
        yield TopBar("Getting started", id="topbar")
        yield Static(id="heading")
        yield Static(id="focused")
        with VerticalScroll(id="scroller", can_focus=False):
            # As many columns as fit, with every grid row full (18 = 6 x 3, 3 x 6...).
            yield ItemGrid(id="grid", min_column_width=TILE_WIDTH, regular=True)
        yield Static("Finding popular titles…", id="loading")
        with Horizontal(id="bottom"):
            yield Static(id="picked")
            yield KeyFooter()

    def on_mount(self) -> None:
        """Show who is watching and ask the engine for the candidates."""
        session = self.session
        self.query_one(TopBar).show_who(session.profile.name, session.context)
        self.follow_theme(self._theme_changed)
        self._load(session)

    def _theme_changed(self, _theme: object) -> None:
        self.watch_picks(self.picks)
        for tile in self.query(PickTile):
            tile.refresh()

    @work(thread=True, exclusive=True, group="onboarding")
    def _load(self, session: Session) -> None:
        tiles = session.onboarding_candidates(n=CANDIDATES)
        if not get_current_worker().is_cancelled:
            self.post_message(self.CandidatesReady(tuple(tiles)))

    @on(CandidatesReady)
    def _candidates_ready(self, message: CandidatesReady) -> None:
        if len(message.tiles) < PICKS_NEEDED:  # too small a catalog to pick from
            self.action_skip()
            return
        self.tiles = list(message.tiles)
        self.query_one("#grid").mount_all(PickTile(t, i) for i, t in enumerate(self.tiles))
        self.query_one("#loading").display = False
        self.ready = True
        self.call_after_refresh(self._sync)

    # -- cursor and picks ---------------------------------------------------------------

    @property
    def columns(self) -> int:
        """Columns of the grid as laid out (tiles level with the first one)."""
        tiles = list(self.query(PickTile))
        if not tiles:
            return 1
        top = tiles[0].virtual_region.y
        return max(1, sum(1 for tile in tiles if tile.virtual_region.y == top))

    @property
    def tile(self) -> Tile | None:
        """The tile under the cursor."""
        return self.tiles[self.cursor] if self.cursor < len(self.tiles) else None

    def watch_cursor(self) -> None:
        """Move the cursor and keep it in view."""
        self._sync()

    def watch_picks(self, picks: tuple[int, ...]) -> None:
        """Mark the picked tiles and count them in the footer."""
        self._sync()
        ink = ink_of(self)
        done = len(picks) >= PICKS_NEEDED
        count = f" {len(picks)}/{PICKS_NEEDED} picked "
        self.query_one("#picked", Static).update(
            Text(count, Style(color="#ffffff", bgcolor=RED, bold=True))
            if done
            else Text(count, Style(color=ink.button2_text, bgcolor=ink.chip, bold=True))
        )
        heading = Text(f"Pick {PICKS_NEEDED} you like", Style(color=ink.strong, bold=True))
        if done:
            heading.append("   Great picks! Enter to continue", Style(color=ink.match, bold=True))
        else:
            heading.append("   to get your recommendations started", Style(color=ink.muted))
        self.query_one("#heading", Static).update(heading)
        self.refresh_bindings()

    def _sync(self) -> None:
        tile = self.tile
        for widget in self.query(PickTile):
            widget.cursor = widget.index == self.cursor
            widget.picked = widget.tile.title_id in self.picks
            if widget.cursor:
                self.query_one("#scroller").scroll_to_widget(widget, animate=False, top=True)
        ink = ink_of(self)
        focused = Text()
        if tile is not None:
            focused.append("▌ ", Style(color=tile.palette[1], bold=True))
            focused.append(tile.name.upper(), Style(color=ink.strong, bold=True))
            focused.append(f"   {tile.year} · {kind_label(tile.kind)}", Style(color=ink.muted))
            if tile.reason:
                focused.append(f"   {tile.reason}", Style(color=ink.muted, italic=True))
        focused.no_wrap = True
        self.query_one("#focused", Static).update(focused)

    def action_move(self, rows: int, cols: int) -> None:
        """Move the cursor ``rows`` down and ``cols`` right, staying on the grid."""
        if not self.tiles:
            return
        target = self.cursor + rows * self.columns + cols
        if rows and not 0 <= target < len(self.tiles):
            return
        self.cursor = max(0, min(len(self.tiles) - 1, target))

    def action_toggle(self) -> None:
        """Pick the title under the cursor, or unpick it."""
        tile = self.tile
        if tile is None:
            return
        if tile.title_id in self.picks:
            self.picks = tuple(t for t in self.picks if t != tile.title_id)
        elif len(self.picks) >= PICKS_NEEDED:
            self.app.bell()
            self.notify(f"{PICKS_NEEDED} picked: unpick one first, or Enter to go on", timeout=3)
        else:
            self.picks = (*self.picks, tile.title_id)

    def action_select(self) -> None:
        """Enter: go on once enough titles are picked, else pick."""
        if len(self.picks) >= PICKS_NEEDED:
            self.action_done()
        else:
            self.action_toggle()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``Done`` shows greyed out until enough titles are picked."""
        if action == "done" and len(self.picks) < PICKS_NEEDED:
            return None
        return True

    def action_done(self) -> None:
        """Record every pick as a thumbs up and go home."""
        if self.finished or len(self.picks) < PICKS_NEEDED:
            return
        self.finished = True
        for title_id in self.picks:
            self.session.thumbs(title_id, 1)
        self.netflix.flush_session()
        self.post_message(OnboardingFinished(self.picks))

    def action_skip(self) -> None:
        """Go home without picking."""
        if not self.finished:
            self.finished = True
            self.post_message(OnboardingFinished(()))

    @on(PickTile.Clicked)
    def _clicked(self, message: PickTile.Clicked) -> None:
        self.cursor = message.pick_tile.index
        self.action_toggle()
