"""Viewer profiles: the people in the picker, one of them a kids profile."""

from __future__ import annotations

from typing import Any

import numpy as np

from .naming import NamePools
from .vocabulary import DEVICES

KIDS_PROFILE_NAME = "Kids"
"""Name of the kids profile (maturity level 0), added when there are at least 3 profiles."""


def plan_viewers(rng: np.random.Generator, count: int, pools: NamePools) -> list[dict[str, Any]]:
    """``count`` viewer profiles with ids 1..count; the last is "Kids" when count >= 3."""
    adults = count - 1 if count >= 3 else count
    picks = rng.permutation(len(pools.first_names))
    names: list[str] = []
    for i in picks.tolist():
        if len(names) >= adults:
            break
        name = pools.first_names[i]
        if name != KIDS_PROFILE_NAME and name not in names:
            names.append(name)
    rows = [
        {
            "id": i + 1,
            "name": name,
            "maturity_level": 4,
            "device": "tv" if i == 0 else DEVICES[int(rng.integers(len(DEVICES)))],
            "kind": "viewer",
        }
        for i, name in enumerate(names)
    ]
    if count >= 3:
        rows.append(
            {
                "id": count,
                "name": KIDS_PROFILE_NAME,
                "maturity_level": 0,
                "device": "tablet",
                "kind": "viewer",
            }
        )
    return rows
