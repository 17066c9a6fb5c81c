"""App-wide messages: they cross screens (a widget's own messages are nested on it)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from netflix_sim.engine.types import Page, ProfileInfo


@dataclass
class ProfileChosen(Message):
    """The viewer picked a profile on the "Who's watching?" screen."""

    profile: ProfileInfo


@dataclass
class HomePageReady(Message):
    """A home page was built by the engine (posted by a thread worker)."""

    page: Page


@dataclass
class OnboardingFinished(Message):
    """A new profile picked titles it likes (or skipped): time to show its home page."""

    picks: tuple[int, ...]
    """Title ids picked (their thumbs are recorded already); empty when skipped."""
