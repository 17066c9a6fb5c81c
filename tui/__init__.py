"""The netflix-sim Textual client.

``make_app`` and ``NetflixSimApp`` are imported lazily so that importing the package (or
running ``netflix-sim --help``) does not import Textual.
"""

from __future__ import annotations

from typing import Any

__all__ = ["NetflixSimApp", "make_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module 'netflix_sim.tui' has no attribute {name!r}")
