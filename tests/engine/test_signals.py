"""Signal weights, recency decay and the implicit-feedback matrix."""

from __future__ import annotations

import numpy as np
import pytest

from netflix_sim.engine.events import make_event
from netflix_sim.engine.signals import (
    DAY_MS,
    DEFAULT_WEIGHTS,
    SIGNAL_TYPES,
    ProfileSignals,
    feedback_matrix,
    theme_effects,
    title_effects,
)


def ev(kind: str, title_id: int | None = 1, value: float | None = None, t_ms: int = 0, **kw):
    return make_event(type=kind, title_id=title_id, value=value, t_ms=t_ms, profile_id=1, **kw)


def test_play_weight_grows_with_watched_fraction_and_early_quit_is_negative() -> None:
    half = title_effects(ev("play_stop", value=0.5))[0][1]
    full = title_effects(ev("play_stop", value=1.0))[0][1]
    quit_early = title_effects(ev("play_stop", value=0.02))[0][1]
    assert full > half > 0 > quit_early


def test_thumbs_readings() -> None:
    up = title_effects(ev("thumbs", value=1))[0][1]
    love = title_effects(ev("thumbs", value=2))[0][1]
    down = title_effects(ev("thumbs", value=-1))[0][1]
    assert love > up > 0 > down


def test_mild_signals() -> None:
    assert 0 < title_effects(ev("open_details"))[0][1] < title_effects(ev("thumbs", value=1))[0][1]
    assert title_effects(ev("dwell", value=0.5)) == []  # a glance is not a dwell
    assert title_effects(ev("dwell", value=5.0))[0][1] > 0
    assert -0.5 < title_effects(ev("impression"))[0][1] < 0


def test_scroll_readings() -> None:
    down = ev("scroll", title_id=None, row_id="theme:1:0:tv", payload={"direction": "down"})
    assert theme_effects(down)[0][1] < 0
    touched = ev(
        "scroll", title_id=None, row_id="r", payload={"direction": "down", "touched": True}
    )
    assert theme_effects(touched) == []
    right = ev(
        "scroll",
        title_id=None,
        row_id="r",
        payload={"direction": "right", "skipped_title_ids": [5]},
    )
    assert theme_effects(right)[0][1] > 0
    assert title_effects(right) == [(5, DEFAULT_WEIGHTS.skipped_leading_title)]


def test_recency_halves_over_the_half_life() -> None:
    half_life = DEFAULT_WEIGHTS.half_life_days * DAY_MS
    assert DEFAULT_WEIGHTS.decay(0) == pytest.approx(1.0)
    assert DEFAULT_WEIGHTS.decay(half_life) == pytest.approx(0.5)
    signals = ProfileSignals(n_titles=3)
    signals.add(ev("thumbs", title_id=10, value=1, t_ms=0), {10: 0})
    signals.add(ev("thumbs", title_id=11, value=1, t_ms=int(half_life)), {11: 1})
    feedback = signals.feedback(int(half_life))
    assert feedback[0] == pytest.approx(feedback[1] / 2)


def test_feedback_matrix_sums_and_keeps_negatives() -> None:
    events = [
        ev("play_stop", title_id=10, value=1.0),
        ev("thumbs", title_id=10, value=1),
        ev("thumbs", title_id=11, value=-1),
    ]
    matrix = feedback_matrix(events, {1: 0}, {10: 0, 11: 1, 12: 2}, now_ms=0).toarray()
    assert matrix.shape == (1, 3)
    assert matrix[0, 0] == pytest.approx(
        DEFAULT_WEIGHTS.play_base + DEFAULT_WEIGHTS.play_per_fraction + DEFAULT_WEIGHTS.thumbs_up
    )
    assert matrix[0, 1] < 0
    assert matrix[0, 2] == 0
    assert np.isfinite(matrix).all()


def test_every_signal_type_has_a_reading_and_context_types_none() -> None:
    payload = {"direction": "right", "skipped_title_ids": [3]}
    for kind in SIGNAL_TYPES:
        value = -5.0 if kind == "seek" else 5.0  # a seek back, a long dwell, an add, ...
        assert title_effects(ev(kind, value=value, row_id="r", payload=payload)), kind
    for kind in ("session_start", "page_view", "focus", "close_details", "speed", "abandon"):
        event = ev(kind, value=5.0, row_id="r", payload=payload)
        assert title_effects(event) == theme_effects(event) == []
        assert not ProfileSignals(n_titles=4).add(event, {1: 0, 3: 1})


@pytest.mark.parametrize(
    "payload",
    [
        {"direction": "right", "touched": False, "skipped_title_ids": [3]},
        {"direction": "down", "touched": False, "skipped_title_ids": []},
        {"direction": "down", "touched": True, "skipped_title_ids": []},
        {"direction": "up", "touched": False, "skipped_title_ids": []},
    ],
)
def test_a_scroll_reads_the_same_from_its_payload_given_or_from_its_json(payload: dict) -> None:
    event = ev("scroll", title_id=None, row_id="r", t_ms=9, payload=payload)
    from_json, given = ProfileSignals(n_titles=4), ProfileSignals(n_titles=4)
    assert from_json.add(event, {3: 2}) == given.add(event, {3: 2}, payload)
    assert (from_json.title_idx, from_json.title_weight, from_json.theme_items) == (
        given.title_idx,
        given.title_weight,
        given.theme_items,
    )
    assert title_effects(event) == title_effects(event, payload=payload)
    assert theme_effects(event) == theme_effects(event, payload=payload)


def test_add_all_folds_what_the_effects_give_in_order() -> None:
    """The short path for events weighing their own title keeps what title_effects and
    theme_effects read: skipped entries, unknown titles, zero weights and scrolls alike."""
    scroll = {"direction": "right", "touched": False, "skipped_title_ids": [3, 99]}
    events = [
        ev("impression", title_id=3, t_ms=1),
        ev("dwell", title_id=4, value=0.5, t_ms=2),  # too short: no signal
        ev("dwell", title_id=4, value=3.0, t_ms=3),
        ev("focus", title_id=4, t_ms=4),  # context only
        ev("thumbs", title_id=3, value=0, t_ms=5),  # weighs 0: left out
        ev("impression", title_id=99, t_ms=6),  # not in the index
        ev("open_details", title_id=None, t_ms=7),
        ev("scroll", title_id=None, row_id="r", t_ms=8, payload=scroll),
        ev("play_stop", title_id=4, value=0.8, t_ms=9),
    ]
    index_of = {3: 0, 4: 1}
    signals = ProfileSignals(n_titles=2)
    assert signals.add_all(events, index_of, [None] * 7 + [scroll, None])
    expected = [
        (index_of[t], w, e["t_ms"])
        for e in events
        for t, w in title_effects(e, payload=scroll if e["type"] == "scroll" else None)
        if t in index_of and w != 0.0
    ]
    assert (
        list(zip(signals.title_idx, signals.title_weight, signals.title_t_ms, strict=True))
        == expected
    )
    assert len(expected) == 4
    assert signals.theme_items == [("r", DEFAULT_WEIGHTS.theme_scroll_along, 8)]
    assert not ProfileSignals(n_titles=2).add_all(events[3:4] + events[6:7], index_of)


def test_theme_affinity_sums_each_items_decayed_weight() -> None:
    day = DAY_MS
    items = [("a", 0.2, 0), ("b", -0.3, 5 * day), ("a", 0.2, 20 * day), ("c", 0.2, 40 * day)]
    affinity = ProfileSignals(n_titles=1, theme_items=items).theme_affinity(30 * day)
    expected: dict[str, float] = {}
    for row_id, weight, t_ms in items:  # one at a time; an item from the future counts whole
        decay = float(DEFAULT_WEIGHTS.decay(30 * day - t_ms))
        expected[row_id] = expected.get(row_id, 0.0) + weight * decay
    assert list(affinity.items()) == list(expected.items())
    assert affinity["c"] == 0.2
    assert ProfileSignals(n_titles=1).theme_affinity(0) == {}
