"""Seeded catalogs shared by the seed tests (seeding is deterministic, so sharing is safe)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from netflix_sim.seed import SeedSummary, seed_catalog


@pytest.fixture(scope="session")
def small_catalog(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SeedSummary]:
    """A 300-title catalog with 4 viewer profiles."""
    path = tmp_path_factory.mktemp("seed") / "small.db"
    return path, seed_catalog(path, titles=300, profiles=4, seed=7)


@pytest.fixture(scope="session")
def default_catalog(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SeedSummary]:
    """A catalog of the default size (2,000 titles)."""
    path = tmp_path_factory.mktemp("seed") / "default.db"
    return path, seed_catalog(path)


@pytest.fixture
def small_db(small_catalog: tuple[Path, SeedSummary]) -> Iterator[sqlite3.Connection]:
    """A read-only sqlite3 connection to the small catalog."""
    conn = sqlite3.connect(f"file:{small_catalog[0]}?mode=ro", uri=True)
    yield conn
    conn.close()


@pytest.fixture
def default_db(default_catalog: tuple[Path, SeedSummary]) -> Iterator[sqlite3.Connection]:
    """A read-only sqlite3 connection to the default catalog."""
    conn = sqlite3.connect(f"file:{default_catalog[0]}?mode=ro", uri=True)
    yield conn
    conn.close()
