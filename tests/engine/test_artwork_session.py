"""The artwork bandit inside sessions: propensities logged, change effect, rewards, config."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from netflix_sim.engine import Catalog, VirtualClock, open_catalog
from netflix_sim.engine.artwork import BanditConfig
from netflix_sim.engine.events import read_events


def test_every_impression_logs_the_propensity_of_the_artwork_shown(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    page = session.home()
    row = page.rows[7]
    for col, tile in enumerate(row.tiles[:8]):
        session.focus(row.id, 7, col, tile.title_id)
    session.flush()
    impressions = read_events(catalog.engine, session_id=session.id, types=["impression"])
    assert len(impressions) >= 30
    tiles = {(r.id, c): t for r in page.rows for c, t in enumerate(r.tiles)}
    for event in impressions:
        tile = tiles[(event["row_id"], event["col_pos"])]
        assert event["artwork_id"] == tile.artwork_id
        assert 0 < event["propensity"] <= 1
        assert event["propensity"] == pytest.approx(tile.propensity)
    slate = json.loads(
        read_events(catalog.engine, session_id=session.id, types=["page_view"])[0]["payload"]
    )
    assert slate["rows"][0]["tiles"][0][1:3] == [
        page.rows[0].tiles[0].artwork_id,
        page.rows[0].tiles[0].propensity,
    ]


def test_a_title_keeps_its_artwork_for_the_whole_session(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    seen: dict[int, int] = {}
    for _ in range(3):
        for row in session.home().rows:
            for tile in row.tiles:
                assert seen.setdefault(tile.title_id, tile.artwork_id) == tile.artwork_id
    card = session.title_card(next(iter(seen)))
    assert card.artwork_id == seen[card.title_id]


def test_the_change_effect_limits_switches_across_sessions(catalog: Catalog) -> None:
    profile = catalog.profiles()[0]
    first = catalog.start_session(profile, clock=VirtualClock(), seed=1)
    page = first.home()
    shown = {t.title_id: t.artwork_id for r in page.rows[:5] for t in r.tiles[:6]}
    first.end()
    second = catalog.start_session(profile, clock=VirtualClock(), seed=2)
    index = catalog.index
    titles = np.asarray([index.index_of[t] for t in shown])
    positions, propensities = second.artwork_for(titles)
    kept = index.artwork_ids[positions] == np.asarray(list(shown.values()))
    multi = index.artwork_count[titles] > 1
    assert kept[multi].mean() >= 0.7  # stickiness 0.8 (plus the chance of redrawing it)
    assert (propensities[kept] >= 0.8).all()


def test_plays_reward_the_artwork_they_started_from(catalog: Catalog) -> None:
    clock = VirtualClock()
    session = catalog.start_session(catalog.profiles()[0], clock=clock)
    page = session.home()
    tile = page.rows[0].tiles[0]
    aspect = catalog.bandit.aspect_id[tile.aspect]
    before = catalog.bandit.to_arrays()["target"]
    state = session.play(tile.title_id, speed=60, row_id=page.rows[0].id, row_pos=0, col_pos=0)
    clock.advance(30)  # 30 minutes of content
    session.stop()
    after = catalog.bandit.to_arrays()["target"]
    assert state.duration_s > 0
    assert not np.allclose(before[aspect], after[aspect])
    others = [a for a in range(len(catalog.bandit.aspects)) if a != aspect]
    np.testing.assert_allclose(after[others], before[others])  # only the shown aspect earns


def test_uniform_artwork_is_one_setting_away(catalog_path: Path) -> None:
    with open_catalog(catalog_path, artwork=BanditConfig(epsilon=1.0, stickiness=0.0)) as cat:
        session = cat.start_session(cat.profiles()[0], clock=VirtualClock())
        for row in session.home().rows[:10]:
            for tile in row.tiles:
                count = cat.index.artwork_count[cat.index.index_of[tile.title_id]]
                assert tile.propensity == pytest.approx(1.0 / count)


def test_the_bandit_is_saved_beside_the_catalog(catalog_path: Path) -> None:
    with open_catalog(catalog_path) as cat:
        session = cat.start_session(cat.profiles()[0], clock=VirtualClock())
        session.home()
        learned = cat.bandit.impressions.copy()
    assert learned.sum() > 0
    assert catalog_path.with_name(catalog_path.stem + ".artwork.npz").exists()
    with open_catalog(catalog_path) as again:
        np.testing.assert_allclose(again.bandit.impressions, learned)


def test_the_trailer_bandit_learns_from_plays_and_is_saved(catalog_path: Path) -> None:
    with open_catalog(catalog_path) as cat:
        fresh = cat.trailers.bandit.to_arrays()
        session = cat.start_session(cat.profiles()[0], clock=VirtualClock())
        tile = session.home().rows[0].tiles[0]
        session.open_details(tile.title_id)  # shows its preview
        session.play(tile.title_id, speed=60)
        session.clock.advance(60)
        session.stop()  # rewards the preview's aspect with the minutes watched
        learned = cat.trailers.bandit.to_arrays()
    assert not np.array_equal(learned["target"], fresh["target"])
    assert catalog_path.with_name(catalog_path.stem + ".trailers.npz").exists()
    with open_catalog(catalog_path) as again:
        np.testing.assert_allclose(again.trailers.bandit.to_arrays()["target"], learned["target"])
