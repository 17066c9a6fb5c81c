"""Creating and opening catalog files: SQLite in WAL mode, schema checks, clear errors."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import SQLModel, create_engine

from . import migrations, models
from .errors import CatalogError

BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another writer's lock before giving up."""


WAL_CHECKPOINT_PAGES = 1000
"""SQLite's own default: the write-ahead log is copied into the file every 1,000 pages."""


def _pragmas(checkpoint_pages: int) -> Callable[[sqlite3.Connection, object], None]:
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA wal_autocheckpoint={int(checkpoint_pages)}")
        cursor.close()

    return on_connect


@contextlib.contextmanager
def dbapi_connection(engine: Engine) -> Iterator[Any]:
    """The pool's plain DB-API (sqlite3) connection, given back to the pool after.

    For the reads and writes on a hot path, where SQLAlchemy's statement and result
    layers cost more than the SQL itself; rows come back as plain tuples.
    """
    conn = engine.raw_connection()
    try:
        yield conn
    finally:
        conn.close()


@contextlib.contextmanager
def dbapi_transaction(engine: Engine) -> Iterator[Any]:
    """:func:`dbapi_connection` in one transaction: committed at the end, rolled back on
    an error; a database error is raised as SQLAlchemy raises it everywhere else."""
    with dbapi_connection(engine) as conn:
        try:
            yield conn
            conn.commit()
        except BaseException as exc:
            conn.rollback()
            if isinstance(exc, sqlite3.Error):
                raise DBAPIError.instance(None, None, exc, sqlite3.Error) from exc
            raise


def make_engine(path: Path, *, checkpoint_pages: int = WAL_CHECKPOINT_PAGES) -> Engine:
    """A SQLAlchemy engine on ``path`` with WAL, a busy timeout and cross-thread use; the
    log is checkpointed every ``checkpoint_pages`` pages."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _pragmas(checkpoint_pages))
    return engine


def create_catalog_file(path: str | Path, *, force: bool = False) -> Engine:
    """Create an empty catalog at ``path`` (all tables, schema version) and return its engine.

    Raises :class:`CatalogError` when the folder is missing, or when a file is already
    there and ``force`` is false. With ``force`` an existing file is replaced.
    """
    path = Path(path)
    if not path.parent.exists():
        raise CatalogError(f"cannot create catalog {path}: folder {path.parent} does not exist")
    if path.exists():
        if not force:
            raise CatalogError(f"catalog {path} already exists; use --force to replace it")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = make_engine(path)
    try:
        SQLModel.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"),
                {"v": str(models.SCHEMA_VERSION)},
            )
    except OperationalError as exc:
        raise CatalogError(f"cannot create catalog {path}: {exc.orig}") from exc
    return engine


def open_catalog_engine(
    path: str | Path, *, checkpoint_pages: int = WAL_CHECKPOINT_PAGES
) -> Engine:
    """Open an existing catalog, checking it is a netflix-sim SQLite file of our schema.

    A catalog of an earlier schema version is upgraded in place first
    (:mod:`.migrations`); a newer or unknown version is refused with a
    :class:`CatalogError`. ``checkpoint_pages``: see :func:`make_engine`.
    """
    path = Path(path)
    if not path.exists():
        raise CatalogError(f"catalog {path} does not exist (create one with: netflix-sim seed)")
    if path.is_dir():
        raise CatalogError(f"catalog {path} is a folder, not a file")
    # Never open the file with Python's own open(): closing that descriptor would drop every
    # POSIX lock this process holds on the catalog through SQLite (a process that opens a
    # catalog twice would then write unprotected and corrupt it). SQLite reads the header.
    if not os.access(path, os.R_OK):
        raise CatalogError(f"cannot read catalog {path}: permission denied")
    if path.stat().st_size == 0:
        raise CatalogError(f"{path} is empty, not a netflix-sim catalog")
    version = read_schema_version(path)
    migrations.check_version(path, version)
    if version < models.SCHEMA_VERSION:
        migrations.upgrade(path)
    return make_engine(path, checkpoint_pages=checkpoint_pages)


def read_schema_version(path: Path) -> int:
    """The ``schema_version`` of the catalog at ``path``, read without writing to it.

    The file is opened read-only, so a file that turns out not to be a catalog (another
    program's SQLite database) is left exactly as it was, journal mode included.
    """
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        ) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:  # no meta table, a corrupt or unreadable file
        reason = str(exc)
        if reason == "file is not a database":
            reason = "not an SQLite file"
        elif reason == "unable to open database file":
            raise CatalogError(f"cannot read catalog {path}") from None
        raise CatalogError(f"{path} is not a netflix-sim catalog ({reason})") from None
    if row is None:
        raise CatalogError(f"{path} is not a netflix-sim catalog (no schema version)")
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise CatalogError(f"catalog {path} has an unknown schema version {row[0]!r}") from None


def copy_catalog(src: Path, dst: Path) -> None:
    """Copy the catalog at ``src`` to ``dst`` consistently (SQLite's backup: WAL included,
    safe while others write) with the ``<stem>.*.npz`` models saved beside it."""
    with (
        contextlib.closing(sqlite3.connect(src)) as source,
        contextlib.closing(sqlite3.connect(dst)) as target,
    ):
        source.backup(target)
    for side in sorted(src.parent.glob(f"{src.stem}.*.npz")):
        shutil.copyfile(side, dst.with_name(dst.stem + side.name[len(src.stem) :]))
