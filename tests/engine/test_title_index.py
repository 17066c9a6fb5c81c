"""Helpers over title indices."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from netflix_sim.engine.title_index import distinct_titles


@given(st.lists(st.integers(0, 49), max_size=200))
def test_distinct_titles_is_unique(titles: list[int]) -> None:
    values = np.asarray(titles, dtype=np.int64)
    found = distinct_titles(values, 50)
    np.testing.assert_array_equal(found, np.unique(values))
    assert found.dtype == np.unique(values).dtype
