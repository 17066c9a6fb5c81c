"""The collaborative-filtering model: implicit's ALS, trained once, folded in per signal.

Training reads every stored signal (the seeded crowd's history and every viewer's), and
the factors are saved beside the catalog (``<catalog>.factors.npz``) so that a start
does not retrain. A profile's vector is refit in place after each of its signals with
implicit's ``recalculate_user`` (one small linear solve: well under a millisecond).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

MODEL_FORMAT = 1
"""Bump when the saved factors file changes shape."""


@dataclass(frozen=True)
class AlsParams:
    """Hyper-parameters of the ALS model."""

    factors: int = 32
    regularization: float = 0.05
    alpha: float = 1.0
    iterations: int = 15
    seed: int = 0


def factors_path(db_path: Path) -> Path:
    """Where the factors of the catalog at ``db_path`` are saved."""
    return db_path.with_name(db_path.stem + ".factors.npz")


class AlsRecommender:
    """Implicit-feedback ALS (Hu, Koren and Volinsky) through the ``implicit`` package."""

    def __init__(self, params: AlsParams | None = None) -> None:
        """An untrained model with ``params``."""
        from implicit.cpu.als import AlternatingLeastSquares
        from threadpoolctl import threadpool_limits

        self.params = params or AlsParams()
        with threadpool_limits(1, "blas"):  # implicit warns unless BLAS is single-threaded
            self.model = AlternatingLeastSquares(
                factors=self.params.factors,
                regularization=self.params.regularization,
                alpha=self.params.alpha,
                iterations=self.params.iterations,
                random_state=self.params.seed,
                calculate_training_loss=False,
                num_threads=1,
            )
        self.trained_on = 0
        """How many non-zero (user, title) cells the model was trained on."""
        self._unit_items: np.ndarray | None = None

    @property
    def item_factors(self) -> np.ndarray:
        """Titles x factors matrix."""
        return self.model.item_factors

    def fit(self, user_items: sparse.csr_matrix) -> None:
        """Train on a users x titles feedback matrix (BLAS held to one thread)."""
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1, "blas"):
            self.model.fit(user_items.tocsr().astype(np.float32), show_progress=False)
        self.trained_on = int(user_items.nnz)
        self._unit_items = None

    def fold_in(self, feedback_row: sparse.csr_matrix) -> np.ndarray:
        """A user vector fitted to one feedback row, item factors held fixed."""
        if feedback_row.nnz == 0:
            return np.zeros(self.params.factors, dtype=np.float32)
        return np.asarray(self.model.recalculate_user(0, feedback_row), dtype=np.float32)

    def scores(self, user_vector: np.ndarray) -> np.ndarray:
        """Predicted preference of the user for every title."""
        return self.item_factors @ user_vector

    def similar(self, title_idx: int, n: int) -> np.ndarray:
        """Indices of the ``n`` titles most similar to ``title_idx`` (cosine of factors)."""
        if self._unit_items is None:
            norms = np.linalg.norm(self.item_factors, axis=1, keepdims=True)
            self._unit_items = self.item_factors / np.maximum(norms, 1e-9)
        sims = self._unit_items @ self._unit_items[title_idx]
        sims[title_idx] = -np.inf
        top = np.argpartition(-sims, min(n, len(sims) - 1))[:n]
        return top[np.argsort(-sims[top])]

    def save(self, path: Path, fingerprint: dict[str, object]) -> None:
        """Write the factors and what they were trained for, atomically."""
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez(
            tmp,
            item_factors=self.model.item_factors,
            user_factors=self.model.user_factors,
            meta=np.array(
                json.dumps(
                    {
                        "format": MODEL_FORMAT,
                        "params": asdict(self.params),
                        "trained_on": self.trained_on,
                        "fingerprint": fingerprint,
                    },
                    sort_keys=True,
                )
            ),
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path, fingerprint: dict[str, object]) -> AlsRecommender | None:
        """The saved model at ``path`` if it was trained for ``fingerprint``, else ``None``."""
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                if meta.get("format") != MODEL_FORMAT or meta.get("fingerprint") != fingerprint:
                    return None
                recommender = cls(AlsParams(**meta["params"]))
                recommender.model.item_factors = np.ascontiguousarray(data["item_factors"])
                recommender.model.user_factors = np.ascontiguousarray(data["user_factors"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        recommender.trained_on = int(meta["trained_on"])
        return recommender
