"""Paths and settings: where the default catalog lives and what overrides it."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "netflix-sim"
DB_ENV_VAR = "NETFLIX_SIM_DB"
"""Environment variable naming the catalog file, when ``--db`` is not given."""
DEFAULT_TITLES = 2_000
DEFAULT_PROFILES = 5
DEFAULT_SEED = 42


def default_db_path() -> Path:
    """``$NETFLIX_SIM_DB`` if set, else ``catalog.db`` in the user data directory."""
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "catalog.db"


def resolve_db(db: str | None) -> Path:
    """The catalog path the user asked for (``--db``), or the default one."""
    return Path(db).expanduser() if db else default_db_path()
