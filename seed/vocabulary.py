"""The catalog's fixed vocabulary: taste dimensions, genres, tags, artwork aspects, ratings.

Plain data, no randomness. Genre and tag ids in the catalog follow the order of
:data:`GENRES` and :data:`TAGS` (first one is id 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

TASTE_DIMS: tuple[str, ...] = (
    "drama",
    "comedy",
    "thriller",
    "action",
    "scifi",
    "fantasy",
    "horror",
    "romance",
    "crime",
    "documentary",
    "family",
    "western",
    "mystery",
    "reality",
    "dark",
    "light",
    "cerebral",
)
"""Hidden taste dimensions: one per genre family, then three moods."""

KIDS = "Kids & Family"
"""Name of the genre whose titles suit the kids profile."""


@dataclass(frozen=True)
class GenreSpec:
    """A genre, how common it is, and how its titles tend to look."""

    name: str
    plural: str
    tv_plural: str
    dim: str
    """Its taste dimension in :data:`TASTE_DIMS`."""
    share: float
    """Relative share of titles having it as main genre."""
    series_share: float
    """Chance a title of this main genre is a series."""
    maturity: tuple[float, float, float, float, float]
    """Chance of each maturity level 0..4."""
    moods: dict[str, float] = field(default_factory=dict)
    """Extra taste dimensions its titles lean to."""
    secondary: dict[str, float] = field(default_factory=dict)
    """Weights of the other genres a title of this main genre may also have."""
    aspects: dict[str, float] = field(default_factory=dict)
    """Weights of the artwork aspects that fit it."""
    movie_minutes: tuple[int, int] = (95, 125)
    """Typical movie length range (mean of a normal draw is its middle)."""
    episode_minutes: tuple[int, int] = (42, 60)
    """Range of a series episode's length."""
    episodes_per_season: tuple[int, int] = (6, 10)
    tone: str = "drama"
    """Word pool for title names: drama, dark, light, epic, kids, docu, reality."""


GENRES: tuple[GenreSpec, ...] = (
    GenreSpec(
        "Drama",
        "Dramas",
        "TV Dramas",
        "drama",
        0.15,
        0.36,
        (0.0, 0.05, 0.35, 0.30, 0.30),
        secondary={
            "Romance": 3,
            "Crime": 2,
            "Comedy": 1.5,
            "Thriller": 1,
            "Mystery": 0.7,
            "Western": 0.4,
            "Fantasy": 0.3,
        },
        aspects={
            "actor close-up": 3,
            "classic scene": 2,
            "ensemble cast": 1.5,
            "romance": 1,
            "landscape": 0.7,
            "family": 0.6,
            "villain": 0.3,
        },
        movie_minutes=(100, 135),
        episode_minutes=(45, 60),
        episodes_per_season=(8, 10),
    ),
    GenreSpec(
        "Comedy",
        "Comedies",
        "TV Comedies",
        "comedy",
        0.13,
        0.38,
        (0.02, 0.15, 0.40, 0.25, 0.18),
        moods={"light": 0.5},
        secondary={
            "Romance": 3,
            "Drama": 2,
            KIDS: 0.8,
            "Crime": 0.5,
            "Action & Adventure": 0.6,
            "Fantasy": 0.4,
            "Horror": 0.4,
        },
        aspects={
            "comedic moment": 3,
            "ensemble cast": 2.5,
            "actor close-up": 2,
            "romance": 1,
            "family": 0.7,
            "classic scene": 1,
        },
        movie_minutes=(88, 112),
        episode_minutes=(22, 32),
        episodes_per_season=(8, 22),
        tone="light",
    ),
    GenreSpec(
        "Thriller",
        "Thrillers",
        "TV Thrillers",
        "thriller",
        0.09,
        0.32,
        (0.0, 0.0, 0.30, 0.30, 0.40),
        moods={"dark": 0.3, "cerebral": 0.15},
        secondary={
            "Crime": 3,
            "Mystery": 3,
            "Drama": 2,
            "Action & Adventure": 1.5,
            "Horror": 1,
            "Sci-Fi": 0.6,
        },
        aspects={
            "villain": 2.5,
            "actor close-up": 2.5,
            "mystery": 2,
            "action scene": 1.5,
            "landscape": 0.6,
            "classic scene": 1,
        },
        movie_minutes=(95, 125),
        episode_minutes=(42, 58),
        tone="dark",
    ),
    GenreSpec(
        "Action & Adventure",
        "Action & Adventure",
        "Action & Adventure TV",
        "action",
        0.09,
        0.22,
        (0.0, 0.05, 0.50, 0.25, 0.20),
        secondary={
            "Sci-Fi": 2.5,
            "Thriller": 2,
            "Fantasy": 1.5,
            "Crime": 1.5,
            "Comedy": 1,
            "Western": 0.6,
            "Drama": 0.8,
        },
        aspects={
            "action scene": 3.5,
            "actor close-up": 2,
            "villain": 2,
            "landscape": 1.2,
            "ensemble cast": 1,
            "classic scene": 0.8,
        },
        movie_minutes=(105, 140),
        episode_minutes=(42, 58),
        tone="epic",
    ),
    GenreSpec(
        "Sci-Fi",
        "Sci-Fi Movies",
        "Sci-Fi TV",
        "scifi",
        0.06,
        0.33,
        (0.0, 0.08, 0.50, 0.25, 0.17),
        moods={"cerebral": 0.3},
        secondary={
            "Action & Adventure": 3,
            "Thriller": 2,
            "Drama": 1.5,
            "Horror": 1,
            "Fantasy": 1,
            "Mystery": 1,
        },
        aspects={
            "landscape": 2.5,
            "action scene": 2,
            "actor close-up": 2,
            "mystery": 1.3,
            "villain": 1,
            "ensemble cast": 0.8,
            "classic scene": 1,
        },
        movie_minutes=(100, 140),
        episode_minutes=(42, 60),
        tone="epic",
    ),
    GenreSpec(
        "Fantasy",
        "Fantasy Movies",
        "Fantasy TV",
        "fantasy",
        0.05,
        0.33,
        (0.05, 0.20, 0.45, 0.20, 0.10),
        secondary={
            "Action & Adventure": 3,
            "Drama": 2,
            "Romance": 1.5,
            KIDS: 0.8,
            "Comedy": 1,
            "Horror": 0.6,
        },
        aspects={
            "landscape": 2.5,
            "action scene": 2,
            "actor close-up": 1.5,
            "villain": 1.5,
            "romance": 1,
            "ensemble cast": 1,
            "family": 0.8,
            "classic scene": 1,
        },
        movie_minutes=(105, 150),
        episode_minutes=(45, 60),
        tone="epic",
    ),
    GenreSpec(
        "Horror",
        "Horror Movies",
        "Horror TV",
        "horror",
        0.06,
        0.22,
        (0.0, 0.0, 0.15, 0.25, 0.60),
        moods={"dark": 0.6},
        secondary={
            "Thriller": 3,
            "Mystery": 2,
            "Sci-Fi": 1,
            "Comedy": 0.7,
            "Drama": 0.6,
            "Fantasy": 0.6,
        },
        aspects={
            "villain": 3,
            "mystery": 2.5,
            "actor close-up": 2,
            "landscape": 1,
            "classic scene": 1,
            "ensemble cast": 0.6,
        },
        movie_minutes=(85, 110),
        episode_minutes=(40, 55),
        tone="dark",
    ),
    GenreSpec(
        "Romance",
        "Romantic Movies",
        "Romantic TV Shows",
        "romance",
        0.07,
        0.28,
        (0.0, 0.10, 0.45, 0.30, 0.15),
        moods={"light": 0.3},
        secondary={"Drama": 3, "Comedy": 3, "Fantasy": 0.6},
        aspects={
            "romance": 4,
            "actor close-up": 2.5,
            "classic scene": 1,
            "landscape": 0.8,
            "comedic moment": 0.8,
            "ensemble cast": 0.4,
        },
        movie_minutes=(92, 120),
        episode_minutes=(40, 55),
        tone="light",
    ),
    GenreSpec(
        "Crime",
        "Crime Movies",
        "Crime TV Shows",
        "crime",
        0.07,
        0.44,
        (0.0, 0.0, 0.20, 0.35, 0.45),
        moods={"dark": 0.35},
        secondary={
            "Drama": 3,
            "Thriller": 3,
            "Mystery": 2,
            "Action & Adventure": 1.3,
            "Comedy": 0.6,
            "Documentary": 0.5,
        },
        aspects={
            "villain": 2.5,
            "actor close-up": 2.5,
            "mystery": 2,
            "action scene": 1.2,
            "ensemble cast": 1,
            "classic scene": 1,
            "landscape": 0.4,
        },
        movie_minutes=(100, 135),
        episode_minutes=(45, 60),
        tone="dark",
    ),
    GenreSpec(
        "Documentary",
        "Documentaries",
        "Docuseries",
        "documentary",
        0.08,
        0.40,
        (0.15, 0.20, 0.30, 0.20, 0.15),
        moods={"cerebral": 0.4},
        secondary={"Crime": 2, "Drama": 0.6, KIDS: 0.4},
        aspects={
            "landscape": 3,
            "classic scene": 2,
            "actor close-up": 1.5,
            "family": 0.6,
            "action scene": 0.5,
            "mystery": 0.8,
            "ensemble cast": 0.7,
        },
        movie_minutes=(82, 110),
        episode_minutes=(40, 55),
        episodes_per_season=(3, 8),
        tone="docu",
    ),
    GenreSpec(
        KIDS,
        "Kids & Family Movies",
        "Kids' TV",
        "family",
        0.12,
        0.40,
        (0.78, 0.22, 0.0, 0.0, 0.0),
        moods={"light": 0.4},
        secondary={
            "Comedy": 3,
            "Fantasy": 2.5,
            "Action & Adventure": 1.5,
            "Sci-Fi": 0.7,
            "Documentary": 0.3,
        },
        aspects={
            "family": 3,
            "comedic moment": 2.5,
            "ensemble cast": 2,
            "action scene": 1.2,
            "landscape": 1.2,
            "classic scene": 1,
            "actor close-up": 0.6,
        },
        movie_minutes=(72, 98),
        episode_minutes=(22, 26),
        episodes_per_season=(10, 26),
        tone="kids",
    ),
    GenreSpec(
        "Western",
        "Westerns",
        "Western TV Shows",
        "western",
        0.02,
        0.20,
        (0.0, 0.10, 0.40, 0.20, 0.30),
        secondary={"Drama": 2.5, "Action & Adventure": 2.5, "Crime": 1, "Romance": 0.6},
        aspects={
            "landscape": 3,
            "action scene": 2,
            "actor close-up": 2,
            "villain": 1.5,
            "classic scene": 1.2,
            "ensemble cast": 0.6,
        },
        movie_minutes=(100, 140),
        episode_minutes=(45, 60),
        tone="epic",
    ),
    GenreSpec(
        "Mystery",
        "Mysteries",
        "Mystery TV Shows",
        "mystery",
        0.04,
        0.40,
        (0.0, 0.05, 0.40, 0.35, 0.20),
        moods={"cerebral": 0.3},
        secondary={"Crime": 3, "Thriller": 3, "Drama": 2, "Horror": 0.8, "Comedy": 0.5},
        aspects={
            "mystery": 3.5,
            "actor close-up": 2,
            "villain": 1.5,
            "landscape": 1,
            "classic scene": 1,
            "ensemble cast": 1,
        },
        movie_minutes=(95, 125),
        episode_minutes=(42, 60),
        tone="dark",
    ),
    GenreSpec(
        "Reality",
        "Reality Specials",
        "Reality TV",
        "reality",
        0.04,
        0.92,
        (0.02, 0.08, 0.35, 0.40, 0.15),
        moods={"light": 0.2},
        secondary={"Comedy": 1, "Romance": 1, "Documentary": 0.6},
        aspects={
            "ensemble cast": 3,
            "comedic moment": 2,
            "romance": 1.2,
            "actor close-up": 1.5,
            "landscape": 0.8,
            "family": 0.6,
        },
        movie_minutes=(80, 100),
        episode_minutes=(40, 50),
        episodes_per_season=(8, 12),
        tone="reality",
    ),
)
"""Every genre, in id order."""

GENRE_INDEX: dict[str, int] = {g.name: i for i, g in enumerate(GENRES)}
"""Genre name -> position in :data:`GENRES` (its id is the position + 1)."""


@dataclass(frozen=True)
class TagSpec:
    """A mood or hook, and the genres it goes with."""

    name: str
    row_template: str
    genres: dict[str, float]
    """Weight of the tag for titles of each genre (0 when absent)."""
    moods: dict[str, float] = field(default_factory=dict)
    """Taste dimensions the tag pushes a title toward."""
    series_only: bool = False
    kids_ok: bool = True
    """Whether titles for young viewers (maturity 0 or 1) may carry it."""
    never_with: frozenset[str] = frozenset()
    """Genres a title carrying this tag never has (avoids awkward row names)."""


_DARK_GENRES = {
    "Thriller": 2.5,
    "Crime": 2.5,
    "Horror": 3,
    "Drama": 1.5,
    "Sci-Fi": 1.5,
    "Fantasy": 1,
    "Mystery": 1.5,
    "Comedy": 1,
    "Western": 0.8,
    "Action & Adventure": 0.6,
}

TAGS: tuple[TagSpec, ...] = (
    TagSpec(
        "Bingeworthy",
        "Bingeworthy {genre}",
        {
            "Drama": 2,
            "Comedy": 1.5,
            "Thriller": 2,
            "Crime": 2.5,
            "Mystery": 2,
            "Reality": 3,
            "Sci-Fi": 1.5,
            "Fantasy": 1.5,
            "Romance": 1,
            "Documentary": 1.5,
            "Action & Adventure": 1,
            "Horror": 1,
            KIDS: 1,
            "Western": 1,
        },
        series_only=True,
    ),
    TagSpec(
        "Starring Women",
        "{genre} Starring Women",
        {
            "Drama": 2,
            "Comedy": 1.5,
            "Thriller": 1.5,
            "Crime": 1.5,
            "Romance": 1.5,
            "Action & Adventure": 1,
            "Sci-Fi": 0.8,
            "Fantasy": 1,
            "Mystery": 1.2,
            "Western": 0.5,
            "Horror": 1,
            "Documentary": 0.8,
        },
        never_with=frozenset({"Reality"}),
    ),
    TagSpec(
        "Award-winning",
        "Award-winning {genre}",
        {
            "Drama": 2.5,
            "Documentary": 2,
            "Crime": 1,
            "Comedy": 0.8,
            "Thriller": 0.8,
            KIDS: 0.6,
            "Sci-Fi": 0.5,
            "Romance": 0.6,
            "Western": 0.6,
        },
        moods={"cerebral": 0.2, "drama": 0.2},
        never_with=frozenset({"Reality"}),
    ),
    TagSpec(
        "Critically Acclaimed",
        "Critically Acclaimed {genre}",
        {
            "Drama": 2,
            "Documentary": 1.5,
            "Crime": 1.5,
            "Thriller": 1.2,
            "Comedy": 1.2,
            "Sci-Fi": 1,
            "Horror": 0.8,
            "Mystery": 1,
            "Western": 0.8,
            "Fantasy": 0.6,
            KIDS: 0.6,
            "Action & Adventure": 0.6,
        },
        moods={"cerebral": 0.25},
        never_with=frozenset({"Reality"}),
    ),
    TagSpec(
        "Psychological",
        "Psychological {genre}",
        {"Thriller": 4, "Drama": 1.5, "Mystery": 2.5, "Horror": 2.5, "Crime": 1.5, "Sci-Fi": 0.8},
        moods={"dark": 0.35, "cerebral": 0.45},
        kids_ok=False,
    ),
    TagSpec(
        "Friendship",
        "{genre} About Friendship",
        {
            "Comedy": 2.5,
            "Drama": 2,
            KIDS: 3,
            "Action & Adventure": 0.8,
            "Fantasy": 1,
            "Romance": 0.5,
            "Sci-Fi": 0.5,
            "Western": 0.4,
        },
        moods={"light": 0.3},
    ),
    TagSpec("Dark", "Dark {genre}", _DARK_GENRES, moods={"dark": 0.9}, kids_ok=False),
    TagSpec(
        "Feel-good",
        "Feel-good {genre}",
        {
            "Comedy": 3,
            "Romance": 2.5,
            KIDS: 3,
            "Drama": 1,
            "Reality": 2,
            "Documentary": 0.6,
            "Fantasy": 0.5,
        },
        moods={"light": 0.9},
    ),
    TagSpec(
        "Based on a Book",
        "{genre} Based on Books",
        {
            "Drama": 2,
            "Fantasy": 2,
            "Thriller": 1.5,
            "Mystery": 2,
            "Romance": 1.5,
            "Sci-Fi": 1.2,
            "Crime": 1.2,
            KIDS: 1,
            "Horror": 1,
            "Western": 0.5,
        },
        moods={"cerebral": 0.15},
        never_with=frozenset({"Reality", "Documentary"}),
    ),
    TagSpec(
        "Witty",
        "Witty {genre}",
        {
            "Comedy": 3,
            "Drama": 1,
            "Romance": 1.5,
            "Mystery": 1,
            "Crime": 0.6,
            "Documentary": 0.4,
            "Reality": 0.6,
        },
        moods={"light": 0.4, "cerebral": 0.3},
    ),
    TagSpec(
        "Suspenseful",
        "Suspenseful {genre}",
        {
            "Thriller": 3,
            "Mystery": 2.5,
            "Crime": 2,
            "Horror": 2,
            "Action & Adventure": 1.5,
            "Sci-Fi": 1,
            "Drama": 0.6,
            "Documentary": 0.6,
            "Western": 0.5,
        },
        moods={"thriller": 0.3},
    ),
    TagSpec(
        "Romantic",
        "Romantic {genre}",
        {"Comedy": 2.5, "Drama": 2, "Fantasy": 0.7, "Reality": 0.8},
        moods={"romance": 0.6, "light": 0.2},
        never_with=frozenset({"Romance"}),
    ),
    TagSpec(
        "Gritty",
        "Gritty {genre}",
        {
            "Crime": 3,
            "Action & Adventure": 2,
            "Western": 2.5,
            "Drama": 1.5,
            "Thriller": 1.5,
            "Sci-Fi": 0.6,
        },
        moods={"dark": 0.5},
        kids_ok=False,
    ),
    TagSpec(
        "Cerebral",
        "Cerebral {genre}",
        {"Sci-Fi": 3, "Thriller": 2, "Mystery": 2, "Drama": 1.5, "Documentary": 1.5, "Horror": 0.6},
        moods={"cerebral": 0.9},
        kids_ok=False,
    ),
    TagSpec(
        "Exciting",
        "Exciting {genre}",
        {
            "Action & Adventure": 3.5,
            "Sci-Fi": 2,
            "Fantasy": 2,
            "Western": 1.5,
            "Thriller": 1.5,
            KIDS: 1,
            "Crime": 1,
            "Documentary": 0.5,
            "Reality": 0.6,
        },
        moods={"action": 0.35},
    ),
    TagSpec(
        "Heartfelt",
        "Heartfelt {genre}",
        {"Drama": 2.5, "Romance": 2, KIDS: 1.5, "Comedy": 1.2, "Documentary": 1},
        moods={"light": 0.3, "drama": 0.2, "romance": 0.15},
    ),
    TagSpec(
        "Quirky",
        "Quirky {genre}",
        {"Comedy": 2.5, KIDS: 1.5, "Drama": 0.8, "Fantasy": 0.8, "Romance": 0.8, "Reality": 1},
        moods={"light": 0.3, "comedy": 0.25},
    ),
    TagSpec(
        "Slow Burn",
        "Slow-burn {genre}",
        {
            "Thriller": 2,
            "Drama": 1.5,
            "Mystery": 2,
            "Crime": 1.5,
            "Horror": 1.2,
            "Western": 1,
            "Sci-Fi": 0.8,
        },
        moods={"cerebral": 0.35, "dark": 0.2},
        kids_ok=False,
    ),
    TagSpec(
        "True Story",
        "{genre} Based on Real Life",
        {
            "Drama": 2.5,
            "Crime": 2.5,
            "Thriller": 0.8,
            "Romance": 0.6,
            "Action & Adventure": 0.5,
            "Comedy": 0.4,
            "Western": 0.4,
            "Horror": 0.3,
        },
        moods={"documentary": 0.35, "cerebral": 0.1},
        never_with=frozenset({"Documentary", "Reality", "Fantasy", "Sci-Fi", KIDS}),
    ),
    TagSpec(
        "Coming of Age",
        "Coming-of-age {genre}",
        {"Drama": 2, "Comedy": 2, KIDS: 1.5, "Romance": 1.2, "Fantasy": 0.8, "Horror": 0.4},
        moods={"light": 0.2, "drama": 0.2, "family": 0.1},
        never_with=frozenset({"Reality", "Documentary"}),
    ),
    TagSpec(
        "Spine-chilling",
        "Spine-chilling {genre}",
        {"Horror": 4, "Thriller": 1.5, "Mystery": 1.2, "Sci-Fi": 0.5},
        moods={"horror": 0.4, "dark": 0.4},
        kids_ok=False,
    ),
    TagSpec(
        "Visually Striking",
        "Visually Striking {genre}",
        {
            "Sci-Fi": 2,
            "Fantasy": 2.5,
            "Action & Adventure": 1.2,
            "Documentary": 1.5,
            KIDS: 1,
            "Western": 0.8,
            "Horror": 0.6,
            "Drama": 0.4,
        },
        moods={"fantasy": 0.2, "scifi": 0.2},
    ),
    TagSpec(
        "Animated",
        "Animated {genre}",
        {KIDS: 3.5, "Comedy": 0.6, "Fantasy": 0.8, "Sci-Fi": 0.5, "Action & Adventure": 0.5},
        moods={"family": 0.4, "light": 0.2},
        never_with=frozenset({"Reality"}),
    ),
    TagSpec("Competition", "Competition {genre}", {"Reality": 4}, moods={"reality": 0.4}),
    TagSpec(
        "Irreverent",
        "Irreverent {genre}",
        {"Comedy": 2.5, "Reality": 0.5, "Drama": 0.3, "Action & Adventure": 0.3, "Horror": 0.4},
        moods={"comedy": 0.3, "dark": 0.1},
        kids_ok=False,
    ),
)
"""Every tag, in id order."""

ASPECTS: dict[str, dict[str, float]] = {
    "actor close-up": {"drama": 0.4, "romance": 0.2},
    "action scene": {"action": 1.0},
    "romance": {"romance": 1.0},
    "classic scene": {},
    "ensemble cast": {"comedy": 0.6, "light": 0.4},
    "villain": {"dark": 0.8, "thriller": 0.3},
    "landscape": {"fantasy": 0.4, "western": 0.4, "documentary": 0.4, "scifi": 0.2},
    "comedic moment": {"comedy": 0.8, "light": 0.5},
    "mystery": {"mystery": 0.8, "cerebral": 0.4},
    "family": {"family": 0.9, "light": 0.4},
}
"""Artwork aspects and the taste dimensions each one's image appeals to."""

MAX_ARTWORKS = 9
"""Most artwork variants a title has."""

MOVIE_RATINGS: tuple[str, ...] = ("G", "PG", "PG-13", "PG-13", "R")
"""Movie rating label by maturity level (movies have no level 3: it becomes 2 or 4)."""

SERIES_RATINGS: tuple[str, ...] = ("TV-G", "TV-PG", "TV-PG", "TV-14", "TV-MA")
"""Series rating label by maturity level for grown-up shows (level 1 becomes 0 or 2)."""

KIDS_SERIES_RATINGS: tuple[str, ...] = ("TV-Y", "TV-Y7")
"""Series rating label of kids' shows, levels 0 and 1."""

MATURITY_LEVEL: dict[str, int] = {
    "G": 0,
    "TV-Y": 0,
    "TV-G": 0,
    "PG": 1,
    "TV-Y7": 1,
    "PG-13": 2,
    "TV-PG": 2,
    "TV-14": 3,
    "R": 4,
    "TV-MA": 4,
}
"""Maturity level of every rating label used."""

DEVICES: tuple[str, ...] = ("tv", "phone", "tablet", "laptop")
DEVICE_WEIGHTS: tuple[float, ...] = (0.55, 0.2, 0.1, 0.15)
"""How often each device is used to watch."""

HOUR_WEIGHTS: tuple[float, ...] = (
    3,
    2,
    1,
    0.6,
    0.4,
    0.4,
    0.6,
    1,
    1.5,
    1.6,
    1.8,
    2,
    2.4,
    2.5,
    2.4,
    2.6,
    3,
    3.6,
    5,
    6.5,
    8,
    8.5,
    7,
    5,
)
"""Relative amount of viewing in each hour of the day."""
