"""The Session API: one viewer's sitting, used alike by the TUI, bots and tests.

Every method records its event(s) through the batched store and folds the signal into
the profile's model state at once, so the next :meth:`Session.home` reflects it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import delete, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .artwork import profile_features
from .clock import Clock, hour_of
from .errors import UnknownTitleError
from .events import EventType, make_event
from .models import MyListEntry, Rating, ViewingSession
from .notifications import compute_notices, title_badges
from .pages import FIRST_SCREEN_COLS, FIRST_SCREEN_ROWS, MatchCalibrator, PageInputs
from .playback import Playback
from .policies import ScoringContext
from .recording import session_start_state
from .signals import ProfileSignals
from .types import Context, Notice, Page, PlaybackState, Preview, ProfileInfo, Tile, TitleCard

if TYPE_CHECKING:
    from .catalog import Catalog

CONTINUE_MIN, CONTINUE_MAX = 0.02, 0.95
"""A title stays in Continue Watching between these watched fractions."""
MAX_ARTWORK_REWARD_MIN = 120.0
"""A play rewards the artwork it started from with its minutes watched, up to this."""
FRESH_MS = 3 * 86_400_000
"""A title stopped mid-way this recently puts Continue Watching first."""
LIKED_FRACTION = 0.5
"""Watching at least this much makes a title the seed of "Because you watched"."""


class Session:
    """One profile's session on one device, with a clock (real or virtual)."""

    def __init__(
        self,
        catalog: Catalog,
        profile: ProfileInfo,
        *,
        device: str,
        clock: Clock,
        policy: str,
        seed: int,
    ) -> None:
        """Open the session row and load the profile's history. Use ``Catalog.start_session``."""
        self.catalog = catalog
        self.profile = profile
        self.device = device
        self.clock = clock
        self.policy = policy
        self.seed = seed
        """The seed of the session's random generator (recorded at session_start)."""
        self._listeners: list[Callable[[dict[str, Any]], None]] = []
        self.rng = np.random.default_rng([seed, profile.id])
        self.last_page: Page | None = None
        self.ended = False
        self._lock = threading.RLock()
        self._seq = 0
        self._pages = 0
        self._playback: Playback | None = None
        self._playback_origin: dict[str, Any] = {}
        self._impressed: set[tuple[str, str, int]] = set()
        self._touched_rows: set[str] = set()
        self._last_search: tuple[str, list[Tile]] | None = None
        self._shown_match: dict[int, int] = {}
        """Title id -> the % match its tile showed on the latest page or search."""
        index = catalog.index
        self._artwork_pos = np.full(index.n, -1, dtype=np.int64)
        """Per title, the artwork chosen for it in this session (-1: not chosen yet)."""
        self._artwork_propensity = np.zeros(index.n)
        self._features = profile_features(np.zeros(index.genre_slots), device=device)
        """The profile's features for the artwork bandit, as of the latest page."""
        self._shown: dict[int, tuple[int, np.ndarray]] = {}
        """Title id -> (artwork position, features) of its latest impression, for rewards."""
        self._previews: dict[int, Preview | None] = {}
        """Title id -> the trailer chosen as its preview in this session."""
        self._previewed: dict[int, tuple[int, np.ndarray]] = {}
        """Title id -> (trailer aspect id, features) of its latest preview, for rewards."""
        self._notices_read: set[str] = set()
        """Ids of the notices opened in this session."""

        started = clock.now_ms()
        with catalog.engine.begin() as conn:
            self.id: int = conn.execute(
                ViewingSession.__table__.insert().values(
                    profile_id=profile.id,
                    device=device,
                    policy=policy,
                    clock="virtual" if clock.virtual else "real",
                    started_ms=started,
                )
            ).inserted_primary_key[0]
            ratings = conn.execute(
                select(Rating.__table__.c.title_id, Rating.__table__.c.value).where(
                    Rating.__table__.c.profile_id == profile.id
                )
            ).all()
            listed = conn.execute(
                select(MyListEntry.__table__.c.title_id)
                .where(MyListEntry.__table__.c.profile_id == profile.id)
                .order_by(MyListEntry.__table__.c.added_ms.desc())
            ).all()
            seen = conn.execute(
                text(
                    "SELECT title_id, artwork_id FROM event WHERE profile_id = :p "
                    "AND type = 'impression' AND artwork_id IS NOT NULL ORDER BY event_id"
                ),
                {"p": profile.id},
            ).all()
            plays = conn.execute(
                text(
                    "SELECT title_id, t_ms, value, payload FROM event WHERE profile_id = :p "
                    "AND type = 'play_stop' ORDER BY event_id"
                ),
                {"p": profile.id},
            ).all()
        self._last_seen = np.full(index.n, -1, dtype=np.int64)
        """Per title, the artwork this profile last saw for it (the change effect)."""
        if seen:
            titles, artworks = (np.asarray(c, dtype=np.int64) for c in zip(*seen, strict=True))
            known = np.isin(titles, index.ids)
            self._last_seen[index.title_positions(titles[known])] = index.artwork_positions(
                artworks[known]
            )
        self.ratings: dict[int, int] = {int(t): int(v) for t, v in ratings}
        self.my_list: list[int] = [int(t) for (t,) in listed]
        self._progress: dict[int, tuple[float, float, int]] = {}
        """title id -> (position fraction, position s, t_ms) of its last stop."""
        self._liked: list[tuple[int, int]] = []
        """(t_ms, title id) of titles clearly enjoyed."""
        for title_id, t_ms, value, payload in plays:
            data = json.loads(payload) if payload else {}
            duration = data.get("duration_s") or 0
            position = data.get("position_s", 0.0)
            fraction = position / duration if duration else float(value or 0)
            self._progress[int(title_id)] = (fraction, float(position), int(t_ms))
            if (value or 0) >= LIKED_FRACTION:
                self._liked.append((int(t_ms), int(title_id)))
        self._liked += [(0, t) for t, v in self.ratings.items() if v > 0]

        self.signals = ProfileSignals(index.n)
        self.signals.extend(catalog.signal_events(profile.id), index.index_of)
        self._user_vector = np.zeros(0)
        self._state_policy: object | None = None  # folded in on first use
        self._stale = True
        replay_state = session_start_state(
            catalog,
            policy=policy,
            seed=seed,
            device=device,
            ratings=self.ratings,
            my_list=self.my_list,
        )
        self._record(EventType.SESSION_START, payload={"profile": profile.name, **replay_state})

    # -- recording ------------------------------------------------------------------

    @property
    def signal_count(self) -> int:
        """How many per-title signals the profile has given (0: a cold profile)."""
        return self.signals.count

    @property
    def is_new(self) -> bool:
        """Whether the profile has never said what it likes (no positive signal at all).

        Impressions and skips do not count: a profile that only browsed is still new.
        """
        return not any(weight > 0 for weight in self.signals.title_weight)

    @property
    def recorded(self) -> int:
        """How many events this session has recorded."""
        return self._seq

    @property
    def context(self) -> Context:
        """Hour of day on the session clock and the device."""
        return Context(hour=hour_of(self.clock.now_ms()), device=self.device)

    def _record(self, kind: EventType, **fields: Any) -> dict[str, Any]:
        with self._lock:
            now = self.clock.now_ms()
            context = self.context
            event = make_event(
                session_id=self.id,
                profile_id=self.profile.id,
                seq=self._seq,
                t_ms=now,
                wall_time=time.time(),
                type=kind.value,
                policy=self.policy,
                context={"hour": context.hour, "device": context.device},
                **fields,
            )
            self._seq += 1
            self.catalog.store.append(event)
            for listener in self._listeners:
                listener(event)
            if self.signals.add(event, self.catalog.index.index_of):
                self._stale = True
            return event

    def add_listener(self, listener: Callable[[dict[str, Any]], None]) -> None:
        """Call ``listener(event)`` with every event recorded from now on (under the lock:
        keep it quick; it must not call back into the session)."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[dict[str, Any]], None]) -> None:
        """Stop calling ``listener`` (no error if it was not added)."""
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def taste_affinities(self) -> dict[str, list[tuple[str, float]]]:
        """The profile's current tastes, strongest first, as the model reads its signals.

        ``{"genres": [(genre name, affinity)], "themes": [(row id, affinity)]}``: a genre's
        affinity is the decayed feedback summed over its titles; a theme's is what scrolls
        past or along its rows added. Zero entries are left out.
        """
        index = self.catalog.index
        with self._lock:
            now = self.clock.now_ms()
            feedback = self.signals.feedback(now)
            themes = self.signals.theme_affinity(now)
        genre_aff = np.bincount(
            index.genre_id, weights=feedback[index.genre_title], minlength=index.genre_slots
        )
        genres = [
            (index.genres[g].name, float(a))
            for g, a in enumerate(genre_aff)
            if abs(a) > 1e-9 and g in index.genres
        ]
        theme_list = [(str(k), float(v)) for k, v in themes.items() if abs(v) > 1e-9]
        return {
            "genres": sorted(genres, key=lambda x: -x[1]),
            "themes": sorted(theme_list, key=lambda x: -x[1]),
        }

    @property
    def user_vector(self) -> np.ndarray:
        """The profile's state under the session's policy (ALS, BPR: its latent vector).

        Refit in place after new signals, with no retraining; signals recorded together (a
        page's impressions) are folded in at once. Also refit when the catalog's policy
        object changes (first use, or retrained).
        """
        with self._lock:
            policy = self.catalog.policy(self.policy)
            if self._stale or self._state_policy is not policy:
                now = self.clock.now_ms()
                feedback = self.signals.feedback_row(now)
                self._user_vector = policy.fold_in(feedback)
                self._state_policy = policy
                self._stale = False
            return self._user_vector

    def flush(self) -> None:
        """Write buffered events now (the TUI calls this at every screen change)."""
        self.catalog.store.flush()

    # -- scoring and pages ----------------------------------------------------------

    def scores(self) -> np.ndarray:
        """This profile's score for every title under the session's policy."""
        catalog = self.catalog
        state = self.user_vector
        return catalog.policy(self.policy).scores(
            state,
            ScoringContext(
                index=catalog.index,
                signal_count=self.signals.count,
                trending=catalog.trending,
                rng=self.rng,
                profile_id=self.profile.id,
                context=self.context,
            ),
        )

    def eligible(self) -> np.ndarray:
        """Titles this profile's home page may show (maturity; thumbs-down hidden)."""
        index = self.catalog.index
        mask = index.maturity <= self.profile.maturity_level
        for title_id, value in self.ratings.items():
            if value < 0 and title_id in index.index_of:
                mask[index.index_of[title_id]] = False
        return mask

    def _page_inputs(self) -> PageInputs:
        index = self.catalog.index
        now = self.clock.now_ms()
        feedback = self.signals.feedback(now)
        genre_aff = np.bincount(
            index.genre_id, weights=feedback[index.genre_title], minlength=index.genre_slots
        )
        context = self.context
        self._features = profile_features(genre_aff, hour=context.hour, device=context.device)
        continuing = sorted(
            (
                (t_ms, title_id, fraction)
                for title_id, (fraction, _, t_ms) in self._progress.items()
                if CONTINUE_MIN <= fraction < CONTINUE_MAX
            ),
            reverse=True,
        )
        finished = sorted(
            (t_ms, title_id)
            for title_id, (fraction, _, t_ms) in self._progress.items()
            if fraction >= CONTINUE_MAX
        )[::-1]
        liked: list[int] = []
        for _, title_id in sorted(self._liked, reverse=True):
            idx = index.index_of.get(title_id)
            if idx is not None and idx not in liked and self.ratings.get(title_id, 0) >= 0:
                liked.append(idx)
        similar = {idx: self.catalog.similar(self.policy, idx) for idx in liked[:2]}
        boost, label = self.catalog.context_boost(self.context)
        return PageInputs(
            scores=self.scores(),
            eligible=self.eligible(),
            feedback=feedback,
            theme_affinity=self.signals.theme_affinity(now),
            genre_affinity={g: float(a) for g, a in enumerate(genre_aff) if a},
            continue_watching=[
                (index.index_of[t], f) for _, t, f in continuing if t in index.index_of
            ],
            continue_fresh=bool(continuing) and now - continuing[0][0] <= FRESH_MS,
            finished=[index.index_of[t] for _, t in finished if t in index.index_of],
            liked=liked,
            similar=similar,
            item_vectors=self.catalog.unit_item_vectors(),
            my_list=[index.index_of[t] for t in self.my_list if t in index.index_of],
            trending=self.catalog.trending,
            today=self.catalog.today,
            context_boost=boost,
            context_label=label,
            choose_artwork=self.artwork_for,
        )

    def artwork_for(self, titles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Artwork position and its propensity for each title index in ``titles``.

        The catalog's bandit chooses once per title per session (so a title looks the same
        in every row and on every page of a sitting); across sittings the change effect of
        the bandit keeps most titles on the artwork the profile saw before.
        """
        with self._lock:
            titles = np.asarray(titles, dtype=np.int64)
            new = np.unique(titles[self._artwork_pos[titles] < 0])
            if len(new):
                index = self.catalog.index
                pos, propensity = self.catalog.bandit.choose(
                    self._features,
                    new,
                    index.artwork_start,
                    index.artwork_count,
                    self.catalog.artwork_aspect_id,
                    self.rng,
                    previous=self._last_seen[new],
                )
                self._artwork_pos[new] = pos
                self._artwork_propensity[new] = propensity
            return self._artwork_pos[titles], self._artwork_propensity[titles]

    def build_page(self) -> Page:
        """The home page as it would be shown now, without recording anything."""
        with self._lock:
            return self.catalog.builder.build(
                self._page_inputs(),
                context=self.context,
                page_id=f"{self.id}.{self._pages + 1}",
                profile_id=self.profile.id,
                policy=self.policy,
            )

    def home(self) -> Page:
        """Build the home page, record it (page_view and first-screen impressions), flush."""
        with self._lock:
            page = self.build_page()
            self._pages += 1
            self.last_page = page
            self._touched_rows.clear()
            self._shown_match = {}
            for row in page.rows:
                for tile in row.tiles:
                    self._shown_match.setdefault(tile.title_id, tile.match)
            self._record(
                EventType.PAGE_VIEW,
                page_id=page.page_id,
                payload={
                    "rows": [
                        {
                            "id": row.id,
                            "name": row.name,
                            "tiles": [
                                [t.title_id, t.artwork_id, t.propensity, t.score, t.match]
                                for t in row.tiles
                            ],
                        }
                        for row in page.rows
                    ]
                },
            )
            for row_pos, row in enumerate(page.rows[:FIRST_SCREEN_ROWS]):
                for col_pos in range(min(FIRST_SCREEN_COLS, len(row.tiles))):
                    self._impress(row_pos, col_pos)
        self.flush()
        return page

    def onboarding_candidates(self, n: int = 18) -> list[Tile]:
        """Popular titles across many genres for a new profile to pick from (no events)."""
        index = self.catalog.index
        eligible = self.eligible()
        order = np.argsort(-index.popularity, kind="stable")
        order = order[eligible[order]]
        by_genre: dict[int, list[int]] = {}
        for idx in order[: max(50 * n, 500)]:
            by_genre.setdefault(int(index.main_genre[idx]), []).append(int(idx))
        picks: list[int] = []
        queues = sorted(by_genre.values(), key=lambda q: -index.popularity[q[0]])
        while len(picks) < n and any(queues):
            for queue in queues:
                if queue and len(picks) < n:
                    picks.append(queue.pop(0))
        ranking, calibrate = self.catalog.builder.ranking(self._page_inputs())
        reasons = [f"Popular in {index.genres[int(index.main_genre[i])].name}" for i in picks]
        picked = np.asarray(picks, dtype=np.int64)
        return list(
            self.catalog.builder.tiles(picked, ranking, calibrate, reasons, self.artwork_for)
        )

    def _impress(self, row_pos: int, col_pos: int) -> None:
        page = self.last_page
        if page is None or row_pos >= len(page.rows) or col_pos >= len(page.rows[row_pos].tiles):
            return
        row = page.rows[row_pos]
        key = (page.page_id, row.id, col_pos)
        if key in self._impressed:
            return
        self._impressed.add(key)
        tile = row.tiles[col_pos]
        index = self.catalog.index
        idx = index.index_of[tile.title_id]
        pos = int(self._artwork_pos[idx])
        if pos >= 0:
            if self.catalog.shared_learning:
                aspect = int(self.catalog.artwork_aspect_id[pos])
                self.catalog.bandit.observe(self._features, aspect)
            self._last_seen[idx] = pos
            self._shown[tile.title_id] = (pos, self._features)
        self._record(
            EventType.IMPRESSION,
            page_id=page.page_id,
            row_id=row.id,
            row_pos=row_pos,
            col_pos=col_pos,
            title_id=tile.title_id,
            artwork_id=tile.artwork_id,
            propensity=tile.propensity,
            value=tile.score,
        )

    def _tile_fields(
        self, row_id: str | None, row_pos: int | None, col_pos: int | None, title_id: int | None
    ) -> dict[str, Any]:
        fields: dict[str, Any] = {"row_id": row_id, "row_pos": row_pos, "col_pos": col_pos}
        page = self.last_page
        if page is not None:
            fields["page_id"] = page.page_id
            if row_pos is not None and col_pos is not None and row_pos < len(page.rows):
                tiles = page.rows[row_pos].tiles
                if col_pos < len(tiles) and tiles[col_pos].title_id == title_id:
                    fields["artwork_id"] = tiles[col_pos].artwork_id
                    fields["propensity"] = tiles[col_pos].propensity
        return fields

    # -- browsing -------------------------------------------------------------------

    def focus(self, row_id: str, row_pos: int, col_pos: int, title_id: int) -> None:
        """The viewer's cursor landed on a tile (it is seen: an impression if new)."""
        with self._lock:
            self._record(
                EventType.FOCUS,
                title_id=title_id,
                **self._tile_fields(row_id, row_pos, col_pos, title_id),
            )
            self._impress(row_pos, col_pos)
            if col_pos < FIRST_SCREEN_COLS:
                for col in range(FIRST_SCREEN_COLS):
                    self._impress(row_pos, col)

    def dwell(
        self,
        title_id: int,
        seconds: float,
        *,
        row_id: str | None = None,
        row_pos: int | None = None,
        col_pos: int | None = None,
    ) -> None:
        """The viewer looked at a tile for ``seconds``."""
        self._record(
            EventType.DWELL,
            title_id=title_id,
            value=round(float(seconds), 3),
            **self._tile_fields(row_id, row_pos, col_pos, title_id),
        )

    def scroll(self, direction: str, *, row_id: str, row_pos: int, col_pos: int) -> None:
        """The viewer moved ``direction`` ("down", "up", "left", "right") from a tile.

        Down past a row nobody touched lowers its theme; right along a row raises the
        theme and lowers the title scrolled past.
        """
        if direction not in ("down", "up", "left", "right"):
            raise ValueError(f"unknown scroll direction {direction!r}")
        with self._lock:
            skipped: list[int] = []
            page = self.last_page
            if direction == "right" and page is not None and row_pos < len(page.rows):
                tiles = page.rows[row_pos].tiles
                if col_pos < len(tiles):
                    skipped = [tiles[col_pos].title_id]
            self._record(
                EventType.SCROLL,
                row_id=row_id,
                row_pos=row_pos,
                col_pos=col_pos,
                page_id=page.page_id if page else None,
                payload={
                    "direction": direction,
                    "touched": row_id in self._touched_rows,
                    "skipped_title_ids": skipped,
                },
            )
            target = row_pos + {"down": 1, "up": -1}.get(direction, 0)
            if direction in ("down", "up") and target >= 0:
                for col in range(FIRST_SCREEN_COLS):
                    self._impress(target, col)
            elif direction == "right":
                self._impress(row_pos, col_pos + FIRST_SCREEN_COLS)

    def _card_index(self, title_id: int) -> int:
        idx = self.catalog.index.index_of.get(title_id)
        if idx is None:
            raise UnknownTitleError(f"unknown title {title_id}")
        return idx

    def title_card(self, title_id: int) -> TitleCard:
        """Everything the details screen shows (records nothing).

        The % match is the one the title's tile showed on the latest page or search (a
        card agrees with the tile it was opened from); a title shown nowhere yet is
        ranked afresh.
        """
        idx = self._card_index(title_id)
        index = self.catalog.index
        facts = self.catalog.title_facts(title_id)
        with self._lock:
            match = self._shown_match.get(title_id)
            if match is None:
                ranking, calibrate = self.catalog.builder.ranking(self._page_inputs())
                match = int(calibrate(ranking[idx : idx + 1])[0])
            art_pos = int(self.artwork_for(np.asarray([idx]))[0][0])
        return TitleCard(
            title_id=title_id,
            name=facts.name,
            kind=facts.kind,
            year=facts.year,
            maturity=facts.maturity,
            runtime_min=facts.runtime_min,
            seasons=facts.seasons,
            episodes=facts.episodes,
            synopsis=facts.synopsis,
            genres=tuple(index.genres[g].name for g in index.genres_of(idx)),
            tags=tuple(index.tags[t].name for t in index.tags_of(idx)),
            cast=facts.cast,
            match=match,
            rating=self.ratings.get(title_id),
            in_my_list=title_id in self.my_list,
            artwork_id=int(index.artwork_ids[art_pos]),
            palette=index.artwork_palette[art_pos],
            aspect=index.artwork_aspect[art_pos],
            badges=title_badges(index, idx, facts.seasons, self.catalog.today),
        )

    def open_details(
        self,
        title_id: int,
        *,
        row_id: str | None = None,
        row_pos: int | None = None,
        col_pos: int | None = None,
        source: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> TitleCard:
        """Open a title's details (a mild positive) and return its card, with the preview
        (trailer) chosen for this viewer.

        The payload records the preview and its propensity, and ``source`` ("notification",
        "more_like_this", ...) with any ``extra`` fields when given.
        """
        card = self.title_card(title_id)
        preview = self.preview_for(title_id)
        payload: dict[str, Any] = dict(extra or {})
        if source is not None:
            payload["source"] = source
        if preview is not None:
            payload["preview"] = {
                "trailer_id": preview.trailer_id,
                "variant": preview.variant,
                "aspect": preview.aspect,
                "propensity": preview.propensity,
            }
        with self._lock:
            if row_id:
                self._touched_rows.add(row_id)
            self._record(
                EventType.OPEN_DETAILS,
                title_id=title_id,
                payload=payload or None,
                **self._tile_fields(row_id, row_pos, col_pos, title_id),
            )
            if preview is not None:
                self._observe_preview(preview)
        return replace(card, preview=preview)

    def close_details(self, title_id: int) -> None:
        """Leave a title's details."""
        self._record(EventType.CLOSE_DETAILS, title_id=title_id)

    # -- search ---------------------------------------------------------------------

    def search(self, query: str, limit: int = 24) -> list[Tile]:
        """Titles matching ``query`` by title, genre, tag or cast, best for this profile first.

        Thumbs-down titles are found here too (they are only hidden from home); the
        profile's maturity limit holds. Records a ``search`` event with the results.
        """
        text_query = " ".join(query.split()).casefold()
        index = self.catalog.index
        found = np.zeros(index.n, dtype=bool)
        if text_query:
            names = index.names_casefold
            found[[i for i, name in enumerate(names) if text_query in name]] = True
            for genre_id, genre in index.genres.items():
                labels = (genre.name, genre.plural, genre.tv_plural)
                if any(text_query in label.casefold() for label in labels):
                    found[index.genre_title[index.genre_id == genre_id]] = True
            for tag_id, tag in index.tags.items():
                if text_query in tag.name.casefold():
                    found[index.tag_title[index.tag_id == tag_id]] = True
            with self.catalog.engine.connect() as conn:
                cast = (
                    conn.execute(
                        text(
                            "SELECT DISTINCT c.title_id FROM credit c JOIN person p "
                            "ON p.id = c.person_id WHERE instr(lower(p.name), :q) > 0"
                        ),
                        {"q": text_query},
                    )
                    .scalars()
                    .all()
                )
            known = [index.index_of[t] for t in cast if t in index.index_of]
            found[known] = True
        found &= index.maturity <= self.profile.maturity_level
        with self._lock:
            inputs = self._page_inputs()
            ranking, calibrate = self.catalog.builder.ranking(inputs)
            hits = np.flatnonzero(found)
            hits = hits[np.argsort(-ranking[hits], kind="stable")][:limit]
            reasons = [f"Matches \u201c{query.strip()[:40]}\u201d"] * len(hits)
            builder = self.catalog.builder
            results = list(builder.tiles(hits, ranking, calibrate, reasons, self.artwork_for))
            self._last_search = (query, results)
            self._shown_match.update((t.title_id, t.match) for t in results)
            self._record(
                EventType.SEARCH,
                value=float(len(results)),
                payload={"query": query, "results": [t.title_id for t in results]},
            )
        return results

    def search_click(self, title_id: int, position: int) -> TitleCard:
        """Open a title from the latest search results (a positive for it)."""
        query = self._last_search[0] if self._last_search else ""
        with self._lock:
            self._record(
                EventType.SEARCH_CLICK,
                title_id=title_id,
                col_pos=position,
                payload={"query": query},
            )
        return self.open_details(title_id)

    def abandon(self) -> None:
        """The viewer gave up browsing: record ``abandon``, then end the session."""
        with self._lock:
            if not self.ended:
                self._record(EventType.ABANDON)
        self.end()

    # -- playback -------------------------------------------------------------------

    def play(
        self,
        title_id: int,
        *,
        speed: float = 1.0,
        row_id: str | None = None,
        row_pos: int | None = None,
        col_pos: int | None = None,
    ) -> PlaybackState:
        """Start playing (resuming from the last stop when it was mid-way)."""
        idx = self._card_index(title_id)
        with self._lock:
            if self._playback is not None:
                self.stop()
            duration = float(self.catalog.index.runtime_min[idx]) * 60.0
            fraction, position, _ = self._progress.get(title_id, (0.0, 0.0, 0))
            start = position if CONTINUE_MIN <= fraction < CONTINUE_MAX else 0.0
            self._playback = Playback(self.clock, title_id, duration, start_s=start, speed=speed)
            if row_id:
                self._touched_rows.add(row_id)
            self._playback_origin = self._tile_fields(row_id, row_pos, col_pos, title_id)
            self._record(
                EventType.PLAY_START,
                title_id=title_id,
                value=start,
                payload={"duration_s": duration, "position_s": start, "speed": speed},
                **self._playback_origin,
            )
            return self._playback.state()

    def playback(self) -> PlaybackState | None:
        """The current playback, if any (its position follows the session clock)."""
        with self._lock:
            return self._playback.state() if self._playback else None

    def _require_playback(self) -> Playback:
        if self._playback is None:
            raise RuntimeError("nothing is playing")
        return self._playback

    def pause(self) -> PlaybackState:
        """Pause playback."""
        with self._lock:
            state = self._require_playback().pause()
            self._record(EventType.PAUSE, title_id=state.title_id, value=state.position_s)
            return state

    def resume(self) -> PlaybackState:
        """Resume playback."""
        with self._lock:
            state = self._require_playback().resume()
            self._record(EventType.RESUME, title_id=state.title_id, value=state.position_s)
            return state

    def seek(self, delta_s: float) -> PlaybackState:
        """Jump forward (positive) or back (negative, a rewatch signal)."""
        with self._lock:
            state = self._require_playback().seek(delta_s)
            self._record(
                EventType.SEEK,
                title_id=state.title_id,
                value=float(delta_s),
                payload={"position_s": state.position_s},
            )
            return state

    def set_speed(self, speed: float) -> PlaybackState:
        """Change the playback speed (content seconds per clock second); not a signal."""
        with self._lock:
            return self._require_playback().set_speed(speed)

    def stop(self) -> PlaybackState:
        """Stop playback and record how much was watched."""
        with self._lock:
            playback = self._require_playback()
            state = playback.state()
            self._playback = None
            fraction = min(1.0, state.watched_s / state.duration_s) if state.duration_s else 0.0
            self._record(
                EventType.PLAY_STOP,
                title_id=state.title_id,
                value=round(fraction, 4),
                payload={
                    "watched_s": state.watched_s,
                    "position_s": state.position_s,
                    "duration_s": state.duration_s,
                },
                **self._playback_origin,
            )
            shown = self._shown.get(state.title_id)
            learn = self.catalog.shared_learning
            if learn and shown is not None and state.watched_s > 0:  # the artwork earns minutes
                pos, features = shown
                minutes = min(state.watched_s / 60.0, MAX_ARTWORK_REWARD_MIN)
                aspect = int(self.catalog.artwork_aspect_id[pos])
                self.catalog.bandit.reward(features, aspect, minutes)
            now = self.clock.now_ms()
            self._progress[state.title_id] = (state.fraction, state.position_s, now)
            if fraction >= LIKED_FRACTION:
                self._liked.append((now, state.title_id))
            if state.watched_s > 0:
                self.catalog.note_play(self._card_index(state.title_id))
            previewed = self._previewed.pop(state.title_id, None)
            if learn and previewed is not None and state.watched_s > 0:  # the preview too
                minutes = min(state.watched_s / 60.0, MAX_ARTWORK_REWARD_MIN)
                self.catalog.trailers.bandit.reward(previewed[1], previewed[0], minutes)
            return state

    # -- explicit feedback ----------------------------------------------------------

    def thumbs(self, title_id: int, value: int) -> None:
        """Thumbs down (-1), up (1) or two thumbs up (2); a down hides the title from home."""
        if value not in (-1, 1, 2):
            raise ValueError("thumbs value must be -1, 1 or 2")
        self._card_index(title_id)
        with self._lock:
            self._record(EventType.THUMBS, title_id=title_id, value=float(value))
            self.ratings[title_id] = value
            if value > 0:
                self._liked.append((self.clock.now_ms(), title_id))
            else:
                self._liked = [(t, i) for t, i in self._liked if i != title_id]
            self.catalog.store.set_rating(self.profile.id, title_id, value, self.clock.now_ms())

    def set_my_list(self, title_id: int, add: bool = True) -> None:
        """Add a title to My List, or remove it."""
        self._card_index(title_id)
        table = MyListEntry.__table__
        with self._lock:
            self._record(EventType.MY_LIST, title_id=title_id, value=1.0 if add else -1.0)
            with self.catalog.engine.begin() as conn:
                if add:
                    conn.execute(
                        sqlite_insert(table)
                        .values(
                            profile_id=self.profile.id,
                            title_id=title_id,
                            added_ms=self.clock.now_ms(),
                        )
                        .on_conflict_do_nothing()
                    )
                else:
                    conn.execute(
                        delete(table).where(
                            table.c.profile_id == self.profile.id, table.c.title_id == title_id
                        )
                    )
            self.my_list = [t for t in self.my_list if t != title_id]
            if add:
                self.my_list.insert(0, title_id)

    # -- previews, badges, More Like This, notifications ----------------------------

    def preview_for(self, title_id: int) -> Preview | None:
        """The trailer shown as this viewer's preview of a title (records nothing).

        Chosen once per title per session by the catalog's trailer bandit from the
        profile's features, with a random stream of its own (so choosing a preview never
        changes the session's other draws); ``None`` for a title without trailers.
        """
        idx = self._card_index(title_id)
        with self._lock:
            if title_id in self._previews:
                return self._previews[title_id]
            picker = self.catalog.trailers
            rng = np.random.default_rng([self.seed, self.profile.id, title_id, 0x7A11E5])
            chosen = picker.choose(self._features, idx, rng)
            preview = None
            if chosen is not None:
                pos, propensity = chosen
                t = picker.trailers
                preview = Preview(
                    trailer_id=int(t.ids[pos]),
                    title_id=title_id,
                    variant=int(t.variant[pos]),
                    aspect=t.aspect[pos],
                    label=t.label[pos],
                    duration_s=int(t.duration_s[pos]),
                    propensity=round(propensity, 6),
                )
            self._previews[title_id] = preview
            return preview

    def _observe_preview(self, preview: Preview) -> None:
        picker = self.catalog.trailers
        aspect = picker.bandit.aspect_id.get(preview.aspect)
        if aspect is None:
            return
        self._previewed[preview.title_id] = (aspect, self._features)
        if self.catalog.shared_learning:
            picker.bandit.observe(self._features, aspect)

    def badges(self, title_id: int) -> tuple[str, ...]:
        """A title's badges: "Top 10 · #3", "New Episodes", "Recently Added", "Award-winning"."""
        idx = self._card_index(title_id)
        seasons = self.catalog.title_facts(title_id).seasons
        return title_badges(self.catalog.index, idx, seasons, self.catalog.today)

    def resume_point(self, title_id: int) -> float | None:
        """Where playing the title resumes (content seconds), if it was left mid-way."""
        fraction, position, _ = self._progress.get(title_id, (0.0, 0.0, 0))
        return position if CONTINUE_MIN <= fraction < CONTINUE_MAX else None

    def _quiet_ranking(self) -> tuple[np.ndarray, MatchCalibrator, np.ndarray]:
        """Ranking scores, % match calibration and eligibility, computed without touching
        the session's random stream or its folded-in state (so what the TUI shows on the
        side never changes the trace a bot would record)."""
        catalog = self.catalog
        index = catalog.index
        policy = catalog.policy(self.policy)
        now = self.clock.now_ms()
        state = policy.fold_in(self.signals.feedback_row(now))
        scores = policy.scores(
            state,
            ScoringContext(
                index=index,
                signal_count=self.signals.count,
                trending=catalog.trending,
                rng=np.random.default_rng([self.seed, self.profile.id, 0x5EED]),
                profile_id=self.profile.id,
                context=self.context,
            ),
        )
        eligible = self.eligible()
        ref = scores[eligible] if eligible.any() else scores
        z = (scores - float(ref.mean())) / max(float(ref.std()), 1e-9)
        return z, MatchCalibrator(z[eligible] if eligible.any() else z), eligible

    def _peek_artwork(self, titles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Artwork for ``titles`` as :meth:`artwork_for` would show it, without choosing for
        titles not chosen yet (those get a draw from a side stream, not kept)."""
        pos = self._artwork_pos[titles].copy()
        propensity = self._artwork_propensity[titles].copy()
        new = np.flatnonzero(pos < 0)
        if len(new):
            index = self.catalog.index
            rng = np.random.default_rng([self.seed, self.profile.id, 0xA27])
            picked, p = self.catalog.bandit.choose(
                self._features,
                titles[new],
                index.artwork_start,
                index.artwork_count,
                self.catalog.artwork_aspect_id,
                rng,
                previous=self._last_seen[titles[new]],
            )
            pos[new], propensity[new] = picked, p
        return pos, propensity

    def more_like_this(self, title_id: int, n: int = 12) -> list[Tile]:
        """Up to ``n`` titles like this one that the profile may see, most similar first
        (the details screen's "More Like This" row; records nothing)."""
        idx = self._card_index(title_id)
        similar = self.catalog.similar(self.policy, idx)
        with self._lock:
            z, calibrate, eligible = self._quiet_ranking()
            picks = similar[eligible[similar] & (similar != idx)][:n]
            name = self.catalog.index.names[idx]
            reasons = [f"More like {name}"] * len(picks)
            tiles = list(
                self.catalog.builder.tiles(picks, z, calibrate, reasons, self._peek_artwork)
            )
            for tile in tiles:
                self._shown_match.setdefault(tile.title_id, tile.match)
            return [replace(t, match=self._shown_match.get(t.title_id, t.match)) for t in tiles]

    def notifications(self) -> list[Notice]:
        """The bell's notices for this profile, newest first (records nothing): a new
        season of a series it watched, liked or saved; new arrivals that match its taste."""
        index = self.catalog.index
        with self._lock:
            liked = [t for t, v in self.ratings.items() if v > 0]
            followed = [*self._progress, *liked, *self.my_list]
            seen = set(self._progress) | set(self.ratings)
            z, calibrate, eligible = self._quiet_ranking()
            shown = dict(self._shown_match)
            read = set(self._notices_read)
        series = [
            t
            for t in dict.fromkeys(followed)
            if t in index.index_of and index.is_series[index.index_of[t]]
        ]
        watched = {t: self.catalog.title_facts(t).seasons for t in series}
        match = {int(i): int(m) for i, m in enumerate(calibrate(z))}
        for title_id, shown_match in shown.items():
            match[index.index_of[title_id]] = shown_match
        notices = compute_notices(
            index, watched=watched, eligible=eligible, scores=z, match=match, seen=seen
        )
        return [replace(n, read=n.id in read) for n in notices]

    def open_notification(self, notice: Notice) -> TitleCard:
        """Open the title of a notice: an ``open_details`` with ``source`` "notification"."""
        with self._lock:
            self._notices_read.add(notice.id)
        return self.open_details(
            notice.title_id,
            source="notification",
            extra={"notification": notice.id, "kind": notice.kind},
        )

    # -- end ------------------------------------------------------------------------

    def end(self) -> None:
        """Stop any playback, record session_end and write everything (idempotent)."""
        with self._lock:
            if self.ended:
                return
            if self._playback is not None:
                self.stop()
            self._record(EventType.SESSION_END)
            self.ended = True
            with self.catalog.engine.begin() as conn:
                conn.execute(
                    ViewingSession.__table__.update()
                    .where(ViewingSession.__table__.c.id == self.id)
                    .values(ended_ms=self.clock.now_ms())
                )
        self.flush()
