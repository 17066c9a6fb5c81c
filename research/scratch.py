"""A private copy of a catalog (WAL included, with its saved models) in a temporary folder."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from netflix_sim.engine.database import copy_catalog


@contextlib.contextmanager
def scratch_copy(src: str | Path) -> Iterator[Path]:
    """Yield the path of a throw-away copy of the catalog ``src``."""
    with tempfile.TemporaryDirectory(prefix="netflix-sim-replay-") as tmp:
        path = Path(tmp) / "replay.db"
        copy_catalog(Path(src), path)
        yield path


__all__ = ["scratch_copy"]
