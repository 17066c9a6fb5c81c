"""The Session API: one viewer's sitting, used alike by the TUI, bots and tests.

Every method records its event(s) through the batched store and folds the signal into
the profile's model state at once, so the next :meth:`Session.home` reflects it. The
session holds state and records events; the logic lives in :mod:`.history`,
:mod:`.scoring`, :mod:`.presentation`, :mod:`.page_log`, :mod:`.details` and
:mod:`.search`.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from . import details, history, page_log, scoring
from .artwork import profile_features
from .clock import Clock, HeldClock, hour_of
from .database import dbapi_transaction
from .errors import UnknownTitleError
from .events import EventType, SessionRows, to_json
from .history import CONTINUE_MAX as CONTINUE_MAX
from .history import CONTINUE_MIN as CONTINUE_MIN
from .history import FRESH_MS as FRESH_MS
from .history import LIKED_FRACTION
from .pages import MatchCalibrator, PageInputs
from .playback import Playback
from .presentation import MAX_ARTWORK_REWARD_MIN as MAX_ARTWORK_REWARD_MIN
from .presentation import ArtworkChoice, PreviewChoice
from .recording import session_start_payload
from .search import matching_titles, search_reason
from .signals import SIGNAL_TYPES
from .types import Context, Notice, Page, PlaybackState, Preview, ProfileInfo, Tile, TitleCard

if TYPE_CHECKING:
    from .catalog import Catalog


_Method = TypeVar("_Method", bound=Callable[..., Any])
_SIGNAL_TYPES = frozenset(SIGNAL_TYPES)


def _at_one_instant(method: _Method) -> _Method:
    """Run a recording method with the session's clock held (see :class:`HeldClock`)."""

    @functools.wraps(method)
    def held(self: Session, *args: Any, **kwargs: Any) -> Any:
        return self._clock.call_held(method, self, *args, **kwargs)

    return held  # type: ignore[return-value]


class Session:
    """One profile's session on one device, with a clock (real or virtual)."""

    _slates: Sequence[Sequence[page_log.Slot]] = ()
    """The latest page's slates (see ``page_log.page_slates``), set with ``last_page``."""

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
        self._clock = HeldClock(clock)
        """The clock as the session reads it: held still through each recording call."""
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
        self._features = profile_features(np.zeros(index.genre_slots), device=device)
        """The profile's features for the bandits, as of the latest page."""
        self._previews = PreviewChoice(catalog, seed, profile.id)
        """The trailer previewing each title in this session."""
        self._notices_read: set[str] = set()
        """Ids of the notices opened in this session."""
        self._contexts: dict[int, str] = {}

        started = clock.now_ms()
        # one write transaction: nobody stores events between the check and the reads
        with dbapi_transaction(catalog.engine) as conn:
            self.id: int = history.open_session_row(
                conn,
                profile.id,
                device=device,
                policy=policy,
                virtual=clock.virtual,
                started_ms=started,
            )
            self.signals, self._signals_since, stored = catalog.profile_state(conn, profile.id)
            if stored is None:
                stored = history.read_event_history(conn, profile.id, index)
            past = history.load_history(conn, profile.id, index, stored)
        self._stored = stored
        """The profile's impressions and plays as stored, for its next session (see
        ``Catalog.keep_profile``): this session's plays are folded in as recorded; its
        impressions are the artwork choice's ``last_seen``."""
        self._artwork = ArtworkChoice(catalog, past.last_seen)
        """The artwork each title shows in this session."""
        self.ratings: dict[int, int] = past.ratings
        self.my_list: list[int] = past.my_list
        self._progress = past.progress
        """title id -> (position fraction, position s, t_ms) of its last stop."""
        self._liked = past.liked
        """(t_ms, title id) of titles clearly enjoyed."""

        self._signal_events = 0
        """Signal events recorded in this session (see ``Catalog.keep_profile``)."""
        self._user_vector = np.zeros(0)
        self._state_policy: object | None = None  # folded in on first use
        self._stale = True
        payload = session_start_payload(
            catalog,
            profile=profile.name,
            policy=policy,
            seed=seed,
            device=device,
            ratings=self.ratings,
            my_list=self.my_list,
        )
        self._record(EventType.SESSION_START, payload=payload)

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
        return Context(hour=hour_of(self._clock.now_ms()), device=self.device)

    def _context_json(self, hour: int) -> str:
        """The context column of events recorded in ``hour`` (encoded once per hour)."""
        encoded = self._contexts.get(hour)
        if encoded is None:
            encoded = self._contexts[hour] = to_json({"hour": hour, "device": self.device})
        return encoded

    def _record(self, kind: EventType, **fields: Any) -> dict[str, Any]:
        return self._record_all(kind, (fields,))[0]

    @functools.cached_property
    def _rows(self) -> SessionRows:
        """Makes this session's event rows."""
        return SessionRows(session_id=self.id, profile_id=self.profile.id, policy=self.policy)

    def _record_all(self, kind: EventType, each: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Record one ``kind`` event per item of ``each`` (its fields), in order, at once."""
        name = kind._value_  # the plain string (``.value`` and hashing an enum are slow)
        with self._lock:
            now = self._clock.now_ms()
            events = self._rows.batch(
                each,
                seq=self._seq,
                t_ms=now,
                wall_time=time.time(),
                type=name,
                context=self._context_json(hour_of(now)),
            )
            self._seq += len(events)
            self.catalog.store.extend(events)
            if self._listeners:
                for event in events:
                    for listener in self._listeners:
                        listener(event)
            if name in _SIGNAL_TYPES:
                self._fold(events, each)
            return events

    def _fold(self, events: list[dict[str, Any]], each: Sequence[dict[str, Any]]) -> None:
        """Fold signal events (of one type) into the profile's signals in one call; a scroll
        is read from its payload as given, not decoded back from its JSON."""
        self._signal_events += len(events)
        payloads = None
        if events and events[0]["type"] == "scroll":  # the only signal its payload weighs
            payloads = [
                payload if isinstance(payload := fields.get("payload"), dict) else None
                for fields in each
            ]
        if self.signals.add_all(events, self.catalog.index.index_of, payloads):
            self._stale = True

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
        with self._lock:
            now = self._clock.now_ms()
            feedback = self.signals.feedback(now)
            themes = self.signals.theme_affinity(now)
        return scoring.taste_summary(self.catalog.index, feedback, themes)

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
                now = self._clock.now_ms()
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
        state = self.user_vector
        return scoring.policy_scores(
            self.catalog,
            self.catalog.policy(self.policy),
            state,
            signal_count=self.signals.count,
            rng=self.rng,
            profile_id=self.profile.id,
            context=self.context,
        )

    def eligible(self) -> np.ndarray:
        """Titles this profile's home page may show (maturity; thumbs-down hidden)."""
        return scoring.eligible_titles(
            self.catalog.index, self.profile.maturity_level, self.ratings
        )

    def _page_inputs(self) -> PageInputs:
        catalog = self.catalog
        index = catalog.index
        now = self._clock.now_ms()
        feedback = self.signals.feedback(now)
        genre_aff = scoring.genre_affinity(index, feedback)
        context = self.context
        self._features = profile_features(genre_aff, hour=context.hour, device=context.device)
        continuing, fresh = history.continue_watching(self._progress, index, now)
        finished = history.finished_titles(self._progress, index)
        liked = history.liked_titles(self._liked, self.ratings, index)
        similar = {idx: catalog.similar(self.policy, idx) for idx in liked[:2]}
        boost, label = catalog.context_boost(self.context)
        return PageInputs(
            scores=self.scores(),
            eligible=self.eligible(),
            feedback=feedback,
            theme_affinity=self.signals.theme_affinity(now),
            genre_affinity={g: float(a) for g, a in enumerate(genre_aff) if a},
            continue_watching=continuing,
            continue_fresh=fresh,
            finished=finished,
            liked=liked,
            watched=frozenset(index.index_of[t] for t in self._progress if t in index.index_of),
            similar=similar,
            item_vectors=catalog.unit_item_vectors(),
            my_list=[index.index_of[t] for t in self.my_list if t in index.index_of],
            trending=catalog.trending,
            today=catalog.today,
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
            return self._artwork.choose(titles, self._features, self.rng)

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

    @_at_one_instant
    def home(self) -> Page:
        """Build the home page and record it (page_view and first-screen impressions).

        The events are written by the store within its flush interval, at :meth:`end`, or
        when the caller flushes (the TUI does at every screen change).
        """
        with self._lock:
            page = self.build_page()
            self._pages += 1
            self.last_page = page
            self._touched_rows.clear()
            self._shown_match = page_log.shown_matches(page)
            self._slates = page_log.page_slates(page)
            self._record(
                EventType.PAGE_VIEW,
                page_id=page.page_id,
                payload=page_log.page_view_payload(page, self._slates),
            )
            self._impress(page_log.first_screen(page))
        return page

    def onboarding_candidates(self, n: int = 18) -> list[Tile]:
        """Popular titles across many genres for a new profile to pick from.

        Records nothing and draws nothing from the session's random stream: the tiles are
        ranked and pictured on side streams (as More Like This is), so a replay, which
        only re-issues recorded events, stays in step with the session.
        """
        index = self.catalog.index
        with self._lock:
            z, calibrate, eligible = self._quiet_ranking()
            picks = scoring.onboarding_picks(index, eligible, n)
            reasons = [f"Popular in {index.genres[int(index.main_genre[i])].name}" for i in picks]
            picked = np.asarray(picks, dtype=np.int64)
            builder = self.catalog.builder
            return list(builder.tiles(picked, z, calibrate, reasons, self._peek_artwork))

    def _impress(self, cells: Iterable[page_log.Cell]) -> None:
        """Record an impression of each of ``cells`` of the latest page not seen on it yet.

        A tile's fields are read from the page's slates: its object is made only if
        someone reads it."""
        page = self.last_page
        if page is None:
            return
        rows, slates, page_id, seen = page.rows, self._slates, page.page_id, self._impressed
        fresh = []
        for row_pos, col_pos in cells:
            if row_pos >= len(rows):
                continue
            row_id, slate = rows[row_pos].id, slates[row_pos]
            key = (page_id, row_id, col_pos)
            if key in seen or col_pos >= len(slate):
                continue  # seen already (the usual case), or no tile there
            seen.add(key)
            fresh.append((row_pos, col_pos, row_id, slate[col_pos]))
        if not fresh:
            return
        index_of = self.catalog.index.index_of
        impressed, features = self._artwork.impressed, self._features
        each = []
        for row_pos, col_pos, row_id, (title_id, artwork_id, propensity, score, _) in fresh:
            impressed(title_id, index_of[title_id], features)
            each.append(
                {
                    "page_id": page_id,
                    "row_id": row_id,
                    "row_pos": row_pos,
                    "col_pos": col_pos,
                    "title_id": title_id,
                    "artwork_id": artwork_id,
                    "propensity": propensity,
                    "value": score,
                }
            )
        self._record_all(EventType.IMPRESSION, each)

    def _tile_fields(
        self, row_id: str | None, row_pos: int | None, col_pos: int | None, title_id: int | None
    ) -> dict[str, Any]:
        return page_log.tile_fields(self.last_page, row_id, row_pos, col_pos, title_id)

    # -- browsing -------------------------------------------------------------------

    @_at_one_instant
    def focus(self, row_id: str, row_pos: int, col_pos: int, title_id: int) -> None:
        """The viewer's cursor landed on a tile (it is seen: an impression if new)."""
        with self._lock:
            self._record(
                EventType.FOCUS,
                title_id=title_id,
                **self._tile_fields(row_id, row_pos, col_pos, title_id),
            )
            self._impress(page_log.focus_reveals(row_pos, col_pos))

    @_at_one_instant
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

    @_at_one_instant
    def scroll(self, direction: str, *, row_id: str, row_pos: int, col_pos: int) -> None:
        """The viewer moved ``direction`` ("down", "up", "left", "right") from a tile.

        Down past a row nobody touched lowers its theme; right along a row raises the
        theme and lowers the title scrolled past.
        """
        if direction not in ("down", "up", "left", "right"):
            raise ValueError(f"unknown scroll direction {direction!r}")
        with self._lock:
            page = self.last_page
            self._record(
                EventType.SCROLL,
                row_id=row_id,
                row_pos=row_pos,
                col_pos=col_pos,
                page_id=page.page_id if page else None,
                payload={
                    "direction": direction,
                    "touched": row_id in self._touched_rows,
                    "skipped_title_ids": page_log.scroll_skipped(page, direction, row_pos, col_pos),
                },
            )
            self._impress(page_log.scroll_reveals(direction, row_pos, col_pos))

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
        facts = self.catalog.title_facts(title_id)
        with self._lock:
            match = self._shown_match.get(title_id)
            if match is None:
                ranking, calibrate = self.catalog.builder.ranking(self._page_inputs())
                match = int(calibrate(ranking[idx : idx + 1])[0])
            art_pos = self._artwork.choose_one(idx, self._features, self.rng)
        return details.build_title_card(
            self.catalog.index,
            idx,
            title_id,
            facts,
            match=match,
            rating=self.ratings.get(title_id),
            in_my_list=title_id in self.my_list,
            art_pos=art_pos,
            badges=self.catalog.title_badges(title_id),
        )

    @_at_one_instant
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
        payload = details.details_payload(preview, source, extra)
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
                self._previews.observe(preview, self._features)
        return replace(card, preview=preview)

    @_at_one_instant
    def close_details(self, title_id: int) -> None:
        """Leave a title's details."""
        self._record(EventType.CLOSE_DETAILS, title_id=title_id)

    # -- search ---------------------------------------------------------------------

    @_at_one_instant
    def search(self, query: str, limit: int = 24) -> list[Tile]:
        """Titles matching ``query`` by title, genre, tag or cast, best for this profile first.

        Thumbs-down titles are found here too (they are only hidden from home); the
        profile's maturity limit holds. Records a ``search`` event with the results.
        """
        found = matching_titles(
            self.catalog.index,
            self.catalog.cast,
            query,
            maturity_level=self.profile.maturity_level,
        )
        with self._lock:
            inputs = self._page_inputs()
            ranking, calibrate = self.catalog.builder.ranking(inputs)
            hits = found[np.argsort(-ranking[found], kind="stable")][:limit]
            reasons = [search_reason(query)] * len(hits)
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

    @_at_one_instant
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

    @_at_one_instant
    def abandon(self) -> None:
        """The viewer gave up browsing: record ``abandon``, then end the session."""
        with self._lock:
            if not self.ended:
                self._record(EventType.ABANDON)
        self.end()

    # -- playback -------------------------------------------------------------------

    @_at_one_instant
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
            start = history.resume_position(self._progress, title_id)
            if start is None:
                start = 0.0
            self._playback = Playback(self._clock, title_id, duration, start_s=start, speed=speed)
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

    @_at_one_instant
    def pause(self) -> PlaybackState:
        """Pause playback."""
        with self._lock:
            state = self._require_playback().pause()
            self._record(EventType.PAUSE, title_id=state.title_id, value=state.position_s)
            return state

    @_at_one_instant
    def resume(self) -> PlaybackState:
        """Resume playback."""
        with self._lock:
            state = self._require_playback().resume()
            self._record(EventType.RESUME, title_id=state.title_id, value=state.position_s)
            return state

    @_at_one_instant
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

    @_at_one_instant
    def set_speed(self, speed: float) -> PlaybackState:
        """Change the playback speed (content seconds per clock second) and record it (a
        ``speed`` event: replays need it to place the stop; not a signal)."""
        with self._lock:
            state = self._require_playback().set_speed(speed)
            self._record(
                EventType.SPEED,
                title_id=state.title_id,
                value=float(state.speed),
                payload={"position_s": state.position_s},
            )
            return state

    @_at_one_instant
    def stop(self) -> PlaybackState:
        """Stop playback and record how much was watched."""
        with self._lock:
            playback = self._require_playback()
            state = playback.state()
            self._playback = None
            fraction = min(1.0, state.watched_s / state.duration_s) if state.duration_s else 0.0
            payload = {
                "watched_s": state.watched_s,
                "position_s": state.position_s,
                "duration_s": state.duration_s,
            }
            stopped = self._record(
                EventType.PLAY_STOP,
                title_id=state.title_id,
                value=round(fraction, 4),
                payload=payload,
                **self._playback_origin,
            )
            # as stored: its JSON gives these numbers back exactly
            self._stored.add_play_stop(
                stopped["title_id"], stopped["t_ms"], stopped["value"], payload
            )
            self._artwork.reward_play(state.title_id, state.watched_s)  # minutes earned
            now = self._clock.now_ms()
            self._progress[state.title_id] = (state.fraction, state.position_s, now)
            if fraction >= LIKED_FRACTION:
                self._liked.append((now, state.title_id))
            if state.watched_s > 0:
                self.catalog.note_play(self._card_index(state.title_id))
            self._previews.reward_play(state.title_id, state.watched_s)  # the preview too
            return state

    # -- explicit feedback ----------------------------------------------------------

    @_at_one_instant
    def thumbs(self, title_id: int, value: int) -> None:
        """Thumbs down (-1), up (1) or two thumbs up (2); a down hides the title from home."""
        if value not in (-1, 1, 2):
            raise ValueError("thumbs value must be -1, 1 or 2")
        self._card_index(title_id)
        with self._lock:
            self._record(EventType.THUMBS, title_id=title_id, value=float(value))
            self.ratings[title_id] = value
            if value > 0:
                self._liked.append((self._clock.now_ms(), title_id))
            else:
                self._liked = [(t, i) for t, i in self._liked if i != title_id]
            self.catalog.store.set_rating(self.profile.id, title_id, value, self._clock.now_ms())

    @_at_one_instant
    def set_my_list(self, title_id: int, add: bool = True) -> None:
        """Add a title to My List, or remove it."""
        self._card_index(title_id)
        with self._lock:
            self._record(EventType.MY_LIST, title_id=title_id, value=1.0 if add else -1.0)
            history.save_my_list(
                self.catalog.engine, self.profile.id, title_id, add, self._clock.now_ms()
            )
            self.my_list = history.updated_my_list(self.my_list, title_id, add)

    # -- previews, badges, More Like This, notifications ----------------------------

    def preview_for(self, title_id: int) -> Preview | None:
        """The trailer shown as this viewer's preview of a title (records nothing).

        Chosen once per title per session by the catalog's trailer bandit from the
        profile's features, with a random stream of its own (so choosing a preview never
        changes the session's other draws); ``None`` for a title without trailers.
        """
        idx = self._card_index(title_id)
        with self._lock:
            return self._previews.choose(title_id, idx, self._features)

    def badges(self, title_id: int) -> tuple[str, ...]:
        """A title's badges: "Top 10 · #3", "New Episodes", "Recently Added", "Award-winning"."""
        self._card_index(title_id)
        return self.catalog.title_badges(title_id)

    def resume_point(self, title_id: int) -> float | None:
        """Where playing the title resumes (content seconds), if it was left mid-way."""
        return history.resume_position(self._progress, title_id)

    def _quiet_ranking(self) -> tuple[np.ndarray, MatchCalibrator, np.ndarray]:
        """Ranking scores, % match calibration and eligibility, computed without touching
        the session's random stream or its folded-in state (so what the TUI shows on the
        side never changes the trace a bot would record)."""
        return scoring.quiet_ranking(
            self.catalog,
            self.catalog.policy(self.policy),
            self.signals,
            self._clock.now_ms(),
            seed=self.seed,
            profile_id=self.profile.id,
            context=self.context,
            eligible=self.eligible(),
        )

    def _peek_artwork(self, titles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Artwork for ``titles`` as :meth:`artwork_for` would show it, without choosing for
        titles not chosen yet (those get a draw from a side stream, not kept)."""
        return self._artwork.peek(titles, self._features, self.seed, self.profile.id)

    def more_like_this(self, title_id: int, n: int = 12) -> list[Tile]:
        """Up to ``n`` titles like this one that the profile may see, most similar first
        (the details screen's "More Like This" row; records nothing)."""
        idx = self._card_index(title_id)
        similar = self.catalog.similar(self.policy, idx)
        with self._lock:
            z, calibrate, eligible = self._quiet_ranking()
            picks = details.more_like_this_picks(similar, eligible, idx, n)
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
        with self._lock:
            liked = [t for t, v in self.ratings.items() if v > 0]
            followed = [*self._progress, *liked, *self.my_list]
            seen = set(self._progress) | set(self.ratings)
            z, calibrate, eligible = self._quiet_ranking()
            shown = dict(self._shown_match)
            read = set(self._notices_read)
        return details.profile_notices(
            self.catalog,
            followed=followed,
            seen=seen,
            z=z,
            calibrate=calibrate,
            eligible=eligible,
            shown=shown,
            read=read,
        )

    @_at_one_instant
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

    @_at_one_instant
    def end(self) -> None:
        """Stop any playback, record session_end and write everything (idempotent)."""
        with self._lock:
            if self.ended:
                return
            if self._playback is not None:
                self.stop()
            self._record(EventType.SESSION_END)
            self.ended = True
            self.catalog.store.end_session(self.id, self._clock.now_ms())
        self.flush()  # every event of the session stored: its signals can be taken up again
        stored = replace(self._stored, last_seen=self._artwork.last_seen)
        self.catalog.keep_profile(
            self.profile.id, self._signals_since, self._signal_events, self.signals, stored
        )
