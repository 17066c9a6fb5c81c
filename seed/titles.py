"""Titles: kind, genres, tags, year, length, maturity, popularity and date added.

Everything is drawn column-wise with numpy; :class:`TitlePlan` holds the result as parallel
arrays indexed by title position (the title's id is its position + 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .naming import NamePools, synopses, title_names
from .sampling import gumbel_top
from .vocabulary import (
    GENRE_INDEX,
    GENRES,
    KIDS,
    KIDS_SERIES_RATINGS,
    MOVIE_RATINGS,
    SERIES_RATINGS,
    TAGS,
)

CATALOG_DAYS = 730
"""``added_day`` runs from 0 (two years before the catalog epoch) to 730 (the epoch day)."""

RECENT_DAYS = 30
"""Titles added in the last this many days count as recent."""

GENRE_COUNT_P = (0.35, 0.45, 0.20)
"""Chance of a title having 1, 2 or 3 genres."""

TAG_COUNT_P = (0.25, 0.35, 0.25, 0.15)
"""Chance of a title having 2, 3, 4 or 5 tags."""

GENRE_RANK_WEIGHT = (1.0, 0.5, 0.3)

ALL_AGES_GENRE = "Documentary"
"""Besides kids' titles, only this main genre may be rated for all ages (level 0)."""
"""How much each of a title's genres (main first) weighs in its tags and taste vector."""


@dataclass(frozen=True)
class TitlePlan:
    """Every title as parallel columns (position i is title id i + 1)."""

    name: list[str]
    synopsis: list[str]
    series: np.ndarray
    """bool: a series (else a movie)."""
    year: np.ndarray
    runtime_min: np.ndarray
    seasons: np.ndarray
    """Seasons of a series, 0 for movies."""
    episodes: np.ndarray
    """Episodes of a series in all seasons, 0 for movies."""
    maturity: list[str]
    maturity_level: np.ndarray
    popularity: np.ndarray
    added_day: np.ndarray
    genres: np.ndarray
    """[n, 3] genre positions, main first, -1 where a title has fewer."""
    tag_title: np.ndarray
    """Title position of each (title, tag) link."""
    tag_index: np.ndarray
    """Tag position of each (title, tag) link."""

    @property
    def n(self) -> int:
        """Number of titles."""
        return len(self.name)

    @property
    def main_genre(self) -> np.ndarray:
        """Main genre position of each title."""
        return self.genres[:, 0]

    def has_genre(self, genre: int) -> np.ndarray:
        """bool per title: whether it has genre position ``genre``."""
        return (self.genres == genre).any(axis=1)


def _quota(n: int, shares: np.ndarray) -> np.ndarray:
    """Counts summing to ``n`` proportional to ``shares`` (largest remainder)."""
    exact = shares / shares.sum() * n
    counts = np.floor(exact).astype(np.int64)
    rest = np.argsort(-(exact - counts), kind="stable")[: n - counts.sum()]
    counts[rest] += 1
    return counts


def _pick_rows(rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each row index, a category drawn from ``probs[row]``."""
    cum = np.cumsum(probs, axis=1)
    cum /= cum[:, -1:]
    u = rng.random(len(rows))
    return (u[:, None] > cum[rows]).sum(axis=1)


def _genres(rng: np.random.Generator, n: int) -> np.ndarray:
    shares = np.asarray([g.share for g in GENRES])
    main = np.repeat(np.arange(len(GENRES)), _quota(n, shares))
    main = rng.permutation(main)
    second = np.zeros((len(GENRES), len(GENRES)))
    for i, spec in enumerate(GENRES):
        for other, w in spec.secondary.items():
            second[i, GENRE_INDEX[other]] = w
    order = gumbel_top(rng, second[main])[:, :2]
    has_weight = np.take_along_axis(second[main], order, axis=1) > 0
    count = rng.choice(3, size=n, p=GENRE_COUNT_P)
    genres = np.full((n, 3), -1, dtype=np.int64)
    genres[:, 0] = main
    for slot in (1, 2):
        keep = (count >= slot) & has_weight[:, slot - 1]
        genres[keep, slot] = order[keep, slot - 1]
    return genres


def _maturity(
    rng: np.random.Generator, genres: np.ndarray, series: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    main = genres[:, 0]
    probs = np.asarray([g.maturity for g in GENRES])
    level = _pick_rows(rng, probs, main)
    kids = (genres == GENRE_INDEX[KIDS]).any(axis=1)
    level = np.where(kids, np.minimum(level, 1), level)
    # level 0 (what the kids profile sees) is for kids' titles and documentaries only
    all_ages = kids | (main == GENRE_INDEX[ALL_AGES_GENRE])
    level = np.where(all_ages, level, np.maximum(level, 1))
    coin = rng.random(len(level)) < 0.5
    movie_fix = ~series & (level == 3)
    level[movie_fix] = np.where(coin[movie_fix], 2, 4)
    series_fix = series & ~kids & (level == 1)
    level[series_fix] = np.where(coin[series_fix] & all_ages[series_fix], 0, 2)
    labels = [
        (KIDS_SERIES_RATINGS[lv] if k else SERIES_RATINGS[lv]) if s else MOVIE_RATINGS[lv]
        for lv, k, s in zip(level.tolist(), kids.tolist(), series.tolist(), strict=True)
    ]
    return level, labels


def _tags(
    rng: np.random.Generator, genres: np.ndarray, series: np.ndarray, level: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    n = len(series)
    affinity = np.zeros((len(GENRES), len(TAGS)))
    forbidden = np.zeros((len(GENRES), len(TAGS)), dtype=bool)
    for t, tag in enumerate(TAGS):
        for g, w in tag.genres.items():
            affinity[GENRE_INDEX[g], t] = w
        for g in tag.never_with:
            forbidden[GENRE_INDEX[g], t] = True
    weights = np.zeros((n, len(TAGS)))
    blocked = np.zeros((n, len(TAGS)), dtype=bool)
    for slot, rank_weight in enumerate(GENRE_RANK_WEIGHT):
        present = genres[:, slot] >= 0
        g = genres[present, slot]
        weights[present] += rank_weight * affinity[g]
        blocked[present] |= forbidden[g]
    series_only = np.asarray([t.series_only for t in TAGS])
    adult_only = np.asarray([not t.kids_ok for t in TAGS])
    blocked |= series_only[None, :] & ~series[:, None]
    blocked |= adult_only[None, :] & (level[:, None] <= 1)
    weights[blocked] = 0.0
    weights[:, series_only] *= 1.5
    order = gumbel_top(rng, weights)
    available = (weights > 0).sum(axis=1)
    count = np.minimum(rng.choice(4, size=n, p=TAG_COUNT_P) + 2, available)
    take = np.arange(len(TAGS))[None, :] < count[:, None]
    tag_title = np.broadcast_to(np.arange(n)[:, None], order.shape)[take]
    return tag_title, order[take]


def _lengths(
    rng: np.random.Generator, main: np.ndarray, series: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(main)
    movie_lo = np.asarray([g.movie_minutes[0] for g in GENRES])[main]
    movie_hi = np.asarray([g.movie_minutes[1] for g in GENRES])[main]
    movie = rng.normal((movie_lo + movie_hi) / 2, (movie_hi - movie_lo) / 3)
    kids = main == GENRE_INDEX[KIDS]
    movie = np.where(kids, np.clip(movie, 70, 100), np.clip(movie, 80, 160))
    ep_lo = np.asarray([g.episode_minutes[0] for g in GENRES])[main]
    ep_hi = np.asarray([g.episode_minutes[1] for g in GENRES])[main]
    episode = rng.integers(ep_lo, ep_hi + 1)
    runtime = np.where(series, episode, np.rint(movie)).astype(np.int64)
    seasons = np.minimum(rng.geometric(0.45, size=n), 8)
    per_lo = np.asarray([g.episodes_per_season[0] for g in GENRES])[main]
    per_hi = np.asarray([g.episodes_per_season[1] for g in GENRES])[main]
    per_season = rng.integers(per_lo, per_hi + 1)
    episodes = seasons * per_season - rng.integers(0, np.maximum(per_season // 3, 1))
    seasons = np.where(series, seasons, 0)
    episodes = np.where(series, np.maximum(episodes, seasons), 0)
    return runtime, seasons, episodes


def _dates(
    rng: np.random.Generator, n: int, series: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``added_day``, ``year`` and whether the title is a recent addition."""
    recent = rng.random(n) < 0.08
    days_ago = np.where(
        recent,
        rng.integers(0, RECENT_DAYS + 1, n),
        rng.integers(RECENT_DAYS + 1, CATALOG_DAYS + 1, n),
    )
    added_day = CATALOG_DAYS - days_ago
    # the catalog epoch (day 730) is 2026-01-01; day 0 is 2024-01-02
    year_cap = 2024 + (added_day >= 365) + (added_day >= CATALOG_DAYS)
    age = np.floor(rng.exponential(np.where(series, 5.0, 8.0)))
    classic = rng.random(n) < 0.08
    year = np.where(classic, rng.integers(1970, 2011, n), year_cap - age)
    year = np.where(recent & (rng.random(n) < 0.75), year_cap, year)
    year = np.clip(np.minimum(year, year_cap), 1970, 2026).astype(np.int64)
    return added_day.astype(np.int64), year, recent


def _popularity(rng: np.random.Generator, year: np.ndarray, recent: np.ndarray) -> np.ndarray:
    raw = rng.lognormal(0.0, 1.0, len(year))
    raw *= np.where(recent, 1.8, 1.0)
    raw *= 0.5 + 0.5 * np.exp(-np.maximum(2025 - year, 0) / 15.0)
    scale = float(np.quantile(raw, 0.99)) if len(raw) > 1 else float(raw.max())
    return np.round(np.tanh(raw / max(scale, 1e-9)), 4)


def plan_titles(rng: np.random.Generator, n: int, pools: NamePools) -> TitlePlan:
    """Draw ``n`` titles."""
    genres = _genres(rng, n)
    main = genres[:, 0]
    series_share = np.asarray([g.series_share for g in GENRES])
    series = rng.random(n) < series_share[main]
    level, labels = _maturity(rng, genres, series)
    tag_title, tag_index = _tags(rng, genres, series, level)
    runtime, seasons, episodes = _lengths(rng, main, series)
    added_day, year, recent = _dates(rng, n, series)
    popularity = _popularity(rng, year, recent)
    tones = [GENRES[g].tone for g in main.tolist()]
    names, firsts = title_names(rng, tones, pools)
    texts = synopses(rng, main.tolist(), firsts, pools)
    return TitlePlan(
        name=names,
        synopsis=texts,
        series=series,
        year=year,
        runtime_min=runtime,
        seasons=seasons,
        episodes=episodes,
        maturity=labels,
        maturity_level=level.astype(np.int64),
        popularity=popularity,
        added_day=added_day,
        genres=genres,
        tag_title=tag_title,
        tag_index=tag_index,
    )
