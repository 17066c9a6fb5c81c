"""The command palette (ctrl+p): go to a screen, toggle the theme, get help, quit."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import NetflixSimApp


@dataclass(frozen=True)
class PaletteCommand:
    """One command of the palette: what it shows and the app action it runs."""

    name: str
    """What the palette lists."""
    help: str
    """One line under the name."""
    action: str
    """App action run when chosen (``"go_home"`` runs ``NetflixSimApp.action_go_home``)."""
    needs_home: bool = False
    """Only offered while a profile's home page is open (under other screens or not)."""


COMMANDS: tuple[PaletteCommand, ...] = (
    PaletteCommand("Home", "Back to the home page", "go_home", needs_home=True),
    PaletteCommand("Search", "Search titles, genres, tags and cast", "go_search", needs_home=True),
    PaletteCommand("My List", "Go to the My List row of the home page", "go_my_list", True),
    PaletteCommand("Profiles", "Who's watching? Switch, add, edit or delete", "go_profiles"),
    PaletteCommand("Help", "Every key of this screen", "help"),
    PaletteCommand("Toggle dark/light theme", "Dark or light, with the red accent", "toggle_theme"),
    PaletteCommand("Quit", "Leave netflix-sim", "quit"),
)
"""Every command, in the order the palette lists them."""


def available_commands(app: NetflixSimApp) -> list[PaletteCommand]:
    """The commands that make sense now (the screen-changing ones need a home page)."""
    return [c for c in COMMANDS if not c.needs_home or app.home_screen is not None]


class NetflixCommands(Provider):
    """Offers :data:`COMMANDS` to the palette: all of them before typing, fuzzy after."""

    @property
    def netflix(self) -> NetflixSimApp:
        """The app, typed."""
        return cast("NetflixSimApp", self.app)

    async def discover(self) -> Hits:
        """Every available command, in order."""
        for command in available_commands(self.netflix):
            yield DiscoveryHit(
                command.name, partial(self.app.run_action, command.action), help=command.help
            )

    async def search(self, query: str) -> Hits:
        """The available commands whose name matches ``query``, best first."""
        matcher = self.matcher(query)
        for command in available_commands(self.netflix):
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.name),
                    partial(self.app.run_action, command.action),
                    help=command.help,
                )
