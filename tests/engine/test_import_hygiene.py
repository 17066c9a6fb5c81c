"""The engine never imports Textual, the seed or the TUI; folder names are not top-level."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path


def _run(code: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)


def test_engine_import_does_not_import_textual_or_seed() -> None:
    result = _run(
        "import sys, netflix_sim.engine, netflix_sim.engine.session, netflix_sim.engine.pages;"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual' "
        "or m.startswith(('netflix_sim.tui', 'netflix_sim.seed'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_generic_folder_names_are_not_importable(tmp_path: Path) -> None:
    for name in ("engine", "seed", "tui"):
        result = _run(f"import {name}", cwd=tmp_path)  # outside the checkout
        assert result.returncode != 0, f"'import {name}' should fail after install"


def test_cli_help_does_not_import_heavy_packages() -> None:
    result = _run(
        "import sys; from netflix_sim import cli; cli.build_parser();"
        "heavy = [m for m in ('textual', 'implicit', 'sqlalchemy', 'faker') if m in sys.modules];"
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    assert result.returncode == 0, result.stdout + result.stderr


FORBIDDEN = {
    "engine": ("textual", "netflix_sim.tui", "netflix_sim.seed", "netflix_sim.bots"),
    "seed": ("textual", "netflix_sim.tui"),
}
"""Per folder, the modules its source may never import, even lazily inside a function."""


def _imports(path: Path, package: str) -> set[str]:
    """Absolute names of every module imported anywhere in ``path``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.add(".".join([*base, node.module] if node.module else base))
            else:
                names.add(node.module or "")
    return names


def test_no_forbidden_imports_anywhere_in_the_source() -> None:
    root = Path(__file__).resolve().parents[2]
    for folder, forbidden in FORBIDDEN.items():
        files = sorted((root / folder).rglob("*.py"))
        assert files, folder
        for path in files:
            sub = path.relative_to(root / folder).with_suffix("").parts
            package = ".".join(["netflix_sim", folder, *sub[:-1]])
            bad = {
                name
                for name in _imports(path, package)
                for prefix in forbidden
                if name == prefix or name.startswith(prefix + ".")
            }
            assert not bad, f"{path.relative_to(root)} imports {sorted(bad)}"
