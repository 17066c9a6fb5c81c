"""Off-policy evaluation on an OBP export: IPS from uniformly random artwork matches the
on-policy value of the policy it evaluates.

Two runs of the same bots (same seeds, same histories) differ only in how artwork is
chosen: run A logs uniformly random variants (``BanditConfig(epsilon=1, stickiness=0)``);
run B always shows each title's variant 0 (every bot "saw" variant 0 of every title a year
earlier, and ``stickiness=1`` keeps what was seen). OBP's IPS estimate of the target policy
"variant 0" from A, mean(reward * 1{action == 0} / pscore), must match B's mean reward
within their 95 % interval (standard errors clustered by session).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
from sqlalchemy import text

from netflix_sim.bots.engine_driver import run_session
from netflix_sim.bots.personas import sample_personas
from netflix_sim.bots.truth import GroundTruth, read_vectors
from netflix_sim.engine import VirtualClock, open_catalog
from netflix_sim.engine.artwork import BanditConfig
from netflix_sim.engine.events import make_event
from netflix_sim.engine.models import Event
from netflix_sim.research import export_obp
from netflix_sim.research.exports import export
from netflix_sim.research.traces import TraceFilter, catalog_engine

BOTS, SESSIONS = 40, 2
START_MS = 1_767_297_600_000
DAY_MS = 86_400_000
UNIFORM = BanditConfig(epsilon=1.0, stickiness=0.0)
VARIANT_ZERO = BanditConfig(stickiness=1.0)


def run(path: Path, config: BanditConfig) -> None:
    """The same bots, sessions and seeds on ``path`` with artwork chosen by ``config``."""
    vectors = read_vectors(path)
    personas = sample_personas(vectors, BOTS, np.random.default_rng(11))
    with open_catalog(path, artwork=config, shared_learning=False) as catalog:
        truth = GroundTruth.from_index(vectors, catalog.index)
        index = catalog.index
        first_art = index.artwork_ids[index.artwork_start]  # variant 0 of each title
        profiles = []
        rows = []
        for persona in personas:
            p = catalog.create_profile(
                f"bot-{persona.index}",
                maturity_level=persona.maturity_level,
                device=persona.device,
                kind="bot",
            )
            profiles.append(p)
            for seq, (title, art) in enumerate(zip(index.ids, first_art, strict=True)):
                rows.append(
                    make_event(session_id=0, profile_id=p.id, seq=seq, t_ms=START_MS - 365 * DAY_MS,
                               wall_time=0.0, type="impression", title_id=int(title),
                               artwork_id=int(art), propensity=1.0, policy="history")
                )  # fmt: skip
        with catalog.engine.begin() as conn:
            conn.execute(Event.__table__.insert(), rows)
        for persona, profile in zip(personas, profiles, strict=True):
            for k in range(SESSIONS):
                clock = VirtualClock(START_MS + k * DAY_MS)
                rng = np.random.default_rng(np.random.SeedSequence((5, persona.index, k)))
                run_session(catalog, profile, persona, truth, clock, rng, "als", label=(0, k))


def clustered(values: np.ndarray, sessions: np.ndarray) -> tuple[float, float]:
    """Mean per round and its standard error, clustered by session (ratio estimator)."""
    ids, which = np.unique(sessions, return_inverse=True)
    sums = np.bincount(which, weights=values)
    counts = np.bincount(which).astype(float)
    mean = sums.sum() / counts.sum()
    j = len(ids)
    resid = sums - mean * counts
    se = np.sqrt(j / (j - 1) * np.square(resid).sum()) / counts.sum()
    return float(mean), float(se)


def test_ips_from_uniform_artwork_matches_the_on_policy_value(
    catalog_path: Path, tmp_path: Path
) -> None:
    paths = {}
    for name, config in (("uniform", UNIFORM), ("variant0", VARIANT_ZERO)):
        path = tmp_path / f"{name}.db"
        shutil.copy(catalog_path, path)
        for side in catalog_path.parent.glob(f"{catalog_path.stem}.*.npz"):
            shutil.copy(side, path.with_name(path.stem + side.name[len(catalog_path.stem) :]))
        run(path, config)
        out = tmp_path / f"{name}.npz"
        export(path, "obp", out, TraceFilter(policy="als"))
        paths[name] = export_obp.load(out)
    logged, target = paths["uniform"], paths["variant0"]

    # run B is on-policy for "variant 0": every round shows it, with propensity 1
    assert target["n_rounds"] > 1000
    assert (target["action"] == 0).all() and np.allclose(target["pscore"], 1.0)
    # run A logged uniform propensities: 1 / (the title's number of variants)
    with catalog_engine(tmp_path / "uniform.db") as engine, engine.connect() as conn:
        query = text("SELECT title_id, COUNT(*) FROM artwork GROUP BY title_id")
        variants = {int(t): int(n) for t, n in conn.execute(query)}
    k = np.asarray([variants[int(t)] for t in logged["title_id"]])
    assert np.allclose(logged["pscore"], 1 / k)
    assert len(np.unique(logged["action"])) == logged["n_actions"]

    # OBP's IPS for the logging policy itself is the mean reward, exactly
    pi_b = logged["pscore"]
    assert np.isclose((logged["reward"] * pi_b / logged["pscore"]).mean(), logged["reward"].mean())

    weights = logged["reward"] * (logged["action"] == 0) / logged["pscore"]
    ips, ips_se = clustered(weights, logged["session_id"])
    value, value_se = clustered(target["reward"].astype(float), target["session_id"])
    assert logged["reward"].sum() >= 20 and target["reward"].sum() >= 20
    print(f"IPS {ips:.5f} ± {1.96 * ips_se:.5f}; on-policy {value:.5f} ± {1.96 * value_se:.5f}")
    assert abs(ips - value) <= 1.96 * np.hypot(ips_se, value_se), (ips, ips_se, value, value_se)
