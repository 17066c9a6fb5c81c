"""Hidden ground truth: stored apart from the engine's tables, complete, and readable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from sqlmodel import SQLModel

from netflix_sim.engine.database import create_catalog_file
from netflix_sim.engine.errors import CatalogError
from netflix_sim.seed import SeedSummary
from netflix_sim.seed.ground_truth import (
    TASTE_DIMS,
    GroundTruth,
    TruthVectors,
    load_ground_truth,
    sample_taste,
)


@pytest.fixture(scope="module")
def truth(small_catalog: tuple[Path, SeedSummary]) -> TruthVectors:
    return load_ground_truth(small_catalog[0])


def test_taste_dims() -> None:
    assert 14 <= len(TASTE_DIMS) <= 20
    assert len(set(TASTE_DIMS)) == len(TASTE_DIMS)
    assert {"dark", "light", "romance", "action", "cerebral", "family"} <= set(TASTE_DIMS)


def test_a_vector_for_every_title_artwork_and_crowd_profile(
    truth: TruthVectors, small_db: sqlite3.Connection
) -> None:
    title_ids = [r[0] for r in small_db.execute("SELECT id FROM title ORDER BY id")]
    artwork_ids = [r[0] for r in small_db.execute("SELECT id FROM artwork ORDER BY id")]
    crowd_ids = [
        r[0] for r in small_db.execute("SELECT id FROM profile WHERE kind = 'crowd' ORDER BY id")
    ]
    assert truth.dims == TASTE_DIMS
    assert truth.title_ids.tolist() == title_ids
    assert truth.artwork_ids.tolist() == artwork_ids
    assert truth.profile_ids.tolist() == crowd_ids
    d = len(TASTE_DIMS)
    for matrix in (truth.title_vectors, truth.artwork_vectors, truth.profile_vectors):
        assert matrix.dtype == np.float32 and matrix.shape[1] == d
        assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)
    blob = small_db.execute("SELECT vector FROM ground_truth WHERE kind = 'title'").fetchone()[0]
    assert len(blob) == 4 * d
    assert np.array_equal(truth.title(title_ids[0]), np.frombuffer(blob, "<f4"))
    with pytest.raises(KeyError):
        truth.title(10**9)


def test_title_vectors_follow_genres(truth: TruthVectors, small_db: sqlite3.Connection) -> None:
    rows = small_db.execute(
        "SELECT g.title_id, n.name FROM titlegenre g JOIN genre n ON n.id = g.genre_id "
        "WHERE g.rank = 0 AND n.name IN ('Horror', 'Comedy', 'Romance')"
    ).fetchall()
    dim = {"Horror": "horror", "Comedy": "comedy", "Romance": "romance"}
    for title_id, genre in rows:
        vec = truth.title(title_id)
        assert vec[TASTE_DIMS.index(dim[genre])] >= 0.6 * vec.max(), (title_id, genre)


def test_artwork_vectors_lean_toward_their_aspect(
    truth: TruthVectors, small_db: sqlite3.Connection
) -> None:
    romance = TASTE_DIMS.index("romance")
    rows = small_db.execute("SELECT id, title_id FROM artwork WHERE aspect = 'romance'").fetchall()
    assert rows
    lifted = [truth.artwork(a)[romance] > truth.title(t)[romance] for a, t in rows]
    assert np.mean(lifted) > 0.95


def test_sample_taste() -> None:
    a = sample_taste(np.random.default_rng(3), "horror")
    b = sample_taste(np.random.default_rng(3), "horror")
    assert np.array_equal(a, b)
    assert a.shape == (len(TASTE_DIMS),)
    assert np.isclose(np.linalg.norm(a), 1.0)
    rng = np.random.default_rng(0)
    for focus in TASTE_DIMS:
        taste = sample_taste(rng, focus)
        assert TASTE_DIMS[int(np.argmax(taste))] == focus
    free = np.stack([sample_taste(rng) for _ in range(200)])
    assert (free < 0).any()  # some dislikes
    assert np.mean(np.sum(free > 0.3, axis=1)) <= 4  # sparse-ish
    with pytest.raises(ValueError, match="unknown taste dimension"):
        sample_taste(rng, "westerns")


def test_the_engine_never_creates_the_ground_truth_table(tmp_path: Path) -> None:
    assert "ground_truth" not in SQLModel.metadata.tables
    assert GroundTruth.__table__.metadata is not SQLModel.metadata
    engine = create_catalog_file(tmp_path / "bare.db")
    engine.dispose()
    with pytest.raises(CatalogError, match="no ground truth"):
        load_ground_truth(tmp_path / "bare.db")


def test_loading_needs_a_catalog(tmp_path: Path) -> None:
    with pytest.raises(CatalogError):
        load_ground_truth(tmp_path / "missing.db")
