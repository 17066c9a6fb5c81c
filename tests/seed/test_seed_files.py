"""Creating catalog files: refusing to overwrite, replacing with force, progress, cleanup."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from netflix_sim.engine.errors import CatalogError
from netflix_sim.seed import seed_catalog


def test_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    path.write_text("precious")
    with pytest.raises(CatalogError, match="already exists"):
        seed_catalog(path, titles=20)
    assert path.read_text() == "precious"


def test_replaces_an_existing_file_with_force(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    seed_catalog(path, titles=20, seed=1)
    summary = seed_catalog(path, titles=30, seed=2, force=True)
    assert summary.titles == 30
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="does not exist"):
        seed_catalog(tmp_path / "nowhere" / "catalog.db", titles=20)


@pytest.mark.parametrize(
    "kwargs", [{"titles": 0}, {"titles": -5}, {"profiles": -1}, {"profiles": 51}, {"seed": -1}]
)
def test_rejects_arguments_out_of_range(tmp_path: Path, kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        seed_catalog(tmp_path / "catalog.db", **kwargs)
    assert not (tmp_path / "catalog.db").exists()


def test_tiny_catalogs_work(tmp_path: Path) -> None:
    summary = seed_catalog(tmp_path / "one.db", titles=1, profiles=0)
    assert (summary.titles, summary.profiles) == (1, 0)
    assert summary.crowd_profiles == 300 and summary.events > 0


def test_no_kids_profile_below_three_profiles(tmp_path: Path) -> None:
    import sqlite3

    seed_catalog(tmp_path / "two.db", titles=20, profiles=2)
    conn = sqlite3.connect(tmp_path / "two.db")
    names = [r[0] for r in conn.execute("SELECT name FROM profile WHERE kind = 'viewer'")]
    conn.close()
    assert len(names) == 2 and "Kids" not in names


def test_progress_reports_every_stage_to_completion(tmp_path: Path) -> None:
    seen: dict[str, list[tuple[int, int]]] = defaultdict(list)
    seed_catalog(tmp_path / "c.db", titles=200, progress=lambda s, d, t: seen[s].append((d, t)))
    assert list(seen) == ["titles", "cast", "artwork", "ground truth", "crowd", "history"]
    for stage, calls in seen.items():
        done = [d for d, _ in calls]
        assert done == sorted(done), stage
        assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] > 0, stage


def test_a_failed_seed_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "c.db"

    def explode(stage: str, done: int, total: int) -> None:
        if stage == "crowd":
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        seed_catalog(path, titles=50, progress=explode)
    assert not path.exists() and not Path(f"{path}-wal").exists()
