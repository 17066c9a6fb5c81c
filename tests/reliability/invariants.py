"""Invariants the fuzz tests check after every step."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import numpy as np

from netflix_sim.engine import Session
from netflix_sim.engine.types import Page


def assert_page_well_formed(page: Page) -> None:
    """Rows with distinct ids, each with tiles of distinct titles and sane numbers."""
    assert page.rows, "an empty page"
    ids = [row.id for row in page.rows]
    assert len(ids) == len(set(ids)), f"repeated rows: {ids}"
    for row in page.rows:
        assert row.name and row.tiles, f"row {row.id} is empty"
        titles = [t.title_id for t in row.tiles]
        assert len(titles) == len(set(titles)), f"row {row.id} repeats a title"
        for tile in row.tiles:
            assert 0 <= tile.match <= 100, tile
            assert math.isfinite(tile.score), tile
            assert 0 < tile.propensity <= 1, tile


def assert_model_finite(session: Session) -> None:
    """The profile's state and every score are finite numbers."""
    assert np.all(np.isfinite(session.user_vector))
    assert np.all(np.isfinite(session.scores()))


def assert_all_recorded(path: Path, session: Session) -> None:
    """After a flush: the file holds the session's events, seq 0.. with no gap."""
    con = sqlite3.connect(path)
    try:
        seqs = [
            s for (s,) in con.execute("SELECT seq FROM event WHERE session_id = ?", (session.id,))
        ]
    finally:
        con.close()
    assert sorted(seqs) == list(range(session.recorded)), "an event is missing or repeated"
