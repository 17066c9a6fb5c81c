"""Base of the screens that record through the current session."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from netflix_sim.engine import Session

    from ..app import NetflixSimApp


class SessionScreen(Screen[None]):
    """A screen of a viewing session: flushes the session's events whenever it shows."""

    @property
    def netflix(self) -> NetflixSimApp:
        """The app, typed."""
        return cast("NetflixSimApp", self.app)

    @property
    def session(self) -> Session:
        """The current viewing session."""
        return self.netflix.session

    def on_screen_resume(self) -> None:
        """A screen change: write buffered events now."""
        self.netflix.flush_session()
