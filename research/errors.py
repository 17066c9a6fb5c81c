"""Errors of the research tools: one line for the user, with the right exit code."""

from __future__ import annotations

from netflix_sim.engine.errors import NetflixSimError


class ResearchError(NetflixSimError):
    """A file or catalog the research tools cannot use (exit code 1)."""


class ResearchUsageError(ResearchError):
    """A bad argument: unknown session, profile, policy or format (exit code 2)."""


__all__ = ["ResearchError", "ResearchUsageError"]
