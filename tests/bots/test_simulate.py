"""The simulation runner and ``netflix-sim simulate``: determinism, workers, learning, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netflix_sim import cli
from netflix_sim.bots import simulate as sim
from netflix_sim.bots.metrics import METRIC_KEYS
from netflix_sim.bots.simulate import SCRATCH_CHECKPOINT_PAGES, SimConfig, bot_trace, simulate
from netflix_sim.engine import Catalog, open_catalog
from netflix_sim.engine.database import dbapi_connection


def small(db: Path, **fields: object) -> SimConfig:
    base: dict[str, object] = {
        "db": db,
        "bots": 5,
        "sessions": 2,
        "policies": ("random", "als"),
        "seed": 3,
        "oracle": False,
    }
    base.update(fields)
    return SimConfig(**base)  # type: ignore[arg-type]


def test_the_same_run_twice_gives_the_same_results_and_traces(
    catalog_path: Path, tmp_path: Path
) -> None:
    before = catalog_path.read_bytes()
    first = simulate(small(catalog_path, out=tmp_path / "a.db"))
    second = simulate(small(catalog_path, out=tmp_path / "b.db"))
    assert json.dumps(first.to_json()) == json.dumps(second.to_json())
    assert first.records == second.records
    trace = bot_trace(tmp_path / "a.db")
    assert trace == bot_trace(tmp_path / "b.db")
    assert {row[0] for row in trace} == {
        f"bot-{p}-{i}" for p in ("random", "als") for i in range(5)
    }
    assert catalog_path.read_bytes() == before  # the user's catalog is left alone
    other = simulate(small(catalog_path, seed=4))
    assert other.records != first.records


def test_results_do_not_depend_on_the_number_of_workers(catalog_path: Path) -> None:
    one = simulate(small(catalog_path, workers=1, oracle=True))
    two = simulate(small(catalog_path, workers=2, oracle=True))
    assert one.to_json() == two.to_json()
    assert one.records == two.records
    assert [(r.policy, r.bot, r.session) for r in one.records] == [
        (p, b, s) for p in ("random", "als", "oracle") for b in range(5) for s in range(2)
    ]


def test_a_policys_results_do_not_depend_on_the_other_policies_or_bots(
    catalog_path: Path,
) -> None:
    """Bot profile ids (which seed their sessions) are set per policy and bot number."""

    def sessions(run: sim.SimResult, policy: str) -> list[object]:
        return [r for r in run.records if r.policy == policy]

    pair = simulate(small(catalog_path, policies=("popular", "als")))
    three = simulate(small(catalog_path, policies=("random", "popular", "als")))
    fewer = simulate(small(catalog_path, policies=("als",), bots=3))
    assert sessions(pair, "als") == sessions(three, "als")
    assert sessions(pair, "popular") == sessions(three, "popular")
    assert sessions(fewer, "als") == [r for r in sessions(pair, "als") if r.bot < 3]


def test_the_json_document(catalog_path: Path) -> None:
    result = simulate(small(catalog_path, bots=3, sessions=1, oracle=True))
    doc = result.to_json()
    assert list(doc) == ["policies", "seed", "bots", "sessions"]
    assert (doc["seed"], doc["bots"], doc["sessions"]) == (3, 3, 1)
    assert list(doc["policies"]) == ["random", "als", "oracle"]
    for metrics in doc["policies"].values():
        assert list(metrics) == list(METRIC_KEYS)
        for estimate in metrics.values():
            assert set(estimate) == {"mean", "ci95"} and len(estimate["ci95"]) == 2


def test_bots_abandon_under_the_random_policy(catalog_path: Path) -> None:
    result = simulate(small(catalog_path, bots=10, policies=("random",)))
    abandoned = [r for r in result.records if r.abandoned]
    assert abandoned and result.metrics["random"]["abandonment_rate"].mean > 0
    for r in abandoned:
        assert r.plays == 0 and 60 <= r.browse_s <= 90


def test_learning_als_beats_random_on_watch_minutes(catalog_path: Path) -> None:
    """The small version of the learning result (bench/README.md has the full one)."""
    result = simulate(
        small(catalog_path, bots=30, sessions=3, policies=("random", "als"), seed=0, workers=2)
    )
    watch = {p: result.metrics[p]["watch_minutes_per_session"].mean for p in result.policies}
    assert watch["als"] > watch["random"]
    reviewed = result.metrics["als"]["titles_reviewed_per_session"].mean
    assert 5 <= reviewed <= 25


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["simulate", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--bots", "0"], "--bots must be at least 1", 2),
        (["--bots", "many"], "--bots must be a whole number", 2),
        (["--sessions", "0"], "--sessions must be at least 1", 2),
        (["--workers", "0"], "--workers must be at least 1", 2),
        (["--seed", "x"], "--seed must be a whole number", 2),
        (["--policy", "magic"], "unknown policy 'magic'", 2),
        (["--via", "web"], "--via must be engine or tui", 2),
    ],
)
def test_bad_arguments_give_one_error_line(
    capsys: pytest.CaptureFixture[str],
    catalog_path: Path,
    args: list[str],
    message: str,
    code: int,
) -> None:
    result, out, err = run_cli(capsys, "--db", str(catalog_path), *args)
    assert result == code and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netflix-sim: error:")
    assert message in lines[0]


def test_catalog_errors_give_one_error_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, catalog_path: Path
) -> None:
    missing = tmp_path / "nothing.db"
    code, _, err = run_cli(capsys, "--db", str(missing))
    assert code == 1 and err.count("\n") == 1 and "does not exist" in err
    code, _, err = run_cli(capsys, "--db", str(catalog_path), "--out", str(catalog_path))
    assert code == 1 and err.count("\n") == 1 and "already exists" in err


def test_via_tui_without_the_tui_driver(
    capsys: pytest.CaptureFixture[str], catalog_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sim, "tui_driver_available", lambda: False)
    code, _, err = run_cli(capsys, "--db", str(catalog_path), "--via", "tui")
    assert code == 2 and err.count("\n") == 1 and "TUI driver" in err


def test_the_command_prints_json_and_a_table(
    capsys: pytest.CaptureFixture[str], catalog_path: Path
) -> None:
    args = ["--db", str(catalog_path), "--bots", "2", "--sessions", "1", "--seed", "5"]
    code, out, _ = run_cli(capsys, *args, "--policy", "popular", "--policy", "als", "--json")
    assert code == 0
    doc = json.loads(out)
    assert list(doc["policies"]) == ["popular", "als", "oracle"]
    assert (doc["seed"], doc["bots"], doc["sessions"]) == (5, 2, 1)
    code, again, _ = run_cli(capsys, *args, "--policy", "popular", "--policy", "als", "--json")
    assert again == out
    code, out, _ = run_cli(capsys, *args, "--no-oracle")
    assert code == 0
    assert "watch minutes / session" in out and "oracle" not in out
    assert "popular - random" in out and "als - popular" in out


def test_through_the_tui_the_results_are_the_engines(catalog_path: Path) -> None:
    """``--via tui`` presses keys in the real app; the same bots decide the same."""
    config = small(catalog_path, bots=1, sessions=1, policies=("random",))
    engine = simulate(config)
    tui = simulate(small(catalog_path, bots=1, sessions=1, policies=("random",), via="tui"))
    assert tui.records == engine.records
    assert tui.to_json() == engine.to_json()


def test_a_catalog_written_in_bulk_checkpoints_its_log_less_often(catalog_path: Path) -> None:
    def checkpoint_pages(cat: Catalog) -> int:
        with dbapi_connection(cat.engine) as conn:
            return conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]

    with open_catalog(catalog_path) as cat:
        assert checkpoint_pages(cat) == 1000  # SQLite's default, for people's sessions
    with open_catalog(catalog_path, checkpoint_pages=SCRATCH_CHECKPOINT_PAGES) as cat:
        assert checkpoint_pages(cat) == SCRATCH_CHECKPOINT_PAGES == 16_000
