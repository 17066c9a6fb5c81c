"""Scoring titles for one profile: policy scores, eligibility, tastes, side rankings.

Plain functions over the catalog's index and policies; the session passes its state in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .pages import MatchCalibrator
from .policies import ScoringContext

if TYPE_CHECKING:
    from .catalog import Catalog
    from .policies import Policy
    from .signals import ProfileSignals
    from .title_index import TitleIndex
    from .types import Context

QUIET_STREAM = 0x5EED
"""Side stream for rankings shown beside the page (never the session's own)."""


def genre_affinity(index: TitleIndex, feedback: np.ndarray) -> np.ndarray:
    """Per genre slot, the profile's decayed feedback summed over the genre's titles."""
    return np.bincount(
        index.genre_id, weights=feedback[index.genre_title], minlength=index.genre_slots
    )


def taste_summary(
    index: TitleIndex, feedback: np.ndarray, themes: dict[str, float]
) -> dict[str, list[tuple[str, float]]]:
    """``{"genres": [(name, affinity)], "themes": [(row id, affinity)]}``, strongest first,
    zero entries left out."""
    genre_aff = genre_affinity(index, feedback)
    genres = [
        (index.genres[g].name, float(a))
        for g, a in enumerate(genre_aff)
        if abs(a) > 1e-9 and g in index.genres
    ]
    theme_list = [(str(k), float(v)) for k, v in themes.items() if abs(v) > 1e-9]
    return {
        "genres": sorted(genres, key=lambda x: -x[1]),
        "themes": sorted(theme_list, key=lambda x: -x[1]),
    }


def policy_scores(
    catalog: Catalog,
    policy: Policy,
    state: np.ndarray,
    *,
    signal_count: int,
    rng: np.random.Generator,
    profile_id: int,
    context: Context,
) -> np.ndarray:
    """Every title's score under ``policy`` for a profile in ``state``."""
    return policy.scores(
        state,
        ScoringContext(
            index=catalog.index,
            signal_count=signal_count,
            trending=catalog.trending,
            rng=rng,
            profile_id=profile_id,
            context=context,
        ),
    )


def eligible_titles(index: TitleIndex, maturity_level: int, ratings: dict[int, int]) -> np.ndarray:
    """Titles a home page may show: within the maturity level, thumbs-down hidden."""
    mask = index.maturity <= maturity_level
    for title_id, value in ratings.items():
        if value < 0 and title_id in index.index_of:
            mask[index.index_of[title_id]] = False
    return mask


def calibrated_z(
    scores: np.ndarray, eligible: np.ndarray
) -> tuple[np.ndarray, MatchCalibrator, np.ndarray]:
    """Scores as z-scores over the eligible titles, their % match calibration, and
    ``eligible`` itself."""
    ref = scores[eligible] if eligible.any() else scores
    z = (scores - float(ref.mean())) / max(float(ref.std()), 1e-9)
    return z, MatchCalibrator(z[eligible] if eligible.any() else z), eligible


def quiet_ranking(
    catalog: Catalog,
    policy: Policy,
    signals: ProfileSignals,
    now_ms: int,
    *,
    seed: int,
    profile_id: int,
    context: Context,
    eligible: np.ndarray,
) -> tuple[np.ndarray, MatchCalibrator, np.ndarray]:
    """:func:`calibrated_z` of a fresh fold-in of ``signals``, scored with a side stream:
    no session state or random draw is touched."""
    state = policy.fold_in(signals.feedback_row(now_ms))
    scores = policy_scores(
        catalog,
        policy,
        state,
        signal_count=signals.count,
        rng=np.random.default_rng([seed, profile_id, QUIET_STREAM]),
        profile_id=profile_id,
        context=context,
    )
    return calibrated_z(scores, eligible)


def onboarding_picks(index: TitleIndex, eligible: np.ndarray, n: int) -> list[int]:
    """Up to ``n`` popular eligible title indices, taken in turn across main genres."""
    order = np.argsort(-index.popularity, kind="stable")
    order = order[eligible[order]]
    by_genre: dict[int, list[int]] = {}
    for idx in order[: max(50 * n, 500)]:
        by_genre.setdefault(int(index.main_genre[idx]), []).append(int(idx))
    picks: list[int] = []
    queues = sorted(by_genre.values(), key=lambda q: -index.popularity[q[0]])
    while len(picks) < n and any(queues):
        for queue in queues:
            if queue and len(picks) < n:
                picks.append(queue.pop(0))
    return picks
