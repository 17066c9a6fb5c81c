"""Workloads run in child processes by the crash and concurrency tests.

``python -m tests.reliability.workloads browse DB SESSIONS`` opens the catalog, starts
``SESSIONS`` sessions on a real clock and browses forever (until killed), printing
``session seq monotonic`` for every event right after the event store accepted it; the
parent compares what was announced with what reached the file.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import Any

import numpy as np

from netflix_sim.engine import RealClock, Session, open_catalog


def announce_events(catalog: Any) -> None:
    """Print every event the catalog's store accepts, with the monotonic time it did."""
    store = catalog.store
    extend = store.extend  # every event goes through it (append too)

    def announcing(events: Iterable[dict[str, Any]]) -> None:
        events = list(events)
        extend(events)
        at = time.monotonic()
        sys.stdout.writelines(f"{e['session_id']} {e['seq']} {at:.6f}\n" for e in events)
        sys.stdout.flush()

    store.extend = announcing


def browse_step(session: Session, rng: np.random.Generator) -> None:
    """One viewer action on the session's home page (built once: no synchronous flushes)."""
    page = session.last_page
    if page is None:  # then only the background flusher writes: the 250 ms bound is its own
        page = session.home()
    row_pos = int(rng.integers(len(page.rows)))
    row = page.rows[row_pos]
    col_pos = int(rng.integers(len(row.tiles)))
    tile = row.tiles[col_pos]
    action = rng.random()
    if action < 0.5:
        session.focus(row.id, row_pos, col_pos, tile.title_id)
    elif action < 0.7:
        session.dwell(
            tile.title_id,
            float(rng.uniform(0.5, 5)),
            row_id=row.id,
            row_pos=row_pos,
            col_pos=col_pos,
        )
    elif action < 0.85:
        direction = ("left", "right", "down", "up")[int(rng.integers(4))]
        session.scroll(direction, row_id=row.id, row_pos=row_pos, col_pos=col_pos)
    elif action < 0.95:
        session.open_details(tile.title_id, row_id=row.id, row_pos=row_pos, col_pos=col_pos)
        session.close_details(tile.title_id)
    else:
        session.thumbs(tile.title_id, int(rng.choice([-1, 1, 2])))


def browse(db: str, sessions: int) -> None:
    """Browse with ``sessions`` sessions, round robin, a few ms apart, until killed."""
    catalog = open_catalog(db)
    announce_events(catalog)
    profiles = catalog.profiles()
    live = [
        catalog.start_session(profiles[i % len(profiles)], clock=RealClock(), seed=i)
        for i in range(sessions)
    ]
    rng = np.random.default_rng(0)
    print("ready", flush=True)
    while True:
        for session in live:
            browse_step(session, rng)
            time.sleep(float(rng.uniform(0, 0.004)))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "browse":
        browse(args[0], int(args[1]))
    else:
        raise SystemExit(f"unknown workload {command!r}")
