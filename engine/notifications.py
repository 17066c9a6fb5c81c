"""What is new for a viewer: title badges and the notices in the top bar's bell.

Pure functions of the catalog's title index and a profile's state (what it watched,
rated, saved, and how the model scores titles for it); they record nothing.

The catalog has no per-season dates, so the day a series' latest season arrived is
derived from its id (:func:`latest_season_day`): deterministic, and the same for every
profile, like the rest of the catalog.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping

import numpy as np

from .title_index import TitleIndex
from .types import Notice

NEW_RELEASE_DAYS = 45
"""A title added this many days before the newest one is "Recently Added"."""
NEW_SEASON_DAYS = 60
"""A series whose latest season arrived this recently has "New Episodes"."""
SEASON_SPREAD_DAYS = 540
"""Latest seasons arrived spread over this many days before the newest title."""
TOP_N = 10
"""Size of Top 10 Today."""
ARRIVAL_NOTICES = 3
"""Most new arrivals the bell suggests."""
ARRIVAL_MIN_MATCH = 70
"""A new arrival is suggested from this % match up."""
AWARD_TAG = "Award-winning"


def newest_day(index: TitleIndex) -> int:
    """The catalog day of its newest title (today, as far as the catalog knows)."""
    return index.newest_day


def latest_season_day(index: TitleIndex, idx: int, seasons: int | None) -> int | None:
    """The catalog day the latest of ``seasons`` seasons of the series at ``idx`` arrived
    (``None``: a movie, or a series with a single season, which came with the title)."""
    if not index.is_series[idx] or (seasons or 1) < 2:
        return None
    h = zlib.crc32(f"season:{int(index.ids[idx])}".encode())
    return max(int(index.added_day[idx]) + 30, newest_day(index) - h % SEASON_SPREAD_DAYS)


def has_new_episodes(index: TitleIndex, idx: int, seasons: int | None) -> bool:
    """Whether the series at ``idx`` got a new season in the last :data:`NEW_SEASON_DAYS`."""
    day = latest_season_day(index, idx, seasons)
    return day is not None and day >= newest_day(index) - NEW_SEASON_DAYS


def title_badges(
    index: TitleIndex, idx: int, seasons: int | None, today: np.ndarray | None
) -> tuple[str, ...]:
    """Badges of the title at ``idx`` (with ``seasons``): "Top 10 · #k", "New Episodes",
    "Recently Added", "Award-winning" (those that apply, in that order). ``today``: plays
    per title today."""
    badges: list[str] = []
    if today is not None and today[idx] > 0:
        rank = int((today > today[idx]).sum()) + 1
        if rank <= TOP_N:
            badges.append(f"Top 10 \u00b7 #{rank}")
    if has_new_episodes(index, idx, seasons):
        badges.append("New Episodes")
    elif int(index.added_day[idx]) >= newest_day(index) - NEW_RELEASE_DAYS:
        badges.append("Recently Added")
    if AWARD_TAG in index.labels_of(idx)[1]:
        badges.append("Award-winning")
    return tuple(badges)


def compute_notices(
    index: TitleIndex,
    *,
    watched: Mapping[int, int | None],
    eligible: np.ndarray,
    scores: np.ndarray,
    match: Mapping[int, int],
    seen: Iterable[int] = (),
) -> list[Notice]:
    """A profile's notices, newest first.

    ``watched``: title id -> seasons, of the titles the profile played, liked or saved
    (series among them with a new season get a notice); ``eligible``: titles it may see;
    ``scores``: its ranking score per title (higher is better); ``match``: % match per
    title index; ``seen``: title ids it already played or rated (not suggested as new).
    """
    today = newest_day(index)
    notices: list[Notice] = []
    for title_id, seasons in watched.items():
        idx = index.index_of.get(title_id)
        if idx is None or not eligible[idx] or not has_new_episodes(index, idx, seasons):
            continue
        name = index.names[idx]
        notices.append(
            Notice(
                id=f"new_season:{title_id}",
                kind="new_season",
                title_id=title_id,
                title=name,
                message=f"New season of {name}",
                detail=f"Season {seasons} is here",
                day=int(latest_season_day(index, idx, seasons) or today),
            )
        )
    skip = {index.index_of[t] for t in seen if t in index.index_of}
    fresh = np.flatnonzero(eligible & (index.added_day >= today - NEW_RELEASE_DAYS))
    fresh = np.asarray([i for i in fresh.tolist() if i not in skip], dtype=np.int64)
    if len(fresh):
        best = fresh[np.argsort(-scores[fresh], kind="stable")][: 4 * ARRIVAL_NOTICES]
        arrivals = [int(i) for i in best if match.get(int(i), 0) >= ARRIVAL_MIN_MATCH]
        for idx in arrivals[:ARRIVAL_NOTICES]:
            title_id = int(index.ids[idx])
            genre = index.genres.get(int(index.main_genre[idx]))
            detail = f"{match[idx]}% match" + (f" \u00b7 {genre.plural}" if genre else "")
            notices.append(
                Notice(
                    id=f"new_arrival:{title_id}",
                    kind="new_arrival",
                    title_id=title_id,
                    title=index.names[idx],
                    message=f"New arrival for you: {index.names[idx]}",
                    detail=detail,
                    day=int(index.added_day[idx]),
                )
            )
    notices.sort(key=lambda n: (-n.day, n.id))
    return notices
