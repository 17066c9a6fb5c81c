"""The simulation runner: the same bots, the same seeds, under each policy; then metrics.

``simulate(config)`` copies the catalog to a scratch file (so the user's catalog is left
as it was and two runs start from the same state), creates one bot profile per policy and
bot (``bot-<policy>-<i>``), runs ``sessions`` sessions per bot a day apart, and summarises
them per policy with 95 % intervals (:mod:`.metrics`).

Results do not depend on ``workers``: every bot's sessions run in one process, in order;
seeds come from ``SeedSequence((seed, bot, session))`` (the same under every policy);
profiles are created by the parent before any bot runs; the catalog is opened with
``shared_learning=False`` and every process uses the Trending Now and Top 10 counts of the
catalog as it was before the run, so no bot's session changes another's pages.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import multiprocessing as mp
import queue
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from netflix_sim.engine import Catalog, open_catalog
from netflix_sim.engine.clock import VirtualClock
from netflix_sim.engine.database import copy_catalog
from netflix_sim.engine.errors import CatalogError, UnknownPolicyError
from netflix_sim.engine.events import read_events
from netflix_sim.engine.policies import POLICIES
from netflix_sim.seed.ground_truth import TruthVectors

from . import oracle
from .choice import DEFAULT_CHOICE, Bot, ChoiceParams
from .driver import drive, engine_seed
from .engine_driver import run_session
from .metrics import METRICS, Estimate, paired_difference, summarize
from .personas import Persona, sample_personas
from .state import BotMemory, SessionRecord
from .truth import GroundTruth, read_vectors

DEFAULT_POLICIES = ("random", "popular", "als")
"""Policies compared when none are named (``oracle`` is added as the upper bound)."""
DAY_MS = 86_400_000
FIRST_SESSION_MS = 1_767_297_600_000
"""A bot's first session starts 2026-01-01 20:00 UTC (the seed's epoch day, evening);
session ``k`` starts ``k`` days later."""
VIA = ("engine", "tui")


class SimulationError(ValueError):
    """A bad simulation argument (one line, meant for the user)."""


@dataclass(frozen=True)
class SimConfig:
    """What to simulate."""

    db: Path
    bots: int = 20
    sessions: int = 3
    policies: tuple[str, ...] = DEFAULT_POLICIES
    seed: int = 0
    workers: int = 1
    via: str = "engine"
    """``engine`` (the Session API) or ``tui`` (the real app, headless)."""
    oracle: bool = True
    """Add the ``oracle`` policy (the upper bound) when it is not named."""
    out: Path | None = None
    """Keep the simulated catalog (every bot event) here; by default it is discarded."""
    params: ChoiceParams = DEFAULT_CHOICE

    def all_policies(self) -> tuple[str, ...]:
        """The policies run, in order, without repeats (``oracle`` last when added)."""
        names = tuple(dict.fromkeys(self.policies or DEFAULT_POLICIES))
        if self.oracle and "oracle" not in names:
            names += ("oracle",)
        return names


@dataclass(frozen=True)
class SimResult:
    """Every session record, ordered by (policy, bot, session), and the metrics."""

    config: SimConfig
    policies: tuple[str, ...]
    records: tuple[SessionRecord, ...]
    metrics: dict[str, dict[str, Estimate]]
    catalog_size: int
    seconds: float = field(default=0.0, compare=False)
    """Wall time of the bot sessions (not part of the results)."""

    def to_json(self) -> dict[str, Any]:
        """``{"policies": {name: {metric: {"mean", "ci95"}}}, "seed", "bots", "sessions"}``."""
        return {
            "policies": {
                policy: {key: _json_estimate(e) for key, e in metrics.items()}
                for policy, metrics in self.metrics.items()
            },
            "seed": self.config.seed,
            "bots": self.config.bots,
            "sessions": self.config.sessions,
        }


def _json_estimate(e: Estimate) -> dict[str, Any]:
    def clean(x: float) -> float | None:
        return x if np.isfinite(x) else None

    return {"mean": clean(e.mean), "ci95": [clean(e.lo), clean(e.hi)]}


# -- validation and the scratch catalog ---------------------------------------------------


def tui_driver_available() -> bool:
    """Whether ``netflix_sim.bots.tui_driver`` is installed."""
    return importlib.util.find_spec("netflix_sim.bots.tui_driver") is not None


def validate(config: SimConfig) -> None:
    """Raise :class:`SimulationError` (or an engine error) for a bad configuration."""
    for name, value in (("--bots", config.bots), ("--sessions", config.sessions)):
        if value < 1:
            raise SimulationError(f"{name} must be at least 1 (got {value})")
    if config.bots > BOT_ID_STRIDE:
        raise SimulationError(f"--bots must be at most {BOT_ID_STRIDE:,} (got {config.bots})")
    if config.workers < 1:
        raise SimulationError(f"--workers must be at least 1 (got {config.workers})")
    if config.via not in VIA:
        raise SimulationError(f"--via must be engine or tui (got {config.via!r})")
    if config.via == "tui" and not tui_driver_available():
        raise SimulationError("--via tui: the TUI driver (netflix_sim.bots.tui_driver) is missing")
    for name in config.all_policies():
        if name not in POLICIES:
            known = ", ".join(sorted(POLICIES))
            raise UnknownPolicyError(f"unknown policy {name!r} (policies: {known})")
    if config.out is not None:
        if config.out.exists():
            raise CatalogError(f"{config.out} already exists; give --out a new file")
        if not config.out.parent.is_dir():
            raise CatalogError(f"cannot write {config.out}: no folder {config.out.parent}")


def preflight(config: SimConfig) -> TruthVectors:
    """Check the arguments and the catalog (it must have a ground truth); its vectors."""
    validate(config)
    return read_vectors(config.db)


@contextlib.contextmanager
def _workspace(config: SimConfig) -> Iterator[Path]:
    if config.out is not None:
        copy_catalog(config.db, config.out)
        yield config.out
        return
    with tempfile.TemporaryDirectory(prefix="netflix-sim-") as tmp:
        path = Path(tmp) / "simulation.db"
        copy_catalog(config.db, path)
        yield path


# -- one process's share of the bots ------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    """What every process needs to run bots (picklable)."""

    path: str
    personas: tuple[Persona, ...]
    sessions: int
    seed: int
    via: str
    params: ChoiceParams
    trending: np.ndarray
    today: np.ndarray
    tastes: dict[int, tuple[float, ...]]
    """Profile id -> taste, for the oracle."""


@dataclass(frozen=True)
class _Task:
    policy: str
    bot: int
    profile_id: int


SCRATCH_CHECKPOINT_PAGES = 16_000
"""The run's catalog copy gathers up to 64 MB of write-ahead log before SQLite copies it
into the file, not 4 MB: each bot session's write no longer pays for a checkpoint now and
then (about a sixth of the write time, measured in bench/README.md "Bots")."""


class _Runner:
    """Opens the scratch catalog once and runs bots' sessions on it."""

    def __init__(self, job: _Job) -> None:
        self.job = job
        self.catalog = open_catalog(
            job.path, shared_learning=False, checkpoint_pages=SCRATCH_CHECKPOINT_PAGES
        )
        self.catalog.trending = job.trending.copy()
        self.catalog.today = job.today.copy()
        self.truth = GroundTruth.from_index(read_vectors(job.path), self.catalog.index)
        oracle.install(self.truth, {k: np.asarray(v) for k, v in job.tastes.items()})

    def run(self, task: _Task) -> list[SessionRecord]:
        """One bot's sessions under one policy, in order, a day apart."""
        job = self.job
        persona = job.personas[task.bot]
        profile = self.catalog.profile(task.profile_id)
        memory = BotMemory()
        records = []
        for k in range(job.sessions):
            clock = VirtualClock(FIRST_SESSION_MS + k * DAY_MS)
            rng = np.random.default_rng(np.random.SeedSequence((job.seed, task.bot, k)))
            if job.via == "engine":
                record = run_session(
                    self.catalog,
                    profile,
                    persona,
                    self.truth,
                    clock,
                    rng,
                    task.policy,
                    params=job.params,
                    label=(task.bot, k),
                    memory=memory,
                )
            else:
                record = self._through_tui(task, persona, profile.id, clock, rng, k, memory)
            records.append(record)
        return records

    def _through_tui(
        self,
        task: _Task,
        persona: Persona,
        profile_id: int,
        clock: VirtualClock,
        rng: np.random.Generator,
        k: int,
        memory: BotMemory,
    ) -> SessionRecord:
        """The same session through the real app, headless (``tui_driver``)."""
        from .tui_driver import TuiDriver

        seed = engine_seed(rng)  # drawn first, as ``run_session`` does
        bot = Bot(
            persona,
            self.truth,
            rng,
            self.job.params,
            policy=task.policy,
            bot=task.bot,
            session=k,
            memory=memory,
        )
        with TuiDriver(
            self.catalog,
            profile_id,
            clock=clock,
            device=persona.device,
            policy=task.policy,
            seed=seed,
        ) as driver:
            return drive(driver, bot)

    def close(self) -> None:
        oracle.uninstall()
        self.catalog.close()


def _worker(job: _Job, tasks: Any, results: Any) -> None:
    """A worker process: run tasks until the ``None`` sentinel, then close."""
    try:
        runner = _Runner(job)
        try:
            for task in iter(tasks.get, None):
                results.put(("done", task, runner.run(task)))
        finally:
            runner.close()
    except BaseException:
        results.put(("error", None, traceback.format_exc()))


# -- the runner ---------------------------------------------------------------------------


Progress = Callable[[int, int], None]
"""``progress(done, total)``: bot sessions done so far."""


BOT_ID_STRIDE = 1_000_000
"""Profile ids set aside per policy: the most bots a policy can run."""


def bot_profile_id(first_id: int, policy: str, bot: int) -> int:
    """The profile id of bot number ``bot`` under ``policy``: the same whichever other
    policies and however many bots a run has, so that its sessions (seeded by the profile
    id among others) are too. ``first_id``: the catalog's first unused profile id."""
    slots = sorted(POLICIES)  # every registered policy, oracle included
    return first_id + slots.index(policy) * BOT_ID_STRIDE + bot


def _prepare(path: Path, config: SimConfig, personas: Sequence[Persona]) -> tuple[_Job, list]:
    """Train what the policies need, create the bot profiles, snapshot the shared counts."""
    policies = config.all_policies()
    catalog: Catalog = open_catalog(path, shared_learning=False)
    try:
        for name in policies:
            catalog.policy(name)  # trains and saves now, not in every worker
        tasks: list[_Task] = []
        tastes: dict[int, tuple[float, ...]] = {}
        first_id = catalog.next_profile_id()
        for name in policies:
            for persona in personas:
                profile = catalog.create_profile(
                    f"bot-{name}-{persona.index}",
                    maturity_level=persona.maturity_level,
                    device=persona.device,
                    kind="bot",
                    profile_id=bot_profile_id(first_id, name, persona.index),
                )
                tasks.append(_Task(name, persona.index, profile.id))
                tastes[profile.id] = persona.taste
        job = _Job(
            path=str(path),
            personas=tuple(personas),
            sessions=config.sessions,
            seed=config.seed,
            via=config.via,
            params=config.params,
            trending=catalog.trending.copy(),
            today=catalog.today.copy(),
            tastes=tastes,
        )
    finally:
        catalog.close()
    return job, tasks


def _run_here(job: _Job, tasks: Sequence[_Task], progress: Progress) -> dict:
    out: dict[tuple[str, int], list[SessionRecord]] = {}
    runner = _Runner(job)
    try:
        for i, task in enumerate(tasks):
            out[(task.policy, task.bot)] = runner.run(task)
            progress((i + 1) * job.sessions, len(tasks) * job.sessions)
    finally:
        runner.close()
    return out


def _run_workers(job: _Job, tasks: Sequence[_Task], workers: int, progress: Progress) -> dict:
    # fork (Linux) starts workers at once and does not re-import the caller's main module;
    # the parent holds no open catalog at this point
    method = "fork" if "fork" in mp.get_all_start_methods() and sys.platform == "linux" else "spawn"
    ctx = mp.get_context(method)
    task_q, result_q = ctx.Queue(), ctx.Queue()
    for task in tasks:
        task_q.put(task)
    procs = [
        ctx.Process(target=_worker, args=(job, task_q, result_q), daemon=True)
        for _ in range(min(workers, len(tasks)))
    ]
    for _ in procs:
        task_q.put(None)
    for proc in procs:
        proc.start()
    out: dict[tuple[str, int], list[SessionRecord]] = {}
    try:
        while len(out) < len(tasks):
            try:
                kind, task, payload = result_q.get(timeout=1.0)
            except queue.Empty:
                if not any(p.is_alive() for p in procs):
                    raise RuntimeError("a simulation worker died") from None
                continue
            if kind == "error":
                raise RuntimeError(f"a simulation worker failed:\n{payload}")
            out[(task.policy, task.bot)] = payload
            progress(len(out) * job.sessions, len(tasks) * job.sessions)
        for proc in procs:
            proc.join()
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
    return out


def simulate(config: SimConfig, progress: Progress | None = None) -> SimResult:
    """Run every bot under every policy and summarise (see the module docstring)."""
    vectors = preflight(config)  # a clear error before any work
    personas = sample_personas(
        vectors, config.bots, np.random.default_rng(np.random.SeedSequence((config.seed,)))
    )
    policies = config.all_policies()
    report = progress or (lambda done, total: None)
    with _workspace(config) as path:
        job, tasks = _prepare(path, config, personas)
        catalog_size = len(job.trending)
        started = time.perf_counter()
        if config.workers == 1:
            done = _run_here(job, tasks, report)
        else:
            done = _run_workers(job, tasks, config.workers, report)
        seconds = time.perf_counter() - started
    records = tuple(r for task in tasks for r in done[(task.policy, task.bot)])
    metrics = summarize(
        records,
        policies=policies,
        bots=config.bots,
        catalog_size=catalog_size,
        seed=config.seed,
    )
    return SimResult(config, policies, records, metrics, catalog_size, seconds)


# -- traces -------------------------------------------------------------------------------


def bot_trace(path: str | Path) -> list[tuple[Any, ...]]:
    """Every bot event of a simulated catalog (``--out``), comparable across runs.

    Ordered by (profile name, session number within the profile, seq); the columns that
    number rows in write order (``event_id``, ``session_id``, the session part of
    ``page_id``) or hold the wall clock (``wall_time``) are left out or renumbered.
    """
    with open_catalog(path, shared_learning=False) as catalog:
        names = {p.id: p.name for p in catalog.profiles(("bot",))}
        events = [e for e in read_events(catalog.engine) if e["profile_id"] in names]
    starts: dict[int, tuple[str, int]] = {}
    for e in events:
        if e["seq"] == 0:
            starts[e["session_id"]] = (names[e["profile_id"]], e["t_ms"])
    number: dict[int, int] = {}
    for session_id in sorted(starts, key=lambda s: (*starts[s], s)):
        name = starts[session_id][0]
        number[session_id] = sum(1 for other in number if starts[other][0] == name)
    skip = {"event_id", "session_id", "profile_id", "seq", "wall_time", "page_id"}
    out = []
    for e in events:
        k = number[e["session_id"]]
        name = names[e["profile_id"]]
        page = f"{name}.{k}.{e['page_id'].split('.', 1)[1]}" if e["page_id"] else None
        rest = tuple(value for key, value in e.items() if key not in skip)
        out.append((name, k, e["seq"], page, *rest))
    return sorted(out, key=lambda r: (r[0], r[1], r[2]))


# -- text report --------------------------------------------------------------------------


def _fmt(e: Estimate, digits: int) -> str:
    if not np.isfinite(e.mean):
        return "n/a"
    if not np.isfinite(e.lo):
        return f"{e.mean:.{digits}f}"
    return f"{e.mean:.{digits}f} [{e.lo:.{digits}f}, {e.hi:.{digits}f}]"


def gaps(result: SimResult, key: str = "watch_minutes_per_session") -> list[str]:
    """Lines comparing consecutive policies (in the given order) on metric ``key``: the
    difference with its paired 95 % interval, and whether the policies' intervals overlap."""
    names = [p for p in result.policies if p != "oracle"]
    c = result.config
    lines = []
    for low, high in itertools.pairwise(names):
        a, b = result.metrics[low][key], result.metrics[high][key]
        verdict = "intervals overlap" if a.overlaps(b) else "intervals do not overlap"
        gap = paired_difference(result.records, low, high, bots=c.bots, seed=c.seed, key=key)
        lines.append(
            f"  {high} - {low}: {gap.mean:+.1f} [{gap.lo:+.1f}, {gap.hi:+.1f}] paired ({verdict})"
        )
    return lines


def report(result: SimResult) -> str:
    """A table of every metric per policy, with the watch-minute gaps."""
    c = result.config
    sessions = len(result.records)
    head = (
        f"{c.bots} bots x {c.sessions} sessions per policy, seed {c.seed}, via {c.via}, "
        f"{result.catalog_size:,} titles; {sessions:,} sessions in {result.seconds:.1f} s"
    )
    cells = [
        [metric.label + (f" ({metric.unit})" if metric.unit else "")]
        + [_fmt(result.metrics[p][metric.key], metric.digits) for p in result.policies]
        for metric in METRICS
    ]
    header = ["metric", *result.policies]
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(len(header))]
    lines = [head, ""]
    for row in [header, *cells]:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    lines += [
        "",
        "watch minutes per session: differences [paired 95 % interval] and the policies'",
        "intervals side by side:",
        *gaps(result),
    ]
    return "\n".join(line.rstrip() for line in lines)


__all__ = [
    "DEFAULT_POLICIES",
    "SimConfig",
    "SimResult",
    "SimulationError",
    "bot_trace",
    "gaps",
    "preflight",
    "report",
    "simulate",
    "tui_driver_available",
    "validate",
]
