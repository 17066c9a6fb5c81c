"""A catalog opened for use: the DB, the in-memory title index, the model, and sessions."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import func, select, text

from . import database
from .clock import Clock, RealClock
from .errors import UnknownPolicyError, UnknownProfileError
from .events import EventStore
from .models import Event, Profile
from .pages import PageBuilder
from .policies import POLICIES
from .recommender import AlsParams, AlsRecommender, factors_path
from .signals import feedback_matrix
from .themes import ThemeSet
from .title_index import TitleIndex
from .types import DEVICES, ProfileInfo

if TYPE_CHECKING:
    from .session import Session

SIGNAL_TYPES = (
    "play_stop",
    "thumbs",
    "open_details",
    "dwell",
    "impression",
    "resume",
    "seek",
    "my_list",
    "search_click",
    "scroll",
)
"""Event types that carry feedback; the others are context."""

TRENDING_WINDOW_MS = 7 * 86_400_000
TODAY_WINDOW_MS = 86_400_000


class Catalog:
    """An open catalog: owns the DB connection pool, the event store and the model."""

    def __init__(self, path: str | Path, *, als: AlsParams | None = None) -> None:
        """Open the catalog at ``path``; train and save the model if no saved one fits."""
        self.path = Path(path)
        self.engine = database.open_catalog_engine(self.path)
        self.store = EventStore(self.engine)
        self.index = TitleIndex(self.engine)
        self.themes = ThemeSet(self.index)
        self.builder = PageBuilder(self.index, self.themes)
        self._lock = threading.Lock()
        self._sessions: list[Session] = []
        self.recommender = self._load_or_train(als or AlsParams())
        self.trending = self._play_counts(TRENDING_WINDOW_MS)
        """Plays per title over the past week, across every profile (Trending Now)."""
        self.today = self._play_counts(TODAY_WINDOW_MS)
        """Plays per title over the past day, across every profile (Top 10 Today)."""
        self._unit_items: tuple[int, np.ndarray] | None = None

    # -- profiles -------------------------------------------------------------------

    def profiles(self) -> list[ProfileInfo]:
        """The viewer profiles (the seeded crowd is not listed)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(Profile.__table__)
                .where(Profile.__table__.c.kind == "viewer")
                .order_by(Profile.__table__.c.id)
            ).all()
        return [ProfileInfo(r.id, r.name, r.maturity_level, r.device) for r in rows]

    def profile(self, key: int | str | ProfileInfo) -> ProfileInfo:
        """A viewer profile by id, name (any case) or as given; :class:`UnknownProfileError`."""
        if isinstance(key, ProfileInfo):
            key = key.id
        profiles = self.profiles()
        for p in profiles:
            if isinstance(key, int) and p.id == key:
                return p
            if isinstance(key, str) and (p.name.lower() == key.lower() or str(p.id) == key):
                return p
        names = ", ".join(p.name for p in profiles) or "none"
        raise UnknownProfileError(f"unknown profile {key!r} (profiles: {names})")

    # -- sessions -------------------------------------------------------------------

    def start_session(
        self,
        profile: int | str | ProfileInfo,
        *,
        device: str | None = None,
        clock: Clock | None = None,
        policy: str = "als",
        seed: int = 0,
    ) -> Session:
        """Start a viewing session for ``profile`` on ``device`` with ``clock``."""
        from .session import Session

        info = self.profile(profile)
        if policy not in POLICIES:
            raise UnknownPolicyError(
                f"unknown policy {policy!r} (policies: {', '.join(sorted(POLICIES))})"
            )
        device = device or info.device
        if device not in DEVICES:
            raise ValueError(f"unknown device {device!r} (devices: {', '.join(DEVICES)})")
        session = Session(
            self, info, device=device, clock=clock or RealClock(), policy=policy, seed=seed
        )
        with self._lock:
            self._sessions.append(session)
        return session

    def close(self) -> None:
        """End every open session, write every buffered event and release the DB."""
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.end()
        self.store.close()
        self.engine.dispose()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- model ----------------------------------------------------------------------

    def _fingerprint(self, params: AlsParams) -> dict[str, Any]:
        return {
            "titles": int(self.index.n),
            "max_title_id": int(self.index.ids[-1]),
            "params": [
                params.factors,
                params.regularization,
                params.alpha,
                params.iterations,
                params.seed,
            ],
        }

    def _load_or_train(self, params: AlsParams) -> AlsRecommender:
        path = factors_path(self.path)
        loaded = AlsRecommender.load(path, self._fingerprint(params))
        if loaded is not None:
            return loaded
        return self.train(params)

    def train(self, params: AlsParams | None = None) -> AlsRecommender:
        """Retrain the model on every stored signal and save its factors."""
        self.store.flush()
        params = params or AlsParams()
        events = self.signal_events()
        profiles = sorted({e["profile_id"] for e in events})
        now = max((e["t_ms"] for e in events), default=0)
        matrix = feedback_matrix(
            events, {p: i for i, p in enumerate(profiles)}, self.index.index_of, now
        )
        recommender = AlsRecommender(params)
        if matrix.nnz == 0:
            rng = np.random.default_rng(params.seed)
            recommender.model.item_factors = rng.normal(
                0, 0.01, (self.index.n, params.factors)
            ).astype(np.float32)
            recommender.model.user_factors = np.zeros((0, params.factors), dtype=np.float32)
        else:
            recommender.fit(matrix)
        # a read-only folder: the model still works, and is retrained at the next start
        with contextlib.suppress(OSError):
            recommender.save(factors_path(self.path), self._fingerprint(params))
        self.recommender = recommender
        return recommender

    def signal_events(self, profile_id: int | None = None) -> list[dict[str, Any]]:
        """Stored events that carry feedback (the columns signals read), oldest first."""
        table = Event.__table__
        cols = [
            table.c[c]
            for c in (
                "profile_id",
                "title_id",
                "type",
                "value",
                "t_ms",
                "row_id",
                "payload",
                "event_id",
            )
        ]
        query = select(*cols).where(table.c.type.in_(SIGNAL_TYPES)).order_by(table.c.event_id)
        if profile_id is not None:
            query = query.where(table.c.profile_id == profile_id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def _play_counts(self, window_ms: int) -> np.ndarray:
        """Plays per title over ``window_ms`` before the newest play, across every profile."""
        table = Event.__table__
        with self.engine.connect() as conn:
            newest = conn.execute(
                select(func.max(table.c.t_ms)).where(table.c.type == "play_stop")
            ).scalar()
            counts = np.zeros(self.index.n)
            if newest is None:
                return counts
            rows = conn.execute(
                text(
                    "SELECT title_id, COUNT(*) FROM event WHERE type = 'play_stop' "
                    "AND t_ms >= :since GROUP BY title_id"
                ),
                {"since": newest - window_ms},
            ).all()
        for title_id, count in rows:
            idx = self.index.index_of.get(title_id)
            if idx is not None:
                counts[idx] = count
        return counts

    def note_play(self, title_idx: int) -> None:
        """Count a play toward Trending Now and Top 10 Today."""
        with self._lock:
            self.trending[title_idx] += 1
            self.today[title_idx] += 1

    def unit_item_vectors(self) -> np.ndarray:
        """The ALS item factors scaled to unit length (for similarity explanations)."""
        factors = self.recommender.item_factors
        cached = self._unit_items
        if cached is None or cached[0] != id(factors):
            norms = np.linalg.norm(factors, axis=1, keepdims=True)
            cached = self._unit_items = (id(factors), factors / np.maximum(norms, 1e-9))
        return cached[1]

    def event_count(self) -> int:
        """Events stored so far (buffered ones are written first)."""
        self.store.flush()
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(Event.__table__)).scalar())


def open_catalog(path: str | Path, *, als: AlsParams | None = None) -> Catalog:
    """Open the catalog at ``path`` (see :class:`Catalog`)."""
    return Catalog(path, als=als)


__all__ = ["SIGNAL_TYPES", "Catalog", "open_catalog"]
