"""Helpers for the bot tests: a synthetic ground truth and a driver over a fixed page."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from netflix_sim.bots.actions import (
    Abandon,
    Action,
    Back,
    Leave,
    Move,
    OpenDetails,
    Play,
    Stop,
    Wait,
    Watch,
)
from netflix_sim.bots.driver import DETAILS, ENDED, HOME, PLAYER, View
from netflix_sim.bots.truth import GroundTruth
from netflix_sim.engine.types import Context, Page, PlaybackState, Row, Tile, TitleCard
from netflix_sim.seed.ground_truth import TASTE_DIMS, TruthVectors

N_TITLES = 400
START_MS = 1_767_297_600_000


def synthetic_truth(n: int = N_TITLES, seed: int = 5) -> GroundTruth:
    """Random unit title vectors (ids 1..n), one artwork per title (id = 1000 + title)."""
    rng = np.random.default_rng(seed)
    v = np.abs(rng.normal(size=(n, len(TASTE_DIMS)))).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return GroundTruth(
        TruthVectors(
            dims=TASTE_DIMS,
            title_ids=np.arange(1, n + 1),
            title_vectors=v,
            artwork_ids=np.arange(1001, 1001 + n),
            artwork_vectors=v.copy(),
            profile_ids=np.zeros(0, dtype=np.int64),
            profile_vectors=np.zeros((0, len(TASTE_DIMS)), dtype=np.float32),
        )
    )


def make_page(title_ids: list[list[int]], page_id: str = "1.1") -> Page:
    """A page whose row ``r`` shows ``title_ids[r]`` (artwork 1000 + title, match 80)."""
    rows = tuple(
        Row(
            id=f"theme:{r}",
            name=f"Row {r}",
            reason="",
            kind="theme",
            tiles=tuple(
                Tile(
                    title_id=t,
                    name=f"Title {t}",
                    kind="movie",
                    year=2020,
                    artwork_id=1000 + t,
                    aspect="classic scene",
                    palette=("#000000", "#ffffff"),
                    match=80,
                    score=0.0,
                    propensity=1.0,
                    reason="",
                )
                for t in ids
            ),
        )
        for r, ids in enumerate(title_ids)
    )
    return Page(page_id, 1, "test", Context(hour=20, device="tv"), rows)


class StaticDriver:
    """A driver over one fixed page with the TUI's cursor rules and no engine.

    Rows remember their cursor; up/down land on it; a rebuilt page (after details) is the
    same page. Details show a minimal card; plays last ``runtime_s``. Records every focus.
    """

    def __init__(self, page: Page, *, runtime_s: float = 5400.0) -> None:
        self.page = page
        self.now = START_MS
        self.screen = HOME
        self.row = self.col = 0
        self.cursors = [0] * len(page.rows)
        self.focused: list[tuple[int, int]] = [(0, 0)]
        self.card: TitleCard | None = None
        self.runtime_s = runtime_s
        self.position = 0.0
        self.ended: Action | None = None

    def view(self) -> View:
        playback = None
        if self.screen == PLAYER and self.card is not None:
            playback = PlaybackState(
                self.card.title_id, self.runtime_s, self.position, self.position, True, 60.0
            )
        card = self.card if self.screen in (DETAILS, PLAYER) else None
        return View(self.screen, self.now, self.page, self.row, self.col, card, playback)

    def start(self) -> View:
        return self.view()

    def act(self, action: Action) -> View:
        if isinstance(action, Wait):
            self.now += round(action.seconds * 1000)
        elif isinstance(action, Watch):
            self.now += round(action.seconds / 60 * 1000)
            self.position += action.seconds
        elif isinstance(action, Move) and self.screen == HOME:
            self._move(action.direction)
        elif isinstance(action, OpenDetails) and self.screen == HOME:
            tile = self.page.rows[self.row].tiles[self.col]
            self.card = TitleCard(
                tile.title_id, tile.name, "movie", 2020, "PG", 90, None, None, "", (), (), (),
                80, None, False,
            )  # fmt: skip
            self.screen = DETAILS
        elif isinstance(action, Play) and self.screen == DETAILS:
            self.screen, self.position = PLAYER, 0.0
        elif isinstance(action, Stop) and self.screen == PLAYER:
            self.screen = DETAILS
        elif isinstance(action, Back) and self.screen == DETAILS:
            self.screen = HOME
            self.focused.append((self.row, self.col))
        elif isinstance(action, Abandon | Leave):
            self.screen, self.ended = ENDED, action
        return self.view()

    def _move(self, direction: str) -> None:
        rows = self.page.rows
        if direction in ("up", "down"):
            row = max(0, min(len(rows) - 1, self.row + (1 if direction == "down" else -1)))
            if row == self.row:
                return
            self.cursors[self.row] = self.col
            self.row, self.col = row, self.cursors[row]
        else:
            tiles = rows[self.row].tiles
            col = max(0, min(len(tiles) - 1, self.col + (1 if direction == "right" else -1)))
            if col == self.col:
                return
            self.col = col
        self.focused.append((self.row, self.col))


@pytest.fixture
def truth() -> GroundTruth:
    return synthetic_truth()


PageOf = Callable[[list[list[int]]], Page]
