"""Schema migrations: a catalog made by an earlier netflix-sim is upgraded in place.

A small in-house registry rather than Alembic: a catalog is one SQLite file whose version
lives in its ``meta`` table (``schema_version``), the package maps folders to
``netflix_sim.*`` through setuptools' ``package-dir`` (Alembic's script directory and
``env.py`` would have to be shipped as package data and located at run time), and every
step we need is a few statements plus a backfill. So each step is one plain function.

Every step runs in its own ``BEGIN IMMEDIATE`` transaction, which also rewrites
``schema_version``: SQLite's DDL is transactional, so a step either happens entirely or
not at all (a crash, a full disk or an error mid-step rolls back), with no backup copy.
A catalog left between two steps is at the version of the last step that committed and
the next open resumes from there. The version is read again inside the write lock, so two
processes opening the same old catalog at once upgrade it once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from . import models
from .errors import CatalogError

Step = Callable[[Connection], None]
"""A migration step: runs inside the step's transaction on the catalog's connection."""


@dataclass(frozen=True)
class Migration:
    """One step of the schema, from ``from_version`` to ``to_version`` (one more)."""

    from_version: int
    to_version: int
    description: str
    apply: Step


MIGRATIONS: list[Migration] = []
"""Every known step, in order of ``from_version``."""


def migration(from_version: int, description: str) -> Callable[[Step], Step]:
    """Register the decorated function as the step ``from_version -> from_version + 1``."""

    def register(step: Step) -> Step:
        if any(m.from_version == from_version for m in MIGRATIONS):
            raise ValueError(f"a migration from version {from_version} is already registered")
        MIGRATIONS.append(Migration(from_version, from_version + 1, description, step))
        MIGRATIONS.sort(key=lambda m: m.from_version)
        return step

    return register


def plan(
    current: int, target: int, migrations: Iterable[Migration] = MIGRATIONS
) -> list[Migration]:
    """The steps that take a catalog from ``current`` to ``target``, in order.

    Raises :class:`CatalogError` when a step of the chain is missing.
    """
    by_from = {m.from_version: m for m in migrations}
    steps = []
    version = current
    while version < target:
        step = by_from.get(version)
        if step is None:
            raise CatalogError(
                f"cannot upgrade a catalog of schema version {current} to {target}: "
                f"no migration from version {version}; seed a new catalog"
            )
        steps.append(step)
        version = step.to_version
    return steps


def read_version(conn: Connection) -> int | None:
    """The catalog's ``schema_version``; ``None`` when it has none or no ``meta`` table."""
    row = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    if row is None:
        return None
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise CatalogError(f"unknown schema version {row[0]!r}") from None


def _migration_engine(path: Path, busy_timeout_s: float) -> Engine:
    """An engine whose transactions are explicit ``BEGIN IMMEDIATE`` ones (DDL included).

    Python's sqlite3 module does not open a transaction before DDL on its own; this engine
    hands transaction control to SQLAlchemy's ``begin`` event, as SQLAlchemy's SQLite
    documentation shows ("Serializable isolation / Savepoints / Transactional DDL").
    """
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": busy_timeout_s},
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upgrade(
    path: str | Path,
    *,
    target: int | None = None,
    migrations: Sequence[Migration] | None = None,
    busy_timeout_s: float = 10.0,
) -> list[Migration]:
    """Upgrade the catalog at ``path`` in place to ``target``; the steps applied.

    ``target`` defaults to :data:`models.SCHEMA_VERSION` and ``migrations`` to the
    registry (tests pass their own). Raises :class:`CatalogError` for a catalog newer
    than ``target``, of an unknown version, missing a step, or that cannot be written.
    """
    path = Path(path)
    target = models.SCHEMA_VERSION if target is None else target
    registry = MIGRATIONS if migrations is None else migrations
    engine = _migration_engine(path, busy_timeout_s)
    applied: list[Migration] = []
    try:
        with engine.connect() as conn:
            current = read_version(conn)
            conn.rollback()
            if current is None:
                raise CatalogError(f"{path} is not a netflix-sim catalog (no schema version)")
            check_version(path, current, target)
            for step in plan(current, target, registry):
                with conn.begin():
                    if read_version(conn) != step.from_version:
                        continue  # another process took this step while we waited
                    step.apply(conn)
                    conn.execute(
                        text("UPDATE meta SET value = :v WHERE key = 'schema_version'"),
                        {"v": str(step.to_version)},
                    )
                applied.append(step)
    except DBAPIError as exc:
        reason = str(exc.orig).rstrip(".")
        raise CatalogError(
            f"cannot upgrade catalog {path} to schema version {target}: {reason}"
        ) from exc
    finally:
        engine.dispose()
    return applied


def check_version(path: Path, version: int, target: int = models.SCHEMA_VERSION) -> None:
    """Refuse a catalog newer than ``target`` or of a version no netflix-sim made."""
    if version > target:
        raise CatalogError(
            f"catalog {path} has schema version {version}, newer than this netflix-sim "
            f"understands ({target}); upgrade netflix-sim"
        )
    if version < 1:
        raise CatalogError(f"catalog {path} has an unknown schema version {version}")


# -- the steps ------------------------------------------------------------------------------
# Each step spells out its DDL as it was at its version (not the current models), so that a
# later change to a table cannot change what an old step creates; the text is byte for byte
# what SQLModel's create_all wrote at that version, so an upgraded catalog's schema is the
# same as a new one's (tests/reliability/test_migrations.py compares them).


@migration(1, "trailer variants (table trailer, backfilled); event index on (profile_id, type)")
def _v1_to_v2(conn: Connection) -> None:
    from .trailers import backfill_trailers

    conn.exec_driver_sql(
        "CREATE TABLE trailer (\n\tid INTEGER NOT NULL, \n\ttitle_id INTEGER NOT NULL, "
        "\n\tvariant INTEGER NOT NULL, \n\taspect VARCHAR NOT NULL, \n\tlabel VARCHAR NOT NULL, "
        "\n\tduration_s INTEGER NOT NULL, \n\tPRIMARY KEY (id), "
        "\n\tFOREIGN KEY(title_id) REFERENCES title (id)\n)"
    )
    conn.exec_driver_sql("CREATE INDEX ix_trailer_title_id ON trailer (title_id)")
    backfill_trailers(conn)
    # added to version 1 late (commit a2d8519): catalogs seeded before it lack the index
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_event_profile_type ON event (profile_id, type)"
    )


@migration(2, "event indexes: the type-only and profile-only ones dropped, plays indexed by time")
def _v2_to_v3(conn: Connection) -> None:
    # (profile_id, type) serves every profile lookup; a partial index serves the play counts
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_event_profile_id")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_event_type")
    conn.exec_driver_sql("CREATE INDEX ix_event_play_stop ON event (t_ms) WHERE type = 'play_stop'")
