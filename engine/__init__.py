"""The netflix-sim engine: catalog store, events, signals, recommender, pages and sessions.

Plain Python, numpy and SQLModel (scipy and implicit only to train); it never imports
Textual, the bots, or the seed's hidden ground truth.

Importing it pauses Python's cyclic garbage collector: what loads here (SQLAlchemy,
SQLModel, pydantic, numpy: a few hundred thousand objects) lives as long as the process,
so collecting while it loads only costs time (about 50 ms of a start). The loaded objects
are then frozen out of later collections (``gc.freeze``), which stay as cheap as before.
Nothing changes if the collector was already off.
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
        _gc.freeze()
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
