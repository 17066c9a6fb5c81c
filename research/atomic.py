"""Writing outputs all at once: a temporary file or folder beside the target, then a rename.

A failed or interrupted export leaves nothing behind, and never a half-written file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import ResearchUsageError


def check_target(path: Path, *, folder: bool = False) -> None:
    """Raise :class:`ResearchUsageError` if ``path`` cannot be written.

    Its folder must exist; a folder output may exist only empty.
    """
    if not path.parent.is_dir():
        raise ResearchUsageError(f"cannot write {path}: folder {path.parent} does not exist")
    if folder:
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise ResearchUsageError(f"cannot write {path}: it exists and is not an empty folder")
    elif path.is_dir():
        raise ResearchUsageError(f"cannot write {path}: it is a folder")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``."""
    check_target(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(temp)
        os.chmod(temp, 0o666 & ~_umask())  # as a plain open() would have made it
        os.replace(temp, path)
    except OSError as exc:  # a full disk, say: name the file the user asked for
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    finally:
        Path(temp).unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_folder(path: Path) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; on success it becomes ``path``."""
    check_target(path, folder=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        yield temp
        temp.chmod(0o777 & ~_umask())
        if path.is_dir():
            path.rmdir()  # empty (checked above)
        os.replace(temp, path)
    except OSError as exc:  # a full disk, say: name the folder the user asked for
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    finally:
        shutil.rmtree(temp, ignore_errors=True)


__all__ = ["atomic_file", "atomic_folder", "check_target"]
