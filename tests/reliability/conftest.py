"""Helpers of the reliability tests: the CLI in a real process, one-line errors, old catalogs."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``netflix-sim ARGS`` in a fresh interpreter and wait for it."""
    return subprocess.run(
        [sys.executable, "-m", "netflix_sim", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int | None = None) -> str:
    """The run failed with exactly one ``netflix-sim: error:`` line and no traceback."""
    assert result.returncode != 0, result.stdout
    if code is not None:
        assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("netflix-sim: error: "), lines[0]
    return lines[0]


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` of the file at ``path`` ("ok" when sound)."""
    con = sqlite3.connect(path)
    try:
        return ";".join(r[0] for r in con.execute("PRAGMA integrity_check"))
    finally:
        con.close()


def query(path: Path, sql: str, args: tuple[object, ...] = ()) -> list[tuple]:
    """Rows of ``sql`` on the file at ``path`` (a plain connection, closed after)."""
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def unpack_v1(dst: Path) -> Path:
    """Write the stored schema-version-1 catalog (tests/fixtures) to ``dst``."""
    with gzip.open(FIXTURES / "catalog_v1.db.gz", "rb") as src, dst.open("wb") as out:
        shutil.copyfileobj(src, out)
    return dst


@pytest.fixture
def v1_catalog(tmp_path: Path) -> Path:
    """A private copy of the stored catalog made by schema version 1."""
    return unpack_v1(tmp_path / "old.db")


@pytest.fixture
def viewer_name(catalog_path: Path) -> str:
    """Name of the first viewer profile of the seeded catalog."""
    return query(catalog_path, "SELECT name FROM profile WHERE kind = 'viewer' ORDER BY id")[0][0]
