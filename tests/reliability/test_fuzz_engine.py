"""Random event streams through the engine keep the model finite and the pages well formed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netflix_sim.engine import Catalog, VirtualClock

from .invariants import assert_all_recorded, assert_model_finite, assert_page_well_formed

POSITION = st.tuples(st.integers(0, 40), st.integers(0, 40))
ACTION = st.one_of(
    st.tuples(st.just("focus"), POSITION),
    st.tuples(st.just("dwell"), POSITION, st.floats(0, 1e6, allow_nan=False)),
    st.tuples(st.just("scroll"), POSITION, st.sampled_from(["up", "down", "left", "right"])),
    st.tuples(st.just("details"), POSITION),
    st.tuples(st.just("thumbs"), POSITION, st.sampled_from([-1, 1, 2])),
    st.tuples(st.just("play"), POSITION, st.floats(0, 1e5, allow_nan=False)),
    st.tuples(st.just("my_list"), POSITION, st.booleans()),
    st.tuples(st.just("search"), st.text(max_size=30)),
    st.tuples(st.just("clock"), st.floats(0, 10 * 365 * 86_400, allow_nan=False)),
    st.tuples(st.just("home")),
)


def apply(session, clock: VirtualClock, action: tuple) -> None:  # type: ignore[no-untyped-def]
    """Carry out one random action on the session's latest page (positions wrap)."""
    kind = action[0]
    if kind == "clock":
        clock.advance(action[1])
        return
    if kind == "home":
        session.home()
        return
    if kind == "search":
        session.search(action[1])
        return
    page = session.last_page
    r = action[1][0] % len(page.rows)
    c = action[1][1] % len(page.rows[r].tiles)
    row, tile = page.rows[r], page.rows[r].tiles[c]
    where = {"row_id": row.id, "row_pos": r, "col_pos": c}
    if kind == "focus":
        session.focus(row.id, r, c, tile.title_id)
    elif kind == "dwell":
        session.dwell(tile.title_id, action[2], **where)
    elif kind == "scroll":
        session.scroll(action[2], **where)
    elif kind == "details":
        session.open_details(tile.title_id, **where)
        session.close_details(tile.title_id)
    elif kind == "thumbs":
        session.thumbs(tile.title_id, action[2])
    elif kind == "play":
        session.play(tile.title_id, **where)
        clock.advance(action[2])
        session.stop()
    elif kind == "my_list":
        session.set_my_list(tile.title_id, action[2])


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(ACTION, max_size=40), policy=st.sampled_from(["als", "bpr", "popular"]))
def test_random_event_streams(catalog: Catalog, actions: list[tuple], policy: str) -> None:
    clock = VirtualClock()
    session = catalog.start_session(catalog.profiles()[0], clock=clock, policy=policy, seed=0)
    assert_page_well_formed(session.home())
    for action in actions:
        apply(session, clock, action)
        assert_model_finite(session)
        if action[0] in ("home", "thumbs", "clock"):
            assert_page_well_formed(session.home())
    session.end()
    assert_all_recorded(catalog.path, session)
