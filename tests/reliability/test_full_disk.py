"""A full disk during export: one line, a non-zero exit and no partial output file.

The disk fills for real: the export runs in a child whose file size limit
(``RLIMIT_FSIZE``) is lower than the export, with ``SIGXFSZ`` ignored, so its writes fail
with ``EFBIG`` as on a full disk.
"""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, assert_one_line_error

LIMIT = 256 * 1024
"""Bytes any file of the child may grow to: the exports of the seeded catalog are larger."""


def limited() -> None:
    """In the child: files stop growing at LIMIT and writes past it fail (EFBIG)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def run_limited(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netflix_sim", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        preexec_fn=limited,
        timeout=300,
    )


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_full_disk_during_export(catalog_path: Path, tmp_path: Path, fmt: str) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"events.{fmt}"
    full = run_limited(
        "traces", "export", "--db", str(catalog_path), "--format", fmt, "--out", str(out)
    )
    line = assert_one_line_error(full, code=1)
    assert "File too large" in line or "No space" in line, line
    assert str(out) in line  # names the file the user asked for, not a temporary
    assert list(out_dir.iterdir()) == []  # no partial file, no temporary left behind
    # the same export with room to write succeeds and is larger than the limit
    ok = subprocess.run(
        [sys.executable, "-m", "netflix_sim", "traces", "export", "--db", str(catalog_path),
         "--format", fmt, "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert out.stat().st_size > LIMIT


def test_a_reader_that_goes_away_ends_the_command_quietly(catalog_path: Path) -> None:
    """``netflix-sim page --json | head -c 100``: no traceback, no error line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "netflix_sim", "page", "--db", str(catalog_path),
         "--profile", "1", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    assert len(proc.stdout.read(100)) == 100
    proc.stdout.close()  # the page is larger than a pipe's buffer: the next writes fail
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""
