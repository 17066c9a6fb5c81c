"""The report: metrics tables, five PNG figures, terminal plots."""

from __future__ import annotations

from pathlib import Path

import pytest

from netflix_sim.cli import main
from netflix_sim.research.report import FIGURES, build

PNG = b"\x89PNG\r\n\x1a\n"


def test_report_tables_and_figures(sim_path: Path, tmp_path: Path) -> None:
    report = build(sim_path, tmp_path)
    for name in FIGURES:
        data = (tmp_path / name).read_bytes()
        assert data.startswith(PNG) and len(data) > 5_000, name
    policy_csv = (tmp_path / "by_policy.csv").read_text().splitlines()
    assert policy_csv[0].startswith('"policy","sessions"')
    assert sorted(line.split(",")[0] for line in policy_csv[1:]) == ['"als"', '"random"']
    assert sum(int(line.split(",")[1].strip('"')) for line in policy_csv[1:]) == 16
    assert len((tmp_path / "by_profile.csv").read_text().splitlines()) == 1 + 8
    text = report.text
    assert "16 sessions, 8 profiles, 2 policies" in text
    assert "Plays by tile position" in text and "row  0" in text
    assert "Artwork win rates" in text and "Watch minutes over sessions" in text
    charts = [block for block in text.split("\n\n") if "┤" in block and "┌" in block]
    assert len(charts) == 3  # watch minutes, abandonment, calibration drawn by plotext


def test_report_cli(sim_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", str(sim_path)]) == 0
    assert "watch min / session" in capsys.readouterr().out
    assert main(["report", "--db", str(sim_path), "--out", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netflix-sim: error: cannot write the report to") and err.count("\n") == 1
