"""Benchmark: one new signal, then a 40-row home page, against a naive per-row build.

Usage: python bench/bench_page.py --db PATH [--repeat R]

Three timings per repeat, in one run, reported as medians:
- signal + fold-in + page: ``session.thumbs()`` then ``session.build_page()`` (refit the
  profile (the ALS fold-in: the exact solve of implicit's user objective, in numpy), score
  every title, build 40 rows);
- the same through ``session.home()``, which also logs the page_view (whole slate) and the
  first-screen impressions and flushes them to SQLite;
- naive: the rows chosen the straightforward way: implicit's ``recommend(..., items=<the
  theme's titles>, N=40, recalculate_user=True)`` once per candidate row (every theme of
  the catalog), rows ranked by their top-10 mean score, the best 40 kept. It does less than
  ours (no system rows, diversity, reasons, artwork, context or logging).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from threadpoolctl import threadpool_limits

from netflix_sim.engine import VirtualClock, open_catalog


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="a seeded catalog")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp())  # a private copy: every run starts from the same state
    db = work / args.db.name
    shutil.copy(args.db, db)
    for extra in (".factors.npz", ".artwork.npz"):
        saved = args.db.with_name(args.db.stem + extra)
        if saved.exists():
            shutil.copy(saved, work / saved.name)
    t0 = time.perf_counter()
    catalog = open_catalog(db)
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
            session.build_page()
            build_ms.append((time.perf_counter() - t0) * 1000)

            t0 = time.perf_counter()
            session.dwell(tile.title_id, 3.0)
            page = session.home()
            home_ms.append((time.perf_counter() - t0) * 1000)

            feedback = session.signals.feedback_row(clock.now_ms()).tocsr()  # implicit's input
            t0 = time.perf_counter()
            naive_rows = []
            for theme in catalog.themes.themes:  # every candidate row, as ours considers them
                ids, row_scores = model.recommend(
                    0,
                    feedback,
                    N=min(40, len(theme.members)),
                    items=theme.members,
                    recalculate_user=True,
                    filter_already_liked_items=False,
                )
                naive_rows.append((float(row_scores[:10].mean()), theme.id, ids))
            naive_rows.sort(key=lambda r: -r[0])
            del naive_rows[40:]
            naive_ms.append((time.perf_counter() - t0) * 1000)
    catalog.close()
    shutil.rmtree(work)
    build, home, naive = (statistics.median(x) for x in (build_ms, home_ms, naive_ms))
    print(
        f"titles={catalog.index.n:,} rows={len(page.rows)} repeat={args.repeat} "
        f"open={opened:.2f}s: signal+fold-in+page {build:.2f} ms, "
        f"with logging (home) {home:.2f} ms, naive per-row recommend {naive:.2f} ms "
        f"({len(catalog.themes.themes)} candidate rows), "
        f"naive/ours {naive / build:.1f}x"
    )


if __name__ == "__main__":
    main()
