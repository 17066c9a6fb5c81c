"""Bases of our screens: made for the terminal's size at once, and those that record
through the current session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import events
from textual._context import NoActiveAppError
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from ..widgets.ink import FollowsTheme

if TYPE_CHECKING:
    from textual.app import App

    from netflix_sim.engine import Session

    from ..app import NetflixSimApp


def breakpoint_classes(app: App[Any], screen: Screen[Any], width: int, height: int) -> set[str]:
    """The breakpoint classes (``-narrow``, ``-tall``...) Textual gives ``screen`` at
    ``width`` x ``height`` cells: for each axis, the class of the largest breakpoint met."""
    classes = set()
    horizontal, vertical = screen.HORIZONTAL_BREAKPOINTS, screen.VERTICAL_BREAKPOINTS
    axes = (
        (width, (app.HORIZONTAL_BREAKPOINTS if horizontal is None else horizontal) or []),
        (height, (app.VERTICAL_BREAKPOINTS if vertical is None else vertical) or []),
    )
    for size, breakpoints in axes:
        for threshold, name in sorted(breakpoints, reverse=True):
            if size >= threshold:
                classes.add(name)
                break
    return classes


class StyledOnce:
    """Mixin (before :class:`~textual.screen.Screen` in a screen's bases): the screen is
    styled once, as it mounts, not three times.

    Textual styles a new screen's widgets as they mount, then again when the screen is
    first shown (``ScreenResume`` asks for fresh styles) and again when its first resize
    adds the breakpoint classes (``-narrow``, ``-tall``...). Here the breakpoint classes are
    set before it mounts, and the first showing restyles the screen alone (styled before
    its class's CSS file was first read), not the widgets that just mounted with their
    styles; a screen shown again (after another was over it) is restyled as usual.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """A screen with the breakpoint classes of the app's current size."""
        super().__init__(*args, **kwargs)
        self._shown_before = False
        screen = cast("Screen[Any]", self)
        try:
            app = screen.app
        except NoActiveAppError:  # made outside a running app: Textual adds them
            return
        width, height = app.size
        screen.add_class(*breakpoint_classes(app, screen, width, height), update=False)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first showing keeps the styles its widgets mounted with."""
        if self._shown_before:
            return
        self._shown_before = True
        if event.refresh_styles:
            event.refresh_styles = False
            screen = cast("Screen[Any]", self)
            screen.app.stylesheet.update_nodes([screen], animate=False)


ResultT = TypeVar("ResultT")


class DialogScreen(StyledOnce, ModalScreen[ResultT]):
    """A modal screen (help, a form, the notices...) on which the app's keys that make sense
    in a dialog still work: theme, command palette and help.

    Textual gives a modal screen its own keys only (the app's wait until it closes, bar
    priority ones); these bind the app's actions on the dialog itself, so they work, and
    its footer and help list them. Quit (q) and the researcher panel stay on the screens
    below: a dialog is answered or closed first. A focused text box keeps its printable
    keys (``?`` types a question mark).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("ctrl+t", "app.toggle_theme", "Theme", key_display="^t"),
        # shown at the right of the footer, as on every screen
        Binding("ctrl+p", "app.command_palette", "Commands", key_display="^p", show=False),
    ]


class SessionScreen(StyledOnce, FollowsTheme, Screen[None]):
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
