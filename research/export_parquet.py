"""Parquet export: one event per row with typed columns, readable as is by pandas and polars.

``context`` is a struct ``{hour: int8, device: string}``; ``payload`` JSON text. The file's
key-value metadata names ``netflix_sim.schema_version``; a ``schema_version`` column too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .atomic import atomic_file
from .schema import SCHEMA_VERSION

ARROW_SCHEMA = pa.schema(
    [
        pa.field("schema_version", pa.int16(), nullable=False),
        pa.field("event_id", pa.int64(), nullable=False),
        pa.field("session_id", pa.int64(), nullable=False),
        pa.field("profile_id", pa.int64(), nullable=False),
        pa.field("seq", pa.int64(), nullable=False),
        pa.field("t_ms", pa.int64(), nullable=False),
        pa.field("wall_time", pa.float64(), nullable=False),
        pa.field("type", pa.string(), nullable=False),
        pa.field("page_id", pa.string()),
        pa.field("row_id", pa.string()),
        pa.field("row_pos", pa.int64()),
        pa.field("col_pos", pa.int64()),
        pa.field("title_id", pa.int64()),
        pa.field("artwork_id", pa.int64()),
        pa.field("value", pa.float64()),
        pa.field("policy", pa.string()),
        pa.field("propensity", pa.float64()),
        pa.field("context", pa.struct([("hour", pa.int8()), ("device", pa.string())])),
        pa.field("payload", pa.string()),
    ],
    metadata={
        "netflix_sim.schema_version": str(SCHEMA_VERSION),
        "netflix_sim.format": "trace events, one row per event",
    },
)
"""The Arrow schema of the export."""


def table(events: Sequence[dict[str, Any]]) -> pa.Table:
    """``events`` as an Arrow table of :data:`ARROW_SCHEMA`."""
    columns: dict[str, list[Any]] = {name: [] for name in ARROW_SCHEMA.names}
    for event in events:
        for name in ARROW_SCHEMA.names:
            value = event.get(name)
            if name == "schema_version":
                value = SCHEMA_VERSION
            elif name == "payload" and value is not None:
                value = json.dumps(value, separators=(",", ":"), sort_keys=True)
            columns[name].append(value)
    return pa.table(columns, schema=ARROW_SCHEMA)


def write(events: Sequence[dict[str, Any]], out: Path) -> Path:
    """Write ``events`` to ``out`` as Parquet (zstd), atomically."""
    with atomic_file(out) as temp:
        pq.write_table(table(events), temp, compression="zstd")
    return out


__all__ = ["ARROW_SCHEMA", "table", "write"]
