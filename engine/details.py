"""The details screen's content: title cards, open_details payloads, More Like This, notices.

Plain functions; the session supplies the profile's state and records the events.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from .notifications import compute_notices
from .types import Notice, Preview, TitleCard, TitleFacts

if TYPE_CHECKING:
    from .catalog import Catalog
    from .pages import MatchCalibrator
    from .title_index import TitleIndex


def build_title_card(
    index: TitleIndex,
    idx: int,
    title_id: int,
    facts: TitleFacts,
    *,
    match: int,
    rating: int | None,
    in_my_list: bool,
    art_pos: int,
    badges: tuple[str, ...],
) -> TitleCard:
    """The card of the title at ``idx`` as this profile sees it (no preview yet)."""
    genres, tags = index.labels_of(idx)
    return TitleCard(
        title_id=title_id,
        name=facts.name,
        kind=facts.kind,
        year=facts.year,
        maturity=facts.maturity,
        runtime_min=facts.runtime_min,
        seasons=facts.seasons,
        episodes=facts.episodes,
        synopsis=facts.synopsis,
        genres=genres,
        tags=tags,
        cast=facts.cast,
        match=match,
        rating=rating,
        in_my_list=in_my_list,
        artwork_id=int(index.artwork_ids[art_pos]),
        palette=index.artwork_palette[art_pos],
        aspect=index.artwork_aspect[art_pos],
        badges=badges,
    )


def details_payload(
    preview: Preview | None, source: str | None, extra: dict[str, Any] | None
) -> dict[str, Any]:
    """The open_details payload: ``extra``, the ``source`` and the preview shown."""
    payload: dict[str, Any] = dict(extra or {})
    if source is not None:
        payload["source"] = source
    if preview is not None:
        payload["preview"] = {
            "trailer_id": preview.trailer_id,
            "variant": preview.variant,
            "aspect": preview.aspect,
            "propensity": preview.propensity,
        }
    return payload


def more_like_this_picks(similar: np.ndarray, eligible: np.ndarray, idx: int, n: int) -> np.ndarray:
    """Up to ``n`` of ``similar`` (most similar first) that are eligible and not ``idx``."""
    return similar[eligible[similar] & (similar != idx)][:n]


def profile_notices(
    catalog: Catalog,
    *,
    followed: list[int],
    seen: set[int],
    z: np.ndarray,
    calibrate: MatchCalibrator,
    eligible: np.ndarray,
    shown: dict[int, int],
    read: set[str],
) -> list[Notice]:
    """The bell's notices, newest first: new seasons of the ``followed`` series, and new
    arrivals matching the profile's ranking ``z``; a % match shown on a tile wins."""
    index = catalog.index
    series = [
        t
        for t in dict.fromkeys(followed)
        if t in index.index_of and index.is_series[index.index_of[t]]
    ]
    watched = {t: catalog.title_facts(t).seasons for t in series}
    match = {int(i): int(m) for i, m in enumerate(calibrate(z))}
    for title_id, shown_match in shown.items():
        match[index.index_of[title_id]] = shown_match
    notices = compute_notices(
        index, watched=watched, eligible=eligible, scores=z, match=match, seen=seen
    )
    return [replace(n, read=n.id in read) for n in notices]
