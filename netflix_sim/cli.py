"""The ``netflix-sim`` command: parse, call the engine, print. Errors are one line.

Textual, implicit and the seeder are imported only by the commands that need them,
so ``netflix-sim --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from . import __version__, config

EXIT_ERROR = 1
"""The catalog or the environment is at fault (missing, unreadable, exists already)."""
EXIT_USAGE = 2
"""The arguments are at fault (unknown profile, policy, device, bad option)."""
EXIT_BROKEN_PIPE = 141
"""The reader of our output went away (128 + SIGPIPE, as the shell reports it)."""

DEVICE_CHOICES = ("tv", "phone", "tablet", "laptop")


class CliError(Exception):
    """An error to print as one line, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _hour(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an hour (0-23)") from None
    if not 0 <= value <= 23:
        raise argparse.ArgumentTypeError(f"{text!r} is not an hour (0-23)")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    db_help = f"catalog file (default: ${config.DB_ENV_VAR} or the user data directory)"
    parser = argparse.ArgumentParser(
        prog="netflix-sim",
        description="A terminal streaming client with a recommender that learns as you browse.",
        epilog="Without a command, opens the TUI (seeding a catalog on first launch).",
    )
    parser.add_argument("--version", action="version", version=f"netflix-sim {__version__}")
    parser.add_argument("--db", help=db_help)
    parser.add_argument("--profile", help="skip the profile picker: profile name or id")
    parser.add_argument("--device", choices=DEVICE_CHOICES, default=None, help="device")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    seed = commands.add_parser("seed", help="create a Faker-made catalog")
    seed.add_argument("--db", help=db_help, default=argparse.SUPPRESS)
    seed.add_argument("--titles", type=_positive_int, default=config.DEFAULT_TITLES)
    seed.add_argument("--profiles", type=_positive_int, default=config.DEFAULT_PROFILES)
    seed.add_argument("--seed", type=int, default=config.DEFAULT_SEED)
    seed.add_argument("--force", action="store_true", help="replace an existing catalog")

    train = commands.add_parser("train", help="retrain the recommender on every stored event")
    train.add_argument("--db", help=db_help, default=argparse.SUPPRESS)

    profiles = commands.add_parser("profiles", help="list the viewer profiles")
    profiles.add_argument("--db", help=db_help, default=argparse.SUPPRESS)

    page = commands.add_parser("page", help="print a profile's home page")
    page.add_argument("--db", help=db_help, default=argparse.SUPPRESS)
    page.add_argument("--profile", required=True, help="profile name or id")
    page.add_argument("--device", default="tv", help="tv, phone, tablet or laptop")
    page.add_argument("--hour", type=_hour, default=None, help="hour of day, 0-23")
    page.add_argument("--policy", default="als", help="als (default), bpr, popular or random")
    page.add_argument("--json", action="store_true", help="print JSON")

    script = commands.add_parser(
        "script", help="run a JSON (or YAML) list of steps through the TUI, headless"
    )
    script.add_argument("file", help="the script: a JSON list of steps (see the README)")
    script.add_argument("--db", help=db_help, default=argparse.SUPPRESS)
    script.add_argument("--profile", required=True, help="profile name or id")
    script.add_argument("--device", choices=DEVICE_CHOICES, default="tv", help="device")
    script.add_argument("--trace-out", help="write the session's events here as JSONL")

    sim = commands.add_parser(
        "simulate", help="run the same bots under each policy and compare them (95 %% CIs)"
    )
    sim.add_argument("--db", help=db_help, default=argparse.SUPPRESS)
    sim.add_argument("--bots", default="20", help="bots per policy (default 20)")
    sim.add_argument("--sessions", default="3", help="sessions per bot, a day apart (default 3)")
    sim.add_argument(
        "--policy",
        action="append",
        dest="policies",
        metavar="NAME",
        help="a policy to run (repeat it; default: random, popular, als; oracle is added)",
    )
    sim.add_argument("--seed", default="0", help="seed of the bots (default 0)")
    sim.add_argument("--workers", default="1", help="processes to run bots in (default 1)")
    sim.add_argument("--via", default="engine", help="engine (default) or tui")
    sim.add_argument("--no-oracle", action="store_true", help="leave out the oracle policy")
    sim.add_argument("--out", help="keep the simulated catalog (every bot event) in this file")
    sim.add_argument("--json", action="store_true", help="print JSON")

    from .research.cli_commands import add_parsers as add_research_parsers

    add_research_parsers(commands, db_help)  # traces export|import|replay, report

    tui = commands.add_parser("tui", help="open the TUI (the default command)")
    tui.add_argument("--db", help=db_help, default=argparse.SUPPRESS)
    tui.add_argument("--profile", help="profile name or id", default=argparse.SUPPRESS)
    tui.add_argument("--device", choices=DEVICE_CHOICES, default=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    commands: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: run_tui,
        "tui": run_tui,
        "seed": run_seed,
        "train": run_train,
        "profiles": run_profiles,
        "page": run_page,
        "simulate": run_simulate,
        "script": run_script,
        "traces": _research("run_traces"),
        "report": _research("run_report"),
    }
    from .engine.errors import (
        NetflixSimError,
        UnknownPolicyError,
        UnknownProfileError,
        UnknownTitleError,
    )

    try:
        return commands[args.command](args)
    except CliError as exc:
        return _fail(str(exc), exc.code)
    except (UnknownProfileError, UnknownPolicyError, UnknownTitleError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except NetflixSimError as exc:
        return _fail(str(exc), EXIT_ERROR)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:  # the reader went away (`... | head`): stop quietly, like cat
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), EXIT_ERROR)


def _research(name: str) -> Callable[[argparse.Namespace], int]:
    """A research command runner (imported when it runs); its usage errors exit with 2."""

    def run(args: argparse.Namespace) -> int:
        from .research import cli_commands
        from .research.errors import ResearchUsageError

        try:
            return getattr(cli_commands, name)(args)
        except ResearchUsageError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None

    return run


def _fail(message: str, code: int) -> int:
    print(f"netflix-sim: error: {message}", file=sys.stderr)
    return code


# -- commands ---------------------------------------------------------------------


def run_seed(args: argparse.Namespace) -> int:
    """``netflix-sim seed``: make a catalog, with a progress bar."""
    path = config.resolve_db(args.db)
    try:
        summary = _seed_with_progress(
            path, titles=args.titles, profiles=args.profiles, seed=args.seed, force=args.force
        )
    except ValueError as exc:  # an argument out of the seeder's range
        raise CliError(str(exc), EXIT_USAGE) from None
    print(
        f"seeded {path}: {summary.titles:,} titles, {summary.artworks:,} artworks, "
        f"{summary.profiles} profiles, {summary.events:,} crowd events"
    )
    return 0


def run_train(args: argparse.Namespace) -> int:
    """``netflix-sim train``: retrain the model and save its factors."""
    from .engine import open_catalog

    with _status("Training the recommender…"), open_catalog(config.resolve_db(args.db)) as cat:
        model = cat.train()
    print(f"trained ALS ({model.params.factors} factors) on {model.trained_on:,} signals")
    return 0


def run_profiles(args: argparse.Namespace) -> int:
    """``netflix-sim profiles``: list viewer profiles."""
    from .engine import open_catalog

    with open_catalog(config.resolve_db(args.db)) as catalog:
        for p in catalog.profiles():
            print(f"{p.id}\t{p.name}\tmaturity {p.maturity_level}\t{p.device}")
    return 0


def run_page(args: argparse.Namespace) -> int:
    """``netflix-sim page``: build one home page and print it."""
    from .engine import VirtualClock, open_catalog
    from .engine.types import DEVICES

    if args.device not in DEVICES:
        raise CliError(
            f"unknown device {args.device!r} (devices: {', '.join(DEVICES)})", EXIT_USAGE
        )
    with open_catalog(config.resolve_db(args.db)) as catalog:
        profile = catalog.profile(_profile_key(args.profile))
        clock = VirtualClock()
        if args.hour is not None:
            start = clock.now_ms()
            clock.advance(((args.hour - (start // 3_600_000) % 24) % 24) * 3600)
        session = catalog.start_session(
            profile, device=args.device, clock=clock, policy=args.policy
        )
        page = session.home()
        session.end()
    if args.json:
        print(json.dumps(page_json(page), indent=1))
    else:
        for row in page.rows:
            names = ", ".join(f"{t.name} ({t.match}%)" for t in row.tiles[:5])
            print(f"{row.name}: {names}")
    return 0


def page_json(page: Any) -> dict[str, Any]:
    """A page as the ``page --json`` document."""
    return {
        "page_id": page.page_id,
        "profile_id": page.profile_id,
        "policy": page.policy,
        "context": {"hour": page.context.hour, "device": page.context.device},
        "rows": [
            {
                "id": row.id,
                "name": row.name,
                "reason": row.reason,
                "tiles": [
                    {
                        "title_id": t.title_id,
                        "name": t.name,
                        "artwork_id": t.artwork_id,
                        "match": t.match,
                        "score": t.score,
                        "propensity": t.propensity,
                        "reason": t.reason,
                    }
                    for t in row.tiles
                ],
            }
            for row in page.rows
        ],
    }


def run_script(args: argparse.Namespace) -> int:
    """``netflix-sim script``: run scripted steps through the TUI; 1 if a check fails."""
    trace_out = Path(args.trace_out) if args.trace_out else None
    if trace_out is not None and not trace_out.parent.is_dir():
        raise CliError(
            f"cannot write trace {trace_out}: folder {trace_out.parent} does not exist",
            EXIT_USAGE,
        )
    from .bots.script import ScriptError, load_script
    from .bots.script import run_script as run_steps

    try:
        steps = load_script(args.file)
    except ScriptError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    except RecursionError:  # the JSON (or YAML) parser's own limit
        raise CliError(f"{args.file}: nested too deeply to be a script", EXIT_USAGE) from None
    from .engine import open_catalog

    with open_catalog(config.resolve_db(args.db)) as catalog:
        result = run_steps(
            steps, catalog, _profile_key(args.profile), trace_out=trace_out, device=args.device
        )
    trace = f"; trace: {result.trace_out}" if result.trace_out else ""
    if result.failure is not None:
        print(result.failure, file=sys.stderr)
        print(
            f"{args.file}: failed at {result.failure.split(':')[0]} "
            f"({result.passed} of {result.steps} steps passed){trace}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    print(
        f"{args.file}: {result.steps} steps passed ({result.checks} checks); "
        f"{result.events} events recorded{trace}"
    )
    return 0


def _int_arg(name: str, text: str, least: int | None = None) -> int:
    try:
        value = int(text)
    except ValueError:
        raise CliError(f"{name} must be a whole number (got {text!r})", EXIT_USAGE) from None
    if least is not None and value < least:
        raise CliError(f"{name} must be at least {least} (got {value})", EXIT_USAGE)
    return value


def run_simulate(args: argparse.Namespace) -> int:
    """``netflix-sim simulate``: bots under each policy, metrics with 95 % intervals."""
    bots = _int_arg("--bots", args.bots, 1)
    sessions = _int_arg("--sessions", args.sessions, 1)
    workers = _int_arg("--workers", args.workers, 1)
    seed = _int_arg("--seed", args.seed)
    from .bots.simulate import (
        DEFAULT_POLICIES,
        SimConfig,
        SimulationError,
        preflight,
        report,
        simulate,
    )

    sim = SimConfig(
        db=config.resolve_db(args.db),
        bots=bots,
        sessions=sessions,
        policies=tuple(args.policies or DEFAULT_POLICIES),
        seed=seed,
        workers=workers,
        via=args.via,
        oracle=not args.no_oracle,
        out=Path(args.out).expanduser() if args.out else None,
    )
    try:
        preflight(sim)  # bad arguments fail here, before the progress bar shows
        result = _simulate_with_progress(sim, simulate)
    except SimulationError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    if args.json:
        print(json.dumps(result.to_json(), indent=2))
    else:
        print(report(result))
    return 0


def _simulate_with_progress(sim: Any, simulate: Callable[..., Any]) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    if not console.is_terminal:  # no bar (nor its blank line) in pipes and logs
        return simulate(sim)
    with Progress(
        TextColumn("bot sessions"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
        console=console,
    ) as progress:
        task = progress.add_task("bot sessions", total=None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return simulate(sim, progress=report)


def run_tui(args: argparse.Namespace) -> int:
    """Open the TUI, seeding and training first when the catalog is new."""
    path = ensure_catalog(config.resolve_db(args.db), default_location=args.db is None)
    from .startup import loading_for_good

    with loading_for_good():  # modules, catalog and app live as long as the process
        from .engine import open_catalog

        with _status("Opening the catalog…"):
            catalog = open_catalog(path)
        try:
            profile = catalog.profile(_profile_key(args.profile)) if args.profile else None
            from .tui.app import make_app

            app = make_app(catalog, profile=profile.id if profile else None, device=args.device)
        except BaseException:
            catalog.close()
            raise
    try:
        from .tui.widgets.poster import probe_pixel_posters

        probe_pixel_posters()  # asks the terminal for images before Textual takes it over
        app.run()
    finally:
        catalog.close()
    return 0


# -- helpers ----------------------------------------------------------------------


def ensure_catalog(path: Path, *, default_location: bool) -> Path:
    """Seed the default catalog at ``path`` if nothing is there yet (first launch).

    The user data directory is created when it is the default location; a folder given
    with ``--db`` must exist already.
    """
    if path.exists():
        return path
    if default_location:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        raise CliError(f"cannot create catalog {path}: folder {path.parent} does not exist")
    print(f"No catalog at {path}: seeding the default catalog (first launch)…", file=sys.stderr)
    _seed_with_progress(
        path,
        titles=config.DEFAULT_TITLES,
        profiles=config.DEFAULT_PROFILES,
        seed=config.DEFAULT_SEED,
        force=False,
    )
    return path


def _profile_key(text: str) -> int | str:
    return int(text) if text.isascii() and text.isdigit() else text  # not int('²')


def _seed_with_progress(path: Path, **kwargs: Any) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from .seed import seed_catalog

    with Progress(
        TextColumn("{task.description:<22}"),
        BarColumn(),
        TaskProgressColumn(),
        transient=True,
        console=Console(stderr=True),
    ) as progress:
        tasks: dict[str, Any] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=max(total, 1))
            progress.update(tasks[stage], completed=done, total=max(total, 1))

        return seed_catalog(path, progress=report, **kwargs)


def _status(message: str) -> AbstractContextManager[Any]:
    from rich.console import Console

    return Console(stderr=True).status(message)
