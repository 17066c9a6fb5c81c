"""A simulated player whose position follows the session clock."""

from __future__ import annotations

from .clock import Clock
from .types import PlaybackState


class Playback:
    """Plays one title: position advances with clock time x speed while playing."""

    def __init__(
        self,
        clock: Clock,
        title_id: int,
        duration_s: float,
        *,
        start_s: float = 0.0,
        speed: float = 1.0,
    ) -> None:
        """Start playing ``title_id`` at ``start_s`` seconds."""
        if speed <= 0:
            raise ValueError("playback speed must be positive")
        self._clock = clock
        self.title_id = title_id
        self.duration_s = float(duration_s)
        self._position = min(max(start_s, 0.0), self.duration_s)
        self._watched = 0.0
        self._speed = float(speed)
        self._playing = True
        self._since_ms = clock.now_ms()

    def _settle(self) -> None:
        """Fold the time since the last change into position and watched time."""
        now = self._clock.now_ms()
        if self._playing:
            advance = (now - self._since_ms) / 1000 * self._speed
            advance = min(advance, self.duration_s - self._position)
            self._position += advance
            self._watched += advance
            if self._position >= self.duration_s:
                self._playing = False
        self._since_ms = now

    def state(self) -> PlaybackState:
        """Where playback stands now."""
        self._settle()
        return PlaybackState(
            title_id=self.title_id,
            duration_s=self.duration_s,
            position_s=round(self._position, 3),
            watched_s=round(self._watched, 3),
            playing=self._playing,
            speed=self._speed,
            finished=self._position >= self.duration_s,
        )

    def pause(self) -> PlaybackState:
        """Stop the position advancing."""
        self._settle()
        self._playing = False
        return self.state()

    def resume(self) -> PlaybackState:
        """Let the position advance again (unless finished)."""
        self._settle()
        self._playing = self._position < self.duration_s
        return self.state()

    def seek(self, delta_s: float) -> PlaybackState:
        """Jump ``delta_s`` seconds (negative rewinds); seeking does not count as watching."""
        self._settle()
        self._position = min(max(self._position + delta_s, 0.0), self.duration_s)
        if self._position >= self.duration_s:
            self._playing = False
        return self.state()

    def set_speed(self, speed: float) -> PlaybackState:
        """Change how many content seconds pass per clock second."""
        if speed <= 0:
            raise ValueError("playback speed must be positive")
        self._settle()
        self._speed = float(speed)
        return self.state()
