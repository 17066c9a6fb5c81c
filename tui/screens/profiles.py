"""The "Who's watching?" profile picker."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Middle
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from netflix_sim.engine.types import ProfileInfo

from ..messages import ProfileChosen
from ..widgets.profile_card import ProfileCard


class ProfilesScreen(Screen[None]):
    """Profile cards in a row: arrows move, Enter (or a click) picks one."""

    CSS_PATH = "profiles.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("left", "move(-1)", "Previous", group=Binding.Group("Choose", compact=True)),
        Binding("right", "move(1)", "Next", group=Binding.Group("Choose", compact=True)),
        Binding("enter", "choose", "Watch"),
    ]

    selected: reactive[int] = reactive(0)
    """Index of the profile under the cursor."""

    def __init__(self, profiles: list[ProfileInfo]) -> None:
        """Offer ``profiles``."""
        super().__init__()
        self.profiles = list(profiles)
        """The viewer profiles offered."""

    def compose(self) -> ComposeResult:
        """Brand, question, cards, hint and footer."""
        yield Static("NETFLIX-SIM", id="brand")
        with Middle(id="picker"):
            yield Center(Static("Who's watching?", id="question"))
            with Center(), Horizontal(id="cards"):
                for index, profile in enumerate(self.profiles):
                    yield ProfileCard(profile, index)
            if not self.profiles:
                yield Center(Static("This catalog has no viewer profiles.", id="empty"))
            yield Center(Static("← → to choose · Enter to watch", id="hint"))
        yield Footer()

    def on_mount(self) -> None:
        """Highlight the first card."""
        self.watch_selected(self.selected)

    def watch_selected(self, selected: int) -> None:
        """Move the highlight."""
        for card in self.query(ProfileCard):
            card.selected = card.index == selected

    def action_move(self, delta: int) -> None:
        """Move the cursor along the cards."""
        if self.profiles:
            self.selected = max(0, min(len(self.profiles) - 1, self.selected + delta))

    def action_choose(self) -> None:
        """Watch as the highlighted profile."""
        if self.profiles:
            self.post_message(ProfileChosen(self.profiles[self.selected]))

    @on(ProfileCard.Clicked)
    def _clicked(self, message: ProfileCard.Clicked) -> None:
        self.selected = message.card.index
        self.action_choose()
