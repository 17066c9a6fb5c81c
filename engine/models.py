"""SQLModel tables of a netflix-sim catalog: one SQLite file holds them all.

These classes stay inside the engine's store (and the seed that fills them); the TUI
and bots only ever see the frozen dataclasses of :mod:`netflix_sim.engine.types`.
"""

from __future__ import annotations

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

SCHEMA_VERSION = 3
"""Version of the catalog schema, stored in the ``meta`` table as ``schema_version``
(2: the ``trailer`` table; 3: the event table's indexes that only slowed its writes gone)."""

TRACE_SCHEMA_VERSION = 2
"""Version of the event trace schema (README "Trace schema"): 1 is DESIGN.md's "Trace
schema (v1)"; 2 adds the ``speed`` event (a playback speed change), nothing else."""


class Meta(SQLModel, table=True):
    """Key/value facts about the catalog: schema version, seed arguments, catalog epoch."""

    key: str = Field(primary_key=True)
    value: str


class Genre(SQLModel, table=True):
    """A genre with the plural forms used to name rows ("Thrillers", "TV Thrillers")."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    plural: str
    tv_plural: str


class Tag(SQLModel, table=True):
    """A mood or hook; ``row_template`` names a theme row, e.g. ``"Bingeworthy {genre}"``."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    row_template: str


class Title(SQLModel, table=True):
    """A movie or a series."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    kind: str = Field(index=True)  # "movie" | "series"
    year: int
    runtime_min: int  # a movie's length, or one episode's length for a series
    seasons: int | None = None
    episodes: int | None = None  # episodes in all seasons, for series
    maturity: str  # rating label: "G", "PG", "PG-13", "R", "TV-Y", "TV-PG", "TV-14", "TV-MA"
    maturity_level: int  # 0 (kids) .. 4 (adults only)
    synopsis: str
    popularity: float  # prior popularity in [0, 1]
    added_day: int  # day the title joined the catalog, counted from the catalog epoch


class TitleGenre(SQLModel, table=True):
    """Links a title to one of its genres (the first, ``rank`` 0, is the main one)."""

    title_id: int = Field(foreign_key="title.id", primary_key=True)
    genre_id: int = Field(foreign_key="genre.id", primary_key=True, index=True)
    rank: int = 0


class TitleTag(SQLModel, table=True):
    """Links a title to one of its tags."""

    title_id: int = Field(foreign_key="title.id", primary_key=True)
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, index=True)


class Person(SQLModel, table=True):
    """A cast or crew member."""

    id: int | None = Field(default=None, primary_key=True)
    name: str


class Credit(SQLModel, table=True):
    """A person's part in a title, in billing order."""

    title_id: int = Field(foreign_key="title.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    role: str  # "actor" | "director" | "creator"
    billing: int = 0


class Artwork(SQLModel, table=True):
    """One artwork variant (poster) of a title; each emphasises one aspect."""

    id: int | None = Field(default=None, primary_key=True)
    title_id: int = Field(foreign_key="title.id", index=True)
    variant: int  # 0 .. 8
    aspect: str  # "actor close-up", "action scene", "romance", "classic scene", ...
    palette: str  # two hex colours "#rrggbb,#rrggbb": background, accent
    person_id: int | None = Field(default=None, foreign_key="person.id")


class Trailer(SQLModel, table=True):
    """One trailer variant (preview) of a title; each emphasises one aspect (schema v2)."""

    id: int | None = Field(default=None, primary_key=True)
    title_id: int = Field(foreign_key="title.id", index=True)
    variant: int  # 0 .. 3
    aspect: str  # as artwork: "classic scene" (the official trailer), "action scene", ...
    label: str  # "Official Trailer", "Action Trailer", ...
    duration_s: int


class Profile(SQLModel, table=True):
    """A viewer profile; ``kind`` "crowd" marks the seeded background viewers."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    maturity_level: int = 4
    device: str = "tv"
    kind: str = Field(default="viewer", index=True)  # "viewer" | "crowd"


class ViewingSession(SQLModel, table=True):
    """One sitting of one profile, from start to end."""

    __tablename__ = "session"

    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="profile.id", index=True)
    device: str
    policy: str
    clock: str  # "real" | "virtual"
    started_ms: int
    ended_ms: int | None = None


class Event(SQLModel, table=True):
    """One row of the trace schema (v2: DESIGN.md's v1 plus the ``speed`` event type)."""

    __table_args__ = (
        Index("ix_event_profile_type", "profile_id", "type"),
        Index("ix_event_play_stop", "t_ms", sqlite_where=text("type = 'play_stop'")),
    )
    """A profile's events of one type in order: what a session reads when it starts; the
    plays by time, which Trending Now and Top 10 Today count. No index on the type alone:
    it cost a quarter of every batch's write time and only those counts used it."""

    event_id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(index=True)
    profile_id: int
    seq: int
    t_ms: int  # session clock, ms since the Unix epoch (virtual for bots)
    wall_time: float  # wall clock, seconds since the Unix epoch
    type: str
    page_id: str | None = None
    row_id: str | None = None
    row_pos: int | None = None
    col_pos: int | None = None
    title_id: int | None = None
    artwork_id: int | None = None
    value: float | None = None
    policy: str | None = None
    propensity: float | None = None
    context: str | None = None  # JSON: {"hour": int, "device": str}
    payload: str | None = None  # JSON


class Rating(SQLModel, table=True):
    """A profile's latest thumbs on a title: -1 down, 1 up, 2 two thumbs up."""

    profile_id: int = Field(foreign_key="profile.id", primary_key=True)
    title_id: int = Field(foreign_key="title.id", primary_key=True)
    value: int
    t_ms: int


class MyListEntry(SQLModel, table=True):
    """A title a profile saved to My List."""

    __tablename__ = "my_list"

    profile_id: int = Field(foreign_key="profile.id", primary_key=True)
    title_id: int = Field(foreign_key="title.id", primary_key=True)
    added_ms: int
