"""Artwork personalisation: a contextual bandit picks each tile's artwork variant.

Linear Thompson sampling with one Bayesian linear model per artwork *aspect* ("romance",
"action scene", ...) over the profile's feature vector ``x``: the expected reward (minutes
watched from plays attributed to an impression) of showing aspect ``a`` is ``x . theta_a``,
with ``theta_a ~ N(B_a^-1 f_a, v^2 B_a^-1)``. For a page, ``samples`` posterior draws give
each variant its Thompson probability (how often its aspect wins among the title's
variants); that is mixed with a uniform floor ``epsilon`` and with the *change effect* (a
variant the profile already saw is kept with probability ``stickiness``). The choice is
drawn from exactly that distribution and its probability is returned as the propensity,
so inverse-propensity estimates over the logged impressions are unbiased.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .types import DEVICES

DAYPARTS = 4
"""Hour-of-day buckets in :func:`profile_features`: night, morning, afternoon, evening."""

_Marginals = tuple[tuple[np.ndarray, np.ndarray], bytes, np.ndarray, np.ndarray]

SUBSET_TABLE_MAX_ASPECTS = 15
"""Up to this many aspects (and from :data:`SUBSET_TABLE_MIN_TITLES` titles on), every
aspect's intersections over each half of the aspects' subsets are tabulated."""
SUBSET_TABLE_MIN_TITLES = 12
"""Measured: the half tables cost about what masking the sets of 12 titles does, at 10 to
15 aspects (masking grows with the titles, the tables hardly)."""


@dataclass(frozen=True)
class BanditConfig:
    """How the artwork bandit explores."""

    exploration: float = 1.0
    """Posterior scale v (0: greedy on the posterior mean, ties broken at random)."""
    epsilon: float = 0.05
    """Uniform mixing: every variant keeps probability >= epsilon / k (times 1 - stickiness
    when the title has a previously seen variant)."""
    stickiness: float = 0.8
    """Change effect: probability of keeping the variant the profile already saw."""
    samples: int = 64
    """Posterior draws per page used to compute the Thompson probabilities."""
    prior: float = 1.0
    """Ridge prior: each aspect's precision B starts at prior * I."""
    reward_scale: float = 1.0 / 60.0
    """Rewards passed to observe/reward (minutes) are multiplied by this (-> hours), which
    keeps the posterior means on the scale of the default exploration of 1."""

    def __post_init__(self) -> None:
        """Reject settings outside their ranges."""
        if self.exploration < 0:
            raise ValueError("exploration must be >= 0")
        if not 0 <= self.epsilon <= 1:
            raise ValueError("epsilon must be in [0, 1]")
        if not 0 <= self.stickiness <= 1:
            raise ValueError("stickiness must be in [0, 1]")
        if self.samples < 1:
            raise ValueError("samples must be >= 1")
        if self.prior <= 0:
            raise ValueError("prior must be > 0")


def n_profile_features(n_genres: int) -> int:
    """Length of :func:`profile_features` for a catalog with ``n_genres`` genres."""
    return 1 + n_genres + DAYPARTS + len(DEVICES)


def profile_features(
    genre_affinity: np.ndarray, *, hour: int | None = None, device: str | None = None
) -> np.ndarray:
    """A profile's feature vector: 1, its genre affinities (unit L2 norm), daypart, device.

    ``genre_affinity`` must have one fixed length per catalog (e.g. one entry per genre id);
    an all-zero (cold) profile gets zeros there. Unknown or missing context gives zeros.
    """
    aff = np.asarray(genre_affinity, dtype=np.float64).ravel()
    norm = float(np.linalg.norm(aff))
    x = np.zeros(1 + len(aff) + DAYPARTS + len(DEVICES))
    x[0] = 1.0
    if norm > 1e-12:
        x[1 : 1 + len(aff)] = aff / norm
    base = 1 + len(aff)
    if hour is not None:
        x[base + (int(hour) % 24) // 6] = 1.0
    if device in DEVICES:
        x[base + DAYPARTS + DEVICES.index(device)] = 1.0
    return x


class ArtworkBandit:
    """Linear Thompson sampling over (profile features) x (artwork aspect)."""

    def __init__(
        self, aspects: Sequence[str], n_features: int, config: BanditConfig | None = None
    ) -> None:
        """An untrained bandit over ``aspects`` (distinct names) and ``n_features`` features."""
        self.aspects: tuple[str, ...] = tuple(aspects)
        if len(set(self.aspects)) != len(self.aspects) or not self.aspects:
            raise ValueError("aspects must be distinct and non-empty")
        if n_features < 1:
            raise ValueError("n_features must be >= 1")
        self.aspect_id: dict[str, int] = {a: i for i, a in enumerate(self.aspects)}
        self.n_features = int(n_features)
        self.config = config or BanditConfig()
        n_a, d = len(self.aspects), self.n_features
        self._precision = np.tile(np.eye(d) * self.config.prior, (n_a, 1, 1))
        self._target = np.zeros((n_a, d))
        self._impressions = np.zeros(n_a, dtype=np.int64)
        self._lock = threading.RLock()
        self._cache: tuple[np.ndarray, np.ndarray] | None = None
        """(posterior mean (A, d), inverse Cholesky factor of the precision (A, d, d))."""
        self._marginals_kept: _Marginals | None = None
        """(posterior, features' bytes, centers, spreads) of the latest :meth:`_marginals`."""
        self._layout_kept: tuple[tuple[np.ndarray, ...], _Layout] | None = None
        """(the artwork arrays, their layout) of the latest :meth:`_layout`."""

    # -- aspects ---------------------------------------------------------------------

    def aspect_ids(self, aspect_names: Sequence[str]) -> np.ndarray:
        """Ids of ``aspect_names`` (e.g. the index's ``artwork_aspect``); KeyError if unknown."""
        try:
            return np.fromiter(
                (self.aspect_id[a] for a in aspect_names), dtype=np.int64, count=len(aspect_names)
            )
        except KeyError as err:
            raise KeyError(f"unknown artwork aspect {err.args[0]!r}") from None

    # -- learning --------------------------------------------------------------------

    def observe(
        self,
        features: np.ndarray,
        aspect_id: int | np.ndarray,
        reward: float | np.ndarray = 0.0,
    ) -> None:
        """Record impressions of aspect(s): B += x x^T (and f += r x for a reward in minutes).

        ``features`` is one vector (d,) shared by all, or one per impression (n, d).
        """
        x, a, r = self._batch(features, aspect_id, reward)
        with self._lock:
            for aspect in np.unique(a):
                rows = a == aspect
                xa = x[rows]
                self._precision[aspect] += xa.T @ xa
                self._target[aspect] += r[rows] @ xa
                self._impressions[aspect] += int(rows.sum())
            self._cache = None

    def reward(
        self, features: np.ndarray, aspect_id: int | np.ndarray, reward: float | np.ndarray
    ) -> None:
        """Add a delayed reward (minutes) for impression(s) already observed: f += r x."""
        x, a, r = self._batch(features, aspect_id, reward)
        with self._lock:
            np.add.at(self._target, a, r[:, None] * x)
            self._cache = None

    def _batch(
        self, features: np.ndarray, aspect_id: int | np.ndarray, reward: float | np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Broadcast (features, aspect ids, rewards) to (n, d), (n,), (n,) scaled rewards."""
        a = np.atleast_1d(np.asarray(aspect_id, dtype=np.int64))
        x = np.asarray(features, dtype=np.float64)
        if x.shape[-1] != self.n_features:
            raise ValueError(f"features must have length {self.n_features}, got {x.shape}")
        n = max(len(a), len(x) if x.ndim == 2 else 1)
        x = np.broadcast_to(x, (n, self.n_features))
        a = np.broadcast_to(a, (n,))
        r = np.broadcast_to(np.asarray(reward, dtype=np.float64) * self.config.reward_scale, (n,))
        if n and (a.min() < 0 or a.max() >= len(self.aspects)):
            raise ValueError("aspect id out of range")
        return x, a, r

    def _posterior(self) -> tuple[np.ndarray, np.ndarray]:
        """Posterior mean (A, d) and L^-1 where B = L L^T (A, d, d), cached until an update."""
        with self._lock:
            if self._cache is None:
                chol = np.linalg.cholesky(self._precision)
                chol_inv = np.linalg.inv(chol)
                half = np.einsum("aij,aj->ai", chol_inv, self._target)
                mean = np.einsum("aji,aj->ai", chol_inv, half)
                self._cache = (mean, chol_inv)
            return self._cache

    def posterior_mean(self) -> np.ndarray:
        """Each aspect's posterior mean weights, (n_aspects, d)."""
        return self._posterior()[0].copy()

    @property
    def impressions(self) -> np.ndarray:
        """How many impressions each aspect has been observed with."""
        return self._impressions.copy()

    # -- choosing --------------------------------------------------------------------

    def sample_scores(self, features: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """(samples, n_aspects) Thompson draws of x . theta_a.

        Since only x . theta matters, each is drawn from its exact marginal
        N(x . mu_a, v^2 |L_a^-1 x|^2) rather than by drawing theta_a in full.
        """
        x = np.asarray(features, dtype=np.float64)
        if x.shape != (self.n_features,):
            raise ValueError(f"features must have shape ({self.n_features},), got {x.shape}")
        center, spread = self._marginals(x)
        z = rng.standard_normal((self.config.samples, len(self.aspects)))
        return center + spread * z

    def _marginals(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each aspect's x . mu_a and v |L_a^-1 x|, kept for the latest x and posterior (a
        session asks with the same features again and again)."""
        posterior = self._posterior()
        key = x.tobytes()
        kept = self._marginals_kept
        if kept is not None and kept[0] is posterior and kept[1] == key:
            return kept[2], kept[3]
        mean, chol_inv = posterior
        center = mean @ x
        spread = self.config.exploration * np.sqrt(np.square(chol_inv @ x).sum(axis=1))
        self._marginals_kept = (posterior, key, center, spread)
        return center, spread

    def _draw_ranking(
        self, features: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        """One page's Thompson draws (samples, A) and their random tie-breaking keys.

        Aspects rank by score (best first), ties by key: the order ``np.lexsort((keys,
        -scores))`` gives. Every choice draws both, whatever it then needs of them.
        """
        scores = self.sample_scores(features, rng)
        return scores, rng.random(scores.shape)

    def distribution(
        self,
        features: np.ndarray,
        titles: np.ndarray,
        artwork_start: np.ndarray,
        artwork_count: np.ndarray,
        artwork_aspect_id: np.ndarray,
        rng: np.random.Generator,
        previous: np.ndarray | None = None,
    ) -> np.ndarray:
        """(len(titles), K) probability of each variant; column j is position start + j.

        K is the largest variant count among ``titles``; columns past a title's count are 0.
        Rows sum to 1 (a title without variants has an all-zero row). :meth:`choose` draws
        from exactly this distribution, consuming ``rng`` the same way first.
        """
        return self._distribution(
            features, titles, artwork_start, artwork_count, artwork_aspect_id, rng, previous
        )[0]

    def _distribution(
        self,
        features: np.ndarray,
        titles: np.ndarray,
        artwork_start: np.ndarray,
        artwork_count: np.ndarray,
        artwork_aspect_id: np.ndarray,
        rng: np.random.Generator,
        previous: np.ndarray | None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`distribution`, with each title's first artwork position and variant count."""
        titles = np.asarray(titles, dtype=np.int64)
        n = len(titles)
        scores, keys = self._draw_ranking(features, rng)
        # rank[m, a]: aspect a's place in sample m's order (the inverse of the sort).
        rank = np.lexsort((keys, -scores), axis=-1).argsort(axis=-1)
        layout = self._layout(artwork_start, artwork_count, artwork_aspect_id)
        start, count = layout.start[titles], layout.count[titles]
        if n == 0:
            return np.zeros((0, 0)), start, count
        k_max = int(count.max())
        if k_max == 0:
            return np.zeros((n, 0)), start, count

        # Thompson: the share of samples in which each aspect wins among the title's set,
        # split evenly among the title's variants with that aspect (none past its count).
        shares = _variant_wins(layout, titles, k_max, rank) / len(rank)
        p_ts = shares / _rows(layout.same, titles, k_max)
        p = (1 - self.config.epsilon) * p_ts + _rows(layout.floor, titles, k_max)
        if previous is not None:
            prev = np.asarray(previous, dtype=np.int64) - start
            seen = ((np.asarray(previous) >= 0) & (prev >= 0) & (prev < count)).nonzero()[0]
            if len(seen):
                stick = self.config.stickiness
                p[seen] *= 1 - stick
                p[seen, prev[seen]] += stick
        return p, start, count

    def _layout(
        self, artwork_start: np.ndarray, artwork_count: np.ndarray, artwork_aspect_id: np.ndarray
    ) -> _Layout:
        """The :class:`_Layout` of these artwork arrays, kept for the latest ones (a catalog
        passes its own, fixed arrays every time)."""
        arrays = (artwork_start, artwork_count, artwork_aspect_id)
        kept = self._layout_kept
        if kept is not None and all(a is b for a, b in zip(kept[0], arrays, strict=True)):
            return kept[1]
        layout = _Layout.of(*arrays, n_aspects=len(self.aspects), epsilon=self.config.epsilon)
        self._layout_kept = (arrays, layout)
        return layout

    def choose(
        self,
        features: np.ndarray,
        titles: np.ndarray,
        artwork_start: np.ndarray,
        artwork_count: np.ndarray,
        artwork_aspect_id: np.ndarray,
        rng: np.random.Generator,
        previous: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """For each title index in ``titles``, the artwork position chosen and its propensity.

        ``features``: the profile's feature vector x (d,). ``previous``: per title, the
        artwork position this profile last saw for it, or -1. A title with no variants
        gets position -1 and propensity 1.
        """
        titles = np.asarray(titles, dtype=np.int64)
        if len(titles) == 1:
            pos, propensity = self.choose_one(
                features,
                int(titles[0]),
                artwork_start,
                artwork_count,
                artwork_aspect_id,
                rng,
                -1 if previous is None else int(np.asarray(previous).ravel()[0]),
            )
            return np.asarray([pos], dtype=np.int64), np.asarray([propensity])
        p, start, count = self._distribution(
            features, titles, artwork_start, artwork_count, artwork_aspect_id, rng, previous
        )
        n = len(p)
        if p.shape[1] == 0:
            return np.full(n, -1, dtype=np.int64), np.ones(n)
        # np.cumsum(p, axis=1), column by column: the same additions in the same order, but
        # without numpy's cost per (short) row.
        cdf = p.copy()
        for k in range(1, p.shape[1]):
            cdf[:, k] += cdf[:, k - 1]
        target = (1.0 - rng.random(n)) * cdf[:, -1]
        # Rows of cdf never fall and end at their total >= target, so the first column at or
        # above target is the number of columns below it.
        j = (cdf >= target[:, None]).argmax(axis=1)
        has = count > 0
        positions = np.where(has, start + j, -1)
        propensity = np.where(has, p[np.arange(n), j], 1.0)
        return positions, propensity

    def choose_one(
        self,
        features: np.ndarray,
        title: int,
        artwork_start: np.ndarray,
        artwork_count: np.ndarray,
        artwork_aspect_id: np.ndarray,
        rng: np.random.Generator,
        previous: int = -1,
    ) -> tuple[int, float]:
        """:meth:`choose` for the one title index ``title``: its position and propensity.

        Consumes ``rng`` exactly as :meth:`choose` of ``[title]`` does and returns the same:
        the same draws and the same float operations, in the same order, as
        :meth:`distribution` (so the very same probabilities), without its fixed cost of
        array work.
        """
        scores, keys = self._draw_ranking(features, rng)
        start, k = int(artwork_start[title]), int(artwork_count[title])
        variants: list[int] = np.asarray(artwork_aspect_id[start : start + k]).tolist()
        if not variants:
            return -1, 1.0
        aspects = sorted(set(variants))
        # lexsort is stable and compares (-score, key) pairs alone, so ranking just the
        # title's aspects (in id order, like the full ranking) finds the same winners.
        winner = np.lexsort((keys[:, aspects], -scores[:, aspects]), axis=-1)[:, 0]
        wins = np.bincount(winner, minlength=len(aspects)).tolist()
        share = {a: w / len(scores) for a, w in zip(aspects, wins, strict=True)}
        eps = self.config.epsilon
        p = [(1 - eps) * (share[a] / variants.count(a)) + eps / k for a in variants]
        seen = previous - start
        if previous >= 0 and 0 <= seen < k:
            stick = self.config.stickiness
            p = [v * (1 - stick) for v in p]
            p[seen] += stick
        cdf = list(itertools.accumulate(p))  # sequential sums, as np.cumsum adds
        target = (1.0 - float(rng.random(1)[0])) * cdf[-1]
        j = min(sum(c < target for c in cdf), len(p) - 1)
        return start + j, p[j]

    # -- persistence -----------------------------------------------------------------

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The bandit's state as plain arrays (``np.savez`` them beside the catalog)."""
        with self._lock:
            return {
                "aspects": np.asarray(self.aspects, dtype=np.str_),
                "precision": self._precision.copy(),
                "target": self._target.copy(),
                "impressions": self._impressions.copy(),
            }

    @classmethod
    def from_arrays(
        cls, arrays: Mapping[str, np.ndarray], config: BanditConfig | None = None
    ) -> ArtworkBandit:
        """A bandit restored from :meth:`to_arrays` (the prior in ``config`` is not re-applied)."""
        aspects = [str(a) for a in np.asarray(arrays["aspects"]).tolist()]
        precision = np.asarray(arrays["precision"], dtype=np.float64)
        target = np.asarray(arrays["target"], dtype=np.float64)
        if precision.shape != (len(aspects), target.shape[1], target.shape[1]):
            raise ValueError("inconsistent bandit arrays")
        bandit = cls(aspects, target.shape[1], config)
        bandit._precision = precision.copy()
        bandit._target = target.copy()
        if "impressions" in arrays:
            bandit._impressions = np.asarray(arrays["impressions"], dtype=np.int64).copy()
        return bandit


@dataclass(frozen=True)
class _Layout:
    """Every title's artwork variants as rows of a padded table: catalog constants that
    :meth:`ArtworkBandit.distribution` would otherwise work out again for each page."""

    start: np.ndarray
    """(n,) each title's first artwork position."""
    count: np.ndarray
    """(n,) each title's number of variants."""
    aspect: np.ndarray
    """(n, K) each variant's aspect id (0 past the title's count)."""
    valid: np.ndarray
    """(n, K) whether the title has that variant."""
    sets: np.ndarray
    """(n,) the title's aspects as bits (see :func:`_aspect_sets`)."""
    same: np.ndarray
    """(n, K) float: how many of the title's variants share the variant's aspect (infinite
    past the title's count, where a share divided by it is 0)."""
    floor: np.ndarray
    """(n, K) the uniform share epsilon / count of each variant (0 past the count)."""

    @classmethod
    def of(
        cls,
        artwork_start: np.ndarray,
        artwork_count: np.ndarray,
        artwork_aspect_id: np.ndarray,
        *,
        n_aspects: int,
        epsilon: float,
    ) -> _Layout:
        """The layout of a catalog's artwork arrays (as :class:`TitleIndex` holds them)."""
        start = np.asarray(artwork_start, dtype=np.int64)
        count = np.asarray(artwork_count, dtype=np.int64)
        cols = np.arange(int(count.max()) if len(count) else 0)
        valid = cols < count[:, None]
        pos = np.where(valid, start[:, None] + cols, 0)
        aspect = np.where(valid, np.asarray(artwork_aspect_id, dtype=np.int64)[pos], 0)
        flat = np.arange(len(count))[:, None] * n_aspects + aspect
        same = np.bincount(flat[valid], minlength=len(count) * n_aspects).take(flat)
        return cls(
            start,
            count,
            aspect,
            valid,
            _aspect_sets(aspect, valid, n_aspects),
            np.where(valid, same, np.inf),
            np.where(valid, epsilon / np.maximum(count, 1)[:, None], 0.0),
        )


def _rows(table: np.ndarray, titles: np.ndarray, k: int) -> np.ndarray:
    """``table[titles, :k]`` (a view of the rows taken: numpy's take is some four times
    quicker than indexing rows of a table with an array)."""
    return table.take(titles, axis=0)[:, :k]


def _aspect_sets(asp: np.ndarray, valid: np.ndarray, n_aspects: int) -> np.ndarray:
    """(n,) int64: each row's aspects as bits (aspect a is bit a); zeros past 62 aspects
    (where the subset table is never used)."""
    if n_aspects > 62:
        return np.zeros(len(asp), dtype=np.int64)
    bits = np.where(valid, np.left_shift(np.int64(1), asp), 0)
    return np.bitwise_or.reduce(bits, axis=1)


def _variant_wins(layout: _Layout, titles: np.ndarray, k_max: int, rank: np.ndarray) -> np.ndarray:
    """(n, K): in how many samples each variant's aspect wins among its title's aspects.

    ``layout``: the catalog's artwork; ``titles``: (n,) title indices; ``k_max``: K, their
    largest variant count; ``rank``: (M, A) rank of each aspect in each sample (0 = best, no
    ties). Entries past a title's count are meaningless.
    """
    n_a = rank.shape[1]
    asp = _rows(layout.aspect, titles, k_max)
    if n_a <= SUBSET_TABLE_MAX_ASPECTS and len(asp) >= SUBSET_TABLE_MIN_TITLES:
        return _set_wins(rank, layout.sets[titles], asp)
    n_sets, winner, which = _winners(asp, _rows(layout.valid, titles, k_max), rank)
    set_ids = np.arange(n_sets).repeat(winner.shape[1])
    wins = np.bincount(set_ids * n_a + winner.ravel(), minlength=n_sets * n_a)
    return wins.reshape(n_sets, n_a)[which[:, None], asp]


def _set_wins(rank: np.ndarray, sets: np.ndarray, asp: np.ndarray) -> np.ndarray:
    """(n, K) int64: in how many samples aspect ``asp[t, v]`` ranks no worse than every
    aspect of the set ``sets[t]`` (a bit mask; for an aspect in the set: wins it).

    Each count is of a bit set of samples (64 per uint64 word): the intersection over the
    set's aspects b of "a ranks <= b". The set's low and high bits are looked up apart, in
    tables of every subset of each half (2 x 2^(A/2) entries rather than 2^A), and the two
    intersected.
    """
    n_samples, n_a = rank.shape
    words = -(-n_samples // 64)
    by_aspect = rank.T.copy()
    no_worse = np.zeros((n_a, n_a, 64 * words), dtype=bool)  # padding samples: never
    no_worse[:, :, :n_samples] = by_aspect[:, None, :] <= by_aspect[None, :, :]
    # Only intersections and popcounts follow, so the order of bits in a word is free.
    no_worse_bits = np.packbits(no_worse.ravel()).view(np.uint64).reshape(n_a, n_a, words)
    low = n_a // 2
    low_table = _intersections(no_worse_bits[:, :low]).reshape(-1, words)
    high_table = _intersections(no_worse_bits[:, low:]).reshape(-1, words)
    both = low_table.take((sets & ((1 << low) - 1))[:, None] * n_a + asp, axis=0)
    both &= high_table.take((sets >> low)[:, None] * n_a + asp, axis=0)
    return np.bitwise_count(both).sum(axis=-1, dtype=np.int64)


def _intersections(bits: np.ndarray) -> np.ndarray:
    """(2^B, A, words): for each subset (a bit mask) of the B columns of ``bits`` (A, B,
    words) and each row a, the intersection of row a's bit sets over the subset (all ones
    for the empty one); the table doubles column by column."""
    n_rows, n_cols, words = bits.shape
    table = np.empty((1 << n_cols, n_rows, words), dtype=np.uint64)
    table[0] = ~np.uint64(0)
    for b in range(n_cols):
        lo = 1 << b
        np.bitwise_and(table[:lo], bits[:, b], out=table[lo : 2 * lo])
    return table


def _winners(
    asp: np.ndarray, valid: np.ndarray, rank: np.ndarray
) -> tuple[int, np.ndarray, np.ndarray]:
    """The winning aspect of each distinct aspect set in each sample.

    ``asp``/``valid``: (n, K) variant aspects; ``rank``: (M, A) rank of each aspect in each
    sample (0 = best, no ties). Returns (U, (U, M) winners, (n,) each title's set number).
    """
    n_a = rank.shape[1]
    if n_a <= 62:
        bits = np.where(valid, np.left_shift(np.int64(1), asp), 0)
        keys, which = np.unique(np.bitwise_or.reduce(bits, axis=1), return_inverse=True)
        sets = ((keys[:, None] >> np.arange(n_a)) & 1).astype(bool)
    else:
        member = np.zeros((len(asp), n_a), dtype=bool)
        rows = np.broadcast_to(np.arange(len(asp))[:, None], asp.shape)
        member[rows[valid], asp[valid]] = True
        sets, which = np.unique(member, axis=0, return_inverse=True)
    masked = np.where(sets[:, None, :], rank[None, :, :], n_a)
    return len(sets), masked.argmin(axis=2), which.ravel()
