"""Clocks: real time for viewers, virtual time for bots and tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, Protocol, TypeVar

HOUR_MS = 3_600_000

_P = ParamSpec("_P")
_R = TypeVar("_R")


class Clock(Protocol):
    """A source of the session clock, in milliseconds since the Unix epoch."""

    virtual: bool

    def now_ms(self) -> int:
        """Current time in ms since the Unix epoch."""
        ...


class RealClock:
    """Wall-clock time."""

    virtual = False

    def now_ms(self) -> int:
        """Current wall time in ms."""
        return time.time_ns() // 1_000_000


class VirtualClock:
    """A clock that only moves when told to: deterministic and instant."""

    virtual = True

    def __init__(self, start_ms: int = 1_767_261_600_000) -> None:
        """Start at ``start_ms`` (default 2026-01-01 10:00 UTC)."""
        self._now = int(start_ms)

    def now_ms(self) -> int:
        """Current virtual time in ms."""
        return self._now

    def advance(self, seconds: float) -> int:
        """Move the clock forward by ``seconds`` and return the new time."""
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += round(seconds * 1000)
        return self._now


class HeldClock:
    """A clock that stands still while it is held: what one Session call records (a page
    and its first-screen impressions, a stop and the session's end) happens at one instant.

    A real clock's milliseconds of computing between those events are not part of what the
    viewer did; and a replay, whose virtual clock only moves between recorded actions,
    reproduces the timestamps (and playback positions) exactly. Holds nest: the outermost
    one fixes the instant. A hold is the holding thread's own (the TUI calls a session from
    its UI thread and from workers).
    """

    def __init__(self, clock: Clock) -> None:
        """Read ``clock`` when not held."""
        self.clock = clock
        self.virtual = clock.virtual
        self._local = threading.local()

    def now_ms(self) -> int:
        """This thread's held instant, else the clock's time."""
        held = getattr(self._local, "held", None)
        return held if held is not None else self.clock.now_ms()

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Stand still at the current time until the block ends (re-entrant)."""
        if getattr(self._local, "held", None) is not None:
            yield
            return
        self._local.held = self.clock.now_ms()
        try:
            yield
        finally:
            self._local.held = None

    def call_held(self, fn: Callable[_P, _R], /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        """``fn(*args, **kwargs)`` with the clock held, as in a :meth:`hold` block (a plain
        call costs a quarter of a generator's context manager: every recording call of a
        session comes through here)."""
        local = self._local
        if getattr(local, "held", None) is not None:
            return fn(*args, **kwargs)
        local.held = self.clock.now_ms()
        try:
            return fn(*args, **kwargs)
        finally:
            local.held = None


def hour_of(t_ms: int) -> int:
    """Hour of day (UTC) of a clock reading."""
    return int(t_ms) // HOUR_MS % 24  # UTC: whole hours since the epoch, mod 24
