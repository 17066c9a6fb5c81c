"""The page builder, in the order Netflix describes it.

candidate rows -> evidence (reasons) -> filters -> rank titles within each row ->
select and order rows stage-wise (each row conditioned on the rows above it) ->
remove duplicates across the page.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from typing import Generic, TypeVar

import numpy as np

from .stats import mean_std
from .themes import ThemeSet
from .title_index import TitleIndex, distinct_titles
from .types import Context, Page, Row, Tile, TileColumns, make_tile

ArtworkChooser = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
"""Chooses the artwork of each title of a page: positions and propensities."""

MAX_ROWS = 40
ROW_LENGTH = 40
TOP_N = 10
FIRST_SCREEN_ROWS = 5
FIRST_SCREEN_COLS = 6
HEAD = 12
"""Leading titles compared when judging whether two rows are near duplicates."""
MAX_OVERLAP = 0.5
"""Two rows whose heads share more than this fraction are near duplicates."""
GENRE_REPEAT_PENALTY = 0.25
"""Relevance lost by a themed row for each row of its genre already above it."""
NEGATIVE_FEEDBACK_WEIGHT = 1.0
"""z-score lost per unit of the profile's own negative feedback on a title.

ALS reads a negative cell as "no preference, with confidence", which moves nothing for a
profile without positives; this direct demotion makes unclicked impressions and skipped
titles count from the first page on."""
NEW_RELEASE_DAYS = 45
POOL_SIZE = 5_000
"""Themed rows are ranked from the profile's top titles first (exact: a row that cannot be
filled from the pool is ranked from all its members)."""
KIND_NAMES = np.asarray(["movie", "series"], dtype=object)
PLAIN_REASON_ROWS = ("continue", "mylist", "again")
"""Rows whose tiles all give the row's own reason."""
SIMILAR_REASON = 0.6
"""Cosine similarity to a liked title above which a tile says "Because you watched/liked"."""


@dataclass
class PageInputs:
    """What the builder needs to know about one profile right now."""

    scores: np.ndarray
    """Model score of every title (higher is better)."""
    eligible: np.ndarray
    """Titles allowed on this profile's home page (maturity, thumbs-down hidden)."""
    feedback: np.ndarray | None = None
    """The profile's own decayed feedback per title; its negative part demotes directly."""
    theme_affinity: dict[str, float] = field(default_factory=dict)
    genre_affinity: dict[int, float] = field(default_factory=dict)
    continue_watching: list[tuple[int, float]] = field(default_factory=list)
    """(title index, watched fraction), most recent first."""
    continue_fresh: bool = False
    """Whether the profile stopped mid-title recently (Continue Watching goes first)."""
    finished: list[int] = field(default_factory=list)
    """Titles the profile watched to the end, most recent first."""
    liked: list[int] = field(default_factory=list)
    """Titles the profile clearly enjoyed, most recent first."""
    watched: frozenset[int] = frozenset()
    """Titles the profile has played (a liked title not among them was only rated)."""
    similar: dict[int, np.ndarray] = field(default_factory=dict)
    """For the latest liked titles, titles like them, most similar first."""
    item_vectors: np.ndarray | None = None
    """Unit-length item factors, to explain tiles by similarity to liked titles."""
    my_list: list[int] = field(default_factory=list)
    trending: np.ndarray | None = None
    """Plays over the past week across every profile, per title."""
    today: np.ndarray | None = None
    """Plays over the past day across every profile, per title."""
    context_boost: np.ndarray | None = None
    """Per-title z-score shift for the viewing context."""
    context_label: str | None = None
    """How the context reads in a reason ("on phones at lunchtime")."""
    choose_artwork: ArtworkChooser | None = None
    """Title indices -> (artwork positions in the index, propensities); uniform if None."""


MATCH_LEVELS = np.linspace(0.0, 1.0, 101)


CALIBRATION_SAMPLE = 2048
"""At most this many eligible titles (an even stride) fix a profile's match quantiles."""


class MatchCalibrator:
    """% match 0..99, calibrated per profile on where a score falls among its eligible titles.

    The percentile ``p`` of a score maps to ``98 - 40 (1 - p) - 20 (1 - p)^3``: the
    profile's best title shows 98 %, its top tenth 94 % and up, its median 76 %, its worst
    38 %. The mapping is strictly monotone, so close titles at the top still differ.
    """

    def __init__(self, reference: np.ndarray) -> None:
        """Fix the quantiles from ``reference`` (the profile's scores of eligible titles)."""
        step = max(1, len(reference) // CALIBRATION_SAMPLE)
        sample = reference[::step]
        self.quantiles = _match_quantiles(sample) if len(sample) else None

    def __call__(self, scores: np.ndarray) -> np.ndarray:
        """The % match of each score."""
        if self.quantiles is None:
            return np.full(len(scores), 50, dtype=np.int64)
        percentile = np.interp(scores, self.quantiles, MATCH_LEVELS)
        below = 1.0 - percentile
        percent = 98.0 - 40.0 * below - 20.0 * below**3
        return np.rint(percent).clip(0, 99).astype(np.int64)


@functools.lru_cache(maxsize=16)
def _quantile_places(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Where ``np.quantile`` (method "linear") reads :data:`MATCH_LEVELS` among ``n`` sorted
    values, worked out as numpy does: the places below and above, the weight of the one
    above, and which levels interpolate down from above (weight >= 0.5)."""
    virtual = (n - 1) * MATCH_LEVELS
    below = np.floor(virtual)
    above = below + 1
    last = virtual >= n - 1  # the top level reads the last value
    below[last] = above[last] = -1
    below, above = below.astype(np.intp), above.astype(np.intp)
    weight = virtual - below
    return below, above, weight, weight >= 0.5


def _match_quantiles(values: np.ndarray) -> np.ndarray:
    """``np.quantile(values, MATCH_LEVELS)`` from one sort (np.quantile partitions around
    the 200 places it reads, which costs twice as much): the same values, numpy's own
    arithmetic, though a zero may come out as -0.0 where numpy has 0.0 or the other way
    round (the order of equal values differs), which interpolation does not see."""
    ordered = np.sort(values)
    if np.isnan(ordered[-1]):  # numpy's own handling of NaN
        return np.quantile(values, MATCH_LEVELS)
    below, above, weight, from_above = _quantile_places(len(values))
    low, high = ordered[below], ordered[above]
    step = high - low
    quantiles = low + step * weight
    np.subtract(high, step * (1 - weight), out=quantiles, where=from_above)
    return quantiles


def match_percent(scores: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """% match of ``scores`` calibrated on ``reference`` (see :class:`MatchCalibrator`)."""
    return MatchCalibrator(reference)(scores)


_Kept = TypeVar("_Kept")


class KeptFor(Generic[_Kept]):
    """One result kept with the arrays it was worked out from, handed out again while
    arrays of the same values come back (it is a function of them alone)."""

    def __init__(self) -> None:
        """Nothing kept yet."""
        self._kept: tuple[tuple[tuple[str, tuple[int, ...], bytes], ...], _Kept] | None = None

    def get(self, arrays: tuple[np.ndarray, ...], make: Callable[..., _Kept]) -> _Kept:
        """``make(*arrays)``, or what it gave for arrays of the same values last time."""
        # arrays compared by their bytes: a few times quicker than np.array_equal on a
        # catalog's few thousand values
        key = tuple((a.dtype.str, a.shape, a.tobytes()) for a in arrays)
        kept = self._kept
        if kept is not None and kept[0] == key:
            return kept[1]
        value = make(*arrays)
        self._kept = (key, value)
        return value


@dataclass
class Candidate:
    """A row before selection."""

    id: str
    name: str
    reason: str
    kind: str
    """"theme" or "system"."""
    titles: np.ndarray
    genres: tuple[int, ...] = ()
    relevance: float = 0.0
    slot: int | None = None
    """For system rows: the earliest position they take."""
    progress: list[float] | None = None
    keep_order: bool = False
    """Rows whose order means something (Continue Watching, Top 10) are not reshuffled."""
    tile_reasons: list[str] | None = None


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
        self.taste_reason = {
            g: f"Your taste for {genre.plural.lower()}" for g, genre in index.genres.items()
        }
        """The reason a tile gives when the profile likes its main genre."""
        self.theme_reasons = [
            (
                f"You have been browsing {theme.name}",
                f"Your taste for {theme.name.lower()}",
                f"Popular {theme.name} picked for you",
            )
            for theme in themes.themes
        ]
        """Per theme, its row's reason when the profile browsed it, likes its genre, or else."""
        self.new_releases = np.flatnonzero(index.added_day >= index.newest_day - NEW_RELEASE_DAYS)
        # a profile's pages (and profiles alike) mostly share these: kept for the latest
        self._today_kept: KeptFor[np.ndarray] = KeptFor()
        self._trending_kept: KeptFor[tuple[np.ndarray, np.ndarray]] = KeptFor()
        # tile fields as Python objects per title: picking objects is quicker than converting
        self.kind_names = KIND_NAMES[index.is_series.astype(np.int8)]
        self.years = np.asarray(index.year.tolist(), dtype=object)

    def build(
        self,
        inputs: PageInputs,
        *,
        context: Context,
        page_id: str,
        profile_id: int,
        policy: str,
    ) -> Page:
        """Rank rows and titles for one profile in one context."""
        z, match = self.ranking(inputs)
        discovery = inputs.eligible.copy()  # filters: finished titles leave discovery rows
        discovery[np.asarray(inputs.finished, dtype=np.int64)] = False

        system = self._system_rows(inputs, z, discovery)
        themed = self._themed_rows(inputs, z, discovery)
        ordered = self._select(system, themed)
        return Page(
            page_id,
            profile_id,
            policy,
            context,
            tuple(self._finish(ordered, inputs, z, match)),
        )

    def ranking(self, inputs: PageInputs) -> tuple[np.ndarray, MatchCalibrator]:
        """Every title's ranking score and the profile's % match calibration.

        The ranking score is the policy's score standardised over the titles the profile
        may see, shifted by the context and demoted by the profile's own negative feedback.
        """
        eligible_idx = inputs.eligible.nonzero()[0]
        scores = inputs.scores
        ref = scores[eligible_idx] if len(eligible_idx) else scores
        mean, std = mean_std(ref)
        z = (scores - mean) / max(std, 1e-9)
        if inputs.context_boost is not None:
            z = z + inputs.context_boost
        if inputs.feedback is not None:  # shown and skipped, left early: demoted at once
            z = z + NEGATIVE_FEEDBACK_WEIGHT * np.minimum(inputs.feedback, 0.0)
        return z, MatchCalibrator(z[eligible_idx] if len(eligible_idx) else z)

    # -- candidates and evidence ----------------------------------------------------

    def _system_rows(
        self, inputs: PageInputs, z: np.ndarray, discovery: np.ndarray
    ) -> list[Candidate]:
        index = self.index
        rows: list[Candidate] = []
        cw = [(i, f) for i, f in inputs.continue_watching if inputs.eligible[i]]
        if cw:
            rows.append(
                Candidate(
                    "continue",
                    "Continue Watching",
                    "Pick up where you left off",
                    "system",
                    np.asarray([i for i, _ in cw], dtype=np.int64),
                    slot=0 if inputs.continue_fresh else 3,
                    progress=[f for _, f in cw],
                    keep_order=True,
                )
            )
        for rank, liked in enumerate(inputs.liked[:2]):
            similar = inputs.similar.get(liked)
            if similar is None:
                continue
            similar = similar[discovery[similar]]
            if len(similar) >= 4:
                name = f"{because(liked, inputs.watched)} {index.names[liked]}"
                rows.append(
                    Candidate(
                        f"because:{int(index.ids[liked])}",
                        name,
                        name,
                        "system",
                        similar,
                        slot=1 + 7 * rank,
                        keep_order=True,
                    )
                )
        if inputs.today is not None and inputs.today.any():
            top = self._today_kept.get((inputs.today, inputs.eligible), _today_top)
            if len(top) >= 3:
                rows.append(
                    Candidate(
                        "top10",
                        "Top 10 Today",
                        "The most watched titles today",
                        "system",
                        top,
                        slot=2,
                        keep_order=True,
                        tile_reasons=[f"#{k + 1} in Top 10 today" for k in range(len(top))],
                    )
                )
        if inputs.context_label and inputs.context_boost is not None:
            lifted = (discovery & (inputs.context_boost > 0)).nonzero()[0]
            if len(lifted) >= 8:
                ranked = lifted[_top(z[lifted] + index.popularity_z[lifted], self.row_length)]
                label = inputs.context_label
                rows.append(
                    Candidate(
                        "context",
                        f"Popular {label}",
                        f"Picked for watching {label}",
                        "system",
                        ranked,
                        slot=4,
                        keep_order=True,
                        tile_reasons=[f"Popular {label}"] * len(ranked),
                    )
                )
        mine = [i for i in inputs.my_list if inputs.eligible[i]]
        if mine:
            rows.append(
                Candidate(
                    "mylist",
                    "My List",
                    "Titles you saved",
                    "system",
                    np.asarray(mine, dtype=np.int64),
                    slot=5,
                    keep_order=True,
                )
            )
        if inputs.trending is not None and inputs.trending.any():
            top, trend_z = self._trending_kept.get(
                (inputs.trending, discovery), functools.partial(_trending, k=3 * self.row_length)
            )
            top = top[_top(z[top] + trend_z, self.row_length)]
            rows.append(
                Candidate(
                    "trending",
                    "Trending Now",
                    "Popular with viewers this week",
                    "system",
                    top,
                    slot=6,
                )
            )
        fresh = self.new_releases[discovery[self.new_releases]]
        if len(fresh) >= 4:
            rows.append(
                Candidate(
                    "new",
                    "New Releases",
                    "Just added to the catalogue",
                    "system",
                    fresh[_top(z[fresh], self.row_length)],
                    slot=9,
                )
            )
        again = [i for i in inputs.finished if inputs.eligible[i]]
        if again:
            rows.append(
                Candidate(
                    "again",
                    "Watch It Again",
                    "Titles you finished",
                    "system",
                    np.asarray(again, dtype=np.int64),
                    slot=12,
                    keep_order=True,
                )
            )
        return rows

    def _themed_rows(
        self, inputs: PageInputs, z: np.ndarray, discovery: np.ndarray
    ) -> list[Candidate]:
        themes = self.themes
        base = themes.mean_scores(np.where(discovery, z, 0.0))
        genre_aff = np.zeros(int(themes.genre_of.max()) + 1 if len(themes.genre_of) else 1)
        for genre, affinity in inputs.genre_affinity.items():
            if genre < len(genre_aff):
                genre_aff[genre] = affinity
        boost = 0.5 * np.tanh(genre_aff[themes.genre_of] / 5.0)
        for theme_id, affinity in inputs.theme_affinity.items():
            pos = themes.position.get(theme_id)
            if pos is not None:
                boost[pos] += affinity
        candidates = _top(base + boost, min(len(base), 3 * self.max_rows // 2))
        ranked, head_mean = self._rank_themes(candidates, z, self._pool(z, discovery), discovery)
        relevance = (head_mean + boost[candidates]).tolist()
        liked_genre = (genre_aff > 0.5).tolist()
        rows: list[Candidate] = []
        for c, titles, rel in zip(candidates.tolist(), ranked, relevance, strict=True):
            if len(titles) < 4:
                continue
            theme = themes.themes[c]
            browsing, taste, popular = self.theme_reasons[c]
            if inputs.theme_affinity.get(theme.id, 0.0) > 0.1:
                reason = browsing
            elif liked_genre[theme.genre_id]:
                reason = taste
            else:
                reason = popular
            rows.append(
                Candidate(theme.id, theme.name, reason, "theme", titles, (theme.genre_id,), rel)
            )
        return rows

    def _pool(self, z: np.ndarray, discovery: np.ndarray) -> np.ndarray:
        """The profile's best :data:`POOL_SIZE` discovery titles, as a mask."""
        if len(z) <= POOL_SIZE:  # every discovery title (and no sort to find them)
            return discovery
        pool = np.zeros(len(z), dtype=bool)
        pool[_top(np.where(discovery, z, -np.inf), POOL_SIZE)] = True
        return pool & discovery

    def _rank_themes(
        self, themes: np.ndarray, z: np.ndarray, pool: np.ndarray, discovery: np.ndarray
    ) -> tuple[list[np.ndarray], np.ndarray]:
        """Each theme's row (its best titles by ``z``, at most :attr:`row_length`) and the
        mean ``z`` of the row's first :data:`TOP_N` titles.

        A theme's titles come from ``pool`` when it has a full row there, else from
        ``discovery``. The same as :func:`_top` theme by theme, but every theme at once:
        numpy calls cost ~1 us each, so a few per page rather than a few per theme.
        """
        k = self.row_length
        members, owner = self.themes.members_of(themes)
        allowed = discovery[members]
        if pool is not discovery:
            in_pool = pool[members]
            from_pool = np.bincount(owner[in_pool], minlength=len(themes)) >= k
            allowed = np.where(from_pool[owner], in_pool, allowed)
        members, owner = members[allowed], owner[allowed]
        counts = np.bincount(owner, minlength=len(themes))
        starts = counts.cumsum() - counts
        # best first within each theme; ties in member order (title order), as _top's sort.
        # Each member's place in the members' scores, best first (equal scores share one),
        # then members sorted by place and by theme: two stable sorts of small integers
        # (radix sorts) after one quick sort, less than half the time of lexsort
        values = -z[members]
        order = values.argsort()
        ordered = values[order]
        place = np.empty(len(members), dtype=_small_int(len(members)))
        place[order] = np.concatenate(([False], ordered[1:] != ordered[:-1])).cumsum()
        order = place.argsort(kind="stable")
        order = order[owner[order].astype(_small_int(len(themes))).argsort(kind="stable")]
        ranked = members[order]
        ranked_z = z[ranked]
        rank = np.arange(len(ranked)) - starts.repeat(counts)
        lengths = np.minimum(counts, k)
        top = ranked[rank < k]
        ends = lengths.cumsum().tolist()
        rows = [top[end - n : end] for end, n in zip(ends, lengths.tolist(), strict=True)]

        # the head's mean: one row-wise sum over full heads (the same pairwise sum as one
        # head's .sum()); other heads one by one
        full = lengths >= TOP_N
        head_mean = np.empty(len(themes))
        heads = ranked_z[(rank < TOP_N) & full[owner]]
        head_mean[full] = heads.reshape(-1, TOP_N).sum(axis=1) / TOP_N
        redo = set((~full).nonzero()[0].tolist())

        # _top takes a longer theme's best k with argpartition, whose order among equal
        # values is its own: such themes are ranked by _top itself
        tied = (ranked_z[1:] == ranked_z[:-1]) & (rank[1:] > 0) & (rank[1:] <= k)
        for t in set(owner[1:][tied].tolist()):
            if counts[t] > k:
                own = members[starts[t] : starts[t] + counts[t]]
                rows[t] = own[_top(z[own], k)]
                redo.add(t)
        for t in redo:
            head = z[rows[t][:TOP_N]]
            head_mean[t] = head.sum() / len(head) if len(head) else 0.0
        return rows, head_mean

    # -- stage-wise selection ---------------------------------------------------------

    def _select(self, system: list[Candidate], themed: list[Candidate]) -> list[Candidate]:
        """Pick rows top-down; each themed row is judged against the rows above it: the
        best by relevance less its genre's penalty for the rows of that genre above (ties
        to the first), among the rows not taken or pushed out (near duplicates of a row
        taken)."""
        chosen: list[Candidate] = []
        pending = sorted(system, key=lambda r: r.slot or 0)
        # row i (themed, then pending) pushes out the themed rows crowding[i] once taken
        crowding = _crowding_lists(_crowding([*themed, *pending], len(themed), self.index.n))
        relevance = [r.relevance for r in themed]
        genres = [r.genres[0] for r in themed]
        out = [False] * len(themed)  # taken or pushed out
        count = [0] * self.index.genre_slots
        penalty = [0.0] * self.index.genre_slots
        first_screen_penalty = [0.0] * self.index.genre_slots  # a genre mix up top
        # themed rows by -(relevance - penalty), then position: a lazy heap, as penalties
        # only grow (but for the switch from the first screen's, where it is rebuilt)
        heap: list[tuple[float, int]] = []
        heap_penalty: list[float] | None = None

        def take(row: Candidate, i: int) -> None:
            chosen.append(row)
            for j in crowding[i]:
                out[j] = True
            for g in row.genres:
                count[g] += 1
                penalty[g] = GENRE_REPEAT_PENALTY * count[g]
                first_screen_penalty[g] = GENRE_REPEAT_PENALTY * (
                    100 if count[g] >= 2 else count[g]
                )

        def best_themed() -> int:
            nonlocal heap_penalty
            top = penalty if len(chosen) >= FIRST_SCREEN_ROWS else first_screen_penalty
            if top is not heap_penalty:
                heap[:] = [
                    (top[genres[j]] - relevance[j], j) for j in range(len(out)) if not out[j]
                ]
                heapq.heapify(heap)
                heap_penalty = top
            while heap:
                key, j = heap[0]
                if out[j]:
                    heapq.heappop(heap)
                elif key == (current := top[genres[j]] - relevance[j]):
                    return j
                else:  # its genre's penalty grew since
                    heapq.heapreplace(heap, (current, j))
            return -1

        waiting = 0  # pending[waiting] is the next system row
        while len(chosen) < self.max_rows:
            if waiting < len(pending) and (pending[waiting].slot or 0) <= len(chosen):
                take(pending[waiting], len(themed) + waiting)
                waiting += 1
                continue
            best = best_themed()
            if best < 0:  # no themed row left
                if waiting == len(pending):
                    break
                take(pending[waiting], len(themed) + waiting)
                waiting += 1
                continue
            take(themed[best], best)
        return chosen

    # -- duplicates, tiles, reasons ---------------------------------------------------

    def _finish(
        self,
        ordered: list[Candidate],
        inputs: PageInputs,
        z: np.ndarray,
        match: MatchCalibrator,
    ) -> list[Row]:
        """Push titles already shown higher up out of each row's visible head; make tiles."""
        # plain lists and a set: a row's few dozen titles are quicker in Python than in numpy
        shown: set[int] = set()
        placed: list[tuple[Candidate, list[int], list[str] | None, list[float] | None]] = []
        for row in ordered:
            titles = row.titles[: self.row_length * 2].tolist()
            reasons, progress = row.tile_reasons, row.progress
            if not row.keep_order or len(placed) < FIRST_SCREEN_ROWS:
                order = _push_back(titles, shown, FIRST_SCREEN_COLS)
                if order is not titles and (progress is not None or reasons is not None):
                    where = {t: k for k, t in enumerate(titles)}
                    picks = [where[t] for t in order]
                    progress = [progress[k] for k in picks] if progress is not None else None
                    reasons = [reasons[k] for k in picks] if reasons is not None else None
                titles = order
            titles = titles[: self.row_length]
            shown.update(titles[:FIRST_SCREEN_COLS])
            placed.append((row, titles, reasons, progress))

        counts = [len(titles) for _, titles, _, _ in placed]
        all_titles = np.fromiter(
            chain.from_iterable(t for _, t, _, _ in placed), dtype=np.int64, count=sum(counts)
        )
        # a title's fields are the same on every tile of the page: worked out once per title
        distinct, at = _distinct(all_titles, self.index.n)
        columns = self._tile_columns(distinct, inputs.choose_artwork, z, match)
        reasons = self._tile_reasons(placed, counts, distinct, at, inputs)
        places = at.tolist()
        rows: list[Row] = []
        offset = 0
        for (row, _, _, progress), count in zip(placed, counts, strict=True):
            end = offset + count
            progress = progress[:count] if progress is not None else [None] * count
            tiles = TileColumns(columns, offset, (reasons[offset:end], progress), places)
            rows.append(Row(row.id, row.name, row.reason, row.kind, tiles, row.genres))
            offset = end
        return rows

    def _tile_reasons(
        self,
        placed: list[tuple[Candidate, list[int], list[str] | None, list[float] | None]],
        counts: list[int],
        distinct: np.ndarray,
        at: np.ndarray,
        inputs: PageInputs,
    ) -> list[str]:
        """Every tile's reason, row after row: the tile's own when its row gives them, else
        the tile's evidence in rows that take it, else the row's reason. ``distinct``: the
        page's titles, ``at``: each tile's place among them."""
        takes = [
            reasons is None and not (row.id.startswith("because:") or row.id in PLAIN_REASON_ROWS)
            for row, _, reasons, _ in placed
        ]
        # evidence is a title's own, so it is found once per title on the page; reasons are
        # numbers into a table (the rows' reasons, then the evidence) until the last step
        found, texts = self._evidence(distinct, inputs)
        found = found[at]
        row_of = np.arange(len(placed)).repeat(counts)
        code = np.where(np.asarray(takes)[row_of] & (found >= 0), found + len(placed), row_of)
        table = np.asarray([row.reason for row, *_ in placed] + texts, dtype=object)
        reasons: list[str] = table[code].tolist()
        offset = 0
        for (_, _, given, _), count in zip(placed, counts, strict=True):
            if given is not None:
                reasons[offset : offset + count] = given[:count]
            offset += count
        return reasons

    def _evidence(self, titles: np.ndarray, inputs: PageInputs) -> tuple[np.ndarray, list[str]]:
        """Each title's strongest evidence, as its place in the texts returned (-1: none):
        a liked look-alike, the context, a genre taste. ``titles`` are distinct."""
        index = self.index
        texts: list[str] = []
        liked_genres = [g for g, a in inputs.genre_affinity.items() if a > 0.5]
        taste = np.full(index.genre_slots + 1, -1)  # the last: titles without a genre (-1)
        taste[liked_genres] = np.arange(len(liked_genres))
        texts += [self.taste_reason[g] for g in liked_genres]
        found = taste[index.main_genre[titles]]
        if inputs.context_label and inputs.context_boost is not None:
            found[inputs.context_boost[titles] > 0] = len(texts)
            texts.append(f"Popular {inputs.context_label}")
        liked = np.asarray(inputs.liked[:10], dtype=np.int64)
        if inputs.item_vectors is not None and len(liked):
            sims = inputs.item_vectors.take(titles, axis=0) @ inputs.item_vectors[liked].T
            is_liked = np.zeros(index.n, dtype=bool)
            is_liked[liked] = True
            sims[is_liked[titles]] = 0.0
            best = sims.argmax(axis=1)
            strong = (sims[np.arange(len(titles)), best] > SIMILAR_REASON).nonzero()[0]
            found[strong] = len(texts) + best[strong]
            texts += [f"{because(s, inputs.watched)} {index.names[s]}" for s in liked.tolist()]
        return found, texts

    def tiles(
        self,
        titles: np.ndarray,
        ranking: np.ndarray,
        match: MatchCalibrator,
        reasons: list[str],
        choose_artwork: ArtworkChooser | None = None,
    ) -> tuple[Tile, ...]:
        """Tiles for ``titles`` (title indices), e.g. search results or onboarding picks."""
        columns = self._tile_columns(titles, choose_artwork, ranking, match)
        return tuple(map(make_tile, *columns, reasons, [None] * len(titles)))

    def _tile_columns(
        self,
        titles: np.ndarray,
        choose_artwork: ArtworkChooser | None,
        ranking: np.ndarray,
        match: MatchCalibrator,
    ) -> list[list]:
        """The fields before the reason of a tile of each of ``titles``, one list per field."""
        index = self.index
        if choose_artwork is not None:
            art, propensity = choose_artwork(titles)
        else:  # the first variant of each title
            art, propensity = index.artwork_start[titles], np.ones(len(titles))
        scores = ranking[titles]
        return [
            index.ids[titles].tolist(),
            index.names_array[titles].tolist(),
            self.kind_names[titles].tolist(),
            self.years[titles].tolist(),
            index.artwork_ids[art].tolist(),
            index.artwork_aspect_array[art].tolist(),
            index.artwork_palette_array[art].tolist(),
            match(scores).tolist(),
            scores.round(6).tolist(),
            propensity.tolist(),
        ]


def because(title: int, watched: frozenset[int]) -> str:
    """ "Because you watched" for a title played, "Because you liked" for one only rated."""
    return "Because you watched" if title in watched else "Because you liked"


def _top(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` largest values, largest first."""
    k = min(k, len(values))
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    if k == len(values):  # all of them: a stable sort, ties in index order
        return (-values).argsort(kind="stable")
    part = (-values).argpartition(k - 1)[:k]
    return part[(-values[part]).argsort(kind="stable")]


def _crowding(rows: list[Candidate], themed: int, n: int) -> np.ndarray:
    """Whether each row makes each of the first ``themed`` rows a near duplicate: more than
    :data:`MAX_OVERLAP` of that row's head (first :data:`HEAD` titles) is in this row's.

    One matrix for the page instead of one comparison per row taken: rows x themed rows.
    """
    heads = np.full((len(rows), HEAD), n, dtype=np.int64)  # n: a title in no head
    for i, row in enumerate(rows):
        head = row.titles[:HEAD]
        heads[i, : len(head)] = head
    sizes = np.maximum((heads[:themed] < n).sum(axis=1), 1)
    # titles renumbered by a place of theirs in the heads (the padding last, alone), so the
    # table below is places x rows rather than catalog x rows
    number = np.zeros(n + 1, dtype=np.intp)
    number[heads] = np.arange(heads.size).reshape(heads.shape)
    number[n] = heads.size
    heads = number[heads]
    rows_of = np.zeros((heads.size + 1, len(rows)), dtype=np.uint8)  # 1: the title heads the row
    rows_of[heads, np.arange(len(rows))[:, None]] = 1
    rows_of[-1] = 0
    # shared[j, i]: titles of themed row j's head in row i's head; summed over the head's
    # places (axis 0), which numpy adds plane by plane (5x faster than along a middle axis)
    shared = rows_of.take(heads[:themed].T, axis=0).sum(axis=0, dtype=np.uint8)
    return (shared / sizes[:, None] > MAX_OVERLAP).T


def _crowding_lists(crowded: np.ndarray) -> list[list[int]]:
    """Per row of ``crowded`` (rows x themed rows), the themed rows it crowds."""
    rows, cols = np.nonzero(crowded)
    ends = np.bincount(rows, minlength=len(crowded)).cumsum().tolist()
    cols_list = cols.tolist()
    return [cols_list[start:end] for start, end in zip([0, *ends][:-1], ends, strict=True)]


INT16_MAX = 32_767


def _small_int(n: int) -> type[np.signedinteger]:
    """The smallest of int16 and int64 that holds 0..n-1 (numpy sorts int16 by radix)."""
    return np.int16 if n <= INT16_MAX else np.int64


def _distinct(titles: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``titles`` (indices below ``n``), ascending, and where each of ``titles``
    is among them: ``np.unique(titles, return_inverse=True)``, a few times quicker."""
    distinct = distinct_titles(titles, n)
    at = np.empty(n, dtype=np.intp)
    at[distinct] = np.arange(len(distinct))
    return distinct, at[titles]


def _today_top(today: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Top 10 Today: the titles most played today among the ``eligible``, best first."""
    played = np.where(eligible & (today > 0), today, -np.inf)
    top = _top(played, TOP_N)
    return top[np.isfinite(played[top])]


def _trending(trending: np.ndarray, discovery: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` discovery titles most played this week, best first, and their z-scored
    log plays (Trending Now picks among them by the profile's ranking too)."""
    trend = np.where(discovery, np.log1p(trending), -np.inf)
    top = _top(trend, k)
    top = top[np.isfinite(trend[top])]
    return top, _zscore(trend[top])


def _zscore(values: np.ndarray) -> np.ndarray:
    mean, std = mean_std(values)
    return (values - mean) / max(std, 1e-9)


def _push_back(titles: list[int], shown: set[int], cols: int) -> list[int]:
    """Move titles already shown above out of the first ``cols`` places (``titles`` itself
    if none is there)."""
    if shown.isdisjoint(titles[:cols]):
        return titles
    fresh = [t for t in titles if t not in shown]
    repeats = [t for t in titles if t in shown]
    return fresh[:cols] + repeats + fresh[cols:]
