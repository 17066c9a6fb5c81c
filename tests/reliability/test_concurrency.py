"""Concurrent writers: ``simulate --workers 2`` and two TUI sessions on one catalog at once.

Three real ``netflix-sim`` processes (four writers: the simulation's two workers and two
scripted TUI sessions) write to one catalog file together. None may fail with "database
is locked" and every event each of them recorded must be in the file.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from .conftest import ROOT, integrity, query

BOTS, SESSIONS = 100, 4

SCRIPT = [
    {"expect": {"screen": "home"}},
    {"press": ["down", "right", "right", "enter"]},
    {"expect": {"screen": "details"}},
    {"press": "p"},
    {"wait": 30},
    {"press": ["s", "escape"]},
    {"press": ["down", "down", "right", "left", "down", "right", "right", "up"]},
    {"press": ["enter", "u", "m", "escape"]},
    {"press": "/"},
    {"type": "the"},
    {"press": "escape"},
    {"press": ["down", "right", "enter", "p"]},
    {"wait": 10},
    {"press": ["space", "right", "s", "escape"]},
    {"expect": {"screen": "home", "events": {"type": "play_stop", "min": 2}}},
]


def netflix_sim(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "netflix_sim", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def bots_are_writing(path: Path) -> bool:
    """Whether the simulation's workers have started writing bot events to ``path``."""
    if not path.exists():
        return False
    try:  # read-only: never creates the file the simulation is about to make
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            return bool(
                con.execute(
                    "SELECT 1 FROM event WHERE profile_id IN "
                    "(SELECT id FROM profile WHERE kind = 'bot') LIMIT 1"
                ).fetchall()
            )
        finally:
            con.close()
    except sqlite3.Error:  # still being copied
        return False


def test_simulation_workers_and_two_tui_sessions_share_one_catalog(
    catalog_path: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared.db"
    sim = netflix_sim(
        "simulate", "--db", str(catalog_path), "--out", str(shared), "--workers", "2",
        "--bots", str(BOTS), "--sessions", str(SESSIONS), "--policy", "als", "--no-oracle",
        "--json",
    )  # fmt: skip
    while not bots_are_writing(shared):
        try:
            sim.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"the simulation ended before the TUI sessions began: {sim.stderr}")
    script = tmp_path / "browse.json"
    script.write_text(json.dumps(SCRIPT))
    viewers = [r[0] for r in query(shared, "SELECT id FROM profile WHERE kind = 'viewer'")][:2]
    traces = [tmp_path / f"trace-{v}.jsonl" for v in viewers]
    tuis = [
        netflix_sim(
            "script",
            str(script),
            "--db",
            str(shared),
            "--profile",
            str(viewer),
            "--trace-out",
            str(trace),
        )
        for viewer, trace in zip(viewers, traces, strict=True)
    ]
    outputs = [proc.communicate(timeout=600) for proc in [sim, *tuis]]
    for proc, (_, err) in zip([sim, *tuis], outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err.lower() and "Traceback" not in err, err
    assert integrity(shared) == "ok"

    # each TUI session: every event it says it recorded is in the file, as it recorded it
    spans = []
    for (out, _), trace in zip(outputs[1:], traces, strict=True):
        said = int(re.search(r"(\d+) events recorded", out).group(1))
        traced = [json.loads(line) for line in trace.read_text().splitlines()]
        assert len(traced) == said > 50
        session = traced[0]["session_id"]
        stored = query(
            shared,
            "SELECT seq, type, t_ms, title_id, wall_time FROM event WHERE session_id = ? "
            "ORDER BY seq",
            (session,),
        )
        assert [row[:4] for row in stored] == [
            (e["seq"], e["type"], e["t_ms"], e["title_id"]) for e in traced
        ]
        spans.append((stored[0][4], stored[-1][4]))

    # the bots: every session complete, and the counts the simulation reported
    bot_events = query(
        shared,
        "SELECT session_id, seq, type, wall_time FROM event WHERE profile_id IN "
        "(SELECT id FROM profile WHERE kind = 'bot') ORDER BY session_id, seq",
    )
    by_session: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for session, seq, kind, _ in bot_events:
        by_session[session].append((seq, kind))
    assert len(by_session) == BOTS * SESSIONS
    for session, events in by_session.items():
        assert [seq for seq, _ in events] == list(range(len(events))), session
        assert events[0][1] == "session_start" and events[-1][1] == "session_end", session
    metrics = json.loads(outputs[0][0])["policies"]["als"]
    n = BOTS * SESSIONS
    kinds = [kind for _, _, kind, _ in bot_events]
    assert kinds.count("page_view") == round(metrics["page_views_per_session"]["mean"] * n)
    assert kinds.count("abandon") == round(metrics["abandonment_rate"]["mean"] * n)

    # and they really overlapped: bots wrote while both TUI sessions did
    bots_span = (min(e[3] for e in bot_events), max(e[3] for e in bot_events))
    for first, last in spans:
        assert first < bots_span[1] and bots_span[0] < last
