"""Search matching: which titles a query names, by title, genre, tag or cast."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .database import dbapi_connection

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from .title_index import TitleIndex

REASON_CHARS = 40
"""How much of the query a result's reason quotes."""


def normalise_query(query: str) -> str:
    """The query as matched: whitespace collapsed, casefolded."""
    return " ".join(query.split()).casefold()


class CastIndex:
    """Every credited person's name (casefolded) and the titles they are credited on,
    read once: a live search matches names in memory instead of scanning the credits
    table with SQL at every keystroke."""

    def __init__(self, engine: Engine) -> None:
        """Read the people and their credits (any role) from the catalog at ``engine``."""
        with dbapi_connection(engine) as conn:  # plain tuples, fast to convert
            people = conn.execute("SELECT id, name FROM person ORDER BY id").fetchall()
            credits = conn.execute(
                "SELECT person_id, title_id FROM credit ORDER BY person_id"
            ).fetchall()
        self.names = [name.casefold() for _, name in people]
        """Casefolded names, in person id order."""
        person_ids = np.array([p for p, _ in people], dtype=np.int64)
        pairs = np.array(credits, dtype=np.int64).reshape(-1, 2)
        self.titles = pairs[:, 1]
        """Credited title ids, grouped by person (``names`` order)."""
        self.starts = np.searchsorted(pairs[:, 0], np.append(person_ids, np.iinfo(np.int64).max))
        """Person ``k``'s titles are ``titles[starts[k]:starts[k + 1]]``."""

    def titles_of_people_named(self, text_query: str) -> np.ndarray:
        """Ids of titles crediting someone whose casefolded name contains ``text_query``."""
        hits = [k for k, name in enumerate(self.names) if text_query in name]
        if not hits:
            return np.zeros(0, dtype=np.int64)
        spans = [self.titles[self.starts[k] : self.starts[k + 1]] for k in hits]
        return np.unique(np.concatenate(spans))


def matching_titles(
    index: TitleIndex, cast: CastIndex, query: str, *, maturity_level: int
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
        credited = cast.titles_of_people_named(text_query)
        found[index.title_positions(credited[np.isin(credited, index.ids)])] = True
    found &= index.maturity <= maturity_level
    return np.flatnonzero(found)


def search_reason(query: str) -> str:
    """The reason a search result's tile gives."""
    return f"Matches \u201c{query.strip()[:REASON_CHARS]}\u201d"
