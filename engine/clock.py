"""Clocks: real time for viewers, virtual time for bots and tests."""

from __future__ import annotations

import time
from typing import Protocol

HOUR_MS = 3_600_000


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


def hour_of(t_ms: int) -> int:
    """Hour of day (UTC) of a clock reading."""
    return int(t_ms) // HOUR_MS % 24  # UTC: whole hours since the epoch, mod 24
