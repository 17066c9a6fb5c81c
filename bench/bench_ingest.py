"""Ingest throughput: trace events appended to the EventStore and written in batches.

Creates an empty catalog (WAL, as in use) in a temporary folder, appends N events shaped
like a bot session's (impressions with context and propensity, a page_view with its slate
every 60 events) and flushes every BATCH events, as the store does under load. Reports the
median events/s over REPEATS runs, and the ratio against one transaction per event.

    .venv/bin/python bench/bench_ingest.py [--events 200000] [--batch 5000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from netflix_sim.engine.database import create_catalog_file
from netflix_sim.engine.events import EventStore, make_event


def events(n: int) -> list[dict]:
    """``n`` realistic event rows (context and payload already JSON, as sessions make them)."""
    slate = {"rows": [{"id": f"theme:{r}", "name": f"Row {r}",
                       "tiles": [[t, 1000 + t, 0.2, 0.5, 90] for t in range(40)]}
                      for r in range(40)]}  # fmt: skip
    out = []
    for i in range(n):
        page = i % 60 == 0
        out.append(
            make_event(
                session_id=1 + i // 1000, profile_id=1, seq=i % 1000, t_ms=1_767_297_600_000 + i,
                wall_time=1.7e9 + i / 1000, type="page_view" if page else "impression",
                page_id=f"{1 + i // 1000}.{i // 60}", row_id=None if page else "theme:1",
                row_pos=None if page else i % 7, col_pos=None if page else i % 6,
                title_id=None if page else 1 + i % 500, artwork_id=None if page else 1 + i % 900,
                value=None if page else 0.25, policy="als", propensity=None if page else 0.2,
                context={"hour": 20, "device": "tv"}, payload=slate if page else None,
            )
        )  # fmt: skip
    return out


def run(rows: list[dict], batch: int) -> float:
    """Seconds to append and write ``rows`` with a flush every ``batch`` events."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_catalog_file(Path(tmp) / "bench.db")
        store = EventStore(engine, background=False)
        started = time.perf_counter()
        for start in range(0, len(rows), batch):
            for row in rows[start : start + batch]:
                store.append(row)
            store.flush()
        seconds = time.perf_counter() - started
        store.close()
        engine.dispose()
    return seconds


def main() -> None:
    """Print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rows = events(args.events)
    batched = [args.events / run(rows, args.batch) for _ in range(args.repeats)]
    single_n = min(2_000, args.events)
    single = [single_n / run(rows[:single_n], 1) for _ in range(args.repeats)]
    med, one = statistics.median(batched), statistics.median(single)
    spread = f"min {min(batched):,.0f}, max {max(batched):,.0f}"
    print(
        f"batched ({args.batch}/transaction): median {med:,.0f} events/s "
        f"({spread}, {args.repeats} runs)"
    )
    print(f"one transaction per event: median {one:,.0f} events/s; ratio {med / one:.1f}x")


if __name__ == "__main__":
    main()
