"""The engine never imports Textual, the seed or the TUI; folder names are not top-level."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_engine_import_does_not_import_textual_or_seed() -> None:
    result = _run(
        "import sys, netflix_sim.engine, netflix_sim.engine.session, netflix_sim.engine.pages;"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual' "
        "or m.startswith(('netflix_sim.tui', 'netflix_sim.seed'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_generic_folder_names_are_not_importable() -> None:
    for name in ("engine", "seed", "tui"):
        result = _run(f"import {name}")
        assert result.returncode != 0, f"'import {name}' should fail after install"


def test_cli_help_does_not_import_heavy_packages() -> None:
    result = _run(
        "import sys; from netflix_sim import cli; cli.build_parser();"
        "heavy = [m for m in ('textual', 'implicit', 'sqlalchemy', 'faker') if m in sys.modules];"
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")
