"""Title and profile facts from the catalog, for exports that carry item and user tables."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text


@dataclass(frozen=True)
class TitleFacts:
    """What an item table says about a title."""

    title_id: int
    name: str
    kind: str
    year: int
    runtime_min: int
    popularity: float
    synopsis: str
    genres: tuple[str, ...]
    """Main genre first."""
    tags: tuple[str, ...]


def titles(engine: Engine) -> list[TitleFacts]:
    """Every title of the catalog, by id."""
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, name, kind, year, runtime_min, popularity, synopsis FROM title")
        ).all()
        genres = conn.execute(
            text(
                "SELECT tg.title_id, g.name FROM titlegenre tg JOIN genre g "
                "ON g.id = tg.genre_id ORDER BY tg.title_id, tg.rank, g.id"
            )
        ).all()
        tags = conn.execute(
            text(
                "SELECT tt.title_id, t.name FROM titletag tt JOIN tag t ON t.id = tt.tag_id "
                "ORDER BY tt.title_id, t.id"
            )
        ).all()
    by_genre: dict[int, list[str]] = {}
    for title_id, name in genres:
        by_genre.setdefault(int(title_id), []).append(name)
    by_tag: dict[int, list[str]] = {}
    for title_id, name in tags:
        by_tag.setdefault(int(title_id), []).append(name)
    return [
        TitleFacts(
            int(r.id),
            r.name,
            r.kind,
            int(r.year),
            int(r.runtime_min),
            float(r.popularity),
            r.synopsis,
            tuple(by_genre.get(int(r.id), ())),
            tuple(by_tag.get(int(r.id), ())),
        )
        for r in sorted(rows, key=lambda r: r.id)
    ]


def profiles(engine: Engine) -> list[tuple[int, str, int, str, str]]:
    """Every profile as (id, name, maturity level, device, kind), by id."""
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, name, maturity_level, device, kind FROM profile ORDER BY id")
        ).all()
    return [(int(i), n, int(m), d, k) for i, n, m, d, k in rows]


__all__ = ["TitleFacts", "profiles", "titles"]
