"""Stand-in migration registries for the migration tests (importable by child processes)."""

from __future__ import annotations

import sys
import time

from sqlalchemy import Connection, text

from netflix_sim.engine.migrations import Migration


def add_notes(conn: Connection) -> None:
    """1 -> 2: a new table with a backfilled row per title."""
    conn.execute(text("CREATE TABLE note (title_id INTEGER PRIMARY KEY, body TEXT NOT NULL)"))
    conn.execute(text("INSERT INTO note (title_id, body) SELECT id, 'about ' || name FROM title"))


def add_tags_then_fail(conn: Connection) -> None:
    """2 -> 3, broken: creates a table, fills it, then fails before the end."""
    conn.execute(text("CREATE TABLE tag_note (tag_id INTEGER PRIMARY KEY)"))
    conn.execute(text("INSERT INTO tag_note (tag_id) SELECT id FROM tag"))
    raise RuntimeError("backfill failed half-way")


def add_tags(conn: Connection) -> None:
    """2 -> 3: the fixed step."""
    conn.execute(text("CREATE TABLE tag_note (tag_id INTEGER PRIMARY KEY)"))
    conn.execute(text("INSERT INTO tag_note (tag_id) SELECT id FROM tag"))


def count_runs(conn: Connection) -> None:
    """1 -> 2: counts how many times it ran (it must run once however many processes race)."""
    conn.execute(text("CREATE TABLE IF NOT EXISTS runs (n INTEGER)"))
    conn.execute(text("INSERT INTO runs (n) VALUES (1)"))
    time.sleep(0.3)  # hold the write lock while the other process waits for it


def hang_mid_step(conn: Connection) -> None:
    """1 -> 2: writes a lot, announces it, then waits to be killed inside the transaction."""
    conn.execute(text("CREATE TABLE big (i INTEGER PRIMARY KEY, pad TEXT)"))
    conn.execute(
        text(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) "
            "INSERT INTO big SELECT i, hex(randomblob(64)) FROM n"
        )
    )
    conn.execute(text("UPDATE title SET name = 'CHANGED'"))
    print("mid-step", flush=True)
    sys.stdin.readline()  # never returns before the kill


GOOD = [
    Migration(1, 2, "notes", add_notes),
    Migration(2, 3, "tag notes", add_tags),
]
BROKEN = [
    Migration(1, 2, "notes", add_notes),
    Migration(2, 3, "tag notes (broken)", add_tags_then_fail),
]
RACE = [Migration(1, 2, "count runs", count_runs)]
HANG = [Migration(1, 2, "hang", hang_mid_step)]
