"""The ALS fold-in: the exact optimum of implicit's user objective, without implicit."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy import sparse

from netflix_sim.engine.recommender import AlsParams, AlsRecommender
from netflix_sim.engine.signals import FeedbackRow

N_TITLES, K = 400, 16


def _model(alpha: float = 1.0, regularization: float = 0.05, seed: int = 0) -> AlsRecommender:
    rng = np.random.default_rng(seed)
    model = AlsRecommender(AlsParams(factors=K, alpha=alpha, regularization=regularization))
    model.set_factors(
        rng.normal(0, 0.3, (N_TITLES, K)).astype(np.float32), np.zeros((0, K), np.float32)
    )
    return model


def _row(seed: int = 1, cells: int = 25) -> FeedbackRow:
    """Mixed cells: strong and weak positives, and negatives above and below -1."""
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(N_TITLES, cells, replace=False)).astype(np.int32)
    data = rng.normal(0, 2.5, cells).astype(np.float32)
    data[:4] = [0.3, -0.05, -5.0, 6.0]
    return FeedbackRow(idx, data, N_TITLES)


def _brute_force(model: AlsRecommender, row: FeedbackRow) -> np.ndarray:
    """The objective's minimiser as an ordinary least-squares problem over every title.

    Rows ``sqrt(c_i) * y_i`` with targets ``sqrt(c_i) * p_i`` (one per title, confidence 1
    and preference 0 where the row has no cell), plus ``sqrt(regularization) * I`` rows with
    target 0: no normal equations, no ``Y^T Y`` shortcut.
    """
    y = model.item_factors.astype(np.float64)
    confidence = np.ones(N_TITLES)
    preference = np.zeros(N_TITLES)
    cells = row.data.astype(np.float64) * model.params.alpha
    confidence[row.indices] = np.abs(cells)
    preference[row.indices] = cells > 0
    root = np.sqrt(confidence)
    design = np.vstack([y * root[:, None], np.sqrt(model.params.regularization) * np.eye(K)])
    target = np.concatenate([preference * root, np.zeros(K)])
    return np.linalg.lstsq(design, target, rcond=None)[0]


@pytest.mark.parametrize(("alpha", "regularization"), [(1.0, 0.05), (3.0, 0.5)])
def test_fold_in_is_the_exact_least_squares_optimum(alpha: float, regularization: float) -> None:
    model = _model(alpha, regularization)
    for seed in range(3):
        row = _row(seed)
        got = model.fold_in(row)
        want = _brute_force(model, row)
        assert got.dtype == np.float32
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


def test_fold_in_matches_implicits_own_user_solves() -> None:
    """implicit's ``recalculate_user`` (its Cholesky solver) and its pure-Python solver, run
    on the same factors, give the same vector."""
    from implicit.cpu.als import user_factor

    model = _model(alpha=2.0)
    row = _row(7)
    csr = row.tocsr()
    ours = model.fold_in(csr)  # a scipy CSR row reads the same as a FeedbackRow
    np.testing.assert_array_equal(ours, model.fold_in(row))
    native = model.model.recalculate_user(0, csr)
    y = model.item_factors.astype(np.float64)
    python = user_factor(y, y.T @ y, (2.0 * csr).tocsr(), 0, 0.05, K)
    np.testing.assert_allclose(ours, native, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(ours, python, rtol=1e-4, atol=1e-6)


def test_fold_in_follows_new_factors_and_is_zero_for_an_empty_row() -> None:
    model = _model()
    row = _row()
    before = model.fold_in(row)
    model.set_factors(_model(seed=5).item_factors, np.zeros((0, K), np.float32))
    after = model.fold_in(row)
    assert not np.allclose(before, after)
    np.testing.assert_allclose(after, _brute_force(model, row), rtol=1e-4, atol=1e-6)
    empty = FeedbackRow(np.zeros(0, np.int32), np.zeros(0, np.float32), N_TITLES)
    np.testing.assert_array_equal(model.fold_in(empty), np.zeros(K, np.float32))


def test_fit_trains_with_implicit_and_folds_a_crowd_user_back_in() -> None:
    """After training, folding in a crowd user's own row gives the vector ALS's last user
    step would (training ends on an item step, so only close, not equal)."""
    rng = np.random.default_rng(3)
    dense = (rng.random((60, 80)) < 0.1) * rng.uniform(1, 5, (60, 80))
    matrix = sparse.csr_matrix(dense.astype(np.float32))
    model = AlsRecommender(AlsParams(factors=8, iterations=30))
    model.fit(matrix)
    assert model.item_factors.shape == (80, 8)
    assert model.trained_on == matrix.nnz
    user = 4
    folded = model.fold_in(matrix[user])
    trained = model.user_factors[user]
    cosine = folded @ trained / (np.linalg.norm(folded) * np.linalg.norm(trained))
    assert cosine > 0.95


def test_feedback_row_reads_like_a_csr_row() -> None:
    row = _row()
    csr = row.tocsr()
    assert csr.shape == row.shape == (1, N_TITLES)
    assert csr.nnz == row.nnz
    np.testing.assert_array_equal(csr.toarray(), row.toarray())


def test_a_policys_default_fold_in_is_the_dense_row() -> None:
    from netflix_sim.engine.policies import Policy, ScoringContext

    class Plain(Policy):
        name = "plain"

        def scores(self, state: np.ndarray, ctx: ScoringContext) -> np.ndarray:
            return state

    class Index:
        n = N_TITLES

    row = _row()
    state = Plain(Index()).fold_in(row)  # type: ignore[arg-type]
    np.testing.assert_array_equal(state, row.toarray().ravel())
    np.testing.assert_array_equal(state, Plain(Index()).fold_in(row.tocsr()))  # type: ignore[arg-type]


def test_serving_imports_neither_scipy_nor_implicit() -> None:
    code = (
        "import sys; import netflix_sim.engine, netflix_sim.engine.session;"
        "from netflix_sim.engine.recommender import AlsRecommender, AlsParams;"
        "import numpy as np;"
        "from netflix_sim.engine.signals import FeedbackRow;"
        "m = AlsRecommender(AlsParams(factors=4));"
        "m.set_factors(np.eye(6, 4, dtype=np.float32), np.zeros((0, 4), np.float32));"
        "m.fold_in(FeedbackRow(np.array([1], np.int32), np.array([2.0], np.float32), 6));"
        "heavy = [m for m in ('scipy', 'implicit') if m in sys.modules];"
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
