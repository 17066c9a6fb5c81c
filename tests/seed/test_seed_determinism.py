"""Same arguments, same rows; another seed, another catalog; no wall clock anywhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from netflix_sim.seed import EPOCH_MS, seed_catalog


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, ordered by all their columns."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        out = {}
        for table in tables:
            width = len(conn.execute(f'PRAGMA table_info("{table}")').fetchall())
            order = ", ".join(str(i) for i in range(1, width + 1))
            out[table] = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
        return out
    finally:
        conn.close()


def test_same_arguments_give_identical_tables(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    seed_catalog(a, titles=300, profiles=3, seed=11)
    seed_catalog(b, titles=300, profiles=3, seed=11)
    dump_a, dump_b = dump(a), dump(b)
    assert set(dump_a) >= {"title", "artwork", "event", "ground_truth", "meta", "session"}
    for table in dump_a:
        assert dump_a[table] == dump_b[table], table


def test_another_seed_gives_another_catalog(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    seed_catalog(a, titles=300, profiles=3, seed=1)
    seed_catalog(b, titles=300, profiles=3, seed=2)
    dump_a, dump_b = dump(a), dump(b)
    for table in ("title", "artwork", "person", "event", "ground_truth", "profile"):
        assert dump_a[table] != dump_b[table], table
    assert dump_a["genre"] == dump_b["genre"]
    assert dump_a["tag"] == dump_b["tag"]


def test_times_come_from_the_catalog_epoch_not_the_wall_clock(small_db: sqlite3.Connection) -> None:
    lo, hi, bad_wall = small_db.execute(
        "SELECT MIN(t_ms), MAX(t_ms), SUM(ABS(wall_time * 1000 - t_ms) > 1) FROM event"
    ).fetchone()
    assert EPOCH_MS - 61 * 86_400_000 <= lo < hi < EPOCH_MS
    assert bad_wall == 0
    start, end = small_db.execute("SELECT MIN(started_ms), MAX(ended_ms) FROM session").fetchone()
    assert start >= EPOCH_MS - 62 * 86_400_000 and end < EPOCH_MS
    assert small_db.execute("SELECT MAX(t_ms) FROM rating").fetchone()[0] < EPOCH_MS
