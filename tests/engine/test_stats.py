"""The quick mean and standard deviation are numpy's, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from netflix_sim.engine.stats import mean_std

finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(arrays(np.float64, st.integers(1, 3000), elements=finite))
def test_mean_std_is_numpys(values: np.ndarray) -> None:
    mean, std = mean_std(values)
    assert (mean, std) == (float(values.mean()), float(values.std()))
    assert np.float64(std).tobytes() == values.std().tobytes()


@pytest.mark.parametrize(
    "values",
    [np.arange(5, dtype=np.float32), np.ones((2, 3)), np.asarray([np.nan, 1.0])],
)
def test_other_arrays_are_numpys_too(values: np.ndarray) -> None:
    mean, std = mean_std(values)
    np.testing.assert_array_equal([mean, std], [values.mean(), values.std()])
