"""A catalog with recorded bot sessions (real engine, real models), made once per run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from netflix_sim.bots.simulate import SimConfig, simulate
from netflix_sim.engine.recommender import factors_path


@pytest.fixture(scope="session")
def sim_template(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small seeded catalog plus 4 bots x 2 sessions under als and random."""
    out = tmp_path_factory.mktemp("research") / "sim.db"
    simulate(
        SimConfig(
            db=seeded_template,
            bots=4,
            sessions=2,
            policies=("als", "random"),
            seed=3,
            oracle=False,
            out=out,
        )
    )
    return out


@pytest.fixture
def sim_path(sim_template: Path, tmp_path: Path) -> Path:
    """A private copy of the simulated catalog (with its saved models)."""
    path = tmp_path / "sim.db"
    shutil.copy(sim_template, path)
    for side in sim_template.parent.glob("sim.*.npz"):
        shutil.copy(side, tmp_path / side.name)
    assert factors_path(path).exists()
    return path
