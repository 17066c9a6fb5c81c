"""The home page's scrolling column of rows, where the mouse wheel moves the cursor."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.containers import VerticalScroll
from textual.message import Message


class PageScroll(VerticalScroll):
    """Rows of the home page. The wheel does not scroll the view by itself: it asks the
    screen to move the cursor a row (or, with shift, a tile), as the arrow keys do, so a
    wheel scroll is recorded like a key's."""

    @dataclass
    class Wheel(Message):
        """The wheel turned over the rows: move ``rows`` down (or up) or ``cols`` along."""

        rows: int
        cols: int

    def _wheel(self, event: events.MouseEvent, step: int) -> None:
        event.prevent_default()
        event.stop()
        sideways = event.shift or event.ctrl
        self.post_message(self.Wheel(0 if sideways else step, step if sideways else 0))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """Down a row (shift: right a tile)."""
        self._wheel(event, 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """Up a row (shift: left a tile)."""
        self._wheel(event, -1)

    def on_mouse_scroll_right(self, event: events.MouseScrollRight) -> None:
        """Right a tile (a sideways wheel or a trackpad)."""
        event.prevent_default()
        event.stop()
        self.post_message(self.Wheel(0, 1))

    def on_mouse_scroll_left(self, event: events.MouseScrollLeft) -> None:
        """Left a tile."""
        event.prevent_default()
        event.stop()
        self.post_message(self.Wheel(0, -1))
