"""Every key binding of the screen underneath, in a modal panel."""

from __future__ import annotations

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from ..widgets.art import MUTED, RED


def bindings_table(screen: Screen) -> Table:
    """A table of the keys active on ``screen`` (its own, then the app's)."""
    table = Table.grid(padding=(0, 3))
    table.add_column(justify="right", style=Style(color="#ffffff", bold=True))
    table.add_column(style=Style(color="#e5e5e5"))
    rows: dict[str, list[str]] = {}
    ordered = sorted(screen.active_bindings.values(), key=lambda a: a.node is screen.app)
    for active in ordered:
        binding = active.binding
        if (
            binding.system
            or not binding.description
            or not (binding.show or binding.action == "quit")
        ):
            continue
        label = binding.key_display or screen.app.get_key_display(binding)
        keys = rows.setdefault(binding.description, [])
        if label not in keys:
            keys.append(label)
    for description, keys in rows.items():
        table.add_row(" / ".join(keys), description)
    return table


class HelpScreen(ModalScreen[None]):
    """Key bindings of the screen it covers."""

    CSS_PATH = "help.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("escape,question_mark", "dismiss", "Close", key_display="esc"),
    ]

    def __init__(self, covered: Screen) -> None:
        """List the bindings of ``covered``."""
        super().__init__()
        self.table = bindings_table(covered)
        """The bindings, captured while ``covered`` was active."""
        self.covered_name = type(covered).__name__.removesuffix("Screen") or "App"
        """Name of the covered screen."""

    def compose(self) -> ComposeResult:
        """A titled panel of keys."""
        with Vertical(id="panel"):
            yield Static(
                Text.assemble(
                    ("Keys", Style(color=RED, bold=True)),
                    (f" · {self.covered_name}", Style(color=MUTED)),
                ),
                id="help-title",
            )
            yield Static(self.table, id="help-keys")
            yield Static("esc or ? to close", id="help-hint")
        yield Footer()
