"""The TUI driver: bot actions carried out by pressing keys in the real Textual app.

The app is the one ``netflix-sim`` opens (:func:`netflix_sim.tui.make_app`, onboarding off,
a :class:`~netflix_sim.engine.VirtualClock`), run headless through ``app.run_test()`` in a
thread of its own, so :class:`TuiDriver` is a plain synchronous :class:`.driver.Driver`:
``drive(TuiDriver(...), bot)`` runs a bot through the TUI as ``drive(EngineDriver(...), bot)``
runs it on the engine, and both record the same events for the same actions.
:func:`run_session` is :func:`.engine_driver.run_session`'s twin (the simulation runner's
``--via tui``); :func:`run_tui_session` runs any ``decide(page, view) -> Action`` function.

How each action is carried out (an action whose key does nothing on the current screen is
skipped, as the key would do nothing; the view says what the screen shows afterwards):

=============  ==========  ==============================================================
action         screen      keys
=============  ==========  ==============================================================
Wait(s)        any         none: the clock advances ``s``; the player refreshes
Move(d)        home        the arrow key ``d``
OpenDetails    home        Enter
Play           details     ``p``
Watch(s)       player      none: the clock advances ``s / speed`` (60x by default); the
                           player refreshes (stopping at the end, as its timer would)
Pause          player      space (pause, or resume when paused)
Seek(s)        player      ←/→ once per 10 s step (:func:`seek_presses`): -10 is one ←
Stop           player      ``s``
Thumbs(v)      details     ``u`` (1), ``d`` (-1), ``l`` (2)
Back           details     Escape until home shows (details opened from search go back to
                           the search screen first), then the rebuilt home page is waited for
Search(q, n)   home        ``/``, the query (pasted, as a terminal's bracketed paste, so the
                           debounced live search never fires on a prefix), Enter (search
                           now), then → ``n`` times and Enter (open result ``n``); Escape
                           back home when ``n`` is out of range (-1: open none)
Abandon        any         no key (a viewer just quits): the app's ``abandon`` action, which
                           records the focused tile's dwell, ``abandon`` and
                           ``session_end``, then quits
Leave          any         ``q`` (the app ends the session on the way out)
=============  ==========  ==============================================================

Only the search screen's own query cleaning (:func:`~netflix_sim.tui.screens.search.
clean_query`: printable characters, trimmed, 100 at most) stands between a bot's query and
``Session.search``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netflix_sim.engine import Catalog, VirtualClock
from netflix_sim.engine.types import Page

from .actions import (
    Abandon,
    Action,
    Back,
    Leave,
    Move,
    OpenDetails,
    Pause,
    Play,
    Search,
    Seek,
    Stop,
    Thumbs,
    Wait,
    Watch,
)
from .driver import DETAILS, ENDED, HOME, MAX_ACTIONS, PLAYER, View, drive, engine_seed

if TYPE_CHECKING:
    import numpy as np
    from textual.pilot import Pilot

    from netflix_sim.engine.types import ProfileInfo
    from netflix_sim.tui.app import NetflixSimApp

    from .choice import ChoiceParams
    from .personas import Persona
    from .state import SessionRecord
    from .truth import GroundTruth

SEEK_STEP_S = 10
"""Seconds one ←/→ press seeks on the player."""
THUMBS_KEYS = {1: "u", -1: "d", 2: "l"}
"""Key of each thumbs value on the details screen."""
MOVE_KEYS = ("up", "down", "left", "right")
"""Directions of :class:`Move`, which are also their keys."""
SETTLE_ROUNDS = 2000
"""How many idle rounds the driver waits for the app to settle before giving up."""


class TuiDriverError(RuntimeError):
    """The app did not reach the expected state (a bug in the app or the driver)."""


def seek_presses(seconds: float) -> int:
    """How many 10 s presses carry out ``Seek(seconds)``: the nearest whole number of steps,
    at least one for any non-zero seek (``Seek(-10)``: 1, ``Seek(25)``: 3, ``Seek(0)``: 0)."""
    if not seconds:
        return 0
    return max(1, int(abs(seconds) / SEEK_STEP_S + 0.5))


Decide = Callable[[Page | None, View], Action]
"""A decision function: the next action from the page and the view (the page is also
``view.page``; it is passed first for scripted decisions that only need it)."""


async def settle(app: NetflixSimApp, pilot: Pilot[Any], *, live_search: bool = False) -> None:
    """Wait until the app's workers are done and no screen is waiting for the engine: the
    home page is shown, the search results of the latest query are in. With
    ``live_search``, also wait out the search screen's pause in typing (real time) so a
    pending live search runs. Returns at once when the app has quit."""
    from netflix_sim.tui.screens.home import HomeScreen
    from netflix_sim.tui.screens.search import SearchScreen

    for _ in range(SETTLE_ROUNDS):
        if app.return_code is not None:
            return
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, HomeScreen) and (screen.loading or screen.page is None):
            continue
        if isinstance(screen, SearchScreen):
            if live_search and screen.pending:
                await pilot.pause(0.05)
                continue
            if screen.searched_query != screen.shown_query:
                continue
        return
    raise TuiDriverError(f"the app did not settle on {app.screen!r}")


def tick_player(app: NetflixSimApp) -> None:
    """What the player's timer does, now: refresh from the engine and stop at the end.

    The driver calls it after moving the clock, so a play that reached its end stops at
    once (``play_stop``, back to details), not at the timer's next real-time tick.
    """
    from netflix_sim.tui.screens.player import PlayerScreen

    screen = app.screen
    if isinstance(screen, PlayerScreen) and screen.stopped is None:
        screen.tick()


@dataclass(frozen=True)
class TuiRun:
    """One session run through the TUI."""

    session_id: int
    profile_id: int
    actions: tuple[Action, ...]
    """Every action carried out (a final :class:`Leave` added when ``max_actions`` ran out)."""
    views: tuple[View, ...]
    """The view each action was decided on, then the final view."""
    skipped: tuple[int, ...]
    """Indexes of actions whose key did nothing on the screen they were given on."""


class TuiDriver:
    """A :class:`.driver.Driver` that presses keys in the real app, headless.

    Use as a context manager (or call :meth:`close`): the app runs in a thread until the
    session ends (:class:`Leave` / :class:`Abandon`) or the driver closes, which quits the
    app (ending the session normally).
    """

    def __init__(
        self,
        catalog: Catalog | str | Path,
        profile: int | str,
        *,
        clock: VirtualClock,
        device: str | None = "tv",
        policy: str = "als",
        seed: int = 0,
        size: tuple[int, int] = (160, 48),
        timeout_s: float = 120.0,
    ) -> None:
        """Drive ``profile``'s session on ``catalog`` (an open catalog or a path) with
        ``clock``; ``device``, ``policy`` and ``seed`` go to the session as in
        ``Catalog.start_session``; ``size`` is the headless terminal's; ``timeout_s`` bounds
        each action in real seconds."""
        self.catalog = catalog
        self.profile = profile
        self.clock = clock
        self.device = device
        self.policy = policy
        self.seed = seed
        self.size = size
        self.timeout_s = timeout_s
        self.app: NetflixSimApp | None = None
        """The app (``None`` before :meth:`start`). Read it from the driver's thread only
        between actions."""
        self.session_id: int | None = None
        """The session's id, once started."""
        self.profile_id: int | None = None
        """The profile's id, once started."""
        self.skipped: list[int] = []
        """Indexes of the actions that did nothing on their screen."""
        self._acted = 0
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._inbox: asyncio.Queue[tuple[Any, concurrent.futures.Future[View]]] | None = None
        self._ended = False
        self._pilot: Pilot[None] | None = None
        self._final: View | None = None

    # -- Driver protocol ----------------------------------------------------------------

    def start(self) -> View:
        """Open the app on the profile's home page and return the first view."""
        if self._thread is not None:
            raise RuntimeError("the driver has started already")
        started: concurrent.futures.Future[View] = concurrent.futures.Future()
        self._thread = threading.Thread(
            target=lambda: asyncio.run(self._serve(started)), name="tui-driver", daemon=True
        )
        self._thread.start()
        return started.result(self.timeout_s)

    def act(self, action: Action) -> View:
        """Carry out ``action`` by pressing keys; the view of the screen afterwards."""
        if self._ended:
            raise RuntimeError("the session has ended")
        if self._loop is None or self._inbox is None:
            raise RuntimeError("start the driver first")
        done: concurrent.futures.Future[View] = concurrent.futures.Future()
        self._loop.call_soon_threadsafe(self._inbox.put_nowait, (action, done))
        try:
            return done.result(self.timeout_s)
        finally:
            self._acted += 1

    def close(self) -> None:
        """Quit the app if the session is still open (ending it) and stop the thread."""
        if self._thread is None:
            return
        alive = self._thread.is_alive()
        if alive and not self._ended and self._loop is not None and self._inbox is not None:
            done: concurrent.futures.Future[View] = concurrent.futures.Future()
            self._loop.call_soon_threadsafe(self._inbox.put_nowait, (None, done))
            done.result(self.timeout_s)
        self._thread.join(self.timeout_s)
        self._thread = None

    def __enter__(self) -> TuiDriver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the app's thread ---------------------------------------------------------------

    async def _serve(self, started: concurrent.futures.Future[View]) -> None:
        """Run the app, carrying out queued actions until the session ends."""
        from netflix_sim.tui.app import make_app

        self._loop = asyncio.get_running_loop()
        self._inbox = asyncio.Queue()
        try:
            app = make_app(
                self.catalog,
                profile=self.profile,
                clock=self.clock,
                device=self.device,
                onboarding=False,
                policy=self.policy,
                seed=self.seed,
            )
        except BaseException as exc:
            self._ended = True
            started.set_exception(exc)
            return
        self.app = app
        ending: concurrent.futures.Future[View] | None = None
        try:
            async with app.run_test(size=self.size) as pilot:
                self._pilot = pilot
                try:
                    await self._settle()
                    self.session_id = app.session.id
                    self.profile_id = app.session.profile.id
                    started.set_result(self._view())
                except BaseException as exc:
                    started.set_exception(exc)
                    return
                while True:
                    action, done = await self._inbox.get()
                    if action is None:  # close(): quit, which ends the session
                        ending = done
                        break
                    try:
                        ends = await self._perform(action)
                    except BaseException as exc:
                        done.set_exception(exc)
                        continue
                    if ends:
                        ending = done
                        break
                    done.set_result(self._view())
        except BaseException as exc:
            if ending is not None and not ending.done():
                ending.set_exception(exc)
                ending = None
            elif not started.done():
                started.set_exception(exc)
        finally:
            self._ended = True
            if ending is not None and not ending.done():
                final = self._final or View(screen=ENDED, now_ms=self.clock.now_ms())
                ending.set_result(replace(final, now_ms=self.clock.now_ms()))

    @property
    def _running(self) -> tuple[NetflixSimApp, Pilot[None]]:
        assert self.app is not None and self._pilot is not None
        return self.app, self._pilot

    async def _settle(self) -> None:
        app, pilot = self._running
        await settle(app, pilot)

    async def _press(self, *keys: str) -> None:
        _, pilot = self._running
        for key in keys:
            await pilot.press(key)
            await self._settle()

    async def _perform(self, action: Action) -> bool:
        """Carry out ``action``; ``True`` when it ended the session."""
        from netflix_sim.tui.screens.details import DetailsScreen
        from netflix_sim.tui.screens.home import HomeScreen
        from netflix_sim.tui.screens.player import PlayerScreen

        app, _ = self._running
        screen = app.screen
        home = isinstance(screen, HomeScreen)
        details = isinstance(screen, DetailsScreen)
        player = isinstance(screen, PlayerScreen)
        applied = True
        match action:
            case Wait(seconds=seconds):
                self.clock.advance(max(0.0, seconds))
                tick_player(app)
            case Move(direction=direction) if home and direction in MOVE_KEYS:
                await self._press(direction)
            case OpenDetails() if home and screen.tile is not None:
                await self._press("enter")
            case Play() if details:
                await self._press("p")
            case Watch(seconds=seconds) if player:
                state = app.session.playback()
                if state is not None:
                    self.clock.advance(max(0.0, seconds) / state.speed)
                tick_player(app)
            case Pause() if player:
                await self._press("space")
            case Seek(seconds=seconds) if player:
                key = "left" if seconds < 0 else "right"
                await self._press(*[key] * seek_presses(seconds))
            case Stop() if player:
                await self._press("s")
            case Thumbs(value=value) if details and value in THUMBS_KEYS:
                await self._press(THUMBS_KEYS[value])
            case Back() if details:
                for _ in range(3):
                    if isinstance(app.screen, HomeScreen):
                        break
                    await self._press("escape")
            case Search(query=query, position=position) if home:
                await self._search(query, position)
            case Abandon():
                self._final = self._view(ended=True)
                await app.run_action("abandon")
                return True
            case Leave():
                self._final = self._view(ended=True)
                await self._running[1].press("q")
                return True
            case _:
                applied = False
        if not applied:
            self.skipped.append(self._acted)
        await self._settle()
        return False

    async def _search(self, query: str, position: int) -> None:
        """``/``, paste the query, Enter; then open result ``position`` or go back home."""
        from textual import events

        from netflix_sim.tui.screens.search import SearchScreen

        app, pilot = self._running
        await self._press("slash")
        screen = app.screen
        if not isinstance(screen, SearchScreen):
            raise TuiDriverError(f"'/' did not open search but {screen!r}")
        if query:
            app.post_message(events.Paste(query))
            await pilot.pause()
        await self._press("enter")
        if 0 <= position < len(screen.results) and screen.results_focused:
            await self._press(*["right"] * position, "enter")
        else:
            await self._press("escape")

    def _view(self, *, ended: bool = False) -> View:
        """What the screen shows now, read as the engine driver reads its own state
        (``ended``: the view once the session ends, the home page and cursor kept)."""
        from netflix_sim.tui.screens.details import DetailsScreen
        from netflix_sim.tui.screens.home import HomeScreen
        from netflix_sim.tui.screens.player import PlayerScreen

        app, _ = self._running
        session = app.session
        home = next((s for s in app.screen_stack if isinstance(s, HomeScreen)), None)
        screen = app.screen
        row, col = (home.cursor_row, home.cursor_col) if home is not None else (0, 0)
        common = {"now_ms": self.clock.now_ms(), "page": session.last_page, "row": row, "col": col}
        if ended:
            return View(screen=ENDED, **common)
        if isinstance(screen, HomeScreen):
            return View(screen=HOME, **common)
        if isinstance(screen, DetailsScreen):
            return View(screen=DETAILS, card=screen.card, **common)
        if isinstance(screen, PlayerScreen):
            return View(screen=PLAYER, card=screen.card, playback=session.playback(), **common)
        raise TuiDriverError(f"the app rests on an unexpected screen: {screen!r}")


def run_tui_session(
    catalog: Catalog | str | Path,
    profile: int | str,
    decide: Decide,
    clock: VirtualClock,
    *,
    device: str | None = "tv",
    policy: str = "als",
    seed: int = 0,
    max_actions: int = MAX_ACTIONS,
    size: tuple[int, int] = (160, 48),
) -> TuiRun:
    """Run one session through the TUI, asking ``decide(page, view)`` for every action.

    The session ends when ``decide`` returns :class:`Leave` or :class:`Abandon`, or after
    ``max_actions`` (then with a :class:`Leave`).
    """
    actions: list[Action] = []
    views: list[View] = []
    with TuiDriver(
        catalog, profile, clock=clock, device=device, policy=policy, seed=seed, size=size
    ) as driver:
        view = driver.start()
        for _ in range(max_actions):
            views.append(view)
            action = decide(view.page, view)
            actions.append(action)
            view = driver.act(action)
            if isinstance(action, Abandon | Leave):
                break
        else:
            actions.append(Leave())
            view = driver.act(Leave())
        views.append(view)
    assert driver.session_id is not None and driver.profile_id is not None
    return TuiRun(
        session_id=driver.session_id,
        profile_id=driver.profile_id,
        actions=tuple(actions),
        views=tuple(views),
        skipped=tuple(driver.skipped),
    )


def run_session(
    catalog: Catalog,
    profile: ProfileInfo,
    persona: Persona,
    truth: GroundTruth,
    clock: VirtualClock,
    rng: np.random.Generator,
    policy: str,
    *,
    params: ChoiceParams | None = None,
    label: tuple[int, int] = (0, 0),
) -> SessionRecord:
    """One bot session through the TUI: :func:`.engine_driver.run_session`'s twin.

    The engine session's seed is the first draw of ``rng`` (:func:`.driver.engine_seed`),
    then the bot decides from the views the app shows; ``label`` is (bot, session).
    """
    from .choice import DEFAULT_CHOICE, Bot

    seed = engine_seed(rng)
    bot = Bot(
        persona,
        truth,
        rng,
        params or DEFAULT_CHOICE,
        policy=policy,
        bot=label[0],
        session=label[1],
    )
    with TuiDriver(
        catalog, profile.id, clock=clock, device=persona.device, policy=policy, seed=seed
    ) as driver:
        return drive(driver, bot)


__all__ = [
    "MOVE_KEYS",
    "SEEK_STEP_S",
    "THUMBS_KEYS",
    "Decide",
    "TuiDriver",
    "TuiDriverError",
    "TuiRun",
    "run_session",
    "run_tui_session",
    "seek_presses",
    "settle",
    "tick_player",
]
