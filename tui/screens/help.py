"""Every key binding of the screen underneath (and the app's), in a modal panel."""

from __future__ import annotations

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..widgets.art import RED
from ..widgets.key_footer import KeyFooter
from .base import DialogScreen

_TEXTUAL_SCREEN_ACTIONS = frozenset(b.action for b in Screen.BINDINGS if isinstance(b, Binding))
"""Textual's own screen keys (focus next/previous, copy): not ours to list."""


def screen_keys(screen: Screen) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Keys of ``screen`` and of the app, each as ``{description: [key, ...]}`` in order.

    Every binding with a description counts, shown in the footer or not (``ctrl+c`` quits
    too); a focused widget's own keys (editing in a text box) and Textual's focus keys do
    not. A dialog's bindings of the app's actions (``app.toggle_theme``) are the app's.
    """
    own: dict[str, list[str]] = {}
    app_keys: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not binding.description or binding.action in _TEXTUAL_SCREEN_ACTIONS:
            continue
        if active.node is screen.app or binding.action.startswith("app."):
            rows = app_keys
        elif active.node is screen:
            rows = own
        else:
            continue
        label = binding.key_display or screen.app.get_key_display(binding)
        keys = rows.setdefault(binding.description, [])
        if label not in keys:
            keys.append(label)
    return own, app_keys


def bindings_table(screen: Screen, name: str) -> Table:
    """A table of the keys active on ``screen``: its own under ``name``, then the app's."""
    table = Table.grid(padding=(0, 3))
    table.add_column(justify="right", style=Style(bold=True))
    table.add_column()
    own, app_keys = screen_keys(screen)
    heading = Style(color=RED, bold=True)
    for title, rows in ((name, own), ("Everywhere", app_keys)):
        if not rows:
            continue
        if table.row_count:
            table.add_row("", "")
        table.add_row("", Text(title, heading))
        for description, keys in rows.items():
            table.add_row(" / ".join(keys), description)
    return table


class HelpScreen(DialogScreen[None]):
    """Key bindings of the screen it covers."""

    CSS_PATH = "help.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("escape,question_mark", "dismiss", "Close", key_display="esc"),
    ]

    def __init__(self, covered: Screen) -> None:
        """List the bindings of ``covered``."""
        super().__init__()
        self.covered_name = screen_name(covered)
        """Name of the covered screen."""
        self.table = bindings_table(covered, self.covered_name)
        """The bindings, captured while ``covered`` was active."""

    def compose(self) -> ComposeResult:
        """A titled panel of keys (scrolling on a short terminal)."""
        with VerticalScroll(id="panel"):
            yield Static(Text("Keys", Style(color=RED, bold=True)), id="help-title")
            yield Static(self.table, id="help-keys")
            yield Static("esc or ? to close", id="help-hint")
        yield KeyFooter()


def screen_name(screen: Screen) -> str:
    """What the help calls ``screen``: its ``HELP_NAME``, else its class name."""
    name = getattr(screen, "HELP_NAME", None)
    return name or type(screen).__name__.removesuffix("Screen") or "App"
