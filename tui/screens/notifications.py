"""The bell's notices in a panel under the top bar: Enter or a click opens one."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netflix_sim.engine.types import Notice

from ..widgets.art import RED
from ..widgets.ink import DARK_INK, FollowsTheme, Ink, ink_of
from ..widgets.key_footer import KeyFooter
from .base import DialogScreen

_KIND_MARK = {"new_season": "NEW SEASON", "new_arrival": "NEW ARRIVAL"}


def notice_text(notice: Notice, ink: Ink = DARK_INK) -> Text:
    """Two lines: a kind mark and the message, then the detail, in ``ink``."""
    mark = _KIND_MARK.get(notice.kind, "NEW")
    colour = ink.match if notice.kind == "new_arrival" else RED
    text = Text()
    text.append("\u25cf " if not notice.read else "  ", Style(color=RED, bold=True))
    text.append(f"{mark}  ", Style(color=colour, bold=True))
    text.append(notice.title, Style(color=ink.strong, bold=not notice.read))
    text.append(f"\n    {notice.detail}", Style(color=ink.muted))
    return text


class NotificationsScreen(FollowsTheme, DialogScreen[Notice | None]):
    """The profile's notices, newest first; dismissed with the notice opened (or None)."""

    CSS_PATH = "notifications.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("escape,n", "dismiss_none", "Close", key_display="esc"),
    ]

    def __init__(self, notices: list[Notice]) -> None:
        """List ``notices``."""
        super().__init__()
        self.notices = list(notices)
        """The notices shown, in order."""

    def compose(self) -> ComposeResult:
        """A titled panel with one option per notice."""
        ink = ink_of(self)
        with Vertical(id="panel"):
            yield Static(self._title(ink), id="notices-title")
            if self.notices:
                yield OptionList(
                    *(Option(notice_text(n, ink), id=n.id) for n in self.notices), id="notices"
                )
            else:
                yield Static("Nothing new for you right now.", id="notices-empty")
            yield Static("\u2191\u2193 choose · Enter open · Esc close", id="notices-hint")
        yield KeyFooter()

    def _title(self, ink: Ink) -> Text:
        return Text.assemble(
            ("Notifications", Style(color=ink.strong, bold=True)),
            (f"  {len(self.notices)}", Style(color=ink.muted)),
        )

    def on_mount(self) -> None:
        """Draw the notices again, in the new ink, when the theme changes."""
        self.follow_theme(self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        ink = ink_of(self)
        self.query_one("#notices-title", Static).update(self._title(ink))
        for options in self.query("#notices").results(OptionList):
            for index, notice in enumerate(self.notices):
                options.replace_option_prompt_at_index(index, notice_text(notice, ink))

    @on(OptionList.OptionSelected, "#notices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.notices[event.option_index])

    def action_dismiss_none(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
