"""Weighted sampling without replacement."""

from __future__ import annotations

import numpy as np

from netflix_sim.seed.sampling import BLOCK, gumbel_top, successive_sample


def test_first_draws_are_proportional_to_weight() -> None:
    rng = np.random.default_rng(0)
    weights = np.zeros(BLOCK * 3 + 17, dtype=np.float32)
    chosen = [5, 300, BLOCK + 1, 2 * BLOCK + 9, 3 * BLOCK + 16]
    weights[chosen] = [1, 2, 3, 4, 10]
    firsts = [int(successive_sample(rng, weights, 1)[0]) for _ in range(20_000)]
    freq = np.asarray([firsts.count(c) for c in chosen]) / len(firsts)
    assert np.allclose(freq, np.asarray([1, 2, 3, 4, 10]) / 20, atol=0.01)


def test_second_draws_follow_plackett_luce() -> None:
    rng = np.random.default_rng(1)
    weights = np.asarray([6.0, 3.0, 1.0])
    pairs = [tuple(successive_sample(rng, weights, 2).tolist()) for _ in range(20_000)]
    # P(second = 2 | first = 0) = 1 / (3 + 1)
    after_zero = [p for p in pairs if p[0] == 0]
    assert abs(sum(p[1] == 2 for p in after_zero) / len(after_zero) - 0.25) < 0.02


def test_distinct_and_never_zero_weight() -> None:
    rng = np.random.default_rng(2)
    weights = rng.random(5000)
    weights[::3] = 0
    picks = successive_sample(rng, weights, 40)
    assert len(picks) == len(set(picks.tolist())) == 40
    assert (weights[picks] > 0).all()
    few = np.asarray([0.0, 1.0, 0.0, 2.0])
    assert sorted(successive_sample(rng, few, 10).tolist()) == [1, 3]
    assert successive_sample(rng, np.zeros(10), 3).size == 0


def test_gumbel_top_puts_zero_weights_last() -> None:
    rng = np.random.default_rng(3)
    weights = np.asarray([[0.0, 1.0, 0.0, 5.0], [2.0, 0.0, 1.0, 0.0]])
    order = gumbel_top(rng, weights)
    assert set(order[0, :2].tolist()) == {1, 3}
    assert set(order[1, :2].tolist()) == {0, 2}
