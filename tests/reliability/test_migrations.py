"""Schema migrations: an old catalog is upgraded in place, all or nothing, or refused clearly."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from netflix_sim.engine import CatalogError, VirtualClock, models, open_catalog
from netflix_sim.engine.database import create_catalog_file
from netflix_sim.engine.migrations import MIGRATIONS, plan, upgrade
from netflix_sim.engine.trailers import plan_trailers

from . import migration_steps
from .conftest import ROOT, assert_one_line_error, cli, integrity, query


def columns(path: Path) -> dict[str, set[str]]:
    """Table name -> column names, as stored in the file."""
    tables = [r[0] for r in query(path, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: {r[1] for r in query(path, f'PRAGMA table_info("{t}")')} for t in tables}


def version(path: Path) -> str:
    return query(path, "SELECT value FROM meta WHERE key = 'schema_version'")[0][0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_registry_reaches_the_current_schema_version() -> None:
    steps = plan(1, models.SCHEMA_VERSION)
    assert [s.from_version for s in steps] == list(range(1, models.SCHEMA_VERSION))
    assert all(s.to_version == s.from_version + 1 for s in MIGRATIONS)


def test_a_version_1_catalog_is_upgraded_in_place_and_keeps_its_data(v1_catalog: Path) -> None:
    titles = query(v1_catalog, "SELECT * FROM title ORDER BY id")
    events = query(v1_catalog, "SELECT * FROM event ORDER BY event_id")
    ratings = query(v1_catalog, "SELECT * FROM rating")
    assert version(v1_catalog) == "1" and events and ratings

    with open_catalog(v1_catalog) as catalog:
        session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock(), seed=0)
        page = session.home()
        session.end()
    assert page.rows and page.rows[0].tiles

    assert version(v1_catalog) == str(models.SCHEMA_VERSION)
    stored = columns(v1_catalog)
    for name, table in SQLModel.metadata.tables.items():
        assert name in stored, f"table {name} missing after the upgrade"
        assert {c.name for c in table.columns} <= stored[name], name
    assert query(v1_catalog, "SELECT * FROM title ORDER BY id") == titles
    assert query(v1_catalog, f"SELECT * FROM event ORDER BY event_id LIMIT {len(events)}") == events
    assert query(v1_catalog, "SELECT * FROM rating") == ratings
    assert integrity(v1_catalog) == "ok"


def schema(path: Path) -> set[tuple[str, str, str]]:
    """(type, name, sql) of every table and index of the file."""
    return set(
        query(path, "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    )


def test_an_upgraded_catalog_has_the_schema_of_a_new_one(v1_catalog: Path, tmp_path: Path) -> None:
    upgrade(v1_catalog)
    create_catalog_file(tmp_path / "new.db").dispose()
    seeded_only = {row for row in schema(v1_catalog) if row[1] == "ground_truth"}  # the seed's
    assert schema(v1_catalog) - seeded_only == schema(tmp_path / "new.db")


def test_v2_backfills_the_trailers_of_every_title(v1_catalog: Path) -> None:
    upgrade(v1_catalog, target=2)
    aspects: dict[int, list[str]] = {}
    for title_id, aspect in query(
        v1_catalog, "SELECT title_id, aspect FROM artwork ORDER BY title_id, variant"
    ):
        aspects.setdefault(title_id, []).append(aspect)
    stored: dict[int, list[tuple]] = {}
    for row in query(
        v1_catalog, "SELECT title_id, variant, aspect, label, duration_s FROM trailer ORDER BY id"
    ):
        stored.setdefault(row[0], []).append(row[1:])
    titles = [r[0] for r in query(v1_catalog, "SELECT id FROM title")]
    assert sorted(stored) == sorted(titles)
    for title_id in titles:
        assert 2 <= len(stored[title_id]) <= 4
        assert stored[title_id] == [tuple(p) for p in plan_trailers(title_id, aspects[title_id])]


def test_the_cli_opens_an_old_catalog(v1_catalog: Path) -> None:
    result = cli("profiles", "--db", str(v1_catalog))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert version(v1_catalog) == str(models.SCHEMA_VERSION)


def test_steps_run_in_order_and_backfill(v1_catalog: Path) -> None:
    applied = upgrade(v1_catalog, target=3, migrations=migration_steps.GOOD)
    assert [(s.from_version, s.to_version) for s in applied] == [(1, 2), (2, 3)]
    assert version(v1_catalog) == "3"
    assert query(v1_catalog, "SELECT count(*) FROM note") == query(
        v1_catalog, "SELECT count(*) FROM title"
    )
    assert upgrade(v1_catalog, target=3, migrations=migration_steps.GOOD) == []  # nothing to do


def test_a_failing_step_leaves_nothing_of_itself(v1_catalog: Path) -> None:
    with pytest.raises(RuntimeError, match="half-way"):
        upgrade(v1_catalog, target=3, migrations=migration_steps.BROKEN)
    # the first step committed; the failed one left no table and no version change
    assert version(v1_catalog) == "2"
    assert "note" in columns(v1_catalog) and "tag_note" not in columns(v1_catalog)
    assert integrity(v1_catalog) == "ok"
    # the fixed release resumes from where it stopped
    applied = upgrade(v1_catalog, target=3, migrations=migration_steps.GOOD)
    assert [(s.from_version, s.to_version) for s in applied] == [(2, 3)]
    assert version(v1_catalog) == "3"


def _upgrader(path: Path, registry: str) -> subprocess.Popen[str]:
    code = (
        "import sys\n"
        "from netflix_sim.engine.migrations import upgrade\n"
        "from tests.reliability import migration_steps as m\n"
        f"upgrade(sys.argv[1], target=2, migrations=m.{registry})\n"
        "print('done', flush=True)\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_process_killed_mid_step_leaves_the_catalog_as_it_was(v1_catalog: Path) -> None:
    before = query(v1_catalog, "SELECT id, name FROM title ORDER BY id")
    proc = _upgrader(v1_catalog, "HANG")
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "mid-step", proc.stderr.read() if proc.stderr else ""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert integrity(v1_catalog) == "ok"
    assert version(v1_catalog) == "1"
    assert "big" not in columns(v1_catalog)
    assert query(v1_catalog, "SELECT id, name FROM title ORDER BY id") == before


def test_two_processes_upgrading_at_once_run_each_step_once(v1_catalog: Path) -> None:
    procs = [_upgrader(v1_catalog, "RACE") for _ in range(2)]
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    assert query(v1_catalog, "SELECT count(*) FROM runs") == [(1,)]
    assert version(v1_catalog) == "2"


def test_a_missing_step_is_refused_before_any_change(v1_catalog: Path) -> None:
    before = digest(v1_catalog)
    with pytest.raises(CatalogError, match="no migration from version 2"):
        upgrade(v1_catalog, target=3, migrations=migration_steps.GOOD[:1])
    assert digest(v1_catalog) == before


@pytest.mark.parametrize(
    ("stored", "message"),
    [
        (str(models.SCHEMA_VERSION + 1), "newer than this netflix-sim understands"),
        ("0", "unknown schema version 0"),
        ("two", "unknown schema version 'two'"),
    ],
)
def test_a_catalog_of_another_version_is_refused(
    v1_catalog: Path, stored: str, message: str
) -> None:
    con = sqlite3.connect(v1_catalog)
    with con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (stored,))
    con.close()
    before = digest(v1_catalog)
    for args in (["profiles", "--db", str(v1_catalog)], ["--db", str(v1_catalog)]):
        line = assert_one_line_error(cli(*args), code=1)
        assert message in line
    assert digest(v1_catalog) == before
