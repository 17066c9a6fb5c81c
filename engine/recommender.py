"""Collaborative-filtering models: implicit's ALS and BPR, trained once, folded in per signal.

Training reads every stored signal (the seeded crowd's history and every viewer's); the
catalog saves the factors beside itself (``<catalog>.factors.npz`` for ALS,
``<catalog>.bpr.npz`` for BPR) so that a start does not retrain. A profile's vector is refit
after each of its signals against the fixed item factors, well under a millisecond:

- ALS: the exact weighted least-squares solve of implicit's user step, in numpy (see
  :meth:`AlsRecommender.fold_in`).
- BPR: implicit has no user fold-in for BPR, so :meth:`BprRecommender.fold_in` maximises
  BPR's own objective over the user vector alone (see there).

Only training imports ``implicit`` (and scipy): serving a page needs numpy alone.
The policies in :mod:`.policies` wrap these models; this module knows nothing of pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse


class SparseRow(Protocol):
    """A 1 x n_titles feedback row: a :class:`~.signals.FeedbackRow` or a scipy CSR row."""

    @property
    def indices(self) -> np.ndarray:
        """Title indices of the non-zero cells."""
        ...

    @property
    def data(self) -> np.ndarray:
        """Their weights."""
        ...

    @property
    def nnz(self) -> int:
        """How many cells are non-zero."""
        ...


@dataclass(frozen=True)
class AlsParams:
    """Hyper-parameters of the ALS model."""

    factors: int = 32
    regularization: float = 0.05
    alpha: float = 1.0
    iterations: int = 15
    seed: int = 0


@dataclass(frozen=True)
class BprParams:
    """Hyper-parameters of the BPR model and of its fold-in."""

    factors: int = 32
    learning_rate: float = 0.01
    regularization: float = 0.01
    iterations: int = 100
    seed: int = 0
    fold_in_regularization: float = 0.3
    """L2 weight on the folded-in user vector (chosen on held-out crowd plays)."""
    fold_in_negatives: int = 128
    """Size of the fixed sample of "other" titles a profile's titles are ranked against."""


def factors_path(db_path: Path) -> Path:
    """Where the ALS factors of the catalog at ``db_path`` are saved."""
    return db_path.with_name(db_path.stem + ".factors.npz")


def _top_similar(unit: np.ndarray, title_idx: int, n: int) -> np.ndarray:
    """The ``n`` rows of ``unit`` (unit vectors) nearest row ``title_idx``, itself excluded."""
    n = max(0, min(n, len(unit) - 1))
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    sims = unit @ unit[title_idx]
    sims[title_idx] = -np.inf
    top = np.argpartition(-sims, n - 1)[:n]
    return top[np.argsort(-sims[top], kind="stable")]


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-9)


class _FactorSimilarity:
    """Cosine similarity of item factors, with the unit-length factors cached.

    Subclasses provide ``item_factors`` and reset ``_unit_items`` to ``None`` when the
    factors change.
    """

    item_factors: np.ndarray
    _unit_items: np.ndarray | None

    def unit_item_factors(self) -> np.ndarray:
        """The item factors scaled to unit length (cached until the factors change)."""
        if self._unit_items is None:
            self._unit_items = _unit_rows(self.item_factors)
        return self._unit_items

    def similar(self, title_idx: int, n: int) -> np.ndarray:
        """Indices of the ``n`` titles most similar to ``title_idx`` (cosine of factors)."""
        return _top_similar(self.unit_item_factors(), title_idx, n)


class AlsRecommender(_FactorSimilarity):
    """Implicit-feedback ALS (Hu, Koren and Volinsky): trained by ``implicit``, folded in here.

    Only :meth:`fit` (and :attr:`model`) import ``implicit``; loading saved factors and
    folding profiles in need numpy alone.
    """

    def __init__(self, params: AlsParams | None = None) -> None:
        """An untrained model with ``params``."""
        self.params = params or AlsParams()
        k = self.params.factors
        self._item_factors = np.zeros((0, k), dtype=np.float32)
        self._user_factors = np.zeros((0, k), dtype=np.float32)
        self.trained_on = 0
        """How many non-zero (user, title) cells the model was trained on."""
        self._unit_items: np.ndarray | None = None
        self._gram: np.ndarray | None = None
        self._model: Any = None

    @property
    def item_factors(self) -> np.ndarray:
        """Titles x factors matrix."""
        return self._item_factors

    @property
    def user_factors(self) -> np.ndarray:
        """The crowd's trained vectors, users x factors (kept for analysis)."""
        return self._user_factors

    @property
    def model(self) -> Any:
        """implicit's ``AlternatingLeastSquares`` holding these factors (imports implicit).

        For analysis and benchmarks that call implicit directly; the engine never does.
        """
        if self._model is None:
            model = _implicit_als(self.params)
            model.item_factors, model.user_factors = self._item_factors, self._user_factors
            self._model = model
        return self._model

    def fit(self, user_items: sparse.csr_matrix) -> None:
        """Train on a users x titles feedback matrix with implicit (BLAS held to one thread).

        With no feedback at all the item factors are small seeded noise: every profile
        then folds in to zero and scores fall back to the popularity prior.
        """
        if user_items.nnz == 0:
            rng = np.random.default_rng(self.params.seed)
            n_titles, k = user_items.shape[1], self.params.factors
            self.set_factors(
                rng.normal(0, 0.01, (n_titles, k)).astype(np.float32),
                np.zeros((0, k), dtype=np.float32),
            )
        else:
            from threadpoolctl import threadpool_limits

            model = _implicit_als(self.params)
            with threadpool_limits(1, "blas"):
                model.fit(user_items.tocsr().astype(np.float32), show_progress=False)
            self.set_factors(model.item_factors, model.user_factors)
        self.trained_on = int(user_items.nnz)

    def set_factors(self, item_factors: np.ndarray, user_factors: np.ndarray) -> None:
        """Install trained (or loaded) factors."""
        self._item_factors = np.ascontiguousarray(item_factors, dtype=np.float32)
        self._user_factors = np.ascontiguousarray(user_factors, dtype=np.float32)
        self._unit_items = None
        self._gram = None
        self._model = None

    def gram(self) -> np.ndarray:
        """``Y^T Y + regularization * I`` of the item factors ``Y`` (float64, cached)."""
        gram = self._gram
        if gram is None:
            y = self._item_factors.astype(np.float64)
            gram = y.T @ y + self.params.regularization * np.eye(y.shape[1])
            self._gram = gram  # a race only computes it twice
        return gram

    def fold_in(self, feedback_row: SparseRow) -> np.ndarray:
        """A user vector fitted to one feedback row, item factors ``Y`` held fixed.

        The exact minimiser of implicit's ALS user objective (Hu, Koren and Volinsky)::

            sum over titles i of  c_i * (p_i - y_i . x)^2  +  regularization * |x|^2

        where a row cell ``w_i`` gives confidence ``c_i = alpha * |w_i|`` and preference
        ``p_i = 1`` if ``w_i > 0`` (``0`` if negative), and every other title has ``c_i = 1``,
        ``p_i = 0``. Its normal equations are solved directly::

            (Y^T Y + regularization * I + sum over cells of (c_i - 1) y_i y_i^T) x
                = sum over positive cells of c_i y_i

        with ``Y^T Y`` cached per factor set: one k x k solve, no titles-sized work. This is
        the system implicit's ``recalculate_user`` solves (Cholesky) and its training's
        conjugate-gradient steps approximate.
        """
        k = self.params.factors
        if feedback_row.nnz == 0 or len(self._item_factors) == 0:
            return np.zeros(k, dtype=np.float32)
        idx = np.asarray(feedback_row.indices, dtype=np.int64)
        confidence = self.params.alpha * np.asarray(feedback_row.data, dtype=np.float64)
        y = self._item_factors[idx].astype(np.float64)
        a = self.gram() + (y.T * (np.abs(confidence) - 1.0)) @ y
        b = y.T @ np.maximum(confidence, 0.0)
        return np.linalg.solve(a, b).astype(np.float32)

    def scores(self, user_vector: np.ndarray) -> np.ndarray:
        """Predicted preference of the user for every title."""
        return self.item_factors @ user_vector


def _implicit_als(params: AlsParams) -> Any:
    """implicit's ALS model with ``params`` (imports implicit; BLAS held to one thread)."""
    from implicit.cpu.als import AlternatingLeastSquares
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1, "blas"):  # implicit warns unless BLAS is single-threaded
        return AlternatingLeastSquares(
            factors=params.factors,
            regularization=params.regularization,
            alpha=params.alpha,
            iterations=params.iterations,
            random_state=params.seed,
            calculate_training_loss=False,
            num_threads=1,
        )


class BprRecommender(_FactorSimilarity):
    """Bayesian Personalized Ranking (Rendle et al.) through ``implicit``, with a fold-in.

    implicit's BPR factors carry an item-bias column last (users hold a constant 1 there),
    so a title's score is ``item_factors[:, :k] @ u + item_bias``; a cold profile (``u = 0``)
    gets the biases. BPR reads the feedback as binary: only positive cells count as liked.
    """

    def __init__(self, params: BprParams | None = None) -> None:
        """An untrained model with ``params``."""
        self.params = params or BprParams()
        self.item_factors = np.zeros((0, self.params.factors), dtype=np.float32)
        """Titles x factors matrix (the bias column split off into :attr:`item_bias`)."""
        self.item_bias = np.zeros(0, dtype=np.float32)
        self.user_factors = np.zeros((0, self.params.factors + 1), dtype=np.float32)
        """The crowd's trained vectors, bias column included (kept for analysis)."""
        self.negatives = np.zeros(0, dtype=np.int64)
        """The fixed sample of titles a profile's titles are ranked against in fold-in."""
        self.trained_on = 0
        """How many positive (user, title) cells the model was trained on."""
        self._unit_items: np.ndarray | None = None

    def fit(self, user_items: sparse.csr_matrix) -> None:
        """Train on the positive cells of a users x titles feedback matrix (one thread).

        Also draws the fold-in's negative sample: titles in proportion to their positive
        cells, as implicit's sampler draws them (uniform when there are none).
        """
        from implicit.cpu.bpr import BayesianPersonalizedRanking
        from threadpoolctl import threadpool_limits

        p = self.params
        liked = user_items.tocsr().astype(np.float32)
        liked.data[liked.data < 0] = 0.0
        liked.eliminate_zeros()
        liked.sort_indices()
        n_titles = liked.shape[1]
        rng = np.random.default_rng(p.seed)
        if liked.nnz == 0:
            factors = rng.normal(0, 0.01, (n_titles, p.factors + 1)).astype(np.float32)
            factors[:, -1] = 0.0
            users = np.zeros((0, p.factors + 1), dtype=np.float32)
        else:
            model = BayesianPersonalizedRanking(
                factors=p.factors,
                learning_rate=p.learning_rate,
                regularization=p.regularization,
                iterations=p.iterations,
                num_threads=1,  # one thread: the same seed gives the same factors
                random_state=p.seed,
            )
            with threadpool_limits(1, "blas"):
                model.fit(liked, show_progress=False)
            factors, users = model.item_factors, model.user_factors
        counts = np.bincount(liked.indices, minlength=n_titles).astype(np.float64)
        if counts.sum() == 0:
            counts[:] = 1.0
        size = min(p.fold_in_negatives, int(np.count_nonzero(counts)))
        negatives = np.sort(rng.choice(n_titles, size, replace=False, p=counts / counts.sum()))
        self.set_state(factors, users, negatives)
        self.trained_on = int(liked.nnz)

    def set_state(
        self, item_factors: np.ndarray, user_factors: np.ndarray, negatives: np.ndarray
    ) -> None:
        """Install trained (or loaded) factors, bias column last, and the negative sample."""
        self.item_factors = np.ascontiguousarray(item_factors[:, :-1], dtype=np.float32)
        self.item_bias = np.ascontiguousarray(item_factors[:, -1], dtype=np.float32)
        self.user_factors = np.ascontiguousarray(user_factors, dtype=np.float32)
        self.negatives = np.asarray(negatives, dtype=np.int64)
        self._unit_items = None

    def full_item_factors(self) -> np.ndarray:
        """Item factors with the bias column last, as implicit stores them."""
        return np.hstack([self.item_factors, self.item_bias[:, None]])

    def fold_in(
        self,
        feedback_row: SparseRow,
        *,
        max_positives: int = 64,
        max_negatives: int = 32,
        max_steps: int = 3,
    ) -> np.ndarray:
        """A user vector for one feedback row, item factors held fixed (no retraining).

        Maximises BPR's objective over the user vector ``u`` alone with Newton's method,
        rather than SGD (the objective is concave in ``u``; from zero, three steps get within
        about 1 % of the optimum):

            sum over liked i and sampled j:  w_i / |S| * log sigmoid(s_i - s_j)
          + sum over sampled j and disliked k: |w_k| / |S| * log sigmoid(s_j - s_k)
          - fold_in_regularization / 2 * |u|^2,     with s = item_factors @ u + item_bias,

        where ``S`` is the fixed sample of :attr:`negatives` (minus the row's own titles),
        liked titles are the row's positive cells and disliked ones its negative cells
        (weights ``w`` are the signal weights). Only the ``max_positives`` strongest liked
        and ``max_negatives`` strongest disliked titles take part, which bounds the cost.
        Deterministic: the same row gives the same vector.
        """
        k = self.params.factors
        u = np.zeros(k)
        if feedback_row.nnz == 0:
            return u.astype(np.float32)
        idx = feedback_row.indices.astype(np.int64)
        w = feedback_row.data.astype(np.float64)
        pos, pos_w = _strongest(idx, w, max_positives)
        neg, neg_w = _strongest(idx, -w, max_negatives)
        sample = self.negatives[~_members(self.negatives, idx)]
        if len(sample) == 0 or (len(pos) == 0 and len(neg) == 0):
            return u.astype(np.float32)
        # Every pair is (upper title, lower title): liked over sampled, sampled over disliked.
        y, b = self.item_factors, self.item_bias  # float32: the pair sums are the cost
        blocks = []
        if len(pos):
            pos_share = (pos_w / len(sample)).astype(np.float32)
            blocks.append(_PairBlock(y[pos], b[pos], y[sample], b[sample], pos_share))
        if len(neg):
            neg_share = (neg_w / len(sample)).astype(np.float32)
            lower_w = np.broadcast_to(neg_share, (len(sample), len(neg)))
            blocks.append(_PairBlock(y[sample], b[sample], y[neg], b[neg], lower_w))
        lam = self.params.fold_in_regularization
        base = lam * np.eye(k)
        for _ in range(max_steps):
            grad = -lam * u
            hess = base.copy()
            u32 = u.astype(np.float32)
            for block in blocks:
                block.accumulate(u32, grad, hess)
            step = np.linalg.solve(hess, grad)
            u += step
            if float(np.abs(step).max()) <= 1e-2 * (1.0 + float(np.abs(u).max())):
                break
        return u.astype(np.float32)

    def scores(self, user_vector: np.ndarray) -> np.ndarray:
        """Predicted preference of the user for every title (bias included)."""
        return self.item_factors @ user_vector + self.item_bias


class _PairBlock:
    """Pairs (every upper title over every lower title) of the BPR fold-in objective."""

    def __init__(
        self,
        y_hi: np.ndarray,
        b_hi: np.ndarray,
        y_lo: np.ndarray,
        b_lo: np.ndarray,
        weight: np.ndarray,
    ) -> None:
        """``weight``: per upper title (1-d), or per pair (upper x lower)."""
        self.y_hi, self.b_hi, self.y_lo, self.b_lo = y_hi, b_hi, y_lo, b_lo
        self.weight = weight[:, None] if weight.ndim == 1 else weight

    def accumulate(self, u: np.ndarray, grad: np.ndarray, hess: np.ndarray) -> None:
        """Add the gradient and the negated Hessian of the block's log-likelihood at ``u``."""
        diff = (self.y_hi @ u + self.b_hi)[:, None] - (self.y_lo @ u + self.b_lo)
        p = 1.0 / (1.0 + np.exp(-diff))
        z = self.weight * (1.0 - p)  # d/d(diff) of weight * log sigmoid(diff)
        r = z * p  # weight * p * (1 - p): each pair's curvature
        grad += self.y_hi.T @ z.sum(1) - self.y_lo.T @ z.sum(0)
        cross = self.y_hi.T @ (r @ self.y_lo)
        hess += (self.y_hi.T * r.sum(1)) @ self.y_hi + (self.y_lo.T * r.sum(0)) @ self.y_lo
        hess -= cross + cross.T


def _members(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Whether each of ``values`` is in ``sorted_set`` (sorted ascending)."""
    if len(sorted_set) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[at] == values


def _strongest(idx: np.ndarray, weight: np.ndarray, cap: int) -> tuple[np.ndarray, np.ndarray]:
    """The (at most ``cap``) entries with positive ``weight``, strongest first."""
    keep = np.flatnonzero(weight > 0)
    if len(keep) > cap:
        keep = keep[np.argsort(-weight[keep], kind="stable")[:cap]]
    return idx[keep], weight[keep]
