"""Search matching: which titles a query names, by title, genre, tag or cast."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from .title_index import TitleIndex

REASON_CHARS = 40
"""How much of the query a result's reason quotes."""


def normalise_query(query: str) -> str:
    """The query as matched: whitespace collapsed, casefolded."""
    return " ".join(query.split()).casefold()


def cast_titles(engine: Engine, text_query: str) -> list[int]:
    """Ids of titles crediting a person whose name contains ``text_query``."""
    with engine.connect() as conn:
        return list(
            conn.execute(
                text(
                    "SELECT DISTINCT c.title_id FROM credit c JOIN person p "
                    "ON p.id = c.person_id WHERE instr(lower(p.name), :q) > 0"
                ),
                {"q": text_query},
            )
            .scalars()
            .all()
        )


def matching_titles(
    index: TitleIndex, engine: Engine, query: str, *, maturity_level: int
) -> np.ndarray:
    """Indices (ascending) of the titles ``query`` matches by name, genre (any of its
    labels), tag or cast, within ``maturity_level``; none for a blank query."""
    text_query = normalise_query(query)
    found = np.zeros(index.n, dtype=bool)
    if text_query:
        names = index.names_casefold
        found[[i for i, name in enumerate(names) if text_query in name]] = True
        for genre_id, genre in index.genres.items():
            labels = (genre.name, genre.plural, genre.tv_plural)
            if any(text_query in label.casefold() for label in labels):
                found[index.genre_title[index.genre_id == genre_id]] = True
        for tag_id, tag in index.tags.items():
            if text_query in tag.name.casefold():
                found[index.tag_title[index.tag_id == tag_id]] = True
        cast = cast_titles(engine, text_query)
        known = [index.index_of[t] for t in cast if t in index.index_of]
        found[known] = True
    found &= index.maturity <= maturity_level
    return np.flatnonzero(found)


def search_reason(query: str) -> str:
    """The reason a search result's tile gives."""
    return f"Matches \u201c{query.strip()[:REASON_CHARS]}\u201d"
