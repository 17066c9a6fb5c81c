"""Benchmark: the TUI's start to a painted home page, and keypress to repainted screen.

Usage: python bench/bench_tui.py [--db PATH] [--starts N] [--keys K] [--size 160x48]

Without ``--db`` it seeds the default catalog (``netflix-sim seed`` defaults: 2,000 titles,
5 profiles) in a temporary folder and trains it once (as a first launch does), so each
measured start is a later start. Every start, and the keys, run on a private copy of the
catalog made just before (``copy_catalog``: the saved models too), so each begins from the
same state and ``--db`` is never written to. Reported as medians (and 90th percentiles):

- start: a fresh interpreter per run (``python bench/bench_tui.py --once``): from process
  start, through imports, opening the catalog, ``make_app`` and the app's start, to the first
  profile's home page shown and painted (the pilot's ``pause()`` waits for idle and
  refreshes the screen), headless at the given size;
- keys: in one app on the home page, the time from a key press to the screen repainted:
  ``pilot.press(key)`` (which waits until the app is idle) then ``pilot.pause()``. Moves
  (down, right, left, up, cycled) are one figure; Enter (details open) and Esc (back home,
  the page rebuilt in a worker, waited for: ``app.workers.wait_for_complete()``) one each;
- key to last frame: the same keys, timed from the press to the end of the last screen
  refresh it caused (the compositor's update, recorded by wrapping every screen's
  refresh), so without the pilot's own waiting for idle afterwards; and the pilot's floor:
  an unbound key (no work, no refresh) timed like the moves.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

T0 = time.perf_counter()  # as early as possible: the --once child measures from here


def quantile(values: list[float], q: float) -> float:
    """The ``q`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _start_once(db: Path, size: tuple[int, int]) -> float:
    from netflix_sim.startup import loading_for_good

    with loading_for_good():  # as netflix-sim loads the app (netflix_sim.cli.run_tui)
        from netflix_sim.engine import VirtualClock
        from netflix_sim.tui.app import make_app
        from netflix_sim.tui.screens.home import HomeScreen

        app = make_app(db, profile=1, clock=VirtualClock(), onboarding=False)
    async with app.run_test(size=size) as pilot:
        while not (isinstance(app.screen, HomeScreen) and app.screen.pages_shown):
            await asyncio.sleep(0.002)
        await pilot.pause()
        return time.perf_counter() - T0


async def _keys(db: Path, size: tuple[int, int], presses: int) -> dict[str, list[float]]:
    from netflix_sim.engine import VirtualClock
    from netflix_sim.tui.app import make_app
    from netflix_sim.tui.screens.home import HomeScreen

    app = make_app(db, profile=1, clock=VirtualClock(), onboarding=False)
    gc.freeze()  # as netflix-sim does once the app is made (netflix_sim.startup)
    names = ["move", "move, to last frame", "unbound key"]
    names += ["Enter (details)", "Enter, to last frame", "Esc (home)", "Esc, to last frame"]
    timings: dict[str, list[float]] = {name: [] for name in names}
    frames = _frame_probe()
    async with app.run_test(size=size) as pilot:
        while not (isinstance(app.screen, HomeScreen) and app.screen.pages_shown):
            await asyncio.sleep(0.002)
        await pilot.pause()
        cycle = ["down", "right", "right", "down", "left", "up", "right", "down"]
        for i in range(presses):
            await _timed(pilot, cycle[i % len(cycle)], frames, timings, "move")
        for _ in range(max(3, presses // 4)):
            await _timed(pilot, "z", frames, timings, "unbound key")
        for _ in range(max(3, presses // 5)):
            await _timed(pilot, "enter", frames, timings, "Enter (details)", "Enter")
            await _timed(pilot, "escape", frames, timings, "Esc (home)", "Esc")
    return timings


async def _timed(
    pilot: Any,
    key: str,
    frames: list[float],
    timings: dict[str, list[float]],
    name: str,
    short: str | None = None,
) -> None:
    """Press ``key``, wait for workers and the repaint, and record under ``name`` (and the
    last frame under ``"<short or name>, to last frame"``)."""
    frames.clear()
    t = time.perf_counter()
    await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    timings[name].append(time.perf_counter() - t)
    if frames:
        timings.setdefault(f"{short or name}, to last frame", []).append(frames[-1] - t)


def _frame_probe() -> list[float]:
    """Times at which any screen finished a compositor refresh (appended to the list).

    Wraps ``Screen._compositor_refresh`` (a Textual internal: a benchmark's probe only).
    """
    from textual.screen import Screen

    finished: list[float] = []
    refresh = Screen._compositor_refresh

    def timed(screen: Screen) -> None:
        refresh(screen)
        finished.append(time.perf_counter())

    Screen._compositor_refresh = timed  # type: ignore[method-assign]
    return finished


def seed_default(folder: Path) -> Path:
    """The default catalog, seeded and trained once."""
    from netflix_sim.engine import open_catalog
    from netflix_sim.seed import seed_catalog

    db = folder / "catalog.db"
    seed_catalog(db)
    open_catalog(db).close()
    return db


def private_copy(db: Path, folder: Path) -> Path:
    """A copy of the catalog at ``db`` (and its saved models) in ``folder``."""
    from netflix_sim.engine.database import copy_catalog

    folder.mkdir()
    copy = folder / db.name
    copy_catalog(db, copy)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="a seeded catalog (default: seed one)")
    parser.add_argument("--starts", type=int, default=7, help="fresh-process starts")
    parser.add_argument("--keys", type=int, default=80, help="moves timed on the home page")
    parser.add_argument("--size", default="160x48", help="terminal size, WxH")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    size = (width, height)

    if args.once:  # a child: one start, its seconds on stdout
        print(f"{asyncio.run(_start_once(args.db, size)):.4f}")
        return

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or seed_default(Path(tmp))
        starts = []
        for i in range(args.starts):
            run_db = private_copy(db, Path(tmp) / f"start{i}")
            out = subprocess.run(
                [sys.executable, __file__, "--once", "--db", str(run_db), "--size", args.size],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            starts.append(float(out.strip().splitlines()[-1]))
        keys = asyncio.run(_keys(private_copy(db, Path(tmp) / "keys"), size, args.keys))

    print(f"TUI at {width}x{height} on {args.db or 'the default catalog (2,000 titles)'}")
    rows = [("start to painted home", starts, 1.0)] if starts else []
    rows += [(f"key to repaint: {k}", v, 0.050) for k, v in keys.items() if v]
    for name, values, target in rows:
        med = statistics.median(values)
        print(
            f"  {name:<48} median {med * 1000:7.1f} ms   p90 {quantile(values, 0.9) * 1000:7.1f} ms"
            f"   n={len(values):<3}  target {target * 1000:.0f} ms: {med / target:.2f}x"
        )


if __name__ == "__main__":
    main()
