"""Benchmark: one new signal (fold-in) plus a full home page, on a seeded catalog.

Usage: python bench/bench_page.py [--titles N] [--repeat R] [--db PATH]
Prints medians in ms; the catalog is seeded into a temporary folder unless --db is given.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from netflix_sim.engine import VirtualClock, open_catalog


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--titles", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            from netflix_sim.seed import seed_catalog

            t0 = time.perf_counter()
            seed_catalog(db, titles=args.titles, profiles=3, seed=1)
            print(f"seed {args.titles:,} titles: {time.perf_counter() - t0:.2f} s")
        t0 = time.perf_counter()
        catalog = open_catalog(db)
        print(f"open (train or load model): {time.perf_counter() - t0:.2f} s")
        clock = VirtualClock()
        session = catalog.start_session(catalog.profiles()[0], clock=clock)
        page = session.home()
        fold_ms, page_ms, both_ms = [], [], []
        for i in range(args.repeat):
            tile = page.rows[i % len(page.rows)].tiles[i % 5]
            clock.advance(5)
            t0 = time.perf_counter()
            session.thumbs(tile.title_id, 1)  # records the signal and refits the profile
            t1 = time.perf_counter()
            page = session.home()
            t2 = time.perf_counter()
            fold_ms.append((t1 - t0) * 1000)
            page_ms.append((t2 - t1) * 1000)
            both_ms.append((t2 - t0) * 1000)
        catalog.close()
    print(
        f"titles={catalog.index.n:,} rows={len(page.rows)} repeat={args.repeat}: "
        f"record signal median {statistics.median(fold_ms):.2f} ms, "
        f"fold-in + page median {statistics.median(page_ms):.2f} ms, "
        f"both {statistics.median(both_ms):.2f} ms"
    )


if __name__ == "__main__":
    main()
