"""``netflix-sim script``: scripted steps through the TUI, checks, exit codes, JSONL trace."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from netflix_sim.bots.script import ScriptError, known_key, load_script, parse_steps
from netflix_sim.cli import main
from netflix_sim.engine import VirtualClock, open_catalog
from netflix_sim.engine.models import TRACE_SCHEMA_VERSION
from netflix_sim.engine.recommender import factors_path
from netflix_sim.engine.types import Page


@pytest.fixture
def viewer(catalog_path: Path) -> str:
    """The first viewer's name."""
    with open_catalog(catalog_path) as catalog:
        return catalog.profiles()[0].name


@pytest.fixture
def first_page(catalog_path: Path, viewer: str, tmp_path: Path) -> Page:
    """The home page the script's session opens on, built on a copy of the catalog."""
    copy = tmp_path / "copy.db"
    shutil.copy(catalog_path, copy)
    shutil.copy(factors_path(catalog_path), factors_path(copy))
    with open_catalog(copy) as catalog:
        session = catalog.start_session(viewer, device="tv", clock=VirtualClock())
        page = session.home()
        session.end()
    return page


def write(path: Path, steps: Any) -> Path:
    path.write_text(json.dumps(steps) if not isinstance(steps, str) else steps)
    return path


def run_cli(script: Path, db: Path, profile: str, *extra: str) -> int:
    return main(["script", str(script), "--db", str(db), "--profile", profile, *extra])


def test_a_passing_script(
    catalog_path: Path, viewer: str, first_page: Page, tmp_path: Path, capsys
) -> None:
    rows = first_page.rows
    script = write(
        tmp_path / "ok.json",
        [
            {
                "expect": {
                    "screen": "home",
                    "first_row": rows[0].name,
                    "focused_title": rows[0].tiles[0].name,
                }
            },
            {"expect": {"row_contains": {"row": rows[2].name, "title": rows[2].tiles[3].name}}},
            {"press": "down"},
            {"wait": 3},
            {"press": ["right", "enter"]},
            {"expect": {"screen": "details", "focused_title": rows[1].tiles[1].name}},
            {"press": "p"},
            {"wait": 30},
            {"expect": {"screen": "player"}},
            {"press": "s"},
            {"expect": {"events": {"type": "play_stop", "min": 1, "max": 1}}},
            {"press": "escape"},
            {"expect": {"screen": "home", "events": {"type": "page_view", "min": 2}}},
            {"press": "/"},
            {"type": "the"},
            {"expect": {"screen": "search", "events": {"type": "search", "min": 1, "max": 1}}},
            {"press": ["down", "enter"]},
            {"expect": {"screen": "details", "events": {"type": "search_click"}}},
        ],
    )
    code = run_cli(script, catalog_path, viewer)
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    assert out.startswith(f"{script}: 18 steps passed (14 checks); ")
    assert "events recorded" in out


def test_a_failing_expectation_reports_the_step(
    catalog_path: Path, viewer: str, tmp_path: Path, capsys
) -> None:
    script = write(
        tmp_path / "fail.json",
        [{"press": "down"}, {"expect": {"screen": "details"}}, {"press": "enter"}],
    )
    trace = tmp_path / "trace.jsonl"
    code = run_cli(script, catalog_path, viewer, "--trace-out", str(trace))
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == "step 2: expected screen 'details', got 'home'"
    assert "failed at step 2 (1 of 3 steps passed)" in lines[1]
    assert trace.exists()  # what happened, for the post-mortem
    kinds = [json.loads(line)["type"] for line in trace.read_text().splitlines()]
    assert "open_details" not in kinds and kinds[-1] == "session_end"


def test_a_failing_events_check(catalog_path: Path, viewer: str, tmp_path: Path, capsys) -> None:
    script = write(tmp_path / "fail.json", [{"expect": {"events": {"type": "play_stop"}}}])
    assert run_cli(script, catalog_path, viewer) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "step 1: expected at least 1 'play_stop' events, got 0"


def test_steps_after_quitting_fail(catalog_path: Path, viewer: str, tmp_path: Path, capsys) -> None:
    script = write(
        tmp_path / "quit.json",
        [{"press": "down"}, {"press": "q"}, {"expect": {"screen": "home"}}],
    )
    assert run_cli(script, catalog_path, viewer) == 1
    assert capsys.readouterr().err.startswith(
        "step 3: expected the app to run, got the app has quit"
    )


MALFORMED = [
    ('[{"press": "down"}, {"prss": "x"}]', "step 2: unknown step 'prss'"),
    ('[{"press": "dwon"}]', "step 1: unknown key 'dwon'"),
    ('[{"press": []}]', 'step 1: "press" takes a key or a list of keys'),
    ('[{"wait": "5"}]', 'step 1: "wait" takes virtual seconds'),
    ('[{"wait": -1}]', 'step 1: "wait" takes virtual seconds'),
    ('[{"type": 5}]', 'step 1: "type" takes text'),
    ('[{"press": "down", "wait": 1}]', "step 1: a step is an object with one key"),
    ('[{"wait": 1}, "down"]', "step 2: a step is an object with one key"),
    ('[{"expect": {"screen": "moon"}}]', "step 1: unknown screen 'moon'"),
    ('[{"expect": {"colour": "red"}}]', "step 1: unknown check 'colour'"),
    ('[{"expect": {"events": {"type": "nope"}}}]', "step 1: unknown event type 'nope'"),
    ('[{"expect": {"events": {"type": "play_stop", "min": -1}}}]', 'step 1: "events" min'),
    ('[{"expect": {"row_contains": {"row": "x"}}}]', 'step 1: "row_contains" takes'),
    ('{"press": "down"}', "a script is a list of steps, got an object"),
    ("[]", "the script has no steps"),
    ('[{"press": "down"', "invalid JSON at line 1, column 18"),
]


@pytest.mark.parametrize(("text", "message"), MALFORMED)
def test_a_malformed_script_is_one_line_and_exit_2(
    catalog_path: Path, viewer: str, tmp_path: Path, capsys, text: str, message: str
) -> None:
    script = write(tmp_path / "bad.json", text)
    assert run_cli(script, catalog_path, viewer) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"netflix-sim: error: {script}: ")
    assert message in err


def test_a_missing_script_or_trace_folder_is_exit_2(
    catalog_path: Path, viewer: str, tmp_path: Path, capsys
) -> None:
    assert run_cli(tmp_path / "none.json", catalog_path, viewer) == 2
    assert "none.json: no such file" in capsys.readouterr().err
    script = write(tmp_path / "ok.json", [{"wait": 1}])
    assert run_cli(script, catalog_path, viewer, "--trace-out", str(tmp_path / "x" / "t")) == 2
    assert "folder" in capsys.readouterr().err


def test_yaml_without_pyyaml_asks_for_json(
    catalog_path: Path, viewer: str, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)  # import yaml fails
    script = write(tmp_path / "steps.yaml", "- press: down\n")
    assert run_cli(script, catalog_path, viewer) == 2
    err = capsys.readouterr().err
    assert "YAML scripts need PyYAML (pip install pyyaml); or write it as JSON" in err


def test_yaml_scripts_load(tmp_path: Path) -> None:
    script = write(tmp_path / "steps.yml", "- press: [down, right]\n- wait: 2\n")
    steps = load_script(script)
    assert [(s.kind, s.value) for s in steps] == [("press", ("down", "right")), ("wait", 2.0)]


def test_unknown_profile_is_exit_2(catalog_path: Path, tmp_path: Path, capsys) -> None:
    script = write(tmp_path / "ok.json", [{"wait": 1}])
    assert run_cli(script, catalog_path, "Nobody") == 2
    assert "unknown profile" in capsys.readouterr().err


def test_trace_out_is_valid_jsonl_written_atomically(
    catalog_path: Path, viewer: str, tmp_path: Path, capsys
) -> None:
    script = write(
        tmp_path / "ok.json",
        [{"press": ["down", "right"]}, {"wait": 2}, {"press": ["enter", "u", "escape", "q"]}],
    )
    folder = tmp_path / "traces"
    folder.mkdir()
    trace = folder / "run.jsonl"
    trace.write_text("old contents\n")
    assert run_cli(script, catalog_path, viewer, "--trace-out", str(trace)) == 0
    out = capsys.readouterr().out
    assert sorted(p.name for p in folder.iterdir()) == ["run.jsonl"]  # no temporary left
    lines = trace.read_text().splitlines()
    events = [json.loads(line) for line in lines]
    assert f"{len(events)} events recorded; trace: {trace}" in out
    assert all(e["schema_version"] == TRACE_SCHEMA_VERSION for e in events)
    assert [e["seq"] for e in events] == list(range(len(events)))
    assert len({e["session_id"] for e in events}) == 1
    kinds = [e["type"] for e in events]
    assert kinds[0] == "session_start" and kinds[-1] == "session_end"
    for kind in ("page_view", "impression", "focus", "dwell", "scroll", "open_details", "thumbs"):
        assert kind in kinds, kind
    assert all(isinstance(e["context"], dict) and e["context"]["device"] == "tv" for e in events)
    view = next(e for e in events if e["type"] == "page_view")
    assert isinstance(view["payload"], dict) and view["payload"]["rows"]
    columns = {"event_id", "session_id", "profile_id", "seq", "t_ms", "wall_time", "type"}
    assert columns <= set(events[0])


def test_parse_steps() -> None:
    steps = parse_steps(
        [
            {"press": "down"},
            {"press": ["right", "enter", "/", "?", "ctrl+c", "question_mark", "slash"]},
            {"wait": 0},
            {"type": ""},
            {"expect": {"events": {"type": "search"}}},
        ]
    )
    assert [s.number for s in steps] == [1, 2, 3, 4, 5]
    assert steps[0].value == ("down",)
    assert steps[4].value == {"events": {"type": "search", "min": 1}}
    with pytest.raises(ScriptError, match="step 1"):
        parse_steps([{"wait": True}])


@pytest.mark.parametrize(
    ("key", "known"),
    [
        ("down", True),
        ("escape", True),
        ("space", True),
        ("slash", True),
        ("greater_than_sign", True),
        ("ctrl+c", True),
        ("shift+tab", True),
        ("p", True),
        ("/", True),
        ("dwon", False),
        ("ctrl+", False),
        ("hyper+a", False),
        ("\x00", False),
    ],
)
def test_known_key(key: str, known: bool) -> None:
    assert known_key(key) is known
