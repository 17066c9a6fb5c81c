"""What a bot does, at the level of keys: the contract between the choice model and drivers.

The choice model decides actions from what is on screen; a driver carries them out, either
on the engine (``engine_driver``) or by pressing keys in the real Textual app
(``tui_driver``). Both record the same events for the same actions, so one seed gives the
same decisions through either driver.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Wait:
    """Let ``seconds`` of virtual time pass (looking, reading, hesitating)."""

    seconds: float


@dataclass(frozen=True)
class Move:
    """Move the home-page cursor one step: "up", "down", "left" or "right"."""

    direction: str


@dataclass(frozen=True)
class OpenDetails:
    """Open the focused tile's details (Enter on home)."""


@dataclass(frozen=True)
class Play:
    """Start playing the title whose details are open."""


@dataclass(frozen=True)
class Watch:
    """Keep watching for ``seconds`` of content (the driver advances the clock)."""

    seconds: float


@dataclass(frozen=True)
class Pause:
    """Pause (or resume) the player."""


@dataclass(frozen=True)
class Seek:
    """Seek by ``seconds`` (the player steps in 10 s: -10 rewinds, +10 skips)."""

    seconds: int


@dataclass(frozen=True)
class Stop:
    """Stop playback and go back to the details screen."""


@dataclass(frozen=True)
class Thumbs:
    """Rate the open title: -1 down, 1 up, 2 love."""

    value: int


@dataclass(frozen=True)
class Back:
    """Leave the details screen for home (Escape); home is rebuilt."""


@dataclass(frozen=True)
class Search:
    """Search for ``query`` and open result number ``position`` (or none when -1)."""

    query: str
    position: int = 0


@dataclass(frozen=True)
class Abandon:
    """Give up: nothing worth watching was found in time. Ends the session."""


@dataclass(frozen=True)
class Leave:
    """End the session normally (after watching)."""


Action = Wait | Move | OpenDetails | Play | Watch | Pause | Seek | Stop | Thumbs | Back
Action = Action | Search | Abandon | Leave
"""Anything a bot can do."""
