"""Theme means: each theme's mean of per-title values, without a themes x titles matrix."""

from __future__ import annotations

import numpy as np

from netflix_sim.engine import Catalog


def test_mean_scores_is_each_themes_mean_over_its_members(catalog: Catalog) -> None:
    themes = catalog.themes
    values = np.random.default_rng(0).normal(size=catalog.index.n)
    means = themes.mean_scores(values)
    assert means.shape == (len(themes.themes),)
    want = [values[theme.members].mean() for theme in themes.themes]
    np.testing.assert_allclose(means, want, rtol=1e-12, atol=1e-12)


def test_members_of_lists_the_chosen_themes_members_in_turn(catalog: Catalog) -> None:
    themes = catalog.themes
    positions = np.asarray([5, 0, len(themes.themes) - 1, 5])
    members, owner = themes.members_of(positions)
    want = [themes.themes[p].members for p in positions]
    np.testing.assert_array_equal(members, np.concatenate(want))
    np.testing.assert_array_equal(owner, np.repeat(np.arange(4), [len(m) for m in want]))
    assert all((np.diff(t.members) > 0).all() for t in themes.themes)  # ascending
