"""Page shape: themed rows, ranking, % match, diversity, maturity."""

from __future__ import annotations

from netflix_sim.engine import Catalog, VirtualClock
from netflix_sim.engine.pages import FIRST_SCREEN_COLS, FIRST_SCREEN_ROWS


def test_page_shape(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    page = session.home()
    themed = [r for r in page.rows if r.kind == "theme"]
    assert len(themed) >= 20
    assert len(page.rows) <= 40
    assert page.row("trending") is not None
    assert len({r.id for r in page.rows}) == len(page.rows)
    shown_above: set[int] = set()
    for row in page.rows:
        assert 0 < len(row.tiles) <= 40
        assert len({t.title_id for t in row.tiles}) == len(row.tiles)
        for tile in row.tiles:
            assert 0 <= tile.match <= 99
            assert 0 < tile.propensity <= 1
        if row.kind == "theme":  # ranked by score, bar titles already shown higher up
            scores = [t.score for t in row.tiles if t.title_id not in shown_above]
            assert scores == sorted(scores, reverse=True), row.name
        shown_above.update(t.title_id for t in row.tiles[:FIRST_SCREEN_COLS])


def test_no_title_twice_on_the_first_screen(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    page = session.home()
    first = [t.title_id for r in page.rows[:FIRST_SCREEN_ROWS] for t in r.tiles[:FIRST_SCREEN_COLS]]
    assert len(first) == len(set(first))


def test_match_is_monotone_in_score(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    tiles = sorted(
        {t.title_id: t for r in session.home().rows for t in r.tiles}.values(),
        key=lambda t: t.score,
    )
    matches = [t.match for t in tiles]
    assert matches == sorted(matches)


def test_kids_profile_sees_only_kids_titles(catalog: Catalog) -> None:
    kids = min(catalog.profiles(), key=lambda p: p.maturity_level)
    assert kids.maturity_level == 0
    session = catalog.start_session(kids, clock=VirtualClock())
    index = catalog.index
    page = session.home()
    assert page.rows
    for row in page.rows:
        for tile in row.tiles:
            assert index.maturity[index.index_of[tile.title_id]] <= kids.maturity_level


def test_unknown_profile_and_policy(catalog: Catalog) -> None:
    import pytest

    from netflix_sim.engine import UnknownPolicyError, UnknownProfileError

    with pytest.raises(UnknownProfileError):
        catalog.start_session("nobody-here")
    with pytest.raises(UnknownPolicyError):
        catalog.start_session(catalog.profiles()[0], policy="magic")
