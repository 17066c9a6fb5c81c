"""Shared fixtures: one small seeded catalog per test run, copied fresh for each test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from netflix_sim.engine import Catalog, open_catalog
from netflix_sim.engine.recommender import factors_path
from netflix_sim.seed import seed_catalog

SMALL_TITLES = 600
SMALL_PROFILES = 3
SMALL_SEED = 7


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded catalog with its trained factors, made once per test run."""
    path = tmp_path_factory.mktemp("template") / "catalog.db"
    seed_catalog(path, titles=SMALL_TITLES, profiles=SMALL_PROFILES, seed=SMALL_SEED)
    open_catalog(path).close()  # trains the model and saves its factors beside the file
    return path


@pytest.fixture
def catalog_path(seeded_template: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded catalog (and its factors) for one test."""
    path = tmp_path / "catalog.db"
    shutil.copy(seeded_template, path)
    shutil.copy(factors_path(seeded_template), factors_path(path))
    return path


@pytest.fixture
def catalog(catalog_path: Path) -> Iterator[Catalog]:
    """The private catalog, opened."""
    cat = open_catalog(catalog_path)
    yield cat
    cat.close()
