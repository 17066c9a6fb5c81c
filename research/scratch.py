"""A private copy of a catalog (WAL included, with its saved models) in a temporary folder."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path


def copy_catalog(src: Path, dst: Path) -> None:
    """Copy the catalog at ``src`` consistently, and the ``<stem>.*.npz`` files beside it."""
    with (
        contextlib.closing(sqlite3.connect(src)) as source,
        contextlib.closing(sqlite3.connect(dst)) as target,
    ):
        source.backup(target)
    for side in sorted(src.parent.glob(f"{src.stem}.*.npz")):
        shutil.copyfile(side, dst.with_name(dst.stem + side.name[len(src.stem) :]))


@contextlib.contextmanager
def scratch_copy(src: str | Path) -> Iterator[Path]:
    """Yield the path of a throw-away copy of the catalog ``src``."""
    with tempfile.TemporaryDirectory(prefix="netflix-sim-replay-") as tmp:
        path = Path(tmp) / "replay.db"
        copy_catalog(Path(src), path)
        yield path


__all__ = ["copy_catalog", "scratch_copy"]
