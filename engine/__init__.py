"""The netflix-sim engine: catalog store, events, signals, recommender, pages and sessions.

Plain Python, numpy/scipy and SQLModel; it never imports Textual, the bots, or the
seed's hidden ground truth.
"""

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
