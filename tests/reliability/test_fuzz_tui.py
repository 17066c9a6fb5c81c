"""Random key sequences, pastes and resizes (down to 10 x 5) through the real TUI.

After every step: no exception, a valid focus, the home page well formed; at the end every
event the session counted is in the file.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netflix_sim.bots.tui_driver import settle
from netflix_sim.engine import VirtualClock
from netflix_sim.tui.app import make_app
from netflix_sim.tui.screens.home import HomeScreen

from .invariants import assert_all_recorded, assert_page_well_formed
from .test_text_input import NASTY

KEYS = [
    "up", "down", "left", "right", "enter", "escape", "space", "slash", "question_mark",
    "p", "u", "d", "l", "m", "s", "e", "i", "n", "o", "tab", "backspace", "greater_than_sign",
    "less_than_sign", "ctrl+r", "a", "z", "1",
]  # fmt: skip
STEP = st.one_of(
    st.tuples(st.just("press"), st.sampled_from(KEYS)),
    st.tuples(st.just("resize"), st.integers(10, 200), st.integers(5, 60)),
    st.tuples(st.just("paste"), st.sampled_from(NASTY[:-2])),
    st.tuples(st.just("wait"), st.floats(0, 3600)),
)


async def drive(db: Path, profile: str, steps: list[tuple]) -> None:
    """Run ``steps`` on a fresh app, checking the invariants after each."""
    from textual import events

    from netflix_sim.bots.tui_driver import tick_player

    clock = VirtualClock()
    app = make_app(db, profile=profile, clock=clock, onboarding=False)
    sessions = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        sessions[app.session.id] = app.session
        for step in steps:
            if step[0] == "press":
                await pilot.press(step[1])
            elif step[0] == "resize":
                await pilot.resize_terminal(step[1], step[2])
            elif step[0] == "paste":
                app.post_message(events.Paste(step[1]))
            else:
                clock.advance(step[1])
                tick_player(app)
            await settle(app, pilot, live_search=True)
            focused = app.focused
            assert focused is None or focused.screen is app.screen, f"focus on a hidden {focused}"
            if app.has_session:
                sessions[app.session.id] = app.session
            screen = app.screen
            if isinstance(screen, HomeScreen) and screen.page is not None:
                assert_page_well_formed(screen.page)
    for session in sessions.values():  # the app ended them all on exit
        assert session.ended
        assert_all_recorded(db, session)


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=5, max_size=30))
def test_random_keys_and_resizes(catalog_path: Path, viewer_name: str, steps: list[tuple]) -> None:
    asyncio.run(drive(catalog_path, viewer_name, steps))
