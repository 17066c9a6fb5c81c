"""Asks before a profile is deleted."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from netflix_sim.engine.types import ProfileInfo

from ..widgets.key_footer import KeyFooter
from .base import DialogScreen


class ConfirmDelete(DialogScreen[bool]):
    """ "Delete <name>?": dismissed with ``True`` to delete, ``False`` to keep."""

    HELP_NAME = "Delete profile"
    """What the help screen calls this screen."""
    CSS_PATH = "confirm_delete.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("y", "answer(True)", "Delete"),
        Binding("n,escape", "answer(False)", "Keep"),
    ]

    def __init__(self, profile: ProfileInfo) -> None:
        """Ask about ``profile``."""
        super().__init__()
        self.profile = profile
        """The profile that would be deleted."""

    def compose(self) -> ComposeResult:
        """The question, what it means, two buttons and the footer."""
        with Vertical(id="confirm"):
            yield Static(f"Delete {self.profile.name}?", id="confirm-title")
            yield Static(
                "Its ratings and My List go. Its viewing history stays in the research "
                "trace, under a deleted profile.",
                id="confirm-text",
            )
            with Horizontal(id="buttons"):
                yield Button("Delete", variant="error", id="delete")
                yield Button("Keep", id="keep")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Keep is the safe default."""
        self.query_one("#keep", Button).focus()

    def action_answer(self, delete: bool) -> None:
        """Close with the answer."""
        self.dismiss(delete)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "delete")
