"""The catalog held in memory as numpy arrays, for scoring and page building."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine

from .errors import CatalogError


@dataclass(frozen=True)
class GenreInfo:
    """A genre's names."""

    id: int
    name: str
    plural: str
    tv_plural: str


@dataclass(frozen=True)
class TagInfo:
    """A tag's name and its row template."""

    id: int
    name: str
    row_template: str


class TitleIndex:
    """Titles as parallel arrays indexed 0..n-1, plus genres, tags and artwork variants."""

    def __init__(self, engine: Engine) -> None:
        """Load the catalog from ``engine``; raises :class:`CatalogError` when it is empty."""
        with engine.connect() as conn:
            raw = conn.connection.driver_connection  # plain tuples: fast into numpy
            rows = raw.execute(
                "SELECT id, name, kind, year, runtime_min, maturity_level, popularity, "
                "added_day FROM title ORDER BY id"
            ).fetchall()
            if not rows:
                raise CatalogError("the catalog has no titles (seed one with: netflix-sim seed)")
            cols = list(zip(*rows, strict=True))
            self.ids = np.asarray(cols[0], dtype=np.int64)
            self.names: list[str] = list(cols[1])
            self.is_series = np.asarray([k == "series" for k in cols[2]], dtype=bool)
            self.year = np.asarray(cols[3], dtype=np.int32)
            self.runtime_min = np.asarray(cols[4], dtype=np.int32)
            self.maturity = np.asarray(cols[5], dtype=np.int8)
            self.popularity = np.asarray(cols[6], dtype=np.float64)
            self.added_day = np.asarray(cols[7], dtype=np.int32)
            self.index_of: dict[int, int] = {int(t): i for i, t in enumerate(self.ids)}
            self.newest_day = int(self.added_day.max())
            """The catalog day of its newest title (today, as far as the catalog knows)."""
            self._labels: list[tuple[tuple[str, ...], tuple[str, ...]]] | None = None

            self.genres = {
                r[0]: GenreInfo(*r)
                for r in raw.execute("SELECT id, name, plural, tv_plural FROM genre")
            }
            self.tags = {
                r[0]: TagInfo(*r) for r in raw.execute("SELECT id, name, row_template FROM tag")
            }
            tg = np.asarray(
                raw.execute(
                    "SELECT title_id, genre_id, rank FROM titlegenre ORDER BY title_id, rank"
                ).fetchall(),
                dtype=np.int64,
            ).reshape(-1, 3)
            tt = np.asarray(
                raw.execute("SELECT title_id, tag_id FROM titletag ORDER BY title_id").fetchall(),
                dtype=np.int64,
            ).reshape(-1, 2)
            art = raw.execute(
                "SELECT id, title_id, aspect, palette FROM artwork ORDER BY title_id, variant"
            ).fetchall()

        self.n = len(self.ids)
        self.genre_title = self.title_positions(tg[:, 0])
        self.genre_id = tg[:, 1]
        self.main_genre = np.full(self.n, -1, dtype=np.int64)
        main = tg[tg[:, 2] == 0]
        self.main_genre[self.title_positions(main[:, 0])] = main[:, 1]
        self.tag_title = self.title_positions(tt[:, 0])
        self.tag_id = tt[:, 1]

        self.artwork_ids = np.asarray([a[0] for a in art], dtype=np.int64)
        self.artwork_aspect: list[str] = [a[2] for a in art]
        self.artwork_palette: list[tuple[str, str]] = [
            tuple(a[3].split(",", 1)) if "," in a[3] else (a[3], "#e50914") for a in art
        ]
        art_titles = self.title_positions(np.asarray([a[1] for a in art], dtype=np.int64))
        self.artwork_start = np.searchsorted(art_titles, np.arange(self.n), side="left")
        self.artwork_count = (
            np.searchsorted(art_titles, np.arange(self.n), side="right") - self.artwork_start
        )
        self.names_casefold = [name.casefold() for name in self.names]
        """Title names folded for case-insensitive search."""
        self.names_array = np.asarray(self.names, dtype=object)
        """:attr:`names` as an object array, for fast gathers."""
        self.artwork_aspect_array = np.asarray(self.artwork_aspect, dtype=object)
        self.artwork_palette_array = np.empty(len(self.artwork_palette), dtype=object)
        self.artwork_palette_array[:] = self.artwork_palette
        self.genre_slots = int(max(self.genres, default=0)) + 1
        """Length of a per-genre array indexed by genre id."""
        self._artwork_order = np.argsort(self.artwork_ids, kind="stable")
        log_pop = np.log1p(self.popularity * 100)
        self.popularity_z = (log_pop - log_pop.mean()) / max(float(log_pop.std()), 1e-9)

    def artwork_positions(self, artwork_ids: np.ndarray) -> np.ndarray:
        """Positions in the artwork arrays of ``artwork_ids`` (-1 for unknown ids)."""
        ids = np.asarray(artwork_ids, dtype=np.int64)
        if len(self.artwork_ids) == 0:
            return np.full(len(ids), -1, dtype=np.int64)
        at = np.searchsorted(self.artwork_ids, ids, sorter=self._artwork_order)
        at = np.minimum(at, len(self.artwork_ids) - 1)
        pos = self._artwork_order[at]
        return np.where(self.artwork_ids[pos] == ids, pos, -1)

    def title_positions(self, title_ids: np.ndarray) -> np.ndarray:
        """Array positions of ``title_ids`` (all must be known)."""
        return np.searchsorted(self.ids, title_ids)

    def labels_of(self, idx: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Genre names (main genre first) and tag names of the title at ``idx`` (a title
        card shows them; every title's are worked out at the first ask, in one pass)."""
        labels = self._labels
        if labels is None:
            labels = self._labels = self._all_labels()
        return labels[idx]

    def _all_labels(self) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """Per title, what :meth:`genres_of` and :meth:`tags_of` give, by name (2 ms for
        2,000 titles; looked up one title at a time they cost 7 us each)."""
        genres: list[list[str]] = [[] for _ in range(self.n)]
        for idx, genre in zip(self.genre_title.tolist(), self.genre_id.tolist(), strict=True):
            if genre in self.genres:
                genres[idx].append(self.genres[genre].name)
        tags: list[list[str]] = [[] for _ in range(self.n)]
        for idx, tag in zip(self.tag_title.tolist(), self.tag_id.tolist(), strict=True):
            if tag in self.tags:
                tags[idx].append(self.tags[tag].name)
        return [(tuple(g), tuple(t)) for g, t in zip(genres, tags, strict=True)]

    def genres_of(self, idx: int) -> list[int]:
        """Genre ids of the title at ``idx``, main genre first."""
        lo, hi = np.searchsorted(self.genre_title, [idx, idx + 1])
        return [int(g) for g in self.genre_id[lo:hi]]

    def tags_of(self, idx: int) -> list[int]:
        """Tag ids of the title at ``idx``."""
        lo, hi = np.searchsorted(self.tag_title, [idx, idx + 1])
        return [int(t) for t in self.tag_id[lo:hi]]


def distinct_titles(titles: np.ndarray, n: int) -> np.ndarray:
    """The distinct values of ``titles`` (indices below ``n``), ascending: ``np.unique``
    through a mask of the catalog, which costs a tenth as much on a page's titles."""
    present = np.zeros(n, dtype=bool)
    present[titles] = True
    return present.nonzero()[0]
