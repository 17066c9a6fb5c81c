"""Plain frozen dataclasses that cross from the engine into the TUI, bots and tests."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from operator import itemgetter
from typing import Any, overload

DEVICES = ("tv", "phone", "tablet", "laptop")
"""Devices a session can run on."""


@dataclass(frozen=True)
class Context:
    """Where and when a page is asked for."""

    hour: int
    """Hour of day on the session clock, 0..23."""
    device: str
    """One of :data:`DEVICES`."""


@dataclass(frozen=True)
class ProfileInfo:
    """A viewer profile as the picker shows it."""

    id: int
    name: str
    maturity_level: int
    device: str


@dataclass(frozen=True)
class Tile:
    """One title on a row, with the artwork chosen for this viewer."""

    title_id: int
    name: str
    kind: str
    year: int
    artwork_id: int
    aspect: str
    """What the chosen artwork variant emphasises ("actor close-up", "romance", ...)."""
    palette: tuple[str, str]
    """Background and accent colours of the artwork, as ``#rrggbb``."""
    match: int
    """Per-profile % match, 0..99."""
    score: float
    """Score the tile was ranked by: the policy's score standardised for the profile,
    shifted by the viewing context."""
    propensity: float
    """Probability with which this artwork variant was chosen."""
    reason: str
    progress: float | None = None
    """Watched fraction, for Continue Watching tiles."""


TILE_FIELDS = tuple(f.name for f in fields(Tile))
"""Tile's field names in order."""


_new_object = object.__new__


def make_tile(*values: Any) -> Tile:
    """A Tile from its field values in order, equal to ``Tile(*values)``.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``;
    filling the instance dict directly is 2.5 times faster.
    """
    tile = _new_object(Tile)
    tile.__dict__.update(zip(TILE_FIELDS, values))  # noqa: B905 (lengths match by construction)
    return tile


class TileColumns(Sequence[Tile]):
    """A row's tiles kept as columns, one per :class:`Tile` field in order; a tile is made
    the first time it is read.

    A home page holds about a thousand tiles and a viewer looks at a few rows of them:
    the slate is logged from the columns, and only the tiles read become objects. The
    leading fields' columns are shared by every row of a page: the page's tiles, laid end
    to end (this row's from ``start`` on), read them at ``places`` (a title's fields are
    kept once when its tiles all read one entry); the last fields' columns are the row's
    own. Equal to (and hashes like) the tuple of its tiles.
    """

    __slots__ = ("_len", "_made", "_page", "_places", "_row", "_start")

    def __init__(
        self,
        page_columns: Sequence[Sequence[Any]],
        start: int,
        row_columns: Sequence[Sequence[Any]],
        places: Sequence[int] | None = None,
    ) -> None:
        """``page_columns`` (leading fields, shared) and ``row_columns`` (the rest, this
        row's tiles only) together give one column per Tile field, in field order.

        ``places``: where each tile of the page reads ``page_columns`` (tile ``p`` of the
        page at entry ``places[p]``); by default, at entry ``p``. With places, entries are
        the page's titles, one each, every one read by that title's tiles.
        """
        self._page = page_columns
        self._start = start
        self._row = row_columns
        self._places = places
        self._len = len(row_columns[0])
        self._made: list[Tile | None] | None = None  # made at the first tile read

    def column(self, name: str) -> Sequence[Any]:
        """Every tile's value of the field ``name``, without making tiles."""
        k = TILE_FIELDS.index(name)
        if k >= len(self._page):
            return self._row[k - len(self._page)]
        column, end = self._page[k], self._start + self._len
        if self._places is None:
            return column[self._start : end]
        return [column[at] for at in self._places[self._start : end]]

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, at: int) -> Tile: ...
    @overload
    def __getitem__(self, at: slice) -> tuple[Tile, ...]: ...
    def __getitem__(self, at: int | slice) -> Tile | tuple[Tile, ...]:
        if isinstance(at, slice):
            return tuple(self[k] for k in range(*at.indices(len(self))))
        made = self._made
        if made is None:
            made = self._made = [None] * self._len
        tile = made[at]
        if tile is None:
            k = range(self._len)[at]  # IndexError past the end, negatives counted back
            shared = self._start + k
            if self._places is not None:
                shared = self._places[shared]
            tile = made[k] = make_tile(
                *map(itemgetter(shared), self._page), *map(itemgetter(k), self._row)
            )
        return tile

    def __iter__(self) -> Iterator[Tile]:
        return (self[k] for k in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TileColumns | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"TileColumns({tuple(self)!r})"


def page_columns(
    rows: Sequence[Sequence[Tile]], names: Sequence[str]
) -> tuple[list[Sequence[Any]], Sequence[int] | None] | None:
    """The fields ``names`` of the tiles of ``rows``, one column each, read in one piece from
    the page's shared columns, and the tiles' places in them (see :class:`TileColumns`:
    ``None`` when the tiles, in order, are the columns' entries); ``None`` unless ``rows``
    are :class:`TileColumns` laid end to end over one page's columns (as a built home page's
    are) and ``names`` are among the shared fields."""
    laid = [tiles for tiles in rows if isinstance(tiles, TileColumns)]
    if not laid or len(laid) != len(rows):
        return None
    shared, places = laid[0]._page, laid[0]._places
    at = [TILE_FIELDS.index(name) for name in names]
    if max(at) >= len(shared):
        return None
    end = 0
    for tiles in laid:
        if tiles._page is not shared or tiles._places is not places or tiles._start != end:
            return None
        end += len(tiles)
    if end != len(shared[0] if places is None else places):
        return None
    return [shared[k] for k in at], places


def tile_column(tiles: Sequence[Tile], name: str) -> Sequence[Any]:
    """Every tile's value of the field ``name`` (read from the columns when it can)."""
    if isinstance(tiles, TileColumns):
        return tiles.column(name)
    return [getattr(tile, name) for tile in tiles]


@dataclass(frozen=True)
class Row:
    """A themed or system row of tiles."""

    id: str
    """Stable id: ``theme:<genre>:<tag>:<kind>``, ``continue``, ``because:<title>``, ..."""
    name: str
    reason: str
    kind: str
    """``"theme"`` or ``"system"``."""
    tiles: Sequence[Tile]
    """A tuple, or :class:`TileColumns` on a home page (tiles made as they are read)."""
    genre_ids: tuple[int, ...] = ()
    """Genres the row is about (empty for mixed rows)."""


@dataclass(frozen=True)
class Page:
    """A home page: rows ranked for one profile in one context."""

    page_id: str
    profile_id: int
    policy: str
    context: Context
    rows: tuple[Row, ...]

    def row(self, row_id: str) -> Row | None:
        """The row with this id, or ``None``."""
        return next((r for r in self.rows if r.id == row_id), None)

    def locate(self, title_id: int, row_id: str | None = None) -> tuple[int, int] | None:
        """(row, column) of ``title_id``: on row ``row_id`` if it is there, else its first
        place on the page; ``None`` when the page does not show it.

        Read from the rows' title id columns: no tile is made (a bot's rebuilt page had
        every tile made to find one, 0.1 to 0.2 ms)."""
        rows = list(enumerate(self.rows))
        for r, row in [(r, row) for r, row in rows if row.id == row_id] + rows:
            ids = list(tile_column(row.tiles, "title_id"))
            if title_id in ids:
                return r, ids.index(title_id)
        return None


@dataclass(frozen=True)
class TitleFacts:
    """A title's fixed facts: the same for every viewer."""

    name: str
    kind: str
    year: int
    maturity: str
    runtime_min: int
    seasons: int | None
    episodes: int | None
    synopsis: str
    cast: tuple[str, ...]


@dataclass(frozen=True)
class TitleCard:
    """Everything the details screen shows about a title."""

    title_id: int
    name: str
    kind: str
    year: int
    maturity: str
    runtime_min: int
    seasons: int | None
    episodes: int | None
    synopsis: str
    genres: tuple[str, ...]
    tags: tuple[str, ...]
    cast: tuple[str, ...]
    match: int
    rating: int | None
    """This profile's thumbs: -1, 1, 2 or ``None``."""
    in_my_list: bool
    artwork_id: int | None = None
    palette: tuple[str, str] = ("#221f1f", "#e50914")
    aspect: str = ""
    badges: tuple[str, ...] = ()
    """Short labels such as "New Episodes", "Top 10 · #3", "Award-winning"."""
    preview: Preview | None = None
    """The trailer chosen for this viewer (set by ``Session.open_details``)."""


@dataclass(frozen=True)
class Preview:
    """The trailer variant chosen as a viewer's preview of a title."""

    trailer_id: int
    title_id: int
    variant: int
    aspect: str
    """What the trailer emphasises, as artwork aspects do ("action scene", ...)."""
    label: str
    """"Official Trailer", "Action Trailer", ..."""
    duration_s: int
    propensity: float
    """Probability with which this variant was chosen."""


@dataclass(frozen=True)
class Notice:
    """A notification in the top bar's bell, personal to the profile."""

    id: str
    """Stable id: ``new_season:<title id>`` or ``new_arrival:<title id>``."""
    kind: str
    """``"new_season"`` or ``"new_arrival"``."""
    title_id: int
    title: str
    """The title's name."""
    message: str
    """One line: "New season of The Silver River"."""
    detail: str
    """Second line: "Season 3 is here", "94% match · Thrillers"."""
    day: int
    """Catalog day it happened on (newest first in the bell)."""
    read: bool = False
    """Whether it was opened in this session."""


@dataclass(frozen=True)
class PlaybackState:
    """Where a simulated playback stands."""

    title_id: int
    duration_s: float
    position_s: float
    watched_s: float
    """Content seconds actually played (seeks excluded)."""
    playing: bool
    speed: float
    finished: bool = False

    @property
    def fraction(self) -> float:
        """Position as a fraction of the duration."""
        return min(1.0, self.position_s / self.duration_s) if self.duration_s else 0.0


@dataclass(frozen=True)
class ModelInfo:
    """What the recommender is and what it was trained on."""

    policy: str
    factors: int
    trained_on_events: int
    profile_signals: int
    extra: dict[str, float] = field(default_factory=dict)
