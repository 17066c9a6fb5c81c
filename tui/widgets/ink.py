"""The colours of the text, borders and buttons drawn in Python, for a dark or light theme.

Widgets that draw Rich text themselves (rows, the billboard, details...) take
``ink_for(self.app.current_theme.dark)`` when drawing, and the ``.tcss`` files use the same
colours as ``$ink-*`` CSS variables (:meth:`Ink.css_variables`, added by the app for the
current theme). Posters are pictures and keep their own colours in either theme; the red
accent is the same in both.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, cast

from textual._context import NoActiveAppError

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.theme import Theme

RED = "#e50914"
"""The accent colour (both themes)."""


@dataclass(frozen=True)
class Ink:
    """Text, border and button colours for one theme (hex strings)."""

    dark: bool
    """Whether these are for a dark background."""
    strong: str
    """Names and headings: the brightest (dark) or darkest (light) text."""
    body: str
    """Ordinary text: facts, row names of inactive rows, credits' values."""
    soft: str
    """Long text: the billboard's synopsis."""
    subtle: str
    """Secondary blocks of text (details' credits)."""
    muted: str
    """Secondary text: years, reasons, hints, positions."""
    faint: str
    """Barely there: a tile's border, a row that fell, a bell without notices."""
    line: str
    """Lines and chips that should stay quiet: a dimmed tile's border, input borders."""
    highlight: str
    """The cursor tile's border and the row arrows."""
    match: str
    """"% match" and good news (playing, a row that climbed)."""
    warn: str
    """Paused."""
    card: str
    """Background of a tile's info strip."""
    chip: str
    """Background of grey pills (maturity, badges) and progress tracks."""
    chip_text: str
    """Text on :attr:`chip`."""
    pill: str
    """Background of a bright pill ("New Episodes")."""
    pill_text: str
    """Text on :attr:`pill`."""
    button: str
    """Background of the main button (Play) and a chosen toggle."""
    button_text: str
    """Text on :attr:`button`."""
    button2: str
    """Background of the second button (More Info)."""
    button2_text: str
    """Text on :attr:`button2`."""
    toggle: str
    """Background of an unchosen toggle (My List, thumbs) and a highlighted list option."""
    focus: str
    """Background of a focused row of results."""
    scrim: str
    """What a modal panel lays over the page under it (a CSS colour, with alpha)."""

    def css_variables(self) -> dict[str, str]:
        """The colours as CSS variables: ``{"ink-strong": "#ffffff", ...}``."""
        return {
            f"ink-{name.replace('_', '-')}": value
            for name, value in asdict(self).items()
            if isinstance(value, str)
        }


DARK_INK = Ink(
    dark=True,
    strong="#ffffff",
    body="#e5e5e5",
    soft="#d0d0d0",
    subtle="#b3b3b3",
    muted="#8c8c8c",
    faint="#5a5a5a",
    line="#333333",
    highlight="#ffffff",
    match="#46d369",
    warn="#e5b910",
    card="#181818",
    chip="#333333",
    chip_text="#e5e5e5",
    pill="#e5e5e5",
    pill_text="#000000",
    button="#ffffff",
    button_text="#000000",
    button2="#4d4d4d",
    button2_text="#ffffff",
    toggle="#2a2a2a",
    focus="#0b0b0b",
    scrim="black 40%",
)
"""Ink on black: white and greys."""

LIGHT_INK = Ink(
    dark=False,
    strong="#141414",
    body="#2e2e2e",
    soft="#3d3d3d",
    subtle="#4f4f4f",
    muted="#6b6b6b",
    faint="#a8a8a4",
    line="#d2d2ce",
    highlight="#141414",
    match="#1e8f3e",
    warn="#b8860b",
    card="#ffffff",
    chip="#e2e2de",
    chip_text="#2e2e2e",
    pill="#2e2e2e",
    pill_text="#ffffff",
    button="#141414",
    button_text="#ffffff",
    button2="#dcdcd8",
    button2_text="#141414",
    toggle="#e8e8e4",
    focus="#ebebe7",
    scrim="black 15%",
)
"""Ink on off-white: near-black and greys."""


def ink_for(dark: bool) -> Ink:
    """The ink for a dark (``True``) or light theme."""
    return DARK_INK if dark else LIGHT_INK


def ink_of(node: DOMNode) -> Ink:
    """The ink of the theme ``node``'s app is in now."""
    return ink_for(node.app.current_theme.dark)


class FollowsTheme:
    """Mixin for widgets and screens that draw in the theme's ink: :meth:`follow_theme`
    calls them back when the theme changes, for as long as they are mounted.

    Textual's signal keeps each subscriber (and all it holds: a whole screen) until the
    next publish, so a closed screen would live on until the theme next changed; this
    mixin unsubscribes as the node unmounts.
    """

    def follow_theme(self, callback: Callable[[Theme], object]) -> None:
        """Call ``callback`` with the new theme whenever the app's theme changes."""
        node = cast("DOMNode", self)
        node.app.theme_changed_signal.subscribe(node, callback)

    def on_unmount(self) -> None:
        """Stop following the theme (and so let the node be freed)."""
        node = cast("DOMNode", self)
        with suppress(NoActiveAppError):
            node.app.theme_changed_signal.unsubscribe(node)
