"""Text input (search, profile names) is safe with any characters.

Quotes, SQL metacharacters, control characters, emoji, lone combining marks and
10,000-character strings go through the engine as data: no exception, nothing injected,
and what was typed is recorded exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netflix_sim.engine import Catalog, VirtualClock
from netflix_sim.engine.errors import ProfileNameError

from .conftest import assert_one_line_error, cli, integrity, query

NASTY = [
    "'",
    '"',
    "'; DROP TABLE event; --",
    '" OR 1=1 --',
    "%",
    "_",
    "\\",
    "Robert'); DELETE FROM title;--",
    "\x00",
    "a\x00b",
    "\t\n\r\x1b[31m\x07",
    "\u202e\u200f\ufeff",
    "🎬🍿👩‍👩‍👧‍👦",
    "e\u0301\u0301\u0301",
    "ﷺ" * 50,
    "x" * 10_000,
    "drama" * 2_000,
    " ",
    "",
]
"""Inputs that break naive code: quotes, SQL, NUL, escapes, bidi, emoji, huge strings."""

TEXT = st.text(max_size=300) | st.sampled_from(NASTY)
"""Any text (all of Unicode but surrogates, which no terminal can send) or a nasty one."""

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_search_takes_any_text(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock(), seed=0)
    session.home()
    titles = query(catalog.path, "SELECT count(*) FROM title")
    seen: list[str] = []

    @FUZZ
    @given(text=TEXT)
    def search(text: str) -> None:
        results = session.search(text)
        assert len({t.title_id for t in results}) == len(results)
        assert all(0 <= t.match <= 100 for t in results)
        seen.append(text)

    search()
    session.end()
    stored = [
        json.loads(p)["query"]
        for (p,) in query(
            catalog.path,
            "SELECT payload FROM event WHERE session_id = ? AND type = 'search' ORDER BY seq",
            (session.id,),
        )
    ]
    assert stored == seen  # recorded exactly, every one
    assert query(catalog.path, "SELECT count(*) FROM title") == titles
    assert integrity(catalog.path) == "ok"


@pytest.mark.parametrize("text", ["drama", "DRAMA", "  drama  "])
def test_search_still_finds_by_genre(catalog: Catalog, text: str) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock(), seed=0)
    assert session.search(text)


def test_profile_names_take_any_text_or_refuse_it_cleanly(catalog: Catalog) -> None:
    before = {p.id for p in catalog.profiles()}

    @FUZZ
    @given(name=TEXT)
    def create(name: str) -> None:
        try:
            made = catalog.create_profile(name)
        except ProfileNameError as exc:
            assert str(exc) and "\n" not in str(exc)
            return
        assert made.name == name.strip()
        assert catalog.profile(made.name).id == made.id
        assert catalog.profile(made.id).name == made.name

    create()
    made = [p for p in catalog.profiles() if p.id not in before]
    assert made, "no name was accepted"
    names = [p.name.casefold() for p in catalog.profiles()]
    assert len(names) == len(set(names))  # no two profiles share a name
    assert integrity(catalog.path) == "ok"


@pytest.mark.parametrize(
    "name",
    ["'; DROP TABLE profile; --", "🎬", "x" * 10_000, "\x1b[2J", "\u00b2"],
    ids=["sql", "emoji", "long", "escape", "superscript-two"],
)
def test_an_unknown_profile_name_on_the_command_line(catalog_path: Path, name: str) -> None:
    line = assert_one_line_error(cli("page", "--db", str(catalog_path), "--profile", name), code=2)
    assert "unknown profile" in line
    assert query(catalog_path, "SELECT count(*) FROM profile WHERE kind = 'viewer'") == [(3,)]
