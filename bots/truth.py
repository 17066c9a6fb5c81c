"""The bots' window on the hidden ground truth (the engine never reads it).

A persona's true affinity for a title is ``taste @ title_vector`` and the appeal of an
artwork variant is ``taste @ artwork_vector``, both in [-1, 1]. A title's *utility* adds
popularity's pull, ``0.05 * log(popularity + 0.01)`` (word of mouth; the seed crowd's plays
follow ``exp(6 * affinity) * popularity``, see :data:`POPULARITY_WEIGHT`). What a tile
promises (its *appeal*) mixes the title's affinity with its artwork's by the persona's
artwork sensitivity, plus the same pull. Utility decides plays and how much is watched;
appeal decides clicks.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

from netflix_sim.engine.database import open_catalog_engine
from netflix_sim.engine.title_index import TitleIndex
from netflix_sim.seed.ground_truth import TruthVectors, load_ground_truth

from .personas import Persona

CROWD_TEMPERATURE = 6.0
"""The seed crowd's choice sharpness (``netflix_sim.seed.crowd.TEMPERATURE``)."""
POPULARITY_WEIGHT = 0.3 / CROWD_TEMPERATURE
"""Weight of ``log(popularity + 0.01)`` in a title's utility, in affinity units (0.05).

In the crowd's law popularity weighs ``1 / 6`` per log unit, but there it also stands for
exposure (what the crowd happened to come across); a bot's exposure is the page it is
shown, so only part of that pull is kept: the most popular titles gain about 0.07 over a
median one and 0.2 over the least known, against affinities spread over [-1, 1]."""


RECENT_PERSONAS = 8
"""Personas whose lookups :meth:`GroundTruth.for_persona` keeps."""


def read_vectors(path: str | Path) -> TruthVectors:
    """The hidden vectors of the catalog at ``path`` (``CatalogError`` if it has none)."""
    return load_ground_truth(path)


def _dense(ids: np.ndarray, values: np.ndarray, *, contiguous: bool = False) -> np.ndarray:
    """``values`` indexed by id (NaN where an id is unknown); ``contiguous``: ``ids`` are
    known to be ``first, first + 1, ...`` (then copied as one slice, not scattered)."""
    size = int(ids.max()) + 1 if len(ids) else 1
    out = np.full(size, np.nan, dtype=np.float64)
    if contiguous:
        out[size - len(ids) :] = values
    else:
        out[ids] = values
    return out


def _is_contiguous(ids: np.ndarray) -> bool:
    """Whether ``ids`` are ``first, first + 1, ...`` in order."""
    return bool(len(ids)) and np.array_equal(ids, np.arange(ids[0], ids[0] + len(ids)))


class GroundTruth:
    """Every hidden vector of a catalog, with per-taste affinity lookups."""

    def __init__(
        self,
        vectors: TruthVectors,
        popularity_ids: np.ndarray | None = None,
        popularity: np.ndarray | None = None,
    ) -> None:
        """Wrap the vectors :func:`load_ground_truth` read and the titles' prior popularity
        (``popularity[i]`` for title ``popularity_ids[i]``, 0..1; none: all equal)."""
        if len(vectors.title_ids) == 0:
            raise ValueError("the ground truth has no title vectors")
        self.vectors = vectors
        self.dims = vectors.dims
        pop = np.zeros(len(vectors.title_ids))
        if popularity_ids is not None and popularity is not None:
            ids = vectors.title_ids
            at = np.clip(np.searchsorted(popularity_ids, ids), 0, len(popularity_ids) - 1)
            known = popularity_ids[at] == ids
            pop = np.where(known, POPULARITY_WEIGHT * np.log(popularity[at] + 0.01), pop)
        self.popularity_term = pop
        """Per title (``vectors.title_ids`` order), what popularity adds to its utility."""
        ids = vectors.title_ids.tolist()
        self._row_of = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1), strict=True))
        """Title id -> its row of ``title_vectors`` (the first, as ``searchsorted`` finds)."""
        tv = vectors.title_vectors
        self._padded = np.vstack([tv, np.zeros((1, tv.shape[1]), dtype=tv.dtype)])
        """``title_vectors`` and a last row of zeros, for titles without a vector."""
        self._dense_popularity = _dense(vectors.title_ids, pop)
        """``popularity_term`` by title id (the same for every persona)."""
        self._artworks_contiguous = _is_contiguous(vectors.artwork_ids)
        self._recent: dict[Persona, PersonaTruth] = {}
        """The latest personas' lookups (see :meth:`for_persona`)."""

    @classmethod
    def load(cls, path: str | Path) -> GroundTruth:
        """Read the ground truth and the titles' popularity of the catalog at ``path``.

        ``CatalogError`` when the file is not a catalog or has no ground truth.
        """
        vectors = load_ground_truth(path)
        engine = open_catalog_engine(path)
        try:
            index = TitleIndex(engine)
        finally:
            engine.dispose()
        return cls(vectors, index.ids, index.popularity)

    @classmethod
    def from_index(cls, vectors: TruthVectors, index: TitleIndex) -> GroundTruth:
        """The ground truth with popularity from an open catalog's title index."""
        return cls(vectors, index.ids, index.popularity)

    def title_utility(self, taste: np.ndarray) -> np.ndarray:
        """Utility (affinity plus popularity's pull) of every title, ``title_ids`` order."""
        return self.title_affinity(taste) + self.popularity_term

    def title_affinity(self, taste: np.ndarray) -> np.ndarray:
        """Affinity of ``taste`` for every title, in ``vectors.title_ids`` order."""
        return self.vectors.title_vectors @ np.asarray(taste, dtype=np.float32)

    def affinity_for(self, taste: np.ndarray, title_ids: np.ndarray) -> np.ndarray:
        """Affinity of ``taste`` for ``title_ids`` (0 for a title without a vector)."""
        ids = self.vectors.title_ids
        title_ids = np.asarray(title_ids, dtype=np.int64)
        pos = np.clip(np.searchsorted(ids, title_ids), 0, len(ids) - 1)
        known = ids[pos] == title_ids
        return np.where(known, self.title_affinity(taste)[pos], 0.0)

    def for_persona(self, persona: Persona) -> PersonaTruth:
        """Fast per-title and per-artwork lookups for one persona.

        Kept for the latest :data:`RECENT_PERSONAS` personas: a bot's sessions follow one
        another, each with a new :class:`~.choice.Bot`, and working the lookups out cost
        each 0.15 ms.
        """
        found = self._recent.get(persona)
        if found is None:
            if len(self._recent) >= RECENT_PERSONAS:
                self._recent.pop(next(iter(self._recent)), None)  # the oldest
            found = self._recent[persona] = self._persona_truth(persona)
        return found

    def _persona_truth(self, persona: Persona) -> PersonaTruth:
        taste = persona.taste_vector
        v = self.vectors
        affinity = (v.title_vectors @ taste).astype(np.float64)
        utility = affinity + self.popularity_term
        if len(v.artwork_ids):
            appeal = v.artwork_vectors @ taste
            art = _dense(v.artwork_ids, appeal, contiguous=self._artworks_contiguous)
        else:
            art = np.full(1, np.nan)
        return PersonaTruth(
            persona,
            _dense(v.title_ids, affinity),
            self._dense_popularity,
            art,
            affinity,
            np.sort(utility),
        )

    def vectors_for(self, title_ids: Iterable[int]) -> np.ndarray:
        """Unit title vectors for ``title_ids`` (zeros for a title without a vector).

        Rows are found by a dict, not a search: a bot asks for one page's first screen at a
        time, where numpy's fixed costs were most of it."""
        zeros, row_of = len(self._padded) - 1, self._row_of
        return self._padded[[row_of.get(t, zeros) for t in np.asarray(title_ids).tolist()]]


class PersonaTruth:
    """One persona's true affinities, looked up by title or artwork id."""

    def __init__(
        self,
        persona: Persona,
        titles: np.ndarray,
        popularity: np.ndarray,
        artworks: np.ndarray,
        affinity: np.ndarray,
        ranked_utility: np.ndarray,
    ) -> None:
        """Use :meth:`GroundTruth.for_persona` (``affinity``: every title's, sorted at the
        first :meth:`affinity_quantile`; bots ask only for utility quantiles)."""
        self.persona = persona
        self._titles = titles
        self._popularity = popularity
        self._artworks = artworks
        self._affinity = affinity
        self._ranked_affinity: np.ndarray | None = None
        self._ranked_utility = ranked_utility
        self._known_titles: np.ndarray | None = None
        """``titles`` with 0 for NaN and a last 0 for unknown ids (see :meth:`affinities`)."""

    @staticmethod
    def _quantile(ranked: np.ndarray, q: float) -> float:
        if not len(ranked):
            return 0.0
        return float(ranked[min(len(ranked) - 1, max(0, round(q * (len(ranked) - 1))))])

    def affinity_quantile(self, q: float) -> float:
        """The affinity that a share ``q`` of the catalogue's titles stays under."""
        if self._ranked_affinity is None:
            self._ranked_affinity = np.sort(self._affinity)
        return self._quantile(self._ranked_affinity, q)

    def utility_quantile(self, q: float) -> float:
        """The utility that a share ``q`` of the catalogue's titles stays under."""
        return self._quantile(self._ranked_utility, q)

    def popularity_pull(self, title_id: int) -> float:
        """What the title's popularity adds to its utility (0 if unknown)."""
        if 0 <= title_id < len(self._popularity):
            value = self._popularity[title_id]
            if value == value:
                return float(value)
        return 0.0

    def utility(self, title_id: int) -> float:
        """Affinity plus popularity's pull: what decides a play."""
        return self.affinity(title_id) + self.popularity_pull(title_id)

    def affinity(self, title_id: int) -> float:
        """True affinity for a title in [-1, 1] (0 if the truth does not know it)."""
        if 0 <= title_id < len(self._titles):
            value = self._titles[title_id]
            if value == value:  # not NaN
                return float(value)
        return 0.0

    def affinities(self, title_ids: Iterable[int]) -> list[float]:
        """:meth:`affinity` of each of ``title_ids`` (the same floats, in one lookup)."""
        known = self._known_titles
        if known is None:  # worked out at the first ask: most bots ask for a few pages
            titles = self._titles
            known = self._known_titles = np.append(np.where(titles == titles, titles, 0.0), 0.0)
        last = len(known) - 1  # the 0 of an unknown title
        return known[[t if 0 <= t < last else last for t in title_ids]].tolist()

    def artwork_appeal(self, artwork_id: int) -> float:
        """How much the artwork variant itself appeals, in [-1, 1] (0 if unknown)."""
        if 0 <= artwork_id < len(self._artworks):
            value = self._artworks[artwork_id]
            if value == value:
                return float(value)
        return 0.0

    def appeal(self, title_id: int, artwork_id: int) -> float:
        """What the tile promises: the title's affinity mixed with its artwork's appeal by
        the artwork sensitivity, plus popularity's pull (comparable with utilities)."""
        s = self.persona.artwork_sensitivity
        mixed = (1.0 - s) * self.affinity(title_id) + s * self.artwork_appeal(artwork_id)
        return mixed + self.popularity_pull(title_id)


__all__ = ["POPULARITY_WEIGHT", "RECENT_PERSONAS", "GroundTruth", "PersonaTruth", "read_vectors"]
