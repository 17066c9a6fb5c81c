"""The crowd: background profiles with hidden tastes, and what each of them played.

Their plays teach the collaborative-filtering model the catalog's taste structure. Each
crowd profile plays 15 to 40 titles drawn without replacement with probability
proportional to ``softmax(TEMPERATURE * affinity) * popularity``, where
``affinity = taste @ title_vector``; :mod:`.history` turns the plays into rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .ground_truth import DIM_INDEX, sample_taste
from .history import HISTORY_DAYS, HistoryRows, Window, add_history
from .sampling import successive_sample
from .titles import CATALOG_DAYS
from .vocabulary import DEVICE_WEIGHTS, DEVICES, GENRES, TASTE_DIMS

CROWD_MIN, CROWD_MAX = 300, 6000
PLAYS_MIN, PLAYS_MAX = 15, 40
WISHES = 3
"""Extra titles drawn after the plays, candidates for My List."""
TEMPERATURE = 6.0
"""Sharpness of the crowd's preference for titles matching its taste."""
KIDS_SHARE = 0.1
"""Share of crowd profiles that are kids: family taste, maturity level 1 (0..1 titles)."""
NO_FOCUS_SHARE = 0.2
"""Share of grown-up crowd profiles whose taste has no focus dimension."""
_CELLS_PER_CHUNK = 4_000_000
"""Profiles x titles affinities computed at once."""


def crowd_size(titles: int) -> int:
    """How many crowd profiles a catalog of ``titles`` titles gets."""
    return min(CROWD_MAX, max(CROWD_MIN, titles // 4))


@dataclass
class CrowdPlan:
    """Crowd profiles, their tastes and their history rows, ready to write."""

    profiles: list[dict[str, Any]] = field(default_factory=list)
    tastes: np.ndarray = field(default_factory=lambda: np.zeros((0, len(TASTE_DIMS))))
    history: HistoryRows = field(default_factory=HistoryRows)


def _focus(rng: np.random.Generator, kids: bool) -> str | None:
    """A taste focus: family for kids; else a genre family (by catalog share), a mood, or none."""
    if kids:
        return "family"
    if rng.random() < NO_FOCUS_SHARE:
        return None
    weights = np.full(len(TASTE_DIMS), 0.03)
    for g in GENRES:
        weights[DIM_INDEX[g.dim]] += g.share
    return TASTE_DIMS[int(rng.choice(len(TASTE_DIMS), p=weights / weights.sum()))]


def plan_crowd(
    rng: np.random.Generator,
    *,
    count: int,
    first_profile_id: int,
    title_vectors: np.ndarray,
    popularity: np.ndarray,
    added_day: np.ndarray,
    maturity_level: np.ndarray,
    runtime_min: np.ndarray,
    epoch_ms: int,
    progress: Callable[[int, int], None] | None = None,
) -> CrowdPlan:
    """Profiles ``first_profile_id`` .. ``first_profile_id + count - 1`` and their history.

    Session ids are 1..count (one per crowd profile); event ids start at 1.
    ``progress(done, count)`` is called after each batch of profiles.
    """
    n = len(popularity)
    kids = rng.random(count) < KIDS_SHARE
    tastes = [sample_taste(rng, _focus(rng, bool(k))) for k in kids]
    devices = [DEVICES[d] for d in rng.choice(len(DEVICES), size=count, p=DEVICE_WEIGHTS)]
    plan = CrowdPlan(
        profiles=[
            {
                "id": first_profile_id + j,
                "name": f"Crowd {j + 1:05d}",
                "maturity_level": 1 if kids[j] else 4,
                "device": devices[j],
                "kind": "crowd",
            }
            for j in range(count)
        ],
        tastes=np.stack(tastes) if tastes else np.zeros((0, len(TASTE_DIMS))),
    )

    # a title can be watched from the day after it arrived
    first_day = np.maximum(added_day - (CATALOG_DAYS - HISTORY_DAYS) + 1, 0)
    window = Window(epoch_ms=epoch_ms, first_day=first_day, runtime_min=runtime_min)
    watchable = first_day < HISTORY_DAYS
    prior = (popularity + 0.01).astype(np.float32)
    prior_adult = np.where(watchable, prior, 0.0).astype(np.float32)
    prior_kids = np.where(watchable & (maturity_level <= 1), prior, 0.0).astype(np.float32)
    open_adult, open_kids = np.count_nonzero(prior_adult), np.count_nonzero(prior_kids)
    wanted = rng.integers(PLAYS_MIN, PLAYS_MAX + 1, size=count)
    vectors = np.ascontiguousarray(title_vectors.T, dtype=np.float32)
    tastes32 = plan.tastes.astype(np.float32)

    chunk = max(1, _CELLS_PER_CHUNK // max(n, 1))
    event_id = 1
    for lo in range(0, count, chunk):
        hi = min(count, lo + chunk)
        affinity = tastes32[lo:hi] @ vectors
        weights = np.exp(np.float32(TEMPERATURE) * affinity)
        weights *= np.where(kids[lo:hi, None], prior_kids, prior_adult)
        for r, j in enumerate(range(lo, hi)):
            k = int(wanted[j])
            available = int(open_kids if kids[j] else open_adult)
            picks = successive_sample(rng, weights[r], k + WISHES, available)
            event_id = add_history(
                rng,
                plan.history,
                window,
                profile_id=first_profile_id + j,
                session_id=j + 1,
                device=devices[j],
                plays=picks[:k],
                wishes=picks[k:],
                affinity=affinity[r],
                event_id=event_id,
            )
        if progress is not None:
            progress(hi, count)
    return plan
