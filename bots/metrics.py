"""Per-policy metrics of bot sessions, with 95 % percentile-bootstrap intervals over bots.

Every metric but coverage is a ratio of per-bot sums (plays over sessions, minutes over
sessions, ...), so a bootstrap resample draws bots with replacement and recomputes the ratio
on their sessions; the interval is the 2.5 and 97.5 percentiles of :data:`RESAMPLES`
resamples. Catalogue coverage (a union over bots) takes a jackknife interval instead.
The resamples come from a generator seeded by the run's seed, and every policy uses the same
resampled bots (the bots are the same under every policy), so results are deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .state import SessionRecord

RESAMPLES = 2000
"""Bootstrap resamples per metric."""


PerBot = Callable[[Sequence[SessionRecord]], tuple[float, float]]
"""One bot's sessions -> (numerator, denominator) of a ratio metric."""


@dataclass(frozen=True)
class Metric:
    """A metric: its JSON key, what it means, and how it reads one bot's sessions."""

    key: str
    label: str
    unit: str
    per_bot: PerBot | None
    """One bot's (numerator, denominator); ``None`` for catalogue coverage (a union)."""
    digits: int = 3


def _ratio(num: Callable[[SessionRecord], float], den: Callable[[SessionRecord], float]) -> PerBot:
    def per_bot(records: Sequence[SessionRecord]) -> tuple[float, float]:
        return float(sum(num(r) for r in records)), float(sum(den(r) for r in records))

    return per_bot


def _calibration(records: Sequence[SessionRecord]) -> tuple[float, float]:
    """Pearson correlation of the % match shown with the bot's true affinity (1 weight)."""
    match = np.fromiter((m for r in records for m in r.match_shown), dtype=np.float64)
    affinity = np.fromiter((a for r in records for a in r.match_affinity), dtype=np.float64)
    if len(match) < 3 or match.std() == 0 or affinity.std() == 0:
        return 0.0, 0.0
    return float(np.corrcoef(match, affinity)[0, 1]), 1.0


def _one(_: SessionRecord) -> float:
    return 1.0


METRICS: tuple[Metric, ...] = (
    Metric(
        "watch_minutes_per_session",
        "watch minutes / session",
        "min",
        _ratio(lambda r: r.watch_s / 60.0, _one),
        1,
    ),
    Metric("play_rate", "play rate", "", _ratio(lambda r: float(r.played), _one)),
    Metric("abandonment_rate", "abandonment rate", "", _ratio(lambda r: float(r.abandoned), _one)),
    Metric(
        "time_to_first_play_s",
        "time to first play",
        "s",
        _ratio(lambda r: r.first_play_s or 0.0, lambda r: float(r.played)),
        1,
    ),
    Metric(
        "titles_reviewed_per_session",
        "titles reviewed / session",
        "",
        _ratio(lambda r: float(r.reviewed), _one),
        1,
    ),
    Metric(
        "home_watch_share",
        "watch time from home rows",
        "",
        _ratio(lambda r: r.home_watch_s, lambda r: r.watch_s),
    ),
    Metric("match_calibration", "% match calibration (r)", "", _calibration),
    Metric("catalog_coverage", "catalogue coverage", "", None),
    Metric(
        "intra_page_diversity",
        "intra-page diversity",
        "",
        _ratio(lambda r: float(sum(r.page_diversity)), lambda r: float(len(r.page_diversity))),
    ),
    Metric(
        "page_views_per_session",
        "page views / session",
        "",
        _ratio(lambda r: float(r.page_views), _one),
        2,
    ),
)
"""Every metric, in report order."""

METRIC_KEYS = tuple(m.key for m in METRICS)


@dataclass(frozen=True)
class Estimate:
    """A point estimate and its 95 % interval."""

    mean: float
    lo: float
    hi: float

    def to_json(self) -> dict[str, object]:
        """``{"mean": x, "ci95": [lo, hi]}``."""
        return {"mean": self.mean, "ci95": [self.lo, self.hi]}

    def overlaps(self, other: Estimate) -> bool:
        """Whether the two intervals overlap."""
        return self.lo <= other.hi and other.lo <= self.hi


def _round(x: float, digits: int = 6) -> float:
    return float(round(x, digits)) if np.isfinite(x) else float("nan")


def _estimate(point: float, samples: np.ndarray) -> Estimate:
    finite = samples[np.isfinite(samples)]
    if not np.isfinite(point) or not len(finite):
        return Estimate(_round(point), float("nan"), float("nan"))
    lo, hi = np.percentile(finite, [2.5, 97.5])
    return Estimate(_round(point), _round(float(lo)), _round(float(hi)))


def bootstrap_weights(bots: int, seed: int, resamples: int = RESAMPLES) -> np.ndarray:
    """[resamples, bots] how many times each bot is drawn in each resample."""
    rng = np.random.default_rng(np.random.SeedSequence((seed, 0xB007)))
    draws = rng.integers(0, bots, size=(resamples, bots))
    weights = np.zeros((resamples, bots))
    np.add.at(weights, (np.repeat(np.arange(resamples), bots), draws.ravel()), 1.0)
    return weights


def policy_metrics(
    by_bot: Sequence[Sequence[SessionRecord]],
    *,
    catalog_size: int,
    weights: np.ndarray,
) -> dict[str, Estimate]:
    """Every metric of one policy from its bots' sessions (``by_bot[i]``: bot i's)."""
    out: dict[str, Estimate] = {}
    for metric in METRICS:
        if metric.per_bot is None:
            out[metric.key] = _coverage(by_bot, catalog_size)
            continue
        out[metric.key] = _estimate(*_ratio_and_resamples(metric.per_bot, by_bot, weights))
    return out


def _ratio_and_resamples(
    per_bot: PerBot, by_bot: Sequence[Sequence[SessionRecord]], weights: np.ndarray
) -> tuple[float, np.ndarray]:
    """A metric's ratio of sums over the bots, and its value in each bootstrap resample."""
    pairs = np.asarray([per_bot(records) for records in by_bot], dtype=np.float64)
    num, den = pairs[:, 0], pairs[:, 1]
    point = num.sum() / den.sum() if den.sum() > 0 else float("nan")
    with np.errstate(invalid="ignore", divide="ignore"):
        return point, (weights @ num) / (weights @ den)


def _sessions_by_bot(
    records: Sequence[SessionRecord], policy: str, bots: int
) -> list[list[SessionRecord]]:
    """Each bot's sessions under ``policy``, in session order (``[i]``: bot i's)."""
    by_bot: list[list[SessionRecord]] = [[] for _ in range(bots)]
    for r in records:
        if r.policy == policy and r.bot < bots:
            by_bot[r.bot].append(r)
    return [sorted(sessions, key=lambda r: r.session) for sessions in by_bot]


def paired_difference(
    records: Sequence[SessionRecord],
    low: str,
    high: str,
    *,
    bots: int,
    seed: int,
    key: str = "watch_minutes_per_session",
    resamples: int = RESAMPLES,
) -> Estimate:
    """``high``'s metric ``key`` minus ``low``'s, with the 95 % interval of the paired
    bootstrap: each resample draws the same bots for both policies (the same personas
    met both), so the interval is the difference's own, tighter than the two policies'
    intervals side by side. The resamples are :func:`summarize`'s."""
    metric = next(m for m in METRICS if m.key == key)
    if metric.per_bot is None:
        raise ValueError(f"{key} has no per-bot form to pair")
    weights = bootstrap_weights(bots, seed, resamples)
    lo_point, lo_samples = _ratio_and_resamples(
        metric.per_bot, _sessions_by_bot(records, low, bots), weights
    )
    hi_point, hi_samples = _ratio_and_resamples(
        metric.per_bot, _sessions_by_bot(records, high, bots), weights
    )
    return _estimate(hi_point - lo_point, hi_samples - lo_samples)


def _coverage(by_bot: Sequence[Sequence[SessionRecord]], catalog_size: int) -> Estimate:
    """Share of the catalogue shown to at least one bot (first screens, titles looked at).

    A union is biased under the bootstrap (a resample holds fewer distinct bots), so its
    interval is the leave-one-bot-out jackknife's: point +- 1.96 standard errors.
    """
    counts: dict[int, int] = {}
    per_bot = [{t for r in records for t in r.shown} for records in by_bot]
    for titles in per_bot:
        for t in titles:
            counts[t] = counts.get(t, 0) + 1
    if not counts or catalog_size <= 0:
        return Estimate(0.0, 0.0, 0.0)
    point = len(counts) / catalog_size
    bots = len(per_bot)
    if bots < 2:
        return Estimate(_round(point), float("nan"), float("nan"))
    leave_out = np.asarray(
        [(len(counts) - sum(counts[t] == 1 for t in titles)) / catalog_size for titles in per_bot]
    )
    se = float(np.sqrt((bots - 1) / bots * ((leave_out - leave_out.mean()) ** 2).sum()))
    return Estimate(_round(point), _round(point - 1.96 * se), _round(point + 1.96 * se))


def summarize(
    records: Sequence[SessionRecord],
    *,
    policies: Sequence[str],
    bots: int,
    catalog_size: int,
    seed: int,
    resamples: int = RESAMPLES,
) -> dict[str, dict[str, Estimate]]:
    """Metrics per policy (in ``policies`` order) from every session record."""
    weights = bootstrap_weights(bots, seed, resamples)
    return {
        policy: policy_metrics(
            _sessions_by_bot(records, policy, bots), catalog_size=catalog_size, weights=weights
        )
        for policy in policies
    }


__all__ = [
    "METRICS",
    "METRIC_KEYS",
    "RESAMPLES",
    "Estimate",
    "Metric",
    "bootstrap_weights",
    "paired_difference",
    "policy_metrics",
    "summarize",
]
