"""The engine driver: carries out bot actions on the Session API exactly as the TUI does.

Every action makes the Session calls the TUI's screens make for the matching keys, in the
same order and with the same arguments, so a session run here records the same events as
one run through the real app (``tui_driver``) with the same seed:

==================  ==========================================================================
action (screen)     Session calls (the TUI's key and handler)
==================  ==========================================================================
start               ``start_session(profile, device, clock, policy, seed)``; ``home()``;
                    ``title_card`` of the cursor's tile (the billboard); ``focus(row 0, 0)``
Wait (any)          none: the virtual clock advances ``seconds``
Move (home)         ``dwell(tile left, seconds since its focus)``, ``scroll(direction, tile
                    left)``, ``title_card`` of each tile the cursor passes that the billboard
                    has not shown on this page, ``focus(new tile)`` (arrows;
                    ``HomeScreen._move``). Up/down land on the row's own cursor, which the
                    row remembers until the page is rebuilt; a move off the page is ignored.
OpenDetails (home)  ``dwell``, ``open_details(title, row_id, row_pos, col_pos)`` (Enter)
Play (details)      ``play(title, speed=60, row_id, row_pos, col_pos)`` (p; the player's
                    default speed); a title opened from search plays with no origin
Watch (player)      none: the clock advances ``seconds / speed``
Pause (player)      ``pause()`` or ``resume()`` (space)
Seek (player)       ``seek(seconds)`` (left/right, 10 s a press)
Stop (player)       ``stop()`` (s), back to details
Thumbs (details)    ``thumbs(title, value)`` (u / l / d)
Back (details)      ``close_details(title)`` (Esc), then home is rebuilt: ``home()``, the
                    cursor on the same title (its row if still there, else anywhere, else
                    the top left), ``title_card`` of that tile, ``focus``
Search (home)       ``dwell``, ``search(query)``, and when ``position`` is a result:
                    ``search_click(title, position)`` (it opens the details); otherwise back
                    home: ``focus`` of the same tile again
Abandon (any)       on home ``dwell`` first; ``abandon()`` (records abandon, ends)
Leave (any)         on home ``dwell`` first (Esc: ``leave_profile``); ``end()``
==================  ==========================================================================

Buffered events are written at the end, in one transaction (the TUI also flushes at every
screen change; that changes when rows are written, not what they hold).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from netflix_sim.engine import Catalog, Session
from netflix_sim.engine.clock import VirtualClock
from netflix_sim.engine.types import Page, PlaybackState, ProfileInfo, TitleCard

from .actions import (
    Abandon,
    Action,
    Back,
    Leave,
    Move,
    OpenDetails,
    Pause,
    Play,
    Search,
    Seek,
    Stop,
    Thumbs,
    Wait,
    Watch,
)
from .choice import DEFAULT_CHOICE, Bot, ChoiceParams
from .driver import DETAILS, ENDED, HOME, PLAYER, View, drive, engine_seed
from .personas import Persona
from .state import BotMemory, SessionRecord
from .truth import GroundTruth

PLAYER_SPEED = 60.0
"""The TUI player's default speed (``tui.screens.player.DEFAULT_SPEED``)."""


class EngineDriver:
    """Runs a bot's actions on one engine :class:`Session`, mirroring the TUI's screens."""

    def __init__(
        self,
        catalog: Catalog,
        profile: ProfileInfo,
        *,
        clock: VirtualClock,
        policy: str,
        seed: int,
        device: str | None = None,
        speed: float = PLAYER_SPEED,
        billboard: bool = True,
    ) -> None:
        """Ready to start a session for ``profile`` (nothing is recorded yet).

        ``billboard=False`` skips the title cards the TUI's billboard asks for: faster, and
        the same events for the policies whose scores draw nothing from the session's
        generator, but no longer call for call what the TUI does (benchmarks only).
        """
        self.catalog = catalog
        self.profile = profile
        self.clock = clock
        self.policy = policy
        self.seed = seed
        self.device = device or profile.device
        self.speed = speed
        self.billboard = billboard
        self.session: Session | None = None
        self.screen = HOME
        self.page: Page | None = None
        self.row = 0
        self.col = 0
        self._row_cursor: list[int] = []
        self._focused: tuple[str, int, int, int] | None = None
        self._focus_since_ms = 0
        self._anchor: tuple[str, int] | None = None
        self._cards: set[int] = set()
        self._stale = False
        self.card: TitleCard | None = None
        self._origin: dict[str, Any] = {}
        self.page_views = 0

    # -- view -----------------------------------------------------------------------

    def view(self) -> View:
        """What the screen shows now."""
        playback = None
        if self.screen == PLAYER and self.session is not None:
            playback = self.session.playback()
        return View(
            screen=self.screen,
            now_ms=self.clock.now_ms(),
            page=self.page,
            row=self.row,
            col=self.col,
            card=self.card if self.screen in (DETAILS, PLAYER) else None,
            playback=playback,
        )

    @property
    def _session(self) -> Session:
        if self.session is None:
            raise RuntimeError("the session has not started")
        return self.session

    # -- the home screen (``tui.screens.home.HomeScreen``) -----------------------------

    def start(self) -> View:
        """Start the session and show its home page (the app's ``start_profile``)."""
        self.session = self.catalog.start_session(
            self.profile, device=self.device, clock=self.clock, policy=self.policy, seed=self.seed
        )
        self.screen = HOME
        self._load_page()
        return self.view()

    def _load_page(self) -> None:
        page = self._session.home()
        self.page_views += 1
        spot = None
        if self._anchor is not None:
            spot = page.locate(self._anchor[1], self._anchor[0])
        self._leave_tile()
        self.page = page
        self._cards.clear()
        self._row_cursor = [0] * len(page.rows)
        r, c = spot if spot is not None else (0, 0)
        if self._row_cursor:
            self._row_cursor[r] = c
        self.row, self.col = r, c
        self._sync()
        self._enter_tile()

    def _tile_at(self, r: int, c: int) -> Any:
        page = self.page
        if page is None or not page.rows:
            return None
        tiles = page.rows[r].tiles
        return tiles[c] if c < len(tiles) else None

    def _sync(self) -> None:
        """The billboard shows the cursor's tile (``HomeScreen._sync``: a title card)."""
        if not self._row_cursor:
            return
        self._row_cursor[self.row] = self.col
        tile = self._tile_at(self.row, self.col)
        if tile is not None and tile.title_id not in self._cards:
            self._cards.add(tile.title_id)
            if self.billboard:
                self._session.title_card(tile.title_id)

    def _enter_tile(self) -> None:
        tile = self._tile_at(self.row, self.col)
        if tile is None or self.page is None:
            self._focused = None
            return
        row = self.page.rows[self.row]
        self._focused = (row.id, self.row, self.col, tile.title_id)
        self._anchor = (row.id, tile.title_id)
        self._session.focus(row.id, self.row, self.col, tile.title_id)
        self._focus_since_ms = self.clock.now_ms()

    def _leave_tile(self) -> None:
        if self._focused is None:
            return
        row_id, r, c, title_id = self._focused
        self._focused = None
        seconds = max(0.0, (self.clock.now_ms() - self._focus_since_ms) / 1000)
        self._session.dwell(title_id, seconds, row_id=row_id, row_pos=r, col_pos=c)

    def _move(self, row: int, col: int, direction: str) -> None:
        page = self.page
        if page is None:
            return
        old_row, old_col = self.row, self.col
        self._leave_tile()
        self._session.scroll(
            direction, row_id=page.rows[old_row].id, row_pos=old_row, col_pos=old_col
        )
        if row != self.row:
            self.row = row
            self._sync()
        if col != self.col:
            self.col = col
            self._sync()
        self._enter_tile()

    def _move_cursor(self, direction: str) -> None:
        page = self.page
        if page is None or not page.rows:
            return
        if direction in ("up", "down"):
            delta = 1 if direction == "down" else -1
            row = max(0, min(len(page.rows) - 1, self.row + delta))
            if row != self.row:
                self._move(row, self._row_cursor[row], direction)
        elif direction in ("left", "right"):
            tiles = page.rows[self.row].tiles
            delta = 1 if direction == "right" else -1
            col = max(0, min(len(tiles) - 1, self.col + delta))
            if col != self.col:
                self._move(self.row, col, direction)
        else:
            raise ValueError(f"unknown direction {direction!r}")

    def _open(self) -> None:
        tile = self._tile_at(self.row, self.col)
        if tile is None or self.page is None:
            return
        row_id = self.page.rows[self.row].id
        self._leave_tile()
        self.card = self._session.open_details(
            tile.title_id, row_id=row_id, row_pos=self.row, col_pos=self.col
        )
        self._origin = {"row_id": row_id, "row_pos": self.row, "col_pos": self.col}
        self._stale = True
        self.screen = DETAILS

    def _back_home(self) -> None:
        """Home shows again: rebuilt when stale, else its tile is looked at again."""
        self.screen = HOME
        self.card = None
        if self.page is None or self._stale:
            self._stale = False
            self._load_page()
        else:
            self._enter_tile()

    def _search(self, query: str, position: int) -> None:
        session = self._session
        self._leave_tile()
        results = session.search(query)
        if 0 <= position < len(results):
            self.card = session.search_click(results[position].title_id, position)
            self._origin = {}
            self._stale = True
            self.screen = DETAILS
        else:
            self._back_home()

    # -- actions --------------------------------------------------------------------

    def act(self, action: Action) -> View:
        """Carry out ``action`` as the TUI would, and return the new view."""
        session = self._session
        screen = self.screen
        if isinstance(action, Wait):
            self.clock.advance(max(0.0, action.seconds))
        elif isinstance(action, Watch):
            state = session.playback()
            speed = state.speed if state is not None else self.speed
            self.clock.advance(max(0.0, action.seconds) / speed)
        elif isinstance(action, Move):
            if screen == HOME:
                self._move_cursor(action.direction)
        elif isinstance(action, OpenDetails):
            if screen == HOME:
                self._open()
        elif isinstance(action, Play):
            if screen == DETAILS and self.card is not None:
                session.play(self.card.title_id, speed=self.speed, **self._origin)
                self.screen = PLAYER
        elif isinstance(action, Pause):
            state = session.playback()
            if screen == PLAYER and state is not None:
                _ = session.pause() if state.playing else session.resume()
        elif isinstance(action, Seek):
            if screen == PLAYER and session.playback() is not None:
                session.seek(action.seconds)
        elif isinstance(action, Stop):
            if screen == PLAYER and session.playback() is not None:
                session.stop()
                self.screen = DETAILS
        elif isinstance(action, Thumbs):
            if screen == DETAILS and self.card is not None:
                session.thumbs(self.card.title_id, action.value)
        elif isinstance(action, Back):
            if screen == DETAILS and self.card is not None:
                session.close_details(self.card.title_id)
                self._back_home()
        elif isinstance(action, Search):
            if screen == HOME:
                self._search(action.query, action.position)
        elif isinstance(action, Abandon | Leave):
            if screen == HOME:
                self._leave_tile()
            if isinstance(action, Abandon):
                session.abandon()
            else:
                session.end()
            self.screen = ENDED
        else:
            raise TypeError(f"not a bot action: {action!r}")
        return self.view()

    def last_state(self) -> PlaybackState | None:
        """The playback, if any (for tests)."""
        return self._session.playback()


def run_session(
    catalog: Catalog,
    profile: ProfileInfo,
    persona: Persona,
    truth: GroundTruth,
    clock: VirtualClock,
    rng: np.random.Generator,
    policy: str,
    *,
    params: ChoiceParams = DEFAULT_CHOICE,
    label: tuple[int, int] = (0, 0),
    memory: BotMemory | None = None,
) -> SessionRecord:
    """One bot session on the engine: the persona decides, the Session API records.

    The engine session's seed is the first draw of ``rng`` (:func:`.driver.engine_seed`);
    ``label`` is (bot, session) for the record; ``memory`` carries what the bot remembers
    from one session to the next.
    """
    seed = engine_seed(rng)
    bot = Bot(
        persona,
        truth,
        rng,
        params,
        policy=policy,
        bot=label[0],
        session=label[1],
        memory=memory,
    )
    driver = EngineDriver(
        catalog, profile, clock=clock, policy=policy, seed=seed, device=persona.device
    )
    return drive(driver, bot)


__all__ = ["PLAYER_SPEED", "EngineDriver", "run_session"]
