"""How the viewing context (device, hour of day) shifts what is worth showing.

A documented prior, in z-score units added to every title's score: short titles on a phone
at lunchtime or on the commute, series to binge on a TV in the evening, family titles in the
afternoon. Each rule carries the reason a tile shows when the rule lifted it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .title_index import TitleIndex
from .types import Context


@dataclass(frozen=True)
class ContextRule:
    """A boost for titles of one shape in one context."""

    devices: tuple[str, ...]
    hours: tuple[int, ...]
    label: str
    """How the context reads in a reason: "on phones at lunchtime"."""
    short_max_min: int | None = None
    """Lift titles (movies, or one episode) at most this long."""
    long_min_min: int | None = None
    """Lower movies longer than this."""
    series: float = 0.0
    """Lift for series."""
    family_max_maturity: int | None = None
    """Lift titles at or below this maturity level."""
    weight: float = 0.6


CONTEXT_RULES: tuple[ContextRule, ...] = (
    ContextRule(
        ("phone",), (11, 12, 13), "on phones at lunchtime", short_max_min=45, long_min_min=110
    ),
    ContextRule(
        ("phone", "tablet"),
        (7, 8, 9, 17, 18),
        "for the commute",
        short_max_min=35,
        long_min_min=120,
        weight=0.5,
    ),
    ContextRule(("tv",), (19, 20, 21, 22, 23, 0), "on TV tonight", series=0.4, weight=0.5),
    ContextRule(
        ("tv", "tablet"),
        (15, 16, 17),
        "with the family this afternoon",
        family_max_maturity=1,
        weight=0.4,
    ),
    ContextRule(
        ("laptop",),
        (22, 23, 0, 1, 2),
        "for a late night on the laptop",
        long_min_min=None,
        series=0.3,
        weight=0.3,
    ),
)
"""The rules, first match wins."""


def rule_for(context: Context) -> ContextRule | None:
    """The rule that applies to ``context``, if any."""
    for rule in CONTEXT_RULES:
        if context.device in rule.devices and context.hour in rule.hours:
            return rule
    return None


def context_boost(index: TitleIndex, context: Context) -> tuple[np.ndarray, str | None]:
    """Per-title z-score shift for ``context`` and the label for reasons (None: no rule)."""
    rule = rule_for(context)
    boost = np.zeros(index.n)
    if rule is None:
        return boost, None
    if rule.short_max_min is not None:
        boost += np.where(index.runtime_min <= rule.short_max_min, rule.weight, 0.0)
    if rule.long_min_min is not None:
        long_movie = (~index.is_series) & (index.runtime_min > rule.long_min_min)
        boost -= np.where(long_movie, rule.weight, 0.0)
    if rule.series:
        boost += np.where(index.is_series, rule.series, 0.0)
    if rule.family_max_maturity is not None:
        boost += np.where(index.maturity <= rule.family_max_maturity, rule.weight, 0.0)
    return boost, rule.label
