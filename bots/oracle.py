"""The ``oracle`` policy: scores every title by the bot's true utility (bots only).

It reads the hidden ground truth, so it exists only where bots run: importing this module
registers it with the engine, and the runner tells it each bot profile's taste with
:func:`install`. It is the upper bound a learned policy can approach. A profile it does
not know gets the popular order.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from netflix_sim.engine.policies import Policy, ScoringContext, register_policy

from .truth import GroundTruth

_tastes: dict[int, np.ndarray] = {}
_truth: GroundTruth | None = None


def install(truth: GroundTruth, tastes: Mapping[int, np.ndarray]) -> None:
    """Give the oracle the ground truth and the taste of each bot profile (by profile id)."""
    global _truth
    _truth = truth
    _tastes.update({int(k): np.asarray(v, dtype=np.float32) for k, v in tastes.items()})


def uninstall() -> None:
    """Forget every taste (tests)."""
    global _truth
    _truth = None
    _tastes.clear()


@register_policy
class OraclePolicy(Policy):
    """True affinity of the profile's hidden taste for each title (the ground truth)."""

    name = "oracle"

    def fold_in(self, feedback_row: object) -> np.ndarray:
        """No state: the scores come from the ground truth."""
        return np.zeros(0, dtype=np.float32)

    def scores(self, state: np.ndarray, ctx: ScoringContext) -> np.ndarray:
        """The bot's true utility of each title, in the index's order: ``taste @
        title_vector`` plus popularity's pull (popularity when the profile is unknown)."""
        taste = _tastes.get(int(ctx.profile_id))
        truth = _truth
        if taste is None or truth is None:
            return np.asarray(ctx.index.popularity_z, dtype=np.float64).copy()
        ids = np.asarray(ctx.index.ids, dtype=np.int64)
        title_ids = truth.vectors.title_ids
        pos = np.clip(np.searchsorted(title_ids, ids), 0, len(title_ids) - 1)
        known = title_ids[pos] == ids
        utility = truth.title_utility(taste)[pos]
        return np.where(known, utility, -2.0).astype(np.float64)


__all__ = ["OraclePolicy", "install", "uninstall"]
