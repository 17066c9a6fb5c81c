"""``netflix-sim traces export``: every format behind one function."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import (
    export_csv,
    export_jsonl,
    export_mind,
    export_obp,
    export_parquet,
    export_recbole,
)
from .errors import ResearchUsageError
from .traces import TraceFilter, artwork_variants, catalog_engine, load_events

FORMATS = ("jsonl", "csv", "parquet", "obp", "recbole", "mind")
"""Export formats; recbole and mind write a folder, the others one file."""


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    format: str
    out: Path
    events: int
    """Events read from the catalog (after the filter)."""
    bytes: int
    """Size of the file, or of the folder's files."""


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return path.stat().st_size


def export(
    db: str | Path, fmt: str, out: str | Path, where: TraceFilter | None = None
) -> ExportSummary:
    """Export the catalog's events matching ``where`` to ``out`` in format ``fmt``."""
    where = where or TraceFilter()
    if fmt not in FORMATS:
        raise ResearchUsageError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    out = Path(out).expanduser()
    with catalog_engine(db) as engine:
        events = load_events(engine, where)
        if fmt == "jsonl":
            export_jsonl.write(events, out)
        elif fmt == "csv":
            export_csv.write(events, out)
        elif fmt == "parquet":
            export_parquet.write(events, out)
        elif fmt == "obp":
            export_obp.write(events, out, artwork_variants(engine))
        elif fmt == "recbole":
            export_recbole.write(events, out, engine)
        else:
            export_mind.write(events, out, engine)
    return ExportSummary(fmt, out, len(events), _size(out))


__all__ = ["FORMATS", "ExportSummary", "export"]
