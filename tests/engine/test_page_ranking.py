"""The builder's page-at-once steps agree with the plain one-theme, one-row definitions."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from netflix_sim.engine import Catalog, VirtualClock
from netflix_sim.engine.pages import (
    FIRST_SCREEN_ROWS,
    GENRE_REPEAT_PENALTY,
    HEAD,
    MATCH_LEVELS,
    MAX_OVERLAP,
    TOP_N,
    Candidate,
    KeptFor,
    PageBuilder,
    _crowding,
    _match_quantiles,
    _push_back,
    _top,
)


@pytest.mark.parametrize("decimals", [None, 1, 0])  # rounded scores tie often
@pytest.mark.parametrize("pool_share", [1.0, 0.3])
def test_rank_themes_is_top_theme_by_theme(
    catalog: Catalog, decimals: int | None, pool_share: float
) -> None:
    builder, themes = catalog.builder, catalog.themes
    rng = np.random.default_rng(3)
    z = rng.normal(size=catalog.index.n)
    if decimals is not None:
        z = np.round(z, decimals)
    discovery = rng.random(catalog.index.n) < 0.7
    pool = discovery & (rng.random(catalog.index.n) < pool_share) if pool_share < 1 else discovery
    positions = rng.permutation(len(themes.themes))[:60]
    rows, head_mean = builder._rank_themes(positions, z, pool, discovery)
    k = builder.row_length
    for pos, row, mean in zip(positions.tolist(), rows, head_mean.tolist(), strict=True):
        members = themes.themes[pos].members
        own = members[pool[members]]
        if len(own) < k:
            own = members[discovery[members]]
        want = own[_top(z[own], k)]
        np.testing.assert_array_equal(row, want)
        if len(want):
            head = z[want[:TOP_N]]
            assert mean == head.sum() / len(head)


def test_crowding_marks_rows_sharing_most_of_a_head() -> None:
    rng = np.random.default_rng(4)
    n = 50
    rows = [
        Candidate(str(i), "", "", "theme", rng.permutation(n)[: rng.integers(1, 20)])
        for i in range(30)
    ]
    crowded = _crowding(rows, 20, n)
    assert crowded.shape == (30, 20)
    for i, row in enumerate(rows):
        for j, other in enumerate(rows[:20]):
            head = set(other.titles[:HEAD].tolist())
            shared = len(head & set(row.titles[:HEAD].tolist()))
            assert crowded[i, j] == (shared / len(head) > MAX_OVERLAP)


@pytest.mark.parametrize("n", [1, 2, 3, 101, 1999, 2048])
@pytest.mark.parametrize("decimals", [None, 0])
def test_match_quantiles_are_numpys(n: int, decimals: int | None) -> None:
    values = np.random.default_rng(n).normal(size=n)
    if decimals is not None:
        values = np.round(values, decimals)
    want = np.quantile(values, MATCH_LEVELS)
    got = _match_quantiles(values)
    np.testing.assert_array_equal(got, want)  # equal values (a zero's sign may differ)
    probe = np.concatenate([values, want, np.linspace(-4, 4, 50)])
    assert np.interp(probe, got, MATCH_LEVELS).tobytes() == (
        np.interp(probe, want, MATCH_LEVELS).tobytes()
    )


def test_push_back_moves_titles_shown_above_behind_the_first_fresh_ones() -> None:
    titles = [1, 2, 3, 4, 5, 6, 7, 8]
    assert _push_back(titles, {9}, 3) is titles
    assert _push_back(titles, {2, 7}, 3) == [1, 3, 4, 2, 7, 5, 6, 8]


def _plain_select(
    system: list[Candidate], themed: list[Candidate], n: int, max_rows: int, genre_slots: int
) -> list[str]:
    """Row selection as first written: an argmax over every themed row per pick."""
    chosen: list[Candidate] = []
    pending = sorted(system, key=lambda r: r.slot or 0)
    crowded = _crowding([*themed, *pending], len(themed), n)
    relevance = np.asarray([r.relevance for r in themed])
    genres = np.asarray([r.genres[0] for r in themed], dtype=np.int64)
    count = [0] * genre_slots
    penalty, first_screen = np.zeros(genre_slots), np.zeros(genre_slots)

    def take(row: Candidate, i: int) -> None:
        chosen.append(row)
        relevance[crowded[i]] = -np.inf
        for g in row.genres:
            count[g] += 1
            penalty[g] = GENRE_REPEAT_PENALTY * count[g]
            first_screen[g] = GENRE_REPEAT_PENALTY * (100 if count[g] >= 2 else count[g])

    waiting = 0
    while len(chosen) < max_rows:
        if waiting < len(pending) and (pending[waiting].slot or 0) <= len(chosen):
            take(pending[waiting], len(themed) + waiting)
            waiting += 1
            continue
        best = -1
        if len(themed):
            top = penalty if len(chosen) >= FIRST_SCREEN_ROWS else first_screen
            best = int(np.argmax(relevance - top[genres]))
        if best < 0 or relevance[best] == -np.inf:
            if waiting == len(pending):
                break
            take(pending[waiting], len(themed) + waiting)
            waiting += 1
            continue
        take(themed[best], best)
    return [row.id for row in chosen]


@pytest.mark.parametrize("seed", range(12))
def test_select_is_the_plain_argmax_over_rows(catalog: Catalog, seed: int) -> None:
    """Picks agree with an argmax over every row per pick, ties (rounded relevance, a few
    genres), near duplicates and system rows' slots included."""
    rng = np.random.default_rng(seed)
    builder, n = catalog.builder, catalog.index.n
    pool = rng.permutation(n)[:120]  # shared titles: rows crowd each other
    themed = [
        Candidate(
            f"t{i}",
            "",
            "",
            "theme",
            rng.permutation(pool)[: rng.integers(4, 40)],
            (int(rng.integers(0, 4)),),
            float(np.round(rng.normal(), 1)),
        )
        for i in range(int(rng.integers(0, 70)))
    ]
    system = [
        Candidate(f"s{i}", "", "", "system", rng.permutation(pool)[:20], slot=int(slot))
        for i, slot in enumerate(rng.choice(15, int(rng.integers(0, 6)), replace=False))
    ]
    picked = [row.id for row in builder._select(system, themed)]
    assert picked == _plain_select(system, themed, n, builder.max_rows, catalog.index.genre_slots)


def test_kept_results_follow_the_values_of_their_arrays() -> None:
    kept: KeptFor[float] = KeptFor()
    calls: list[int] = []

    def total(a: np.ndarray, b: np.ndarray) -> float:
        calls.append(1)
        return float(a.sum() + b.sum())

    a, b = np.arange(5.0), np.ones(3, dtype=bool)
    assert kept.get((a, b), total) == 13.0
    assert kept.get((a.copy(), b.copy()), total) == 13.0 and len(calls) == 1  # same values
    a[2] = 7.0  # changed in place (as a catalog's play counts are): worked out again
    assert kept.get((a, b), total) == 18.0 and len(calls) == 2
    b[0] = False
    assert kept.get((a, b), total) == 17.0 and len(calls) == 3


def test_top10_and_trending_follow_plays_and_eligibility(catalog: Catalog) -> None:
    """Rows kept from an earlier page are the rows worked out afresh."""
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    inputs = session._page_inputs()
    builder, fresh = catalog.builder, PageBuilder(catalog.index, catalog.themes)
    rng = np.random.default_rng(5)
    for step in range(4):
        today = rng.integers(0, 4, catalog.index.n).astype(np.float64)
        trending = today + rng.integers(0, 6, catalog.index.n)
        eligible = inputs.eligible.copy()
        eligible[rng.integers(0, catalog.index.n, 3 * step)] = False
        changed = replace(
            inputs, today=today, trending=trending, eligible=eligible, choose_artwork=None
        )
        for _ in range(2):  # the second time from what was kept
            z, _ = builder.ranking(changed)
            got = builder._system_rows(changed, z, eligible)
            want = fresh._system_rows(changed, z, eligible)
            fresh = PageBuilder(catalog.index, catalog.themes)
            assert [(r.id, r.titles.tolist()) for r in got] == [
                (r.id, r.titles.tolist()) for r in want
            ]
    session.end()
