"""The netflix-sim engine: catalog store, events, signals, recommender, pages and sessions.

Plain Python, numpy and SQLModel (scipy and implicit only to train); it never imports
Textual, the bots, or the seed's hidden ground truth.

Importing it pauses Python's cyclic garbage collector: what loads here (SQLAlchemy,
SQLModel, pydantic, numpy: a few hundred thousand objects) lives as long as the process,
so collecting while it loads only costs time. The collector runs again afterwards (if it
was on); the application (``netflix-sim``, :func:`netflix_sim.cli.run_tui`) then freezes
what it loaded out of later collections, which a library must not do to its host.
"""

import gc as _gc

_collecting = _gc.isenabled()
_gc.disable()
try:
    from .catalog import Catalog, open_catalog
    from .clock import Clock, RealClock, VirtualClock
    from .errors import (
        CatalogError,
        NetflixSimError,
        ProfileInUseError,
        ProfileNameError,
        UnknownPolicyError,
        UnknownProfileError,
        UnknownTitleError,
    )
    from .session import Session
finally:
    if _collecting:
        _gc.enable()

__all__ = [
    "Catalog",
    "CatalogError",
    "Clock",
    "NetflixSimError",
    "ProfileInUseError",
    "ProfileNameError",
    "RealClock",
    "Session",
    "UnknownPolicyError",
    "UnknownProfileError",
    "UnknownTitleError",
    "VirtualClock",
    "open_catalog",
]
