"""JSONL export: one event per line, the schema's columns plus ``schema_version``.

``context`` and ``payload`` are JSON objects (not strings). The same format as
``netflix-sim script --trace-out``, and what ``netflix-sim traces import`` reads.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .atomic import atomic_file
from .traces import record


def dumps(event: dict[str, Any]) -> str:
    """One event as a JSONL line (no newline)."""
    return json.dumps(record(event), separators=(",", ":"), ensure_ascii=False)


def write(events: Sequence[dict[str, Any]], out: Path) -> Path:
    """Write ``events`` to ``out`` as JSONL, atomically."""
    with atomic_file(out) as temp, temp.open("w", encoding="utf-8") as fh:
        for event in events:
            fh.write(dumps(event) + "\n")
    return out


__all__ = ["dumps", "write"]
