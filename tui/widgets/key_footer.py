"""The footer of every screen: Textual's :class:`~textual.widgets.Footer`, recomposed only
when the keys it shows change.

Textual's footer starts empty and recomposes all of its keys (a widget each, styled as it
mounts) whenever its screen's bindings may have changed: when the screen is covered, when
it shows again, when the focus moves. Most of those times the keys are the same, and the
recompose costs a new layout and a repaint of the screen. This footer composes its keys
with its screen, remembers what it showed, and recomposes only for a different set, while
its screen is the one shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

KeysShown = tuple[tuple[object, ...], ...]
"""What a footer shows: one entry per binding shown (and the palette's key)."""


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that recomposes only when its keys change."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """A footer for the bindings of the screen it is on."""
        super().__init__(id=id, classes=classes)
        self._shown: KeysShown | None = None

    def keys_shown(self) -> KeysShown:
        """The bindings the footer would show now, as comparable values."""
        app = self.app
        shown: list[tuple[object, ...]] = [
            (
                binding.key,
                binding.action,
                binding.description,
                app.get_key_display(binding),
                binding.group.description if binding.group else None,
                binding.group.compact if binding.group else None,
                enabled,
                tooltip,
            )
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.key == app.COMMAND_PALETTE_BINDING
        ]
        shown.append((self.compact, self.show_command_palette, app.ENABLE_COMMAND_PALETTE))
        return tuple(shown)

    def compose(self) -> ComposeResult:
        """The keys of the screen's bindings (at once: no empty first composition)."""
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self.keys_shown()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # bound to the footer's compact: mounted as it will stay (no restyles)
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        """Recompose if the keys to show changed, when ``screen`` is ours and shown."""
        if not (self.is_attached and screen is self.screen and screen.is_current):
            return  # a covered screen's footer is brought up to date when it shows again
        if screen.app.app_focus and self.keys_shown() != self._shown:
            self.call_after_refresh(self.recompose)
