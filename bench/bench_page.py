"""Benchmark: one new signal, then a 40-row home page, against a naive per-row build.

Usage: python bench/bench_page.py --db PATH [--repeat R]

Three timings per repeat, in one run, reported as medians:
- signal + fold-in + page: ``session.thumbs()`` then ``session.build_page()`` (refit the
  profile with implicit's ``recalculate_user``, score every title, build 40 rows);
- the same through ``session.home()``, which also logs the page_view (whole slate) and the
  first-screen impressions and flushes them to SQLite;
- naive: the same 40 rows filled by calling implicit's ``recommend(..., items=<the row's
  candidate titles>, recalculate_user=True)`` once per row, as a straightforward
  integration would (no diversity, reasons, artwork or context: it does less work).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from netflix_sim.engine import VirtualClock, open_catalog


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="a seeded catalog")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    t0 = time.perf_counter()
    catalog = open_catalog(args.db)
    opened = time.perf_counter() - t0
    clock = VirtualClock()
    session = catalog.start_session(catalog.profiles()[0], clock=clock)
    page = session.home()
    model = catalog.recommender.model
    build_ms, home_ms, naive_ms = [], [], []
    with threadpool_limits(1, "blas"):
        for i in range(args.repeat):
            tile = page.rows[i % len(page.rows)].tiles[i % 5]
            clock.advance(5)

            t0 = time.perf_counter()
            session.thumbs(tile.title_id, 1)
            built = session.build_page()
            build_ms.append((time.perf_counter() - t0) * 1000)

            t0 = time.perf_counter()
            session.dwell(tile.title_id, 3.0)
            page = session.home()
            home_ms.append((time.perf_counter() - t0) * 1000)

            feedback = session.signals.feedback_row(clock.now_ms())
            t0 = time.perf_counter()
            for row in built.rows:
                theme = catalog.themes.by_id.get(row.id)
                if theme is not None:  # a themed row: rank all of the theme's titles
                    members = theme.members
                else:  # a system row: rank its titles
                    members = np.asarray([catalog.index.index_of[t.title_id] for t in row.tiles])
                model.recommend(
                    0,
                    feedback,
                    N=min(40, len(members)),
                    items=members,
                    recalculate_user=True,
                    filter_already_liked_items=False,
                )
            naive_ms.append((time.perf_counter() - t0) * 1000)
    catalog.close()
    build, home, naive = (statistics.median(x) for x in (build_ms, home_ms, naive_ms))
    print(
        f"titles={catalog.index.n:,} rows={len(page.rows)} repeat={args.repeat} "
        f"open={opened:.2f}s: signal+fold-in+page {build:.2f} ms, "
        f"with logging (home) {home:.2f} ms, naive per-row recommend {naive:.2f} ms, "
        f"naive/ours {naive / build:.1f}x"
    )


if __name__ == "__main__":
    main()
