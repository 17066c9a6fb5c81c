"""People and credits: a pool of actors and directors, each with a home genre and fame.

Famous people turn up in many titles; most of a title's cast comes from people whose home
genre is the title's main genre, so that "More like this" has actors in common.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .naming import NamePools
from .vocabulary import GENRES

MAX_PEOPLE = 40_000
"""Cap on the person pool (it is about 1.5 people per title below that)."""

DIRECTOR_SHARE = 0.15
"""Share of the pool who direct (movies) or create (series) rather than act."""

HOME_GENRE_SHARE = 0.7
"""Share of a title's credits drawn from people at home in its main genre."""

MIN_ACTORS, MAX_ACTORS = 3, 8
_CANDIDATES = 12


@dataclass(frozen=True)
class CastPlan:
    """The person pool and every credit, as parallel columns."""

    person_name: list[str]
    """Name of person id i + 1."""
    credit_title: np.ndarray
    """Title position of each credit."""
    credit_person: np.ndarray
    """Person position of each credit (id is position + 1)."""
    credit_role: list[str]
    credit_billing: np.ndarray
    lead_actors: np.ndarray
    """[n_titles, 3] person positions of the three top-billed actors."""


def _names(rng: np.random.Generator, count: int, pools: NamePools) -> list[str]:
    first, last = pools.first_names, pools.last_names
    combos = rng.choice(len(first) * len(last), size=count, replace=False)
    return [f"{first[c // len(last)]} {last[c % len(last)]}" for c in combos.tolist()]


class _Pool:
    """A group of people (actors or directors) drawn by fame, mostly from a home genre."""

    def __init__(self, rng: np.random.Generator, people: np.ndarray) -> None:
        shares = np.asarray([g.share for g in GENRES])
        self.people = people
        self.home = rng.choice(len(GENRES), size=len(people), p=shares / shares.sum())
        fame = rng.pareto(1.3, size=len(people)) + 1.0
        self.fame = fame / fame.sum()
        self.by_genre: list[tuple[np.ndarray, np.ndarray]] = []
        for g in range(len(GENRES)):
            members = np.flatnonzero(self.home == g)
            if len(members) == 0:
                members = np.arange(len(people))
            w = fame[members]
            self.by_genre.append((people[members], w / w.sum()))

    def draw(self, rng: np.random.Generator, main: np.ndarray, width: int) -> np.ndarray:
        """[len(main), width] candidate people per title (repeats possible)."""
        out = rng.choice(self.people, size=(len(main), width), p=self.fame)
        home = rng.random((len(main), width)) < HOME_GENRE_SHARE
        for g, (members, w) in enumerate(self.by_genre):
            rows = np.flatnonzero(main == g)
            if len(rows) == 0:
                continue
            local = rng.choice(members, size=(len(rows), width), p=w)
            block = out[rows]
            block[home[rows]] = local[home[rows]]
            out[rows] = block
        return out


def plan_cast(
    rng: np.random.Generator, main_genre: np.ndarray, series: np.ndarray, pools: NamePools
) -> CastPlan:
    """People and credits for titles with the given main genres and kinds."""
    n = len(main_genre)
    size = max(40, min(MAX_PEOPLE, int(n * 1.5)))
    names = _names(rng, size, pools)
    order = rng.permutation(size)
    n_directors = max(5, int(size * DIRECTOR_SHARE))
    directors = _Pool(rng, np.sort(order[:n_directors]))
    actors = _Pool(rng, np.sort(order[n_directors:]))

    wanted = rng.integers(MIN_ACTORS, MAX_ACTORS + 1, size=n)
    candidates = actors.draw(rng, main_genre, _CANDIDATES)
    director = directors.draw(rng, main_genre, 1)[:, 0]

    titles: list[int] = []
    people: list[int] = []
    billing: list[int] = []
    roles: list[str] = []
    lead = np.zeros((n, 3), dtype=np.int64)
    everyone = actors.people.tolist()
    for i, (row, k) in enumerate(zip(candidates.tolist(), wanted.tolist(), strict=True)):
        cast = list(dict.fromkeys(row))[:k]
        if len(cast) < k:  # rare: too few distinct candidates
            start = (i * 7919) % len(everyone)
            for p in everyone[start:] + everyone[:start]:
                if len(cast) >= k:
                    break
                if p not in cast:
                    cast.append(p)
        lead[i] = cast[:3]
        titles.extend([i] * (len(cast) + 1))
        people.extend(cast)
        people.append(int(director[i]))
        billing.extend(range(len(cast) + 1))
        roles.extend(["actor"] * len(cast))
        roles.append("creator" if series[i] else "director")
    return CastPlan(
        person_name=names,
        credit_title=np.asarray(titles, dtype=np.int64),
        credit_person=np.asarray(people, dtype=np.int64),
        credit_role=roles,
        credit_billing=np.asarray(billing, dtype=np.int64),
        lead_actors=lead,
    )
