"""A process that opens one catalog twice keeps its SQLite locks (no silent corruption).

POSIX advisory locks belong to a process and a file: closing *any* descriptor of the file
drops them all. The catalog used to be sniffed with Python's ``open()`` before SQLite
opened it, so a process opening a catalog it already had open (a simulation worker reading
the ground truth, the trace exporter) lost its locks; another process closing its last
connection then thought it was alone, checkpointed and deleted the WAL under the first
one's feet, and the file was corrupt ("database disk image is malformed").
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from netflix_sim.engine import VirtualClock, open_catalog
from netflix_sim.engine.database import open_catalog_engine

from .conftest import integrity

CLOSE_A_CONNECTION = (
    "import sqlite3, sys\n"
    "con = sqlite3.connect(sys.argv[1])\n"
    "con.execute('SELECT count(*) FROM title').fetchall()\n"
    "con.close()\n"
)


def test_opening_a_catalog_again_keeps_the_locks_of_the_open_one(catalog_path: Path) -> None:
    wal = Path(f"{catalog_path}-wal")
    with open_catalog(catalog_path) as catalog:
        session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock(), seed=0)
        session.home()  # written: the WAL holds frames this process relies on
        open_catalog_engine(catalog_path).dispose()  # the same catalog, opened again
        subprocess.run([sys.executable, "-c", CLOSE_A_CONNECTION, str(catalog_path)], check=True)
        assert wal.exists(), "another process took the WAL away: this one had lost its locks"
        session.home()
        session.end()
    assert integrity(catalog_path) == "ok"
