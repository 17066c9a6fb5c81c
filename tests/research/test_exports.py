"""Every export format, read back by its own reader."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from netflix_sim.cli import main
from netflix_sim.research import export_obp
from netflix_sim.research.errors import ResearchUsageError
from netflix_sim.research.exports import export
from netflix_sim.research.schema import COLUMNS, EVENT_TYPES, SCHEMA_VERSION
from netflix_sim.research.traces import TraceFilter, catalog_engine, load_events

BOTS = TraceFilter(policy="als")


def stored(path: Path, where: TraceFilter = BOTS) -> list[dict]:
    with catalog_engine(path) as engine:
        return load_events(engine, where)


def test_jsonl_lines_are_the_stored_events(sim_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.jsonl"
    summary = export(sim_path, "jsonl", out, BOTS)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    events = stored(sim_path)
    assert summary.events == len(lines) == len(events) > 100
    assert all(line.pop("schema_version") == SCHEMA_VERSION for line in lines)
    assert lines == events
    assert {e["type"] for e in lines} <= set(EVENT_TYPES)


def test_csv_reads_in_pandas_and_polars(sim_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    export(sim_path, "csv", out, BOTS)
    events = stored(sim_path)
    frame = pd.read_csv(out)
    assert list(frame.columns) == ["schema_version", *COLUMNS]
    assert (frame["schema_version"] == SCHEMA_VERSION).all()
    assert frame["event_id"].tolist() == [e["event_id"] for e in events]
    assert frame["wall_time"].tolist() == [e["wall_time"] for e in events]  # exact floats
    pages = frame[frame["type"] == "page_view"]
    assert [json.loads(p) for p in pages["payload"]] == [
        e["payload"] for e in events if e["type"] == "page_view"
    ]
    assert pl.read_csv(out, infer_schema_length=None).height == len(events)


def test_parquet_loads_unchanged_in_pandas_and_polars(sim_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.parquet"
    export(sim_path, "parquet", out, BOTS)
    events = stored(sim_path)
    meta = pq.read_schema(out).metadata
    assert meta[b"netflix_sim.schema_version"] == str(SCHEMA_VERSION).encode()
    frame = pd.read_parquet(out)
    assert frame["event_id"].tolist() == [e["event_id"] for e in events]
    assert frame["context"].iloc[0] == events[0]["context"]
    polars = pl.read_parquet(out)
    assert polars.height == len(events)
    assert polars["type"].to_list() == [e["type"] for e in events]
    assert polars["context"].struct.field("device").to_list() == [
        e["context"]["device"] for e in events
    ]
    values = polars["propensity"].to_list()
    assert values == [e["propensity"] for e in events]


def test_obp_feedback_has_the_shapes_obp_checks(sim_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.npz"
    export(sim_path, "obp", out, BOTS)
    fb = export_obp.load(out)
    n = fb["n_rounds"]
    impressions = [e for e in stored(sim_path) if e["type"] == "impression"]
    assert n == len(impressions) > 50
    for key in ("action", "position", "reward", "pscore"):
        assert fb[key].shape == (n,), key
    assert fb["context"].shape == (n, len(export_obp.CONTEXT_NAMES))
    assert fb["action_context"].shape[0] == fb["n_actions"] == 9
    assert fb["action"].min() >= 0 and fb["action"].max() < fb["n_actions"]
    assert np.issubdtype(fb["position"].dtype, np.integer) and fb["position"].min() >= 0
    assert set(np.unique(fb["reward"])) <= {0, 1} and fb["reward"].sum() > 0
    assert (fb["pscore"] > 0).all() and (fb["pscore"] <= 1).all()
    assert fb["schema_version"] == SCHEMA_VERSION
    played = [i for i in range(n) if fb["reward"][i]]
    assert (fb["minutes"][played] >= 0).all()


def test_recbole_atomic_files(sim_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "netflix"
    export(sim_path, "recbole", out, BOTS)
    inter = pd.read_csv(out / "netflix.inter", sep="\t")
    assert list(inter.columns)[:4] == [
        "user_id:token",
        "item_id:token",
        "rating:float",
        "timestamp:float",
    ]
    items = pd.read_csv(out / "netflix.item", sep="\t")
    assert set(inter["item_id:token"]) <= set(items["item_id:token"])
    assert {"play_stop", "open_details"} <= set(inter["event_type:token"])
    assert json.loads((out / "schema.json").read_text())["schema_version"] == SCHEMA_VERSION


def test_mind_behaviors_make_unclicked_exposures_explicit(sim_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "mind"
    export(sim_path, "mind", out, BOTS)
    lines = (out / "behaviors.tsv").read_text().splitlines()
    events = stored(sim_path)
    assert len(lines) == sum(e["type"] == "page_view" for e in events)
    labels = []
    for line in lines:
        cells = line.split("\t")
        assert len(cells) == 5 and cells[1].startswith("U")
        labels += [int(item.rsplit("-", 1)[1]) for item in cells[4].split()]
    assert 0 in labels and 1 in labels
    plays_from_home = {
        (e["page_id"], e["title_id"]) for e in events if e["type"] == "play_start" and e["row_id"]
    }
    assert sum(labels) == len(plays_from_home)
    news = {line.split("\t")[0] for line in (out / "news.tsv").read_text().splitlines()}
    shown = {item.rsplit("-", 1)[0] for line in lines for item in line.split("\t")[4].split()}
    assert shown <= news


def test_filters_and_bad_targets(sim_path: Path, tmp_path: Path) -> None:
    one = stored(sim_path)[0]["session_id"]
    out = tmp_path / "one.jsonl"
    export(sim_path, "jsonl", out, TraceFilter(session=one))
    assert {json.loads(x)["session_id"] for x in out.read_text().splitlines()} == {one}
    with pytest.raises(ResearchUsageError, match="unknown profile"):
        export(sim_path, "jsonl", tmp_path / "x.jsonl", TraceFilter(profile="nobody"))
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    with pytest.raises(ResearchUsageError, match="not an empty folder"):
        export(sim_path, "mind", busy, BOTS)
    assert sorted(p.name for p in busy.iterdir()) == ["keep.txt"]
    assert not list(tmp_path.glob(".*tmp"))


def test_cli_export_errors_are_one_line(
    sim_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["traces", "export", "--db", str(sim_path), "--out", str(tmp_path / "x")]
    assert main([*args, "--format", "xml"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("netflix-sim: error: unknown format 'xml'")
    assert main([*args, "--format", "jsonl", "--session", "99999"]) == 2
    assert "no events match --session 99999" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    assert main([*args, "--format", "csv", "--policy", "als"]) == 0
    assert f"trace schema v{SCHEMA_VERSION}" in capsys.readouterr().out
