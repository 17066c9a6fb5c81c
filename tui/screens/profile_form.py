"""A small modal form: a profile's name and maturity (Kids, Teen or Adult)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from netflix_sim.engine import NetflixSimError
from netflix_sim.engine.catalog import MAX_PROFILE_NAME
from netflix_sim.engine.types import ProfileInfo

from ..widgets.key_footer import KeyFooter
from .base import DialogScreen

MATURITY_CHOICES: tuple[tuple[str, str, int], ...] = (
    ("Kids", "titles for all ages only", 0),
    ("Teen", "up to PG-13 and TV-14", 3),
    ("Adult", "every title", 4),
)
"""(label, what it shows, engine maturity level) of each choice, youngest first."""

Save = Callable[[str, int], ProfileInfo]
"""Stores the form's ``(name, maturity_level)``; raises a :class:`NetflixSimError` (or
``ValueError``) whose message the form shows when they cannot be stored."""


def choice_of(level: int) -> int:
    """Index in :data:`MATURITY_CHOICES` of the choice that shows a maturity ``level``."""
    for index, (_, _, top) in enumerate(MATURITY_CHOICES):
        if level <= top:
            return index
    return len(MATURITY_CHOICES) - 1


class ProfileForm(DialogScreen[ProfileInfo | None]):
    """Name and maturity of a new or existing profile; dismissed with the stored profile
    (or ``None`` when cancelled). Errors from ``save`` show under the name."""

    HELP_NAME = "Profile form"
    """What the help screen calls this screen."""
    CSS_PATH = "profile_form.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, heading: str, save: Save, profile: ProfileInfo | None = None) -> None:
        """A form titled ``heading``, filled in from ``profile`` if given, stored by ``save``."""
        super().__init__()
        self.heading = heading
        """Title of the form ("Add profile", "Edit profile")."""
        self.save = save
        """Stores the name and maturity level."""
        self.profile = profile
        """The profile edited (``None``: a new one)."""
        self.level = profile.maturity_level if profile is not None else 4
        """Maturity level stored; a choice moves it to the choice's level."""

    def compose(self) -> ComposeResult:
        """Heading, name, maturity choices, error line, buttons and footer."""
        chosen = choice_of(self.level)
        with Vertical(id="form"):
            yield Static(self.heading, id="form-title")
            yield Label("Name", classes="field")
            yield Input(
                self.profile.name if self.profile else "",
                placeholder="Profile name",
                max_length=MAX_PROFILE_NAME,
                compact=True,
                id="name",
            )
            yield Label("Maturity", classes="field")
            with RadioSet(id="maturity"):
                for index, (label, shows, _) in enumerate(MATURITY_CHOICES):
                    yield RadioButton(f"{label} · {shows}", value=index == chosen)
            yield Static(id="error")
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", compact=True, id="save")
                yield Button("Cancel", compact=True, id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start in the name box."""
        self.query_one("#name", Input).focus()

    @on(RadioSet.Changed, "#maturity")
    def _maturity_changed(self, event: RadioSet.Changed) -> None:
        chosen = MATURITY_CHOICES[event.index][2]
        if choice_of(self.level) != event.index:
            self.level = chosen

    @on(Input.Changed, "#name")
    def _name_changed(self) -> None:
        self.show_error("")

    def show_error(self, message: str) -> None:
        """Show ``message`` under the fields (empty: hide it)."""
        error = self.query_one("#error", Static)
        error.update(message)
        error.display = bool(message)

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Store the profile and close, or show why it cannot be stored."""
        name = self.query_one("#name", Input).value
        try:
            stored = self.save(name, self.level)
        except (NetflixSimError, ValueError) as error:
            message = str(error)
            self.show_error(message[:1].upper() + message[1:])
            self.query_one("#name", Input).focus()
            return
        self.dismiss(stored)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without storing anything."""
        self.dismiss(None)
