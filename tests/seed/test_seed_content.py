"""What a seeded catalog holds: believable titles, genres, tags, cast, artwork, profiles."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

from netflix_sim.engine.models import SCHEMA_VERSION
from netflix_sim.seed import EPOCH_MS, SeedSummary
from netflix_sim.seed.vocabulary import GENRES, KIDS, MATURITY_LEVEL, TAGS

THEME_MIN_TITLES = 8
"""The engine turns a genre x tag pair into a row once it has this many titles."""


def count(db: sqlite3.Connection, sql: str) -> int:
    return int(db.execute(sql).fetchone()[0])


def test_summary_matches_the_tables(
    small_catalog: tuple[Path, SeedSummary], small_db: sqlite3.Connection
) -> None:
    s = small_catalog[1]
    assert s.titles == 300 == count(small_db, "SELECT COUNT(*) FROM title")
    assert s.genres == len(GENRES) == count(small_db, "SELECT COUNT(*) FROM genre")
    assert s.tags == len(TAGS) == count(small_db, "SELECT COUNT(*) FROM tag")
    assert s.people == count(small_db, "SELECT COUNT(*) FROM person")
    assert s.artworks == count(small_db, "SELECT COUNT(*) FROM artwork")
    assert s.profiles == 4 == count(small_db, "SELECT COUNT(*) FROM profile WHERE kind = 'viewer'")
    assert s.crowd_profiles == count(small_db, "SELECT COUNT(*) FROM profile WHERE kind = 'crowd'")
    assert s.crowd_profiles == 300  # the minimum crowd
    assert s.events == count(small_db, "SELECT COUNT(*) FROM event")
    for table in ("titlegenre", "titletag", "credit", "session", "rating", "my_list"):
        assert count(small_db, f"SELECT COUNT(*) FROM {table}") > 0, table


def test_genres_and_tags_name_rows_naturally(small_db: sqlite3.Connection) -> None:
    rows = small_db.execute("SELECT name, plural, tv_plural FROM genre").fetchall()
    names = {r[0]: (r[1], r[2]) for r in rows}
    assert names["Drama"] == ("Dramas", "TV Dramas")
    assert names["Documentary"] == ("Documentaries", "Docuseries")
    assert names[KIDS] == ("Kids & Family Movies", "Kids' TV")
    templates = dict(small_db.execute("SELECT name, row_template FROM tag").fetchall())
    assert all("{genre}" in t for t in templates.values())
    assert templates["Psychological"].format(genre="Thrillers") == "Psychological Thrillers"
    assert templates["Starring Women"].format(genre="TV Dramas") == "TV Dramas Starring Women"


def test_every_title_has_genres_tags_and_cast(small_db: sqlite3.Connection) -> None:
    per_title = small_db.execute(
        "SELECT t.id, t.kind, "
        "(SELECT COUNT(*) FROM titlegenre g WHERE g.title_id = t.id), "
        "(SELECT COUNT(*) FROM titlegenre g WHERE g.title_id = t.id AND g.rank = 0), "
        "(SELECT COUNT(*) FROM titletag g WHERE g.title_id = t.id), "
        "(SELECT COUNT(*) FROM credit c WHERE c.title_id = t.id AND c.role = 'actor'), "
        "(SELECT GROUP_CONCAT(c.role) FROM credit c WHERE c.title_id = t.id AND c.role != 'actor')"
        " FROM title t"
    ).fetchall()
    for title_id, kind, genres, mains, tags, actors, crew in per_title:
        assert 1 <= genres <= 3 and mains == 1, title_id
        assert 2 <= tags <= 5, title_id
        assert 3 <= actors <= 8, title_id
        assert crew == ("creator" if kind == "series" else "director"), title_id
    billing = small_db.execute(
        "SELECT title_id, GROUP_CONCAT(billing) FROM "
        "(SELECT title_id, billing FROM credit ORDER BY title_id, billing) GROUP BY title_id"
    ).fetchall()
    for title_id, order in billing:
        values = [int(b) for b in order.split(",")]
        assert values == list(range(len(values))), title_id


def test_titles_look_like_a_streaming_catalog(default_db: sqlite3.Connection) -> None:
    rows = default_db.execute(
        "SELECT name, kind, year, runtime_min, seasons, episodes, maturity, maturity_level, "
        "synopsis, popularity, added_day FROM title"
    ).fetchall()
    kinds = Counter(r[1] for r in rows)
    assert 0.28 <= kinds["series"] / len(rows) <= 0.42
    names = [r[0] for r in rows]
    assert len(set(names)) >= 0.97 * len(names)  # repeats allowed, but rare
    assert not any("lorem" in r[8].lower() for r in rows)
    for name, kind, year, runtime, seasons, episodes, label, level, synopsis, pop, added in rows:
        assert name and synopsis.endswith((".", "!", "?")), name
        assert 1 <= synopsis.count(". ") + 1 <= 4, synopsis
        assert 1970 <= year <= 2026
        assert MATURITY_LEVEL[label] == level
        assert 0.0 <= pop <= 1.0 and 0 <= added <= 730
        if kind == "movie":
            assert 70 <= runtime <= 160 and seasons is None and episodes is None
            assert label in {"G", "PG", "PG-13", "R"}
        else:
            assert 22 <= runtime <= 60 and 1 <= seasons <= 8 and episodes >= seasons
            assert label.startswith("TV-")
    years = sorted(r[2] for r in rows)
    assert years[len(years) // 2] >= 2012  # skewed recent
    pops = sorted(r[9] for r in rows)
    assert pops[len(pops) // 2] < 0.25 < pops[-1]  # a long tail of little-known titles
    recent = sum(1 for r in rows if r[10] >= 700)
    assert 0.02 * len(rows) <= recent <= 0.2 * len(rows)


def test_kids_have_enough_to_watch(default_db: sqlite3.Connection) -> None:
    total = count(default_db, "SELECT COUNT(*) FROM title")
    kids_ok = count(default_db, "SELECT COUNT(*) FROM title WHERE maturity_level = 0")
    assert kids_ok >= 0.08 * total
    too_old = count(
        default_db,
        "SELECT COUNT(*) FROM title t JOIN titlegenre g ON g.title_id = t.id "
        f"JOIN genre n ON n.id = g.genre_id WHERE n.name = '{KIDS}' AND t.maturity_level > 1",
    )
    assert too_old == 0
    dark = count(
        default_db,
        "SELECT COUNT(*) FROM title t JOIN titletag x ON x.title_id = t.id "
        "JOIN tag n ON n.id = x.tag_id WHERE n.name IN ('Dark', 'Gritty', 'Spine-chilling') "
        "AND t.maturity_level <= 1",
    )
    assert dark == 0


def test_tags_follow_genres(default_db: sqlite3.Connection) -> None:
    def share(tag: str, genres: tuple[str, ...]) -> float:
        placeholders = ",".join("?" * len(genres))
        rows = default_db.execute(
            "SELECT COUNT(DISTINCT x.title_id), COUNT(DISTINCT CASE WHEN n.name IN "
            f"({placeholders}) THEN x.title_id END) FROM titletag x JOIN tag t ON t.id = x.tag_id "
            "JOIN titlegenre g ON g.title_id = x.title_id JOIN genre n ON n.id = g.genre_id "
            "WHERE t.name = ?",
            (*genres, tag),
        ).fetchone()
        return rows[1] / rows[0]

    assert share("Psychological", ("Thriller", "Drama", "Mystery", "Horror", "Crime")) > 0.9
    assert share("Feel-good", ("Comedy", "Romance", KIDS, "Reality")) > 0.8
    movies_bingeworthy = count(
        default_db,
        "SELECT COUNT(*) FROM titletag x JOIN tag t ON t.id = x.tag_id JOIN title m "
        "ON m.id = x.title_id WHERE t.name = 'Bingeworthy' AND m.kind = 'movie'",
    )
    assert movies_bingeworthy == 0


def test_enough_genre_tag_pairs_for_theme_rows(default_db: sqlite3.Connection) -> None:
    pairs = default_db.execute(
        "SELECT g.genre_id, x.tag_id, COUNT(*) FROM titlegenre g "
        "JOIN titletag x ON x.title_id = g.title_id GROUP BY 1, 2 HAVING COUNT(*) >= ?",
        (THEME_MIN_TITLES,),
    ).fetchall()
    assert len(pairs) >= 40
    by_kind = default_db.execute(
        "SELECT g.genre_id, x.tag_id, t.kind FROM titlegenre g "
        "JOIN titletag x ON x.title_id = g.title_id JOIN title t ON t.id = g.title_id "
        "GROUP BY 1, 2, 3 HAVING COUNT(*) >= ?",
        (THEME_MIN_TITLES,),
    ).fetchall()
    assert sum(1 for *_, kind in by_kind if kind == "series") >= 20
    assert sum(1 for *_, kind in by_kind if kind == "movie") >= 40


def test_artwork_variants(small_db: sqlite3.Connection) -> None:
    rows = small_db.execute(
        "SELECT title_id, variant, aspect, palette, person_id FROM artwork "
        "ORDER BY title_id, variant"
    ).fetchall()
    by_title: dict[int, list[tuple]] = {}
    for row in rows:
        by_title.setdefault(row[0], []).append(row)
    assert len(by_title) == count(small_db, "SELECT COUNT(*) FROM title")
    actors = set(
        small_db.execute("SELECT title_id, person_id FROM credit WHERE role = 'actor'").fetchall()
    )
    hex_pair = re.compile(r"^#[0-9a-f]{6},#[0-9a-f]{6}$")
    for title_id, variants in by_title.items():
        assert 3 <= len(variants) <= 9, title_id
        assert [v[1] for v in variants] == list(range(len(variants)))
        backgrounds = [v[3].split(",")[0] for v in variants]
        assert len(set(backgrounds)) == len(backgrounds), title_id
        for _, _, aspect, palette, person in variants:
            assert hex_pair.match(palette), palette
            assert (person is not None) == (aspect == "actor close-up")
            if person is not None:
                assert (title_id, person) in actors
        close_ups = [v[4] for v in variants if v[2] == "actor close-up"]
        assert len(close_ups) == len(set(close_ups))
    aspects = Counter(r[2] for r in rows)
    assert len(aspects) >= 8


def test_artwork_aspects_fit_the_genre(default_db: sqlite3.Connection) -> None:
    def aspect_share(genre: str, aspect: str) -> float:
        total, hits = default_db.execute(
            "SELECT COUNT(*), SUM(a.aspect = ?) FROM artwork a JOIN titlegenre g "
            "ON g.title_id = a.title_id AND g.rank = 0 JOIN genre n ON n.id = g.genre_id "
            "WHERE n.name = ?",
            (aspect, genre),
        ).fetchone()
        return hits / total

    assert aspect_share("Romance", "romance") > 3 * aspect_share("Horror", "romance")
    assert aspect_share("Action & Adventure", "action scene") > 3 * aspect_share(
        "Romance", "action scene"
    )


def test_profiles(small_db: sqlite3.Connection) -> None:
    viewers = small_db.execute(
        "SELECT id, name, maturity_level, device FROM profile WHERE kind = 'viewer' ORDER BY id"
    ).fetchall()
    assert [v[0] for v in viewers] == [1, 2, 3, 4]
    assert len({v[1] for v in viewers}) == 4
    assert viewers[-1][1:3] == ("Kids", 0)
    assert all(v[2] == 4 for v in viewers[:-1])
    assert {v[3] for v in viewers} <= {"tv", "phone", "tablet", "laptop"}
    crowd_names = {r[0] for r in small_db.execute("SELECT name FROM profile WHERE kind = 'crowd'")}
    assert not crowd_names & {v[1] for v in viewers}


def test_meta(small_db: sqlite3.Connection) -> None:
    meta = dict(small_db.execute("SELECT key, value FROM meta").fetchall())
    assert json.loads(meta["seed_args"]) == {"titles": 300, "profiles": 4, "seed": 7}
    assert int(meta["epoch_ms"]) == EPOCH_MS
    assert int(meta["added_day_zero_ms"]) == EPOCH_MS - 730 * 86_400_000
    assert meta["generator"] == "netflix-sim seed"
    assert meta["schema_version"] == str(SCHEMA_VERSION) == "3"
