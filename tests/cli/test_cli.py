"""The command line: bad input gives one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netflix_sim", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=300,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int | None = None):
    assert result.returncode != 0
    if code is not None:
        assert result.returncode == code
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("netflix-sim: error:")
    return lines[0]


def test_db_in_a_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "x.db"
    for args in (["--db", str(missing)], ["seed", "--db", str(missing), "--titles", "50"]):
        line = assert_one_line_error(cli(*args))
        assert "does not exist" in line
    assert not missing.parent.exists()


def test_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("hello, this is not a database\n" * 20)
    for args in (["--db", str(bogus)], ["page", "--db", str(bogus), "--profile", "1"]):
        line = assert_one_line_error(cli(*args), code=1)
        assert "not a netflix-sim catalog" in line
    assert bogus.read_text().startswith("hello")


def test_unknown_profile(catalog_path: Path) -> None:
    line = assert_one_line_error(
        cli("page", "--db", str(catalog_path), "--profile", "Nobody"), code=2
    )
    assert "unknown profile 'Nobody'" in line
    assert_one_line_error(cli("--db", str(catalog_path), "--profile", "Nobody"), code=2)


def test_unknown_policy_and_device(catalog_path: Path) -> None:
    line = assert_one_line_error(
        cli("page", "--db", str(catalog_path), "--profile", "1", "--policy", "magic"), code=2
    )
    assert "unknown policy" in line
    line = assert_one_line_error(
        cli("page", "--db", str(catalog_path), "--profile", "1", "--device", "toaster"), code=2
    )
    assert "unknown device" in line


def test_seed_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    assert cli("seed", "--db", str(path), "--titles", "120", "--profiles", "2").returncode == 0
    before = path.read_bytes()
    line = assert_one_line_error(cli("seed", "--db", str(path), "--titles", "120"), code=1)
    assert "--force" in line
    assert path.read_bytes() == before
    forced = cli("seed", "--db", str(path), "--titles", "130", "--profiles", "2", "--force")
    assert forced.returncode == 0, forced.stderr


@pytest.mark.parametrize("bad", [["--titles", "0"], ["--titles", "many"]])
def test_seed_rejects_bad_numbers(tmp_path: Path, bad: list[str]) -> None:
    result = cli("seed", "--db", str(tmp_path / "c.db"), *bad)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not (tmp_path / "c.db").exists()


def test_page_json(catalog_path: Path) -> None:
    result = cli("page", "--db", str(catalog_path), "--profile", "1", "--json")
    assert result.returncode == 0, result.stderr
    page = json.loads(result.stdout)
    assert {"page_id", "profile_id", "policy", "rows"} <= set(page)
    tile = page["rows"][0]["tiles"][0]
    assert {"title_id", "name", "artwork_id", "match", "score", "propensity", "reason"} <= set(tile)


def test_env_var_points_at_the_catalog(catalog_path: Path) -> None:
    import os

    env = {**os.environ, "NETFLIX_SIM_DB": str(catalog_path)}
    result = cli("profiles", env=env)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 3


def test_first_launch_seeds_the_default_catalog_in_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netflix_sim import cli, config

    monkeypatch.delenv(config.DB_ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(config, "DEFAULT_TITLES", 150)  # keep the test quick
    path = config.resolve_db(None)
    assert path.is_relative_to(tmp_path / "data") and not path.exists()
    assert cli.ensure_catalog(path, default_location=True) == path
    assert path.exists()
    from netflix_sim.engine import open_catalog

    with open_catalog(path) as catalog:
        assert catalog.index.n == 150
        assert len(catalog.profiles()) == config.DEFAULT_PROFILES
