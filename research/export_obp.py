"""Open Bandit Pipeline export: the artwork bandit's logged feedback, one round per impression.

The decision with logged propensities is the artwork shown on a tile, so:

- a **round** is one impression (a tile's first exposure on a page);
- an **action** is the artwork *variant number* shown (``artwork.variant``, 0-8; a title's
  variants are numbered from 0), so ``n_actions`` is the largest variant number + 1;
- a **position** is the tile's column on its row (``col_pos``, 0 = leftmost);
- the **reward** is 1 when the viewer started playing the title from that very tile
  (same page, row and column), else 0; ``minutes`` holds the minutes watched from it;
- ``pscore`` is the logged propensity of the variant shown;
- ``context`` is one row per round: daypart (4 one-hot), device (4 one-hot), row
  position, column position, and the tile's score (names in ``context_names``);
- ``action_context`` is the identity (one-hot variant number), OBP's own default.

The file is an ``.npz`` (no pickles) of OBP's ``bandit_feedback`` keys plus ids;
:func:`load` returns the dict OBP's estimators take (``n_rounds``/``n_actions`` as ints).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from netflix_sim.engine.artwork import DAYPARTS
from netflix_sim.engine.types import DEVICES

from .atomic import atomic_file
from .schema import SCHEMA_VERSION

CONTEXT_NAMES: tuple[str, ...] = (
    "daypart_night",
    "daypart_morning",
    "daypart_afternoon",
    "daypart_evening",
    *(f"device_{d}" for d in DEVICES),
    "row_pos",
    "col_pos",
    "score",
)
"""Names of the ``context`` columns."""

OBP_KEYS = (
    "n_rounds",
    "n_actions",
    "action",
    "position",
    "reward",
    "pscore",
    "context",
    "action_context",
)
"""The keys of OBP's logged bandit feedback."""


def _tile_key(event: dict[str, Any]) -> tuple[Any, ...]:
    return (
        event["session_id"],
        event["page_id"],
        event["row_id"],
        event["col_pos"],
        event["title_id"],
    )


def bandit_feedback(
    events: Sequence[dict[str, Any]], variants: dict[int, tuple[int, str]]
) -> dict[str, Any]:
    """OBP's ``bandit_feedback`` dict from trace events (``variants``: artwork id ->
    (variant number, aspect))."""
    plays: set[tuple[Any, ...]] = set()
    minutes: dict[tuple[Any, ...], float] = defaultdict(float)
    for e in events:
        if e["type"] in ("play_start", "play_stop") and e.get("page_id") and e.get("row_id"):
            if e["type"] == "play_start":
                plays.add(_tile_key(e))
            else:
                minutes[_tile_key(e)] += float((e.get("payload") or {}).get("watched_s", 0)) / 60
    rounds = [
        e
        for e in events
        if e["type"] == "impression"
        and e.get("artwork_id") in variants
        and e.get("propensity") is not None
    ]
    n = len(rounds)
    context = np.zeros((n, len(CONTEXT_NAMES)))
    for i, e in enumerate(rounds):
        ctx = e.get("context") or {}
        if ctx.get("hour") is not None:
            context[i, int(ctx["hour"]) % 24 // 6] = 1.0
        if ctx.get("device") in DEVICES:
            context[i, DAYPARTS + DEVICES.index(ctx["device"])] = 1.0
        context[i, -3:] = (e.get("row_pos") or 0, e.get("col_pos") or 0, e.get("value") or 0.0)
    n_actions = max((v for v, _ in variants.values()), default=-1) + 1
    keys = [_tile_key(e) for e in rounds]
    return {
        "n_rounds": n,
        "n_actions": n_actions,
        "action": np.asarray([variants[e["artwork_id"]][0] for e in rounds], dtype=np.int64),
        "position": np.asarray([e.get("col_pos") or 0 for e in rounds], dtype=np.int64),
        "reward": np.asarray([1 if k in plays else 0 for k in keys], dtype=np.int64),
        "pscore": np.asarray([e["propensity"] for e in rounds], dtype=np.float64),
        "context": context,
        "action_context": np.eye(n_actions),
        "minutes": np.asarray([minutes.get(k, 0.0) for k in keys], dtype=np.float64),
        "aspect": np.asarray([variants[e["artwork_id"]][1] for e in rounds], dtype=np.str_),
        "title_id": np.asarray([e["title_id"] for e in rounds], dtype=np.int64),
        "artwork_id": np.asarray([e["artwork_id"] for e in rounds], dtype=np.int64),
        "session_id": np.asarray([e["session_id"] for e in rounds], dtype=np.int64),
        "profile_id": np.asarray([e["profile_id"] for e in rounds], dtype=np.int64),
        "event_id": np.asarray([e["event_id"] for e in rounds], dtype=np.int64),
        "policy": np.asarray([e.get("policy") or "" for e in rounds], dtype=np.str_),
        "context_names": np.asarray(CONTEXT_NAMES, dtype=np.str_),
        "schema_version": SCHEMA_VERSION,
    }


def write(
    events: Sequence[dict[str, Any]], out: Path, variants: dict[int, tuple[int, str]]
) -> Path:
    """Write the bandit feedback of ``events`` to ``out`` (``.npz``), atomically."""
    feedback = bandit_feedback(events, variants)
    with atomic_file(out) as temp, temp.open("wb") as fh:
        np.savez_compressed(fh, **{k: np.asarray(v) for k, v in feedback.items()})
    return out


def load(path: str | Path) -> dict[str, Any]:
    """The bandit feedback dict from :func:`write`'s file (0-d arrays become scalars)."""
    with np.load(path, allow_pickle=False) as data:
        out = {key: data[key] for key in data.files}
    for key in ("n_rounds", "n_actions", "schema_version"):
        out[key] = int(out[key])
    return out


__all__ = ["CONTEXT_NAMES", "OBP_KEYS", "bandit_feedback", "load", "write"]
