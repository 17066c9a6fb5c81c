"""The held clock: one Session call records at one instant."""

from __future__ import annotations

import threading

import pytest

from netflix_sim.engine.clock import HeldClock, VirtualClock


def test_a_held_call_stands_still_and_holds_nest() -> None:
    clock = VirtualClock(1_000)  # ms; advance() takes seconds
    held = HeldClock(clock)

    def inner() -> int:
        clock.advance(5)
        return held.now_ms()

    def outer() -> tuple[int, int, int]:
        first = held.now_ms()
        clock.advance(1)
        return first, held.call_held(inner), held.now_ms()

    assert held.call_held(outer) == (1_000, 1_000, 1_000)  # the outermost hold fixes it
    assert held.now_ms() == clock.now_ms() == 7_000  # released: the clock again
    with held.hold():
        clock.advance(1)
        assert held.call_held(held.now_ms) == 7_000


def test_a_held_call_releases_on_an_error() -> None:
    clock = VirtualClock(0)
    held = HeldClock(clock)

    def fail() -> None:
        raise RuntimeError

    with pytest.raises(RuntimeError):
        held.call_held(fail)
    clock.advance(2)
    assert held.now_ms() == 2_000


def test_a_hold_is_the_holding_threads_own() -> None:
    clock = VirtualClock(0)
    held = HeldClock(clock)
    seen: list[int] = []

    def other_thread() -> None:
        seen.append(held.now_ms())

    def hold_and_move() -> None:
        clock.advance(3)
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()

    held.call_held(hold_and_move)
    assert seen == [3_000]
