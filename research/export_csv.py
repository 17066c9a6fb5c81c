"""CSV export: a header, then one event per row; ``context`` and ``payload`` as JSON text.

Columns: ``schema_version`` then the schema's columns; an empty cell is a null.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .atomic import atomic_file
from .schema import COLUMNS, JSON_COLUMNS, SCHEMA_VERSION

HEADER = ("schema_version", *COLUMNS)
"""The CSV header."""


def _cell(key: str, value: Any) -> Any:
    if value is None:
        return ""
    if key in JSON_COLUMNS:
        return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    if isinstance(value, float):
        return repr(value)  # shortest text that reads back as the same float
    return value


def write(events: Sequence[dict[str, Any]], out: Path) -> Path:
    """Write ``events`` to ``out`` as CSV, atomically."""
    with atomic_file(out) as temp, temp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for event in events:
            writer.writerow([SCHEMA_VERSION, *(_cell(k, event.get(k)) for k in COLUMNS)])
    return out


__all__ = ["HEADER", "write"]
