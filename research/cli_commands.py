"""The ``traces`` and ``report`` commands: argument parsers and runners for ``netflix_sim.cli``.

Kept here so the CLI only registers them; the work is in this package's modules.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from netflix_sim import config


def add_parsers(commands: argparse._SubParsersAction, db_help: str) -> None:
    """Register ``traces export|import|replay`` and ``report``."""
    traces = commands.add_parser("traces", help="export, import and replay recorded traces")
    sub = traces.add_subparsers(dest="traces_command", metavar="ACTION", required=True)

    export = sub.add_parser(
        "export", help="write events as jsonl, csv, parquet, obp, recbole, mind"
    )
    export.add_argument("--db", help=db_help, default=argparse.SUPPRESS)
    export.add_argument("--format", required=True, help="jsonl, csv, parquet, obp, recbole or mind")
    export.add_argument("--out", required=True, help="file (a folder for recbole and mind)")
    export.add_argument("--session", help="only this session id")
    export.add_argument("--profile", help="only this profile (name or id)")
    export.add_argument("--policy", help="only pages built by this policy")

    load = sub.add_parser("import", help="load a JSONL export into a catalog (all or nothing)")
    load.add_argument("file", help="a JSONL export")
    load.add_argument("--db", help=db_help, default=argparse.SUPPRESS)

    replay = sub.add_parser("replay", help="replay a recorded session (--check: verify, headless)")
    replay.add_argument("session_id", help="the session id")
    replay.add_argument("--db", help=db_help, default=argparse.SUPPRESS)
    replay.add_argument("--speed", default="1", help="playback speed of the replay (default 1)")
    replay.add_argument("--check", action="store_true", help="rebuild every page and compare")

    report = commands.add_parser("report", help="metrics per profile and policy, with plots")
    report.add_argument("--db", help=db_help, default=argparse.SUPPRESS)
    report.add_argument("--out", help="folder for the PNG plots and CSV tables")


def _int(name: str, text: str | None) -> int | None:
    from .errors import ResearchUsageError

    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        raise ResearchUsageError(f"{name} must be a whole number (got {text!r})") from None


def run_traces(args: argparse.Namespace) -> int:
    """``netflix-sim traces ACTION``."""
    db = config.resolve_db(args.db)
    if args.traces_command == "export":
        from .exports import export
        from .schema import SCHEMA_VERSION
        from .traces import TraceFilter

        where = TraceFilter(_int("--session", args.session), args.profile, args.policy)
        started = time.perf_counter()
        summary = export(db, args.format, args.out, where)
        print(
            f"exported {summary.events:,} events as {summary.format} "
            f"(trace schema v{SCHEMA_VERSION}) to {summary.out} "
            f"({summary.bytes:,} bytes, {time.perf_counter() - started:.2f} s)"
        )
        return 0
    if args.traces_command == "import":
        from .importer import import_jsonl

        result = import_jsonl(args.file, db)
        pairs = ", ".join(f"{a}->{b}" for a, b in result.sessions.items())
        print(f"imported {result.events:,} events in {len(result.sessions)} sessions ({pairs})")
        return 0
    session_id = _int("SESSION_ID", args.session_id)
    assert session_id is not None
    if args.check:
        from .replay import check

        result = check(db, session_id)
        if result.mismatch is not None:
            print(f"session {session_id}: mismatch at {result.mismatch}", file=sys.stderr)
            return 1
        print(
            f"session {session_id}: {result.steps} steps replayed, "
            f"{result.pages} pages rebuilt, all match"
        )
        return 0
    try:
        speed = float(args.speed)
    except ValueError:
        speed = -1.0
    if not speed > 0:
        from .errors import ResearchUsageError

        raise ResearchUsageError(f"--speed must be a positive number (got {args.speed!r})")
    from .replay_app import run_replay

    run_replay(Path(db), session_id, speed=speed)
    return 0


def run_report(args: argparse.Namespace) -> int:
    """``netflix-sim report``."""
    from .report import build

    report = build(config.resolve_db(args.db), args.out)
    print(report.text)
    if report.files:
        print(f"\nwrote {len(report.files)} files to {report.files[0].parent}")
    return 0


__all__ = ["add_parsers", "run_report", "run_traces"]
