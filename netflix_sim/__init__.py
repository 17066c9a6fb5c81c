"""netflix-sim: a terminal streaming-client simulator with an embedded recommender.

The public Python API lives in :mod:`netflix_sim.engine` (``open_catalog``, clocks and the
Session API) and is re-exported here lazily, so ``netflix-sim --help`` stays fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["RealClock", "VirtualClock", "__version__", "open_catalog"]


def __getattr__(name: str) -> Any:
    if name in {"open_catalog", "RealClock", "VirtualClock"}:
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'netflix_sim' has no attribute {name!r}")
