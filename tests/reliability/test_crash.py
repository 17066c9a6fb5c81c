"""Crash safety: a process killed with SIGKILL mid-browse loses at most the last 250 ms.

A real child process browses a real catalog through the Session API on a real clock and
announces every event (session, seq, monotonic time) on a pipe the moment the event store
takes it; the test SIGKILLs it and compares the announcements with the file.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest

from netflix_sim.engine.events import FLUSH_INTERVAL_S

from .conftest import ROOT, integrity, query

WATCHDOG_S = 60.0
"""The browse workload is killed (and the test fails) if it has not run its course by then."""
SLACK_S = 0.15
"""Allowed on top of FLUSH_INTERVAL_S for the batch's write itself and for scheduling on a
busy machine (the flusher wakes every 50 ms; a write of a batch takes a few ms)."""


def kill_mid_browse(db: Path, run_s: float) -> tuple[float, dict[tuple[int, int], float]]:
    """Run the browse workload for ``run_s`` seconds of events, SIGKILL it.

    Returns the monotonic time of the kill and (session, seq) -> announce time.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.workloads", "browse", str(db), "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    # a workload that stops announcing must fail the test, not hang it: kill it after a while
    watchdog = threading.Timer(WATCHDOG_S, proc.kill)
    watchdog.start()
    announced: dict[tuple[int, int], float] = {}
    started: float | None = None
    killed_at = 0.0
    for line in proc.stdout:
        if line.strip() == "ready":
            started = time.monotonic()
            continue
        session, seq, at = line.split()
        announced[(int(session), int(seq))] = float(at)
        if started is not None and float(at) - started >= run_s:
            killed_at = time.monotonic()
            proc.send_signal(signal.SIGKILL)
            break
    watchdog.cancel()
    assert killed_at, f"the workload ended or fell silent: {proc.stderr.read()}"
    for line in proc.stdout:  # announced before the kill, still in the pipe
        session, seq, at = line.split()
        announced[(int(session), int(seq))] = float(at)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return killed_at, announced


@pytest.mark.parametrize("run_s", [0.9, 1.7])
def test_sigkill_mid_browse_loses_at_most_the_last_250_ms(catalog_path: Path, run_s: float) -> None:
    killed_at, announced = kill_mid_browse(catalog_path, run_s)
    sessions = {s for s, _ in announced}
    assert len(sessions) == 2 and len(announced) > 200  # it really was browsing

    assert integrity(catalog_path) == "ok"
    stored: dict[int, list[int]] = defaultdict(list)
    for session, seq in query(
        catalog_path,
        "SELECT session_id, seq FROM event WHERE session_id IN (?, ?)",
        tuple(sessions),
    ):
        stored[session].append(seq)
    for session in sessions:  # a prefix of what was recorded: no gap, no duplicate
        seqs = sorted(stored[session])
        assert seqs == list(range(len(seqs))), f"session {session}: gaps or duplicates"

    kept = {(s, q) for s, seqs in stored.items() for q in seqs}
    lost = {key: at for key, at in announced.items() if key not in kept}
    window = max((killed_at - at for at in lost.values()), default=0.0)
    print(
        f"\nkilled after {len(announced)} events; lost {len(lost)}; window {window * 1000:.0f} ms"
    )
    assert window <= FLUSH_INTERVAL_S + SLACK_S, (
        f"lost an event recorded {window * 1000:.0f} ms before the kill"
    )
    # every stored event is whole: required columns set, JSON columns parse
    rows = query(
        catalog_path,
        "SELECT type, t_ms, context, payload FROM event WHERE session_id IN (?, ?)",
        tuple(sessions),
    )
    for kind, t_ms, context, payload in rows:
        assert kind and t_ms > 0 and json.loads(context)["device"]
        if payload is not None:
            json.loads(payload)


class PtyApp:
    """The real ``netflix-sim`` TUI in a pseudo-terminal of ``cols`` x ``rows``."""

    def __init__(self, args: list[str], cols: int = 120, rows: int = 40) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.master = master
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "netflix_sim", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=ROOT,
            env={**os.environ, "TERM": "xterm-256color"},
            start_new_session=True,
        )
        os.close(slave)
        self.screen = bytearray()

    def pump(self, seconds: float) -> None:
        """Read (and keep) what the app draws for ``seconds``; the terminal never blocks it."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.screen += os.read(self.master, 65536)
                except OSError:  # the app is gone
                    return

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        os.close(self.master)


DOWN, RIGHT = b"\x1b[B", b"\x1b[C"


def test_sigkill_of_the_real_tui_mid_browse_leaves_a_sound_catalog(catalog_path: Path) -> None:
    sessions_before = query(catalog_path, "SELECT coalesce(max(id), 0) FROM session")[0][0]
    app = PtyApp(["--db", str(catalog_path), "--profile", "1"])
    try:
        for _ in range(300):  # up to 30 s to start and show the first page
            app.pump(0.1)
            started = query(catalog_path, "SELECT 1 FROM session WHERE id > ?", (sessions_before,))
            if started and b"Quit" in app.screen:
                break
        app.press(b"s")  # skips "Pick 3 you like" if the profile is new; nothing on home
        app.pump(0.3)
        for key in [DOWN, RIGHT, RIGHT, DOWN, RIGHT] * 8:
            app.press(key)
            app.pump(0.06)
    finally:
        app.kill()
    assert app.proc.returncode == -signal.SIGKILL

    assert integrity(catalog_path) == "ok"
    rows = query(
        catalog_path,
        "SELECT session_id, seq, type, context FROM event WHERE session_id > ? ORDER BY event_id",
        (sessions_before,),
    )
    assert sum(kind == "focus" for _, _, kind, _ in rows) >= 10  # it was browsing
    by_session: dict[int, list[int]] = defaultdict(list)
    for session, seq, _, context in rows:
        by_session[session].append(seq)
        assert json.loads(context)["device"]
    for session, seqs in by_session.items():
        assert sorted(seqs) == list(range(len(seqs))), f"session {session}: gaps or duplicates"
