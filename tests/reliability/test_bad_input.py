"""Bad input: one clear line, a non-zero exit, no traceback, and nothing half-written."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from netflix_sim.engine.database import create_catalog_file

from .conftest import assert_one_line_error, cli, integrity, query

CATALOG_COMMANDS = [
    ["profiles"],
    ["page", "--profile", "1"],
    ["train"],
    ["simulate", "--bots", "2", "--sessions", "1"],
    ["traces", "export", "--format", "jsonl", "--out", "{tmp}/out.jsonl"],
]
"""Commands that read a catalog; ``{tmp}`` is the test's folder."""


def run(args: list[str], db: Path, tmp: Path):  # type: ignore[no-untyped-def]
    return cli(*[a.replace("{tmp}", str(tmp)) for a in args], "--db", str(db))


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("args", CATALOG_COMMANDS, ids=lambda a: a[0])
def test_a_missing_catalog(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "missing.db"
    line = assert_one_line_error(run(args, db, tmp_path), code=1)
    assert "does not exist" in line
    assert files(tmp_path) == set()  # no catalog, no output


def bad_files(tmp: Path, real: Path) -> dict[str, Path]:
    """Files that are not catalogs, by what is wrong with them."""
    made = {
        "text": tmp / "notes.db",
        "binary": tmp / "random.db",
        "empty file": tmp / "empty.db",
        "truncated catalog": tmp / "truncated.db",
        "other sqlite": tmp / "other.db",
    }
    made["text"].write_text("hello, this is not a database\n" * 50)
    made["binary"].write_bytes(bytes(range(256)) * 64)
    made["empty file"].write_bytes(b"")
    made["truncated catalog"].write_bytes(real.read_bytes()[:3000])
    con = sqlite3.connect(made["other sqlite"])
    con.execute("CREATE TABLE notes (body TEXT)")
    con.execute("INSERT INTO notes VALUES ('mine')")
    con.commit()
    con.close()
    return made


def test_files_that_are_not_catalogs_are_refused_and_left_alone(
    catalog_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for what, path in bad_files(folder, catalog_path).items():
        before = digest(path)
        for args in [["profiles"], ["page", "--profile", "1"], ["tui"]]:
            line = assert_one_line_error(run(args, path, tmp_path), code=1)
            assert "not a netflix-sim catalog" in line, (what, line)
        assert digest(path) == before, f"{what} was changed"
    # nothing new but SQLite's own empty WAL index beside the damaged catalog (whose header
    # says WAL): no data was written
    leftovers = files(folder) - {"notes.db", "random.db", "empty.db", "truncated.db", "other.db"}
    assert leftovers <= {"truncated.db-wal", "truncated.db-shm"}
    assert (
        not (folder / "truncated.db-wal").exists()
        or not (folder / "truncated.db-wal").stat().st_size
    )
    # another program's database keeps its journal mode (it was never switched to WAL)
    assert query(folder / "other.db", "PRAGMA journal_mode") == [("delete",)]


def test_a_folder_given_as_the_catalog(tmp_path: Path) -> None:
    line = assert_one_line_error(cli("profiles", "--db", str(tmp_path)), code=1)
    assert "is a folder" in line


def test_an_empty_catalog(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    create_catalog_file(db).dispose()
    before = query(db, "SELECT count(*) FROM event")
    for args in [["profiles"], ["page", "--profile", "1"], ["train"], ["tui"]]:
        line = assert_one_line_error(run(args, db, tmp_path), code=1)
        assert "no titles" in line
    assert query(db, "SELECT count(*) FROM event") == before
    assert integrity(db) == "ok"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["page", "--profile", "Nobody"], "unknown profile 'Nobody'"),
        (["page", "--profile", "1", "--policy", "magic"], "unknown policy"),
        (["simulate", "--policy", "magic", "--bots", "2"], "magic"),
        (["script", "{script}", "--profile", "Nobody"], "unknown profile"),
        (["traces", "export", "--format", "xml", "--out", "{tmp}/x"], "xml"),
        (
            ["traces", "export", "--format", "jsonl", "--out", "{tmp}/x", "--profile", "Nobody"],
            "Nobody",
        ),
    ],
    ids=["profile", "policy", "sim-policy", "script-profile", "format", "export-profile"],
)
def test_unknown_names(catalog_path: Path, tmp_path: Path, args: list[str], message: str) -> None:
    script = tmp_path / "ok.json"
    script.write_text('[{"press": "down"}]')
    events = query(catalog_path, "SELECT count(*) FROM event")
    args = [a.replace("{script}", str(script)) for a in args]
    line = assert_one_line_error(run(args, catalog_path, tmp_path), code=2)
    assert message in line
    assert query(catalog_path, "SELECT count(*) FROM event") == events
    assert not (tmp_path / "x").exists()


MALFORMED_SCRIPTS = {
    "not json": "[{press: down}",
    "not a list": '{"press": "down"}',
    "unknown step": '[{"jump": 3}]',
    "unknown key": '[{"press": "hyperspace"}]',
    "wrong value": '[{"wait": "long"}]',
    "unknown screen": '[{"expect": {"screen": "moon"}}]',
    "unknown event type": '[{"expect": {"events": {"type": "teleport"}}}]',
    "deep nesting": "[" * 5000 + "]" * 5000,
    "nul bytes": '[{"type": "a\\u0000b"}, \x00]',
}


@pytest.mark.parametrize("name", list(MALFORMED_SCRIPTS))
def test_malformed_scripts(catalog_path: Path, tmp_path: Path, name: str) -> None:
    script = tmp_path / "bad.json"
    script.write_text(MALFORMED_SCRIPTS[name])
    sessions = query(catalog_path, "SELECT count(*) FROM session")
    trace = tmp_path / "trace.jsonl"
    result = cli(
        "script", str(script), "--db", str(catalog_path), "--profile", "1",
        "--trace-out", str(trace),
    )  # fmt: skip
    assert_one_line_error(result, code=2)
    assert query(catalog_path, "SELECT count(*) FROM session") == sessions  # nothing ran
    assert files(tmp_path) == {"bad.json", "catalog.db", "catalog.factors.npz"} | {
        p.name for p in tmp_path.glob("catalog.db-*")
    }


def test_scripts_that_cannot_be_read(catalog_path: Path, tmp_path: Path) -> None:
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage\x80\x81")
    for path in (tmp_path / "missing.json", tmp_path, binary):
        result = cli("script", str(path), "--db", str(catalog_path), "--profile", "1")
        assert_one_line_error(result)


def exported(catalog_path: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "export.jsonl"
    result = cli(
        "traces", "export", "--db", str(catalog_path), "--format", "jsonl", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    lines = out.read_text().splitlines()
    out.unlink()
    return lines


def malformed_traces(good: list[str]) -> dict[str, str]:
    """Trace files each broken in one way; ``good`` is a valid export."""
    first = json.loads(good[0])
    return {
        "not json": good[0] + "\n" + "{not json}\n",
        "truncated line": good[0] + "\n" + good[1][: len(good[1]) // 2] + "\n",
        "wrong schema version": json.dumps({**first, "schema_version": 99}) + "\n",
        "missing column": json.dumps({k: v for k, v in first.items() if k != "type"}) + "\n",
        "not an object": "[1, 2, 3]\n",
        "binary": "\x00\x01\x02\ufffd\n",
    }


def test_malformed_trace_files_import_nothing(catalog_path: Path, tmp_path: Path) -> None:
    good = exported(catalog_path, tmp_path)
    assert len(good) > 2
    events = query(catalog_path, "SELECT count(*) FROM event")
    for name, text in malformed_traces(good).items():
        trace = tmp_path / "trace.jsonl"
        trace.write_text(good[0] + "\n" + text if name != "not json" else text)
        line = assert_one_line_error(cli("traces", "import", "--db", str(catalog_path), str(trace)))
        assert line, name
        assert query(catalog_path, "SELECT count(*) FROM event") == events, f"{name}: half-imported"
    assert integrity(catalog_path) == "ok"
