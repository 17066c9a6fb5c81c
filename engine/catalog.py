"""A catalog opened for use: the DB, the in-memory title index, the model, and sessions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import Connection, func, select, text

from . import database
from .artwork import ArtworkBandit, BanditConfig, n_profile_features
from .clock import Clock, RealClock
from .context_prior import context_boost
from .database import dbapi_connection
from .errors import (
    ProfileInUseError,
    ProfileNameError,
    UnknownPolicyError,
    UnknownProfileError,
    UnknownTitleError,
)
from .events import EventStore
from .history import EventHistory
from .models import Event, MyListEntry, Profile, Rating
from .notifications import title_badges
from .pages import PageBuilder
from .policies import DEFAULT_POLICY, POLICIES, AlsPolicy, Policy, make_policy, policy_class
from .recommender import AlsParams, AlsRecommender
from .search import CastIndex
from .signals import SIGNAL_TYPES, ProfileSignals, feedback_matrix
from .themes import ThemeSet
from .title_index import TitleIndex
from .trailers import TrailerPicker
from .types import DEVICES, Context, ProfileInfo, TitleFacts

if TYPE_CHECKING:
    from .session import Session

MAX_PROFILE_NAME = 40
"""Longest profile name, in characters."""
MATURITY_LEVELS = range(5)
"""Maturity levels a profile may have: 0 (kids) .. 4 (adults only)."""

TRENDING_WINDOW_MS = 7 * 86_400_000
TODAY_WINDOW_MS = 86_400_000


class Catalog:
    """An open catalog: owns the DB connection pool, the event store and the model."""

    def __init__(
        self,
        path: str | Path,
        *,
        als: AlsParams | None = None,
        artwork: BanditConfig | None = None,
        shared_learning: bool = True,
        checkpoint_pages: int = database.WAL_CHECKPOINT_PAGES,
    ) -> None:
        """Open the catalog at ``path``; train and save the model if no saved one fits.

        ``artwork`` configures the artwork bandit (exploration, epsilon, change effect);
        ``BanditConfig(epsilon=1.0, stickiness=0.0)`` shows uniformly random artwork.
        With ``shared_learning`` off, one profile's session never changes another's pages:
        the artwork bandit does not learn and live plays do not move Trending Now or Top 10
        (simulations use this so that results do not depend on how bots are spread over
        processes). ``checkpoint_pages``: how much write-ahead log SQLite gathers before it
        copies it into the file (more suits a catalog written in bulk by a simulation).
        """
        self.shared_learning = shared_learning
        self.path = Path(path)
        self.engine = database.open_catalog_engine(self.path, checkpoint_pages=checkpoint_pages)
        self.store = EventStore(self.engine)
        self.index = TitleIndex(self.engine)
        self.themes = ThemeSet(self.index)
        self.builder = PageBuilder(self.index, self.themes)
        self._lock = threading.Lock()
        self._sessions: list[Session] = []
        """Sessions started here and not known to have ended."""
        self._kept: dict[int, _KeptProfile] = {}
        """Profile id -> what :meth:`keep_profile` was given at its last session's end."""
        self._policies: dict[str, Policy] = {}
        """Trained policies by name, made at first use (see :meth:`policy`)."""
        self._policy_params: dict[str, dict[str, Any]] = {"als": asdict(als)} if als else {}
        self._policy_lock = threading.Lock()
        self._policy_locks: dict[str, threading.Lock] = {}
        self.recommender: AlsRecommender
        """The ALS model of the ``als`` policy (kept for callers that use it directly)."""
        self.policy(DEFAULT_POLICY)  # loads the saved state, else trains and saves it
        self.trending = self._play_counts(TRENDING_WINDOW_MS)
        """Plays per title over the past week, across every profile (Trending Now)."""
        self.today = self._play_counts(TODAY_WINDOW_MS)
        """Plays per title over the past day, across every profile (Top 10 Today)."""
        self.bandit = self._load_bandit(artwork or BanditConfig())
        """Chooses each tile's artwork variant; shared by every profile, saved on close."""
        self.artwork_aspect_id = self.bandit.aspect_ids(self.index.artwork_aspect)
        """Per artwork (index position), the bandit's id of its aspect."""
        self._context_boosts: dict[tuple[str, int], tuple[np.ndarray, str | None]] = {}
        self._similar: dict[tuple[str, int, int], tuple[Policy, np.ndarray]] = {}
        self._facts: dict[int, TitleFacts] = {}
        self._plays_noted = 0
        """Plays :meth:`note_play` has counted (the badges' Top 10 changes with them)."""
        self._badges: tuple[np.ndarray | None, int, dict[int, tuple[str, ...]]] = (None, 0, {})
        """``today`` and :attr:`_plays_noted` as the badges were worked out, and the badges
        by title index."""
        self._trailers: TrailerPicker | None = None
        self._cast: CastIndex | None = None

    # -- profiles -------------------------------------------------------------------

    def profiles(self, kinds: tuple[str, ...] = ("viewer",)) -> list[ProfileInfo]:
        """Profiles of these kinds, by id: viewers by default (not the crowd, not bots)."""
        table = Profile.__table__
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(table).where(table.c.kind.in_(kinds)).order_by(table.c.id)
            ).all()
        return [ProfileInfo(r.id, r.name, r.maturity_level, r.device) for r in rows]

    def profile(self, key: int | str | ProfileInfo) -> ProfileInfo:
        """A viewer or bot profile by id, name (any case) or as given.

        Raises :class:`UnknownProfileError`, naming the viewer profiles.
        """
        if isinstance(key, ProfileInfo):
            key = key.id
        if isinstance(key, int):  # by id: one indexed lookup, on the DB-API connection
            with dbapi_connection(self.engine) as conn:
                row = conn.execute(_PROFILE_SQL, (key,)).fetchone()
            if row is not None:
                return ProfileInfo(*row)
        if isinstance(key, str):
            for p in self.profiles(("viewer", "bot")):
                if p.name.lower() == key.lower() or str(p.id) == key:
                    return p
        names = ", ".join(p.name for p in self.profiles()) or "none"
        raise UnknownProfileError(f"unknown profile {key!r} (profiles: {names})")

    def create_profile(
        self,
        name: str,
        *,
        maturity_level: int = 4,
        device: str = "tv",
        kind: str = "viewer",
        profile_id: int | None = None,
    ) -> ProfileInfo:
        """Add a profile ("viewer", or "bot" for simulated users) and return it.

        The name is stripped and validated (see :meth:`check_profile_name`): a bad one
        raises :class:`ProfileNameError`. ``maturity_level`` is 0 (kids) to 4 (adults).
        ``profile_id``: an explicit, unused id (simulations number their bots so that a
        bot's id, which seeds its sessions, does not depend on the other bots of a run).
        """
        if kind not in ("viewer", "bot"):
            raise ValueError(f"unknown profile kind {kind!r}")
        if device not in DEVICES:
            raise ValueError(f"unknown device {device!r} (devices: {', '.join(DEVICES)})")
        _check_maturity(maturity_level)
        with self.engine.begin() as conn:
            name = self._check_name(conn, name)
            values = {"name": name, "maturity_level": maturity_level, "device": device}
            if profile_id is not None:
                values["id"] = profile_id
            profile_id = conn.execute(
                Profile.__table__.insert().values(**values, kind=kind)
            ).inserted_primary_key[0]
        return ProfileInfo(int(profile_id), name, maturity_level, device)

    def next_profile_id(self) -> int:
        """The id the next profile would get (one past the highest ever given)."""
        with self.engine.connect() as conn:
            found = conn.exec_driver_sql("SELECT COALESCE(MAX(id), 0) + 1 FROM profile")
            return int(found.scalar())

    def check_profile_name(self, name: str, *, exclude: int | None = None) -> str:
        """``name`` stripped, if a profile may take it; else raise :class:`ProfileNameError`.

        A name is 1 to :data:`MAX_PROFILE_NAME` characters after stripping, has no control
        characters, and is not the name (in any case) of another viewer or bot profile
        (``exclude``: the id of the profile being renamed).
        """
        with self.engine.connect() as conn:
            return self._check_name(conn, name, exclude)

    def _check_name(self, conn: Connection, name: str, exclude: int | None = None) -> str:
        name = _valid_name(name)
        table = Profile.__table__
        query = select(table.c.id).where(
            table.c.kind.in_(("viewer", "bot")), func.lower(table.c.name) == name.lower()
        )
        if exclude is not None:
            query = query.where(table.c.id != exclude)
        if conn.execute(query).first() is not None:
            raise ProfileNameError(f"a profile is already called {name!r}")
        return name

    def update_profile(
        self,
        profile: int | str | ProfileInfo,
        *,
        name: str | None = None,
        maturity_level: int | None = None,
    ) -> ProfileInfo:
        """Rename ``profile`` and/or change its maturity level; return it as it now is.

        The new name is validated as in :meth:`create_profile` (keeping the same name, in
        another case too, is allowed). Sessions started later see the change; open ones keep
        what they started with.
        """
        info = self.profile(profile)
        values: dict[str, Any] = {}
        if maturity_level is not None:
            _check_maturity(maturity_level)
            values["maturity_level"] = maturity_level
        table = Profile.__table__
        with self.engine.begin() as conn:
            if name is not None:
                values["name"] = self._check_name(conn, name, exclude=info.id)
            if values:
                conn.execute(table.update().where(table.c.id == info.id).values(**values))
        return ProfileInfo(
            info.id,
            values.get("name", info.name),
            values.get("maturity_level", info.maturity_level),
            info.device,
        )

    def rename_profile(self, profile: int | str | ProfileInfo, name: str) -> ProfileInfo:
        """Give ``profile`` a new ``name`` (validated as in :meth:`create_profile`)."""
        return self.update_profile(profile, name=name)

    def delete_profile(self, profile: int | str | ProfileInfo) -> None:
        """Delete a viewer or bot profile: its ratings and My List go, in one transaction.

        Its recorded sessions and events stay, so research traces stay whole: the profile
        row is kept with ``kind = "deleted"``, so that ``profile_id`` in old events still
        resolves to a name, while :meth:`profiles` and :meth:`profile` no longer find it
        (its name is free again). Stored signals still train the model, as the crowd's do.
        Raises :class:`ProfileInUseError` while one of its sessions is open.
        """
        info = self.profile(profile)
        with self._lock:
            if any(s.profile.id == info.id and not s.ended for s in self._sessions):
                raise ProfileInUseError(f"{info.name!r} is watching: end its session first")
        with self.engine.begin() as conn:
            for table in (Rating.__table__, MyListEntry.__table__):
                conn.execute(table.delete().where(table.c.profile_id == info.id))
            table = Profile.__table__
            conn.execute(table.update().where(table.c.id == info.id).values(kind="deleted"))

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
        with self._lock:  # ended sessions are let go (a simulation starts thousands)
            self._sessions = [s for s in self._sessions if not s.ended]
            self._sessions.append(session)
        return session

    def close(self) -> None:
        """End every open session, write every buffered event and release the DB."""
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.end()
        self.store.close()
        if self.shared_learning:  # otherwise it learned nothing (and workers would race)
            with contextlib.suppress(OSError):  # a read-only folder: it starts afresh
                self._save_bandit()
        self.engine.dispose()

    # -- artwork --------------------------------------------------------------------

    @property
    def trailers(self) -> TrailerPicker:
        """Trailer variants and the bandit choosing each viewer's preview (made at first use;
        shared by every session, saved beside the catalog on close like the artwork's)."""
        with self._lock:
            if self._trailers is None:
                features = n_profile_features(self.index.genre_slots)
                saved = self._load_arrays(self._side_path("trailers"))
                self._trailers = TrailerPicker(self.engine, self.index, features, saved)
            return self._trailers

    @property
    def cast(self) -> CastIndex:
        """Every credited person and their titles, for search (read at first use)."""
        with self._lock:
            if self._cast is None:
                self._cast = CastIndex(self.engine)
            return self._cast

    def _side_path(self, name: str) -> Path:
        """``<stem>.<name>.npz`` beside the catalog (the bandits' saved states)."""
        return self.path.with_name(f"{self.path.stem}.{name}.npz")

    @staticmethod
    def _load_arrays(path: Path) -> dict[str, np.ndarray] | None:
        """The arrays saved at ``path``, or ``None`` when there are none (or unreadable)."""
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as data:
                return dict(data)
        except (OSError, ValueError):
            return None  # unreadable: start afresh

    def _load_bandit(self, config: BanditConfig) -> ArtworkBandit:
        aspects = sorted(set(self.index.artwork_aspect))
        features = n_profile_features(self.index.genre_slots)
        saved = self._load_arrays(self._side_path("artwork"))
        if saved is not None:
            try:
                bandit = ArtworkBandit.from_arrays(saved, config)
                if list(bandit.aspects) == aspects and bandit.n_features == features:
                    return bandit
            except (ValueError, KeyError):
                pass  # of another catalog: start afresh
        return ArtworkBandit(aspects, features, config)

    def _save_bandit(self) -> None:
        """Save the artwork bandit, and the trailers' when it was used, beside the catalog."""
        bandits = {"artwork": self.bandit}
        if self._trailers is not None:
            bandits["trailers"] = self._trailers.bandit
        for name, bandit in bandits.items():
            path = self._side_path(name)
            # a temporary of this process's own: two sessions closing at once never share one
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp.npz")
            np.savez(tmp, **bandit.to_arrays())
            tmp.replace(path)

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

    def policy(self, name: str = DEFAULT_POLICY) -> Policy:
        """The trained policy ``name``, shared by every session of this catalog.

        Made at first use: a learned policy loads its state saved beside the catalog, or is
        trained on every stored signal and saved. :class:`UnknownPolicyError` if no policy
        is registered under ``name``.
        """
        found = self._policies.get(name)
        if found is not None:
            return found
        policy_class(name)  # an unknown name fails here, before any lock
        with self._policy_lock:
            lock = self._policy_locks.setdefault(name, threading.Lock())
        with lock:  # one training per name; other policies stay usable meanwhile
            found = self._policies.get(name)
            return found if found is not None else self._load_or_train(name)

    def _fingerprint(self, policy: Policy) -> dict[str, Any]:
        return {
            "titles": int(self.index.n),
            "max_title_id": int(self.index.ids[-1]),
            "params": list(policy.hyperparams().values()),
        }

    def _load_or_train(self, name: str) -> Policy:
        policy = make_policy(name, self.index, **self._policy_params.get(name, {}))
        if policy.needs_training and not policy.load(
            policy.state_path(self.path), self._fingerprint(policy)
        ):
            return self.train(policy=name)
        self._install(policy)
        return policy

    def train(
        self,
        params: AlsParams | Mapping[str, Any] | None = None,
        *,
        policy: str = DEFAULT_POLICY,
    ) -> Policy:
        """Retrain ``policy`` on every stored signal and save its state beside the catalog.

        ``params`` (:class:`AlsParams` for ``als``, or a dict of the policy's parameters)
        replace its hyper-parameters from now on. Sessions pick the new model up at once.
        """
        self.store.flush()
        if params is not None:
            self._policy_params[policy] = (
                dict(params) if isinstance(params, Mapping) else asdict(params)
            )
        trained = make_policy(policy, self.index, **self._policy_params.get(policy, {}))
        events = self.signal_events()
        profiles = sorted({e["profile_id"] for e in events})
        now = max((e["t_ms"] for e in events), default=0)
        matrix = feedback_matrix(
            events, {p: i for i, p in enumerate(profiles)}, self.index.index_of, now
        )
        trained.fit(matrix)
        if trained.needs_training:
            # a read-only folder: the model still works, and is retrained at the next start
            with contextlib.suppress(OSError):
                trained.save(trained.state_path(self.path), self._fingerprint(trained))
        self._install(trained)
        return trained

    def _install(self, policy: Policy) -> None:
        self._policies[policy.name] = policy
        if isinstance(policy, AlsPolicy):
            self.recommender = policy.model

    def profile_state(
        self, conn: sqlite3.Connection, profile_id: int
    ) -> tuple[ProfileSignals, int, EventHistory | None]:
        """The profile's signals from its stored events, the newest such event's id (0 when
        none), and its impressions and plays, for a session starting now; read through the
        session's start transaction ``conn``.

        What its last session here ended with is taken up again when every signal event
        stored for the profile since that session started is that session's own (a count
        on the index tells; impressions and plays are signal events): reading a long
        history costs a start milliseconds. Otherwise the signals are read, and the
        impressions and plays are ``None`` (the caller reads them).
        """
        with self._lock:
            kept = self._kept.pop(profile_id, None)
        if kept is not None:
            params = (*SIGNAL_TYPES, profile_id, kept.since)
            count, newest = conn.execute(_NEWER_SIGNALS_SQL, params).fetchone()
            if count == kept.own:
                return kept.signals, newest or kept.since, kept.events
        signals = ProfileSignals(self.index.n)
        events = self.signal_events(profile_id, conn=conn)
        signals.extend(events, self.index.index_of)
        return signals, events[-1]["event_id"] if events else 0, None

    def keep_profile(
        self,
        profile_id: int,
        since: int,
        own: int,
        signals: ProfileSignals,
        events: EventHistory,
    ) -> None:
        """Keep (a copy of) what an ended session's profile has now, for its next session
        here: ``since``, the newest signal event id it read at its start; ``own``, the
        signal events it recorded since (all stored); its signals; its impressions and
        plays as stored."""
        kept = _KeptProfile(since, own, signals.copy(), events.copy())
        with self._lock:
            self._kept[profile_id] = kept

    def signal_events(
        self, profile_id: int | None = None, *, conn: sqlite3.Connection | None = None
    ) -> list[dict[str, Any]]:
        """Stored events that carry feedback (the columns signals read), oldest first
        (read through the DB-API connection ``conn`` when given)."""
        where = f"type IN ({', '.join('?' for _ in SIGNAL_TYPES)})"
        params: tuple[Any, ...] = SIGNAL_TYPES
        if profile_id is not None:
            where += " AND profile_id = ?"
            params = (*SIGNAL_TYPES, profile_id)
        sql = f"SELECT {', '.join(_SIGNAL_COLUMNS)} FROM event WHERE {where} ORDER BY event_id"
        if conn is not None:
            rows = conn.execute(sql, params).fetchall()
        else:
            with dbapi_connection(self.engine) as own:
                rows = own.execute(sql, params).fetchall()
        return [dict(zip(_SIGNAL_COLUMNS, row, strict=True)) for row in rows]

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
        """Count a play toward Trending Now and Top 10 Today (unless learning is shared off)."""
        if not self.shared_learning:
            return
        with self._lock:
            self.trending[title_idx] += 1
            self.today[title_idx] += 1
            self._plays_noted += 1

    def similar(self, policy: str, title_idx: int, n: int = 40) -> np.ndarray:
        """Titles like ``title_idx`` under ``policy`` (cached until the policy is retrained)."""
        model = self.policy(policy)
        key = (policy, title_idx, n)
        cached = self._similar.get(key)
        if cached is None or cached[0] is not model:
            if len(self._similar) > 10_000:
                self._similar.clear()
            cached = self._similar[key] = (model, model.similar(title_idx, n))
        return cached[1]

    def title_facts(self, title_id: int) -> TitleFacts:
        """A title's fixed facts and billed cast, read once and then cached.

        Read with the titles of the same block of :data:`FACTS_BLOCK` ids: a cursor moving
        along rows asks for many titles one by one, and two queries for 64 titles cost
        little more than two for one.
        """
        facts = self._facts.get(title_id)
        if facts is not None:
            return facts
        first = title_id - title_id % FACTS_BLOCK
        block = (first, first + FACTS_BLOCK - 1)
        # the DB-API connection: read on a keypress, where SQLAlchemy's result
        # machinery cost six times the queries
        with dbapi_connection(self.engine) as conn:
            rows = conn.execute(_FACTS_SQL, block).fetchall()
            credits = conn.execute(_CAST_SQL, block).fetchall() if rows else []
        cast: dict[int, list[str]] = {}
        for credited, name in credits:
            cast.setdefault(credited, []).append(name)
        if len(self._facts) > 50_000:
            self._facts.clear()
        for found, *fields in rows:
            self._facts[found] = TitleFacts(*fields, cast=tuple(cast.get(found, ())))
        facts = self._facts.get(title_id)
        if facts is None:
            raise UnknownTitleError(f"unknown title {title_id}")
        return facts

    def title_badges(self, title_id: int) -> tuple[str, ...]:
        """A title's badges: "Top 10 · #3", "New Episodes", "Recently Added", "Award-winning".

        The same for every profile: worked out once per title while the day's play counts
        stay as they are (a title card shows them at every tile the cursor rests on). The
        counts change by :meth:`note_play` or by putting another array in :attr:`today`.
        """
        seasons = self.title_facts(title_id).seasons  # UnknownTitleError if unknown
        idx = self.index.index_of[title_id]
        today, noted, found = self._badges
        if today is not self.today or noted != self._plays_noted:
            today, noted, found = self._badges = (self.today, self._plays_noted, {})
        badges = found.get(idx)
        if badges is None:
            badges = found[idx] = title_badges(self.index, idx, seasons, today)
        return badges

    def context_boost(self, context: Context) -> tuple[np.ndarray, str | None]:
        """Per-title context shift and its reason label (cached per device and hour)."""
        key = (context.device, context.hour)
        cached = self._context_boosts.get(key)
        if cached is None:
            cached = self._context_boosts[key] = context_boost(self.index, context)
        return cached

    def unit_item_vectors(self) -> np.ndarray:
        """The ALS item factors scaled to unit length (for similarity explanations)."""
        return self.recommender.unit_item_factors()

    def event_count(self) -> int:
        """Events stored so far (buffered ones are written first)."""
        self.store.flush()
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(Event.__table__)).scalar())


@dataclass(frozen=True)
class _KeptProfile:
    """What a profile's ended session left for its next one (see :meth:`Catalog.keep_profile`)."""

    since: int
    own: int
    signals: ProfileSignals
    events: EventHistory


_SIGNAL_COLUMNS = (
    "profile_id",
    "title_id",
    "type",
    "value",
    "t_ms",
    "row_id",
    "payload",
    "event_id",
)
"""The event columns :meth:`Catalog.signal_events` reads."""
_NEWER_SIGNALS_SQL = (
    f"SELECT COUNT(*), MAX(event_id) FROM event WHERE type IN "
    f"({', '.join('?' for _ in SIGNAL_TYPES)}) AND profile_id = ? AND event_id > ?"
)
"""Signal events of a profile stored after an event id, and the newest (from the index)."""
_PROFILE_SQL = (
    "SELECT id, name, maturity_level, device FROM profile "
    "WHERE id = ? AND kind IN ('viewer', 'bot')"
)
FACTS_BLOCK = 64
"""Titles whose facts are read together: ids ``k * 64`` to ``k * 64 + 63``."""
_FACTS_SQL = (
    "SELECT id, name, kind, year, maturity, runtime_min, seasons, episodes, synopsis "
    "FROM title WHERE id BETWEEN ? AND ?"
)
_CAST_SQL = (
    "SELECT c.title_id, p.name FROM credit c JOIN person p ON p.id = c.person_id "
    "WHERE c.title_id BETWEEN ? AND ? AND c.role = 'actor' ORDER BY c.title_id, c.billing"
)


def open_catalog(
    path: str | Path,
    *,
    als: AlsParams | None = None,
    artwork: BanditConfig | None = None,
    shared_learning: bool = True,
    checkpoint_pages: int = database.WAL_CHECKPOINT_PAGES,
) -> Catalog:
    """Open the catalog at ``path`` (see :class:`Catalog`)."""
    return Catalog(
        path,
        als=als,
        artwork=artwork,
        shared_learning=shared_learning,
        checkpoint_pages=checkpoint_pages,
    )


_CONTROL = frozenset({"Cc", "Zl", "Zp"})
"""Unicode categories refused in names: C0/C1 controls (tab, newline, escape...), line and
paragraph separators (other format characters, such as emoji joiners, are fine)."""
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Bidirectional overrides and isolates: they would reorder the text around a name."""


def _valid_name(name: str) -> str:
    """``name`` stripped, or :class:`ProfileNameError` if it is empty, too long or has
    control characters."""
    if not isinstance(name, str):
        raise ProfileNameError("a profile name must be text")
    name = name.strip()
    if not name:
        raise ProfileNameError("a profile needs a name")
    if any(unicodedata.category(ch) in _CONTROL or ch in _BIDI_CONTROLS for ch in name):
        raise ProfileNameError("a profile name cannot contain control characters")
    if len(name) > MAX_PROFILE_NAME:
        raise ProfileNameError(f"a profile name has at most {MAX_PROFILE_NAME} characters")
    if name.isdecimal():  # "3" would be taken for the profile with id 3
        raise ProfileNameError("a profile name cannot be a number (it would read as an id)")
    return name


def _check_maturity(level: int) -> None:
    if isinstance(level, bool) or not isinstance(level, int) or level not in MATURITY_LEVELS:
        raise ValueError(f"maturity level must be 0 (kids) to 4 (adults), not {level!r}")


__all__ = ["MAX_PROFILE_NAME", "SIGNAL_TYPES", "Catalog", "open_catalog"]
