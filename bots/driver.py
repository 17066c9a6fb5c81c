"""What a driver shows the bot, and the loop that runs one bot session through a driver.

A driver carries out :mod:`.actions` on the engine (:mod:`.engine_driver`) or by pressing
keys in the real Textual app (``tui_driver``) and returns a :class:`View`: what is on
screen, read the same way whichever driver runs. The bot (:class:`.choice.Bot`) decides
from the view alone, so for one seed both drivers see the same views and make the same
decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from netflix_sim.engine.types import Page, PlaybackState, TitleCard

from .actions import Abandon, Action, Leave
from .state import SessionRecord

HOME, DETAILS, PLAYER, ENDED = "home", "details", "player", "ended"
"""Screens a view can show."""

MAX_ACTIONS = 4000
"""A session longer than this is cut short with :class:`Leave` (a safety net)."""


@dataclass(frozen=True)
class View:
    """What the screen shows after an action."""

    screen: str
    """:data:`HOME`, :data:`DETAILS`, :data:`PLAYER` or :data:`ENDED`."""
    now_ms: int
    """The session clock."""
    page: Page | None = None
    """The home page (kept while details or the player cover it)."""
    row: int = 0
    """Row of the home cursor."""
    col: int = 0
    """Tile of the home cursor on its row."""
    card: TitleCard | None = None
    """The title whose details (or player) are shown."""
    playback: PlaybackState | None = None
    """Where playback stands, on the player."""


class Driver(Protocol):
    """Runs one session's actions somewhere and reports what the screen shows."""

    def start(self) -> View:
        """Open the session and show the home page."""
        ...

    def act(self, action: Action) -> View:
        """Carry out ``action`` and return the new view."""
        ...


class Decider(Protocol):
    """A bot: decides the next action from the view, and summarises the session."""

    def next_action(self, view: View) -> Action:
        """The next action, given what is on screen."""
        ...

    def record(self) -> SessionRecord:
        """The session's summary (after it ended)."""
        ...


def engine_seed(rng: np.random.Generator) -> int:
    """The engine session's seed, drawn first from the bot's generator (both drivers)."""
    return int(rng.integers(0, 2**31 - 1))


def drive(driver: Driver, bot: Decider, *, max_actions: int = MAX_ACTIONS) -> SessionRecord:
    """Run one session: show the home page, then act until the bot abandons or leaves."""
    view = driver.start()
    for _ in range(max_actions):
        action = bot.next_action(view)
        view = driver.act(action)
        if isinstance(action, Abandon | Leave):
            return bot.record()
    driver.act(Leave())
    return bot.record()


__all__ = [
    "DETAILS",
    "ENDED",
    "HOME",
    "MAX_ACTIONS",
    "PLAYER",
    "Decider",
    "Driver",
    "View",
    "drive",
    "engine_seed",
]
