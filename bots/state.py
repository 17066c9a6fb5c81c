"""What a bot remembers during one session, and what the session amounted to.

:class:`BotState` is the recsim "user state": patience left, time spent, titles reviewed,
what it played. :class:`SessionRecord` is its summary once the session ends: plain, frozen,
picklable data that the runner gathers from worker processes and :mod:`.metrics` reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .actions import Action


@dataclass
class PlayLog:
    """One play of the session, as the bot lived it."""

    title_id: int
    origin: str
    """Where it was opened from: "home" (a home-page row) or "search"."""
    affinity: float
    started_s: float
    """Session seconds at the play's start."""
    watched_s: float = 0.0
    """Content seconds watched (seeks excluded)."""
    fraction: float = 0.0
    """Where the play ended, as a share of the title's duration."""
    fit: float = 0.0
    """How well the title fits (0: the persona's top-decile utility, 1: its best)."""


@dataclass
class BotState:
    """The bot's memory within one session (virtual seconds, from the session's start)."""

    patience_s: float
    """Browsing seconds allowed without a play (reset after each play)."""
    elapsed_s: float = 0.0
    """Virtual seconds since the session started (browsing, reading and watching)."""
    browse_s: float = 0.0
    """Browsing seconds since the start or the latest play."""
    total_browse_s: float = 0.0
    """Browsing seconds over the whole session."""
    reviewed: list[int] = field(default_factory=list)
    """Titles looked at, in order (each once)."""
    opened: list[int] = field(default_factory=list)
    """Titles whose details were opened, in order."""
    declined: set[int] = field(default_factory=set)
    """Titles looked at or opened and not wanted (not considered again this session)."""
    plays: list[PlayLog] = field(default_factory=list)
    searches: int = 0
    page_ids: list[str] = field(default_factory=list)
    """Pages seen, in order."""
    decisions: list[Action] = field(default_factory=list)
    """Every action taken, in order (what two drivers must agree on)."""

    @property
    def patience_left_s(self) -> float:
        """Browsing seconds left before the bot gives up."""
        return self.patience_s - self.browse_s

    def spend(self, seconds: float, *, browsing: bool) -> None:
        """Let ``seconds`` pass (counted against patience when ``browsing``)."""
        self.elapsed_s += seconds
        if browsing:
            self.browse_s += seconds
            self.total_browse_s += seconds

    def review(self, title_id: int) -> bool:
        """Note a title as looked at; ``False`` if it already was."""
        if title_id in self._reviewed_set:
            return False
        self._reviewed_set.add(title_id)
        self.reviewed.append(title_id)
        return True

    def is_reviewed(self, title_id: int) -> bool:
        """Whether the title was looked at this session."""
        return title_id in self._reviewed_set

    def __post_init__(self) -> None:
        self._reviewed_set: set[int] = set(self.reviewed)


FINISHED = 0.9
"""A play that ended this far into a title finished it (the bot will not replay it)."""


@dataclass
class BotMemory:
    """What a bot remembers from its earlier sessions (carried from one to the next)."""

    passed: dict[int, int] = field(default_factory=dict)
    """Title -> how many sessions the bot looked at it (or read its details) and passed."""
    finished: set[int] = field(default_factory=set)
    """Titles it watched to the end."""

    def remember(self, state: BotState) -> None:
        """Fold a finished session in."""
        played = {p.title_id for p in state.plays}
        for title_id in state.declined - played:
            self.passed[title_id] = self.passed.get(title_id, 0) + 1
        for play in state.plays:
            self.passed.pop(play.title_id, None)
            if play.fraction >= FINISHED:
                self.finished.add(play.title_id)


@dataclass(frozen=True)
class SessionRecord:
    """One bot session, summarised (what the metrics read)."""

    policy: str
    bot: int
    session: int
    kind: str
    """The persona kind."""
    abandoned: bool
    """Ended by giving up: no play before patience ran out."""
    plays: int
    first_play_s: float | None
    """Session seconds until the first play started (None without a play)."""
    watch_s: float
    """Content seconds watched over the session."""
    home_watch_s: float
    """Of which started from a home-page row (not search)."""
    reviewed: int
    """Titles looked at."""
    opened: int
    """Details opened."""
    searches: int
    page_views: int
    duration_s: float
    """Session clock from start to end."""
    browse_s: float
    """Seconds spent browsing (not watching)."""
    played_affinity: tuple[float, ...] = ()
    """The bot's true affinity for each title it played, in order."""
    played_fraction: tuple[float, ...] = ()
    """How far into each title it played the play ended (share of the duration)."""
    match_shown: tuple[int, ...] = ()
    """% match of each first-screen tile of each page view."""
    match_affinity: tuple[float, ...] = ()
    """The bot's true affinity for the same tiles."""
    shown: tuple[int, ...] = ()
    """Distinct titles shown on first screens or looked at (for catalogue coverage)."""
    page_diversity: tuple[float, ...] = ()
    """Intra-page diversity of each page view's first screen (mean pairwise 1 - cosine
    of the titles' true vectors)."""
    decisions: tuple[Action, ...] = ()
    """Every action, in order."""

    @property
    def played(self) -> bool:
        """Whether anything was played."""
        return self.plays > 0


__all__ = ["FINISHED", "BotMemory", "BotState", "PlayLog", "SessionRecord"]
