"""Scripted sessions: a list of steps run through the real TUI, headless, with checks.

``netflix-sim script FILE --db PATH --profile P [--trace-out PATH]`` opens the app on the
profile's home page (no onboarding, a virtual clock starting 2026-01-01 10:00 UTC, a
160 x 48 terminal) and runs the steps of FILE in order. FILE is a JSON list of steps (or
YAML, ``.yaml``/``.yml``, read with PyYAML); each step is an object with one key:

``{"press": "down"}``, ``{"press": ["right", "right", "enter"]}``
    Press keys, one after the other, waiting after each until the app settles (the home
    page rebuilt, search results in). Key names are Textual's: ``up``, ``down``,
    ``left``, ``right``, ``enter``, ``escape``, ``space``, ``tab``, ``backspace``, ``slash``
    (or ``/``), ``question_mark`` (or ``?``), any single character (``p``, ``u``, ``q``),
    ``ctrl+c``...
``{"wait": 5}``
    Let 5 seconds pass on the session clock (virtual: instant). The player refreshes (and
    stops at the end of the title).
``{"type": "drama"}``
    Type text into the focused text box (the search box): delivered as one paste, then
    the live search runs after its pause in typing, as for a person who stops typing.
``{"expect": {...}}``
    Check what the app shows; every check given must hold:

    - ``"screen": "home"``: the screen shown: ``home``, ``details``, ``player``,
      ``search``, ``profiles``, ``onboarding`` or ``help``;
    - ``"first_row": "Continue Watching"``: the name of the home page's first row;
    - ``"row_contains": {"row": "Trending Now", "title": "..."}``: that row of the home
      page shows that title;
    - ``"focused_title": "..."``: the title under the cursor (home, search results) or
      open (details, player);
    - ``"events": {"type": "play_stop", "min": 1, "max": 3}``: how many events of that
      type the session recorded so far (``min`` defaults to 1 when neither is given).

    Names are compared exactly.

Pressing ``q`` quits the app: it must be the last step (the app quits after the last
step anyway, ending the session normally).

A malformed script (not a list, an unknown step or key, a wrong value) is reported with
its step number before anything runs (:class:`ScriptError`, exit 2); the first check that
fails stops the run (``step N: expected ..., got ...``, exit 1). Either way the app quits,
ending the session normally, and ``--trace-out`` writes the session's events as JSONL.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netflix_sim.engine import Catalog, VirtualClock, open_catalog
from netflix_sim.engine.events import EventType, read_events
from netflix_sim.engine.models import TRACE_SCHEMA_VERSION

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from netflix_sim.tui.app import NetflixSimApp

STEP_KINDS = ("press", "wait", "type", "expect")
"""The keys a step can have (exactly one per step)."""
SCREENS = ("home", "details", "player", "search", "profiles", "onboarding", "help")
"""Screen names ``expect.screen`` knows."""
CHECKS = ("screen", "first_row", "row_contains", "focused_title", "events")
"""Checks ``expect`` knows."""
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super"})


class ScriptError(ValueError):
    """The script cannot be read or is malformed (the message names the step)."""


@dataclass(frozen=True)
class Step:
    """One step of a script."""

    number: int
    """1-based position in the script."""
    kind: str
    """One of :data:`STEP_KINDS`."""
    value: Any
    """Keys (a tuple), seconds, text, or the checks (a dict)."""


@dataclass(frozen=True)
class ScriptResult:
    """What running a script came to."""

    steps: int
    """Steps in the script."""
    passed: int
    """Steps carried out (and checks met) before the end or the first failure."""
    checks: int
    """Checks met."""
    failure: str | None
    """``step N: expected ..., got ...`` for the first failing step, or ``None``."""
    session_ids: tuple[int, ...]
    """Sessions the run recorded (one, unless the script changes profile)."""
    events: int
    """Events those sessions recorded."""
    trace_out: Path | None
    """Where the trace was written, if asked."""

    @property
    def ok(self) -> bool:
        """Whether every step passed."""
        return self.failure is None


# -- reading ------------------------------------------------------------------------------


def load_script(path: str | Path) -> list[Step]:
    """Read and check the script at ``path`` (JSON; YAML when PyYAML is installed)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScriptError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScriptError(f"{path}: cannot read the script ({exc})") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError:
            raise ScriptError(
                f"{path}: YAML scripts need PyYAML (pip install pyyaml); or write it as JSON"
            ) from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or exc
            raise ScriptError(f"{path}: invalid YAML{where}: {problem}") from None
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ScriptError(
                f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            ) from None
    try:
        return parse_steps(data)
    except ScriptError as exc:
        raise ScriptError(f"{path}: {exc}") from None


def parse_steps(data: Any) -> list[Step]:
    """Check a script's decoded data (a list of one-key objects) and return its steps."""
    if not isinstance(data, list):
        raise ScriptError(f"a script is a list of steps, got {_kind(data)}")
    if not data:
        raise ScriptError("the script has no steps")
    return [_parse_step(number, item) for number, item in enumerate(data, start=1)]


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _parse_step(number: int, item: Any) -> Step:
    where = f"step {number}"
    if not isinstance(item, dict) or len(item) != 1:
        got = f"an object with {len(item)} keys" if isinstance(item, dict) else _kind(item)
        raise ScriptError(
            f"{where}: a step is an object with one key ({_or(STEP_KINDS)}), got {got}"
        )
    ((kind, value),) = item.items()
    if kind == "press":
        keys = [value] if isinstance(value, str) else value
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
            raise ScriptError(f'{where}: "press" takes a key or a list of keys, got {_kind(value)}')
        for key in keys:
            if not known_key(key):
                raise ScriptError(f"{where}: unknown key {key!r}")
        return Step(number, kind, tuple(keys))
    if kind == "wait":
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
            or value < 0
        ):
            raise ScriptError(
                f'{where}: "wait" takes virtual seconds (a number, 0 or more), got {value!r}'
            )
        return Step(number, kind, float(value))
    if kind == "type":
        if not isinstance(value, str):
            raise ScriptError(f'{where}: "type" takes text, got {_kind(value)}')
        return Step(number, kind, value)
    if kind == "expect":
        return Step(number, kind, _parse_checks(where, value))
    raise ScriptError(f"{where}: unknown step {kind!r} ({_or(STEP_KINDS)})")


def _or(names: Sequence[str]) -> str:
    return ", ".join(names[:-1]) + " or " + names[-1]


def known_key(key: str) -> bool:
    """Whether Textual knows ``key`` (a name such as ``down``, or one character)."""
    from textual.keys import KEY_NAME_REPLACEMENTS, Keys, key_to_character

    if len(key) == 1:
        return key.isprintable()
    *mods, base = key.split("+")
    if any(m not in MODIFIERS for m in mods) or not base:
        return False
    if len(base) == 1 and mods:
        return base.isprintable()
    return (
        key in {k.value for k in Keys}
        or base in {k.value for k in Keys}
        or base in KEY_NAME_REPLACEMENTS.values()
        or key_to_character(base) is not None
    )


def _parse_checks(where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or not value:
        raise ScriptError(f'{where}: "expect" takes an object of checks, got {_kind(value)}')
    checks: dict[str, Any] = {}
    for name, arg in value.items():
        if name == "screen":
            if arg not in SCREENS:
                raise ScriptError(f"{where}: unknown screen {arg!r} ({_or(SCREENS)})")
        elif name in ("first_row", "focused_title"):
            if not isinstance(arg, str):
                raise ScriptError(f'{where}: "{name}" takes a name, got {_kind(arg)}')
        elif name == "row_contains":
            if (
                not isinstance(arg, dict)
                or set(arg) != {"row", "title"}
                or not all(isinstance(v, str) for v in arg.values())
            ):
                raise ScriptError(
                    f'{where}: "row_contains" takes {{"row": name, "title": name}}, got {arg!r}'
                )
        elif name == "events":
            arg = _parse_events_check(where, arg)
        else:
            raise ScriptError(f"{where}: unknown check {name!r} ({_or(CHECKS)})")
        checks[name] = arg
    return checks


def _parse_events_check(where: str, arg: Any) -> dict[str, Any]:
    types = [t.value for t in EventType]
    if not isinstance(arg, dict) or "type" not in arg or not set(arg) <= {"type", "min", "max"}:
        raise ScriptError(f'{where}: "events" takes {{"type": t, "min": n, "max": n}}, got {arg!r}')
    if arg["type"] not in types:
        raise ScriptError(f"{where}: unknown event type {arg['type']!r}")
    for bound in ("min", "max"):
        n = arg.get(bound)
        if n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 0):
            raise ScriptError(f'{where}: "events" {bound} must be a whole number, got {n!r}')
    checked = dict(arg)
    if "min" not in checked and "max" not in checked:
        checked["min"] = 1
    return checked


# -- running ------------------------------------------------------------------------------


def run_script(
    script: str | Path | Sequence[Step],
    db: str | Path | Catalog,
    profile: int | str,
    *,
    trace_out: str | Path | None = None,
    device: str = "tv",
    size: tuple[int, int] = (160, 48),
) -> ScriptResult:
    """Run ``script`` (a file, or steps from :func:`parse_steps`) through the TUI on the
    catalog ``db`` for ``profile``; write the trace to ``trace_out`` if given.

    Raises :class:`ScriptError` for a malformed script (before anything runs); a failing
    check is reported in the result, not raised.
    """
    steps = list(script) if not isinstance(script, str | Path) else load_script(script)
    if isinstance(db, Catalog):
        return asyncio.run(_run(steps, db, profile, trace_out, device, size))
    with open_catalog(db) as catalog:
        return asyncio.run(_run(steps, catalog, profile, trace_out, device, size))


class _Runner:
    """Carries out steps on a running app."""

    def __init__(self, app: NetflixSimApp, pilot: Pilot[Any], clock: VirtualClock) -> None:
        self.app = app
        self.pilot = pilot
        self.clock = clock
        self.sessions: list[int] = []

    @property
    def quit(self) -> bool:
        return self.app.return_code is not None

    def note_session(self) -> None:
        if not self.quit and self.app.has_session:
            session_id = self.app.session.id
            if session_id not in self.sessions:
                self.sessions.append(session_id)

    async def settle(self) -> None:
        from .tui_driver import settle

        await settle(self.app, self.pilot, live_search=True)

    async def do(self, step: Step) -> str | None:
        """Carry out ``step``; the failure message, or ``None``."""
        from textual import events

        from .tui_driver import tick_player

        if self.quit:
            return f"expected the app to run, got the app has quit ({step.kind!r} step)"
        if step.kind == "expect":
            return self.check(step.value)
        if step.kind == "press":
            for key in step.value:
                await self.pilot.press(key)
                self.note_session()
                await self.settle()
                if self.quit:
                    break
        elif step.kind == "wait":
            self.clock.advance(step.value)
            tick_player(self.app)
            await self.settle()
        elif step.kind == "type":
            if step.value:
                self.app.post_message(events.Paste(step.value))
                await self.pilot.pause()
            await self.settle()
        self.note_session()
        return None

    # -- checks ---------------------------------------------------------------------

    def check(self, checks: dict[str, Any]) -> str | None:
        """The first check that fails, as ``expected ..., got ...``; ``None`` if all hold."""
        for name, arg in checks.items():
            failure = getattr(self, f"_check_{name}")(arg)
            if failure is not None:
                return failure
        return None

    def screen_name(self) -> str:
        """The name of the screen shown (as :data:`SCREENS` has it)."""
        if self.quit:
            return "the app has quit"
        return type(self.app.screen).__name__.removesuffix("Screen").lower() or "?"

    def _home(self) -> Any:
        from netflix_sim.tui.screens.home import HomeScreen

        if self.quit:
            return None
        return next((s for s in self.app.screen_stack if isinstance(s, HomeScreen)), None)

    def _check_screen(self, expected: str) -> str | None:
        got = self.screen_name()
        return None if got == expected else f"expected screen {expected!r}, got {got!r}"

    def _check_first_row(self, expected: str) -> str | None:
        home = self._home()
        page = home.page if home is not None else None
        if page is None or not page.rows:
            return f"expected first row {expected!r}, got no home page"
        got = page.rows[0].name
        return None if got == expected else f"expected first row {expected!r}, got {got!r}"

    def _check_row_contains(self, arg: dict[str, str]) -> str | None:
        row_name, title = arg["row"], arg["title"]
        wanted = f"row {row_name!r} to show {title!r}"
        home = self._home()
        page = home.page if home is not None else None
        if page is None:
            return f"expected {wanted}, got no home page"
        row = next((r for r in page.rows if r.name == row_name), None)
        if row is None:
            names = ", ".join(repr(r.name) for r in page.rows[:8])
            return f"expected {wanted}, got no such row (rows: {names}…)"
        names = [t.name for t in row.tiles]
        if title in names:
            return None
        shown = ", ".join(repr(n) for n in names[:6])
        return f"expected {wanted}, got {shown}{'…' if len(names) > 6 else ''}"

    def _check_focused_title(self, expected: str) -> str | None:
        got = self.focused_title()
        if got == expected:
            return None
        return (
            f"expected focused title {expected!r}, got {got!r}"
            if got
            else (f"expected focused title {expected!r}, got none on {self.screen_name()!r}")
        )

    def focused_title(self) -> str | None:
        """The title under the cursor (home, search) or open (details, player)."""
        if self.quit:
            return None
        screen = self.app.screen
        card = getattr(screen, "card", None)
        if card is not None:
            return str(card.name)
        tile = getattr(screen, "tile", None)
        return str(tile.name) if tile is not None else None

    def _check_events(self, arg: dict[str, Any]) -> str | None:
        kind, low, high = arg["type"], arg.get("min"), arg.get("max")
        got = sum(1 for e in self.events() if e["type"] == kind)
        if (low is None or got >= low) and (high is None or got <= high):
            return None
        if low is not None and high is not None:
            want = f"{low} to {high}" if low != high else f"exactly {low}"
        elif low is not None:
            want = f"at least {low}"
        else:
            want = f"at most {high}"
        return f"expected {want} {kind!r} event{'s' if want != 'exactly 1' else ''}, got {got}"

    def events(self) -> list[dict[str, Any]]:
        """Every event the run's sessions recorded so far (flushed first)."""
        catalog = self.app.catalog
        catalog.store.flush()
        found: list[dict[str, Any]] = []
        for session_id in self.sessions:
            found += read_events(catalog.engine, session_id=session_id)
        return found


async def _run(
    steps: list[Step],
    catalog: Catalog,
    profile: int | str,
    trace_out: str | Path | None,
    device: str,
    size: tuple[int, int],
) -> ScriptResult:
    from netflix_sim.tui.app import make_app

    clock = VirtualClock()
    app = make_app(catalog, profile=profile, clock=clock, device=device, onboarding=False)
    passed = checks = 0
    failure: str | None = None
    async with app.run_test(size=size) as pilot:
        runner = _Runner(app, pilot, clock)
        await runner.settle()
        runner.note_session()
        for step in steps:
            try:
                problem = await runner.do(step)
            except Exception as exc:  # the app failed: report the step, not a traceback
                problem = f"expected the step to run, got {type(exc).__name__}: {exc}"
            if problem is not None:
                failure = f"step {step.number}: {problem}"
                break
            passed += 1
            if step.kind == "expect":
                checks += len(step.value)
    # the app has quit: the session ended and every event is written
    catalog.store.flush()
    events: list[dict[str, Any]] = []
    for session_id in runner.sessions:
        events += read_events(catalog.engine, session_id=session_id)
    written = None
    if trace_out is not None:
        written = write_trace(trace_out, events)
    return ScriptResult(
        steps=len(steps),
        passed=passed,
        checks=checks,
        failure=failure,
        session_ids=tuple(runner.sessions),
        events=len(events),
        trace_out=written,
    )


# -- trace --------------------------------------------------------------------------------


def trace_record(event: dict[str, Any]) -> dict[str, Any]:
    """One stored event as a trace line: ``schema_version`` first, JSON columns decoded."""
    record: dict[str, Any] = {"schema_version": TRACE_SCHEMA_VERSION}
    for key, value in event.items():
        if key in ("context", "payload") and isinstance(value, str):
            value = json.loads(value)
        record[key] = value
    return record


def write_trace(path: str | Path, events: Sequence[dict[str, Any]]) -> Path:
    """Write ``events`` as JSONL to ``path`` atomically (a temporary file, then a rename)."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for event in events:
                out.write(json.dumps(trace_record(event), separators=(",", ":")) + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


__all__ = [
    "CHECKS",
    "SCREENS",
    "STEP_KINDS",
    "ScriptError",
    "ScriptResult",
    "Step",
    "known_key",
    "load_script",
    "parse_steps",
    "run_script",
    "trace_record",
    "write_trace",
]
