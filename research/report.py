"""``netflix-sim report``: metrics per profile and per policy, five figures as PNG and text.

Reads the catalog's recorded sessions (those with a ``session_start``; the seed's crowd
history is left out) and needs no ground truth, so it works on any trace.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt

from . import report_plots, report_terminal
from .atomic import atomic_file
from .catalog_meta import profiles
from .errors import ResearchUsageError
from .report_metrics import METRIC_COLUMNS, SessionFacts, gather, group_metrics
from .schema import SCHEMA_VERSION
from .traces import artwork_variants, catalog_engine, load_events

FIGURES = (
    "watch_minutes.png",
    "abandonment.png",
    "match_calibration.png",
    "position_heatmap.png",
    "artwork_win_rates.png",
)
"""Files written to ``--out``."""
MAX_PROFILE_ROWS = 15
"""Profiles listed in the text table (the busiest); the CSV has them all."""


@dataclass(frozen=True)
class Report:
    """The report's text and the files it wrote."""

    text: str
    files: tuple[Path, ...]


def table(title: str, groups: dict[str, Sequence[SessionFacts]]) -> tuple[str, list[list[str]]]:
    """A fixed-width table of :data:`METRIC_COLUMNS` per group, and its cells."""
    header = [title, *METRIC_COLUMNS]
    cells = [[name, *group_metrics(s).values()] for name, s in groups.items()]
    widths = [max(len(r[i]) for r in [header, *cells]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in [header, *cells]]  # fmt: skip
    return "\n".join(lines), [header, *cells]


def _csv(rows: list[list[str]]) -> str:
    return "\n".join(",".join(f'"{c}"' for c in r) for r in rows) + "\n"


def build(db: str | Path, out: str | Path | None = None) -> Report:
    """Compute the report on ``db``; write PNGs and CSV tables to ``out`` if given."""
    out_dir = Path(out).expanduser() if out is not None else None
    if out_dir is not None and not out_dir.is_dir():
        why = "not a folder" if out_dir.exists() else "no such folder"
        raise ResearchUsageError(f"cannot write the report to {out_dir}: {why}")
    with catalog_engine(db) as engine:
        stats = gather(load_events(engine))
        names = {p[0]: p[1] for p in profiles(engine)}
        aspects = {a: aspect for a, (_, aspect) in artwork_variants(engine).items()}
    if not stats.sessions:
        raise ResearchUsageError("no recorded sessions in this catalog (nothing to report)")
    by_policy: dict[str, list[SessionFacts]] = defaultdict(list)
    by_profile: dict[str, list[SessionFacts]] = defaultdict(list)
    for s in stats.sessions:
        by_policy[s.policy].append(s)
        by_profile[names.get(s.profile_id, str(s.profile_id))].append(s)
    busiest = dict(sorted(by_profile.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    policy_text, policy_rows = table("policy", dict(sorted(by_policy.items())))
    shown = dict(list(busiest.items())[:MAX_PROFILE_ROWS])
    profile_text, _ = table("profile", shown)
    _, profile_rows = table("profile", busiest)
    more = len(busiest) - len(shown)
    parts = [
        f"netflix-sim report (trace schema v{SCHEMA_VERSION}): {len(stats.sessions)} sessions, "
        f"{len(by_profile)} profiles, {len(by_policy)} policies; ± is a 95 % interval",
        "",
        policy_text,
        "",
        profile_text + (f"\n… and {more} more profiles" if more > 0 else ""),
    ]
    figures = [
        report_plots.watch_minutes(stats),
        report_plots.abandonment(stats),
        report_plots.calibration(stats),
    ]
    for fig, _ in figures:
        parts += ["", report_terminal.line_chart(fig)]
    heat_fig, grid = report_plots.position_heat(stats)
    parts += ["", report_terminal.heat_map("Plays by tile position (row x column)", grid)]
    wins_fig, wins = report_plots.artwork_wins(stats, aspects)
    parts += [
        "",
        report_terminal.bars(
            "Artwork win rates (plays per 100 impressions)",
            [f"{a} (n={n})" for a, _, _, _, n in wins],
            [rate for _, rate, _, _, _ in wins],
        ),
    ]
    written: list[Path] = []
    all_figs = [*(f for f, _ in figures), heat_fig, wins_fig]
    if out_dir is not None:
        for fig, name in zip(all_figs, FIGURES, strict=True):
            with atomic_file(out_dir / name) as temp:
                fig.savefig(temp, format="png", dpi=110)
            written.append(out_dir / name)
        for name, rows in (("by_policy.csv", policy_rows), ("by_profile.csv", profile_rows)):
            with atomic_file(out_dir / name) as temp:
                temp.write_text(_csv(rows), "utf-8")
            written.append(out_dir / name)
    for fig in all_figs:
        plt.close(fig)
    return Report("\n".join(parts), tuple(written))


__all__ = ["FIGURES", "Report", "build", "table"]
