"""The page builder: candidate rows -> titles ranked in each row -> rows ranked -> diversity."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .themes import Theme, ThemeSet
from .title_index import TitleIndex
from .types import Context, Page, Row, Tile

MAX_ROWS = 40
ROW_LENGTH = 40
FIRST_SCREEN_ROWS = 5
FIRST_SCREEN_COLS = 6
MAX_OVERLAP = 0.5
"""Two rows whose leading titles overlap more than this are near duplicates."""


@dataclass
class PageInputs:
    """What the builder needs to know about one profile right now."""

    scores: np.ndarray
    """Model score of every title (higher is better)."""
    eligible: np.ndarray
    """Titles allowed on this profile's home page (maturity, thumbs-down hidden)."""
    theme_affinity: dict[str, float] = field(default_factory=dict)
    genre_affinity: dict[int, float] = field(default_factory=dict)
    continue_watching: list[tuple[int, float]] = field(default_factory=list)
    """(title index, watched fraction), most recent first."""
    because: int | None = None
    """Title index of the latest title the profile clearly liked."""
    similar: np.ndarray | None = None
    """Titles like ``because``, most similar first."""
    my_list: list[int] = field(default_factory=list)
    trending: np.ndarray | None = None
    """Recent plays across every profile, per title."""
    artwork_pos: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    """Per title, the position (in the index's artwork arrays) of the artwork to show."""
    artwork_propensity: np.ndarray = field(default_factory=lambda: np.empty(0))
    """Per title, the probability with which that artwork was chosen."""


def match_percent(scores: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """% match 0..99: a logistic of each score's z-score within ``reference`` (monotone)."""
    mean = float(reference.mean()) if len(reference) else 0.0
    std = float(reference.std()) if len(reference) else 1.0
    z = (scores - mean) / max(std, 1e-9)
    return np.clip(np.rint(99.0 / (1.0 + np.exp(-(0.9 * z + 0.4)))), 0, 99).astype(np.int64)


class PageBuilder:
    """Builds a :class:`Page` of up to 40 rows of up to 40 tiles."""

    def __init__(
        self,
        index: TitleIndex,
        themes: ThemeSet,
        *,
        max_rows: int = MAX_ROWS,
        row_length: int = ROW_LENGTH,
    ) -> None:
        """A builder over one catalog's titles and themes."""
        self.index = index
        self.themes = themes
        self.max_rows = max_rows
        self.row_length = row_length

    def build(
        self,
        inputs: PageInputs,
        *,
        context: Context,
        page_id: str,
        profile_id: int,
        policy: str,
    ) -> Page:
        """Rank rows and titles for one profile and pick each tile's artwork."""
        scores = inputs.scores
        eligible_idx = np.flatnonzero(inputs.eligible)
        ref = scores[eligible_idx] if len(eligible_idx) else scores
        mean, std = float(ref.mean()), max(float(ref.std()), 1e-9)
        z = (scores - mean) / std
        match = match_percent(scores, ref)

        system = self._system_rows(inputs, z)
        themed = self._themed_rows(inputs, z)
        ordered = self._order(system, themed)

        rows: list[Row] = []
        seen_first_screen: set[int] = set()
        for row_pos, (row_id, name, reason, kind, genres, titles, progress) in enumerate(ordered):
            if row_pos < FIRST_SCREEN_ROWS:
                order = _push_back(titles, seen_first_screen, FIRST_SCREEN_COLS)
                if progress:
                    where = {int(t): p for t, p in zip(titles, progress, strict=True)}
                    progress = [where[int(t)] for t in order]
                titles = order
            if row_pos < FIRST_SCREEN_ROWS:
                seen_first_screen.update(int(t) for t in titles[:FIRST_SCREEN_COLS])
            tiles = self._tiles(
                np.asarray(titles[: self.row_length], dtype=np.int64),
                inputs,
                match,
                reason,
                progress,
            )
            rows.append(Row(row_id, name, reason, kind, tuple(tiles), tuple(genres)))
        return Page(page_id, profile_id, policy, context, tuple(rows))

    def _tiles(
        self,
        titles: np.ndarray,
        inputs: PageInputs,
        match: np.ndarray,
        reason: str,
        progress: list[float] | None,
    ) -> tuple[Tile, ...]:
        """Tiles for one row, gathered column-wise from the index arrays."""
        index = self.index
        art = inputs.artwork_pos[titles]
        names, aspects, palettes = index.names, index.artwork_aspect, index.artwork_palette
        columns = zip(
            titles.tolist(),
            index.ids[titles].tolist(),
            index.is_series[titles].tolist(),
            index.year[titles].tolist(),
            art.tolist(),
            index.artwork_ids[art].tolist(),
            match[titles].tolist(),
            np.round(inputs.scores[titles], 6).tolist(),
            inputs.artwork_propensity[titles].tolist(),
            progress or [None] * len(titles),
            strict=False,
        )
        return tuple(
            Tile(
                title_id=title_id,
                name=names[idx],
                kind="series" if series else "movie",
                year=year,
                artwork_id=artwork_id,
                aspect=aspects[pos],
                palette=palettes[pos],
                match=m,
                score=score,
                propensity=propensity,
                reason=reason,
                progress=prog,
            )
            for idx, title_id, series, year, pos, artwork_id, m, score, propensity, prog in columns
        )

    # -- candidates -----------------------------------------------------------------

    def _system_rows(self, inputs: PageInputs, z: np.ndarray) -> dict[str, tuple]:
        rows: dict[str, tuple] = {}
        if inputs.continue_watching:
            cw = [(i, f) for i, f in inputs.continue_watching if inputs.eligible[i]]
            if cw:
                rows["continue"] = (
                    "continue",
                    "Continue Watching",
                    "Pick up where you left off",
                    "system",
                    (),
                    np.asarray([i for i, _ in cw], dtype=np.int64),
                    [f for _, f in cw],
                )
        if inputs.because is not None and inputs.similar is not None:
            similar = inputs.similar[inputs.eligible[inputs.similar]]
            if len(similar):
                name = f"Because you watched {self.index.names[inputs.because]}"
                rows["because"] = (
                    f"because:{int(self.index.ids[inputs.because])}",
                    name,
                    name,
                    "system",
                    (),
                    similar,
                    None,
                )
        if inputs.trending is not None and inputs.trending.any():
            trend = np.where(inputs.eligible, inputs.trending, -np.inf)
            top = _top(trend, 3 * self.row_length)
            top = top[np.isfinite(trend[top])]
            top = top[np.argsort(-(z[top] + 0.5 * _zscore(trend[top])), kind="stable")]
            rows["trending"] = (
                "trending",
                "Trending Now",
                "Popular with viewers right now",
                "system",
                (),
                top,
                None,
            )
        mine = [i for i in inputs.my_list if inputs.eligible[i]]
        if mine:
            rows["mylist"] = (
                "mylist",
                "My List",
                "Titles you saved",
                "system",
                (),
                np.asarray(mine, dtype=np.int64),
                None,
            )
        return rows

    def _themed_rows(self, inputs: PageInputs, z: np.ndarray) -> list[tuple[float, tuple]]:
        themes = self.themes
        eligible_z = np.where(inputs.eligible, z, 0.0)
        base = themes.mean_matrix @ eligible_z
        boost = np.asarray(
            [
                inputs.theme_affinity.get(t.id, 0.0)
                + 0.5 * np.tanh(inputs.genre_affinity.get(t.genre_id, 0.0) / 5.0)
                for t in themes.themes
            ]
        )
        prelim = base + boost
        candidates = _top(prelim, min(len(prelim), 4 * self.max_rows))
        scored: list[tuple[float, tuple]] = []
        for c in candidates:
            theme: Theme = themes.themes[int(c)]
            members = theme.members[inputs.eligible[theme.members]]
            if len(members) < 4:
                continue
            ranked = members[_top(z[members], self.row_length)]
            head = z[ranked[:10]].mean()
            score = float(head + boost[c])
            reason = self._theme_reason(theme, inputs)
            scored.append(
                (score, (theme.id, theme.name, reason, "theme", (theme.genre_id,), ranked, None))
            )
        scored.sort(key=lambda item: -item[0])
        return scored

    def _theme_reason(self, theme: Theme, inputs: PageInputs) -> str:
        if inputs.theme_affinity.get(theme.id, 0.0) > 0.1:
            return f"You have been browsing {theme.name}"
        if inputs.genre_affinity.get(theme.genre_id, 0.0) > 0.5:
            return f"Your taste for {theme.name.lower()}"
        return f"Popular {theme.name} picked for you"

    def _order(self, system: dict[str, tuple], themed: list[tuple[float, tuple]]) -> list[tuple]:
        """Slot system rows among the themes, dropping near-duplicate rows."""
        slots = {"continue": 0, "because": 2, "trending": 1, "mylist": 4}
        chosen: list[tuple] = []
        heads: list[set[int]] = []
        genre_count: dict[int, int] = {}
        deferred: set[str] = set()
        pending = sorted((slot, key) for key, slot in slots.items() if key in system)
        themed_iter = iter(themed)
        while len(chosen) < self.max_rows:
            if pending and pending[0][0] <= len(chosen):
                _, key = pending.pop(0)
                row = system[key]
            else:
                nxt = next(themed_iter, None)
                if nxt is None:
                    if not pending:
                        break
                    _, key = pending.pop(0)
                    row = system[key]
                else:
                    row = nxt[1]
                    head = {int(t) for t in row[5][:12]}
                    if any(len(head & h) > MAX_OVERLAP * max(len(head), 1) for h in heads):
                        continue
                    genre = row[4][0]
                    crowded = genre_count.get(genre, 0) >= 2
                    if len(chosen) < FIRST_SCREEN_ROWS and crowded and row[0] not in deferred:
                        deferred.add(row[0])
                        themed.append(nxt)  # keep it for later: mix genres on the first screen
                        continue
                    genre_count[genre] = genre_count.get(genre, 0) + 1
            heads.append({int(t) for t in row[5][:12]})
            chosen.append(row)
        return chosen


def _top(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` largest values, largest first."""
    k = min(k, len(values))
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    part = np.argpartition(-values, k - 1)[:k]
    return part[np.argsort(-values[part], kind="stable")]


def _zscore(values: np.ndarray) -> np.ndarray:
    return (values - values.mean()) / max(float(values.std()), 1e-9)


def _push_back(titles: np.ndarray, seen: set[int], cols: int) -> np.ndarray:
    """Move titles already on the first screen out of this row's first ``cols`` places."""
    head = [t for t in titles if int(t) not in seen]
    repeats = [t for t in titles if int(t) in seen]
    fresh = head[:cols]
    return np.asarray(fresh + repeats + head[cols:], dtype=np.int64)
