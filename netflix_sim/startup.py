"""Starting the app quickly: load with the garbage collector paused, then freeze the load."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def loading_for_good() -> Iterator[None]:
    """Run the block (imports, opening the catalog, making the app) with Python's cyclic
    garbage collector paused, then freeze what it loaded out of later collections.

    What an app loads at start (SQLAlchemy, SQLModel, pydantic, numpy, Textual, the catalog:
    a few hundred thousand objects) lives as long as the process; collecting while it loads
    only costs time, and once frozen (``gc.freeze``) later collections stay short: about
    100 to 200 ms of a start (bench/README.md "TUI"). For an application's start only: a
    library must not freeze its host's heap. The collector resumes if it was on.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
