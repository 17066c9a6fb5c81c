"""Theme rows: genre x tag x (movies | TV) groups of titles with natural names."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .title_index import TitleIndex

MIN_THEME_TITLES = 8
"""A theme needs at least this many titles to become a candidate row."""


@dataclass(frozen=True)
class Theme:
    """A candidate themed row."""

    id: str
    name: str
    genre_id: int
    tag_id: int | None
    series: bool
    members: np.ndarray
    """Title indices in the theme, ascending."""


def theme_name(index: TitleIndex, genre_id: int, tag_id: int | None, series: bool) -> str:
    """Natural row name, e.g. "Bingeworthy TV Dramas" or "Psychological Thrillers"."""
    genre = index.genres[genre_id]
    plural = genre.tv_plural if series else genre.plural
    if tag_id is None:
        return plural
    return index.tags[tag_id].row_template.format(genre=plural)


class ThemeSet:
    """Every candidate theme of a catalog, and each theme's mean of per-title values."""

    def __init__(self, index: TitleIndex, min_titles: int = MIN_THEME_TITLES) -> None:
        """Group the catalog's titles into themes with at least ``min_titles`` titles."""
        self.themes: list[Theme] = []
        series = index.is_series
        # genre-only themes, split by movies and TV
        for genre_id in sorted(index.genres):
            in_genre = index.genre_title[index.genre_id == genre_id]
            for is_series in (False, True):
                members = np.unique(in_genre[series[in_genre] == is_series])
                self._add(index, genre_id, None, is_series, members, min_titles)
        # genre x tag x kind themes, grouped in one pass with numpy
        g_title, g_id = index.genre_title, index.genre_id
        t_title, t_id = index.tag_title, index.tag_id
        order = np.argsort(t_title, kind="stable")
        t_title, t_id = t_title[order], t_id[order]
        start = np.searchsorted(t_title, g_title, side="left")
        stop = np.searchsorted(t_title, g_title, side="right")
        counts = stop - start
        pair_title = np.repeat(g_title, counts)
        pair_genre = np.repeat(g_id, counts)
        pair_tag = t_id[np.concatenate([np.arange(a, b) for a, b in zip(start, stop, strict=True)])]
        pair_series = series[pair_title].astype(np.int64)
        key = (pair_genre * 100_003 + pair_tag) * 2 + pair_series
        order = np.lexsort((pair_title, key))
        key, pair_title = key[order], pair_title[order]
        bounds = np.flatnonzero(np.diff(key)) + 1
        for members, k in zip(
            np.split(pair_title, bounds), key[np.concatenate([[0], bounds])], strict=True
        ):
            is_series = bool(k % 2)
            genre_id, tag_id = divmod(int(k // 2), 100_003)
            self._add(index, genre_id, tag_id, is_series, members, min_titles)

        self.by_id = {theme.id: theme for theme in self.themes}
        self.position = {theme.id: pos for pos, theme in enumerate(self.themes)}
        """Theme id -> its position in :attr:`themes`."""
        sizes = np.asarray([len(t.members) for t in self.themes], dtype=np.int64)
        self._members = (
            np.concatenate([t.members for t in self.themes]).astype(np.int64)
            if self.themes
            else np.zeros(0, dtype=np.int64)
        )
        """Every theme's members, theme after theme (a title is in several themes)."""
        self._starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        self._sizes = sizes
        self._share = np.repeat(1.0 / np.maximum(sizes, 1), sizes)
        """Per entry of :attr:`_members`, one over its theme's size."""
        self.genre_of = np.asarray([t.genre_id for t in self.themes], dtype=np.int64)

    def mean_scores(self, values: np.ndarray) -> np.ndarray:
        """Per theme, the mean of ``values`` (one per title) over its members."""
        if not self.themes:
            return np.zeros(0, dtype=np.float64)
        return np.add.reduceat(values[self._members] * self._share, self._starts)

    def members_of(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The members of the themes at ``positions``, theme after theme, and for each member
        where its theme is in ``positions``."""
        sizes = self._sizes[positions]
        owner = np.arange(len(positions)).repeat(sizes)
        # member k of the output is entry k - (its theme's output start) + (its theme's start)
        shift = self._starts[positions] - (sizes.cumsum() - sizes)
        return self._members[np.arange(len(owner)) + shift.repeat(sizes)], owner

    def _add(
        self,
        index: TitleIndex,
        genre_id: int,
        tag_id: int | None,
        series: bool,
        members: np.ndarray,
        min_titles: int,
    ) -> None:
        if len(members) < min_titles:
            return
        kind = "tv" if series else "movies"
        theme_id = f"theme:{genre_id}:{tag_id or 0}:{kind}"
        name = theme_name(index, genre_id, tag_id, series)
        self.themes.append(Theme(theme_id, name, genre_id, tag_id, series, members))
