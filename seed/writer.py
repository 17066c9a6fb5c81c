"""Bulk writes: SQLAlchemy Core ``executemany`` in chunks, never one ORM object at a time."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection, Table

CHUNK_ROWS = 20_000
"""Rows per ``executemany`` call."""

Column = Sequence[Any] | np.ndarray


def _plain(values: Column) -> list[Any]:
    """A column slice as plain Python values (sqlite3 does not take numpy scalars)."""
    return values.tolist() if isinstance(values, np.ndarray) else list(values)


def write_columns(
    conn: Connection,
    table: Table,
    columns: Mapping[str, Column],
    tick: Callable[[int], None] | None = None,
) -> int:
    """Insert parallel ``columns`` (all the same length) into ``table``; returns the row count.

    ``tick(rows_written_so_far)`` is called after every chunk.
    """
    keys = list(columns)
    total = len(columns[keys[0]]) if keys else 0
    for lo in range(0, total, CHUNK_ROWS):
        hi = min(total, lo + CHUNK_ROWS)
        cols = [_plain(columns[k][lo:hi]) for k in keys]
        rows = [dict(zip(keys, row, strict=True)) for row in zip(*cols, strict=True)]
        conn.execute(table.insert(), rows)
        if tick is not None:
            tick(hi)
    return total


def write_rows(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    tick: Callable[[int], None] | None = None,
) -> int:
    """Insert ready-made row dicts into ``table`` in chunks; returns the row count."""
    for lo in range(0, len(rows), CHUNK_ROWS):
        hi = min(len(rows), lo + CHUNK_ROWS)
        conn.execute(table.insert(), list(rows[lo:hi]))
        if tick is not None:
            tick(hi)
    return len(rows)
