"""Per-policy metrics: ratios of per-bot sums, bootstrap intervals over bots, deterministic."""

from __future__ import annotations

import numpy as np
import pytest

from netflix_sim.bots.metrics import METRIC_KEYS, bootstrap_weights, paired_difference, summarize
from netflix_sim.bots.state import SessionRecord


def record(bot: int, session: int, **fields: object) -> SessionRecord:
    base: dict[str, object] = {
        "policy": "p",
        "bot": bot,
        "session": session,
        "kind": "searcher",
        "abandoned": False,
        "plays": 1,
        "first_play_s": 20.0,
        "watch_s": 1800.0,
        "home_watch_s": 1800.0,
        "reviewed": 10,
        "opened": 2,
        "searches": 0,
        "page_views": 2,
        "duration_s": 100.0,
        "browse_s": 40.0,
        "match_shown": (60, 70, 80, 90),
        "match_affinity": (0.1, 0.2, 0.3, 0.5),
        "shown": (1, 2, 3),
        "page_diversity": (0.5, 0.7),
    }
    base.update(fields)
    return SessionRecord(**base)  # type: ignore[arg-type]


def test_ratios_of_sums_and_their_intervals() -> None:
    records = [
        record(0, 0),
        record(0, 1, abandoned=True, plays=0, first_play_s=None, watch_s=0.0, home_watch_s=0.0),
        record(1, 0, watch_s=3600.0, home_watch_s=1200.0, first_play_s=40.0, shown=(4, 5)),
        record(1, 1, reviewed=20, page_diversity=(0.9,)),
    ]
    metrics = summarize(records, policies=["p"], bots=2, catalog_size=10, seed=0)["p"]
    assert set(metrics) == set(METRIC_KEYS)
    assert metrics["watch_minutes_per_session"].mean == pytest.approx((30 + 0 + 60 + 30) / 4)
    assert metrics["play_rate"].mean == 0.75
    assert metrics["abandonment_rate"].mean == 0.25
    assert metrics["time_to_first_play_s"].mean == pytest.approx((20 + 40 + 20) / 3)
    assert metrics["titles_reviewed_per_session"].mean == pytest.approx(12.5)
    assert metrics["home_watch_share"].mean == pytest.approx((1800 + 1200 + 1800) / 7200)
    assert metrics["intra_page_diversity"].mean == pytest.approx((0.5 + 0.7) * 3 / 7 + 0.9 / 7)
    assert metrics["catalog_coverage"].mean == pytest.approx(0.5)
    calibration = np.corrcoef([60, 70, 80, 90] * 2, [0.1, 0.2, 0.3, 0.5] * 2)[0, 1]
    assert metrics["match_calibration"].mean == pytest.approx(calibration)
    for key, estimate in metrics.items():
        if key != "catalog_coverage":
            assert estimate.lo <= estimate.mean + 1e-9 and estimate.mean <= estimate.hi + 1e-9
    again = summarize(records, policies=["p"], bots=2, catalog_size=10, seed=0)["p"]
    assert again == metrics


def test_the_bootstrap_resamples_bots_the_same_way_for_one_seed() -> None:
    a, b = bootstrap_weights(5, 1, 100), bootstrap_weights(5, 1, 100)
    assert np.array_equal(a, b) and a.shape == (100, 5)
    assert np.all(a.sum(axis=1) == 5)
    assert not np.array_equal(a, bootstrap_weights(5, 2, 100))


def test_a_wide_interval_for_few_bots_and_a_narrow_one_for_many() -> None:
    rng = np.random.default_rng(0)

    def width(bots: int) -> float:
        records = [
            record(b, 0, watch_s=float(rng.uniform(0, 7200)), home_watch_s=0.0) for b in range(bots)
        ]
        e = summarize(records, policies=["p"], bots=bots, catalog_size=10, seed=0)["p"][
            "watch_minutes_per_session"
        ]
        return e.hi - e.lo

    assert width(10) > 2 * width(200)


def test_a_paired_difference_is_tighter_when_the_same_bots_differ_alike() -> None:
    """Bots vary a lot, and policy b adds 5 minutes to every bot's sessions: the paired
    interval is about +5, far narrower than the two policies' intervals side by side."""
    rng = np.random.default_rng(1)
    base = rng.uniform(0, 7200, size=60)
    records = [
        record(b, 0, policy=p, watch_s=float(base[b] + (300.0 if p == "b" else 0.0)))
        for p in ("a", "b")
        for b in range(60)
    ]
    metrics = summarize(records, policies=["a", "b"], bots=60, catalog_size=10, seed=0)
    a, b = metrics["a"]["watch_minutes_per_session"], metrics["b"]["watch_minutes_per_session"]
    assert a.overlaps(b)  # side by side the 5 minutes do not show
    gap = paired_difference(records, "a", "b", bots=60, seed=0)
    assert gap.mean == pytest.approx(b.mean - a.mean) and gap.mean == pytest.approx(5.0)
    assert gap.lo == pytest.approx(5.0) and gap.hi == pytest.approx(5.0)  # every bot: +5
    itself = paired_difference(records, "a", "a", bots=60, seed=0)
    assert (itself.mean, itself.lo, itself.hi) == (0.0, 0.0, 0.0)
