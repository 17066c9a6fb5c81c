"""Creating and opening catalog files: SQLite in WAL mode, schema checks, clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import SQLModel, create_engine

from . import models
from .errors import CatalogError

BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another writer's lock before giving up."""

_SQLITE_MAGIC = b"SQLite format 3\x00"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """A SQLAlchemy engine on ``path`` with WAL, a busy timeout and cross-thread use."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
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


def open_catalog_engine(path: str | Path) -> Engine:
    """Open an existing catalog, checking it is a netflix-sim SQLite file of our schema."""
    path = Path(path)
    if not path.exists():
        raise CatalogError(f"catalog {path} does not exist (create one with: netflix-sim seed)")
    if path.is_dir():
        raise CatalogError(f"catalog {path} is a folder, not a file")
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise CatalogError(f"cannot read catalog {path}: {exc.strerror}") from exc
    if head != _SQLITE_MAGIC:
        raise CatalogError(f"{path} is not a netflix-sim catalog (not an SQLite file)")
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise CatalogError(f"{path} is not a netflix-sim catalog ({exc.orig})") from exc
    if row is None:
        engine.dispose()
        raise CatalogError(f"{path} is not a netflix-sim catalog (no schema version)")
    version = int(row[0])
    if version > models.SCHEMA_VERSION:
        engine.dispose()
        raise CatalogError(
            f"catalog {path} has schema version {version}, newer than this netflix-sim "
            f"understands ({models.SCHEMA_VERSION}); upgrade netflix-sim"
        )
    return engine
