"""The builder's page-at-once steps agree with the plain one-theme, one-row definitions."""

from __future__ import annotations

import numpy as np
import pytest

from netflix_sim.engine import Catalog
from netflix_sim.engine.pages import HEAD, MAX_OVERLAP, TOP_N, Candidate, _crowding, _top


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
