"""The netflix-sim Textual app and its one factory, :func:`make_app`.

The app owns the catalog (when it opened it), the current :class:`Session` and the screen
stack: "Who's watching?" -> ("Pick 3 you like", for a new profile) -> home -> details ->
player. The engine's sessions are thread-safe, so the home page can be built in a thread
worker while keys record events.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.theme import Theme

from .commands import NetflixCommands
from .messages import OnboardingFinished, ProfileChosen
from .screens.home import HomeScreen
from .widgets.ink import ink_for

if TYPE_CHECKING:
    from netflix_sim.engine import Catalog, Clock, Session
    from netflix_sim.engine.types import ProfileInfo

# Screens other than home are imported when first shown: a faster start on a profile.


NETFLIX_RED = "#e50914"
"""The accent colour."""
MY_LIST_ROW = "mylist"
"""Id of the home page row the palette's "My List" goes to."""

NETFLIX_DARK = Theme(
    name="netflix-dark",
    primary=NETFLIX_RED,
    secondary="#b20710",
    accent=NETFLIX_RED,
    warning="#e5b910",
    error=NETFLIX_RED,
    success="#46d369",
    foreground="#e5e5e5",
    background="#000000",
    surface="#141414",
    panel="#181818",
    dark=True,
    variables={
        "netflix-red": NETFLIX_RED,
        "footer-background": "#0b0b0b",
        "footer-key-foreground": NETFLIX_RED,
        "footer-description-foreground": "#b3b3b3",
        "block-cursor-background": NETFLIX_RED,
        "input-selection-background": f"{NETFLIX_RED} 40%",
    },
)
"""Textual's dark theme the Netflix way: black background, near-black surfaces, red accent."""

NETFLIX_LIGHT = Theme(
    name="netflix-light",
    primary=NETFLIX_RED,
    secondary="#b20710",
    accent=NETFLIX_RED,
    warning="#b8860b",
    error="#c11119",
    success="#1e8f3e",
    foreground="#141414",
    background="#f5f5f1",
    surface="#ffffff",
    panel="#e6e6e6",
    dark=False,
    variables={
        "netflix-red": NETFLIX_RED,
        "footer-background": "#e6e6e6",
        "footer-key-foreground": "#c11119",
        "footer-description-foreground": "#333333",
        "block-cursor-background": NETFLIX_RED,
        "input-selection-background": f"{NETFLIX_RED} 30%",
    },
)
"""Textual's light theme the Netflix way: off-white background, white surfaces, red accent."""

THEMES = {"dark": NETFLIX_DARK, "light": NETFLIX_LIGHT}
"""The theme pair, by the name :attr:`NetflixSimApp.theme_mode` takes."""


class NetflixSimApp(App[None]):
    """A Netflix-like streaming client on a netflix-sim catalog."""

    TITLE = "NETFLIX-SIM"
    CSS_PATH = "app.tcss"
    COMMANDS = {NetflixCommands}  # noqa: RUF012 (Textual's own annotation)
    COMMAND_PALETTE_DISPLAY = "^p"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]  # noqa: RUF012
    BINDINGS = [  # noqa: RUF012 (Textual's own annotation)
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help", key_display="?"),
        # shown at the right of every footer (Footer's own palette key)
        Binding(
            "ctrl+p", "command_palette", "Commands", key_display="^p", show=False, priority=True
        ),
        Binding("ctrl+t", "toggle_theme", "Theme", key_display="^t"),
        Binding("ctrl+r", "toggle_researcher", "Research", key_display="^r"),
    ]

    def __init__(
        self,
        catalog: Catalog,
        *,
        owns_catalog: bool,
        profile: ProfileInfo | None = None,
        clock: Clock | None = None,
        device: str | None = "tv",
        onboarding: bool = True,
        policy: str = "als",
        seed: int = 0,
    ) -> None:
        """Run on an open ``catalog``; close it on exit when ``owns_catalog``.

        ``device=None`` uses each profile's own device; ``onboarding=False`` sends new
        profiles straight home; ``policy`` and ``seed`` go to every session.
        """
        super().__init__()
        self.catalog = catalog
        """The open catalog."""
        self.owns_catalog = owns_catalog
        """Whether the app closes the catalog on exit."""
        self.clock = clock
        """Clock given to every session (``None``: the engine's real clock)."""
        self.device = device
        """Device recorded in every event's context."""
        self.initial_profile = profile
        """Profile to open straight away, skipping the picker."""
        self.onboarding = onboarding
        """Whether a profile without signals picks titles it likes before its first home."""
        self.policy = policy
        """Recommendation policy of every session."""
        self.seed = seed
        """Seed of every session's random generator."""
        self._session: Session | None = None
        for theme in THEMES.values():
            self.register_theme(theme)
        self.theme = NETFLIX_DARK.name

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Our CSS variables: the red accent and the current theme's ``$ink-*`` colours
        (:class:`~.widgets.ink.Ink`, dark or light as the theme is)."""
        return {"netflix-red": NETFLIX_RED, **ink_for(self.current_theme.dark).css_variables()}

    @property
    def session(self) -> Session:
        """The current viewing session (raises if no profile was picked)."""
        if self._session is None:
            raise RuntimeError("no profile has been picked yet")
        return self._session

    @property
    def has_session(self) -> bool:
        """Whether a profile is being watched."""
        return self._session is not None

    def on_mount(self) -> None:
        """Show the picker, or go straight home when a profile was given (the picker is
        then made only when the profile is left: a faster start)."""
        if self.initial_profile is not None:
            self.start_profile(self.initial_profile)
        else:
            from .screens.profiles import ProfilesScreen

            self.push_screen(ProfilesScreen(self.catalog.profiles()))

    @on(ProfileChosen)
    def _profile_chosen(self, message: ProfileChosen) -> None:
        self.start_profile(message.profile)

    def start_profile(self, profile: ProfileInfo) -> None:
        """Start a session for ``profile`` and show its home page (onboarding first when
        the profile has no signals yet)."""
        self.end_session()
        session = self.catalog.start_session(
            profile, device=self.device, clock=self.clock, policy=self.policy, seed=self.seed
        )
        self._session = session
        if self.onboarding and session.is_new:
            from .screens.onboarding import OnboardingScreen

            self.push_screen(OnboardingScreen())
        else:
            self.push_screen(HomeScreen())

    @on(OnboardingFinished)
    def _onboarding_finished(self, message: OnboardingFinished) -> None:
        from .screens.onboarding import OnboardingScreen

        if isinstance(self.screen, OnboardingScreen):
            self.switch_screen(HomeScreen())

    def leave_profile(self) -> None:
        """End the session and go back to "Who's watching?"."""
        from .screens.profiles import ProfilesScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.leave_tile()
        self.end_session()
        if not any(isinstance(screen, ProfilesScreen) for screen in self.screen_stack):
            # started on a given profile: the picker takes the place of its first screen
            while len(self.screen_stack) > 2:
                self.pop_screen()
            self.switch_screen(ProfilesScreen(self.catalog.profiles()))
            return
        while not isinstance(self.screen, ProfilesScreen) and len(self.screen_stack) > 1:
            self.pop_screen()

    def end_session(self) -> None:
        """End the current session (records session_end and flushes), if any."""
        if self._session is not None:
            session, self._session = self._session, None
            session.end()

    def flush_session(self) -> None:
        """Write buffered events now (called on every screen change)."""
        if self._session is not None:
            self._session.flush()

    def action_abandon(self) -> None:
        """Give up browsing: record ``abandon`` and ``session_end``, then quit.

        No key runs it (a person just quits); bots run it with ``app.run_action("abandon")``.
        The dwell on the focused home tile is recorded first, as on quitting.
        """
        if self._session is not None:
            if isinstance(self.screen, HomeScreen):
                self.screen.leave_tile()
            session, self._session = self._session, None
            session.abandon()
        self.exit()

    def action_toggle_researcher(self) -> None:
        """Show or hide the researcher panel (live events, taste affinities)."""
        from .widgets.researcher_panel import toggle_researcher_panel

        toggle_researcher_panel(self, self._session)

    def action_help(self) -> None:
        """Show every key binding of the current screen."""
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # -- theme and palette commands -----------------------------------------------------

    @property
    def theme_mode(self) -> str:
        """``"dark"`` or ``"light"``: which of :data:`THEMES` is on."""
        return "light" if self.theme == NETFLIX_LIGHT.name else "dark"

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = THEMES["dark" if self.theme_mode == "light" else "light"].name

    @property
    def home_screen(self) -> HomeScreen | None:
        """The current profile's home page, if it is on the screen stack."""
        if not self.has_session:
            return None
        return next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)

    async def action_go_home(self) -> HomeScreen | None:
        """Back to the home page, leaving each screen above it as Esc would (a player stops,
        details close); returns the home screen (``None`` without one)."""
        home = self.home_screen
        if home is None:
            return None
        for _ in range(len(self.screen_stack)):
            if self.screen is home:
                break
            escape = self.screen.active_bindings.get("escape")
            if escape is None:
                await self.pop_screen()
            else:
                await self.run_action(escape.binding.action, escape.node)
        return home if self.screen is home else None

    async def action_go_search(self) -> None:
        """Open search from the home page."""
        home = await self.action_go_home()
        if home is not None:
            home.action_search()

    async def action_go_my_list(self) -> None:
        """Go to the home page's My List row (a notice when it has none)."""
        home = await self.action_go_home()
        if home is None:
            return
        if self.session.my_list:  # back from details, the page may still be rebuilding
            for _ in range(250):  # (at most 5 s)
                page = home.page
                if not home.loading and page and any(r.id == MY_LIST_ROW for r in page.rows):
                    rows = [r.id for r in page.rows]
                    home.action_move_row(rows.index(MY_LIST_ROW) - home.cursor_row)
                    return
                await asyncio.sleep(0.02)
        self.notify("My List is empty: add titles with m")

    async def action_go_profiles(self) -> None:
        """Back to "Who's watching?" (ends the session, as Esc on home does)."""
        from .screens.profiles import ProfilesScreen

        await self.action_go_home()  # a player stops, details close...
        if not isinstance(self.screen, ProfilesScreen):
            self.leave_profile()

    def on_unmount(self) -> None:
        """End the session so no event is lost, and close the catalog if we opened it."""
        self.end_session()
        if self.owns_catalog:
            self.catalog.close()


def make_app(
    db: str | Path | Catalog,
    profile: int | str | None = None,
    clock: Clock | None = None,
    device: str | None = "tv",
    onboarding: bool = True,
    policy: str = "als",
    seed: int = 0,
) -> NetflixSimApp:
    """Build the app on a catalog path or an open :class:`Catalog`.

    With ``profile`` (id or name) the picker is skipped. A path is opened now, so a bad
    catalog or profile raises :class:`~netflix_sim.engine.CatalogError` /
    :class:`~netflix_sim.engine.UnknownProfileError` before the terminal is taken over;
    the app then closes the catalog on exit. An open catalog is left open. ``clock``
    (default: real time) and ``device`` (``None``: the profile's own) go to every session.
    With ``onboarding`` (the default) a profile without signals first picks 3 titles it
    likes; tests and bots that want the home page at once pass ``False``. ``policy`` (by
    name; an unknown one raises :class:`~netflix_sim.engine.UnknownPolicyError` now) and
    ``seed`` go to every session, as in ``Catalog.start_session``.
    """
    owns = isinstance(db, str | Path)
    if owns:
        from netflix_sim.engine import open_catalog

        catalog = open_catalog(db)
    else:
        catalog = db
    try:
        from netflix_sim.engine.policies import policy_class

        policy_class(policy)  # an unknown name raises UnknownPolicyError now
        info = catalog.profile(profile) if profile is not None else None
    except Exception:
        if owns:
            catalog.close()
        raise
    return NetflixSimApp(
        catalog,
        owns_catalog=owns,
        profile=info,
        clock=clock,
        device=device,
        onboarding=onboarding,
        policy=policy,
        seed=seed,
    )
