"""Export then import is lossless; a malformed file changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netflix_sim.cli import main
from netflix_sim.research.exports import export
from netflix_sim.research.importer import ImportLineError, import_jsonl
from netflix_sim.research.traces import TraceFilter, catalog_engine, load_events

RENUMBERED = ("event_id", "session_id", "page_id")


def events(path: Path, where: TraceFilter) -> list[dict]:
    with catalog_engine(path) as engine:
        return load_events(engine, where)


def same_but_ids(a: dict, b: dict) -> bool:
    keep = [k for k in a if k not in RENUMBERED]
    page = (a["page_id"] or "").partition(".")[2] == (b["page_id"] or "").partition(".")[2]
    return page and [a[k] for k in keep] == [b[k] for k in keep]


def count(path: Path) -> tuple[int, int, int]:
    with catalog_engine(path) as engine, engine.connect() as conn:
        from sqlalchemy import text

        return tuple(
            conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()
            for t in ("event", "session", "rating")
        )


def test_export_import_export_is_lossless(
    sim_path: Path, catalog_path: Path, tmp_path: Path
) -> None:
    bots = TraceFilter(policy="als")
    first = tmp_path / "a.jsonl"
    export(sim_path, "jsonl", first, bots)
    source = events(sim_path, bots)
    # the bot profiles exist only in the simulated catalog: import into a copy of it whose
    # bot events are gone, so that every reference resolves
    target = tmp_path / "target.db"
    import shutil

    shutil.copy(sim_path, target)
    with catalog_engine(target) as engine, engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(text("DELETE FROM event WHERE policy = 'als'"))
    before = count(target)
    summary = import_jsonl(first, target)
    assert summary.events == len(source)
    assert len(summary.sessions) == len({e["session_id"] for e in source})
    copied = events(target, bots)
    assert len(copied) == len(source)
    assert all(same_but_ids(a, b) for a, b in zip(source, copied, strict=True))
    assert count(target)[0] == before[0] + len(source)
    again = tmp_path / "b.jsonl"
    export(target, "jsonl", again, bots)
    strip = [
        {k: v for k, v in json.loads(x).items() if k not in RENUMBERED}
        for x in first.read_text().splitlines()
    ]
    assert strip == [
        {k: v for k, v in json.loads(x).items() if k not in RENUMBERED}
        for x in again.read_text().splitlines()
    ]


def test_malformed_import_changes_nothing(
    sim_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.jsonl"
    export(sim_path, "jsonl", good, TraceFilter(policy="random"))
    lines = good.read_text().splitlines()
    before = count(sim_path)
    cases = {
        "not json": "{oops",
        "wrong type": json.dumps({**json.loads(lines[2]), "seq": "three"}),
        "unknown event": json.dumps({**json.loads(lines[2]), "type": "teleport"}),
        "newer schema": json.dumps({**json.loads(lines[2]), "schema_version": 3}),
        "not a version": json.dumps({**json.loads(lines[2]), "schema_version": [2]}),
        "speed in v1": json.dumps({**json.loads(lines[2]), "schema_version": 1, "type": "speed"}),
        "unknown title": json.dumps({**json.loads(lines[2]), "title_id": 10**9}),
    }
    for label, bad in cases.items():
        path = tmp_path / "bad.jsonl"
        path.write_text("\n".join([*lines[:2], bad, *lines[3:]]) + "\n")
        with pytest.raises(ImportLineError, match=r"^line 3: "):
            import_jsonl(path, sim_path)
        assert count(sim_path) == before, label
    assert main(["traces", "import", str(path), "--db", str(sim_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("netflix-sim: error: line 3: title 1000000000 is not in this catalog")
    assert err.count("\n") == 1
    assert count(sim_path) == before


def test_a_trace_v1_file_still_imports(sim_path: Path, tmp_path: Path) -> None:
    """v2 only adds the speed event: a v1 export (no speed events) imports unchanged."""
    v2 = tmp_path / "v2.jsonl"
    export(sim_path, "jsonl", v2, TraceFilter(policy="random"))
    lines = [json.loads(x) for x in v2.read_text().splitlines()]
    assert all(line["type"] != "speed" for line in lines)
    v1 = tmp_path / "v1.jsonl"
    v1.write_text("".join(json.dumps({**line, "schema_version": 1}) + "\n" for line in lines))
    before = count(sim_path)
    summary = import_jsonl(v1, sim_path)
    assert summary.events == len(lines)
    assert count(sim_path)[0] == before[0] + len(lines)
