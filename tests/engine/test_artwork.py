"""The artwork bandit: valid propensities, honest sampling, learning, change effect."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from netflix_sim.engine import artwork
from netflix_sim.engine.artwork import (
    ArtworkBandit,
    BanditConfig,
    n_profile_features,
    profile_features,
)

ASPECTS = ("actor close-up", "action scene", "romance", "classic scene", "villain", "mystery")
D = 4


class Art:
    """A synthetic catalog's artwork arrays, shaped like TitleIndex's."""

    def __init__(self, variants: list[list[str]], bandit: ArtworkBandit) -> None:
        counts = np.asarray([len(v) for v in variants], dtype=np.int64)
        self.start = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        self.count = counts
        self.aspect_names = [a for v in variants for a in v]
        self.aspect = bandit.aspect_ids(self.aspect_names)
        self.titles = np.arange(len(variants))

    def args(self, titles: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
        t = self.titles if titles is None else titles
        return t, self.start, self.count, self.aspect


def random_variants(rng: np.random.Generator, n: int) -> list[list[str]]:
    """3..6 variants per title, with repeated actor close-ups now and then."""
    out = []
    for _ in range(n):
        k = int(rng.integers(3, 7))
        names = list(rng.choice(ASPECTS, size=min(k, len(ASPECTS)), replace=False))
        if rng.random() < 0.3:
            names.append("actor close-up")
        out.append(names)
    return out


def trained(config: BanditConfig | None = None, seed: int = 0) -> ArtworkBandit:
    bandit = ArtworkBandit(ASPECTS, D, config)
    rng = np.random.default_rng(seed)
    x = rng.random((300, D))
    bandit.observe(x, rng.integers(0, len(ASPECTS), 300), rng.random(300) * 40)
    return bandit


def x_of(h: float) -> np.ndarray:
    return np.asarray([1.0, h, 0.3, 0.0])


def test_distribution_sums_to_one_and_propensities_match() -> None:
    bandit = trained()
    art = Art(random_variants(np.random.default_rng(1), 200), bandit)
    x = x_of(0.5)
    p = bandit.distribution(x, *art.args(), np.random.default_rng(5))
    assert p.shape == (200, int(art.count.max()))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    valid = np.arange(p.shape[1]) < art.count[:, None]
    assert (p[~valid] == 0).all()
    assert (p[valid] > 0).all()
    pos, prop = bandit.choose(x, *art.args(), np.random.default_rng(5))
    assert ((prop > 0) & (prop <= 1)).all()
    col = pos - art.start
    assert ((col >= 0) & (col < art.count)).all()
    np.testing.assert_allclose(prop, p[np.arange(200), col])


def test_same_aspect_variants_share_evenly() -> None:
    bandit = trained(BanditConfig(epsilon=0.0))
    art = Art([["actor close-up", "romance", "actor close-up", "actor close-up"]], bandit)
    p = bandit.distribution(x_of(1.0), *art.args(), np.random.default_rng(2))[0]
    assert p[0] == pytest.approx(p[2]) == pytest.approx(p[3])


def test_empirical_frequencies_match_the_distribution() -> None:
    bandit = trained(BanditConfig(epsilon=0.1, exploration=2.0))
    art = Art([["romance", "action scene", "villain", "mystery", "actor close-up"]], bandit)
    copies = np.zeros(20_000, dtype=np.int64)  # one call: every copy shares the same draws
    p = bandit.distribution(x_of(0.2), *art.args(copies), np.random.default_rng(11))[0]
    pos, prop = bandit.choose(x_of(0.2), *art.args(copies), np.random.default_rng(11))
    np.testing.assert_allclose(prop, p[pos - art.start[0]])
    observed = np.bincount(pos - art.start[0], minlength=5)
    _, p_value = stats.chisquare(observed, p * len(copies))
    assert p_value > 1e-3


def test_propensities_are_unbiased_across_calls() -> None:
    """Over fresh posterior draws, P(chosen = j) equals the mean logged probability of j."""
    bandit = trained(BanditConfig(epsilon=0.05, exploration=1.0))
    art = Art([["romance", "action scene", "villain"]], bandit)
    rng = np.random.default_rng(3)
    hits, expected, ips = np.zeros(3), np.zeros(3), np.zeros(3)
    calls = 4_000
    for _ in range(calls):
        seed = int(rng.integers(2**31))
        p = bandit.distribution(x_of(0.7), *art.args(), np.random.default_rng(seed))[0]
        pos, prop = bandit.choose(x_of(0.7), *art.args(), np.random.default_rng(seed))
        j = int(pos[0])
        hits[j] += 1
        ips[j] += 1 / prop[0]
        expected += p
    np.testing.assert_allclose(hits / calls, expected / calls, atol=0.025)
    np.testing.assert_allclose(ips / calls, 1.0, atol=0.12)  # IPS of "always 1" is unbiased


def test_greedy_without_exploration() -> None:
    bandit = ArtworkBandit(ASPECTS, D, BanditConfig(epsilon=0.0, exploration=0.0))
    x = x_of(1.0)
    ids = bandit.aspect_ids(["romance", "villain", "mystery"])
    bandit.observe(np.tile(x, (30, 1)), np.repeat(ids, 10), np.repeat([30.0, 10.0, 0.0], 10))
    art = Art([["mystery", "romance", "villain"], ["mystery", "villain", "villain"]], bandit)
    p = bandit.distribution(x, *art.args(), np.random.default_rng(0))
    np.testing.assert_allclose(p, [[0, 1, 0], [0, 0.5, 0.5]])
    for seed in range(20):
        pos, prop = bandit.choose(x, *art.args(), np.random.default_rng(seed))
        assert pos[0] == art.start[0] + 1 and prop[0] == 1.0
        assert pos[1] in (art.start[1] + 1, art.start[1] + 2) and prop[1] == 0.5


def test_greedy_breaks_ties_at_random() -> None:
    bandit = ArtworkBandit(ASPECTS, D, BanditConfig(epsilon=0.0, exploration=0.0, samples=256))
    art = Art([["romance", "villain"]], bandit)  # an untrained bandit: equal means
    p = bandit.distribution(x_of(0.0), *art.args(), np.random.default_rng(0))[0]
    assert 0.35 < p[0] < 0.65


def test_learns_which_aspect_each_kind_of_profile_rewards() -> None:
    """Profiles with feature 1 high watch after romance artwork, the others after action."""
    bandit = ArtworkBandit(ASPECTS, D, BanditConfig(epsilon=0.05, exploration=1.0))
    art = Art([["actor close-up", "action scene", "romance", "classic scene"]] * 10, bandit)
    romance, action = bandit.aspect_id["romance"], bandit.aspect_id["action scene"]
    rng = np.random.default_rng(8)
    for _ in range(400):
        lover = rng.random() < 0.5
        x = x_of(1.0 if lover else 0.0) + np.r_[0, 0, 0, rng.random()]
        pos, _ = bandit.choose(x, *art.args(), rng)
        shown = art.aspect[pos]
        bandit.observe(x, shown)
        liked = shown == (romance if lover else action)
        played = liked & (rng.random(len(pos)) < 0.4)
        for a in shown[played]:
            bandit.reward(x, int(a), float(rng.uniform(20, 60)))
    for lover, best in ((True, romance), (False, action)):
        pos, _ = bandit.choose(x_of(1.0 if lover else 0.0), *art.args(), rng)
        picks = art.aspect[pos]
        p = bandit.distribution(x_of(1.0 if lover else 0.0), *art.args(), rng)[0]
        assert p[list(art.aspect[:4]).index(best)] > 0.7
        assert (picks == best).mean() >= 0.6
    means = bandit.posterior_mean() @ x_of(1.0)
    assert means.argmax() == romance


def test_change_effect_keeps_the_seen_variant() -> None:
    config = BanditConfig(stickiness=0.8, epsilon=0.05)
    bandit = trained(config)
    art = Art([["romance", "action scene", "villain", "mystery"]], bandit)
    copies = np.zeros(10_000, dtype=np.int64)
    previous = np.full(len(copies), art.start[0] + 2)
    fresh = bandit.distribution(x_of(0.4), *art.args(copies[:1]), np.random.default_rng(4))[0]
    p = bandit.distribution(x_of(0.4), *art.args(copies), np.random.default_rng(4), previous)[0]
    np.testing.assert_allclose(p, 0.2 * fresh + 0.8 * (np.arange(4) == 2))
    assert p[2] >= 0.8
    pos, prop = bandit.choose(x_of(0.4), *art.args(copies), np.random.default_rng(4), previous)
    kept = pos == previous
    assert kept.mean() == pytest.approx(p[2], abs=0.02)
    np.testing.assert_allclose(prop[kept], p[2])
    np.testing.assert_allclose(prop, p[pos - art.start[0]])


def test_previous_outside_the_title_or_unseen_is_ignored() -> None:
    bandit = trained()
    art = Art([["romance", "villain", "mystery"], ["romance", "villain", "mystery"]], bandit)
    rng_args = (x_of(0.1), *art.args())
    base = bandit.distribution(*rng_args, np.random.default_rng(9))
    other = bandit.distribution(*rng_args, np.random.default_rng(9), np.asarray([-1, 0]))
    np.testing.assert_allclose(base, other)  # position 0 belongs to title 0, not title 1


def test_epsilon_floor() -> None:
    config = BanditConfig(epsilon=0.2, exploration=0.1, stickiness=0.5)
    bandit = ArtworkBandit(ASPECTS, D, config)
    bandit.observe(np.tile(x_of(1), (50, 1)), 2, 60.0)  # romance dominates
    art = Art(random_variants(np.random.default_rng(2), 100), bandit)
    p = bandit.distribution(x_of(1), *art.args(), np.random.default_rng(0))
    valid = np.arange(p.shape[1]) < art.count[:, None]
    floor = np.broadcast_to(0.2 / art.count[:, None], p.shape)
    assert (p[valid] >= floor[valid] - 1e-12).all()
    previous = art.start.copy()
    p = bandit.distribution(x_of(1), *art.args(), np.random.default_rng(0), previous)
    assert (p[valid] >= 0.5 * floor[valid] - 1e-12).all()


def test_round_trip_through_arrays(tmp_path: Path) -> None:
    bandit = trained()
    path = tmp_path / "artwork_bandit.npz"
    np.savez(path, **bandit.to_arrays())
    with np.load(path) as data:
        restored = ArtworkBandit.from_arrays(data, bandit.config)
    assert restored.aspects == bandit.aspects
    np.testing.assert_allclose(restored.posterior_mean(), bandit.posterior_mean())
    np.testing.assert_array_equal(restored.impressions, bandit.impressions)
    art = Art(random_variants(np.random.default_rng(3), 50), bandit)
    a = bandit.choose(x_of(0.3), *art.args(), np.random.default_rng(1))
    b = restored.choose(x_of(0.3), *art.args(), np.random.default_rng(1))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_allclose(a[1], b[1])


def test_same_seed_same_choices() -> None:
    bandit = trained()
    art = Art(random_variants(np.random.default_rng(4), 300), bandit)
    a = bandit.choose(x_of(0.6), *art.args(), np.random.default_rng(21))
    b = bandit.choose(x_of(0.6), *art.args(), np.random.default_rng(21))
    c = bandit.choose(x_of(0.6), *art.args(), np.random.default_rng(22))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert (a[0] != c[0]).any()


@pytest.mark.parametrize("samples", [64, 100])
def test_subset_table_and_masked_paths_agree(monkeypatch: pytest.MonkeyPatch, samples: int) -> None:
    bandit = trained(BanditConfig(samples=samples))
    art = Art(random_variants(np.random.default_rng(5), 400), bandit)
    table = bandit.distribution(x_of(0.5), *art.args(), np.random.default_rng(6))
    monkeypatch.setattr(artwork, "SUBSET_TABLE_MAX_ASPECTS", 0)
    masked = bandit.distribution(x_of(0.5), *art.args(), np.random.default_rng(6))
    np.testing.assert_array_equal(masked, table)


@pytest.mark.parametrize(
    "config",
    [BanditConfig(), BanditConfig(exploration=0.0, samples=7), BanditConfig(samples=100)],
)
def test_one_title_path_matches_the_page_path(config: BanditConfig) -> None:
    """One title takes a path of its own: the same draws, the very same floats as a page."""
    bandit = trained(config)
    rng = np.random.default_rng(8)
    art = Art(random_variants(rng, 60), bandit)
    x = x_of(0.4)
    previous = np.where(rng.random(60) < 0.5, art.start + rng.integers(0, 3, 60), -1)
    for seed in range(20):
        titles = rng.permutation(60)
        page_rng = np.random.default_rng(seed)
        page = bandit.distribution(x, *art.args(titles), page_rng, previous[titles])
        for row, title in enumerate(titles[:10]):
            one_rng = np.random.default_rng(seed)
            one = bandit.distribution(
                x, *art.args(titles[row : row + 1]), one_rng, previous[[title]]
            )
            np.testing.assert_array_equal(one[0], page[row, : art.count[title]])
            assert one_rng.bit_generator.state == page_rng.bit_generator.state
        # choose draws a uniform per title after the samples: the first title's is the same
        page_rng = np.random.default_rng(seed)
        pos, prop = bandit.choose(x, *art.args(titles), page_rng, previous[titles])
        first = int(titles[0])
        one_rng = np.random.default_rng(seed)
        one = bandit.choose_one(x, first, *art.args()[1:], one_rng, int(previous[first]))
        assert one == (pos[0], prop[0])
        arrays = bandit.choose(
            x, *art.args(titles[:1]), np.random.default_rng(seed), previous[[first]]
        )
        assert (arrays[0].tolist(), arrays[1].tolist()) == ([one[0]], [one[1]])


def test_a_title_without_variants_leaves_the_others_alone() -> None:
    bandit = trained()
    art = Art(random_variants(np.random.default_rng(3), 40), bandit)
    count = np.append(art.count, 0)
    start = np.append(art.start, len(art.aspect))
    titles = np.append(art.titles, 40)
    rng_args = (start, count, art.aspect, np.random.default_rng(4))
    p = bandit.distribution(x_of(0.3), titles, *rng_args)
    without = bandit.distribution(x_of(0.3), *art.args(), np.random.default_rng(4))
    np.testing.assert_array_equal(p[:40], without)
    assert (p[40] == 0).all()


def test_kept_marginals_follow_features_and_learning() -> None:
    bandit = trained()

    def check() -> None:
        fresh = ArtworkBandit.from_arrays(bandit.to_arrays())
        for h in (0.2, 0.9, 0.2):
            kept = bandit.sample_scores(x_of(h), np.random.default_rng(1))
            anew = fresh.sample_scores(x_of(h), np.random.default_rng(1))
            np.testing.assert_array_equal(kept, anew)

    check()
    bandit.observe(x_of(0.2), 1, 30.0)
    check()
    bandit.reward(x_of(0.2), 2, 50.0)
    check()


def test_many_aspects() -> None:
    names = [f"aspect {i}" for i in range(70)]
    bandit = ArtworkBandit(names, 2)
    rng = np.random.default_rng(0)
    variants = [list(rng.choice(names, size=5, replace=False)) for _ in range(30)]
    art = Art(variants, bandit)
    p = bandit.distribution(np.ones(2), *art.args(), rng)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)


def test_titles_without_variants_and_empty_pages() -> None:
    bandit = trained()
    art = Art([["romance", "villain", "mystery"]], bandit)
    count = np.asarray([3, 0])
    start = np.asarray([0, 3])
    pos, prop = bandit.choose(
        x_of(0), np.asarray([1, 0]), start, count, art.aspect, np.random.default_rng(0)
    )
    assert pos[0] == -1 and prop[0] == 1.0
    assert 0 <= pos[1] < 3
    pos, prop = bandit.choose(
        x_of(0), np.asarray([], dtype=np.int64), start, count, art.aspect, np.random.default_rng(0)
    )
    assert pos.shape == prop.shape == (0,)


def test_observe_batches_like_single_impressions_and_reward_keeps_precision() -> None:
    one, batch = ArtworkBandit(ASPECTS, D), ArtworkBandit(ASPECTS, D)
    rng = np.random.default_rng(0)
    x, a, r = rng.random((20, D)), rng.integers(0, len(ASPECTS), 20), rng.random(20) * 30
    for xi, ai, ri in zip(x, a, r, strict=True):
        one.observe(xi, int(ai), float(ri))
    batch.observe(x, a, r)
    np.testing.assert_allclose(one.posterior_mean(), batch.posterior_mean())
    precision = batch.to_arrays()["precision"]
    batch.reward(x[0], int(a[0]), 45.0)
    arrays = batch.to_arrays()
    np.testing.assert_array_equal(arrays["precision"], precision)
    expected = one.to_arrays()["target"][a[0]] + 45.0 * batch.config.reward_scale * x[0]
    np.testing.assert_allclose(arrays["target"][a[0]], expected)
    shared = ArtworkBandit(ASPECTS, D)
    shared.observe(x[0], np.asarray([1, 1, 2]))  # one profile, a page of impressions
    assert shared.impressions.tolist() == [0, 2, 1, 0, 0, 0]


def test_aspect_ids_and_config_checks() -> None:
    bandit = ArtworkBandit(ASPECTS, D)
    assert bandit.aspect_ids(["romance", "villain"]).tolist() == [2, 4]
    with pytest.raises(KeyError, match="sunset"):
        bandit.aspect_ids(["sunset"])
    with pytest.raises(ValueError):
        BanditConfig(epsilon=1.5)
    with pytest.raises(ValueError):
        ArtworkBandit(["a", "a"], 3)
    with pytest.raises(ValueError):
        bandit.choose(np.ones(D + 1), *Art([["romance"]], bandit).args(), np.random.default_rng(0))


def test_profile_features() -> None:
    x = profile_features(np.asarray([0.0, 3.0, -4.0]), hour=20, device="tablet")
    assert len(x) == n_profile_features(3)
    assert x[0] == 1.0
    np.testing.assert_allclose(x[1:4], [0, 0.6, -0.8])
    assert x[4:8].tolist() == [0, 0, 0, 1]  # evening
    assert x[8:].tolist() == [0, 0, 1, 0]
    cold = profile_features(np.zeros(3))
    assert cold.tolist() == [1.0] + [0.0] * (len(cold) - 1)


def test_the_kept_layout_follows_the_artwork_arrays() -> None:
    """The per-title variant tables are kept for the arrays last passed, and made anew for
    other arrays: the same distributions as a fresh bandit's."""
    bandit = trained()
    first = Art(random_variants(np.random.default_rng(1), 30), bandit)
    second = Art(random_variants(np.random.default_rng(2), 50), bandit)
    for art in (first, second, first):
        fresh = ArtworkBandit.from_arrays(bandit.to_arrays())
        kept = bandit.distribution(x_of(0.5), *art.args(), np.random.default_rng(3))
        anew = fresh.distribution(x_of(0.5), *art.args(), np.random.default_rng(3))
        np.testing.assert_array_equal(kept, anew)
    assert bandit._layout(*first.args()[1:]) is bandit._layout(*first.args()[1:])
