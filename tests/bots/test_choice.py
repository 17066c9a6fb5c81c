"""The choice model on a fixed page: position bias, patience, clicks by fit, determinism."""

from __future__ import annotations

import numpy as np

from netflix_sim.bots.actions import Abandon, Leave, OpenDetails, Play, Wait
from netflix_sim.bots.choice import Bot, intra_page_diversity
from netflix_sim.bots.driver import drive
from netflix_sim.bots.personas import PATIENCE_S, sample_persona
from netflix_sim.bots.truth import GroundTruth

from .conftest import StaticDriver, make_page, synthetic_truth


def ranked_titles(truth: GroundTruth, persona_seed: int, kind: str = "action_fan") -> tuple:
    persona = sample_persona(0, kind, np.random.default_rng(persona_seed))
    mine = truth.for_persona(persona)
    ids = truth.vectors.title_ids
    order = sorted(ids.tolist(), key=lambda t: mine.utility(t))
    return persona, order  # worst first


def grid(ids: list[int], rows: int = 8, cols: int = 20) -> list[list[int]]:
    return [ids[r * cols : (r + 1) * cols] for r in range(rows)]


def run(persona, truth, page, seed: int) -> tuple[StaticDriver, Bot]:
    driver = StaticDriver(page)
    bot = Bot(persona, truth, np.random.default_rng(seed))
    drive(driver, bot)
    return driver, bot


def test_a_bot_shown_nothing_it_likes_abandons_after_its_patience(truth: GroundTruth) -> None:
    for seed in range(12):
        persona, order = ranked_titles(truth, seed)
        page = make_page(grid(order[:160]))  # the worst 40 % of the catalogue for it
        driver, bot = run(persona, truth, page, seed)
        record = bot.record()
        assert isinstance(driver.ended, Abandon) and record.abandoned
        assert record.plays == 0 and record.watch_s == 0
        assert PATIENCE_S[0] <= record.browse_s <= PATIENCE_S[1]
        assert abs(record.browse_s - persona.patience_s) < 0.01  # it gives up on the dot
        assert record.reviewed >= 5


def test_attention_falls_with_the_row_and_the_column() -> None:
    truth = synthetic_truth(2000)
    rows, cols = np.zeros(40), np.zeros(20)
    for seed in range(40):
        persona, order = ranked_titles(truth, seed)
        middle = order[200:1000]  # nothing tempting: the whole patience goes into looking
        page = make_page(grid(middle, rows=40))
        _, bot = run(persona, truth, page, 100 + seed)
        where = {
            t.title_id: (r, c) for r, row in enumerate(page.rows) for c, t in enumerate(row.tiles)
        }
        for title_id in bot.state.reviewed:
            r, c = where[title_id]
            rows[r] += 1
            cols[c] += 1
    assert rows[0] > rows[3] > rows[8]
    assert rows[:5].sum() > rows[5:10].sum() > rows[20:25].sum()
    assert cols[0] > cols[2] > cols[5] > cols[10]


def test_appealing_tiles_are_opened_and_played(truth: GroundTruth) -> None:
    played = 0
    for seed in range(12):
        persona, order = ranked_titles(truth, seed, "binge_drama")
        page = make_page(grid(order[::-1][:160]))  # its best titles first
        driver, bot = run(persona, truth, page, seed)
        decisions = bot.state.decisions
        assert OpenDetails() in decisions
        played += Play() in decisions
        assert not isinstance(driver.ended, Abandon)
    assert played >= 10


def test_watching_grows_with_fit(truth: GroundTruth) -> None:
    def watched(order_slice: slice) -> float:
        total = 0.0
        for seed in range(30):
            persona, order = ranked_titles(truth, seed, "action_fan")
            ids = order[order_slice]
            page = make_page([ids[:1] * 3])  # one title, shown thrice
            _, bot = run(persona, truth, page, seed)
            total += sum(p.fraction for p in bot.state.plays)
        return total

    assert watched(slice(-1, None)) > watched(slice(-12, -11))


def test_same_seed_same_decisions(truth: GroundTruth) -> None:
    persona, order = ranked_titles(truth, 3)
    page = make_page(grid(order[::-1][:40] + order[:120]))
    _, first = run(persona, truth, page, 11)
    _, second = run(persona, truth, page, 11)
    _, other = run(persona, truth, page, 12)
    assert first.state.decisions == second.state.decisions
    assert first.record() == second.record()
    assert first.state.decisions != other.state.decisions
    assert all(isinstance(a, Wait) or a != Leave() for a in first.state.decisions[:-1])


def test_intra_page_diversity() -> None:
    same = np.tile(np.eye(3)[:1], (4, 1))
    assert intra_page_diversity(same) == 0.0
    assert abs(intra_page_diversity(np.eye(3)) - 1.0) < 1e-12
    assert intra_page_diversity(np.eye(3)[:1]) == 0.0
