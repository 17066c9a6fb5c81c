"""``netflix-sim traces replay --check``: rebuild a recorded session and compare every step.

The session's ``session_start`` records what its pages depend on (seed, policy, device,
learning switch, digests of the policy and artwork-bandit states, the catalog-wide play
counts, the profile's ratings and My List, and the bandit itself when learning is
shared). The check works on a throw-away copy of the catalog: it forgets the profile's
events from that session on, restores the recorded ratings, list, counts and bandit,
verifies the model digests, starts a session with the recorded seed on a virtual clock at
the recorded start, and re-issues every recorded action at its recorded time. Each event
the replay records must equal the recorded one with the same ``seq`` (``page_view``\\s tile
by tile); the first difference is reported: step (``seq``), row, column, expected, found.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from netflix_sim.engine import Catalog, Session, VirtualClock, open_catalog
from netflix_sim.engine.artwork import ArtworkBandit, BanditConfig
from netflix_sim.engine.events import EVENT_COLUMNS
from netflix_sim.engine.recording import (
    bandit_digest,
    decode_bandit,
    dense_counts,
    policy_digest,
)
from netflix_sim.engine.types import Page

from .errors import ResearchError, ResearchUsageError
from .scratch import scratch_copy
from .traces import TraceFilter, catalog_engine, decode, load_events

COMPARED = tuple(
    c for c in EVENT_COLUMNS if c not in ("session_id", "profile_id", "seq", "wall_time")
)
"""Columns compared step by step (``page_id`` without its session part)."""


class ReplayStateError(ResearchError):
    """The catalog no longer holds the model state the session started with."""


@dataclass(frozen=True)
class Mismatch:
    """The first step where the replay differs from the recording."""

    step: int
    """``seq`` of the recorded event."""
    event: str
    """Its type."""
    detail: str
    row: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        where = ""
        if self.row is not None:
            where = f", row {self.row}" + (f", column {self.col}" if self.col is not None else "")
        return f"step {self.step} ({self.event}{where}): {self.detail}"


@dataclass(frozen=True)
class ReplayResult:
    """How a check went."""

    session_id: int
    steps: int
    """Recorded events."""
    pages: int
    """Page views rebuilt and compared."""
    mismatch: Mismatch | None

    @property
    def ok(self) -> bool:
        """Whether every step matched."""
        return self.mismatch is None


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _page_part(page_id: str | None) -> str | None:
    return page_id.split(".", 1)[1] if page_id else None


def compare_page(
    step: int, recorded: dict[str, Any], page: Page, names: list[str], index_of: dict[int, int]
) -> Mismatch | None:
    """The first tile where ``page`` differs from the recorded page_view payload."""
    rows = recorded.get("payload", {}).get("rows", [])

    def name(title_id: int) -> str:
        idx = index_of.get(title_id)
        return f"title {title_id} {names[idx]!r}" if idx is not None else f"title {title_id}"

    for r, (want, got) in enumerate(zip(rows, page.rows, strict=False)):
        if want["id"] != got.id:
            detail = f"expected row {want['id']!r} ({want.get('name')}), found {got.id!r}"
            return Mismatch(step, "page_view", detail, r)
        for c, (tile, found) in enumerate(zip(want["tiles"], got.tiles, strict=False)):
            title_id, artwork_id, propensity, score, match = tile
            if title_id != found.title_id:
                detail = f"expected {name(title_id)}, found {name(found.title_id)}"
                return Mismatch(step, "page_view", detail, r, c)
            if artwork_id != found.artwork_id:
                detail = (
                    f"{name(title_id)}: expected artwork {artwork_id}, found {found.artwork_id}"
                )
                return Mismatch(step, "page_view", detail, r, c)
            for label, a, b in (
                ("propensity", propensity, found.propensity),
                ("score", score, found.score),
                ("match", match, found.match),
            ):
                if not _same(a, b):
                    detail = f"{name(title_id)}: expected {label} {a!r}, found {b!r}"
                    return Mismatch(step, "page_view", detail, r, c)
        if len(want["tiles"]) != len(got.tiles):
            detail = f"expected {len(want['tiles'])} tiles, found {len(got.tiles)}"
            return Mismatch(step, "page_view", detail, r)
    if len(rows) != len(page.rows):
        detail = f"expected {len(rows)} rows, found {len(page.rows)}"
        return Mismatch(step, "page_view", detail)
    return None


def compare_event(want: dict[str, Any], got: dict[str, Any]) -> Mismatch | None:
    """The first column where a replayed event differs from the recorded one."""
    for key in COMPARED:
        a, b = want.get(key), got.get(key)
        if key == "page_id":
            a, b = _page_part(a), _page_part(b)
        if not _same(a, b):
            detail = f"{key}: expected {a!r}, found {b!r}"
            return Mismatch(
                want["seq"], want["type"], detail, want.get("row_pos"), want.get("col_pos")
            )
    return None


def _prepare(path: Path, start: dict[str, Any]) -> None:
    """Roll the copy's profile back to the session's start (events, ratings, My List)."""
    state = start["payload"]
    profile = start["profile_id"]
    with catalog_engine(path) as engine, engine.begin() as conn:
        conn.execute(
            text("DELETE FROM event WHERE profile_id = :p AND event_id >= :e"),
            {"p": profile, "e": start["event_id"]},
        )
        conn.execute(text("DELETE FROM rating WHERE profile_id = :p"), {"p": profile})
        for title_id, value in state.get("ratings", {}).items():
            conn.execute(
                text(
                    "INSERT INTO rating (profile_id, title_id, value, t_ms) VALUES (:p, :t, :v, 0)"
                ),
                {"p": profile, "t": int(title_id), "v": int(value)},
            )
        conn.execute(text("DELETE FROM my_list WHERE profile_id = :p"), {"p": profile})
        for rank, title_id in enumerate(state.get("my_list", [])):
            conn.execute(
                text("INSERT INTO my_list (profile_id, title_id, added_ms) VALUES (:p, :t, :a)"),
                {"p": profile, "t": int(title_id), "a": -rank},  # newest first, as recorded
            )


def _recorded_bandit(
    bandit: ArtworkBandit, recorded: dict[str, Any], what: str, session_id: int
) -> ArtworkBandit:
    """``bandit`` as the session found it: its recorded state when there is one, checked
    against the recorded digest (a bandit that learned since cannot replay the session)."""
    if "state" in recorded:
        arrays = decode_bandit(recorded["state"], bandit.aspects)
        bandit = ArtworkBandit.from_arrays(arrays, bandit.config)
    if bandit_digest(bandit) != recorded["digest"]:
        raise ReplayStateError(
            f"the {what} bandit has learned since session {session_id} was recorded "
            f"(digest {bandit_digest(bandit)}, recorded {recorded['digest']}); "
            "replay needs the model state the session started with"
        )
    return bandit


def _restore(catalog: Catalog, session_id: int, state: dict[str, Any]) -> None:
    """Put the recorded bandit and play counts in place; check the model digests."""
    catalog.bandit = _recorded_bandit(catalog.bandit, state["artwork"], "artwork", session_id)
    if "trailers" in state:  # recorded since the trailer bandit is saved
        picker = catalog.trailers
        picker.bandit = _recorded_bandit(picker.bandit, state["trailers"], "trailer", session_id)
    index = catalog.index
    catalog.trending = dense_counts(state["trending"], index.index_of, index.n)
    catalog.today = dense_counts(state["today"], index.index_of, index.n)
    for name, digest in state["model"].items():
        now = policy_digest(catalog.policy(name))
        if now != digest:
            raise ReplayStateError(
                f"the {name} model has changed since session {session_id} was recorded "
                f"(digest {now}, recorded {digest}; retrained?); replay needs the same model"
            )


def _act(session: Session, event: dict[str, Any]) -> Page | None:
    """Re-issue one recorded action; a page_view returns the rebuilt page."""
    kind, title = event["type"], event.get("title_id")
    payload = event.get("payload") or {}
    tile = {k: event.get(k) for k in ("row_id", "row_pos", "col_pos")}
    actions: dict[str, Callable[[], Any]] = {
        "focus": lambda: session.focus(tile["row_id"], tile["row_pos"], tile["col_pos"], title),
        "dwell": lambda: session.dwell(title, event["value"], **tile),
        "scroll": lambda: session.scroll(payload["direction"], **tile),
        "open_details": lambda: session.open_details(title, **tile),
        "close_details": lambda: session.close_details(title),
        "play_start": lambda: session.play(title, speed=payload.get("speed", 1.0), **tile),
        "pause": session.pause,
        "resume": session.resume,
        "seek": lambda: session.seek(event["value"]),
        "speed": lambda: session.set_speed(event["value"]),
        "play_stop": session.stop,
        "thumbs": lambda: session.thumbs(title, int(event["value"])),
        "my_list": lambda: session.set_my_list(title, event["value"] > 0),
        "search": lambda: session.search(payload.get("query", "")),
        "search_click": lambda: session.search_click(title, event["col_pos"]),
        "abandon": session.abandon,
        "session_end": session.end,
    }
    if kind == "page_view":
        return session.home()
    action = actions.get(kind)
    if action is not None:
        action()
    return None


def session_events(db: str | Path, session_id: int) -> list[dict[str, Any]]:
    """The recorded events of a session; errors if it is missing or not replayable."""
    with catalog_engine(db) as engine:
        try:
            events = load_events(engine, TraceFilter(session=session_id))
        except ResearchUsageError:
            raise ResearchUsageError(f"session {session_id} is not in this catalog") from None
    start = events[0]
    if start["type"] != "session_start" or "seed" not in (start.get("payload") or {}):
        raise ResearchError(
            f"session {session_id} was recorded without its replay state "
            "(by an older netflix-sim); it cannot be replayed"
        )
    return events


def check(db: str | Path, session_id: int) -> ReplayResult:
    """Rebuild session ``session_id`` headless and compare it with the recording."""
    events = session_events(db, session_id)
    start = events[0]
    state = start["payload"]
    with scratch_copy(Path(db).expanduser()) as path:
        _prepare(path, start)
        catalog = open_catalog(
            path,
            artwork=BanditConfig(**state["artwork"]["config"]),
            shared_learning=state["shared_learning"],
        )
        try:
            _restore(catalog, session_id, state)
            return _run(catalog, events)
        finally:
            catalog.close()


def _run(catalog: Catalog, events: list[dict[str, Any]]) -> ReplayResult:
    start = events[0]
    state = start["payload"]
    clock = VirtualClock(start["t_ms"])
    session = catalog.start_session(
        start["profile_id"],
        device=state["device"],
        clock=clock,
        policy=state["policy"],
        seed=state["seed"],
    )
    emitted: list[dict[str, Any]] = [start]  # the replay's own session_start is not compared
    session.add_listener(lambda event: emitted.append(decode(dict(event))))
    pages = 0
    index = catalog.index

    def fail(event: dict[str, Any], detail: str) -> ReplayResult:
        mismatch = Mismatch(event["seq"], event["type"], detail)
        return ReplayResult(start["session_id"], len(events), pages, mismatch)

    for position, event in enumerate(events[1:], start=1):
        if event["seq"] != position:
            detail = f"the recording skips from seq {position - 1} to {event['seq']}"
            return fail(event, detail)
        if len(emitted) <= position:  # not already recorded by an earlier action
            if event["t_ms"] > clock.now_ms():
                clock.advance((event["t_ms"] - clock.now_ms()) / 1000)
            try:
                page = _act(session, event)
            except Exception as exc:  # the recorded action is impossible in the replay
                detail = f"replaying it failed: {exc}"
                return fail(event, detail)
            if page is not None:
                pages += 1
                found = compare_page(event["seq"], event, page, index.names, index.index_of)
                if found is not None:
                    return ReplayResult(start["session_id"], len(events), pages, found)
        if len(emitted) <= position:
            detail = "the replay recorded nothing here"
            return fail(event, detail)
        found = compare_event(event, emitted[position])
        if found is not None:
            return ReplayResult(start["session_id"], len(events), pages, found)
    if len(emitted) > len(events):
        extra = emitted[len(events)]
        detail = f"the replay recorded an extra {extra['type']} event"
        return fail({"seq": len(events), "type": extra["type"]}, detail)
    return ReplayResult(start["session_id"], len(events), pages, None)


__all__ = [
    "Mismatch",
    "ReplayResult",
    "ReplayStateError",
    "check",
    "compare_page",
    "session_events",
]
