"""The "Who's watching?" profile picker, where profiles are also added, edited and deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, HorizontalScroll, Middle
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from netflix_sim.engine.types import ProfileInfo

from ..messages import ProfileChosen
from ..widgets.ink import FollowsTheme
from ..widgets.key_footer import KeyFooter
from ..widgets.profile_card import ProfileCard
from .base import StyledOnce
from .confirm_delete import ConfirmDelete
from .profile_form import ProfileForm

if TYPE_CHECKING:
    from netflix_sim.engine import Catalog

MAX_PROFILES = 10
"""Most viewer profiles the picker lets you add (the cards scroll when they do not fit)."""

_CHOOSE = Binding.Group("Choose", compact=True)


class ProfilesScreen(StyledOnce, FollowsTheme, Screen[None]):
    """Profile cards in a row: arrows move, Enter (or a click) picks one; ``a`` adds a
    profile, ``e`` (or ``r``) edits its name and maturity, ``x`` deletes it."""

    HELP_NAME = "Who's watching?"
    """What the help screen calls this screen."""
    CSS_PATH = "profiles.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("left", "move(-1)", "Previous", group=_CHOOSE),
        Binding("right", "move(1)", "Next", group=_CHOOSE),
        Binding("enter", "choose", "Watch"),
        Binding("a", "add", "Add"),
        Binding("e,r", "edit", "Edit"),
        Binding("x", "delete", "Delete"),
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
            with Center(), HorizontalScroll(id="cards", can_focus=False):
                for index, profile in enumerate(self.profiles):
                    yield ProfileCard(profile, index)
            if not self.profiles:
                yield Center(Static("This catalog has no viewer profiles.", id="empty"))
            yield Center(Static("← → choose · Enter watch · a add · e edit · x delete", id="hint"))
        yield KeyFooter()

    @property
    def catalog(self) -> Catalog:
        """The app's catalog, where profiles are stored."""
        return cast("Catalog", self.app.catalog)  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        """Highlight the first card; redraw the cards when the theme changes."""
        self.watch_selected(self.selected)
        self.follow_theme(self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        for card in self.query(ProfileCard):
            card.refresh()

    @property
    def profile(self) -> ProfileInfo | None:
        """The profile under the cursor."""
        return self.profiles[self.selected] if self.profiles else None

    def watch_selected(self, selected: int) -> None:
        """Move the highlight."""
        for card in self.query(ProfileCard):
            card.selected = card.index == selected
            if card.selected:
                self.call_after_refresh(self._scroll_to, card)

    def _scroll_to(self, card: ProfileCard) -> None:
        if card.is_attached:
            self.query_one("#cards").scroll_to_widget(card, animate=False)

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

    # -- managing profiles --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit, delete and watch need a profile; add needs room for one more (greyed out
        otherwise)."""
        if action in ("edit", "delete", "choose", "move") and not self.profiles:
            return None
        if action == "add" and len(self.profiles) >= MAX_PROFILES:
            return None
        return True

    @work
    async def action_add(self) -> None:
        """Ask for a new profile's name and maturity, and add it."""
        if len(self.profiles) >= MAX_PROFILES:
            self.notify(f"At most {MAX_PROFILES} profiles: delete one first", severity="warning")
            return

        def save(name: str, level: int) -> ProfileInfo:
            return self.catalog.create_profile(name, maturity_level=level)

        added = await self.app.push_screen_wait(ProfileForm("Add profile", save))
        if added is not None:
            await self.reload(added.id)
            self.notify(f"Added {added.name}")

    @work
    async def action_edit(self) -> None:
        """Change the name and maturity of the profile under the cursor."""
        profile = self.profile
        if profile is None:
            return

        def save(name: str, level: int) -> ProfileInfo:
            return self.catalog.update_profile(profile, name=name, maturity_level=level)

        edited = await self.app.push_screen_wait(ProfileForm("Edit profile", save, profile))
        if edited is not None:
            await self.reload(edited.id)

    @work
    async def action_delete(self) -> None:
        """Delete the profile under the cursor, once confirmed."""
        profile = self.profile
        if profile is None:
            return
        if await self.app.push_screen_wait(ConfirmDelete(profile)):
            self.catalog.delete_profile(profile)
            await self.reload(None)
            self.notify(f"Deleted {profile.name}")

    async def reload(self, select: int | None) -> None:
        """Show the stored profiles again, the cursor on profile ``select`` if given (else
        where it was)."""
        self.profiles = self.catalog.profiles()
        ids = [p.id for p in self.profiles]
        index = ids.index(select) if select in ids else self.selected
        self.set_reactive(ProfilesScreen.selected, max(0, min(len(ids) - 1, index)))
        await self.recompose()
        self.watch_selected(self.selected)
        self.refresh_bindings()
