"""Recommendation policies by name: each turns a profile's state into a score per title."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .recommender import AlsRecommender
from .title_index import TitleIndex

PRIOR_WEIGHT = 0.15
"""Weight of the popularity prior for a profile with no signals; it fades as signals come."""


@dataclass(frozen=True)
class ScoringInput:
    """What a policy may look at."""

    index: TitleIndex
    recommender: AlsRecommender
    user_vector: np.ndarray
    signal_count: int
    trending: np.ndarray
    rng: np.random.Generator


def als_scores(inp: ScoringInput) -> np.ndarray:
    """ALS preference plus a popularity prior that fades with the profile's signals."""
    cf = inp.recommender.scores(inp.user_vector).astype(np.float64)
    spread = float(cf.std())
    if spread < 1e-9:  # a cold profile: the popular page
        return PRIOR_WEIGHT * inp.index.popularity_z
    weight = PRIOR_WEIGHT * spread / (1.0 + inp.signal_count / 4.0)
    return cf + weight * inp.index.popularity_z


def popular_scores(inp: ScoringInput) -> np.ndarray:
    """Prior popularity and recent plays, the same for everyone."""
    trend = np.log1p(inp.trending)
    trend_z = (trend - trend.mean()) / max(float(trend.std()), 1e-9)
    return inp.index.popularity_z + 0.5 * trend_z


def random_scores(inp: ScoringInput) -> np.ndarray:
    """Uniformly random scores: the baseline every policy must beat."""
    return inp.rng.random(inp.index.n)


POLICIES: dict[str, Callable[[ScoringInput], np.ndarray]] = {
    "als": als_scores,
    "popular": popular_scores,
    "random": random_scores,
}
"""Policies by name; ``als`` is the default."""
