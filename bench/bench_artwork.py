"""Benchmark: the artwork bandit choosing every tile's variant on a full home page.

Usage: python bench/bench_artwork.py [--tiles N] [--aspects A] [--samples M] [--repeat R]
                                     [--db PATH]
Synthetic titles with 3..9 variants over A aspects (a seeded catalog's with --db); prints
medians in ms of choose() alone (posterior cached) and of observe(page) + choose().
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from netflix_sim.engine.artwork import ArtworkBandit, BanditConfig, n_profile_features

GENRES = 14


def synthetic(rng: np.random.Generator, n: int, n_aspects: int) -> tuple[np.ndarray, ...]:
    """(start, count, aspect ids) for n titles of 3..9 variants, extra close-ups (aspect 0)."""
    names: list[np.ndarray] = []
    for _ in range(n):
        k = int(rng.integers(3, 10))
        distinct = rng.permutation(n_aspects)[: min(k, n_aspects)]
        names.append(np.concatenate([distinct, np.zeros(k - len(distinct), dtype=np.int64)]))
    count = np.asarray([len(a) for a in names], dtype=np.int64)
    start = np.concatenate([[0], np.cumsum(count)[:-1]]).astype(np.int64)
    return start, count, np.concatenate(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tiles", type=int, default=1_600)
    parser.add_argument("--aspects", type=int, default=9)
    parser.add_argument("--samples", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()

    rng = np.random.default_rng(1)
    d = n_profile_features(GENRES)
    config = BanditConfig(samples=args.samples)
    if args.db:
        from sqlalchemy import create_engine

        from netflix_sim.engine.title_index import TitleIndex

        engine = create_engine(f"sqlite:///{args.db}")
        index = TitleIndex(engine)
        engine.dispose()
        aspects = sorted(set(index.artwork_aspect))
        bandit = ArtworkBandit(aspects, d, config)
        start, count = index.artwork_start, index.artwork_count
        aspect = bandit.aspect_ids(index.artwork_aspect)
        titles = rng.choice(index.n, size=min(args.tiles, index.n), replace=False)
    else:
        bandit = ArtworkBandit([f"aspect {i}" for i in range(args.aspects)], d, config)
        start, count, aspect = synthetic(rng, args.tiles, args.aspects)
        titles = np.arange(args.tiles)
    n_a = len(bandit.aspects)
    bandit.observe(rng.random((2_000, d)), rng.integers(0, n_a, 2_000), rng.random(2_000) * 30)
    x = rng.random(d)
    previous = np.where(rng.random(len(titles)) < 0.3, start[titles], -1)

    choose_ms, page_ms = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        pos, _ = bandit.choose(x, titles, start, count, aspect, rng, previous)
        t1 = time.perf_counter()
        bandit.observe(x, aspect[pos[:30]])  # a first screen of impressions
        bandit.choose(x, titles, start, count, aspect, rng, previous)
        t2 = time.perf_counter()
        choose_ms.append((t1 - t0) * 1000)
        page_ms.append((t2 - t1) * 1000)
    print(
        f"tiles={len(titles):,} aspects={n_a} samples={args.samples} d={d} "
        f"repeat={args.repeat}: choose median {statistics.median(choose_ms):.2f} ms, "
        f"observe + choose median {statistics.median(page_ms):.2f} ms"
    )


if __name__ == "__main__":
    main()
