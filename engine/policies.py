"""Recommendation policies by name: each turns a profile's feedback into a score per title.

Every policy, built in or a researcher's own, is a :class:`Policy` subclass registered by
name (:func:`register_policy`); a session picks one with ``start_session(policy=...)`` and
the catalog holds one trained instance per name (:meth:`Catalog.policy`). Built in:

- ``als`` (default): implicit's ALS, plus a popularity prior that fades as signals come.
- ``bpr``: implicit's BPR with a Newton fold-in of the profile (see the recommender), and
  the same fading prior.
- ``popular``: prior popularity plus recent plays, the same for everyone.
- ``random``: uniform scores, the baseline every policy must beat.
"""

from __future__ import annotations

import json
import os
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

import numpy as np

from .errors import UnknownPolicyError
from .recommender import (
    AlsParams,
    AlsRecommender,
    BprParams,
    BprRecommender,
    SparseRow,
    factors_path,
)
from .stats import mean_std
from .types import Context

if TYPE_CHECKING:
    from scipy import sparse

DEFAULT_POLICY = "als"
"""The policy a session uses unless told otherwise; the catalog trains it at open."""
MODEL_FORMAT = 1
"""Bump when the saved state files change shape."""
PRIOR_WEIGHT = 0.15
"""Weight of the popularity prior for a profile with no signals; it fades as signals come."""
TREND_WEIGHT = 0.5
"""Weight of recent plays against prior popularity in ``popular``."""


class TitleArrays(Protocol):
    """What policies read of the catalog's titles (a :class:`TitleIndex` has it all)."""

    n: int
    popularity: np.ndarray
    """Prior popularity per title."""
    popularity_z: np.ndarray
    """Log prior popularity, standardised."""
    main_genre: np.ndarray
    """Main genre id per title."""


@dataclass(frozen=True)
class ScoringContext:
    """What a policy may look at besides the profile's state, when it scores."""

    index: TitleArrays
    """The catalog's titles (a :class:`TitleIndex`)."""
    signal_count: int
    """How many per-title signals the profile has given (0: a cold profile)."""
    trending: np.ndarray
    """Plays per title over the past week, across every profile."""
    rng: np.random.Generator
    """The session's random generator: draw from it only, for reproducible traces."""
    profile_id: int = 0
    context: Context | None = None
    """Hour of day and device of the request."""


class Policy(ABC):
    """The contract every recommendation policy keeps.

    A subclass sets :attr:`name`, implements :meth:`scores` and, when it learns from the
    crowd, sets :attr:`needs_training` and overrides :meth:`fit`, :meth:`fold_in`,
    :meth:`get_state` and :meth:`set_state` (the catalog then fits it on every stored
    signal and saves its state beside the catalog). One instance serves every session of a
    catalog, from several threads: keep per-profile data in the state :meth:`fold_in`
    returns, not on the instance.
    """

    name: ClassVar[str] = ""
    """The name sessions ask for (``start_session(policy=name)``)."""
    needs_training: ClassVar[bool] = False
    """Whether the catalog fits it on the feedback matrix and persists its state."""

    def __init__(self, index: TitleArrays, **params: Any) -> None:
        """A policy for the catalog's titles ``index``; ``params`` are hyper-parameters."""
        if params:
            raise TypeError(f"policy {self.name!r} takes no parameters, got {sorted(params)}")
        self.index = index
        self.trained_on = 0
        """How many non-zero (user, title) cells it was last fit on."""
        self._by_popularity: np.ndarray | None = None

    # -- learning -------------------------------------------------------------------

    def hyperparams(self) -> dict[str, Any]:
        """Hyper-parameters (JSON values); a saved state is reused only if they match."""
        return {}

    def fit(self, user_items: sparse.csr_matrix) -> None:  # noqa: B027 (optional hook)
        """Train on a users x titles feedback matrix (signal weights, may be negative)."""

    def fold_in(self, feedback_row: SparseRow) -> np.ndarray:
        """The profile's state from its 1 x n_titles feedback row, without retraining.

        ``feedback_row`` is a :class:`~.signals.FeedbackRow` (read it like a one-row scipy
        CSR matrix: ``indices``, ``data``, ``nnz``). Called after every batch of signals, so
        it must be fast (well under 1 ms). The default state is the dense feedback row.
        """
        state = np.zeros(self.index.n, dtype=np.float32)
        state[np.asarray(feedback_row.indices)] = feedback_row.data
        return state

    @abstractmethod
    def scores(self, state: np.ndarray, ctx: ScoringContext) -> np.ndarray:
        """A score per title (shape ``(n_titles,)``, finite, higher is better)."""

    def similar(self, title_idx: int, n: int) -> np.ndarray:
        """``n`` distinct titles like ``title_idx`` (itself excluded), best first.

        Feeds "Because you watched". The default: the most popular titles of the same
        main genre, then the most popular of the others.
        """
        index = self.index
        if self._by_popularity is None:
            self._by_popularity = np.argsort(-index.popularity, kind="stable")
        order = self._by_popularity
        order = order[order != title_idx]
        same = index.main_genre[order] == index.main_genre[title_idx]
        return np.concatenate([order[same], order[~same]])[: max(n, 0)]

    # -- persistence ----------------------------------------------------------------

    def get_state(self) -> dict[str, np.ndarray]:
        """The learned arrays to save (none by default)."""
        return {}

    def set_state(self, arrays: Mapping[str, np.ndarray]) -> None:  # noqa: B027 (optional hook)
        """Restore what :meth:`get_state` returned."""

    def save(self, path: Path, fingerprint: Mapping[str, Any] | None = None) -> None:
        """Write the state and what it was trained for to ``path`` (npz), atomically."""
        meta = {
            "format": MODEL_FORMAT,
            "policy": self.name,
            "params": self.hyperparams(),
            "trained_on": self.trained_on,
            "fingerprint": dict(fingerprint or {}),
        }
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp.npz")  # one per process
        np.savez(tmp, meta=np.array(json.dumps(meta, sort_keys=True)), **self.get_state())
        tmp.replace(path)

    def load(self, path: Path, fingerprint: Mapping[str, Any] | None = None) -> bool:
        """Restore the state saved at ``path``; ``False`` (and unchanged) if none fits.

        It fits when it was saved by this policy with the same hyper-parameters and, if
        ``fingerprint`` is given, for the same fingerprint (the catalog's titles).
        """
        if not path.exists():
            return False
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                if (
                    meta.get("format") != MODEL_FORMAT
                    or meta.get("policy", DEFAULT_POLICY) != self.name
                    or meta.get("params") != _json(self.hyperparams())
                    or (fingerprint is not None and meta.get("fingerprint") != _json(fingerprint))
                ):
                    return False
                self.set_state({key: data[key] for key in data.files if key != "meta"})
        except (OSError, ValueError, KeyError, TypeError):
            return False
        self.trained_on = int(meta.get("trained_on", 0))
        return True

    def state_path(self, db_path: Path) -> Path:
        """Where the state of this policy for the catalog at ``db_path`` is saved."""
        return db_path.with_name(f"{db_path.stem}.{self.name}.npz")


def _json(value: Mapping[str, Any]) -> Any:
    """``value`` as it reads back from JSON (tuples become lists)."""
    return json.loads(json.dumps(dict(value), sort_keys=True))


P = TypeVar("P", bound=type[Policy])

POLICIES: dict[str, type[Policy]] = {}
"""Policy classes by name; ``als`` is the default."""


def register_policy(cls: P) -> P:
    """Register a :class:`Policy` subclass under its ``name`` (usable as a decorator).

    A later class registered under the same name replaces the earlier one.
    """
    if not (isinstance(cls, type) and issubclass(cls, Policy)):
        raise TypeError(f"{cls!r} is not a Policy subclass")
    if not cls.name or not isinstance(cls.name, str):
        raise ValueError(f"{cls.__name__} needs a non-empty string `name`")
    POLICIES[cls.name] = cls
    return cls


def policy_class(name: str) -> type[Policy]:
    """The policy class registered as ``name``; :class:`UnknownPolicyError` if none."""
    try:
        return POLICIES[name]
    except KeyError:
        known = ", ".join(sorted(POLICIES))
        raise UnknownPolicyError(f"unknown policy {name!r} (policies: {known})") from None


def make_policy(name: str, index: TitleArrays, **params: Any) -> Policy:
    """A new, untrained instance of policy ``name`` for ``index`` with ``params``."""
    return policy_class(name)(index, **params)


def with_fading_prior(cf: np.ndarray, ctx: ScoringContext) -> np.ndarray:
    """Model scores plus a popularity prior that fades as the profile's signals come."""
    cf = np.asarray(cf, dtype=np.float64)
    spread = mean_std(cf)[1]
    if spread < 1e-9:  # a cold profile: the popular page
        return PRIOR_WEIGHT * ctx.index.popularity_z
    weight = PRIOR_WEIGHT * spread / (1.0 + ctx.signal_count / 4.0)
    return cf + weight * ctx.index.popularity_z


@register_policy
class RandomPolicy(Policy):
    """Uniformly random scores from the session's generator: the baseline to beat.

    "Because you watched" still uses the default genre-popularity :meth:`similar`.
    """

    name = "random"

    def fold_in(self, feedback_row: SparseRow) -> np.ndarray:
        """No state: the scores do not depend on the profile."""
        return np.zeros(0, dtype=np.float32)

    def scores(self, state: np.ndarray, ctx: ScoringContext) -> np.ndarray:
        """A uniform draw per title."""
        return ctx.rng.random(ctx.index.n)


@register_policy
class PopularPolicy(Policy):
    """Prior popularity and the past week's plays, the same for everyone."""

    name = "popular"

    def fold_in(self, feedback_row: SparseRow) -> np.ndarray:
        """No state: the scores do not depend on the profile."""
        return np.zeros(0, dtype=np.float32)

    def scores(self, state: np.ndarray, ctx: ScoringContext) -> np.ndarray:
        """Standardised log popularity plus half the standardised log recent plays."""
        trend = np.log1p(np.asarray(ctx.trending, dtype=np.float64))
        trend_z = (trend - trend.mean()) / max(float(trend.std()), 1e-9)
        return ctx.index.popularity_z + TREND_WEIGHT * trend_z


class LatentFactorPolicy(Policy):
    """A policy backed by a latent-factor model (``fit``, ``fold_in``, ``scores``, ``similar``).

    Subclasses set ``model`` (an :class:`AlsRecommender` or :class:`BprRecommender`).
    """

    needs_training = True
    model: AlsRecommender | BprRecommender

    def hyperparams(self) -> dict[str, Any]:
        """The model's parameters as a dict."""
        return asdict(self.model.params)

    def fit(self, user_items: sparse.csr_matrix) -> None:
        """Train the model on the feedback matrix."""
        self.model.fit(user_items)
        self.trained_on = self.model.trained_on

    def fold_in(self, feedback_row: SparseRow) -> np.ndarray:
        """The profile's latent vector (zeros for an empty row)."""
        return self.model.fold_in(feedback_row)

    def similar(self, title_idx: int, n: int) -> np.ndarray:
        """Cosine of the item factors."""
        return self.model.similar(title_idx, n)

    def load(self, path: Path, fingerprint: Mapping[str, Any] | None = None) -> bool:
        """As :meth:`Policy.load`; the model's ``trained_on`` follows."""
        loaded = super().load(path, fingerprint)
        if loaded:
            self.model.trained_on = self.trained_on
        return loaded


@register_policy
class AlsPolicy(LatentFactorPolicy):
    """implicit's ALS; the state is the profile's latent vector (an exact least-squares fold-in).

    Negative cells of the training matrix are negative confidence.
    """

    name = "als"

    def __init__(self, index: TitleArrays, **params: Any) -> None:
        """ALS with :class:`AlsParams` fields as ``params``."""
        super().__init__(index)
        self.model = AlsRecommender(AlsParams(**params))
        self.params = self.model.params

    def scores(self, state: np.ndarray, ctx: ScoringContext) -> np.ndarray:
        """ALS preference plus the fading popularity prior."""
        return with_fading_prior(self.model.scores(state), ctx)

    def get_state(self) -> dict[str, np.ndarray]:
        """Item and user factors."""
        return {"item_factors": self.model.item_factors, "user_factors": self.model.user_factors}

    def set_state(self, arrays: Mapping[str, np.ndarray]) -> None:
        """Install saved factors."""
        self.model.set_factors(arrays["item_factors"], arrays["user_factors"])

    def state_path(self, db_path: Path) -> Path:
        """``<catalog>.factors.npz``."""
        return factors_path(db_path)


@register_policy
class BprPolicy(LatentFactorPolicy):
    """implicit's BPR, trained on the positive cells; the state comes from a Newton fold-in."""

    name = "bpr"

    def __init__(self, index: TitleArrays, **params: Any) -> None:
        """BPR with :class:`BprParams` fields as ``params``."""
        super().__init__(index)
        self.model = BprRecommender(BprParams(**params))
        self.params = self.model.params

    def scores(self, state: np.ndarray, ctx: ScoringContext) -> np.ndarray:
        """BPR score (bias included) plus the fading popularity prior.

        A profile with no signals gets the popular page, as with ALS: BPR's item biases
        alone rank poorly (its negatives are drawn by popularity, so they do not learn it).
        """
        if not state.any():
            return with_fading_prior(np.zeros(ctx.index.n), ctx)
        return with_fading_prior(self.model.scores(state), ctx)

    def get_state(self) -> dict[str, np.ndarray]:
        """Item factors (bias last), user factors and the fold-in's negative sample."""
        return {
            "item_factors": self.model.full_item_factors(),
            "user_factors": self.model.user_factors,
            "negatives": self.model.negatives,
        }

    def set_state(self, arrays: Mapping[str, np.ndarray]) -> None:
        """Install saved factors and negative sample."""
        self.model.set_state(arrays["item_factors"], arrays["user_factors"], arrays["negatives"])


__all__ = [
    "DEFAULT_POLICY",
    "POLICIES",
    "AlsPolicy",
    "BprPolicy",
    "LatentFactorPolicy",
    "Policy",
    "PopularPolicy",
    "RandomPolicy",
    "ScoringContext",
    "TitleArrays",
    "make_policy",
    "policy_class",
    "register_policy",
    "with_fading_prior",
]
