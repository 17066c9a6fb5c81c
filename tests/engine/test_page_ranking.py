"""The builder's page-at-once steps agree with the plain one-theme, one-row definitions."""

from __future__ import annotations

import numpy as np
import pytest

from netflix_sim.engine import Catalog
from netflix_sim.engine.pages import (
    HEAD,
    MATCH_LEVELS,
    MAX_OVERLAP,
    TOP_N,
    Candidate,
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
