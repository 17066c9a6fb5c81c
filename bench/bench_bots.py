"""Benchmark: engine-driver throughput of bot sessions, on one core and with more workers.

Usage: python bench/bench_bots.py --db PATH [--bots 40] [--sessions 3] [--policy als]
       [--workers 1 2] [--repeat 3]

For each ``--workers`` value, ``simulate`` runs ``bots x sessions`` bot sessions under one
policy (the run's own scratch copy of the catalog, as ``netflix-sim simulate`` does) and we
report the median over ``--repeat`` runs of bot sessions per second and page views
(``Session.home()``) per second, counting the sessions' wall time only (not opening the
catalog, starting workers or the metrics).

Then, on one core, where a session's time goes: the share spent in ``Session.home()`` (the
page build, logged) and in ``Session.title_card()`` (the % match and facts the TUI's
billboard shows for every tile the cursor rests on, which the engine driver asks for too so
that its calls are the TUI's), and the throughput without those title cards
(``EngineDriver(billboard=False)``: not the TUI's calls any more, for comparison only).
This in-process run also reports sessions per CPU-second of the process (``process_time``):
the per-core rate, steadier than wall time on a shared machine. Each figure is the median
of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from netflix_sim.bots.choice import Bot
from netflix_sim.bots.driver import drive, engine_seed
from netflix_sim.bots.engine_driver import EngineDriver
from netflix_sim.bots.personas import sample_personas
from netflix_sim.bots.simulate import (
    DAY_MS,
    FIRST_SESSION_MS,
    SCRATCH_CHECKPOINT_PAGES,
    SimConfig,
    simulate,
)
from netflix_sim.bots.state import BotMemory
from netflix_sim.bots.truth import GroundTruth
from netflix_sim.engine import Session, VirtualClock, open_catalog
from netflix_sim.engine.database import copy_catalog


def throughput(args: argparse.Namespace, workers: int) -> tuple[float, float]:
    """Median bot sessions/s and page views/s of ``--repeat`` simulate runs."""
    rates, pages = [], []
    for _ in range(args.repeat):
        result = simulate(
            SimConfig(
                db=args.db,
                bots=args.bots,
                sessions=args.sessions,
                policies=(args.policy,),
                oracle=False,
                workers=workers,
            )
        )
        rates.append(len(result.records) / result.seconds)
        pages.append(sum(r.page_views for r in result.records) / result.seconds)
    return statistics.median(rates), statistics.median(pages)


def breakdown(args: argparse.Namespace, *, billboard: bool) -> dict[str, float]:
    """One in-process run timing ``Session.home`` and ``Session.title_card``."""
    spent = {"home": 0.0, "title_card": 0.0}
    originals: dict[str, Callable[..., Any]] = {}

    def timed(name: str) -> Callable[..., Any]:
        original = originals[name] = getattr(Session, name)

        def wrapper(self: Session, *a: Any, **k: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return original(self, *a, **k)
            finally:
                spent[name] += time.perf_counter() - t0

        return wrapper

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        copy_catalog(args.db, path)
        truth = GroundTruth.load(path)
        personas = sample_personas(truth.vectors, args.bots, np.random.default_rng(0))
        catalog = open_catalog(
            path, shared_learning=False, checkpoint_pages=SCRATCH_CHECKPOINT_PAGES
        )
        profiles = [
            catalog.create_profile(
                f"bot-{args.policy}-{p.index}",
                maturity_level=p.maturity_level,
                device=p.device,
                kind="bot",
            )
            for p in personas
        ]
        for name in spent:
            setattr(Session, name, timed(name))
        sessions = page_views = 0
        try:
            t0, cpu0 = time.perf_counter(), time.process_time()
            for persona, profile in zip(personas, profiles, strict=True):
                memory = BotMemory()
                for k in range(args.sessions):
                    clock = VirtualClock(FIRST_SESSION_MS + k * DAY_MS)
                    rng = np.random.default_rng(np.random.SeedSequence((0, persona.index, k)))
                    seed = engine_seed(rng)
                    bot = Bot(persona, truth, rng, memory=memory)
                    driver = EngineDriver(
                        catalog,
                        profile,
                        clock=clock,
                        policy=args.policy,
                        seed=seed,
                        device=persona.device,
                        billboard=billboard,
                    )
                    drive(driver, bot)
                    sessions += 1
                    page_views += driver.page_views
            total = time.perf_counter() - t0
            cpu = time.process_time() - cpu0
        finally:
            for name, original in originals.items():
                setattr(Session, name, original)
            catalog.close()
    return {
        "sessions_per_s": sessions / total,
        "sessions_per_cpu_s": sessions / cpu,
        "page_views_per_s": page_views / total,
        "ms_per_session": 1000 * total / sessions,
        "home_share": spent["home"] / total,
        "title_card_share": spent["title_card"] / total,
        "page_views_per_session": page_views / sessions,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="a seeded catalog")
    parser.add_argument("--bots", type=int, default=40)
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--policy", default="als")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print(f"{args.bots} bots x {args.sessions} sessions, policy {args.policy}, {args.db}")
    for workers in args.workers:
        rate, pages = throughput(args, workers)
        print(f"workers {workers}: {rate:6.1f} bot sessions/s  {pages:6.1f} page views/s")
    for billboard in (True, False):
        runs = [breakdown(args, billboard=billboard) for _ in range(args.repeat)]
        b = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        label = "as the TUI (billboard cards)" if billboard else "without billboard cards"
        print(
            f"one core, {label}: {b['sessions_per_s']:.1f} sessions/s "
            f"({b['sessions_per_cpu_s']:.1f} per CPU-second), "
            f"{b['ms_per_session']:.1f} ms/session, {b['page_views_per_session']:.2f} pages/"
            f"session; home() {100 * b['home_share']:.0f} %, "
            f"title_card() {100 * b['title_card_share']:.0f} % of the time"
        )


if __name__ == "__main__":
    main()
